import { describe, expect, it } from 'vitest';
import {
  eligibility,
  exclusionReasons,
  industryMatch,
} from '../../../../../lambdas/core/experts/eligibility';
import { copyOf, starter } from '../reference/starter';
import { CONSULTANCY, context, ENTERPRISE, profile } from './fixtures';

const rules = starter('panel-rules').content;

describe('exclusionReasons', () => {
  it('admits an unrelated, active, lightly loaded expert', () => {
    expect(exclusionReasons(profile('usr_a00001'), context(), rules)).toEqual([]);
  });

  it.each([
    ['employer-is-enterprise', { employerOrgId: ENTERPRISE }],
    ['employer-is-consultancy', { employerOrgId: CONSULTANCY }],
    ['declared-conflict', { declaredConflicts: [ENTERPRISE] }],
    ['declared-conflict', { declaredConflicts: [CONSULTANCY] }],
    ['on-leave', { status: 'on-leave' as const }],
    [
      'advised-enterprise',
      { history: [{ kind: 'advisory' as const, organisationId: ENTERPRISE, date: '2024-12-01' }] },
    ],
  ])('excludes for %s', (reason, over) => {
    expect(exclusionReasons(profile('usr_a00001', over), context(), rules)).toEqual([reason]);
  });

  it('forgets advice older than the configured years (3 by default)', () => {
    const old = profile('usr_a00001', {
      history: [{ kind: 'advisory', organisationId: ENTERPRISE, date: '2023-06-01' }],
    });
    expect(exclusionReasons(old, context(), rules)).toEqual([]);
  });

  it('excludes the previous round’s reviewers only when configured', () => {
    const reviewer = profile('usr_a00001', {
      history: [{ kind: 'review', organisationId: ENTERPRISE, date: '2023-03-01' }],
    });
    const platform = profile('usr_b00001');
    const ctx = context({ previousReviewers: new Set(['usr_b00001']) });
    expect(exclusionReasons(reviewer, ctx, rules)).toEqual([]);
    const strict = copyOf('panel-rules');
    strict.exclusions.previousRound.exclude = true;
    expect(exclusionReasons(reviewer, ctx, strict)).toEqual(['reviewed-previous-round']);
    expect(exclusionReasons(platform, ctx, strict)).toEqual(['reviewed-previous-round']);
  });

  it('excludes experts at the load cap', () => {
    const ctx = context({ loads: new Map([['usr_a00001', rules.load.maxAssignments]]) });
    expect(exclusionReasons(profile('usr_a00001'), ctx, rules)).toEqual(['load-cap']);
    const below = context({ loads: new Map([['usr_a00001', rules.load.maxAssignments - 1]]) });
    expect(exclusionReasons(profile('usr_a00001'), below, rules)).toEqual([]);
  });

  it('excludes experts the request names, and pools outside a restricted scope', () => {
    expect(
      exclusionReasons(profile('usr_a00001'), context({ excluded: new Set(['usr_a00001']) }), rules),
    ).toEqual(['excluded-by-request']);
    const city = copyOf('panel-rules');
    city.poolScope.value = 'city';
    const shenzhen = profile('usr_a00001', { poolRegionPath: '86/440000/440300/' });
    expect(exclusionReasons(shenzhen, context(), city)).toEqual(['out-of-scope']);
    expect(exclusionReasons(shenzhen, context(), rules)).toEqual([]);
  });

  it('lists every reason that applies, and switches each off with its policy value', () => {
    const p = profile('usr_a00001', {
      employerOrgId: ENTERPRISE,
      declaredConflicts: [ENTERPRISE],
      status: 'on-leave',
    });
    expect(exclusionReasons(p, context(), rules)).toEqual([
      'on-leave',
      'employer-is-enterprise',
      'declared-conflict',
    ]);
    const off = copyOf('panel-rules');
    off.exclusions.employerIsEnterprise.value = false;
    off.exclusions.declaredConflicts.value = false;
    expect(exclusionReasons(p, context(), off)).toEqual(['on-leave']);
  });
});

describe('industryMatch', () => {
  it('matches on the division at length 3', () => {
    expect(industryMatch(['C33'], 'C3360', 3)).toBe(true);
    expect(industryMatch(['C3389'], 'C3360', 3)).toBe(true);
    expect(industryMatch(['C'], 'C3360', 3)).toBe(false);
    expect(industryMatch(['C23', 'D44'], 'C3360', 3)).toBe(false);
    expect(industryMatch(['C3360'], 'C3389', 4)).toBe(false);
  });
});

describe('eligibility', () => {
  it('returns the candidates in user-id order whatever the input order, with loads and matches', () => {
    const pool = [
      profile('usr_c00001', { industries: ['C23'], canLead: true }),
      profile('usr_a00001'),
      profile('usr_b00001', { employerOrgId: CONSULTANCY }),
    ];
    const out = eligibility(pool, context({ loads: new Map([['usr_a00001', 2]]) }), rules, 3);
    expect(out.candidates).toEqual([
      { userId: 'usr_a00001', load: 2, canLead: false, industryMatch: true },
      { userId: 'usr_c00001', load: 0, canLead: true, industryMatch: false },
    ]);
    expect(out.excluded).toEqual([{ userId: 'usr_b00001', reasons: ['employer-is-consultancy'] }]);
  });
});
