/**
 * `cp-coherence`: the report coherence check (报告逻辑一致性) before a report goes to review. Pure: reads the
 * `coherence-policy` and `performance-policy` tables, writes nothing. Which findings block is the policy's choice.
 */
import type { Ports } from '../ports';
import { issuesToDetails, TaskError } from '../reference/errors';
import type { ReferenceTable } from '../reference/store';
import { getTable } from '../reference/store';
import type { CoherencePolicy } from '../reference/tables/coherence';
import type { CheckContext } from './checks';
import { CHECKS } from './checks';
import type { CoherenceResult, Finding, RawFinding, ReportData } from './model';
import { CoherencePayload } from './model';

export class InvalidReportError extends TaskError {
  constructor(details: { path: string; message: string }[]) {
    super('Coherence.InvalidReport', 'VALIDATION_FAILED', 'invalid cp-coherence payload', details);
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Gives raw findings their severity and bilingual message from the policy. */
export function render(raw: RawFinding[], policy: CoherencePolicy): Finding[] {
  return raw.map((r) => {
    const rule = policy.findings[r.code];
    const factor = policy.factors.find((x) => x.id === r.params.id);
    const name = (lang: 'zh' | 'en'): Record<string, string> => (factor ? { name: factor.name[lang] } : {});
    return {
      code: r.code,
      severity: rule.severity,
      message: {
        zh: fill(rule.message.zh, { ...r.params, ...name('zh') }),
        en: fill(rule.message.en, { ...r.params, ...name('en') }),
      },
      path: r.path,
      params: r.params,
    };
  });
}

/**
 * Runs every check on a parsed report. Pure over its arguments.
 * @example checkReport(report, ctx, policy).blocking // true when a key problem has no option (policy: block)
 */
export function checkReport(
  report: ReportData,
  ctx: CheckContext,
  policy: ReferenceTable<CoherencePolicy>,
): CoherenceResult {
  const findings = render(
    CHECKS.flatMap((check) => check(report, ctx)),
    policy.content,
  );
  const block = findings.filter((x) => x.severity === 'block').length;
  return {
    findings,
    blocking: block > 0,
    counts: { block, warn: findings.length - block },
    policy: policy.label,
  };
}

/**
 * @example await coherence(ports, { caseId, report: { problems: [...], options: [...], targets: [...], focus: { ids: [...] }, balance: { input, output } } })
 */
export async function coherence(ports: Pick<Ports, 'db'>, payload: unknown): Promise<CoherenceResult> {
  const parsed = CoherencePayload.safeParse(payload);
  if (!parsed.success) throw new InvalidReportError(issuesToDetails(parsed.error.issues));
  const [policy, performance] = await Promise.all([
    getTable(ports, 'coherence-policy'),
    getTable(ports, 'performance-policy'),
  ]);
  const ctx: CheckContext = {
    factors: policy.content.factors.map((x) => x.id),
    balanceLimitPct: policy.content.balanceLimitPct.value,
    tolerance: policy.content.totalsTolerance,
    benefitCounts: performance.content.economicBenefit.counts,
  };
  return checkReport(parsed.data.report, ctx, policy);
}
