/**
 * Reading referrals. A bank user sees its own bank's inbox and nothing else (withdrawn packages are gone from it);
 * the enterprise sees each of its requests with every bank's answers; an administrator sees those of its region.
 * Foreign referrals and requests are NOT_FOUND.
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import type { Ports } from '../ports';
import { getReferralRecord } from './answers';
import type { Referral } from './model';
import { bankInbox, referralFromItem, summaryOf, visibleToBank } from './model';
import type { FinancingRequest } from './request';
import { findRequest, requestFromItem } from './request';
import { deliveriesOf } from './webhooks';

function mayRead(actor: Actor, r: Referral): boolean {
  if (actor.role === 'bank') return actor.organisationId === r.bankId && visibleToBank(r);
  if (actor.role === 'enterprise') return actor.organisationId === r.organisationId;
  if (actor.role === 'admin') return administers(actor, r);
  return false;
}

/**
 * The caller's referrals, newest first, without packages: a bank's inbox, or an enterprise's referrals.
 * @example await listReferrals(ports, bankActor, { limit: 20 }) // { items: [{ id, organisationName, status, … }] }
 */
export async function listReferrals(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  q: { limit?: number; cursor?: string },
): Promise<{ items: Omit<Referral, 'package'>[]; cursor?: string }> {
  let index: 'GSI1' | 'GSI3';
  let pk: string;
  if (actor.role === 'bank') [index, pk] = ['GSI1', bankInbox(actor.organisationId)];
  else if (actor.role === 'enterprise') [index, pk] = ['GSI3', `REFERRALORG#${actor.organisationId}`];
  else throw new ForbiddenError('referrals are listed for banks and enterprises');
  const page = await ports.db.query({
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk`,
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: false,
    Limit: q.limit ?? 50,
    ExclusiveStartKey: decodeCursor(q.cursor, [`${index}PK`, pk]),
  });
  const cursor = encodeCursor(page.lastKey);
  const items = page.items
    .map(referralFromItem)
    .filter((r) => mayRead(actor, r))
    .map(summaryOf);
  return { items, ...(cursor ? { cursor } : {}) };
}

/** One referral with its package and, for its enterprise and administrators, the webhook delivery log. */
export async function getReferral(ports: Pick<Ports, 'db'>, actor: Actor, id: string) {
  const r = await getReferralRecord(ports, id).catch(() => undefined);
  if (!r || !mayRead(actor, r)) throw new NotFoundError('referral', id);
  if (actor.role === 'bank') return r;
  return { ...r, deliveries: await deliveriesOf(ports, id) };
}

function mayReadRequest(actor: Actor, r: FinancingRequest): boolean {
  if (actor.role === 'enterprise') return actor.organisationId === r.organisationId;
  if (actor.role === 'admin') return administers(actor, r);
  return false;
}

/**
 * A financing request with its consent and every bank's referral and answers (the enterprise's view).
 * @example await getFinancingRequest(ports, enterpriseActor, 'case_…') // { request, referrals: [{ bankName, status, answers }] }
 */
export async function getFinancingRequest(ports: Pick<Ports, 'db'>, actor: Actor, caseId: string) {
  const request = await findRequest(ports, caseId);
  if (!request || !mayReadRequest(actor, request)) throw new NotFoundError('financing request', caseId);
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `REFERRALREQ#${caseId}` },
  });
  return { request, referrals: page.items.map(referralFromItem).map(summaryOf) };
}

/** The enterprise's financing requests, newest first. */
export async function listFinancingRequests(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  q: { limit?: number; cursor?: string },
): Promise<{ items: FinancingRequest[]; cursor?: string }> {
  if (actor.role !== 'enterprise')
    throw new ForbiddenError('financing requests are listed for their enterprise');
  const pk = `FINREQORG#${actor.organisationId}`;
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: false,
    Limit: q.limit ?? 50,
    ExclusiveStartKey: decodeCursor(q.cursor, ['GSI1PK', pk]),
  });
  const cursor = encodeCursor(page.lastKey);
  return { items: page.items.map(requestFromItem), ...(cursor ? { cursor } : {}) };
}
