import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import invitation from '../../../forms/expert-invitation.json';
import scoreSheet from '../../../forms/quick-score-sheet.json';
import { yesNoTester } from '../../../web/src/forms/renderers/YesNo';
import { renderForm } from '../support/render';

afterEach(cleanup);

const schema = invitation.schema as unknown as JsonSchema;
const control = (scope: string, options?: Record<string, unknown>) =>
  ({ type: 'Control', scope, ...(options ? { options } : {}) }) as UISchemaElement;
const rank = (u: UISchemaElement, s: JsonSchema = schema) =>
  yesNoTester(u, s, { rootSchema: s, config: {} } as never);

describe('yesNoTester', () => {
  it('takes a boolean its parent requires (the conflict declaration, a veto item), not a pinned pledge', () => {
    expect(rank(control('#/properties/conflict/properties/hasConflict'))).toBe(6);
    expect(rank(control('#/properties/confidentiality'))).toBe(-1);
    const sheet = scoreSheet.schema as unknown as JsonSchema;
    expect(rank(control('#/properties/vetoes/properties/falsified'), sheet)).toBe(6);
  });

  it('leaves optional booleans to the checkbox unless the UI schema asks for yes / no', () => {
    const s = { type: 'object', properties: { veto: { type: 'boolean' } } } as JsonSchema;
    expect(rank(control('#/properties/veto'), s)).toBe(-1);
    expect(rank(control('#/properties/veto', { widget: 'yes-no' }), s)).toBe(10);
  });
});

describe('YesNo', () => {
  it('starts unanswered and stores an explicit false for 否 and true for 是', async () => {
    const r = renderForm({
      schema,
      uischema: control('#/properties/conflict/properties/hasConflict'),
      data: { conflict: {} },
      i18n: invitation.i18n,
    });
    const group = screen.getByRole('radiogroup', { name: /本人与被审企业或其咨询机构存在利害关系/ });
    const [yes, no] = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(yes!.checked || no!.checked).toBe(false);
    fireEvent.click(within(group).getByLabelText('否'));
    await waitFor(() => expect(r.data()).toEqual({ conflict: { hasConflict: false } }));
    fireEvent.click(within(group).getByLabelText('是'));
    await waitFor(() => expect(r.data()).toEqual({ conflict: { hasConflict: true } }));
  });

  it('reads Yes / No in English', () => {
    renderForm({
      schema,
      uischema: control('#/properties/conflict/properties/hasConflict'),
      data: { conflict: { hasConflict: false } },
      i18n: invitation.i18n,
      locale: 'en',
    });
    expect((screen.getByLabelText('No') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Yes')).toBeTruthy();
  });
});
