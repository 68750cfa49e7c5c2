/**
 * `cp-issue-certificate`: issues a case's certificate once — number `<prefix>-<region>-<year>-<seq>` unique through a
 * guard item, validity from the `certificate-policy` table — records it in the case's results record and appends
 * `certificate.issued`. Idempotent per case: the certificate id derives from the case id, the number is reserved
 * for the case before it is claimed, and a repeated invocation completes what a crash left undone.
 */
import { z } from 'zod';
import { sha256Hex } from '../canonical';
import { getCase } from '../cases/cases';
import { appendEvents } from '../cases/events';
import type { Case } from '../cases/model';
import { ConditionFailedError } from '../db/errors';
import { claimUnique } from '../db/unique';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { issuesToDetails, TaskError } from '../reference/errors';
import { getTable } from '../reference/store';
import { setResults } from '../results/results';
import type { Certificate } from './model';
import {
  certificateFromItem,
  certificateToItem,
  certKey,
  chinaDate,
  GRADES,
  numberGuard,
  numberRegion,
  reservationKey,
  sequenceKey,
  validUntil,
} from './model';

export class InvalidCertificateRequestError extends TaskError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('Certificate.InvalidRequest', 'VALIDATION_FAILED', message, details);
  }
}

export const IssuePayload = z.looseObject({
  caseId: z.string().min(1),
  organisationId: z.string().min(1).optional(),
  programmeId: z.string().min(1).optional(),
  score: z.number().finite().min(0).max(1000),
  grade: z.enum(GRADES),
  validityYears: z.number().int().min(1).max(20).optional(),
});

export interface IssueResult {
  certificateId: string;
  number: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  grade: Certificate['grade'];
  score: number;
}

const resultOf = (c: Certificate): IssueResult => ({
  certificateId: c.id,
  number: c.number,
  issuedAt: c.issuedAt,
  validFrom: c.validFrom,
  validUntil: c.validUntil,
  grade: c.grade,
  score: c.score,
});

/** The number reserved for the case, reserving the next in its series if there is none yet. */
async function reserveNumber(ports: Pick<Ports, 'db'>, caseId: string, series: string, digits: number) {
  const existing = await ports.db.get({ Key: reservationKey(caseId), ConsistentRead: true });
  if (typeof existing?.number === 'string') return existing.number;
  const counter = await ports.db.update({
    Key: sequenceKey(series),
    UpdateExpression: 'ADD #s :one SET #t = :t',
    ExpressionAttributeNames: { '#s': 'seq', '#t': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':t': 'certificate-sequence' },
    ReturnValues: 'ALL_NEW',
  });
  const number = `${series}-${String(counter?.seq).padStart(digits, '0')}`;
  try {
    await ports.db.put({
      Item: { ...reservationKey(caseId), type: 'certificate-reservation', caseId, number },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    return number;
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // A concurrent invocation reserved first; its number stands (ours stays unused, a gap in the series).
    const winner = await ports.db.get({ Key: reservationKey(caseId), ConsistentRead: true });
    return String(winner?.number);
  }
}

/** The writes after the certificate item; each idempotent. */
async function complete(ports: Pick<Ports, 'db' | 'clock'>, c: Case, cert: Certificate): Promise<void> {
  await setResults(ports, c, {
    certificate: {
      certificateId: cert.id,
      number: cert.number,
      grade: cert.grade,
      score: cert.score,
      issuedAt: cert.issuedAt,
      validFrom: cert.validFrom,
      validUntil: cert.validUntil,
      status: cert.status,
    },
  });
  try {
    await appendEvents(
      ports,
      c.id,
      [
        {
          kind: 'certificate.issued',
          actor: { userId: 'workflow', role: 'system' },
          summary: `证书已颁发：${cert.number}，有效期至 ${cert.validUntil}`,
          data: {
            certificateId: cert.id,
            number: cert.number,
            grade: cert.grade,
            score: cert.score,
            validUntil: cert.validUntil,
          },
        },
      ],
      {
        set: ['#cert = :id'],
        condition: 'attribute_not_exists(#cert)',
        names: { '#cert': 'certificateId' },
        values: { ':id': cert.id },
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err; // issued before (a repeated invocation)
  }
}

/**
 * @example await issueCertificate(ports, { caseId, organisationId, programmeId: 'audit-quick', score: 86.5, grade: 'good' })
 * // { certificateId: 'cert_…', number: 'CP-440100-2026-0001', validUntil: '2031-11-28', … }
 */
export async function issueCertificate(ports: Ports, payload: unknown): Promise<IssueResult> {
  const parsed = IssuePayload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidCertificateRequestError(
      'invalid cp-issue-certificate payload',
      issuesToDetails(parsed.error.issues),
    );
  const req = parsed.data;
  const c = await getCase(ports, req.caseId);
  if (req.organisationId && req.organisationId !== c.organisationId)
    throw new InvalidCertificateRequestError(`case ${c.id} is not ${req.organisationId}'s`, [
      { path: '/organisationId', message: 'not the case organisation' },
    ]);
  const id = `cert_${(await sha256Hex(`certificate:${c.id}`)).slice(0, 26)}`;
  const existing = await ports.db.get({ Key: certKey(id), ConsistentRead: true });
  if (existing) {
    const cert = certificateFromItem(existing);
    await complete(ports, c, cert);
    return resultOf(cert);
  }
  const policy = await getTable(ports, 'certificate-policy');
  const p = policy.content;
  const now = ports.clock.now();
  const validFrom = chinaDate(now);
  const series = `${p.number.prefix}-${numberRegion(c.regionPath, p.number.regionLevel)}-${validFrom.slice(0, 4)}`;
  const number = await reserveNumber(ports, c.id, series, p.number.seqDigits);
  const years = req.validityYears ?? p.validityYears.value;
  const programmeId = req.programmeId ?? c.programmeId;
  const cert: Certificate = {
    id,
    number,
    caseId: c.id,
    programmeId,
    holderOrgId: c.organisationId,
    holderName: c.organisationName,
    regionPath: c.regionPath,
    auditType: p.auditTypes[programmeId] ?? c.programmeTitle,
    grade: req.grade,
    score: req.score,
    issuedAt: isoTime(now),
    validFrom,
    validUntil: validUntil(validFrom, years),
    validityYears: years,
    status: 'valid',
    policy: policy.label,
  };
  await claimUnique(ports.db, numberGuard(number), 'certificate number', number, id, async (owner) =>
    Boolean(await ports.db.get({ Key: certKey(owner) })),
  );
  try {
    await ports.db.put({ Item: certificateToItem(cert), ConditionExpression: 'attribute_not_exists(PK)' });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
  const stored = certificateFromItem((await ports.db.get({ Key: certKey(id), ConsistentRead: true }))!);
  await complete(ports, c, stored);
  return resultOf(stored);
}
