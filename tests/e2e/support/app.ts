/**
 * The browser tests' world: `npm start -- --demo` as a child process (the real entry point: it builds web/dist
 * when stale, then serves web + API) on free ports with a temporary DATA_DIR, the demo programmes published
 * through the admin API, and Debian's Chromium driven by playwright-core. Never downloads a browser.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { freePort } from '../../support/dynamodb-local';
import { call, login as apiLogin, seedDemoProgrammes } from './seed';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface DemoUser {
  username: string;
  password: string;
  role: string;
  organisationId: string;
}

export interface App {
  url: string;
  dataDir: string;
  users: DemoUser[];
  password(username: string): string;
  /** An API token for a demo user (for arranging state the test is not about). */
  token(username: string): Promise<string>;
  api(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  browser: Browser;
  /** A fresh browser context signed in as `username` (zh-CN unless told), on the home page. */
  signIn(
    username: string,
    options?: { locale?: 'zh' | 'en' },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Screenshots of every open page into test-results/e2e (after a failure), then closes their contexts. */
  settle(failedTest?: string): Promise<void>;
  close(): Promise<void>;
}

async function startServer(dataDir: string) {
  const [port, dynamodbPort, sfnPort] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn('npm', ['start', '--', '--demo'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DYNAMODB_LOCAL_PORT: String(dynamodbPort),
      SFN_LOCAL_PORT: String(sfnPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it stops npm, tsx and node together.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 180_000;
  while (!out.includes('cpflow web and API')) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => out };
}

/**
 * A free port can be taken by another process between our probe and the server's bind (other suites run on
 * this machine too); a start that fails that way is retried on fresh ports with a fresh data directory.
 */
async function startWithRetries(dataDir: string, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await startServer(dataDir);
    } catch (e) {
      if (i >= attempts) throw e;
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function startApp(options: { seed?: boolean } = {}): Promise<App> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\``);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-e2e-'));
  const server = await startWithRetries(dataDir);
  const users = JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as DemoUser[];
  const password = (username: string) => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`no demo user ${username}`);
    return u.password;
  };
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    let t = tokens.get(username);
    if (!t) tokens.set(username, (t = await apiLogin(server.url, username, password(username))));
    return t;
  };
  if (options.seed !== false) await seedDemoProgrammes(server.url, await token('gz.admin'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  const contexts: BrowserContext[] = [];
  const signIn = async (username: string, o: { locale?: 'zh' | 'en' } = {}) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    if (o.locale === 'en') await context.addInitScript(() => localStorage.setItem('cpflow.locale', 'en'));
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.getByLabel(o.locale === 'en' ? 'Username' : '用户名').fill(username);
    await page.getByLabel(o.locale === 'en' ? 'Password' : '密码').fill(password(username));
    await page.getByRole('button', { name: o.locale === 'en' ? 'Sign in' : '登录' }).click();
    await page.getByTestId('portal-badge').waitFor();
    return { context, page };
  };

  return {
    url: server.url,
    dataDir,
    users,
    password,
    token,
    api: async (username, method, path, body) => call(server.url, await token(username), method, path, body),
    browser,
    signIn,
    async settle(failedTest) {
      if (failedTest) {
        const dir = join('test-results', 'e2e');
        mkdirSync(dir, { recursive: true });
        const name = failedTest.replace(/[^\w一-龥-]+/g, '_').slice(0, 80);
        let i = 0;
        for (const c of contexts) {
          for (const p of c.pages())
            await p
              .screenshot({ path: join(dir, `${name}-${i++}.png`), fullPage: true })
              .catch(() => undefined);
        }
      }
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await stopGroup(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value (not undefined). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The open task of `username` in a case, once the workflow has opened it. */
export function taskFor(app: App, username: string, caseId: string, formId?: string) {
  return until(`a task for ${username} in ${caseId}`, async () => {
    const res = await app.api(username, 'GET', '/api/tasks');
    return (res.body?.items ?? []).find(
      (t: { caseId: string; formId: string }) => t.caseId === caseId && (!formId || t.formId === formId),
    ) as { id: string; formId: string; formVersion: number } | undefined;
  });
}
