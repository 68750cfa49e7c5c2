/**
 * Property tests for expert assignment (issue 5's must-show): over random pools, case facts and rules, the draw
 * never seats a conflicted expert (each kind of 回避) nor one at the load cap, the same seed gives the same panel
 * whatever order the pool comes in, every panel it returns meets the rule, and it reports too few experts exactly
 * when no valid panel exists (checked against a brute-force search over the eligible experts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrawRule } from '../../../../../lambdas/core/experts/draw';
import { drawPanel } from '../../../../../lambdas/core/experts/draw';
import { eligibility } from '../../../../../lambdas/core/experts/eligibility';
import type { ExpertProfile } from '../../../../../lambdas/core/experts/profile';
import { starter } from '../reference/starter';
import { CONSULTANCY, context, ENTERPRISE, NOW, profile } from './fixtures';

const rules = starter('panel-rules').content;
const CAP = rules.load.maxAssignments;
const ADVISED_YEARS = rules.exclusions.advisedWithinYears.value;
const YEAR_MS = 365.25 * 86_400_000;
const MATCH_LENGTH = 3;
const INDUSTRY = 'C3360';

interface Spec {
  employer: 'enterprise' | 'consultancy' | 'other' | 'none';
  conflict: 'none' | 'enterprise' | 'consultancy' | 'other';
  advisedYearsAgo: number | null;
  onLeave: boolean;
  canLead: boolean;
  industries: string[];
  load: number;
}

/** Mostly clean experts, each exclusion kind now and then, so both outcomes of a draw are common. */
const rare = <T>(usual: T, ...others: T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(usual), weight: 4 * others.length },
    ...others.map((o) => ({ arbitrary: fc.constant(o), weight: 1 })),
  );

const spec: fc.Arbitrary<Spec> = fc.record({
  employer: rare<Spec['employer']>('none', 'enterprise', 'consultancy', 'other'),
  conflict: rare<Spec['conflict']>('none', 'enterprise', 'consultancy', 'other'),
  advisedYearsAgo: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }),
  onLeave: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  canLead: fc.boolean(),
  industries: fc.subarray(['C33', 'C3389', 'C23', 'C', 'D44']),
  load: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 6 },
    { arbitrary: fc.constantFrom(CAP - 1, CAP, CAP + 1), weight: 1 },
  ),
});

const orgOf = { enterprise: ENTERPRISE, consultancy: CONSULTANCY, other: 'org_other0001', none: undefined };

function build(specs: Spec[]): { profiles: ExpertProfile[]; loads: Map<string, number> } {
  const loads = new Map<string, number>();
  const profiles = specs.map((s, i) => {
    const userId = `usr_p${String(i).padStart(5, '0')}`;
    loads.set(userId, s.load);
    const employer = orgOf[s.employer];
    const conflict = orgOf[s.conflict === 'none' ? 'none' : s.conflict];
    return profile(userId, {
      ...(employer ? { employerOrgId: employer } : {}),
      declaredConflicts: conflict ? [conflict] : [],
      history:
        s.advisedYearsAgo === null
          ? []
          : [
              {
                kind: 'advisory',
                organisationId: ENTERPRISE,
                date: new Date(NOW - (s.advisedYearsAgo + 0.5) * YEAR_MS).toISOString().slice(0, 10),
              },
            ],
      status: s.onLeave ? 'on-leave' : 'active',
      canLead: s.canLead,
      industries: s.industries,
    });
  });
  return { profiles, loads };
}

/** The oracle, written apart from the code under test: may this expert sit on the panel at all? */
function allowed(s: Spec): boolean {
  const conflicted =
    s.employer === 'enterprise' ||
    s.employer === 'consultancy' ||
    s.conflict === 'enterprise' ||
    s.conflict === 'consultancy' ||
    (s.advisedYearsAgo !== null && s.advisedYearsAgo + 0.5 <= ADVISED_YEARS) ||
    s.onLeave;
  return !conflicted && s.load < CAP;
}

const matches = (s: Spec) =>
  s.industries.some((p) => p.length >= 3 && p.slice(0, 3) === INDUSTRY.slice(0, 3));

/** Whether any subset of the allowed experts makes a valid panel (brute force over subsets). */
function validPanelExists(specs: Spec[], rule: DrawRule): boolean {
  const pool = specs.filter(allowed);
  const n = pool.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = pool.filter((_, i) => mask & (1 << i));
    if (chosen.length !== rule.size) continue;
    const leader = chosen.some((s) => rule.leaderFrom === 'any' || s.canLead);
    if (leader && chosen.filter(matches).length >= rule.minIndustryMatches) return true;
  }
  return false;
}

