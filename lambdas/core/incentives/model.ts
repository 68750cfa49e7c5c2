/**
 * An incentive application (奖补申请): one per incentive case (`INCENTIVE#<caseId>` / `INCENTIVE`), listed for its
 * enterprise (GSI1 `INCENTIVEORG#<orgId>`) and for administrators by region (GSI2 `INCENTIVES` /
 * `<regionPath>#<createdAt>#<caseId>`). One application per certificate and rule: a guard item
 * (`INCENTIVEGUARD#<certificateId>#<ruleId>`) names the case that holds it.
 */
import type { Item } from '../db/port';
import type { Computation } from './compute';

export type IncentiveStatus = 'assessed' | 'approved' | 'rejected' | 'returned' | 'disbursed';

export interface Review {
  decision: 'approve' | 'reject' | 'return';
  approvedAmount?: number;
  reason?: string;
  submissionId: string;
  reviewedBy: string;
  reviewedAt: string;
}

export interface Disbursement {
  amount: number;
  paidOn: string;
  voucherNo: string;
  note?: string;
  submissionId: string;
  recordedBy: string;
  recordedAt: string;
}

export interface IncentiveApplication {
  caseId: string;
  organisationId: string;
  organisationName: string;
  regionPath: string;
  certificateId: string;
  certificateNumber: string;
  auditType: string;
  grade: string;
  ruleId: string;
  ruleTitle: { zh: string; en: string };
  /** `reward-rules@<version>`: the rule as it stood when assessed. */
  ruleLabel: string;
  computation: Computation;
  account?: unknown;
  status: IncentiveStatus;
  reviews: Review[];
  disbursement?: Disbursement;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const applicationKey = (caseId: string) => ({ PK: `INCENTIVE#${caseId}`, SK: 'INCENTIVE' });
export const guardKey = (certificateId: string, ruleId: string) => ({
  PK: `INCENTIVEGUARD#${certificateId}#${ruleId}`,
  SK: 'GUARD',
});

export function applicationToItem(a: IncentiveApplication): Item {
  return {
    ...applicationKey(a.caseId),
    type: 'incentive-application',
    ...a,
    GSI1PK: `INCENTIVEORG#${a.organisationId}`,
    GSI1SK: `${a.createdAt}#${a.caseId}`,
    GSI2PK: 'INCENTIVES',
    GSI2SK: `${a.regionPath}#${a.createdAt}#${a.caseId}`,
  };
}

export function applicationFromItem(item: Item): IncentiveApplication {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, ...rest } = item;
  return rest as unknown as IncentiveApplication;
}
