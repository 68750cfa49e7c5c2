/**
 * The coherence check on a coherent report, then on the same report with one seeded defect per finding code: each
 * defect is caught, with the code, its policy severity and a path into the report.
 */
import { describe, expect, it } from 'vitest';
import { checkReport, coherence } from '../../../../../lambdas/core/coherence/check';
import type { CheckContext } from '../../../../../lambdas/core/coherence/checks';
import { Report } from '../../../../../lambdas/core/coherence/model';
import { computePerformance } from '../../../../../lambdas/core/performance/compute';
import { PerformancePayload } from '../../../../../lambdas/core/performance/model';
import type { CoherenceCode } from '../../../../../lambdas/core/reference/tables/coherence';
import { COHERENCE_CODES } from '../../../../../lambdas/core/reference/tables/coherence';
import { emptyDb, starter } from '../reference/starter';

const policy = starter('coherence-policy');
const FACTORS = policy.content.factors.map((f) => f.id);
const ctx: CheckContext = {
  factors: FACTORS,
  balanceLimitPct: policy.content.balanceLimitPct.value,
  tolerance: policy.content.totalsTolerance,
  benefitCounts: 'implemented',
};

/** A small coherent full-audit report: a problem under each production factor, P1 and P2 key and in focus. */
function coherent(): Record<string, any> {
  return {
    problems: FACTORS.map((factor, i) => ({ id: `P${i + 1}`, factor, key: i < 2, title: `问题 ${i + 1}` })),
    causes: [
      { id: 'C1', problemId: 'P1' },
      { id: 'C2', problemIds: ['P2'] },
    ],
    options: [
      {
        id: 'O1',
        problemIds: ['P1'],
        cost: 'no-low',
        implemented: true,
        investment: 0.5,
        annualBenefit: 2.1,
        tce: 3,
        verifiedResult: { value: 3, unit: 'tce/a', dataSource: '电费单 2024-01～06' },
      },
      {
        id: 'O2',
        problemIds: ['P2', 'P3'],
        cost: 'mid-high',
        implemented: true,
        investment: 150,
        annualBenefit: 40,
        tce: 12.5,
        verifiedResult: { value: 12.5, unit: 'tce/a', dataSource: '第三方监测报告 JC-2024-118' },
      },
      {
        id: 'O3',
        problemIds: ['P4'],
        cost: 'mid-high',
        implemented: false,
        investment: 80,
        annualBenefit: 15,
      },
    ],
    targets: [
      { id: 'T1', problemIds: ['P1'], focus: true },
      { id: 'T2', problemIds: ['P4'], focus: false },
    ],
    focus: { ids: ['P1', 'P2'] },
    // DOMAIN §2's worked example: 4,746,025 kg in, 4,646,377 kg out — 2.10 % (the page's 0.91 % does not match)
    balance: { id: '电镀线', input: 4_746_025, output: 4_646_377 },
    performance: {
      tce: { equivalent: 15.5, calorific: 15.5 },
      economicBenefit: 42.1,
      options: {
        noLow: { count: 1, implemented: 1, investment: 0.5 },
        midHigh: { count: 2, implemented: 1, investment: 230 },
      },
    },
  };
}

const run = (report: Record<string, any>, p = policy) => checkReport(Report.parse(report), ctx, p);

/** One seeded defect per code. */
const defects: Record<CoherenceCode, (r: Record<string, any>) => void> = {
  DUPLICATE_ID: (r) => r.options.push({ ...r.options[2], annualBenefit: 0, investment: 0 }),
  UNKNOWN_PROBLEM_REFERENCE: (r) => r.targets[1].problemIds.push('P99'),
  KEY_PROBLEM_WITHOUT_OPTION: (r) => (r.options[1].problemIds = ['P3']),
  KEY_PROBLEM_WITHOUT_CAUSE: (r) => r.causes.pop(),
  OPTION_WITHOUT_PROBLEM: (r) => (r.options[2].problemIds = []),
  FOCUS_MISSING: (r) => (r.focus = { ids: [] }),
  TARGETS_MISSING: (r) => (r.targets = []),
  TARGET_WITHOUT_PROBLEM: (r) => (r.targets[1].problemIds = []),
  TARGET_OUTSIDE_FOCUS: (r) => (r.targets[0].problemIds = ['P4']),
  IMPLEMENTED_OPTION_UNVERIFIED: (r) => delete r.options[0].verifiedResult,
  VERIFIED_RESULT_WITHOUT_SOURCE: (r) => (r.options[1].verifiedResult.dataSource = ' '),
  BALANCE_MISSING: (r) => delete r.balance,
  BALANCE_INVALID: (r) => (r.balance = { id: '水', input: 0, output: 10 }),
  BALANCE_DEVIATION: (r) => (r.balance = { id: '镍', input: 100, output: 93 }),
  PERFORMANCE_TOTALS_MISMATCH: (r) => (r.performance.economicBenefit = 60),
  FACTOR_NOT_EXAMINED: (r) => (r.problems = r.problems.filter((p: any) => p.factor !== 'employees')),
  UNKNOWN_FACTOR: (r) => (r.problems[7].factor = 'weather'),
};

