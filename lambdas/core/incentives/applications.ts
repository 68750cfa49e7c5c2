/**
 * `cp-incentive`: the incentive application's steps after each human one — `assess` (the certificate, the rule, the
 * eligible amount with the rule shown, and the one-per-certificate-and-rule guard), `decide` (the administrator's
 * approval with an amount, rejection or return, each with a reason where it needs one), `disburse` (the payment
 * record). The enterprise is told of every decision and of the payment.
 */
import { z } from 'zod';
import { getCase } from '../cases/cases';
import { certificateFromItem, certKey, chinaDate } from '../certificates/model';
import { appendOnce } from '../referrals/events';
import { onConditionFailed } from '../db/errors';
import { claimUnique } from '../db/unique';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../errors';
import type { NotifyPorts } from '../notifications/notify';
import { notifyAssignee } from '../notifications/notify';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { computeReward } from './compute';
import { DuplicateApplicationError, InvalidDecisionError, NotEligibleError } from './errors';
import type { IncentiveApplication, Review } from './model';
import { applicationFromItem, applicationKey, applicationToItem, guardKey } from './model';
import { ruleById } from './rules';

export type IncentivePorts = Ports & NotifyPorts;

const StepResult = <T extends z.ZodType>(data: T) =>
  z.looseObject({ submissionId: z.string().min(1), submittedBy: z.string().min(1), data });

const ApplyData = z.looseObject({
  certificateId: z.string().min(1),
  ruleId: z.string().min(1),
  auditFee: z.number().positive().optional(),
  account: z.unknown().optional(),
});
const ReviewData = z.looseObject({
  decision: z.enum(['approve', 'reject', 'return']),
  approvedAmount: z.number().positive().optional(),
  reason: z.string().optional(),
});
const DisburseData = z.looseObject({
  amount: z.number().positive(),
  paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  voucherNo: z.string().min(1),
  note: z.string().optional(),
});

function parse<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new InvalidDecisionError(
      `invalid ${path.slice(1)} step result`,
      issuesToDetails(r.error.issues, path),
    );
  return r.data;
}

export async function findApplication(ports: Pick<Ports, 'db'>, caseId: string) {
  const item = await ports.db.get({ Key: applicationKey(caseId), ConsistentRead: true });
  return item ? applicationFromItem(item) : undefined;
}

async function getApplication(ports: Pick<Ports, 'db'>, caseId: string) {
  const a = await findApplication(ports, caseId);
  if (!a) throw new NotFoundError('incentive application', caseId);
  return a;
}

async function save(
  ports: Pick<Ports, 'db' | 'clock'>,
  before: IncentiveApplication | undefined,
  after: IncentiveApplication,
) {
  await onConditionFailed(
    ports.db.put({
      Item: applicationToItem({
        ...after,
        version: (before?.version ?? 0) + 1,
        updatedAt: isoTime(ports.clock.now()),
      }),
      ...(before
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    }),
    () => new VersionConflictError('incentive application', after.caseId),
  );
}

const yuan = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 });

/**
 * @example await assessApplication(ports, { caseId, application: { submissionId, submittedBy, data: { certificateId, ruleId: 'audit-fee-share', auditFee: 120000 } } })
 * // { eligible: true, amount: 60000, explanation: {...}, ruleLabel: 'reward-rules@1', … }
 */
