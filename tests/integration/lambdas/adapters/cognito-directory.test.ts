/**
 * The API with the identity directory it has on AWS — Cognito (an in-memory stand-in for its API) beside the real
 * embedded table: administrators create users in both places, users sign in through Cognito with the same
 * `/api/auth/login`, and a refusal or a crash halfway leaves nothing that blocks the next attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cognitoClaims,
  cognitoDirectory,
  COGNITO_MANAGED,
} from '../../../../lambdas/adapters/cognito-directory';
import { createApp } from '../../../../lambdas/api/app';
import type { IdentityDirectory } from '../../../../lambdas/core/identity/directory';
import { findUserItemByUsername } from '../../../../lambdas/core/identity/users';
import { PLATFORM_ORG_ID } from '../../../../local/bootstrap';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { FakeCognito } from './fake-cognito';

const ENTERPRISE = 'org_mzdd00001';
const PASSWORD = 'Strong-pass-1';

let stack: TestStack;
let cognito: FakeCognito;
let directory: IdentityDirectory;
let app: ReturnType<typeof createApp>;

async function call(token: string | null, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const login = async (username: string, password: string) =>
  call(null, 'POST', '/api/auth/login', { username, password });

beforeAll(async () => {
  stack = await startStack();
  cognito = new FakeCognito();
  const deps = stack.runtime.deps;
  const verifier = cognitoClaims(cognito.verifier);
  directory = cognitoDirectory(deps, {
    userPoolId: 'ap-east-1_test',
    clientId: 'client',
    idp: cognito,
    verifier,
  });
  const { tokens: _local, ...rest } = deps;
  app = createApp({ ...rest, verifier, directory });
  await directory.createUser({
    username: 'ops',
    displayName: 'Ops',
    organisationId: PLATFORM_ORG_ID,
    password: PASSWORD,
  });
}, 120_000);

afterAll(() => stack?.close());

describe('the Cognito identity directory', () => {
  it('signs an administrator in through Cognito; the token carries the cpflow claims', async () => {
    const res = await login('ops', PASSWORD);
    expect(res.status).toBe(200);
    const me = await call(res.body.token, 'GET', '/api/me');
    expect(me).toMatchObject({
      status: 200,
      body: { username: 'ops', role: 'admin', organisation: { id: PLATFORM_ORG_ID } },
    });
    expect(me.body.id).toMatch(/^usr_/); // the cpflow id, from custom:userId — not Cognito's UUID
    expect(res.body.expiresAt).toBeGreaterThan(Date.now());
  });

  it('creates a user in Cognito (group, attributes, permanent password) and in the table, tied by custom:userId', async () => {
    const admin = (await login('ops', PASSWORD)).body.token;
    const res = await call(admin, 'POST', '/api/admin/users', {
      username: 'li.ming',
      displayName: '李明',
      email: 'li@example.cn',
      organisationId: ENTERPRISE,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    const u = cognito.users.get('li.ming')!;
    expect([...u.groups]).toEqual(['enterprise']);
    expect(u.permanent).toBe(true);
    expect(Object.fromEntries(u.attributes)).toMatchObject({
      'custom:userId': res.body.id,
      'custom:orgId': ENTERPRISE,
      'custom:region': expect.stringMatching(/\/$/),
      name: '李明',
      email: 'li@example.cn',
    });
    const item = await findUserItemByUsername(stack.runtime.deps, 'li.ming');
    expect(item).toMatchObject({ id: res.body.id, passwordHash: COGNITO_MANAGED });

    const signIn = await login('li.ming', PASSWORD);
    expect(signIn.status).toBe(200);
    const me = await call(signIn.body.token, 'GET', '/api/me');
    expect(me.body).toMatchObject({ id: res.body.id, role: 'enterprise', organisation: { id: ENTERPRISE } });
  });

  it('answers a wrong password with 401, like the local directory', async () => {
    expect(await login('li.ming', 'Wrong-pass-1')).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS' } },
    });
    expect(await login('nobody', PASSWORD)).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS' } },
    });
  });

  it('refuses a taken username and a password Cognito refuses, leaving no Cognito user behind', async () => {
    const admin = (await login('ops', PASSWORD)).body.token;
    const before = cognito.users.size;
    const taken = await call(admin, 'POST', '/api/admin/users', {
      username: 'li.ming',
      displayName: 'Another',
      organisationId: ENTERPRISE,
      password: PASSWORD,
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_EXISTS' } } });
    const weak = await call(admin, 'POST', '/api/admin/users', {
      username: 'wang.fang',
      displayName: '王芳',
      organisationId: ENTERPRISE,
      password: 'onlylowercase',
    });
    expect(weak).toMatchObject({
      status: 422,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ path: '/password' }] } },
    });
    expect(cognito.users.size).toBe(before);
    expect(await findUserItemByUsername(stack.runtime.deps, 'wang.fang')).toBeUndefined();
  });

  it('replaces an orphan: a Cognito user whose table item was never written', async () => {
    await cognito.call('AdminCreateUser', {
      Username: 'zhao.lei',
      UserAttributes: [{ Name: 'custom:userId', Value: 'usr_neverwritten000' }],
    });
    const user = await directory.createUser({
      username: 'zhao.lei',
      displayName: '赵磊',
      organisationId: ENTERPRISE,
      password: PASSWORD,
    });
    expect(cognito.users.get('zhao.lei')!.attributes.get('custom:userId')).toBe(user.id);
    expect((await login('zhao.lei', PASSWORD)).status).toBe(200);
  });

  it('disables a user in both places: Cognito refuses the sign-in and its sessions are revoked', async () => {
    const admin = (await login('ops', PASSWORD)).body.token;
    const item = (await findUserItemByUsername(stack.runtime.deps, 'li.ming'))!;
    const res = await call(admin, 'PUT', `/api/admin/users/${item.id}`, {
      status: 'disabled',
      version: item.version,
    });
    expect(res).toMatchObject({ status: 200, body: { status: 'disabled' } });
    expect(cognito.users.get('li.ming')).toMatchObject({ enabled: false, signOuts: 1 });
    expect((await login('li.ming', PASSWORD)).status).toBe(401);
  });

  it('changes a password through Cognito', async () => {
    const admin = (await login('ops', PASSWORD)).body.token;
    const item = (await findUserItemByUsername(stack.runtime.deps, 'zhao.lei'))!;
    const res = await call(admin, 'PUT', `/api/admin/users/${item.id}`, {
      password: 'Newer-pass-22',
      version: item.version,
    });
    expect(res.status).toBe(200);
    expect((await login('zhao.lei', PASSWORD)).status).toBe(401);
    expect((await login('zhao.lei', 'Newer-pass-22')).status).toBe(200);
  });

  it('reports a sign-in challenge Cognito asks for (a new password) instead of a token', async () => {
    await cognito.call('AdminSetUserPassword', {
      Username: 'zhao.lei',
      Password: 'Temp-pass-333',
      Permanent: false,
    });
    expect(await login('zhao.lei', 'Temp-pass-333')).toMatchObject({
      status: 409,
      body: { error: { code: 'SIGN_IN_CHALLENGE', details: { challenge: 'NEW_PASSWORD_REQUIRED' } } },
    });
  });
});
