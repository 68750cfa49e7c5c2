/**
 * The starter catalogue and the CLI: loading publishes what is absent, leaves unchanged definitions alone, and
 * never overwrites an administrator's later version; `cpflow validate|publish|dry-run|seed` run the same checks
 * against a running server.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { requestFlow, requestForm, reviewForm } from '../../../fixtures/lowcode';

const run = promisify(execFile);
let stack: TestStack;
let server: ReturnType<typeof serve>;
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'cpflow-catalogue-'));

beforeAll(async () => {
  stack = await startStack();
  server = serve({ fetch: stack.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  mkdirSync(join(dir, 'forms'));
  mkdirSync(join(dir, 'workflows'));
  writeFileSync(join(dir, 'forms', 'cat-request.json'), JSON.stringify(requestForm));
  writeFileSync(join(dir, 'forms', 'test-review.json'), JSON.stringify(reviewForm));
  const flow = JSON.parse(JSON.stringify(requestFlow).replaceAll('"test-request"', '"cat-request"'));
  writeFileSync(join(dir, 'workflows', 'cat-flow.json'), JSON.stringify(flow));
  writeFileSync(
    join(dir, 'workflows', 'programmes.json'),
    JSON.stringify([
      {
        id: 'cat-programme',
        title: { zh: '目录', en: 'Catalogue' },
        kind: 'audit',
        workflowId: 'cat-flow',
        startRoles: ['enterprise'],
      },
    ]),
  );
});
afterAll(async () => {
  server?.close();
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const password = stack.adminPassword;
  try {
    const { stdout } = await run(process.execPath, ['scripts/cpflow.mjs', ...args], {
      env: { ...process.env, CPFLOW_URL: url, CPFLOW_USERNAME: 'admin', CPFLOW_PASSWORD: password },
    });
    return { code: 0, stdout };
  } catch (err: any) {
    return { code: err.code as number, stdout: String(err.stdout) + String(err.stderr) };
  }
}

describe('starter catalogue', () => {
  it('seeds what is absent, then leaves it alone, and never overwrites an administrator’s version', async () => {
    const first = await cli('seed', dir);
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain('form cat-request: published');
    expect(first.stdout).toContain('workflow cat-flow: published');
    expect(first.stdout).toContain('programme cat-programme: created');
    const second = await cli('seed', dir);
    expect(second.stdout).toContain('form cat-request: unchanged');

    // an administrator publishes their own version; a newer catalogue file must not replace it
    const edited = { ...requestForm, title: { zh: '申请（管理员版）', en: 'Request (admin)' } };
    await stack.call('admin', 'PUT', '/api/admin/forms/cat-request', edited);
    await stack.call('admin', 'POST', '/api/admin/forms/cat-request/publish', {});
    writeFileSync(
      join(dir, 'forms', 'cat-request.json'),
      JSON.stringify({ ...requestForm, title: { zh: '申请 2', en: 'Request 2' } }),
    );
    const third = await cli('seed', dir);
    expect(third.stdout).toContain('form cat-request: kept-administrator-version');
    const latest = await stack.call('admin', 'GET', '/api/admin/forms/cat-request/versions/2');
    expect(latest.body.title.zh).toBe('申请（管理员版）');
  });
});

describe('cpflow CLI', () => {
  it('validates a file without saving it, naming each problem’s path', async () => {
    const broken = JSON.parse(JSON.stringify(requestFlow));
    delete broken.definition.States.Decide.Default;
    broken.definition.States.Review.Parameters.FunctionName = 'cp-no-such-function';
    const file = join(dir, 'broken-flow.json');
    writeFileSync(file, JSON.stringify(broken));
    const res = await cli('validate', file);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('/States/Decide/Default');
    expect(res.stdout).toContain('/States/Review/Parameters/FunctionName');
    expect((await stack.call('admin', 'GET', '/api/admin/workflows/broken-flow')).status).toBe(404);
  });

  it('publishes and dry-runs a workflow file', async () => {
    const file = join(dir, 'cli-flow.json');
    writeFileSync(
      file,
      JSON.stringify(JSON.parse(JSON.stringify(requestFlow).replaceAll('"test-request"', '"cat-request"'))),
    );
    const pub = await cli('publish', file, '-m', 'from git');
    expect(pub.code, pub.stdout).toBe(0);
    expect(pub.stdout).toContain('published version 1');
    const dry = await cli('dry-run', file);
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.stdout).toContain('Submit → Review → Decide → Done');
  });
});
