/**
 * Reading certificates: the holder enterprise sees its own, an administrator those of its region, and anyone may
 * verify a number (public, showing only holder, audit type, grade, validity and status). No Scan: each list is one
 * GSI query per page.
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import type { Ports } from '../ports';
import type { Certificate, PublicStatus } from './model';
import { certificateFromItem, certKey, chinaDate, numberGuard, publicStatus } from './model';

export interface CertificateView extends Certificate {
  /** valid / expired / revoked today. */
  currentStatus: PublicStatus;
}

const view = (c: Certificate, now: number): CertificateView => ({
  ...c,
  currentStatus: publicStatus(c, chinaDate(now)),
});

function mayRead(actor: Actor, c: Certificate): boolean {
  if (actor.role === 'admin') return administers(actor, c);
  return actor.role === 'enterprise' && actor.organisationId === c.holderOrgId;
}

/**
 * @example await listCertificates(ports, enterpriseActor, { limit: 20 }) // { items: [...], cursor? }
 */
export async function listCertificates(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  q: { limit?: number; cursor?: string },
): Promise<{ items: CertificateView[]; cursor?: string }> {
  let index: 'GSI1' | 'GSI2';
  let pk: string;
  let prefix: string | undefined;
  if (actor.role === 'enterprise') [index, pk] = ['GSI1', `CERTORG#${actor.organisationId}`];
  else if (actor.role === 'admin') [index, pk, prefix] = ['GSI2', 'CERTS', actor.regionPath];
  else throw new ForbiddenError('certificates are listed for their holders and administrators');
  const page = await ports.db.query({
    IndexName: index,
    KeyConditionExpression: prefix ? `${index}PK = :pk AND begins_with(${index}SK, :p)` : `${index}PK = :pk`,
    ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':p': prefix } : {}) },
    ScanIndexForward: false,
    Limit: q.limit ?? 50,
    ExclusiveStartKey: decodeCursor(q.cursor, [`${index}PK`, pk]),
  });
  const now = ports.clock.now();
  const cursor = encodeCursor(page.lastKey);
  return { items: page.items.map((i) => view(certificateFromItem(i), now)), ...(cursor ? { cursor } : {}) };
}

export async function getCertificate(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<CertificateView> {
  const item = await ports.db.get({ Key: certKey(id) });
  const c = item ? certificateFromItem(item) : undefined;
  if (!c || !mayRead(actor, c)) throw new NotFoundError('certificate', id);
  return view(c, ports.clock.now());
}

export interface Verification {
  number: string;
  holderName: string;
  auditType: { zh: string; en: string };
  grade: Certificate['grade'];
  validFrom: string;
  validUntil: string;
  status: PublicStatus;
}

/**
 * Public verification by number: nothing but what a certificate prints.
 * @example await verifyCertificate(ports, 'CP-440100-2026-0001') // { holderName: '广州明珠电镀有限公司', status: 'valid', … }
 */
export async function verifyCertificate(
  ports: Pick<Ports, 'db' | 'clock'>,
  number: string,
): Promise<Verification> {
  const guard = await ports.db.get({ Key: numberGuard(number) });
  const item =
    typeof guard?.ownerId === 'string' ? await ports.db.get({ Key: certKey(guard.ownerId) }) : undefined;
  if (!item) throw new NotFoundError('certificate', number);
  const c = certificateFromItem(item);
  return {
    number: c.number,
    holderName: c.holderName,
    auditType: c.auditType,
    grade: c.grade,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    status: publicStatus(c, chinaDate(ports.clock.now())),
  };
}
