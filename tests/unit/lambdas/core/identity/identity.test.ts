import { describe, expect, it } from 'vitest';
import { actorFromClaims, claimsFor } from '../../../../../lambdas/core/identity/claims';
import {
  administers,
  assertOrganisationAccess,
  requireRole,
} from '../../../../../lambdas/core/identity/authorize';
import { lockDurationMs, LOCKOUT_MS } from '../../../../../lambdas/core/identity/login';
import { checkProfile } from '../../../../../lambdas/core/identity/organisations';
import { childPath, isWithin } from '../../../../../lambdas/core/identity/regions';
import { isValidUscc, usccCheckCharacter } from '../../../../../lambdas/core/identity/uscc';
import type { Actor } from '../../../../../lambdas/core/identity/actor';

const gzAdmin: Actor = {
  userId: 'u1',
  username: 'gz',
  role: 'admin',
  organisationId: 'o1',
  regionPath: '86/440000/440100/',
};

describe('unified social credit code', () => {
  it.each(['91350100M000100Y43', '91440112MA59ABCD1B', '91440300MA5FQW2P3P'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });
  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['a forbidden letter (I)', '91350100M000100I43'],
    ['lower case', '91350100m000100y43'],
  ])('refuses %s', (_n, code) => expect(isValidUscc(code)).toBe(false));
  it('computes the check character modulo 31', () =>
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3'));
});

describe('regions', () => {
  it('tests subtree membership by path prefix, not by code prefix', () => {
    expect(isWithin('86/440000/440100/440106/', '86/440000/440100/')).toBe(true);
    expect(isWithin('86/440000/440300/', '86/440000/440100/')).toBe(false);
    expect(isWithin(childPath('86/44/', '4401'), '86/44/440/')).toBe(false);
  });
});

describe('authorization', () => {
  it('lets an administrator act in its region subtree only', () => {
    expect(administers(gzAdmin, { regionPath: '86/440000/440100/440112/' })).toBe(true);
    expect(administers(gzAdmin, { regionPath: '86/440000/440300/' })).toBe(false);
    expect(administers({ ...gzAdmin, role: 'enterprise' }, { regionPath: '86/440000/440100/' })).toBe(false);
  });
  it('hides foreign organisations as not found and admits its own when asked', () => {
    const other = { id: 'o2', regionPath: '86/440000/440300/' };
    expect(() => assertOrganisationAccess(gzAdmin, other)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const ent: Actor = { ...gzAdmin, role: 'enterprise', organisationId: 'o2' };
    expect(() => assertOrganisationAccess(ent, other, { orOwn: true })).not.toThrow();
    expect(() => assertOrganisationAccess(ent, other)).toThrow();
  });
  it('refuses roles outside the list with FORBIDDEN', () => {
    expect(() => requireRole({ ...gzAdmin, role: 'bank' }, 'admin')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});

describe('claims', () => {
  it('round-trips a user into Cognito-shaped claims and back into an actor', () => {
    const claims = claimsFor(
      {
        id: 'u1',
        username: 'gz',
        displayName: 'GZ',
        role: 'admin',
        organisationId: 'o1',
        status: 'active',
        version: 1,
        createdAt: '',
        updatedAt: '',
      },
      {
        id: 'o1',
        kind: 'agency',
        name: 'A',
        regionCode: '440100',
        regionPath: '86/440000/440100/',
        profile: {},
        status: 'active',
        version: 1,
        createdAt: '',
        updatedAt: '',
      },
    );
    expect(claims['cognito:groups']).toEqual(['admin']);
    expect(actorFromClaims({ ...claims })).toEqual(gzAdmin);
  });
  it('refuses claims without a cpflow role or organisation', () => {
    expect(() =>
      actorFromClaims({
        sub: 'u',
        'cognito:username': 'x',
        'cognito:groups': ['root'],
        'custom:orgId': 'o',
        'custom:region': '86/',
      }),
    ).toThrow();
    expect(() =>
      actorFromClaims({ sub: 'u', 'cognito:username': 'x', 'cognito:groups': ['admin'] }),
    ).toThrow();
  });
});

describe('sign-in delay', () => {
  it('grows after the third failure and locks out from the tenth', () => {
    expect([1, 2, 3, 4, 5, 9].map(lockDurationMs)).toEqual([0, 0, 1000, 2000, 4000, 64000]);
    expect(lockDurationMs(10)).toBe(LOCKOUT_MS);
    expect(lockDurationMs(50)).toBe(LOCKOUT_MS);
  });
});

describe('enterprise profile', () => {
  it('names each broken field', () => {
    try {
      checkProfile('enterprise', { creditCode: '123', industryCode: 'Z99' });
      expect.unreachable();
    } catch (err: any) {
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details.map((d: any) => d.path)).toEqual(['/profile/creditCode', '/profile/industryCode']);
    }
  });
  it('asks nothing of other kinds', () => expect(() => checkProfile('bank', {})).not.toThrow());
});
