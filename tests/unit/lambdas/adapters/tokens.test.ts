import { describe, expect, it } from 'vitest';
import { localTokens } from '../../../../lambdas/adapters/tokens';

const claims = {
  token_use: 'id' as const,
  sub: 'usr_1',
  'cognito:username': 'ming',
  'cognito:groups': ['enterprise'],
  'custom:orgId': 'org_1',
  'custom:region': '86/',
};

describe('local tokens', () => {
  it('keeps a verified token until it expires, and only that exact token', async () => {
    let now = Date.parse('2026-03-01T08:00:00Z');
    const tokens = localTokens(new Uint8Array(32).fill(7), () => now);
    const { token, expiresAt } = await tokens.issue(claims);
    expect((await tokens.verify(token)).sub).toBe('usr_1');
    // the second check is answered from the cache, with a copy the caller may change freely
    const again = await tokens.verify(token);
    again.sub = 'usr_2';
    expect((await tokens.verify(token)).sub).toBe('usr_1');
    // one character changed in the middle of the signature: verified afresh and refused
    const at = token.lastIndexOf('.') + 10;
    const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    await expect(tokens.verify(forged)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // past its exp the cached token is refused too
    now = expiresAt + 1;
    await expect(tokens.verify(token)).rejects.toThrow('token expired');
  });

  it('refuses a token signed with another secret', async () => {
    const mine = localTokens(new Uint8Array(32).fill(7));
    const theirs = localTokens(new Uint8Array(32).fill(8));
    const { token } = await theirs.issue(claims);
    await expect(mine.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
