/**
 * The panel draw: a pure function of (candidates sorted by id, seed, rule, members kept from an earlier draw), so
 * re-running it on a draw record's inputs gives the same panel. Each candidate gets a random key from the seeded
 * generator, in id order; the draw order is load (least first, when balancing), then key. The leader, the industry
 * matches the rule asks for, then the remaining seats are taken in that order. The draw fails exactly when no panel
 * meeting the rule exists among the candidates (the leader choice falls back to a matching leader when needed).
 */
import type { Candidate } from './eligibility';
import { seededRandom } from './prng';

export interface DrawRule {
  size: number;
  minIndustryMatches: number;
  leaderFrom: 'can-lead' | 'any';
  balance: 'least-loaded' | 'none';
}

export interface Member {
  userId: string;
  leader: boolean;
  industryMatch: boolean;
  canLead: boolean;
}

export interface DrawOutcome {
  members: Member[];
  /** The draw order of the candidates that were not kept (for the record). */
  order: string[];
}

const byId = (a: { userId: string }, b: { userId: string }) =>
  a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;

/**
 * The candidates in draw order.
 * @example drawOrder(candidates, 'seed_01jd…', 'least-loaded') // least loaded first, ties in seeded random order
 */
export function drawOrder(
  candidates: readonly Candidate[],
  seed: string,
  balance: DrawRule['balance'],
): Candidate[] {
  const next = seededRandom(seed);
  const keyed = [...candidates].sort(byId).map((c) => ({ c, key: next() }));
  keyed.sort(
    (a, b) => (balance === 'least-loaded' ? a.c.load - b.c.load : 0) || a.key - b.key || byId(a.c, b.c),
  );
  return keyed.map((k) => k.c);
}

/**
 * Draws a panel, keeping `keep` (members of the current panel who stay after a decline). Undefined when no valid
 * panel exists.
 * @example drawPanel(candidates, 'seed_01jd…', { size: 5, minIndustryMatches: 1, leaderFrom: 'can-lead', balance: 'least-loaded' })
 */
export function drawPanel(
  candidates: readonly Candidate[],
  seed: string,
  rule: DrawRule,
  keep: readonly Member[] = [],
): DrawOutcome | undefined {
  const kept = keep.map((m) => ({ ...m }));
  const keptIds = new Set(kept.map((m) => m.userId));
  const order = drawOrder(
    candidates.filter((c) => !keptIds.has(c.userId)),
    seed,
    rule.balance,
  );
  const mayLead = (m: { canLead: boolean }) => rule.leaderFrom === 'any' || m.canLead;
  const need = Math.max(0, rule.size - kept.length);
  if (order.length < need) return undefined;
  let matchesNeeded = Math.max(0, rule.minIndustryMatches - kept.filter((m) => m.industryMatch).length);
  const chosen: Member[] = [];
  const take = (c: Candidate, leader: boolean) =>
    chosen.push({ userId: c.userId, leader, industryMatch: c.industryMatch, canLead: c.canLead });

  if (!kept.some((m) => m.leader)) {
    const promoted = kept.find(mayLead);
    if (promoted) promoted.leader = true;
    else {
      const matchers = order.filter((c) => c.industryMatch).length;
      const feasible = (l: Candidate) => {
        const m = matchesNeeded - (l.industryMatch ? 1 : 0);
        return need >= 1 && m <= need - 1 && matchers - (l.industryMatch ? 1 : 0) >= m;
      };
      const first = order.find(mayLead);
      const leader =
        first && feasible(first) ? first : order.find((c) => mayLead(c) && c.industryMatch && feasible(c));
      if (!leader) return undefined;
      take(leader, true);
      if (leader.industryMatch) matchesNeeded--;
    }
  }
  if (matchesNeeded > need - chosen.length) return undefined;
  const isChosen = (c: Candidate) => chosen.some((m) => m.userId === c.userId);
  for (const c of order) {
    if (matchesNeeded <= 0) break;
    if (c.industryMatch && !isChosen(c)) {
      take(c, false);
      matchesNeeded--;
    }
  }
  if (matchesNeeded > 0) return undefined;
  for (const c of order) {
    if (chosen.length >= need) break;
    if (!isChosen(c)) take(c, false);
  }
  if (chosen.length < need) return undefined;
  const members = [...kept, ...chosen].sort((a, b) => Number(b.leader) - Number(a.leader));
  return { members, order: order.map((c) => c.userId) };
}
