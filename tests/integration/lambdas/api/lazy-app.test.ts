/**
 * The api Lambda's lazy app (lambdas/api/lazy-app.ts) is app.ts with each route module loaded on first use: its
 * route table must list exactly app.ts's routes in app.ts's order, and it must answer every kind of request —
 * public, signed in, refused by role, malformed, oversized, not valid Unicode, unknown — exactly as app.ts does.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../lambdas/api/app';
import type { AppDeps, AppEnv } from '../../../../lambdas/api/deps';
import { createLazyApp } from '../../../../lambdas/api/lazy-app';
import { openApiText, routeTable } from '../../../../lambdas/api/route-table';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
let lazy: Hono<AppEnv>;
let loads: string[];

beforeAll(async () => {
  stack = await startStack();
  const { LAZY_ROUTES } = await import('../../../../lambdas/api/routes/lazy');
  loads = [];
  // The same modules, counting which get loaded.
  const modules = Object.fromEntries(
    Object.entries(LAZY_ROUTES).map(([name, load]) => [name, () => (loads.push(name), load())]),
  ) as unknown as typeof LAZY_ROUTES;
  lazy = createLazyApp(stack.runtime.deps, {
    routes: await routeTable(),
    openApiDocument: openApiText,
    modules,
  });
}, 120_000);
afterAll(async () => stack?.close());

/** `${method} ${path}` of every route an app serves, in its order (middleware, method ALL, left out). */
function routesOf(app: { routes: { method: string; path: string }[] }): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

describe('the route table', () => {
  it("lists app.ts's routes, module by module, in app.ts's order", async () => {
    const deps = { config: { maxBodyBytes: 1 }, log: () => {} } as unknown as AppDeps;
    const whole = routesOf(createApp(deps)).filter((r) => r !== 'GET /api/openapi.json');
    const table = (await routeTable()).map((r) => `${r.method} ${r.path}`);
    expect(
      table,
      'lambdas/api/routes/lazy.ts must list the route modules app.ts mounts, in the same order',
    ).toEqual(whole);
  });
});

type Request = [
  label: string,
  username: string | null,
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
];

const requests: Request[] = [
  ['health', null, 'GET', '/api/health'],
  ['the OpenAPI document', null, 'GET', '/api/openapi.json'],
  ['a wrong password', null, 'POST', '/api/auth/login', '{"username":"gz.admin","password":"Wrong-pass-1!"}'],
  ['no token', null, 'GET', '/api/me'],
  ['a garbage token', null, 'GET', '/api/me', undefined, { authorization: 'Bearer not.a.token' }],
  ['signed in', 'gz.admin', 'GET', '/api/me'],
  ['a list', 'gz.admin', 'GET', '/api/admin/organisations?limit=2'],
  ['a path parameter', 'admin', 'GET', '/api/admin/forms/no-such-form'],
  ['a role refused', 'mingzhu', 'GET', '/api/admin/organisations'],
  ['a foreign case', 'mingzhu', 'GET', '/api/cases/cas_doesnotexist'],
  ['malformed JSON', 'gz.admin', 'POST', '/api/admin/organisations', '{"kind": "bank",'],
  ['wrong types', 'gz.admin', 'POST', '/api/admin/organisations', '{"kind":"bank","name":42}'],
  ['a missing body', 'gz.admin', 'POST', '/api/admin/organisations'],
  [
    'a wrong content type',
    'gz.admin',
    'POST',
    '/api/admin/organisations',
    'kind=bank',
    { 'content-type': 'text/plain' },
  ],
  [
    'a 2 MB body',
    'gz.admin',
    'POST',
    '/api/admin/organisations',
    JSON.stringify({ kind: 'bank', name: 'x'.repeat(2 * 1024 * 1024), regionCode: '440100' }),
  ],
  ['a 2 MB body to no route', 'gz.admin', 'POST', '/api/nothing-here', 'x'.repeat(2 * 1024 * 1024)],
  ['a lone surrogate', 'gz.admin', 'POST', '/api/admin/organisations', '{"kind":"bank","name":"\\ud800"}'],
  ['an unknown route', 'gz.admin', 'GET', '/api/nothing-here'],
  ['an unknown method', 'gz.admin', 'DELETE', '/api/health'],
  ['outside /api', null, 'GET', '/'],
];

async function send(app: { request: Hono['request'] }, [, username, method, path, body, headers]: Request) {
  const auth: Record<string, string> = username
    ? { authorization: `Bearer ${await stack.token(username)}` }
    : {};
  const res = await app.request(path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  // The time of day is the one thing two answers to the same request may differ in.
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: text.replace(/"time":"[^"]+"/, '"time":"…"'),
  };
}

describe('the lazy app', () => {
  it.each(requests)('answers %s as app.ts does', async (...request) => {
    const expected = await send(stack.app, request);
    const actual = await send(lazy, request);
    expect(actual).toEqual(expected);
  });

  it('loaded only the route modules requests reached, each once', () => {
    expect(new Set(loads).size).toBe(loads.length);
    expect(loads).toEqual(expect.arrayContaining(['health', 'auth', 'admin-organisations', 'cases']));
    expect(loads).not.toContain('admin-catalogue');
    expect(loads).not.toContain('tasks');
  });
});
