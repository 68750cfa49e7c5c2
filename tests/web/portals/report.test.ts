import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../web/src/api/types';
import { daysLeft, stateOf } from '../../../web/src/pages/certificates/CertificatesPage';
import { findingsByRow, reportFacts, reportUnderReview } from '../../../web/src/pages/reviews/report';

const sub = (
  formId: string,
  submittedAt: string,
  data: unknown,
  over: Partial<Submission> = {},
): Submission => ({
  id: `sub_${formId}_${submittedAt}`,
  caseId: 'case_1',
  taskId: 'task_1',
  formId,
  formVersion: 1,
  submittedAt,
  data,
  ...over,
});

const warn = {
  code: 'FACTOR_NOT_EXAMINED',
  severity: 'warn',
  message: { zh: '未分析员工要素', en: 'x' },
  path: '',
};
const block = {
  code: 'KEY_PROBLEM_WITHOUT_OPTION',
  severity: 'block',
  message: { zh: 'P2 无方案', en: 'x' },
  path: '/problems/1',
};

describe('reportUnderReview', () => {
  it('takes the latest report and the findings of the formal check that followed it', () => {
    const r = reportUnderReview([
      sub('report-submission', '2026-01-01T00:00:00Z', { v: 1 }),
      sub('report-formal-check', '2026-01-02T00:00:00Z', { findings: [block] }),
      sub('report-submission', '2026-01-05T00:00:00Z', { v: 2 }),
      sub('report-formal-check', '2026-01-06T00:00:00Z', { findings: [warn] }),
    ]);
    expect(r.report?.data).toEqual({ v: 2 });
    expect(r.findings).toEqual([warn]);
  });

  it('has no findings while the newest report is not checked yet, and ignores withdrawn submissions', () => {
    const r = reportUnderReview([
      sub('report-submission', '2026-01-01T00:00:00Z', { v: 1 }),
      sub('report-formal-check', '2026-01-02T00:00:00Z', { findings: [block] }),
      sub('report-submission', '2026-01-05T00:00:00Z', { v: 2 }),
      sub('report-submission', '2026-01-07T00:00:00Z', { v: 3 }, { withdrawnAt: '2026-01-07T01:00:00Z' }),
    ]);
    expect(r.report?.data).toEqual({ v: 2 });
    expect(r.findings).toBeUndefined();
    expect(reportUnderReview([])).toEqual({});
  });
});

describe('reportFacts and findingsByRow', () => {
  it('counts the report’s essentials and places findings on the rows they point at', () => {
    const facts = reportFacts({
      summary: {
        focus: { name: '镀镍线', ids: ['P01'] },
        problems: [
          { id: 'P01', key: true },
          { id: 'P02', key: false },
        ],
        options: [
          { id: 'F01', cost: 'no-low', implemented: true },
          { id: 'F02', cost: 'mid-high', implemented: false },
        ],
        targets: [{ id: 'T01' }],
        balance: { input: 200, output: 196 },
      },
    });
    expect(facts).toEqual({
      focus: '镀镍线',
      problems: 2,
      keyProblems: 1,
      options: 2,
      midHigh: 1,
      implemented: 1,
      targets: 1,
      deviationPct: 2,
    });
    const rows = findingsByRow([warn, block, { ...block, path: '/problems/10/id' }], 'problems');
    expect([...rows.keys()]).toEqual([1, 10]);
    expect(findingsByRow([block], 'options').size).toBe(0);
  });
});

describe('certificate validity', () => {
  const now = Date.parse('2026-11-29T15:00:00Z');
  it('counts whole days to the last valid day and flags the last 180 days', () => {
    expect(daysLeft('2031-11-28', now)).toBe(1825);
    expect(daysLeft('2026-11-29', now)).toBe(0);
    expect(stateOf({ currentStatus: 'valid', validUntil: '2031-11-28' }, now)).toBe('valid');
    expect(stateOf({ currentStatus: 'valid', validUntil: '2027-05-28' }, now)).toBe('expiring');
    expect(stateOf({ currentStatus: 'expired', validUntil: '2026-11-01' }, now)).toBe('expired');
    expect(stateOf({ currentStatus: 'revoked', validUntil: '2031-11-28' }, now)).toBe('revoked');
  });
});
