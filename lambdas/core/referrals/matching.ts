/**
 * Which green-credit products fit a financing request: pure, so every rule is a unit-tested line. A product fits when
 * it is active, shares a category with the request, serves a region on the enterprise's path, lends the amount for
 * the term, and does not exclude the enterprise's industry.
 */
import type { Product } from './banks';

export interface MatchInput {
  amount: number;
  termMonths: number;
  categories: string[];
  /** The enterprise's region path, e.g. `86/440000/440100/440111/440111100/`. */
  regionPath: string;
  /** GB/T 4754 code of the enterprise. */
  industryCode: string;
}

export interface Match {
  bankId: string;
  bankName: string;
  productId: string;
  productName: string;
  indicativeRate?: string;
  /** Why it fits, in words the enterprise reads. */
  reasons: string[];
}

export interface Mismatch {
  bankId: string;
  productId: string;
  reasons: string[];
}

/** Why a product does not fit; empty when it fits. */
export function misfits(p: Product, r: MatchInput): string[] {
  const out: string[] = [];
  const segments = new Set(r.regionPath.split('/').filter(Boolean));
  if (!p.active) out.push('product inactive');
  if (!p.categories.some((c) => r.categories.includes(c))) out.push('no shared category');
  if (p.regionCodes.length && !p.regionCodes.some((c) => segments.has(c))) out.push('region not served');
  if (r.amount < p.minAmount || r.amount > p.maxAmount)
    out.push(`amount outside ${p.minAmount}–${p.maxAmount} 万元`);
  if (r.termMonths > p.maxTermMonths) out.push(`term over ${p.maxTermMonths} months`);
  const excluded = p.excludedIndustries.find((prefix) => r.industryCode.startsWith(prefix));
  if (excluded) out.push(`industry ${excluded} excluded`);
  return out;
}

/**
 * @example matchProducts(products, { amount: 500, termMonths: 36, categories: ['energy-saving'], regionPath, industryCode: 'C2319' })
 * // { matches: [{ bankId: 'org_icbcgz001', productId: 'green-retrofit', reasons: [...] }], mismatches: [...] }
 */
export function matchProducts(
  products: readonly Product[],
  r: MatchInput,
): { matches: Match[]; mismatches: Mismatch[] } {
  const matches: Match[] = [];
  const mismatches: Mismatch[] = [];
  for (const p of [...products].sort((a, b) => `${a.bankId}#${a.id}`.localeCompare(`${b.bankId}#${b.id}`))) {
    const reasons = misfits(p, r);
    if (reasons.length) {
      mismatches.push({ bankId: p.bankId, productId: p.id, reasons });
      continue;
    }
    matches.push({
      bankId: p.bankId,
      bankName: p.bankName,
      productId: p.id,
      productName: p.name,
      ...(p.indicativeRate ? { indicativeRate: p.indicativeRate } : {}),
      reasons: [
        `categories: ${p.categories.filter((c) => r.categories.includes(c)).join(', ')}`,
        `amount ${p.minAmount}–${p.maxAmount} 万元, term ≤ ${p.maxTermMonths} months`,
        p.regionCodes.length ? `serves ${p.regionCodes.join(', ')}` : 'serves every region',
      ],
    });
  }
  return { matches, mismatches };
}
