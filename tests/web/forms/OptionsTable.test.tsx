import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { UISchemaElement } from '@jsonforms/core';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsTableTester } from '../../../web/src/forms/renderers/OptionsTable';
import { bodyPlan, rowRange } from '../../../web/src/forms/renderers/rowWindow';
import { renderForm } from '../support/render';
import { assumptions, optionRows, optionsItem, optionsSchema } from './fixtures';

const control = { type: 'Control', scope: '#/properties/options' } as UISchemaElement;
const cell = (row: number, prop: string) =>
  document.querySelector(`tr[data-row="${row}"] td[data-computed="${prop}"]`)?.textContent;

afterEach(cleanup);

/** A long table edits one row at a time: focusing a cell's text makes the row live and focuses that input. */
async function editCell(label: string): Promise<HTMLInputElement> {
  const view = screen.getByRole('button', { name: new RegExp(`^${label}(: |$)`) });
  act(() => view.focus());
  await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(label)));
  return document.activeElement as HTMLInputElement;
}

describe('optionsTableTester', () => {
  it('ranks 10 when the form asks for the widget and 6 for flat rows with computed fields', () => {
    const asked = { ...optionsSchema, properties: { options: { type: 'array', items: optionsItem, 'x-widget': 'options-table' } } };
    const ctx = { rootSchema: asked, config: {} };
    expect(optionsTableTester(control, asked as never, ctx as never)).toBe(10);
    expect(optionsTableTester(control, optionsSchema, { rootSchema: optionsSchema, config: {} } as never)).toBe(6);
    const plain = { type: 'object', properties: { options: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } } };
    expect(optionsTableTester(control, plain as never, { rootSchema: plain, config: {} } as never)).toBe(-1);
  });
});

