/**
 * A whole local runtime for integration tests: embedded dynalite in memory (or an external endpoint), ephemeral
 * ports, a temp DATA_DIR, the regions, the admin and the demo users. Requests go through `app.request()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lambdas/config';
import type { Clock } from '../../lambdas/core/ports';
import type { DemoCredential } from '../../local/bootstrap';
import { ensureAdmin, loadRegions, seedDemo } from '../../local/bootstrap';
import type { LocalRuntime } from '../../local/runtime';
import { startLocalRuntime } from '../../local/runtime';

export interface TestStack {
  runtime: LocalRuntime;
  app: LocalRuntime['app'];
  users: DemoCredential[];
  adminPassword: string;
  /** Makes a user created by a test known to `token` and `call`. */
  remember(username: string, password: string): void;
  /** A bearer token for a demo user (or 'admin'), cached per username. */
  token(username: string): Promise<string>;
  /** JSON request as `username` (or anonymous with null). */
  call(
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startStack(
  opts: { dynamodbEndpoint?: string; clock?: Clock; tableName?: string } = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-test-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      dynamodbLocalPort: 0,
      sfnLocalPort: 0,
      port: 0,
      ...(opts.dynamodbEndpoint ? { dynamodbEndpoint: opts.dynamodbEndpoint } : {}),
      ...(opts.tableName ? { tableName: opts.tableName } : {}),
    },
  );
  const runtime = await startLocalRuntime(config, {
    inMemory: true,
    clock: opts.clock,
    log: process.env.CPFLOW_TEST_LOG ? undefined : () => {},
  });
  const { deps, app } = runtime;
  await loadRegions(deps);
  const adminPassword = (await ensureAdmin(deps)) ?? '';
  const users = await seedDemo(deps, dataDir);
  const tokens = new Map<string, string>();
  const extra = new Map<string, string>();
  const passwordOf = (username: string) =>
    username === 'admin'
      ? adminPassword
      : (extra.get(username) ?? users.find((u) => u.username === username)?.password);

  const call: TestStack['call'] = async (username, method, path, body, headers = {}) => {
    const auth: Record<string, string> = username ? { authorization: `Bearer ${await token(username)}` } : {};
    const res = await app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...auth,
        ...headers,
      } as Record<string, string>,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  async function token(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const password = passwordOf(username);
    if (!password) throw new Error(`no demo user ${username}`);
    const res = await call(null, 'POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.token);
    return res.body.token;
  }

  return {
    runtime,
    app,
    users,
    adminPassword,
    token,
    call,
    remember: (username, password) => void extra.set(username, password),
    async close() {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