describe('cp-coherence', () => {
  it('finds nothing in a coherent report', () => {
    expect(run(coherent())).toEqual({
      findings: [],
      blocking: false,
      counts: { block: 0, warn: 0 },
      policy: 'coherence-policy@0',
    });
  });

  it('has a seeded defect for every code the policy knows', () => {
    expect(Object.keys(defects).sort()).toEqual([...COHERENCE_CODES].sort());
  });

  it.each(COHERENCE_CODES)('catches %s with its policy severity, message and path', (code) => {
    const report = coherent();
    defects[code](report);
    const out = run(report);
    const found = out.findings.filter((f) => f.code === code);
    expect(found.length, JSON.stringify(out.findings)).toBeGreaterThan(0);
    const severity = policy.content.findings[code].severity;
    expect(found[0]!.severity).toBe(severity);
    expect(found[0]!.path).toMatch(/^\//);
    expect(found[0]!.message.zh).not.toMatch(/\{\w+\}/);
    expect(found[0]!.message.en).not.toMatch(/\{\w+\}/);
    if (severity === 'block') expect(out.blocking).toBe(true);
  });

  it('catches every defect at once in a seeded incoherent report, and blocks it', () => {
    const report = coherent();
    for (const code of [
      'KEY_PROBLEM_WITHOUT_OPTION',
      'OPTION_WITHOUT_PROBLEM',
      'TARGET_OUTSIDE_FOCUS',
      'IMPLEMENTED_OPTION_UNVERIFIED',
      'BALANCE_DEVIATION',
      'PERFORMANCE_TOTALS_MISMATCH',
    ] as const)
      defects[code](report);
    const out = run(report);
    expect(new Set(out.findings.map((f) => f.code))).toEqual(
      new Set([
        'KEY_PROBLEM_WITHOUT_OPTION',
        'OPTION_WITHOUT_PROBLEM',
        'TARGET_OUTSIDE_FOCUS',
        'IMPLEMENTED_OPTION_UNVERIFIED',
        'BALANCE_DEVIATION',
        'PERFORMANCE_TOTALS_MISMATCH',
      ]),
    );
    expect(out.blocking).toBe(true);
    const deviation = out.findings.find((f) => f.code === 'BALANCE_DEVIATION')!;
    expect(deviation.message.en).toBe('Balance 镍 deviates by 7 %, beyond ±5 %');
    const mismatch = out.findings.find((f) => f.code === 'PERFORMANCE_TOTALS_MISMATCH')!;
    expect(mismatch).toMatchObject({
      path: '/performance/economicBenefit',
      params: { metric: 'economicBenefit', value: 60, expected: 42.1 },
    });
  });

  it('names the factor a report left unexamined in both languages', () => {
    const report = coherent();
    defects.FACTOR_NOT_EXAMINED(report);
    expect(run(report).findings[0]!.message).toEqual({
      zh: '生产要素“员工”未列出任何问题',
      en: 'No problem is listed under the production factor Employees',
    });
  });

  it('accepts DOMAIN §2’s balance at the default ±5 % and refuses it when a report tightens the limit to 2 %', () => {
    expect(run(coherent()).findings).toEqual([]);
    const report = coherent();
    report.balance.limitPct = 2;
    expect(run(report).findings.map((f) => [f.code, f.params.value])).toEqual([['BALANCE_DEVIATION', 2.1]]);
    report.balance.limitPct = 50; // a report cannot loosen the configured limit
    expect(run(report).findings).toEqual([]);
  });

  it('lets the policy decide what blocks', () => {
    const lenient = structuredClone(policy);
    lenient.content.findings.KEY_PROBLEM_WITHOUT_OPTION.severity = 'warn';
    const report = coherent();
    defects.KEY_PROBLEM_WITHOUT_OPTION(report);
    const out = run(report, lenient);
    expect(out.findings.map((f) => f.severity)).toEqual(['warn']);
    expect(out.blocking).toBe(false);
  });

  it('accepts cp-performance’s result piped in as the totals when it was computed from the same options', () => {
    const report = coherent();
    const perf = computePerformance(
      PerformancePayload.parse({ caseId: 'case_x', year: 2023, options: report.options }),
      {
        coefficients: starter('energy-coefficients'),
        grid: starter('grid-emission-factors'),
        policy: starter('performance-policy'),
      },
    );
    report.performance = { ...perf, tce: { equivalent: 15.5, calorific: 15.5 } };
    expect(run(report).findings).toEqual([]);
  });

  it('reads the policy tables and refuses a malformed report as Coherence.InvalidReport', async () => {
    const out = await coherence({ db: emptyDb }, { caseId: 'case_x', report: coherent() });
    expect(out.blocking).toBe(false);
    await expect(
      coherence({ db: emptyDb }, { report: { options: [{ problemIds: 'P1' }] } }),
    ).rejects.toMatchObject({
      name: 'Coherence.InvalidReport',
    });
  });
});