describe('OptionsTable', () => {
  it('shows the computed columns of the worked example (I = 10, P = 1.58, 6 %, 25 % tax, 10 years)', () => {
    renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: [{ name: '余热锅炉改造', investment: 10, annualSaving: 1.58 }] },
    });
    expect(cell(0, 'annualCashFlow')).toBe('1.44');
    expect(cell(0, 'npv')).toBe('0.56');
    expect(cell(0, 'irr')).toBe('7.17');
    expect(cell(0, 'payback')).toBe('6.97');
  });

  it('recomputes a row while typing and commits it, with its computed fields, after a pause', async () => {
    const r = renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: [{ name: 'A', investment: 10, annualSaving: 1.58 }] },
    });
    const investment = screen.getByLabelText('investment 行 1') as HTMLInputElement;
    fireEvent.change(investment, { target: { value: '150' } });
    // The row shows the new figures at once, before JSON Forms has the value.
    expect(cell(0, 'payback')).not.toBe('6.97');
    expect((r.data() as { options: { investment: number }[] }).options[0]!.investment).toBe(10);
    const first = () => (r.data() as { options: Record<string, number>[] }).options[0]!;
    await waitFor(() => expect(first().investment).toBe(150));
    const row = first();
    expect(row.payback).toBe(Number(cell(0, 'payback')));
    expect(typeof row.npv).toBe('number');
  });

  it('keeps what the user typed ("1.") while the value is the parsed number', async () => {
    const r = renderForm({ schema: optionsSchema, uischema: control, data: { assumptions, options: [{}] } });
    const input = screen.getByLabelText('investment 行 1') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '1.' } });
    expect(input.value).toBe('1.');
    r.flush();
    await waitFor(() => expect((r.data() as { options: { investment: number }[] }).options[0]!.investment).toBe(1));
    expect(input.value).toBe('1.');
  });

  it('adds and removes rows', async () => {
    const r = renderForm({ schema: optionsSchema, uischema: control, data: { assumptions, options: optionRows(2) } });
    const rows = () => (r.data() as { options: { name?: string }[] }).options;
    fireEvent.click(screen.getByText('添加一行'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByLabelText('删除第 1 行'));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]!.name).toBe('方案 2');
  });

  it('marks the cell a server problem names', () => {
    renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: optionRows(2) },
      additionalErrors: [
        { instancePath: '/options/1/investment', keyword: 'server', schemaPath: '#', params: {}, message: '投资额与可研报告不一致' },
      ],
    });
    const bad = screen.getByLabelText('investment 行 2');
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(bad.getAttribute('title')).toBe('投资额与可研报告不一致');
    expect(screen.getByLabelText('investment 行 1').getAttribute('aria-invalid')).toBeNull();
  });

  it('renders a 50-row table windowed, edits one row without touching the others, and scrolls', async () => {
    const r = renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: optionRows(50) },
    });
    // Only the rows in view (plus overscan) are in the DOM; the table still says it has 50.
    const rendered = document.querySelectorAll('tbody tr[data-row]').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(30);
    expect(document.querySelector('table')!.getAttribute('aria-rowcount')).toBe('51');
    // Rows show their values as text until edited: no input in the table yet.
    expect(r.container.querySelectorAll('tbody input')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'investment 行 3: 12' }).textContent).toBe('12');
    const before = cell(1, 'npv');
    fireEvent.change(await editCell('annualSaving 行 1'), { target: { value: '9' } });
    // One live row: its inputs only.
    expect(r.container.querySelectorAll('tbody tr[data-row="0"] input').length).toBeGreaterThan(0);
    expect(r.container.querySelectorAll('tbody tr:not([data-row="0"]) input')).toHaveLength(0);
    expect(cell(1, 'npv')).toBe(before);
    expect(cell(0, 'npv')).not.toBe(cell(1, 'npv'));
    // Scrolling brings the last rows in.
    const box = r.container.querySelector('[data-windowed]') as HTMLElement;
    box.scrollTop = 33 * 45;
    fireEvent.scroll(box);
    await waitFor(() => expect(document.querySelector('tr[data-row="49"]')).not.toBeNull());
  });

  it('keeps the focused row, its input and its draft while the window scrolls away and back', async () => {
    const r = renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: optionRows(50) },
    });
    const input = await editCell('investment 行 2');
    fireEvent.change(input, { target: { value: '12.' } });
    const box = r.container.querySelector('[data-windowed]') as HTMLElement;
    box.scrollTop = 33 * 45;
    fireEvent.scroll(box);
    await waitFor(() => expect(document.querySelector('tr[data-row="49"]')).not.toBeNull());
    // Row 2 is still there (alone, between spacers), the very same input, focused, with what was typed.
    expect(screen.getByLabelText('investment 行 2')).toBe(input);
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('12.');
    expect(document.querySelector('tr[data-row="10"]')).toBeNull();
    box.scrollTop = 0;
    fireEvent.scroll(box);
    await waitFor(() => expect(document.querySelector('tr[data-row="0"]')).not.toBeNull());
    expect(screen.getByLabelText('investment 行 2')).toBe(input);
  });

  it('makes a row live on a click too (browsers that do not focus clicked buttons), and the last one goes back to text', async () => {
    renderForm({ schema: optionsSchema, uischema: control, data: { assumptions, options: optionRows(50) } });
    fireEvent.click(screen.getByRole('button', { name: 'name 行 4: 方案 4' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('name 行 4')));
    await editCell('investment 行 5');
    expect(screen.queryByLabelText('name 行 4')).toBeNull();
    expect(screen.getByRole('button', { name: 'name 行 4: 方案 4' })).toBeTruthy();
  });

  it('lists the rows with problems in a long table and takes the user to one', async () => {
    renderForm({
      schema: optionsSchema,
      uischema: control,
      data: { assumptions, options: optionRows(50) },
      additionalErrors: [
        {
          instancePath: '/options/44/investment',
          keyword: 'server',
          schemaPath: '#',
          params: {},
          message: '投资额与可研报告不一致',
        },
      ],
    });
    expect(screen.queryByLabelText('investment 行 45')).toBeNull();
    expect(screen.queryByRole('button', { name: /^investment 行 45/ })).toBeNull();
    const list = screen.getByTestId('error-rows');
    expect(list.textContent).toContain('有误的行');
    fireEvent.click(within(list).getByRole('button', { name: '45' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('investment 行 45')));
    expect(document.activeElement!.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('rowRange and bodyPlan', () => {
  it('render everything up to the threshold, then the rows in view with overscan and the focused row', () => {
    expect(rowRange(30, 0, null)).toEqual({ start: 0, end: 30, windowed: false, extra: null });
    expect(rowRange(50, 0, null)).toEqual({ start: 0, end: 23, windowed: true, extra: null });
    expect(rowRange(50, 33 * 30, null)).toEqual({ start: 24, end: 50, windowed: true, extra: null });
    const focused = rowRange(50, 33 * 30, 2);
    expect(focused).toEqual({ start: 24, end: 50, windowed: true, extra: 2 });
    expect(bodyPlan(50, focused)).toEqual([{ at: 0, spacer: 2 }, { rows: [2, 3] }, { at: 3, spacer: 21 }, { rows: [24, 50] }]);
    expect(bodyPlan(50, rowRange(50, 0, 30))).toEqual([{ rows: [0, 23] }, { at: 23, spacer: 7 }, { rows: [30, 31] }, { at: 31, spacer: 19 }]);
    expect(bodyPlan(50, rowRange(50, 0, 5))).toEqual([{ rows: [0, 23] }, { at: 23, spacer: 27 }]);
  });
});
