/**
 * The technology and case library (技术成果库, seed 2.3): implemented options from completed audits, published only with
 * the enterprise's consent and stripped of what is confidential. An entry keeps the industry, the factor (生产要素)
 * the option acts on, what it cost, what it saves and its payback — never the enterprise's identity (unless it chose
 * to be named), its address, contacts, credit code, files, cash flows or appraisal assumptions; its region only to
 * the city.
 *
 * Items: `LIBRARY#<id>` / `ENTRY` (GSI1 `LIBRARY` / `<industryCode>#<id>`: search by industry prefix; GSI2
 * `LIBCASE#<caseId>` / `<optionId>`: a contribution's entries); the contribution `LIBCONTRIB#<caseId>` / `CONTRIB`
 * (GSI1 `LIBCONTRIBORG#<orgId>` / `<consentedAt>#<caseId>`).
 */
import { sha256Hex } from '../canonical';
import type { Item } from '../db/port';

export interface LibraryEntry {
  id: string;
  title: string;
  industryCode: string;
  /** The city (or coarser) region code. */
  regionCode: string;
  factor?: string;
  cost: string;
  /** 万元. */
  investment: number;
  /** 万元 a year. */
  annualSaving: number;
  /** Years. */
  payback: number | null;
  energySavedTce?: number;
  waterSavedT?: number;
  pollutant?: { code: string; reducedT: number };
  result?: string;
  /** Only when the enterprise chose to be named. */
  contributor?: string;
  auditType: string;
  caseId: string;
  optionId: string;
  publishedAt: string;
}

export interface Contribution {
  caseId: string;
  organisationId: string;
  optionIds: string[];
  named: boolean;
  consentedBy: string;
  consentedAt: string;
  status: 'published' | 'withdrawn';
  withdrawnAt?: string;
}

export async function entryIdFor(caseId: string, optionId: string): Promise<string> {
  return `lib_${(await sha256Hex(`${caseId}\n${optionId}`)).slice(0, 26)}`;
}

export const entryKey = (id: string) => ({ PK: `LIBRARY#${id}`, SK: 'ENTRY' });
export const contributionKey = (caseId: string) => ({ PK: `LIBCONTRIB#${caseId}`, SK: 'CONTRIB' });

export const entryToItem = (e: LibraryEntry): Item => ({
  ...entryKey(e.id),
  type: 'library-entry',
  ...e,
  GSI1PK: 'LIBRARY',
  GSI1SK: `${e.industryCode}#${e.id}`,
  GSI2PK: `LIBCASE#${e.caseId}`,
  GSI2SK: e.optionId,
});

export function entryFromItem(item: Item): LibraryEntry {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, ...rest } = item;
  return rest as unknown as LibraryEntry;
}

export const contributionToItem = (c: Contribution): Item => ({
  ...contributionKey(c.caseId),
  type: 'library-contribution',
  ...c,
  GSI1PK: `LIBCONTRIBORG#${c.organisationId}`,
  GSI1SK: `${c.consentedAt}#${c.caseId}`,
});

export function contributionFromItem(item: Item): Contribution {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as Contribution;
}
