/**
 * Certificates (清洁生产审核证书): one item per certificate (`CERT#<id>` / `CERT`), listed by holder (GSI1
 * `CERTORG#<orgId>`), by region for administrators (GSI2 `CERTS` / `<regionPath>#<issuedAt>#<id>`) and by expiry
 * for renewal reminders (GSI3 `CERTEXPIRY` / `<validUntil>#<id>`). The number is unique through a guard item
 * (`CERTNO#<number>`), which is also how the public verification finds a certificate.
 */
import type { Item } from '../db/port';

export const GRADES = ['excellent', 'good', 'pass'] as const;
export type CertificateGrade = (typeof GRADES)[number];

export interface Certificate {
  id: string;
  number: string;
  caseId: string;
  programmeId: string;
  holderOrgId: string;
  holderName: string;
  regionPath: string;
  auditType: { zh: string; en: string };
  grade: CertificateGrade;
  score: number;
  issuedAt: string;
  /** Calendar dates in China time (UTC+8), YYYY-MM-DD; valid through `validUntil` inclusive. */
  validFrom: string;
  validUntil: string;
  validityYears: number;
  status: 'valid' | 'revoked';
  /** `certificate-policy@<version>`. */
  policy: string;
}

export type PublicStatus = 'valid' | 'expired' | 'revoked';

export const certKey = (id: string) => ({ PK: `CERT#${id}`, SK: 'CERT' });
export const numberGuard = (number: string) => ({ PK: `CERTNO#${number}`, SK: 'CERTNO' });
export const sequenceKey = (series: string) => ({ PK: `CERTSEQ#${series}`, SK: 'SEQ' });
export const reservationKey = (caseId: string) => ({ PK: `CERTRES#${caseId}`, SK: 'RES' });

export function certificateToItem(c: Certificate): Item {
  return {
    ...certKey(c.id),
    type: 'certificate',
    ...c,
    GSI1PK: `CERTORG#${c.holderOrgId}`,
    GSI1SK: `${c.issuedAt}#${c.id}`,
    GSI2PK: 'CERTS',
    GSI2SK: `${c.regionPath}#${c.issuedAt}#${c.id}`,
    GSI3PK: 'CERTEXPIRY',
    GSI3SK: `${c.validUntil}#${c.id}`,
  };
}

export function certificateFromItem(item: Item): Certificate {
  const {
    PK: _a,
    SK: _b,
    type: _t,
    GSI1PK: _c,
    GSI1SK: _d,
    GSI2PK: _e,
    GSI2SK: _f,
    GSI3PK: _g,
    GSI3SK: _h,
    ...rest
  } = item;
  return rest as unknown as Certificate;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date in China time.
 * @example chinaDate(Date.parse('2026-11-28T18:00:00Z')) // '2026-11-29'
 */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last day of a validity of `years` starting on `from` (the day before the anniversary).
 * @example validUntil('2026-11-29', 5) // '2031-11-28'
 */
export function validUntil(from: string, years: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  const anniversary = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  // 29 February plus years lands on 1 March in a common year; the validity ends on 28 February.
  if (anniversary.getUTCDate() !== d.getUTCDate()) anniversary.setUTCDate(0);
  else anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

/** What the public verification shows on a given day. */
export function publicStatus(c: Pick<Certificate, 'status' | 'validUntil'>, today: string): PublicStatus {
  if (c.status === 'revoked') return 'revoked';
  return today > c.validUntil ? 'expired' : 'valid';
}

/**
 * The region code the number carries: the case's region at the policy's level, or the deepest above it.
 * @example numberRegion('86/440000/440100/440112/440112400/', 'city') // '440100'
 */
export function numberRegion(regionPath: string, level: 'province' | 'city' | 'district'): string {
  const parts = regionPath.split('/').filter(Boolean);
  const index = { province: 1, city: 2, district: 3 }[level];
  return parts[Math.min(index, parts.length - 1)] ?? '86';
}