export async function assessApplication(ports: IncentivePorts, p: { caseId: string; application: unknown }) {
  const step = parse(StepResult(ApplyData), p.application, '/application');
  const d = step.data;
  const c = await getCase(ports, p.caseId);
  const certItem = await ports.db.get({ Key: certKey(d.certificateId), ConsistentRead: true });
  const cert = certItem ? certificateFromItem(certItem) : undefined;
  if (!cert || cert.holderOrgId !== c.organisationId)
    throw new NotEligibleError('not a certificate of this enterprise', [
      { path: '/certificateId', message: 'unknown certificate' },
    ]);
  const { rule, label } = await ruleById(ports, d.ruleId);
  const computation = computeReward(
    rule,
    cert,
    { ...(d.auditFee !== undefined ? { auditFee: d.auditFee } : {}) },
    chinaDate(ports.clock.now()),
  );
  if (!computation.eligible)
    throw new NotEligibleError(
      `not eligible under ${rule.id}: ${computation.problems.join('; ')}`,
      computation.problems.map((message) => ({ path: '/ruleId', message })),
    );
  const guard = guardKey(cert.id, rule.id);
  try {
    await claimUnique(
      ports.db,
      guard,
      'incentive application',
      `${cert.id}/${rule.id}`,
      c.id,
      async (owner) => Boolean(await findApplication(ports, owner)),
    );
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
    const holder = await ports.db.get({ Key: guard, ConsistentRead: true });
    throw new DuplicateApplicationError(cert.id, rule.id, String(holder?.ownerId));
  }
  const before = await findApplication(ports, c.id);
  const now = isoTime(ports.clock.now());
  const app: IncentiveApplication = {
    caseId: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    regionPath: c.regionPath,
    certificateId: cert.id,
    certificateNumber: cert.number,
    auditType: cert.programmeId,
    grade: cert.grade,
    ruleId: rule.id,
    ruleTitle: rule.title,
    ruleLabel: label,
    computation,
    ...(d.account !== undefined ? { account: d.account } : {}),
    status: 'assessed',
    reviews: before?.reviews ?? [],
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    version: before?.version ?? 0,
  };
  if (!before || before.status === 'returned' || before.computation.amount !== computation.amount) {
    try {
      await save(ports, before, app);
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err; // a repeated invocation saved it
    }
  }
  await appendOnce(ports, c.id, `assessed_${step.submissionId}`, {
    kind: 'incentive.assessed',
    actor: { userId: 'workflow', role: 'system' },
    summary: `奖补核定：${rule.title.zh}，可申请 ${yuan(computation.amount)} 元（${computation.explanation.zh}）`,
    data: { certificateId: cert.id, ruleId: rule.id, ruleLabel: label, amount: computation.amount },
  });
  return {
    certificateNumber: cert.number,
    ruleId: rule.id,
    ruleTitle: rule.title,
    ruleLabel: label,
    eligible: true,
    amount: computation.amount,
    explanation: computation.explanation,
    source: computation.source,
  };
}

const DECIDED = { approve: 'approved', reject: 'rejected', return: 'returned' } as const;
const WORDS = {
  approve: { zh: '已批准', en: 'approved' },
  reject: { zh: '未获批准', en: 'rejected' },
  return: { zh: '被退回修改', en: 'returned for changes' },
} as const;

/**
 * @example await decideApplication(ports, { caseId, review: { submissionId, submittedBy, data: { decision: 'approve', approvedAmount: 60000 } } })
 * // { decision: 'approve', approvedAmount: 60000 }
 */
