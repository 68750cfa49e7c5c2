/**
 * The coherence checks of the seed's 2.2(2) and 3.2(1), as pure functions over the report: each returns raw
 * findings (code, JSON-pointer path, parameters); the policy decides severity and wording (check.ts).
 */
import type { RawFinding, ReportData } from './model';

export interface CheckContext {
  /** Production factor ids (coherence-policy). */
  factors: string[];
  balanceLimitPct: number;
  tolerance: { absolute: number; relativePct: number };
  /** Which options the economic benefit sums (performance-policy). */
  benefitCounts: 'implemented' | 'all';
}

const f = (code: RawFinding['code'], path: string, params: RawFinding['params'] = {}): RawFinding => ({
  code,
  path,
  params,
});

/** Ids used twice within a list. */
export function duplicateIds(report: ReportData): RawFinding[] {
  const out: RawFinding[] = [];
  for (const list of ['problems', 'options', 'targets'] as const) {
    const seen = new Set<string>();
    report[list].forEach((item, i) => {
      if (seen.has(item.id)) out.push(f('DUPLICATE_ID', `/${list}/${i}/id`, { id: item.id }));
      seen.add(item.id);
    });
  }
  return out;
}

/** References to problems the report does not list (from options, targets, causes and the focus). */
export function unknownReferences(report: ReportData): RawFinding[] {
  const known = new Set(report.problems.map((p) => p.id));
  const out: RawFinding[] = [];
  const check = (ids: string[], path: string) =>
    ids.forEach((id, j) => {
      if (!known.has(id)) out.push(f('UNKNOWN_PROBLEM_REFERENCE', `${path}/${j}`, { id }));
    });
  report.options.forEach((o, i) => check(o.problemIds, `/options/${i}/problemIds`));
  report.targets.forEach((t, i) => check(t.problemIds, `/targets/${i}/problemIds`));
  (report.causes ?? []).forEach((c, i) => {
    if (c.problemId && !known.has(c.problemId))
      out.push(f('UNKNOWN_PROBLEM_REFERENCE', `/causes/${i}/problemId`, { id: c.problemId }));
    check(c.problemIds, `/causes/${i}/problemIds`);
  });
  check(report.focus?.ids ?? [], '/focus/ids');
  return out;
}

/** Every key problem has an option (and, when causes are given, a cause); every option solves a listed problem. */
export function problemsAndOptions(report: ReportData): RawFinding[] {
  const known = new Set(report.problems.map((p) => p.id));
  const solved = new Set(report.options.flatMap((o) => o.problemIds));
  const analysed = new Set(
    (report.causes ?? []).flatMap((c) => [...(c.problemId ? [c.problemId] : []), ...c.problemIds]),
  );
  const out: RawFinding[] = [];
  report.problems.forEach((p, i) => {
    if (!p.key) return;
    if (!solved.has(p.id)) out.push(f('KEY_PROBLEM_WITHOUT_OPTION', `/problems/${i}`, { id: p.id }));
    if (report.causes && !analysed.has(p.id))
      out.push(f('KEY_PROBLEM_WITHOUT_CAUSE', `/problems/${i}`, { id: p.id }));
  });
  report.options.forEach((o, i) => {
    if (!o.problemIds.some((id) => known.has(id)))
      out.push(f('OPTION_WITHOUT_PROBLEM', `/options/${i}/problemIds`, { id: o.id }));
  });
  return out;
}

/** A focus is chosen, targets are set, each traces to problems, and focus targets to problems in the focus. */
export function focusAndTargets(report: ReportData): RawFinding[] {
  const known = new Set(report.problems.map((p) => p.id));
  const focus = new Set((report.focus?.ids ?? []).filter((id) => known.has(id)));
  const out: RawFinding[] = [];
  if (!focus.size) out.push(f('FOCUS_MISSING', '/focus/ids'));
  if (!report.targets.length) out.push(f('TARGETS_MISSING', '/targets'));
  report.targets.forEach((t, i) => {
    const traced = t.problemIds.filter((id) => known.has(id));
    if (!traced.length) out.push(f('TARGET_WITHOUT_PROBLEM', `/targets/${i}/problemIds`, { id: t.id }));
    else if (t.focus && focus.size && !traced.some((id) => focus.has(id)))
      out.push(f('TARGET_OUTSIDE_FOCUS', `/targets/${i}/problemIds`, { id: t.id }));
  });
  return out;
}

/** Every implemented option has a verified result, and the result names its data source. */
export function verifiedResults(report: ReportData): RawFinding[] {
  const out: RawFinding[] = [];
  report.options.forEach((o, i) => {
    if (!o.implemented) return;
    const v = o.verifiedResult;
    if (!v || v.value === undefined)
      out.push(f('IMPLEMENTED_OPTION_UNVERIFIED', `/options/${i}/verifiedResult`, { id: o.id }));
    else if (!v.dataSource?.trim())
      out.push(f('VERIFIED_RESULT_WITHOUT_SOURCE', `/options/${i}/verifiedResult/dataSource`, { id: o.id }));
  });
  return out;
}

