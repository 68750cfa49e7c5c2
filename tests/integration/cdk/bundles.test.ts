/**
 * The deployed artifacts themselves, built exactly as the stack builds them: each Lambda loads at most 500 KB of
 * code at cold start; the api and catalogue-loader bundles start from a folder with no node_modules; the api bundle
 * (the lazy app, with its route table and OpenAPI document) answers API Gateway events against the embedded
 * DynamoDB, and the loader finds the starter catalogue shipped beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../cdk/lambda/bundle';
import { bundleAll } from '../../../cdk/lambda/bundle';
import { allBundleSpecs, PLATFORM_BUNDLES } from '../../../cdk/lambda/entries';
import { OPENAPI_FILE, ROUTES_FILE } from '../../../lambdas/api/lazy-app';
import { openApiText, routeTable } from '../../../lambdas/api/route-table';
import { loadConfig } from '../../../lambdas/config';
import { taskFunctions } from '../../../lambdas/registry';
import type { LocalRuntime } from '../../../local/runtime';
import { startLocalRuntime } from '../../../local/runtime';

const out = mkdtempSync(join(tmpdir(), 'cpflow-bundles-test-'));
let api: BundleResult;
let loader: BundleResult;
let runtime: LocalRuntime;

/** Runs `code` (an ES module body) in a fresh Node process outside the repository. */
function runNode(code: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

let all: BundleResult[];

beforeAll(async () => {
  all = await bundleAll(allBundleSpecs(taskFunctions), out);
  api = all.find((r) => r.spec.entry === PLATFORM_BUNDLES.api.entry)!;
  loader = all.find((r) => r.spec.entry === PLATFORM_BUNDLES.catalogueLoader.entry)!;
  runtime = await startLocalRuntime(
    loadConfig({}, { dataDir: join(out, 'data'), dynamodbLocalPort: 0, sfnLocalPort: 0, port: 0 }),
    { inMemory: true, log: () => {} },
  );
}, 600_000);

afterAll(async () => {
  await runtime?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('Lambda bundles', () => {
  it('every Lambda loads at most 500 KB of minified code at cold start (docs/decisions.md D9)', () => {
    expect(all.map((r) => r.spec.entry).sort()).toEqual(
      allBundleSpecs(taskFunctions)
        .map((s) => s.entry)
        .sort(),
    );
    const over = all
      .filter((r) => r.bytes > 500 * 1024)
      .map((r) => `${r.spec.entry}: ${(r.bytes / 1024).toFixed(1)} KB`);
    expect(over, 'over 500 KB at cold start (npm run bench -- bundles shows what they carry)').toEqual([]);
  });

  it('the api bundle serves API Gateway events on its own', () => {
    const event = (path: string) => ({
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'api.example.cn' },
      requestContext: { http: { method: 'GET', path, sourceIp: '203.0.113.1' }, requestId: 'r' },
      body: null,
      isBase64Encoded: false,
    });
    const stdout = runNode(
      `const { handler } = await import(${JSON.stringify(pathToFileURL(api.file).href)});
       const out = [];
       for (const e of JSON.parse(process.env.EVENTS)) {
         const r = await handler(e, { awsRequestId: 'r' });
         out.push({ status: r.statusCode, body: JSON.parse(r.body) });
       }
       process.stdout.write(JSON.stringify(out));`,
      {
        EVENTS: JSON.stringify([event('/api/health'), event('/api/me'), event('/api/nothing-here')]),
        AWS_REGION: 'ap-east-1',
        DYNAMODB_ENDPOINT: runtime.dynamodbEndpoint,
        SFN_ENDPOINT: runtime.sfnEndpoint,
        COGNITO_USER_POOL_ID: 'ap-east-1_AbCdEf123',
        COGNITO_CLIENT_ID: 'client123',
        PUBLISH_FUNCTION: 'cpflow-test-publish',
        DRY_RUN_FUNCTION: 'cpflow-test-dry-run',
        FILES_BUCKET: 'cpflow-test-files',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
    );
    expect(JSON.parse(stdout)).toEqual([
      { status: 200, body: { status: 'ok', time: expect.any(String) } },
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: expect.any(String) } } },
      { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route GET /api/nothing-here' } } },
    ]);
  });

  it('the api bundle is the lazy app, with the route table and the OpenAPI document built beside it', async () => {
    const files = readdirSync(api.dir);
    expect(files).toEqual(expect.arrayContaining(['index.mjs', ROUTES_FILE, OPENAPI_FILE]));
    expect(readFileSync(join(api.dir, OPENAPI_FILE), 'utf8')).toBe(await openApiText());
    const routes = JSON.parse(readFileSync(join(api.dir, ROUTES_FILE), 'utf8')) as unknown[];
    expect(routes).toEqual(await routeTable());
  });

  it('the catalogue loader ships the starter catalogue beside its handler', () => {
    const stdout = runNode(
      `const m = await import(${JSON.stringify(pathToFileURL(loader.file).href)});
       const { readdirSync } = await import('node:fs');
       const root = m.catalogueRoot();
       process.stdout.write(JSON.stringify(Object.fromEntries(['forms', 'workflows', 'reference'].map((d) => [d, readdirSync(root + '/' + d).length]))));`,
      {},
    );
    const counts = JSON.parse(stdout) as Record<string, number>;
    for (const folder of ['forms', 'workflows', 'reference']) {
      expect(counts[folder], folder).toBe(readdirSync(folder).filter((f) => f.endsWith('.json')).length);
    }
  });
});
