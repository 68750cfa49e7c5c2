/**
 * The api Lambda's entry (lambdas/api/handler.ts) as Lambda runs it: configured by the environment the stack sets,
 * answering API Gateway HTTP API (payload 2.0) events through hono/aws-lambda — here against the embedded DynamoDB
 * and Step Functions servers, whose endpoints stand in for AWS's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../../lambdas/config';
import type { LocalRuntime } from '../../../../local/runtime';
import { startLocalRuntime } from '../../../../local/runtime';

let runtime: LocalRuntime;
let handler: (event: LambdaEvent, context: Context) => Promise<{ statusCode: number; body: string }>;
const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-aws-api-'));

function event(method: string, path: string, headers: Record<string, string> = {}): LambdaEvent {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.cn', ...headers },
    requestContext: {
      accountId: '111122223333',
      apiId: 'abc123',
      domainName: 'api.example.cn',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    body: null,
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}

beforeAll(async () => {
  runtime = await startLocalRuntime(
    loadConfig({}, { dataDir, dynamodbLocalPort: 0, sfnLocalPort: 0, port: 0 }),
    {
      inMemory: true,
      log: () => {},
    },
  );
  for (const [name, value] of Object.entries({
    DYNAMODB_ENDPOINT: runtime.dynamodbEndpoint,
    SFN_ENDPOINT: runtime.sfnEndpoint,
    AWS_REGION: 'ap-east-1',
    COGNITO_USER_POOL_ID: 'ap-east-1_AbCdEf123',
    COGNITO_CLIENT_ID: 'client123',
    PUBLISH_FUNCTION: 'cpflow-test-publish',
    DRY_RUN_FUNCTION: 'cpflow-test-dry-run',
    FILES_BUCKET: 'cpflow-test-files',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  })) {
    vi.stubEnv(name, value);
  }
  ({ handler } = (await import('../../../../lambdas/api/handler')) as unknown as { handler: typeof handler });
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const context = { awsRequestId: 'req-1', functionName: 'cpflow-test-api' } as Context;

describe('the api Lambda', () => {
  it('answers an API Gateway event from the table', async () => {
    const res = await handler(event('GET', '/api/health'), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await handler(event('GET', '/api/openapi.json'), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ openapi: '3.1.0' });
  });

  it('refuses requests without a Cognito ID token, and tokens that are not Cognito’s', async () => {
    expect((await handler(event('GET', '/api/me'), context)).statusCode).toBe(401);
    const forged = await handler(
      event('GET', '/api/me', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' }),
      context,
    );
    expect(forged.statusCode).toBe(401);
  });
});
