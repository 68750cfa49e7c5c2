import type { UISchemaElement } from '@jsonforms/core';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { balanceTotals } from '../../../web/src/forms/balance';
import { balanceTableTester } from '../../../web/src/forms/renderers/BalanceTable';
import { renderForm } from '../support/render';
import { balanceSchema } from './fixtures';

const control = { type: 'Control', scope: '#/properties/waterBalance', label: '水平衡' } as UISchemaElement;
const data = {
  waterBalance: {
    inputs: [
      { name: '自来水', quantity: 80 },
      { name: '地下水', quantity: 20 },
    ],
    outputs: [
      { name: '废水排放', quantity: 70 },
      { name: '蒸发损失', quantity: 25 },
    ],
  },
};

afterEach(cleanup);

describe('balanceTotals', () => {
  it('computes (Σin − Σout) / Σin, with no deviation while there is no input', () => {
    expect(balanceTotals([{ quantity: 4746025 }], [{ quantity: 4646377 }]).deviationPercent).toBeCloseTo(2.0996, 3);
    expect(balanceTotals([], [{ quantity: 1 }]).deviationPercent).toBeUndefined();
  });
});

describe('BalanceTable', () => {
  it('is chosen for x-widget "balance-table"', () => {
    expect(balanceTableTester(control, balanceSchema, { rootSchema: balanceSchema, config: {} } as never)).toBe(10);
  });

  it('shows totals and the deviation from the form rule, flagged against the limit', () => {
    renderForm({ schema: balanceSchema, uischema: control, data });
    const totals = screen.getByTestId('balance-totals').textContent ?? '';
    expect(totals).toContain('输入合计: 100 t/a');
    expect(totals).toContain('输出合计: 95 t/a');
    expect(screen.getByTestId('balance-deviation').textContent).toBe('偏差: 5%');
    expect(screen.getByText('偏差在允许范围（±5%）内')).toBeTruthy();
  });

  it('recomputes as the user types and stores the lines', async () => {
    const r = renderForm({ schema: balanceSchema, uischema: control, data });
    const evaporation = screen.getByLabelText('输出 数量 2');
    fireEvent.change(evaporation, { target: { value: '15' } });
    expect(screen.getByTestId('balance-deviation').textContent).toBe('偏差: 15%');
    expect(screen.getByText('偏差超过允许范围（±5%）')).toBeTruthy();
    fireEvent.blur(evaporation);
    await waitFor(() =>
      expect((r.data() as typeof data).waterBalance.outputs[1]).toEqual({ name: '蒸发损失', quantity: 15 }),
    );
  });

  it('adds an input line', async () => {
    const r = renderForm({ schema: balanceSchema, uischema: control, data });
    fireEvent.click(screen.getAllByText('添加一行')[0]!);
    await waitFor(() => expect((r.data() as typeof data).waterBalance.inputs).toHaveLength(3));
  });
});
