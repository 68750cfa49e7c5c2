/**
 * Material / energy / water balance (DOMAIN §2): inputs against outputs of the audit focus, and the deviation
 * (Σin − Σout) / Σin × 100 %. The acceptance limit is configurable (the often-quoted ±5 % is unconfirmed), so
 * the renderer takes it from the UI schema.
 */
export interface BalanceLine {
  name?: string;
  quantity?: number;
  unit?: string;
}

export interface BalanceTotals {
  totalIn: number;
  totalOut: number;
  difference: number;
  /** Percent; undefined while there is no input. */
  deviationPercent?: number;
}

const sum = (lines: readonly BalanceLine[] | undefined) =>
  (lines ?? []).reduce((s, l) => s + (typeof l.quantity === 'number' && Number.isFinite(l.quantity) ? l.quantity : 0), 0);

export function balanceTotals(inputs?: readonly BalanceLine[], outputs?: readonly BalanceLine[]): BalanceTotals {
  const totalIn = sum(inputs);
  const totalOut = sum(outputs);
  const difference = totalIn - totalOut;
  return {
    totalIn,
    totalOut,
    difference,
    ...(totalIn > 0 ? { deviationPercent: (difference / totalIn) * 100 } : {}),
  };
}
