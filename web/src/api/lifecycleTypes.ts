/**
 * Shapes of the lifecycle routes (issue 6) as the portals read them: certificates, green-credit requests and
 * referrals, incentive applications, notifications and the reference tables they name. The OpenAPI document at
 * /api/openapi.json is the reference; fields the pages do not read are left out.
 */
import type { Localised } from './types';

export type CertificateStatus = 'valid' | 'expired' | 'revoked';
export type Grade = 'excellent' | 'good' | 'pass';

export interface Certificate {
  id: string;
  number: string;
  caseId: string;
  programmeId: string;
  holderOrgId: string;
  holderName: string;
  auditType: Localised;
  grade: Grade;
  score: number;
  issuedAt: string;
  validFrom: string;
  /** `YYYY-MM-DD`, the last valid day. */
  validUntil: string;
  validityYears: number;
  status: 'valid' | 'revoked';
  /** Whether it is valid today (the server's view). */
  currentStatus: CertificateStatus;
}

export type Scope = 'profile' | 'certificate' | 'performance' | 'options';
export const SCOPES: Scope[] = ['profile', 'certificate', 'performance', 'options'];

export type ReferralStatus =
  'delivered' | 'info-requested' | 'info-provided' | 'approved' | 'declined' | 'no-answer' | 'withdrawn';

export type BankDecision = 'request-info' | 'approve' | 'decline';

export interface BankAnswer {
  decision: BankDecision;
  /** Approve: 万元, annual %, months, conditions. */
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

export interface PackageOption {
  id: string;
  name?: string;
  factor?: string;
  cost?: string;
  implemented?: boolean;
  capex?: number;
  annualBenefit?: number;
  npv?: number;
  irr?: number;
  payback?: number;
}

/** What a bank receives: only the parts (`scopes`) the enterprise consented to are present. */
export interface ReferralPackage {
  format?: string;
  generatedAt?: string;
  product?: { id: string; name: string };
  request?: {
    amount?: number;
    termMonths?: number;
    categories?: string[];
    purpose?: string;
    optionIds?: string[];
  };
  scopes: Scope[];
  enterprise?: {
    name?: string;
    regionCode?: string;
    creditCode?: string;
    industryCode?: string;
    size?: string;
    address?: string;
    legalRepresentative?: string;
    contacts?: { name: string; phone?: string; email?: string; title?: string }[];
  };
  certificate?: {
    number?: string;
    auditType?: Localised;
    grade?: string;
    score?: number;
    validFrom?: string;
    validUntil?: string;
    status?: string;
  };
  performance?: {
    year?: number;
    tce?: number | { equivalent?: number; calorific?: number };
    co2T?: number;
    waterT?: number;
    materialsT?: number;
    economicBenefit?: number;
    pollutants?: Record<string, number>;
  };
  options?: PackageOption[];
}

export interface WebhookDelivery {
  deliveryId: string;
  event: string;
  attempt: number;
  at: string;
  outcome: 'delivered' | 'failed';
  target: string;
  httpStatus?: number;
  error?: string;
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
  scopes: Scope[];
  status: ReferralStatus;
  /** Only on GET /api/referrals/{id}; absent once withdrawn before an answer. */
  package?: ReferralPackage;
  webhook?: 'none' | 'pending' | 'delivered' | 'failed';
  answers: BankAnswer[];
  info: InfoResponse[];
  finalDecision?: 'approve' | 'decline';
  withdrawnAt?: string;
  createdAt: string;
  updatedAt: string;
  /** The enterprise's and administrators' view only. */
  deliveries?: WebhookDelivery[];
}

export interface ConsentBank {
  bankId: string;
  bankName: string;
  productId: string;
  productName: string;
  scopes: Scope[];
  withdrawnAt?: string;
}

export interface Consent {
  banks: ConsentBank[];
  signedBy: string;
  givenAt: string;
  givenBy: string;
  status: 'given' | 'withdrawn';
  withdrawnAt?: string;
  reason?: string;
}

export interface ProductMatch {
  bankId: string;
  bankName: string;
  productId: string;
  productName: string;
  indicativeRate?: string;
  reasons?: string[];
}

export interface FinancingRequest {
  caseId: string;
  organisationName: string;
  auditCaseId: string;
  certificateId?: string;
  amount: number;
  termMonths: number;
  categories: string[];
  purposeOptionIds: string[];
  purpose: string;
  matches: ProductMatch[];
  consent?: Consent;
  createdAt: string;
  updatedAt: string;
}

export type IncentiveStatus = 'assessed' | 'approved' | 'rejected' | 'returned' | 'disbursed';

export interface IncentiveApplication {
  caseId: string;
  certificateId: string;
  certificateNumber: string;
  auditType?: string;
  grade?: string;
  ruleId: string;
  ruleTitle: Localised;
  computation: {
    eligible: boolean;
    amount: number;
    problems: string[];
    explanation: Localised;
    source?: string;
  };
  status: IncentiveStatus;
  reviews: {
    decision: 'approve' | 'reject' | 'return';
    approvedAmount?: number;
    reason?: string;
    reviewedAt: string;
  }[];
  disbursement?: { amount: number; paidOn: string; voucherNo: string; note?: string };
  createdAt: string;
  updatedAt: string;
}

export interface AppNotification {
  id: string;
  caseId?: string;
  kind: string;
  title: Localised;
  body: Localised;
  /** An in-app path, e.g. `/tasks/task_…`. */
  link?: string;
  createdAt: string;
  readAt?: string;
}

export interface NotificationPage {
  items: AppNotification[];
  unreadCount: number;
  unreadMore: boolean;
  cursor?: string;
}

/** A published reference table (`GET /api/reference/{id}`). */
export interface ReferenceTable<C> {
  id: string;
  version: number;
  label: string;
  content: C;
}

export interface ReferralPolicy {
  answerDays: { value: number };
  infoDays: { value: number };
  categories: { id: string; title: Localised }[];
  scopes: { id: Scope; title: Localised; description: Localised; required: boolean }[];
}
