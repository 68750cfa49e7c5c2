/**
 * Reading incentive applications: the enterprise its own, an administrator those of its region (newest first, one
 * GSI query per page); others NOT_FOUND.
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import type { Ports } from '../ports';
import { findApplication } from './applications';
import type { IncentiveApplication } from './model';
import { applicationFromItem } from './model';

function mayRead(actor: Actor, a: IncentiveApplication) {
  return administers(actor, a) || (actor.role === 'enterprise' && actor.organisationId === a.organisationId);
}

/**
 * @example await listApplications(ports, adminActor, { status: 'approved' }) // { items: [...], cursor? }
 */
export async function listApplications(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  q: { status?: string; limit?: number; cursor?: string },
): Promise<{ items: IncentiveApplication[]; cursor?: string }> {
  let index: 'GSI1' | 'GSI2';
  let pk: string;
  let prefix: string | undefined;
  if (actor.role === 'enterprise') [index, pk] = ['GSI1', `INCENTIVEORG#${actor.organisationId}`];
  else if (actor.role === 'admin') [index, pk, prefix] = ['GSI2', 'INCENTIVES', actor.regionPath];
  else throw new ForbiddenError('incentive applications are listed for their enterprise and administrators');
  const page = await ports.db.query({
    IndexName: index,
    KeyConditionExpression: prefix ? `${index}PK = :pk AND begins_with(${index}SK, :p)` : `${index}PK = :pk`,
    ...(q.status ? { FilterExpression: '#s = :s' } : {}),
    ExpressionAttributeNames: q.status ? { '#s': 'status' } : undefined,
    ExpressionAttributeValues: {
      ':pk': pk,
      ...(prefix ? { ':p': prefix } : {}),
      ...(q.status ? { ':s': q.status } : {}),
    },
    ScanIndexForward: false,
    Limit: q.limit ?? 50,
    ExclusiveStartKey: decodeCursor(q.cursor, [`${index}PK`, pk]),
  });
  const cursor = encodeCursor(page.lastKey);
  return { items: page.items.map(applicationFromItem), ...(cursor ? { cursor } : {}) };
}

export async function getApplicationFor(ports: Pick<Ports, 'db'>, actor: Actor, caseId: string) {
  const a = await findApplication(ports, caseId);
  if (!a || !mayRead(actor, a)) throw new NotFoundError('incentive application', caseId);
  return a;
}
