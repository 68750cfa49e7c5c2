import type { UISchemaElement } from '@jsonforms/core';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { checklistTester, detectFields, verdictOf, verdictTester } from '../../../web/src/forms/renderers/Checklist';
import { renderForm } from '../support/render';
import { checklistData, checklistSchema } from './fixtures';

const control = { type: 'Control', scope: '#/properties/checklist', label: '现状调查清单' } as UISchemaElement;
type Items = { checklist: Record<string, unknown>[] };

afterEach(cleanup);

describe('checklist testers and field detection', () => {
  it('takes an array whose rows hold an x-widget "checklist-item" verdict (rank 7) and the bare verdict (10)', () => {
    expect(checklistTester(control, checklistSchema, { rootSchema: checklistSchema, config: {} } as never)).toBe(7);
    const verdict = { type: 'Control', scope: '#/properties/r' } as UISchemaElement;
    const s = { type: 'object', properties: { r: { type: 'string', enum: ['符合'], 'x-widget': 'checklist-item' } } };
    expect(verdictTester(verdict, s as never, { rootSchema: s, config: {} } as never)).toBe(10);
  });

  it('finds the parts of a row by schema and name', () => {
    const items = (checklistSchema.properties!.checklist!.items as { properties: Record<string, never> }).properties;
    expect(detectFields(items)).toEqual({
      text: 'item',
      aspect: 'aspect',
      result: 'result',
      evidence: '',
      evidenceFile: 'evidence',
      improvement: 'reason',
    });
    expect(verdictOf('不适用')).toBe('notApplicable');
    expect(verdictOf('non-compliant')).toBe('nonCompliant');
  });
});

describe('Checklist', () => {
  it('groups items under their aspect and answers 符合 / 不符合 / 不涉及', async () => {
    const r = renderForm({ schema: checklistSchema, uischema: control, data: checklistData });
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['废弃物', '公用工程']);
    const first = screen.getAllByTestId('checklist-item')[0]!;
    fireEvent.click(within(first).getByLabelText('符合'));
    await waitFor(() => expect((r.data() as Items).checklist[0]!.result).toBe('符合'));
    // A compliant item asks for evidence (here: the evidence file).
    expect(within(first).getByText('请提供证据说明或证据文件。')).toBeTruthy();
  });

  it('asks for an improvement option on 不符合 and stores it', async () => {
    const r = renderForm({ schema: checklistSchema, uischema: control, data: checklistData });
    const second = screen.getAllByTestId('checklist-item')[1]!;
    expect(within(second).queryByLabelText(/改进方案/)).toBeNull();
    fireEvent.click(within(second).getByLabelText('不符合'));
    const reason = within(second).getByLabelText(/改进方案/);
    expect(within(second).getByText('“不符合”项须填写改进方案。')).toBeTruthy();
    fireEvent.change(reason, { target: { value: '2027 年前完成联单电子化' } });
    fireEvent.blur(reason);
    await waitFor(() =>
      expect((r.data() as Items).checklist[1]).toMatchObject({ result: '不符合', reason: '2027 年前完成联单电子化' }),
    );
  });

  it('shows a server problem on the item field it names', () => {
    renderForm({
      schema: checklistSchema,
      uischema: control,
      data: { checklist: [checklistData.checklist[0], { ...checklistData.checklist[1], result: '不符合' }] },
      additionalErrors: [
        { instancePath: '/checklist/1/reason', keyword: 'server', schemaPath: '#', params: {}, message: '须说明整改措施' },
      ],
    });
    const second = screen.getAllByTestId('checklist-item')[1]!;
    expect(within(second).getByText('须说明整改措施')).toBeTruthy();
  });
});