export async function decideApplication(ports: IncentivePorts, p: { caseId: string; review: unknown }) {
  const step = parse(StepResult(ReviewData), p.review, '/review');
  const d = step.data;
  const app = await getApplication(ports, p.caseId);
  let review = app.reviews.find((r) => r.submissionId === step.submissionId);
  if (!review) {
    const eligible = app.computation.amount;
    const approvedAmount = d.decision === 'approve' ? (d.approvedAmount ?? eligible) : undefined;
    if (approvedAmount !== undefined && approvedAmount > eligible)
      throw new InvalidDecisionError(`the approved amount exceeds the eligible ${eligible}`, [
        { path: '/review/data/approvedAmount', message: `at most ${eligible}` },
      ]);
    if (d.decision !== 'approve' && !d.reason?.trim())
      throw new InvalidDecisionError('a rejection or return needs a reason', [
        { path: '/review/data/reason', message: 'required' },
      ]);
    review = {
      decision: d.decision,
      ...(approvedAmount !== undefined ? { approvedAmount } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      submissionId: step.submissionId,
      reviewedBy: step.submittedBy,
      reviewedAt: isoTime(ports.clock.now()),
    } satisfies Review;
    await save(ports, app, { ...app, status: DECIDED[d.decision], reviews: [...app.reviews, review] });
  }
  const amount = review.approvedAmount !== undefined ? `，金额 ${yuan(review.approvedAmount)} 元` : '';
  const reason = review.reason ? `：${review.reason}` : '';
  await appendOnce(ports, app.caseId, `review_${review.submissionId}`, {
    kind: `incentive.${DECIDED[review.decision]}`,
    actor: { userId: review.reviewedBy, role: 'admin' },
    summary: `奖补申请${WORDS[review.decision].zh}${amount}${reason}`,
    data: { ...review },
  });
  await notifyAssignee(ports, { role: 'enterprise', organisationId: app.organisationId }, app, {
    dedupeKey: `incentive-review:${review.submissionId}`,
    caseId: app.caseId,
    kind: `incentive.${DECIDED[review.decision]}`,
    title: {
      zh: `奖补申请${WORDS[review.decision].zh}`,
      en: `Incentive application ${WORDS[review.decision].en}`,
    },
    body: {
      zh: `您的「${app.ruleTitle.zh}」申请${WORDS[review.decision].zh}${amount}${reason}`,
      en: `Your application under "${app.ruleTitle.en}" was ${WORDS[review.decision].en}${review.approvedAmount !== undefined ? `: CNY ${yuan(review.approvedAmount)}` : ''}${review.reason ? ` (${review.reason})` : ''}`,
    },
    link: `/cases/${app.caseId}`,
  });
  return {
    decision: review.decision,
    ...(review.approvedAmount !== undefined ? { approvedAmount: review.approvedAmount } : {}),
  };
}

/**
 * @example await recordDisbursement(ports, { caseId, disbursement: { submissionId, submittedBy, data: { amount: 60000, paidOn: '2026-12-20', voucherNo: 'GZCZ-2026-0188' } } })
 */
export async function recordDisbursement(
  ports: IncentivePorts,
  p: { caseId: string; disbursement: unknown },
) {
  const step = parse(StepResult(DisburseData), p.disbursement, '/disbursement');
  const d = step.data;
  const app = await getApplication(ports, p.caseId);
  let paid = app.disbursement;
  if (!paid) {
    const approved = [...app.reviews].reverse().find((r) => r.decision === 'approve')?.approvedAmount;
    if (app.status !== 'approved' || approved === undefined)
      throw new InvalidDecisionError('only an approved application is paid', [
        { path: '/disbursement', message: app.status },
      ]);
    if (d.amount > approved)
      throw new InvalidDecisionError(`the payment exceeds the approved ${approved}`, [
        { path: '/disbursement/data/amount', message: `at most ${approved}` },
      ]);
    paid = {
      amount: d.amount,
      paidOn: d.paidOn,
      voucherNo: d.voucherNo,
      ...(d.note ? { note: d.note } : {}),
      submissionId: step.submissionId,
      recordedBy: step.submittedBy,
      recordedAt: isoTime(ports.clock.now()),
    };
    await save(ports, app, { ...app, status: 'disbursed', disbursement: paid });
  }
  await appendOnce(ports, app.caseId, 'disbursedAt', {
    kind: 'incentive.disbursed',
    actor: { userId: paid.recordedBy, role: 'admin' },
    summary: `奖补资金已拨付 ${yuan(paid.amount)} 元（${paid.paidOn}，凭证 ${paid.voucherNo}）`,
    data: { ...paid },
  });
  await notifyAssignee(ports, { role: 'enterprise', organisationId: app.organisationId }, app, {
    dedupeKey: `incentive-disbursed:${app.caseId}`,
    caseId: app.caseId,
    kind: 'incentive.disbursed',
    title: { zh: '奖补资金已拨付', en: 'Incentive paid' },
    body: {
      zh: `「${app.ruleTitle.zh}」奖补资金 ${yuan(paid.amount)} 元已于 ${paid.paidOn} 拨付（凭证 ${paid.voucherNo}）。`,
      en: `CNY ${yuan(paid.amount)} under "${app.ruleTitle.en}" was paid on ${paid.paidOn} (voucher ${paid.voucherNo}).`,
    },
    link: `/cases/${app.caseId}`,
  });
  return { amount: paid.amount, paidOn: paid.paidOn, voucherNo: paid.voucherNo };
}
