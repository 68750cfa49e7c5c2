/**
 * A referral: one bank's copy of one financing request, with the package the enterprise consented to, the bank's
 * answers and the information exchanged. Keys: `REFERRAL#<id>` / `REFERRAL`; GSI1 `REFERRALBANK#<bankId>` /
 * `<createdAt>#<id>` (the bank's inbox — removed when the package is withdrawn); GSI2 `REFERRALREQ#<requestId>` /
 * `<bankId>` (every referral of a request); GSI3 `REFERRALORG#<orgId>` / `<createdAt>#<id>` (the enterprise's).
 */
import { sha256Hex } from '../canonical';
import type { Item } from '../db/port';
import type { ReferralPackage } from './package';
import type { Scope } from './policy-table';

export const DECISIONS = ['request-info', 'approve', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];

export type ReferralStatus =
  'delivered' | 'info-requested' | 'info-provided' | 'approved' | 'declined' | 'no-answer' | 'withdrawn';

export interface BankAnswer {
  decision: Decision;
  /** Approve: 万元, annual %, months, and any conditions. */
  amount?: number;
  ratePct?: number;
  termMonths?: number;
  conditions?: string;
  /** Decline. */
  reason?: string;
  /** Request for information. */
  questions?: string;
  submissionId: string;
  answeredAt: string;
  answeredBy: string;
}

export interface InfoResponse {
  submissionId: string;
  providedAt: string;
  text: string;
  attachments?: unknown[];
}

export interface Referral {
  id: string;
  requestId: string;
  childCaseId: string;
  bankId: string;
  bankName: string;
  productId: string;
  productName: string;
  organisationId: string;
  organisationName: string;
  regionPath: string;
  scopes: Scope[];
  status: ReferralStatus;
  /** Absent once withdrawn before an answer: the package is deleted, not only hidden. */
  package?: ReferralPackage;
  packageHash?: string;
  webhook: 'none' | 'pending' | 'delivered' | 'failed';
  answers: BankAnswer[];
  info: InfoResponse[];
  finalDecision?: 'approve' | 'decline';
  withdrawnAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export async function referralIdFor(requestId: string, bankId: string): Promise<string> {
  return `ref_${(await sha256Hex(`${requestId}\n${bankId}`)).slice(0, 26)}`;
}

export const referralKey = (id: string) => ({ PK: `REFERRAL#${id}`, SK: 'REFERRAL' });
export const bankInbox = (bankId: string) => `REFERRALBANK#${bankId}`;

/** Whether the bank may still see the package: until withdrawn, or for good once it gave its decision. */
export const visibleToBank = (r: Pick<Referral, 'status'>) => r.status !== 'withdrawn';

export function referralToItem(r: Referral): Item {
  return {
    ...referralKey(r.id),
    type: 'referral',
    ...r,
    ...(visibleToBank(r) ? { GSI1PK: bankInbox(r.bankId), GSI1SK: `${r.createdAt}#${r.id}` } : {}),
    GSI2PK: `REFERRALREQ#${r.requestId}`,
    GSI2SK: r.bankId,
    GSI3PK: `REFERRALORG#${r.organisationId}`,
    GSI3SK: `${r.createdAt}#${r.id}`,
  };
}

export function referralFromItem(item: Item): Referral {
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
  return rest as unknown as Referral;
}

/** The referral without its package (lists). */
export function summaryOf(r: Referral): Omit<Referral, 'package'> {
  const { package: _p, ...rest } = r;
  return rest;
}
