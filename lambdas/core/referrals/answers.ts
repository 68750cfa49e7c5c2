/**
 * The bank's side of a referral, recorded by `cp-bank-referral` after each human step: the bank's answer (ask for
 * information / approve with amount, rate and term / decline with a reason), the enterprise's information, and the
 * close when the bank never answered. The enterprise is notified of every answer; a withdrawn consent stops the
 * exchange (`Consent.Withdrawn`).
 */
import { z } from 'zod';
import { appendEvents } from '../cases/events';
import { appendOnce } from './events';
import { onConditionFailed } from '../db/errors';
import { NotFoundError, VersionConflictError } from '../errors';
import { notifyAssignee } from '../notifications/notify';
import type { NotifyPorts } from '../notifications/notify';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { ConsentWithdrawnError, ReferralRequestError } from './errors';
import type { BankAnswer, Referral, ReferralStatus } from './model';
import { DECISIONS, referralFromItem, referralKey, referralToItem } from './model';
import { consentFor, getRequest } from './request';

/** What `cp-open-task` resumes the workflow with (docs/authoring.md). */
const StepResult = z.looseObject({
  submissionId: z.string(),
  data: z.looseObject({}),
  submittedBy: z.string(),
});

const AnswerData = z.looseObject({
  decision: z.enum(DECISIONS),
  amount: z.number().positive().optional(),
  ratePct: z.number().min(0).max(100).optional(),
  termMonths: z.number().int().min(1).max(360).optional(),
  conditions: z.string().optional(),
  reason: z.string().optional(),
  questions: z.string().optional(),
});

const InfoData = z.looseObject({ response: z.string().min(1), attachments: z.array(z.unknown()).optional() });

export type AnswerPorts = Pick<Ports, 'db' | 'clock'> & NotifyPorts;

export async function getReferralRecord(ports: Pick<Ports, 'db'>, id: string): Promise<Referral> {
  const item = await ports.db.get({ Key: referralKey(id), ConsistentRead: true });
  if (!item) throw new NotFoundError('referral', id);
  return referralFromItem(item);
}

/** The referral, if its consent still holds; else Consent.Withdrawn. */
async function liveReferral(ports: Pick<Ports, 'db'>, id: string): Promise<Referral> {
  const ref = await getReferralRecord(ports, id);
  const request = await getRequest(ports, ref.requestId);
  if (ref.status === 'withdrawn' || !consentFor(request, ref.bankId))
    throw new ConsentWithdrawnError(ref.bankId);
  return ref;
}

async function save(ports: Pick<Ports, 'db' | 'clock'>, before: Referral, after: Referral) {
  await onConditionFailed(
    ports.db.put({
      Item: referralToItem({ ...after, version: before.version + 1, updatedAt: isoTime(ports.clock.now()) }),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': before.version },
    }),
    () => new VersionConflictError('referral', before.id),
  );
}

const STATUS: Record<BankAnswer['decision'], ReferralStatus> = {
  'request-info': 'info-requested',
  approve: 'approved',
  decline: 'declined',
};

const WORDS: Record<BankAnswer['decision'], { zh: string; en: string }> = {
  'request-info': { zh: '要求补充资料', en: 'asks for information' },
  approve: { zh: '同意授信', en: 'approves' },
  decline: { zh: '不予授信', en: 'declines' },
};

/** A line the enterprise reads. */
export function describeAnswer(a: BankAnswer): { zh: string; en: string } {
  if (a.decision === 'approve')
    return {
      zh: `同意授信 ${a.amount ?? '-'} 万元，年利率 ${a.ratePct ?? '-'}%，期限 ${a.termMonths ?? '-'} 个月`,
      en: `approves CNY ${((a.amount ?? 0) * 10_000).toLocaleString('en')} at ${a.ratePct ?? '-'}% a year for ${a.termMonths ?? '-'} months`,
    };
  if (a.decision === 'decline')
    return { zh: `不予授信：${a.reason ?? ''}`, en: `declines: ${a.reason ?? ''}` };
  return { zh: `要求补充资料：${a.questions ?? ''}`, en: `asks for information: ${a.questions ?? ''}` };
}

/**
 * `answer`: records the bank's answer (once per submission) and tells the enterprise.
 * @example await recordAnswer(ports, { referralId, answer: { submissionId, submittedBy, data: { decision: 'approve', amount: 300, ratePct: 3.2, termMonths: 36 } } })
 * // { decision: 'approve' }
 */
