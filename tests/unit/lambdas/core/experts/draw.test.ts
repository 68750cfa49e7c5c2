import { describe, expect, it } from 'vitest';
import { drawOrder, drawPanel } from '../../../../../lambdas/core/experts/draw';
import type { Candidate } from '../../../../../lambdas/core/experts/eligibility';
import { seededRandom } from '../../../../../lambdas/core/experts/prng';

const c = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  load: 0,
  canLead: false,
  industryMatch: false,
  ...over,
});
const rule = {
  size: 3,
  minIndustryMatches: 1,
  leaderFrom: 'can-lead' as const,
  balance: 'least-loaded' as const,
};

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom('seed_1');
    const b = seededRandom('seed_1');
    const x = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(x);
    expect(x.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom('seed_2')()).not.toBe(x[0]);
  });
});

describe('drawPanel', () => {
  const pool = [
    c('usr_a00001', { canLead: true }),
    c('usr_b00001', { industryMatch: true }),
    c('usr_c00001'),
    c('usr_d00001'),
    c('usr_e00001', { canLead: true, industryMatch: true }),
  ];

  it('draws a panel of the rule’s size with one leader who may lead and an industry match', () => {
    const out = drawPanel(pool, 'seed_x', rule)!;
    expect(out.members).toHaveLength(3);
    expect(out.members.filter((m) => m.leader)).toHaveLength(1);
    expect(out.members[0]!.leader && out.members[0]!.canLead).toBe(true);
    expect(out.members.some((m) => m.industryMatch)).toBe(true);
  });

  it('is a pure function of candidates, seed and rule', () => {
    expect(drawPanel([...pool].reverse(), 'seed_x', rule)).toEqual(drawPanel(pool, 'seed_x', rule));
    const seeds = new Set(
      Array.from({ length: 20 }, (_, i) =>
        drawPanel(pool, `seed_${i}`, rule)!
          .members.map((m) => m.userId)
          .join(),
      ),
    );
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('prefers the least loaded', () => {
    const loaded = pool.map((x) =>
      x.userId === 'usr_c00001' || x.userId === 'usr_d00001' ? { ...x, load: 5 } : x,
    );
    for (let i = 0; i < 10; i++) {
      const ids = drawPanel(loaded, `seed_${i}`, rule)!.members.map((m) => m.userId);
      expect(ids).not.toContain('usr_c00001');
      expect(ids).not.toContain('usr_d00001');
    }
    expect(
      drawOrder(loaded, 'seed_1', 'least-loaded')
        .slice(-2)
        .map((x) => x.load),
    ).toEqual([5, 5]);
  });

  it('takes a leader who matches the industry when only that leaves a valid panel', () => {
    const tight = [
      c('usr_a00001', { canLead: true }),
      c('usr_b00001', { canLead: true, industryMatch: true }),
      c('usr_c00001', { industryMatch: true }),
    ];
    for (let i = 0; i < 10; i++) {
      const out = drawPanel(tight, `seed_${i}`, { ...rule, minIndustryMatches: 3 });
      expect(out).toBeUndefined();
      const two = drawPanel(tight, `seed_${i}`, { ...rule, size: 3, minIndustryMatches: 2 })!;
      expect(two.members.map((m) => m.userId).sort()).toEqual(['usr_a00001', 'usr_b00001', 'usr_c00001']);
    }
    const exact = [
      c('usr_a00001', { canLead: true }),
      c('usr_b00001', { canLead: true, industryMatch: true }),
      c('usr_c00001', { industryMatch: true }),
      c('usr_d00001', { industryMatch: true }),
    ];
    for (let i = 0; i < 10; i++) {
      const out = drawPanel(exact, `seed_${i}`, { ...rule, minIndustryMatches: 3 })!;
      expect(out.members.find((m) => m.leader)!.userId).toBe('usr_b00001');
    }
  });

  it('fails without anyone who may lead, without enough matches or without enough candidates', () => {
    expect(
      drawPanel(
        pool.map((x) => ({ ...x, canLead: false })),
        's',
        rule,
      ),
    ).toBeUndefined();
    expect(
      drawPanel(
        pool.map((x) => ({ ...x, industryMatch: false })),
        's',
        rule,
      ),
    ).toBeUndefined();
    expect(drawPanel(pool.slice(0, 2), 's', rule)).toBeUndefined();
    expect(
      drawPanel(
        pool.map((x) => ({ ...x, canLead: false })),
        's',
        { ...rule, leaderFrom: 'any' },
      ),
    ).toBeDefined();
  });

  it('keeps the members who stay and draws only the replaced seats', () => {
    const first = drawPanel(pool, 'seed_x', rule)!;
    const declined = first.members.find((m) => !m.leader)!;
    const keep = first.members.filter((m) => m !== declined);
    const rest = pool.filter((x) => x.userId !== declined.userId);
    const second = drawPanel(rest, 'seed_y', rule, keep)!;
    expect(second.members).toHaveLength(3);
    expect(second.members.map((m) => m.userId)).not.toContain(declined.userId);
    for (const k of keep) expect(second.members).toContainEqual(k);
  });

  it('promotes a kept member who may lead when the leader declined', () => {
    const keep = [
      { userId: 'usr_a00001', leader: false, canLead: true, industryMatch: false },
      { userId: 'usr_b00001', leader: false, canLead: false, industryMatch: true },
    ];
    const out = drawPanel([c('usr_c00001'), c('usr_d00001')], 'seed', rule, keep)!;
    expect(out.members.find((m) => m.leader)!.userId).toBe('usr_a00001');
  });
});
