import { describe, expect, it } from 'vitest';
import {
  annualCashFlow,
  deviationPct,
  irr,
  irrInterpolated,
  npv,
  npvr,
  payback,
  round,
  sum,
} from '../../../../../lambdas/core/forms';

/**
 * The two worked examples of the audit-training material (方案经济评估).
 *
 * Example 1 states the cash flow directly: I = 150 万元, F = 32.5 万元/a over 10 years at 5 %.
 *
 * Example 2 derives it: I = 10 万元, annual saving P = 1.58 万元; straight-line depreciation over Y = 10 years
 * (D = 1), 25 % income tax on T = P − D = 0.58 (E = 0.435), so F = E + D = 1.435. Its figures are consistent
 * with a 6 % discount rate over the same 10 years: NPV = 1.435 × 7.3601 − 10 = 0.56 (at 5 % it would be 1.08,
 * at 7 % 0.08), payback 10 / 1.435 = 6.97 years, and IRR 7.17 % exact (7.18 % by the material's interpolation
 * between 7 % and 8 %) — both "≈ 7.2 %".
 */
describe('economic evaluation', () => {
  it('reproduces worked example 1: NPV ≈ 101 at 5 %, IRR ≈ 17.3 %', () => {
    expect(npv(150, 32.5, 10, 0.05)).toBeCloseTo(100.96, 2);
    expect(irr(150, 32.5, 10)).toBeCloseTo(17.26, 2);
    expect(round(irr(150, 32.5, 10), 1)).toBe(17.3);
    expect(npvr(150, 32.5, 10, 0.05)).toBeCloseTo(67.3, 1);
  });

  it('reproduces worked example 2: F = 1.435, N ≈ 6.97 a, NPV ≈ 0.56 at 6 %, IRR ≈ 7.2 %', () => {
    const f = annualCashFlow(10, 1.58, 10, 0.25);
    expect(f).toBeCloseTo(1.435, 10);
    expect(payback(10, f)).toBeCloseTo(6.97, 2);
    expect(npv(10, f, 10, 0.06)).toBeCloseTo(0.56, 2);
    expect(round(irr(10, f, 10), 1)).toBe(7.2);
    expect(irrInterpolated(10, f, 10, 0.07, 0.08)).toBeCloseTo(7.18, 2);
  });

  it('solves IRR exactly where the textbook interpolation overstates it', () => {
    const exact = irr(150, 32.5, 10) ?? NaN;
    expect(npv(150, 32.5, 10, exact / 100)).toBeCloseTo(0, 8);
    const interpolated = irrInterpolated(150, 32.5, 10, 0.15, 0.2) ?? NaN;
    expect(interpolated).toBeGreaterThan(exact);
  });

  it('finds negative and zero IRRs when the cash never repays the investment', () => {
    expect(irr(100, 10, 10)).toBeCloseTo(0, 6);
    expect(irr(100, 5, 10) ?? 0).toBeLessThan(0);
  });

  it('returns null, never NaN or Infinity, for missing or impossible inputs', () => {
    expect(npv(null, 32.5, 10, 0.05)).toBeNull();
    expect(npv(150, 32.5, 0, 0.05)).toBeNull();
    expect(npv(150, 32.5, 2.5, 0.05)).toBeNull();
    expect(npv(150, 32.5, 10, -1)).toBeNull();
    expect(npv('150', 32.5, 10, 0.05)).toBeNull();
    expect(npvr(0, 32.5, 10, 0.05)).toBeNull();
    expect(irr(150, 0, 10)).toBeNull();
    expect(irr(0, 10, 10)).toBeNull();
    expect(payback(10, 0)).toBeNull();
    expect(annualCashFlow(10, 1.58, 10, 1.5)).toBeNull();
    expect(deviationPct(0, 5)).toBeNull();
    expect(irrInterpolated(150, 32.5, 10, 0.05, 0.1)).toBeNull();
  });

  it('sums a column, skipping blank cells and refusing text', () => {
    expect(sum([{ t: 1 }, { t: 2.5 }, {}, { t: null }], 't')).toBe(3.5);
    expect(sum([1, 2, 3])).toBe(6);
    expect(sum([])).toBe(0);
    expect(sum([{ t: 'x' }], 't')).toBeNull();
    expect(sum('not a list')).toBeNull();
    expect(sum([{}], 'toString')).toBe(0);
  });

  it('rounds half away from zero on decimal values', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-2.5)).toBe(-3);
    expect(round(100.95638, 2)).toBe(100.96);
    expect(round(1e-7, 2)).toBe(0);
    expect(round(1, 13)).toBeNull();
  });

  it('measures a balance deviation in percent', () => {
    expect(deviationPct(200, 190)).toBe(5);
    expect(deviationPct(200, 210)).toBe(-5);
  });
});
