/**
 * `cp-bank-referral` `deliver`: one consented bank's referral — the package built once (a snapshot of what the
 * enterprise consented to, at that moment), put in the bank's inbox, and POSTed to its webhook where it has one.
 * Checks the consent first, every time: after a withdrawal nothing more is built or sent.
 */
import { hashOf } from '../canonical';
import type { ChildExecution } from '../cases/cases';
import { findCase, registerFromExecution } from '../cases/cases';
import { certificateFromItem, certKey } from '../certificates/model';
import { ConditionFailedError } from '../db/errors';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { findResults } from '../results/results';
import { listSubmissions } from '../tasks/submissions';
import { appendOnce } from './events';
import { CaseNotReadyError, ConsentWithdrawnError } from './errors';
import type { Referral } from './model';
import { referralFromItem, referralIdFor, referralKey, referralToItem } from './model';
import type { PackageCertificate } from './package';
import { buildPackage, optionNamesFrom } from './package';
import type { ConsentBank, FinancingRequest } from './request';
import { consentFor, getRequest } from './request';
import type { WebhookPorts } from './webhooks';
import { attemptWebhook } from './webhooks';

export type ReferralPorts = Ports & WebhookPorts;

/** Option names from the audit case's submissions and its parent's (the options register may sit in either). */
async function optionNames(ports: Pick<Ports, 'db'>, auditCaseId: string) {
  const audit = await findCase(ports, auditCaseId);
  const ids = [auditCaseId, ...(audit?.parentCaseId ? [audit.parentCaseId] : [])];
  const subs = (await Promise.all(ids.map((id) => listSubmissions(ports, id)))).flat();
  return optionNamesFrom(subs.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)));
}

async function certificateOf(
  ports: Pick<Ports, 'db'>,
  results: unknown,
): Promise<PackageCertificate | undefined> {
  const c = (results as { certificate?: Record<string, unknown> } | undefined)?.certificate;
  if (!c || typeof c.certificateId !== 'string') return undefined;
  const item = await ports.db.get({ Key: certKey(c.certificateId) });
  const cert = item ? certificateFromItem(item) : undefined;
  return {
    number: String(c.number),
    ...(cert ? { auditType: cert.auditType } : {}),
    grade: String(c.grade),
    score: Number(c.score),
    validFrom: String(c.validFrom),
    validUntil: String(c.validUntil),
    status: cert?.status ?? String(c.status ?? 'valid'),
  };
}

async function newReferral(
  ports: Ports,
  r: FinancingRequest,
  consent: ConsentBank,
  childCaseId: string,
  id: string,
): Promise<Referral> {
  const [organisation, results, names] = await Promise.all([
    getOrganisation(ports, r.organisationId),
    findResults(ports, r.auditCaseId),
    optionNames(ports, r.auditCaseId),
  ]);
  const now = isoTime(ports.clock.now());
  const pkg = buildPackage({
    referralId: id,
    requestId: r.caseId,
    generatedAt: now,
    bank: { id: consent.bankId, name: consent.bankName },
    product: { id: consent.productId, name: consent.productName },
    request: {
      amount: r.amount,
      termMonths: r.termMonths,
      categories: r.categories,
      purpose: r.purpose,
      optionIds: r.purposeOptionIds,
    },
    scopes: consent.scopes,
    organisation,
    certificate: consent.scopes.includes('certificate') ? await certificateOf(ports, results) : undefined,
    performance: results?.performance,
    options: results?.options,
    optionNames: names,
  });
  return {
    id,
    requestId: r.caseId,
    childCaseId,
    bankId: consent.bankId,
    bankName: consent.bankName,
    productId: consent.productId,
    productName: consent.productName,
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    regionPath: r.regionPath,
    scopes: consent.scopes,
    status: 'delivered',
    package: pkg,
    packageHash: await hashOf(pkg),
    webhook: 'none',
    answers: [],
    info: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * @example await deliverReferral(ports, { caseId: 'case_…b0', requestId: 'case_…', bankId: 'org_grcb00001' })
 * // { referralId: 'ref_…', webhook: 'delivered' }   (throws Referral.WebhookFailed for the workflow to retry)
 */
export async function deliverReferral(
  ports: ReferralPorts,
  p: { caseId: string; requestId: string; bankId: string; execution?: ChildExecution },
): Promise<{ referralId: string; webhook: 'none' | 'delivered' }> {
  const r = await getRequest(ports, p.requestId);
  const consent = consentFor(r, p.bankId);
  if (!consent) throw new ConsentWithdrawnError(p.bankId);
  // the referral's child case, registered from the execution input when its start event is still on its way
  if (!(await findCase(ports, p.caseId)) && !(await registerFromExecution(ports, p.caseId, p.execution)))
    throw new CaseNotReadyError(p.caseId);
  const id = await referralIdFor(r.caseId, p.bankId);
  let item = await ports.db.get({ Key: referralKey(id), ConsistentRead: true });
  if (!item) {
    const referral = await newReferral(ports, r, consent, p.caseId, id);
    try {
      await ports.db.put({ Item: referralToItem(referral), ConditionExpression: 'attribute_not_exists(PK)' });
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
    item = await ports.db.get({ Key: referralKey(id), ConsistentRead: true });
  }
  const referral = referralFromItem(item!);
  if (referral.status === 'withdrawn') throw new ConsentWithdrawnError(p.bankId);
  const event = {
    actor: { userId: 'workflow', role: 'system' },
    summary: `已向 ${referral.bankName} 推送融资推荐资料（${referral.scopes.join(', ')}）`,
    data: { referralId: id, bankId: p.bankId, scopes: referral.scopes, packageHash: referral.packageHash },
  };
  await appendOnce(ports, p.caseId, 'referralDeliveredAt', { kind: 'referral.delivered', ...event });
  await appendOnce(ports, r.caseId, `referralDelivered_${p.bankId}`, {
    kind: 'referral.delivered',
    ...event,
  });
  try {
    const webhook = await attemptWebhook(ports, {
      referralId: id,
      bankId: p.bankId,
      event: 'referral.created',
      body: { package: referral.package },
    });
    if (referral.webhook !== webhook) await setWebhookState(ports, id, webhook);
    return { referralId: id, webhook };
  } catch (err) {
    if (referral.webhook !== 'pending') await setWebhookState(ports, id, 'pending');
    throw err;
  }
}

async function setWebhookState(ports: Pick<Ports, 'db' | 'clock'>, id: string, state: Referral['webhook']) {
  await ports.db.update({
    Key: referralKey(id),
    UpdateExpression: 'SET webhook = :w, updatedAt = :u',
    ExpressionAttributeValues: { ':w': state, ':u': isoTime(ports.clock.now()) },
    ReturnValues: 'NONE',
  });
}

/** `webhook-gave-up`: the retries are spent; the bank still has the referral in its inbox. */
export async function webhookGaveUp(
  ports: Pick<Ports, 'db' | 'clock'>,
  p: { requestId: string; bankId: string },
) {
  const referralId = await referralIdFor(p.requestId, p.bankId);
  await setWebhookState(ports, referralId, 'failed');
  return { referralId, webhook: 'failed' as const };
}
