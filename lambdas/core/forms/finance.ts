/**
 * The audit's economic-evaluation formulas (清洁生产审核 方案经济评估) as pure functions. Each returns `null`, never
 * NaN or Infinity, when an input is missing or outside the formula's domain, so a half-filled row shows an
 * empty computed cell instead of garbage. Rates are fractions (0.05 for 5 %), as in spreadsheet NPV();
 * results named "…Pct" or documented "in percent" are percentages.
 */

/** Longest horizon the formulas accept; audit options are appraised over 5–20 years. */
const MAX_YEARS = 100;

function finite(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function years(x: unknown): number | null {
  const n = finite(x);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= MAX_YEARS ? n : null;
}

function result(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Present value of `cash` received at the end of each of `n` years, discounted at `rate`. */
function presentValue(cash: number, n: number, rate: number): number {
  let pv = 0;
  for (let j = 1; j <= n; j++) pv += cash / (1 + rate) ** j;
  return pv;
}

/**
 * Σ_{j=1..n} (1+r)^-j in closed form, (1 − (1+r)^-n) / r: IRR's bisection evaluates it ~45 times per row,
 * and the sum's loop would make that the slowest part of validating an options table.
 */
function annuityFactor(n: number, rate: number): number {
  return Math.abs(rate) < 1e-9 ? n : (1 - (1 + rate) ** -n) / rate;
}

/**
 * Net present value NPV = Σ_{j=1..n} F/(1+i)^j − I.
 * @example npv(150, 32.5, 10, 0.05) // 100.956…
 */
export function npv(investment: unknown, annualCashFlow: unknown, n: unknown, rate: unknown): number | null {
  const [i, f, y, r] = [finite(investment), finite(annualCashFlow), years(n), finite(rate)];
  if (i === null || f === null || y === null || r === null || r <= -1) return null;
  return result(presentValue(f, y, r) - i);
}

/**
 * Net present value ratio NPVR = NPV / I × 100 (percent).
 * @example npvr(150, 32.5, 10, 0.05) // 67.30…
 */
export function npvr(investment: unknown, annualCashFlow: unknown, n: unknown, rate: unknown): number | null {
  const value = npv(investment, annualCashFlow, n, rate);
  const i = finite(investment);
  if (value === null || i === null || i <= 0) return null;
  return result((value / i) * 100);
}

/**
 * Internal rate of return in percent: the rate where NPV = 0, solved by bisection to 1e-12 (not the
 * textbook two-rate interpolation, which overstates it; see `irrInterpolated`). NPV falls monotonically in
 * the rate when I > 0 and F > 0, so the root is unique; otherwise null.
 * @example irr(150, 32.5, 10) // 17.257…
 */
export function irr(investment: unknown, annualCashFlow: unknown, n: unknown): number | null {
  const [i, f, y] = [finite(investment), finite(annualCashFlow), years(n)];
  if (i === null || f === null || y === null || i <= 0 || f <= 0) return null;
  const excess = (rate: number): number => f * annuityFactor(y, rate) - i;
  let lo = -0.999999;
  let hi = 1;
  while (excess(hi) > 0) {
    hi *= 2;
    if (hi > 1e6) return null;
  }
  if (excess(lo) < 0) return null;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  return result(((lo + hi) / 2) * 100);
}

/**
 * The training material's IRR: linear interpolation between two trial rates whose NPVs straddle zero,
 * IRR = i1 + NPV1 × (i2 − i1) / (NPV1 − NPV2), in percent. Null when the NPVs do not straddle zero.
 * @example irrInterpolated(150, 32.5, 10, 0.17, 0.18) // 17.26…
 */
export function irrInterpolated(
  investment: unknown,
  annualCashFlow: unknown,
  n: unknown,
  rate1: unknown,
  rate2: unknown,
): number | null {
  const npv1 = npv(investment, annualCashFlow, n, rate1);
  const npv2 = npv(investment, annualCashFlow, n, rate2);
  const [r1, r2] = [finite(rate1), finite(rate2)];
  if (npv1 === null || npv2 === null || r1 === null || r2 === null) return null;
  if (npv1 === npv2 || Math.sign(npv1) === Math.sign(npv2)) return npv1 === 0 ? r1 * 100 : null;
  return result((r1 + ((r2 - r1) * npv1) / (npv1 - npv2)) * 100);
}

/**
 * Static payback period N = I / F in years.
 * @example payback(10, 1.435) // 6.968…
 */
export function payback(investment: unknown, annualCashFlow: unknown): number | null {
  const [i, f] = [finite(investment), finite(annualCashFlow)];
  if (i === null || f === null || i < 0 || f <= 0) return null;
  return result(i / f);
}

/**
 * Annual net cash flow per the audit formula: depreciation D = I/Y, taxable increment T = P − D, after-tax
 * increment E = T × (1 − tax), cash flow F = E + D. `taxRate` is a fraction (0.25).
 * @example annualCashFlow(10, 1.58, 10, 0.25) // 1.435
 */
export function annualCashFlow(
  investment: unknown,
  annualSaving: unknown,
  depreciationYears: unknown,
  taxRate: unknown,
): number | null {
  const [i, p, y, tax] = [finite(investment), finite(annualSaving), years(depreciationYears), finite(taxRate)];
  if (i === null || p === null || y === null || tax === null || tax < 0 || tax > 1) return null;
  const depreciation = i / y;
  const afterTax = (p - depreciation) * (1 - tax);
  return result(afterTax + depreciation);
}

/**
 * Sum of an array of numbers, or of one field of an array of rows; blank entries (null, absent) count as
 * nothing, anything else that is not a number makes the sum null.
 * @example sum([{ t: 1 }, { t: 2.5 }, {}], 't') // 3.5
 */
export function sum(rows: unknown, field?: unknown): number | null {
  if (!Array.isArray(rows)) return null;
  const key = typeof field === 'string' && field !== '' ? field : undefined;
  let total = 0;
  for (const row of rows) {
    const value = key === undefined ? row : ownField(row, key);
    if (value === null || value === undefined) continue;
    const n = finite(value);
    if (n === null) return null;
    total += n;
  }
  return result(total);
}

function ownField(row: unknown, key: string): unknown {
  if (typeof row !== 'object' || row === null || !Object.prototype.hasOwnProperty.call(row, key)) return undefined;
  return (row as Record<string, unknown>)[key];
}

/**
 * Rounds half away from zero to `digits` decimals (0–12), exactly for decimal inputs like 1.005.
 * @example round(1.005, 2) // 1.01
 */
export function round(x: unknown, digits: unknown = 0): number | null {
  const [v, d] = [finite(x), finite(digits ?? 0)];
  if (v === null || d === null || !Number.isInteger(d) || d < 0 || d > 12) return null;
  const shifted = Math.round(shiftDecimal(Math.abs(v), d));
  // `+ 0` turns -0 into 0: a rounded value is shown, and "-0" is not a number anyone writes.
  return result(Math.sign(v) * shiftDecimal(shifted, -d) + 0);
}

/** x × 10^by through the decimal text, which avoids binary error (1.005 * 100 = 100.4999…). */
function shiftDecimal(x: number, by: number): number {
  const text = String(x);
  // Exponent notation (1e-7, 1e+21) cannot take a second exponent; such magnitudes need no exactness here.
  return text.includes('e') ? x * 10 ** by : Number(`${text}e${by}`);
}

/**
 * Relative deviation of a balance (input vs output) in percent: (input − output) / input × 100.
 * @example deviationPct(200, 190) // 5
 */
export function deviationPct(input: unknown, output: unknown): number | null {
  const [a, b] = [finite(input), finite(output)];
  if (a === null || b === null || a === 0) return null;
  return result(((a - b) / a) * 100);
}
