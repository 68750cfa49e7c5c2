/**
 * Turning a completed audit's implemented options into library entries (pure): the appraisal from the case's
 * results record, the name and factor from its options register, the verified figures from its implementation
 * register. Nothing else is copied, so nothing confidential can leak through a field added later to a form.
 */
import type { LibraryEntry } from './model';
import { implementationRows, optionRows } from './registers';

export interface OptionSources {
  /** The results record's option appraisals. */
  appraisals: unknown;
  /** Submitted form data, oldest first (options registers and implementation registers). */
  submissions: readonly unknown[];
}

type Rec = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The options the results record marks implemented, with what the library may show of each. */
export function implementedOptions(
  src: OptionSources,
): Omit<
  LibraryEntry,
  'id' | 'industryCode' | 'regionCode' | 'auditType' | 'caseId' | 'publishedAt' | 'contributor'
>[] {
  const register = optionRows(src.submissions);
  const done = implementationRows(src.submissions);
  const appraisals = Array.isArray(src.appraisals) ? (src.appraisals as Rec[]) : [];
  return appraisals
    .filter((a) => a.implemented === true && typeof a.id === 'string')
    .map((a) => {
      const id = a.id as string;
      const r = register.get(id) ?? {};
      const d = done.get(id) ?? {};
      const tce = num(r.energySavedTce);
      const water = num(r.waterSavedT);
      const pollutantCode = str(d.pollutantCode);
      const pollutantT = num(d.pollutantReducedT);
      const result = str(d.verifiedResult);
      const factor = str(r.factor);
      return {
        optionId: id,
        title: str(r.name) ?? id,
        ...(factor ? { factor } : {}),
        cost: String(a.cost),
        investment: num(d.actualInvestment) ?? num(a.investment) ?? 0,
        annualSaving: num(d.verifiedAnnualBenefit) ?? num(a.annualBenefit) ?? 0,
        payback: num(a.payback) ?? null,
        ...(tce !== undefined ? { energySavedTce: tce } : {}),
        ...(water !== undefined && water > 0 ? { waterSavedT: water } : {}),
        ...(pollutantCode && pollutantT !== undefined
          ? { pollutant: { code: pollutantCode, reducedT: pollutantT } }
          : {}),
        ...(result ? { result } : {}),
      };
    });
}

/**
 * The city-level code of a region path (or the deepest code above the city).
 * @example cityOf('86/440000/440100/440112/440112400/') // '440100'
 */
export function cityOf(regionPath: string): string {
  const parts = regionPath.split('/').filter(Boolean);
  return parts[Math.min(2, parts.length - 1)] ?? '86';
}
