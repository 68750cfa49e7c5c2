/**
 * Reading the report under review out of a case's submissions: the latest report (`report-submission`) and the
 * report-coherence findings of the formal check that followed it (`report-formal-check`, which the workflow
 * prefills with `cp-coherence`'s findings). Pure, so the panel's choices are testable as data.
 */
import type { Localised, Submission } from '../../api/types';

export const REPORT_FORM = 'report-submission';
export const FORMAL_CHECK_FORM = 'report-formal-check';

export interface Finding {
  code: string;
  severity: 'block' | 'warn' | string;
  message: Localised | string;
  path?: string;
}

export interface ReportSummary {
  focus?: { name?: string; ids?: string[] };
  problems?: { id: string; factor?: string; description?: string; key?: boolean }[];
  options?: {
    id: string;
    name?: string;
    problemIds?: string[];
    cost?: string;
    implemented?: boolean;
    investment?: number;
    annualBenefit?: number;
  }[];
  targets?: {
    id: string;
    indicator?: string;
    problemIds?: string[];
    focus?: boolean;
    baseline?: number;
    target?: number;
    unit?: string;
  }[];
  balance?: { input?: number; output?: number; limitPct?: number };
}

export interface ReportData {
  reportFile?: { name?: string; sha256?: string };
  performanceFile?: { name?: string; sha256?: string };
  summary?: ReportSummary;
}

export interface ReportUnderReview {
  report?: Submission;
  /** The formal check made after that report, if any. */
  check?: Submission;
  /** The check's findings; undefined when no check followed the report. */
  findings?: Finding[];
}

const live = (s: Submission) => !s.withdrawnAt;
const latest = (items: Submission[]) =>
  [...items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];

function findingsOf(data: unknown): Finding[] {
  const raw = (data as { findings?: unknown } | undefined)?.findings;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (f): f is Finding => typeof f === 'object' && f !== null && typeof (f as Finding).code === 'string',
  );
}

/**
 * @example reportUnderReview(submissions) // { report, check, findings: [{ code: 'FACTOR_NOT_EXAMINED', severity: 'warn', … }] }
 */
export function reportUnderReview(submissions: readonly Submission[]): ReportUnderReview {
  const report = latest(submissions.filter((s) => live(s) && s.formId === REPORT_FORM));
  if (!report) return {};
  const check = latest(
    submissions.filter(
      (s) => live(s) && s.formId === FORMAL_CHECK_FORM && s.submittedAt >= report.submittedAt,
    ),
  );
  return check ? { report, check, findings: findingsOf(check.data) } : { report };
}

export interface ReportFacts {
  focus?: string;
  problems: number;
  keyProblems: number;
  options: number;
  midHigh: number;
  implemented: number;
  targets: number;
  /** Balance deviation (Σin − Σout) / Σin in %, when both sides are given. */
  deviationPct?: number;
}

export function reportFacts(data: ReportData | undefined): ReportFacts {
  const s = data?.summary ?? {};
  const options = s.options ?? [];
  const b = s.balance;
  return {
    ...(s.focus?.name ? { focus: s.focus.name } : {}),
    problems: s.problems?.length ?? 0,
    keyProblems: (s.problems ?? []).filter((p) => p.key).length,
    options: options.length,
    midHigh: options.filter((o) => o.cost === 'mid-high').length,
    implemented: options.filter((o) => o.implemented).length,
    targets: s.targets?.length ?? 0,
    ...(b && typeof b.input === 'number' && typeof b.output === 'number' && b.input > 0
      ? { deviationPct: ((b.input - b.output) / b.input) * 100 }
      : {}),
  };
}

/** The findings that point into a list of the report (`/problems/2` → row 2 of `problems`), by row. */
export function findingsByRow(findings: readonly Finding[], list: 'problems' | 'options' | 'targets') {
  const rows = new Map<number, Finding[]>();
  for (const f of findings) {
    const m = new RegExp(`^/${list}/(\\d+)(/|$)`).exec(f.path ?? '');
    if (!m) continue;
    const i = Number(m[1]);
    rows.set(i, [...(rows.get(i) ?? []), f]);
  }
  return rows;
}
