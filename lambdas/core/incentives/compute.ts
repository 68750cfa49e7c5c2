/**
 * The eligible amount of a reward rule for a certificate, with the rule shown: pure, so every rule is a tested line.
 * A certificate qualifies when it is valid on the day, its audit type and grade are the rule's, its region lies in
 * the rule's, and it was issued within the application window. Amounts are CNY, rounded to the fen.
 */
import type { RewardRule } from './rules-table';

export interface CertificateFacts {
  programmeId: string;
  grade: string;
  regionPath: string;
  validFrom: string;
  validUntil: string;
  status: 'valid' | 'revoked';
}

export interface Computation {
  ruleId: string;
  kind: RewardRule['kind'];
  eligible: boolean;
  /** Why not, when not eligible. */
  problems: string[];
  /** CNY (0 when not eligible). */
  amount: number;
  auditFee?: number;
  share?: number;
  cap?: number;
  capped?: boolean;
  explanation: { zh: string; en: string };
  source: string;
}

const yuan = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 });
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

function problemsOf(rule: RewardRule, c: CertificateFacts, today: string): string[] {
  const out: string[] = [];
  if (!rule.active) out.push('the rule is not in force');
  if (c.status !== 'valid') out.push('the certificate is revoked');
  else if (today > c.validUntil) out.push(`the certificate expired on ${c.validUntil}`);
  if (!c.regionPath.split('/').includes(rule.regionCode))
    out.push(`the rule covers region ${rule.regionCode} only`);
  if (!rule.grades.includes(c.grade as RewardRule['grades'][number]))
    out.push(`grade ${c.grade} is not rewarded`);
  const age = daysBetween(c.validFrom, today);
  if (age > rule.applyWithinDays.value)
    out.push(`apply within ${rule.applyWithinDays.value} days of the certificate`);
  const types = rule.kind === 'fixed' ? Object.keys(rule.amounts) : rule.auditTypes;
  if (!types.includes(c.programmeId)) out.push(`audit type ${c.programmeId} is not covered`);
  return out;
}

/**
 * @example computeReward(feeShareRule, cert, { auditFee: 120000 }, '2026-12-01')
 * // { eligible: true, amount: 60000, explanation: { zh: '审核费用 120,000 元 × 50% = 60,000 元（上限 200,000 元）', … } }
 */
export function computeReward(
  rule: RewardRule,
  c: CertificateFacts,
  input: { auditFee?: number },
  today: string,
): Computation {
  const problems = problemsOf(rule, c, today);
  if (rule.kind === 'fixed') {
    const amount = rule.amounts[c.programmeId]?.value ?? 0;
    const source = rule.amounts[c.programmeId]?.source ?? rule.source;
    return {
      ruleId: rule.id,
      kind: 'fixed',
      eligible: problems.length === 0,
      problems,
      amount: problems.length ? 0 : amount,
      explanation: {
        zh: `定额奖励：${c.programmeId} 每家 ${yuan(amount)} 元`,
        en: `Fixed reward: CNY ${yuan(amount)} per ${c.programmeId} audit`,
      },
      source,
    };
  }
  const fee = input.auditFee;
  if (fee === undefined || !(fee > 0)) problems.push('the audit fee is needed');
  const share = rule.share.value;
  const cap = rule.cap.value;
  const raw = Math.round((fee ?? 0) * share * 100) / 100;
  const amount = Math.min(raw, cap);
  return {
    ruleId: rule.id,
    kind: 'fee-share',
    eligible: problems.length === 0,
    problems,
    amount: problems.length ? 0 : amount,
    ...(fee !== undefined ? { auditFee: fee } : {}),
    share,
    cap,
    capped: raw > cap,
    explanation: {
      zh: `审核费用 ${yuan(fee ?? 0)} 元 × ${share * 100}% = ${yuan(raw)} 元（上限 ${yuan(cap)} 元）${raw > cap ? `，按上限计 ${yuan(cap)} 元` : ''}`,
      en: `Audit fee CNY ${yuan(fee ?? 0)} × ${share * 100}% = CNY ${yuan(raw)} (cap CNY ${yuan(cap)})${raw > cap ? `: capped at CNY ${yuan(cap)}` : ''}`,
    },
    source: `${rule.share.source} ${rule.cap.source}`,
  };
}
