import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { tableSnapshot } from '../../../support/snapshot';

let stack: TestStack;
/** Real time, which the lockout test stops and steps, so how fast scrypt runs on a busy machine changes nothing. */
let stoppedAt: number | undefined;
const clock = { now: () => stoppedAt ?? Date.now() };
beforeAll(async () => {
  stack = await startStack({ clock });
});
afterAll(async () => stack?.close());

const snapshot = () =>
  tableSnapshot(stack.runtime.dynamodbEndpoint, stack.runtime.config.tableName, (item) =>
    // login counters are the one thing a failed sign-in is meant to change
    String(item.PK).startsWith('"USER#'),
  );

describe('health and sign-in', () => {
  it('answers /api/health', async () => {
    const res = await stack.call(null, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('signs in every demo user, and /api/me returns its role and organisation', async () => {
    expect(stack.users.length).toBeGreaterThanOrEqual(15);
    for (const u of stack.users) {
      const me = await stack.call(u.username, 'GET', '/api/me');
      expect(me.status, u.username).toBe(200);
      expect(me.body).toMatchObject({ username: u.username, role: u.role, organisationId: u.organisationId });
      expect(me.body.organisation.id).toBe(u.organisationId);
      expect(me.body).not.toHaveProperty('passwordHash');
    }
  });

  it('has every role among the demo users, with at least 7 experts and 2 banks', () => {
    const count = (role: string) => stack.users.filter((u) => u.role === role).length;
    expect(count('admin')).toBeGreaterThanOrEqual(1);
    expect(count('enterprise')).toBeGreaterThanOrEqual(2);
    expect(count('consultant')).toBeGreaterThanOrEqual(1);
    expect(count('expert')).toBeGreaterThanOrEqual(7);
    expect(count('bank')).toBeGreaterThanOrEqual(2);
  });
});

describe('bad input gets a 4xx with code and message and stores nothing', () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    [
      'malformed JSON',
      () => stack.call('gz.admin', 'POST', '/api/admin/organisations', '{"kind": "bank",'),
      400,
      'MALFORMED_JSON',
    ],
    [
      'wrong types',
      () =>
        stack.call('gz.admin', 'POST', '/api/admin/organisations', {
          kind: 'bank',
          name: 42,
          regionCode: 440100,
        }),
      400,
      'INVALID_REQUEST',
    ],
    [
      'unknown fields',
      () =>
        stack.call('gz.admin', 'POST', '/api/admin/organisations', {
          kind: 'bank',
          name: 'X 银行',
          regionCode: '440100',
          isAdmin: true,
        }),
      400,
      'INVALID_REQUEST',
    ],
    [
      '__proto__ key',
      () =>
        stack.call(
          'gz.admin',
          'POST',
          '/api/admin/organisations',
          '{"kind":"bank","name":"X","regionCode":"440100","__proto__":{"admin":true}}',
        ),
      400,
      'INVALID_REQUEST',
    ],
    [
      'a 2 MB body',
      () =>
        stack.call('gz.admin', 'POST', '/api/admin/organisations', {
          kind: 'bank',
          name: 'x'.repeat(2 * 1024 * 1024),
          regionCode: '440100',
        }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'wrong content type',
      () =>
        stack.call('gz.admin', 'POST', '/api/admin/organisations', 'kind=bank', {
          'content-type': 'text/plain',
        }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'missing body',
      () => stack.call('gz.admin', 'POST', '/api/admin/organisations'),
      400,
      'INVALID_REQUEST',
    ],
    [
      'an invalid credit code',
      () =>
        stack.call('gz.admin', 'POST', '/api/admin/organisations', {
          kind: 'enterprise',
          name: '某公司',
          regionCode: '440106',
          profile: { creditCode: '91440112MA59ABCD1C', industryCode: 'C3360' },
        }),
      422,
      'VALIDATION_FAILED',
    ],
    ['no token', () => stack.call(null, 'GET', '/api/me'), 401, 'UNAUTHENTICATED'],
    [
      'a garbage token',
      () => stack.call(null, 'GET', '/api/me', undefined, { authorization: 'Bearer not.a.token' }),
      401,
      'UNAUTHENTICATED',
    ],
    ['an unknown route', () => stack.call('gz.admin', 'GET', '/api/nothing-here'), 404, 'NOT_FOUND'],
    [
      'a tampered cursor',
      () => stack.call('gz.admin', 'GET', '/api/admin/organisations?cursor=eyJQSyI6Ik9SRyN4In0'),
      400,
      'INVALID_REQUEST',
    ],
  ];
  it.each(cases)('%s', async (_name, send, status, code) => {
    const before = await snapshot();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses forged, expired and alg:none tokens', async () => {
    const me = await stack.call('mingzhu', 'GET', '/api/me');
    const claims = {
      sub: me.body.id,
      'cognito:username': 'mingzhu',
      'cognito:groups': ['admin'],
      'custom:orgId': 'org_platform',
      'custom:region': '86/',
      token_use: 'id',
    };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('cpflow-local')
      .setAudience('cpflow')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-that-is-not-the-servers-secret'));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: 'cpflow-local', aud: 'cpflow', exp: now + 3600 })}.`;
    // An expired token signed with the real key: take a real one and travel past its expiry.
    const realToken = await stack.token('mingzhu');
    const [h, p, s] = realToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tamperedExp = `${h}.${b64({ ...payload, exp: now - 10 })}.${s}`;
    for (const token of [forged, algNone, tamperedExp]) {
      const res = await stack.call(null, 'GET', '/api/admin/organisations', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('slows repeated failures down, locks the account at the tenth, and refuses the right password while locked', async () => {
    const attempt = (password: string) =>
      stack.call(null, 'POST', '/api/auth/login', { username: 'baiyun', password });
    stoppedAt = Date.now();
    try {
      for (let i = 1; i <= 10; i++) {
        const res = await attempt(`wrong-${i}`);
        expect(res.status, `failure ${i}`).toBe(401);
        expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
        if (i === 3) {
          // the third failure closes sign-in for 1 s: an attempt inside it is refused and does not count
          const early = await attempt('wrong-early');
          expect(early.status).toBe(429);
          expect(early.body.error.code).toBe('TOO_MANY_ATTEMPTS');
          expect(early.headers.get('retry-after')).toBe('1');
        }
        stoppedAt += 65_000; // past each growing delay (the longest, after the ninth failure, is 64 s)
      }
      const right = stack.users.find((u) => u.username === 'baiyun')!.password;
      const locked = await attempt(right);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60 - 65);
    } finally {
      stoppedAt = undefined;
    }
  });

  it('answers an unknown username like a wrong password', async () => {
    const res = await stack.call(null, 'POST', '/api/auth/login', {
      username: 'nobody',
      password: 'whatever-1',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('idempotency and concurrency', () => {
  it('replays a POST with the same Idempotency-Key and creates one organisation', async () => {
    const body = { kind: 'bank', name: '测试银行 广州分行', regionCode: '440106' };
    const headers = { 'idempotency-key': 'create-bank-0001' };
    const first = await stack.call('gz.admin', 'POST', '/api/admin/organisations', body, headers);
    const second = await stack.call('gz.admin', 'POST', '/api/admin/organisations', body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await stack.call('gz.admin', 'GET', '/api/admin/organisations?kind=bank&regionCode=440106');
    expect(list.body.items.filter((o: any) => o.name === body.name)).toHaveLength(1);
    const reused = await stack.call(
      'gz.admin',
      'POST',
      '/api/admin/organisations',
      { ...body, name: '另一家' },
      headers,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a change made from a stale version with 409', async () => {
    const org = await stack.call('gz.admin', 'GET', '/api/admin/organisations/org_bybz00001');
    const ok = await stack.call('gz.admin', 'PUT', '/api/admin/organisations/org_bybz00001', {
      version: org.body.version,
      profile: { ...org.body.profile, address: '广州市白云区新地址 9 号' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(org.body.version + 1);
    const stale = await stack.call('gz.admin', 'PUT', '/api/admin/organisations/org_bybz00001', {
      version: org.body.version,
      name: '改名',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('keeps credit codes unique', async () => {
    const res = await stack.call('gz.admin', 'POST', '/api/admin/organisations', {
      kind: 'enterprise',
      name: '冒名公司',
      regionCode: '440106',
      profile: { creditCode: '91440112MA59ABCD1B', industryCode: 'C3360', size: 'small' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
  });
});

describe('OpenAPI', () => {
  it('is generated from the route schemas and lists each route with its roles', async () => {
    const res = await stack.call(null, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/admin/organisations'].post['x-roles']).toEqual(['admin']);
    expect(res.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
    expect(res.body.components.schemas.Organisation).toBeDefined();
  });
});
