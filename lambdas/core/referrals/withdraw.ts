/**
 * Withdrawing consent (撤回授权): from that moment no more data flows to the banks named. A bank that already gave
 * its decision (approve or decline) keeps the referral it answered; from every other bank the package is deleted,
 * its inbox entry, its access to the referral's case and its notifications about it are removed, its open step is
 * cancelled (the workflow ends that referral on `Consent.Withdrawn`), and a bank with a webhook is told to erase
 * what it received (`referral.withdrawn`, carrying nothing but the referral id). Banks not yet served are stopped
 * by the consent check in `deliver`.
 */
import { orgPrincipal, participantKey } from '../cases/access';
import { appendEvents } from '../cases/events';
import type { WorkflowEngine } from '../definitions/engine';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../identity/actor';
import { organisationUsers } from '../notifications/recipients';
import type { NotifyPorts } from '../notifications/notify';
import { retractNotifications } from '../notifications/notify';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { taskRecordFromItem } from '../tasks/model';
import { submissionIdFor } from '../tasks/submissions';
import { cancelTask, openTasksOf } from './cancel';
import type { Referral } from './model';
import { referralFromItem, referralKey } from './model';
import type { Consent } from './request';
import { findRequest, requestKey } from './request';
import type { WebhookPorts } from './webhooks';
import { attemptWebhook } from './webhooks';

export type WithdrawPorts = Ports & NotifyPorts & WebhookPorts & { engine: WorkflowEngine };

export interface WithdrawResult {
  /** Banks that will receive nothing more and see nothing of the request. */
  withdrawn: string[];
  /** Banks that had answered and keep the referral they answered. */
  kept: string[];
}

async function referralsOf(ports: Pick<Ports, 'db'>, requestId: string): Promise<Referral[]> {
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `REFERRALREQ#${requestId}` },
  });
  return page.items.map(referralFromItem);
}

/** Everything the bank could see of one referral goes. */
async function hide(ports: WithdrawPorts, ref: Referral, actor: Actor, reason: string) {
  const now = isoTime(ports.clock.now());
  await ports.db.update({
    Key: referralKey(ref.id),
    UpdateExpression:
      'SET #s = :w, withdrawnAt = :now, updatedAt = :now, version = version + :one REMOVE #p, GSI1PK, GSI1SK',
    ExpressionAttributeNames: { '#s': 'status', '#p': 'package' },
    ExpressionAttributeValues: { ':w': 'withdrawn', ':now': now, ':one': 1 },
    ReturnValues: 'NONE',
  });
  await ports.db.delete({ Key: participantKey(orgPrincipal(ref.bankId), ref.childCaseId) });
  const eventActor = { userId: actor.userId, role: actor.role, name: actor.username };
  for (const t of await openTasksOf(ports, ref.childCaseId)) await cancelTask(ports, t, eventActor, reason);
  // Notifications that named the enterprise: every task the bank had on this referral, every answer it got.
  const tasks = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `CASETASKS#${ref.childCaseId}` },
  });
  const keys = tasks.items
    .map(taskRecordFromItem)
    .flatMap((t) => [`task-opened:${t.id}`, `referral-info:${submissionIdFor(t.id)}`]);
  const users = await organisationUsers(ports, ref.bankId);
  await retractNotifications(
    ports,
    users.map((u) => u.id),
    keys,
  );
  if (ref.webhook === 'delivered' || ref.webhook === 'pending' || ref.webhook === 'failed') {
    // One attempt, logged like every delivery; the bank's inbox no longer has the package either way.
    await attemptWebhook(ports, {
      referralId: ref.id,
      bankId: ref.bankId,
      event: 'referral.withdrawn',
      body: {},
    }).catch(() => undefined);
  }
}

/**
 * @example await withdrawConsent(ports, enterpriseActor, 'case_…', { reason: '已获得其他融资' })
 * // { withdrawn: ['org_third'], kept: ['org_icbcgz001', 'org_grcb00001'] }
 */
export async function withdrawConsent(
  ports: WithdrawPorts,
  actor: Actor,
  caseId: string,
  input: { bankIds?: string[]; reason?: string },
): Promise<WithdrawResult> {
  const r = await findRequest(ports, caseId);
  if (!r || actor.role !== 'enterprise' || actor.organisationId !== r.organisationId)
    throw new NotFoundError('financing request', caseId);
  if (!r.consent) throw new ConflictError('NO_CONSENT', 'no consent was given for this request');
  const unknown = (input.bankIds ?? []).findIndex((b) => !r.consent!.banks.some((x) => x.bankId === b));
  if (unknown >= 0)
    throw new ValidationError('not a bank of this consent', [
      { path: `/bankIds/${unknown}`, message: 'not consented' },
    ]);
  const now = isoTime(ports.clock.now());
  const reason = input.reason?.trim() || '企业撤回授权';
  const targets = r.consent.banks.filter(
    (b) => !b.withdrawnAt && (!input.bankIds || input.bankIds.includes(b.bankId)),
  );
  const banks = r.consent.banks.map((b) => (targets.includes(b) ? { ...b, withdrawnAt: now } : b));
  const all = banks.every((b) => b.withdrawnAt);
  const consent: Consent = {
    ...r.consent,
    banks,
    ...(all ? { status: 'withdrawn' as const, withdrawnAt: now, withdrawnBy: actor.userId, reason } : {}),
  };
  // The consent changes first: from here on, `deliver`, `answer` and `info` refuse these banks.
  await ports.db.update({
    Key: requestKey(caseId),
    UpdateExpression: 'SET consent = :c, updatedAt = :u',
    ExpressionAttributeValues: { ':c': consent, ':u': now },
    ReturnValues: 'NONE',
  });
  const result: WithdrawResult = { withdrawn: [], kept: [] };
  const referrals = await referralsOf(ports, caseId);
  for (const b of targets) {
    const ref = referrals.find((x) => x.bankId === b.bankId);
    if (ref?.finalDecision) {
      result.kept.push(b.bankId);
      continue;
    }
    if (ref && ref.status !== 'withdrawn') await hide(ports, ref, actor, reason);
    result.withdrawn.push(b.bankId);
  }
  await appendEvents(ports, caseId, [
    {
      kind: 'consent.withdrawn',
      actor: { userId: actor.userId, role: actor.role, name: actor.username },
      summary: `撤回对 ${targets.map((b) => b.bankName).join('、')} 的授权：${reason}`,
      data: { ...result, reason },
    },
  ]);
  return result;
}
