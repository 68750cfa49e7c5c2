/**
 * The referral package a bank receives (DOMAIN §8's minimal data package): the request itself, and only the parts
 * the enterprise consented to for this bank — its profile, its certificate, the performance table, and the
 * mid/high-cost options it wants financed with capex, NPV, IRR and payback. Pure: built from what the services read.
 */
import type { Organisation } from '../identity/organisations';
import { optionRows } from '../library/registers';
import type { Scope } from './policy-table';

export interface PackageOption {
  id: string;
  name?: string;
  factor?: string;
  cost: string;
  implemented: boolean;
  /** 万元. */
  capex: number;
  annualBenefit: number;
  npv: number | null;
  irr: number | null;
  payback: number | null;
}

export interface PackageCertificate {
  number: string;
  auditType?: { zh: string; en: string };
  grade: string;
  score: number;
  validFrom: string;
  validUntil: string;
  status: string;
}

export interface ReferralPackage {
  format: 'cpflow.referral/1';
  referralId: string;
  requestId: string;
  generatedAt: string;
  bank: { id: string; name: string };
  product: { id: string; name: string };
  request: { amount: number; termMonths: number; categories: string[]; purpose: string; optionIds: string[] };
  scopes: Scope[];
  enterprise?: {
    name: string;
    creditCode?: string;
    industryCode?: string;
    regionCode: string;
    size?: string;
    address?: string;
    legalRepresentative?: string;
    contacts?: unknown[];
  };
  certificate?: PackageCertificate;
  performance?: Record<string, unknown>;
  options?: PackageOption[];
}

export interface PackageSources {
  referralId: string;
  requestId: string;
  generatedAt: string;
  bank: { id: string; name: string };
  product: { id: string; name: string };
  request: ReferralPackage['request'];
  scopes: readonly Scope[];
  organisation: Organisation;
  certificate?: PackageCertificate;
  /** The results record's `performance`. */
  performance?: unknown;
  /** The results record's `options` (option appraisals). */
  options?: unknown;
  optionNames: ReadonlyMap<string, { name?: string; factor?: string }>;
}

const PERFORMANCE_FIELDS = [
  'year',
  'tce',
  'co2T',
  'waterT',
  'materialsT',
  'pollutants',
  'economicBenefit',
  'options',
  'factors',
];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The appraised options named in the request, in the request's order. */
export function packageOptions(
  appraisals: unknown,
  ids: readonly string[],
  names: PackageSources['optionNames'],
): PackageOption[] {
  const list = Array.isArray(appraisals) ? (appraisals as Record<string, unknown>[]) : [];
  return ids.flatMap((id) => {
    const a = list.find((o) => o.id === id);
    if (!a) return [];
    const named = names.get(id);
    return [
      {
        id,
        ...(named?.name ? { name: named.name } : {}),
        ...(named?.factor ? { factor: named.factor } : {}),
        cost: String(a.cost),
        implemented: a.implemented === true,
        capex: num(a.investment) ?? 0,
        annualBenefit: num(a.annualBenefit) ?? 0,
        npv: num(a.npv),
        irr: num(a.irr),
        payback: num(a.payback),
      },
    ];
  });
}

/**
 * @example buildPackage({ referralId, requestId, scopes: ['profile', 'options'], organisation, options, … })
 * // { format: 'cpflow.referral/1', enterprise: {...}, options: [{ id: 'F01', capex: 18, npv: 21.38, irr: 25.38, payback: 3.53 }] }
 */
export function buildPackage(s: PackageSources): ReferralPackage {
  const has = (scope: Scope) => s.scopes.includes(scope);
  const o = s.organisation;
  const p = o.profile;
  const performance =
    has('performance') && s.performance && typeof s.performance === 'object'
      ? Object.fromEntries(
          Object.entries(s.performance as Record<string, unknown>).filter(([k]) =>
            PERFORMANCE_FIELDS.includes(k),
          ),
        )
      : undefined;
  return {
    format: 'cpflow.referral/1',
    referralId: s.referralId,
    requestId: s.requestId,
    generatedAt: s.generatedAt,
    bank: s.bank,
    product: s.product,
    request: s.request,
    scopes: [...s.scopes],
    ...(has('profile')
      ? {
          enterprise: {
            name: o.name,
            regionCode: o.regionCode,
            ...(p.creditCode ? { creditCode: p.creditCode } : {}),
            ...(p.industryCode ? { industryCode: p.industryCode } : {}),
            ...(p.size ? { size: p.size } : {}),
            ...(p.address ? { address: p.address } : {}),
            ...(p.legalRepresentative ? { legalRepresentative: p.legalRepresentative } : {}),
            ...(p.contacts ? { contacts: p.contacts } : {}),
          },
        }
      : {}),
    ...(has('certificate') && s.certificate ? { certificate: s.certificate } : {}),
    ...(performance ? { performance } : {}),
    ...(has('options') ? { options: packageOptions(s.options, s.request.optionIds, s.optionNames) } : {}),
  };
}

/** Option names and factors from a case's submitted forms (options registers, the report's summary). */
export function optionNamesFrom(
  submissions: readonly { data: unknown }[],
): Map<string, { name?: string; factor?: string }> {
  const names = new Map<string, { name?: string; factor?: string }>();
  for (const [id, row] of optionRows(submissions.map((s) => s.data))) {
    const name = typeof row.name === 'string' ? row.name : undefined;
    const factor = typeof row.factor === 'string' ? row.factor : undefined;
    names.set(id, { ...(name ? { name } : {}), ...(factor ? { factor } : {}) });
  }
  return names;
}
