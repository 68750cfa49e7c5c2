/**
 * Who may sit on a case's panel (回避 and load), as a pure function of the profiles and the facts about the case.
 * Each excluded expert gets every reason that applies, so a draw record explains itself.
 */
import type { PanelRules } from '../reference/tables/experts';
import type { ExpertProfile } from './profile';

export const EXCLUSION_REASONS = [
  'excluded-by-request',
  'on-leave',
  'out-of-scope',
  'employer-is-enterprise',
  'employer-is-consultancy',
  'advised-enterprise',
  'reviewed-previous-round',
  'declared-conflict',
  'load-cap',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface CaseContext {
  enterpriseId: string;
  /** The case's consultancy and every consultancy the enterprise authorised. */
  consultancyIds: string[];
  industryCode: string;
  /** The case's region path, for the pool scope. */
  regionPath: string;
  now: number;
  /** Experts who reviewed the enterprise's earlier cases within the look-back (platform records). */
  previousReviewers: ReadonlySet<string>;
  /** Panels each expert sits on within the load period, not counting this case's panel. */
  loads: ReadonlyMap<string, number>;
  /** Experts the request excludes (and those being replaced). */
  excluded: ReadonlySet<string>;
}

export interface Candidate {
  userId: string;
  load: number;
  canLead: boolean;
  industryMatch: boolean;
}

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Whether an expert's industries match the enterprise's code at `length` characters (3 = the same division).
 * @example industryMatch(['C33'], 'C3360', 3) // true; industryMatch(['C'], 'C3360', 3) // false
 */
export function industryMatch(industries: readonly string[], code: string, length: number): boolean {
  return (
    code.length >= length &&
    industries.some((p) => p.length >= length && p.slice(0, length) === code.slice(0, length))
  );
}

/** The region path cut to a level of the tree (`86/440000/` is level 2, the province). */
function pathPrefix(regionPath: string, levels: number): string {
  return regionPath.split('/').filter(Boolean).slice(0, levels).join('/') + '/';
}

/** Every reason that excludes this expert from this case's panel; empty when eligible. */
export function exclusionReasons(p: ExpertProfile, ctx: CaseContext, rules: PanelRules): ExclusionReason[] {
  const x = rules.exclusions;
  const reasons: ExclusionReason[] = [];
  if (ctx.excluded.has(p.userId)) reasons.push('excluded-by-request');
  if (p.status !== 'active') reasons.push('on-leave');
  const scope = rules.poolScope.value;
  if (scope !== 'all') {
    const levels = scope === 'province' ? 2 : 3;
    if (pathPrefix(p.poolRegionPath, levels) !== pathPrefix(ctx.regionPath, levels))
      reasons.push('out-of-scope');
  }
  if (x.employerIsEnterprise.value && p.employerOrgId === ctx.enterpriseId)
    reasons.push('employer-is-enterprise');
  if (x.employerIsConsultancy.value && p.employerOrgId && ctx.consultancyIds.includes(p.employerOrgId))
    reasons.push('employer-is-consultancy');
  const advisedSince = ctx.now - x.advisedWithinYears.value * YEAR_MS;
  if (
    p.history.some(
      (h) =>
        h.kind === 'advisory' && h.organisationId === ctx.enterpriseId && Date.parse(h.date) >= advisedSince,
    )
  )
    reasons.push('advised-enterprise');
  if (x.previousRound.exclude) {
    const since = ctx.now - x.previousRound.lookbackYears * YEAR_MS;
    const reviewed =
      ctx.previousReviewers.has(p.userId) ||
      p.history.some(
        (h) => h.kind === 'review' && h.organisationId === ctx.enterpriseId && Date.parse(h.date) >= since,
      );
    if (reviewed) reasons.push('reviewed-previous-round');
  }
  if (
    x.declaredConflicts.value &&
    p.declaredConflicts.some((o) => o === ctx.enterpriseId || ctx.consultancyIds.includes(o))
  )
    reasons.push('declared-conflict');
  if ((ctx.loads.get(p.userId) ?? 0) >= rules.load.maxAssignments) reasons.push('load-cap');
  return reasons;
}

/**
 * Splits the pool into candidates (sorted by user id, the draw's canonical order) and the excluded with reasons.
 * @example eligibility(profiles, ctx, rules, 3).candidates.map((c) => c.userId) // ['usr_expert001', …]
 */
export function eligibility(
  profiles: readonly ExpertProfile[],
  ctx: CaseContext,
  rules: PanelRules,
  matchLength: number,
): { candidates: Candidate[]; excluded: { userId: string; reasons: ExclusionReason[] }[] } {
  const candidates: Candidate[] = [];
  const excluded: { userId: string; reasons: ExclusionReason[] }[] = [];
  for (const p of [...profiles].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))) {
    const reasons = exclusionReasons(p, ctx, rules);
    if (reasons.length) excluded.push({ userId: p.userId, reasons });
    else
      candidates.push({
        userId: p.userId,
        load: ctx.loads.get(p.userId) ?? 0,
        canLead: p.canLead,
        industryMatch: industryMatch(p.industries, ctx.industryCode, matchLength),
      });
  }
  return { candidates, excluded };
}
