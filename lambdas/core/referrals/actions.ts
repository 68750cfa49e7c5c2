/**
 * `cp-bank-referral`: the green-credit workflows' task Lambda, one action per step (see README.md for the payloads
 * and results): `match`, `consent` (workflows/green-credit.json), `deliver`, `webhook-gave-up`, `answer`, `info`,
 * `expire` (workflows/green-credit-bank.json, one child case per consented bank), `summary`.
 */
import { z } from 'zod';
import type { Ports } from '../ports';
import { issuesToDetails } from '../reference/errors';
import type { NotifyPorts } from '../notifications/notify';
import { expireReferral, recordAnswer, recordInfo } from './answers';
import { deliverReferral, webhookGaveUp } from './deliver';
import { ReferralRequestError } from './errors';
import { referralFromItem } from './model';
import { recordConsent, recordRequest, slaOf } from './request';
import type { WebhookPorts } from './webhooks';

const Id = z.string().min(1);

export const ReferralPayload = z.discriminatedUnion('action', [
  z.looseObject({ action: z.literal('match'), caseId: Id, request: z.unknown() }),
  z.looseObject({
    action: z.literal('consent'),
    caseId: Id,
    consent: z.unknown(),
    submittedBy: z.string().optional(),
  }),
  z.looseObject({
    action: z.literal('deliver'),
    caseId: Id,
    requestId: Id,
    bankId: Id,
    // $$.Execution: registers the child case if its start event has not yet (lambdas/core/cases/cases.ts)
    execution: z.object({ arn: z.string(), input: z.unknown() }).optional(),
  }),
  z.looseObject({ action: z.literal('webhook-gave-up'), requestId: Id, bankId: Id }),
  z.looseObject({ action: z.literal('answer'), referralId: Id, answer: z.unknown() }),
  z.looseObject({ action: z.literal('info'), referralId: Id, info: z.unknown() }),
  z.looseObject({ action: z.literal('expire'), referralId: Id }),
  z.looseObject({ action: z.literal('summary'), caseId: Id }),
]);

export type ReferralActionPorts = Ports & NotifyPorts & WebhookPorts;

/** The request's referrals as the parent workflow's result: bank, status, decision. */
async function summary(ports: Pick<Ports, 'db'>, caseId: string) {
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `REFERRALREQ#${caseId}` },
  });
  const referrals = page.items.map(referralFromItem).map((r) => ({
    referralId: r.id,
    bankId: r.bankId,
    bankName: r.bankName,
    status: r.status,
    ...(r.finalDecision ? { decision: r.finalDecision } : {}),
  }));
  return { referrals, approved: referrals.filter((r) => r.decision === 'approve').length };
}

/**
 * What the enterprise entered that breaks a rule comes back as data (`valid: false` with the problems as JSON
 * pointers), so the workflow shows it in the reopened form; other failures stay errors.
 */
async function refusedAsData<T extends object>(work: Promise<T>, empty: () => Promise<object>) {
  try {
    return { valid: true, problems: [], ...(await work) };
  } catch (err) {
    if (!(err instanceof ReferralRequestError)) throw err;
    const details = Array.isArray(err.details) ? (err.details as { path: string; message: string }[]) : [];
    return {
      valid: false,
      problems: details.length ? details : [{ path: '', message: err.message }],
      ...(await empty()),
    };
  }
}

/**
 * @example await runReferralAction(ports, { action: 'deliver', caseId: 'case_…b0', requestId: 'case_…', bankId: 'org_grcb00001' })
 */
export async function runReferralAction(ports: ReferralActionPorts, payload: unknown): Promise<unknown> {
  const parsed = ReferralPayload.safeParse(payload);
  if (!parsed.success)
    throw new ReferralRequestError('invalid cp-bank-referral payload', issuesToDetails(parsed.error.issues));
  const p = parsed.data;
  switch (p.action) {
    case 'match':
      return refusedAsData(recordRequest(ports, p), async () => ({
        count: 0,
        matches: [],
        scopes: [],
        sla: await slaOf(ports),
      }));
    case 'consent':
      return refusedAsData(recordConsent(ports, p), async () => ({ banks: [], sla: await slaOf(ports) }));
    case 'deliver':
      return deliverReferral(ports, p);
    case 'webhook-gave-up':
      return webhookGaveUp(ports, p);
    case 'answer':
      return recordAnswer(ports, p);
    case 'info':
      return recordInfo(ports, p);
    case 'expire':
      return expireReferral(ports, p);
    case 'summary':
      return summary(ports, p.caseId);
  }
}