const ruleArb: fc.Arbitrary<DrawRule> = fc.record({
  size: fc.constantFrom(3, 5),
  minIndustryMatches: fc.constantFrom(0, 1, 2),
  leaderFrom: fc.constantFrom('can-lead' as const, 'any' as const),
  balance: fc.constantFrom('least-loaded' as const, 'none' as const),
});
const poolArb = fc.array(spec, { minLength: 0, maxLength: 11 });
const seedArb = fc.string({ minLength: 1, maxLength: 24 });

function draw(specs: Spec[], rule: DrawRule, seed: string, order?: number[]) {
  const { profiles, loads } = build(specs);
  const input = order ? order.map((i) => profiles[i]!) : profiles;
  const { candidates } = eligibility(input, context({ loads, industryCode: INDUSTRY }), rules, MATCH_LENGTH);
  return drawPanel(candidates, seed, rule);
}

const specOf = (specs: Spec[], userId: string) => specs[Number(userId.slice(5))]!;

describe('expert assignment (properties)', () => {
  it('never seats a conflicted expert, of any kind of exclusion', () => {
    fc.assert(
      fc.property(poolArb, ruleArb, seedArb, (specs, rule, seed) => {
        const out = draw(specs, rule, seed);
        for (const m of out?.members ?? []) expect(allowed(specOf(specs, m.userId))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never seats an expert at or over the load cap', () => {
    fc.assert(
      fc.property(poolArb, ruleArb, seedArb, (specs, rule, seed) => {
        const out = draw(specs, rule, seed);
        for (const m of out?.members ?? []) expect(specOf(specs, m.userId).load).toBeLessThan(CAP);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same panel for the same seed, whatever order the pool is read in', () => {
    fc.assert(
      fc.property(
        poolArb.chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray([...specs.keys()], { minLength: specs.length })),
        ),
        ruleArb,
        seedArb,
        ([specs, order], rule, seed) => {
          expect(draw(specs, rule, seed, order)).toEqual(draw(specs, rule, seed));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns only panels that meet the rule: size, distinct members, one leader who may lead, industry matches', () => {
    fc.assert(
      fc.property(poolArb, ruleArb, seedArb, (specs, rule, seed) => {
        const out = draw(specs, rule, seed);
        if (!out) return;
        const ids = out.members.map((m) => m.userId);
        expect(ids).toHaveLength(rule.size);
        expect(new Set(ids).size).toBe(rule.size);
        const leaders = out.members.filter((m) => m.leader);
        expect(leaders).toHaveLength(1);
        if (rule.leaderFrom === 'can-lead') expect(specOf(specs, leaders[0]!.userId).canLead).toBe(true);
        expect(ids.filter((id) => matches(specOf(specs, id))).length).toBeGreaterThanOrEqual(
          rule.minIndustryMatches,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('reports too few experts exactly when no valid panel exists', () => {
    const seen = { panel: 0, none: 0 };
    fc.assert(
      fc.property(poolArb, ruleArb, seedArb, (specs, rule, seed) => {
        const drawn = draw(specs, rule, seed) !== undefined;
        expect(drawn).toBe(validPanelExists(specs, rule));
        seen[drawn ? 'panel' : 'none']++;
      }),
      { numRuns: 600 },
    );
    // both outcomes occur often enough for the property to mean something
    expect(Math.min(seen.panel, seen.none)).toBeGreaterThan(60);
  });

  it('keeps the members who stay when one is replaced, never re-seating the one who declined', () => {
    fc.assert(
      fc.property(poolArb, ruleArb, seedArb, seedArb, fc.nat(), (specs, rule, seed, seed2, pick) => {
        const first = draw(specs, rule, seed);
        if (!first) return;
        const declined = first.members[pick % first.members.length]!;
        const keep = first.members.filter((m) => m !== declined);
        const { profiles, loads } = build(specs);
        const { candidates } = eligibility(
          profiles,
          context({ loads, industryCode: INDUSTRY, excluded: new Set([declined.userId]) }),
          rules,
          MATCH_LENGTH,
        );
        const second = drawPanel(candidates, seed2, rule, keep);
        if (!second) return;
        expect(second.members).toHaveLength(rule.size);
        expect(second.members.map((m) => m.userId)).not.toContain(declined.userId);
        for (const k of keep) expect(second.members.map((m) => m.userId)).toContain(k.userId);
        expect(second.members.filter((m) => m.leader)).toHaveLength(1);
        for (const m of second.members) expect(allowed(specOf(specs, m.userId))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