export async function recordAnswer(ports: AnswerPorts, p: { referralId: string; answer: unknown }) {
  const step = StepResult.safeParse(p.answer);
  const data = AnswerData.safeParse(step.success ? step.data.data : undefined);
  if (!step.success || !data.success)
    throw new ReferralRequestError(
      'not a bank-answer result',
      issuesToDetails((step.error ?? data.error)!.issues, '/answer'),
    );
  const ref = await liveReferral(ports, p.referralId);
  const d = data.data;
  let answer = ref.answers.find((a) => a.submissionId === step.data.submissionId);
  if (!answer) {
    answer = {
      decision: d.decision,
      ...(d.decision === 'approve'
        ? { amount: d.amount, ratePct: d.ratePct, termMonths: d.termMonths, conditions: d.conditions }
        : {}),
      ...(d.decision === 'decline' ? { reason: d.reason } : {}),
      ...(d.decision === 'request-info' ? { questions: d.questions } : {}),
      submissionId: step.data.submissionId,
      answeredAt: isoTime(ports.clock.now()),
      answeredBy: step.data.submittedBy,
    };
    const final = d.decision === 'request-info' ? {} : { finalDecision: d.decision };
    await save(ports, ref, {
      ...ref,
      answers: [...ref.answers, answer],
      status: STATUS[d.decision],
      ...final,
    });
  }
  // Events and the notification are idempotent, so a retry after a crash completes them.
  const line = describeAnswer(answer);
  const event = {
    kind: 'referral.answered',
    actor: { userId: answer.answeredBy, role: 'bank' },
    summary: `${ref.bankName}：${line.zh}`,
    data: { referralId: ref.id, bankId: ref.bankId, ...answer },
  };
  const marker = `answer_${answer.submissionId}`;
  await appendOnce(ports, ref.childCaseId, marker, event);
  await appendOnce(ports, ref.requestId, marker, event);
  await notifyAssignee(ports, { role: 'enterprise', organisationId: ref.organisationId }, ref, {
    dedupeKey: `referral-answer:${answer.submissionId}`,
    caseId: ref.requestId,
    kind: 'referral.answered',
    title: {
      zh: `${ref.bankName}${WORDS[answer.decision].zh}`,
      en: `${ref.bankName} ${WORDS[answer.decision].en}`,
    },
    body: {
      zh: `${ref.bankName} 对您的绿色信贷融资需求的答复：${line.zh}`,
      en: `${ref.bankName} on your green-credit request: ${line.en}`,
    },
    link: `/cases/${ref.requestId}`,
  });
  return { decision: answer.decision };
}

/**
 * `info`: records the information the enterprise gave the bank, and tells the bank.
 * @example await recordInfo(ports, { referralId, info: { submissionId, submittedBy, data: { response: '…' } } })
 */
export async function recordInfo(ports: AnswerPorts, p: { referralId: string; info: unknown }) {
  const step = StepResult.safeParse(p.info);
  const data = InfoData.safeParse(step.success ? step.data.data : undefined);
  if (!step.success || !data.success)
    throw new ReferralRequestError(
      'not a financing-info result',
      issuesToDetails((step.error ?? data.error)!.issues, '/info'),
    );
  const ref = await liveReferral(ports, p.referralId);
  const info = ref.info.find((i) => i.submissionId === step.data.submissionId) ?? {
    submissionId: step.data.submissionId,
    providedAt: isoTime(ports.clock.now()),
    text: data.data.response,
    ...(data.data.attachments ? { attachments: data.data.attachments } : {}),
  };
  if (!ref.info.includes(info))
    await save(ports, ref, { ...ref, info: [...ref.info, info], status: 'info-provided' });
  await appendOnce(ports, ref.childCaseId, `info_${info.submissionId}`, {
    kind: 'referral.info-provided',
    actor: { userId: step.data.submittedBy, role: 'enterprise' },
    summary: `已向 ${ref.bankName} 补充资料`,
    data: { referralId: ref.id, submissionId: info.submissionId },
  });
  await notifyAssignee(ports, { role: 'bank', organisationId: ref.bankId }, ref, {
    dedupeKey: `referral-info:${info.submissionId}`,
    caseId: ref.childCaseId,
    kind: 'referral.info-provided',
    title: { zh: '企业已补充资料', en: 'The enterprise answered your questions' },
    body: {
      zh: `${ref.organisationName} 已补充您要求的资料。`,
      en: `${ref.organisationName} supplied the information you asked for.`,
    },
    link: `/referrals/${ref.id}`,
  });
  return { referralId: ref.id };
}

/** `expire`: the bank did not answer in time (or the enterprise did not supply the information). */
export async function expireReferral(ports: Pick<Ports, 'db' | 'clock'>, p: { referralId: string }) {
  const ref = await getReferralRecord(ports, p.referralId);
  if (ref.finalDecision || ref.status === 'withdrawn' || ref.status === 'no-answer')
    return { status: ref.status };
  await save(ports, ref, { ...ref, status: 'no-answer' });
  await appendEvents(ports, ref.childCaseId, [
    {
      kind: 'referral.expired',
      actor: { userId: 'workflow', role: 'system' },
      summary: `${ref.bankName} 未在时限内答复`,
      data: { referralId: ref.id },
    },
  ]);
  return { status: 'no-answer' as const };
}
