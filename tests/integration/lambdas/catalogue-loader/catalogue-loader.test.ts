/**
 * The deploy-time custom resource: on a fresh table it creates the regions, the platform agency and the `admin`
 * user (in Cognito — here its in-memory stand-in), and publishes the whole starter catalogue through the engine;
 * run again it changes nothing. It answers CloudFormation on every event, Delete included, and keeps the data.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClaims, cognitoDirectory } from '../../../../lambdas/adapters/cognito-directory';
import { PHYSICAL_ID } from '../../../../lambdas/catalogue-loader/cfn-response';
import { loadConfig } from '../../../../lambdas/config';
import { findOrganisation } from '../../../../lambdas/core/identity/organisations';
import { PLATFORM_ORG_ID } from '../../../../local/bootstrap';
import type { LocalRuntime } from '../../../../local/runtime';
import { startLocalRuntime } from '../../../../local/runtime';
import { FakeCognito } from '../adapters/fake-cognito';

// The loader logs its report with Powertools (JSON on stdout); not needed here.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { handler } = await import('../../../../lambdas/catalogue-loader/handler');
const { seed } = await import('../../../../lambdas/catalogue-loader/seed');

let runtime: LocalRuntime;
let cognito: FakeCognito;
const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-loader-'));

const loaderDeps = () => {
  const { db, clock, ids, engine, functions, resolveFunction } = runtime.deps;
  const base = { db, clock, ids };
  return {
    ports: { ...base, engine, functions, resolveFunction },
    directory: cognitoDirectory(base, {
      userPoolId: 'ap-east-1_test',
      clientId: 'client',
      idp: cognito,
      verifier: cognitoClaims(cognito.verifier),
    }),
  };
};

beforeAll(async () => {
  runtime = await startLocalRuntime(
    loadConfig({}, { dataDir, dynamodbLocalPort: 0, sfnLocalPort: 0, port: 0 }),
    { inMemory: true, log: () => {} },
  );
  cognito = new FakeCognito();
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('catalogue loader', () => {
  it('prepares a fresh deployment and publishes the starter catalogue', async () => {
    const outcome = await seed(loaderDeps(), '.', 'admin@cp.example.cn');
    expect(outcome.reason).toBeUndefined();
    expect(outcome).toMatchObject({ status: 'SUCCESS', data: { Failed: 0, Admin: 'created' } });
    expect(outcome.data!.Published).toBeGreaterThan(10);
    expect(outcome.data!.ProgrammesCreated).toBeGreaterThan(0);
    expect(await findOrganisation(runtime.deps, PLATFORM_ORG_ID)).toMatchObject({ kind: 'agency' });
    const admin = cognito.users.get('admin')!;
    expect([...admin.groups]).toEqual(['admin']);
    expect(admin.attributes.get('email')).toBe('admin@cp.example.cn');
    expect(admin.attributes.get('custom:orgId')).toBe(PLATFORM_ORG_ID);
  }, 300_000);

  it('changes nothing when it runs again (every deploy runs it)', async () => {
    const outcome = await seed(loaderDeps(), '.');
    expect(outcome).toMatchObject({
      status: 'SUCCESS',
      data: { Published: 0, Failed: 0, ProgrammesCreated: 0, Admin: 'exists' },
    });
    expect(outcome.data!.Unchanged).toBeGreaterThan(10);
  }, 300_000);

  it('answers CloudFormation at the pre-signed URL, and leaves everything in place on Delete', async () => {
    const received: { method?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ method: req.method, body });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const event = {
        RequestType: 'Delete',
        ResponseURL: `http://127.0.0.1:${port}/response?signature=x`,
        StackId: 'arn:aws:cloudformation:ap-east-1:111122223333:stack/cpflow-test/1',
        RequestId: 'req-1',
        LogicalResourceId: 'CatalogueLoad',
        PhysicalResourceId: PHYSICAL_ID,
        ResourceType: 'Custom::CpflowCatalogue',
        ServiceToken: 'arn:aws:lambda:ap-east-1:111122223333:function:cpflow-test-catalogue-loader',
        ResourceProperties: { ServiceToken: 'x' },
      } as CloudFormationCustomResourceEvent;
      await handler(event, { logStreamName: '2026/01/01/[$LATEST]abc' } as Context);
      expect(received).toHaveLength(1);
      expect(received[0]!.method).toBe('PUT');
      expect(JSON.parse(received[0]!.body)).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: PHYSICAL_ID,
        StackId: event.StackId,
        RequestId: 'req-1',
        LogicalResourceId: 'CatalogueLoad',
      });
    } finally {
      server.close();
    }
  });
});
