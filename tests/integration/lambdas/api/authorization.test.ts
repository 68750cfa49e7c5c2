/**
 * Organisation and region scoping, one check per route, generated from the OpenAPI route table: every route must
 * have a sample here (a new route without one fails), every role outside a route's x-roles gets 403, and an
 * administrator of another region (Shenzhen) reaches nothing of Guangzhou's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
const routes: { method: string; path: string; roles: string[] | 'public' }[] = [];

beforeAll(async () => {
  stack = await startStack();
  const doc = (await stack.call(null, 'GET', '/api/openapi.json')).body;
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops))
      routes.push({ method: method.toUpperCase(), path, roles: op['x-roles'] });
  }
});
afterAll(async () => stack?.close());

const GZ_ENTERPRISE = 'org_mzdd00001';
const GZ_USER = 'usr_mzdd00001';

/** For each route: a request that would touch Guangzhou's data, and what Shenzhen's administrator must get. */
const foreign: Record<string, { path: string; body?: unknown; expect: number | ((body: any) => void) }> = {
  'GET /api/admin/organisations': {
    path: '/api/admin/organisations?limit=200',
    expect: (body) =>
      expect(body.items.every((o: any) => o.regionPath.startsWith('86/440000/440300/'))).toBe(true),
  },
  'POST /api/admin/organisations': {
    path: '/api/admin/organisations',
    body: { kind: 'bank', name: '越权银行', regionCode: '440100' },
    expect: 404,
  },
  'GET /api/admin/organisations/{id}': { path: `/api/admin/organisations/${GZ_ENTERPRISE}`, expect: 404 },
  'PUT /api/admin/organisations/{id}': {
    path: `/api/admin/organisations/${GZ_ENTERPRISE}`,
    body: { name: '越权改名', version: 1 },
    expect: 404,
  },
  'GET /api/admin/organisations/{id}/consultancies': {
    path: `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies`,
    expect: 404,
  },
  'PUT /api/admin/organisations/{id}/consultancies/{consultancyId}': {
    path: `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies/org_lyzx00001`,
    expect: 404,
  },
  'DELETE /api/admin/organisations/{id}/consultancies/{consultancyId}': {
    path: `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies/org_lyzx00001`,
    expect: 404,
  },
  'GET /api/admin/users': { path: `/api/admin/users?organisationId=${GZ_ENTERPRISE}`, expect: 404 },
  'POST /api/admin/users': {
    path: '/api/admin/users',
    body: {
      username: 'intruder',
      displayName: '越权',
      organisationId: GZ_ENTERPRISE,
      password: 'long-enough-pw',
    },
    expect: 404,
  },
  'GET /api/admin/users/{id}': { path: `/api/admin/users/${GZ_USER}`, expect: 404 },
  'PUT /api/admin/users/{id}': {
    path: `/api/admin/users/${GZ_USER}`,
    body: { status: 'disabled', version: 1 },
    expect: 404,
  },
  'POST /api/admin/regions': {
    path: '/api/admin/regions',
    body: {
      code: '440199',
      name: { zh: '越权区', en: 'Intrusion' },
      level: 'district',
      parentCode: '440100',
    },
    expect: 404,
  },
  // Routes that carry no other organisation's id: they answer only about the caller.
  'GET /api/me': { path: '/api/me', expect: (body) => expect(body.organisationId).toBe('org_szgxj0001') },
  'GET /api/regions': {
    path: '/api/regions',
    expect: (body) => expect(Array.isArray(body.items)).toBe(true),
  },
};

const sampleUser: Record<string, string> = {
  admin: 'sz.admin',
  enterprise: 'jingmi',
  consultant: 'lvyuan',
  expert: 'expert.wang',
  bank: 'icbc',
};

describe('authorization by route', () => {
  it('has a foreign-organisation sample for every signed-in route', () => {
    const missing = routes.filter((r) => r.roles !== 'public' && !foreign[`${r.method} ${r.path}`]);
    expect(missing).toEqual([]);
  });

  it('answers 403 to every role a route does not admit', async () => {
    for (const r of routes) {
      if (r.roles === 'public') continue;
      const sample = foreign[`${r.method} ${r.path}`]!;
      for (const [role, username] of Object.entries(sampleUser)) {
        if (r.roles.includes(role)) continue;
        const res = await stack.call(username, r.method, sample.path, sample.body);
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
  });

  it("gives an administrator of another region nothing of Guangzhou's", async () => {
    for (const r of routes) {
      if (r.roles === 'public') continue;
      const sample = foreign[`${r.method} ${r.path}`]!;
      const res = await stack.call('sz.admin', r.method, sample.path, sample.body);
      if (typeof sample.expect === 'number') {
        expect(res.status, `${r.method} ${r.path}`).toBe(sample.expect);
        expect(res.body.error.code).toBe('NOT_FOUND');
      } else {
        expect(res.status, `${r.method} ${r.path}`).toBe(200);
        sample.expect(res.body);
      }
    }
    // and the same requests made by Guangzhou's own administrator do reach the data
    const own = await stack.call('gz.admin', 'GET', `/api/admin/organisations/${GZ_ENTERPRISE}`);
    expect(own.status).toBe(200);
    const users = await stack.call('gz.admin', 'GET', `/api/admin/users?organisationId=${GZ_ENTERPRISE}`);
    expect(users.body.items.map((u: any) => u.id)).toContain(GZ_USER);
  });

  it('lets the platform administrator (the root region) reach every region', async () => {
    const res = await stack.call('admin', 'GET', '/api/admin/organisations/org_szjm00001');
    expect(res.status).toBe(200);
  });
});
