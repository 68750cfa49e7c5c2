/**
 * FormView with the material renderers, as the task page uses it: the parent keeps the data, FormView feeds it
 * back to JSON Forms with the computed fields filled in. Typing must never lose a character, even when the
 * next keystroke lands between FormView's onChange and the parent's re-render.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useCallback, useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FormView } from '../../../web/src/forms/FormView';
import { I18nProvider } from '../../../web/src/i18n/I18nContext';

afterEach(cleanup);

const form = {
  schema: {
    type: 'object',
    properties: {
      a: { type: 'number' },
      b: { type: 'number' },
      note: { type: 'string' },
      total: { type: 'number', 'x-computed': { '+': [{ var: '$root.a' }, { var: '$root.b' }] } },
    },
  },
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/a', label: 'A' },
      { type: 'Control', scope: '#/properties/b', label: 'B' },
      { type: 'Control', scope: '#/properties/note', label: 'Note' },
      { type: 'Control', scope: '#/properties/total', label: 'Total', options: { readonly: true } },
    ],
  },
};

interface Data {
  a?: number;
  b?: number;
  note?: string;
  total?: number;
}

/**
 * The task page's pattern: state in the parent, updated from onChange. `between` runs once, inside onChange,
 * before the parent re-renders: it stands for a keystroke that arrives in that gap.
 */
function Host({
  initial = {},
  latest,
  between,
}: {
  initial?: Data;
  latest: { current: Data };
  between?: { current?: () => void };
}) {
  const [data, setData] = useState<unknown>(initial);
  const seen = useRef<unknown>(data);
  const onChange = useCallback(
    (next: unknown) => {
      if (next === seen.current) return;
      seen.current = next;
      latest.current = next as Data;
      setData(next);
      const gap = between?.current;
      if (gap) {
        between.current = undefined;
        gap();
      }
    },
    [latest, between],
  );
  return (
    <I18nProvider initial="zh">
      <FormView form={form} data={data} onChange={onChange} />
    </I18nProvider>
  );
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

/** Types one character at a time, as fast as events go (no pause, so the 300 ms input debounce never fires). */
function type(label: string, text: string) {
  const el = input(label);
  act(() => el.focus());
  for (let i = 1; i <= text.length; i++) fireEvent.change(el, { target: { value: text.slice(0, i) } });
}

describe('FormView', () => {
  it('keeps every character typed across fields, with the computed total', async () => {
    const latest = { current: {} as Data };
    render(<Host latest={latest} />);
    type('A', '123');
    act(() => input('A').blur());
    type('B', '45');
    act(() => input('B').blur());
    type('Note', '节能降耗');
    await waitFor(() => expect(latest.current).toEqual({ a: 123, b: 45, note: '节能降耗', total: 168 }), {
      timeout: 5000,
    });
    expect(input('A').value).toBe('123');
    expect(input('B').value).toBe('45');
    expect(input('Note').value).toBe('节能降耗');
    expect(input('Total').value).toBe('168');
  });

  it('keeps a field committed between its onChange and the re-render that feeds the computed data back', async () => {
    const latest = { current: {} as Data };
    const between: { current?: () => void } = {};
    render(<Host initial={{ a: 1, b: 2, total: 3 }} latest={latest} between={between} />);
    type('A', '12');
    // Leaving A commits it at once (the number input flushes on blur); B is typed before JSON Forms reports A.
    type('B', '30');
    // Leaving B commits it too, right after onChange reported A and before the parent re-rendered with it.
    between.current = () => input('B').blur();
    await waitFor(() => expect(between.current).toBeUndefined(), { timeout: 5000 });
    await waitFor(() => expect(latest.current).toEqual({ a: 12, b: 30, total: 42 }), { timeout: 5000 });
    expect(input('B').value).toBe('30');
    expect(input('Total').value).toBe('42');
  });

  it('takes data the parent replaces, even an object it showed before (the designer resets to its example)', async () => {
    const example: Data = { a: 1, b: 2 };
    function Designer() {
      const [data, setData] = useState<unknown>(undefined);
      return (
        <I18nProvider initial="zh">
          <button onClick={() => setData(undefined)}>reset</button>
          <output data-testid="parent-a">{String((data as Data | undefined)?.a ?? '')}</output>
          <FormView form={form} data={data ?? example} onChange={(d) => setData(d)} />
        </I18nProvider>
      );
    }
    render(<Designer />);
    await waitFor(() => expect(input('Total').value).toBe('3'), { timeout: 5000 });
    type('A', '10');
    act(() => input('A').blur());
    await waitFor(() => expect(input('Total').value).toBe('12'), { timeout: 5000 });
    // the parent holds the edited data (onChange reaches it after JSON Forms' own update); then it resets
    await waitFor(() => expect(screen.getByTestId('parent-a').textContent).toBe('10'), { timeout: 5000 });
    fireEvent.click(screen.getByText('reset'));
    await waitFor(() => expect(input('A').value).toBe('1'), { timeout: 5000 });
    expect(input('Total').value).toBe('3');
  });
});