/**
 * Each balance's deviation |input − output| / input within the limit (the report's own limit may only tighten it).
 * @example balances({ balance: { input: 4746025, output: 4646377 }, … }, ctx) // [] at ±5 % (2.10 %)
 */
export function balances(report: ReportData, ctx: CheckContext): RawFinding[] {
  const list =
    report.balance == null ? [] : Array.isArray(report.balance) ? report.balance : [report.balance];
  if (!list.length) return [f('BALANCE_MISSING', '/balance')];
  const out: RawFinding[] = [];
  list.forEach((b, i) => {
    const path = Array.isArray(report.balance) ? `/balance/${i}` : '/balance';
    const id = b.id ?? String(i + 1);
    if (!(b.input > 0)) {
      out.push(f('BALANCE_INVALID', `${path}/input`, { id }));
      return;
    }
    const limit = Math.min(ctx.balanceLimitPct, b.limitPct ?? Infinity);
    const deviation = (Math.abs(b.input - b.output) / b.input) * 100;
    if (deviation > limit + 1e-9)
      out.push(f('BALANCE_DEVIATION', path, { id, value: Math.round(deviation * 100) / 100, limit }));
  });
  return out;
}

function within(claimed: number, expected: number, ctx: CheckContext): boolean {
  const allowed = Math.max(ctx.tolerance.absolute, (Math.abs(expected) * ctx.tolerance.relativePct) / 100);
  return Math.abs(claimed - expected) <= allowed + 1e-9;
}

/**
 * The performance table's totals equal the sums over the options, for every total the table states and the options
 * carry (an option list without, say, `tce` values leaves the tce total unchecked).
 */
export function performanceTotals(report: ReportData, ctx: CheckContext): RawFinding[] {
  const p = report.performance;
  if (!p) return [];
  const out: RawFinding[] = [];
  const opts = report.options;
  const compare = (
    metric: string,
    path: string,
    claimed: number | undefined,
    values: (number | undefined)[],
  ) => {
    if (claimed === undefined || !values.some((v) => v !== undefined)) return;
    const expected = Math.round(values.reduce<number>((s, v) => s + (v ?? 0), 0) * 1e4) / 1e4;
    if (!within(claimed, expected, ctx))
      out.push(f('PERFORMANCE_TOTALS_MISMATCH', path, { metric, value: claimed, expected }));
  };
  const counted = ctx.benefitCounts === 'all' ? opts : opts.filter((o) => o.implemented);
  compare(
    'economicBenefit',
    '/performance/economicBenefit',
    p.economicBenefit,
    counted.map((o) => o.annualBenefit),
  );
  const tce = typeof p.tce === 'number' ? p.tce : p.tce?.equivalent;
  compare(
    'tce',
    '/performance/tce',
    tce,
    opts.filter((o) => o.implemented).map((o) => o.tce),
  );
  compare(
    'co2T',
    '/performance/co2T',
    p.co2T,
    opts.filter((o) => o.implemented).map((o) => o.co2T),
  );
  compare(
    'waterT',
    '/performance/waterT',
    p.waterT,
    opts.filter((o) => o.implemented).map((o) => o.waterT),
  );
  for (const [key, cost] of [
    ['noLow', 'no-low'],
    ['midHigh', 'mid-high'],
  ] as const) {
    const claimed = p.options?.[key];
    if (!claimed || !opts.some((o) => o.cost)) continue;
    const mine = opts.filter((o) => o.cost === cost);
    const base = `/performance/options/${key}`;
    compare(`options.${key}.count`, `${base}/count`, claimed.count, mine.map(() => 1).concat(0));
    compare(
      `options.${key}.implemented`,
      `${base}/implemented`,
      claimed.implemented,
      mine.map((o) => (o.implemented ? 1 : 0)).concat(0),
    );
    compare(
      `options.${key}.investment`,
      `${base}/investment`,
      claimed.investment,
      mine.map((o) => o.investment),
    );
  }
  return out;
}

/** Problems filed under factors the policy does not know; factors no problem was found under. */
export function factors(report: ReportData, ctx: CheckContext): RawFinding[] {
  const known = new Set(ctx.factors);
  const out: RawFinding[] = [];
  report.problems.forEach((p, i) => {
    if (p.factor !== undefined && !known.has(p.factor))
      out.push(f('UNKNOWN_FACTOR', `/problems/${i}/factor`, { id: p.id, value: p.factor }));
  });
  const used = new Set(report.problems.map((p) => p.factor));
  for (const factor of ctx.factors)
    if (!used.has(factor)) out.push(f('FACTOR_NOT_EXAMINED', '/problems', { id: factor }));
  return out;
}

export const CHECKS = [
  duplicateIds,
  unknownReferences,
  problemsAndOptions,
  focusAndTargets,
  verifiedResults,
  balances,
  performanceTotals,
  factors,
] as const;
