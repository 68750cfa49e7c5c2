import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { FunctionError, output, single, testEngine } from './support/engine.js';

/**
 * Lambda task resources: the optimised `arn:aws:states:::lambda:invoke` integration (result shaped like Lambda's
 * Invoke response; https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html) and the plain
 * function ARN (the payload is the result); FunctionName as a name, ARN or partial ARN; functions not served in
 * process go to the Lambda Invoke API at LAMBDA_ENDPOINT, else Lambda.ResourceNotFoundException.
 */
describe('Lambda tasks', () => {
  let t: TestEngine;
  const seen: Array<{ fn: string; payload: unknown }> = [];
  let remote: ReturnType<typeof createServer>;
  let remoteUrl = '';

  beforeAll(async () => {
    // A minimal Lambda Invoke API: POST /2015-03-31/functions/<name>/invocations.
    remote = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
        if (name === 'remoteEcho') {
          res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
          res.end(JSON.stringify({ remote: true, got: JSON.parse(body) }));
        } else if (name === 'remoteFails') {
          res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
          res.end(
            JSON.stringify({ errorType: 'RemoteError', errorMessage: 'remote failed', trace: ['at remote'] }),
          );
        } else {
          res.writeHead(404, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ResourceNotFoundException',
          });
          res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
        }
      });
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', () => r()));
    remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    t = await testEngine({
      lambdaEndpoint: remoteUrl,
      handlers: {
        echo: (payload) => {
          seen.push({ fn: 'echo', payload });
          return payload;
        },
        fails: () => {
          throw new FunctionError('CustomError', 'it broke');
        },
        plain: () => {
          throw new Error('plain error');
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    remote.close();
  });

  it('shapes lambda:invoke results like the Invoke response', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
      }),
    );
    const o = output(await t.run(arn, { a: 1 })) as Record<string, unknown>;
    expect(o.Payload).toEqual({ a: 1 });
    expect(o.StatusCode).toBe(200);
    expect(o.ExecutedVersion).toBe('$LATEST');
    expect(o.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200 });
    expect(o.SdkResponseMetadata).toHaveProperty('RequestId');
  });

  it('records TaskScheduled/TaskStarted/TaskSucceeded with the lambda resource names', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'echo', Payload: { x: 1 } },
      }),
    );
    const d = await t.run(arn, {});
    const events = await t.history(d.executionArn as string);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = events[2]?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
    expect(JSON.parse(scheduled?.parameters as string)).toEqual({ FunctionName: 'echo', Payload: { x: 1 } });
    expect(events.map((e) => [e.id, e.previousEventId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
      [7, 6],
    ]);
  });

  it('raises a function error under its errorType, with the error payload as Cause', async () => {
    const d = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'fails' },
        }),
      ),
      {},
    );
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('CustomError');
    expect(JSON.parse(d.cause as string)).toEqual({
      errorMessage: 'it broke',
      errorType: 'CustomError',
      trace: ['at handler'],
    });
  });

  it('runs the plain function ARN form with the payload as result and LambdaFunction* events', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
        Parameters: { 'v.$': '$.v' },
      }),
    );
    const d = await t.run(arn, { v: 2 });
    expect(output(d)).toEqual({ v: 2 });
    const types = (await t.history(d.executionArn as string)).map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it.each([
    'echo',
    'echo:live',
    'arn:aws:lambda:us-east-1:123456789012:function:echo',
    'arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST',
    '123456789012:function:echo',
  ])('resolves FunctionName %s to the function', async (name) => {
    seen.length = 0;
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: name, Payload: { n: name } },
      }),
    );
    expect((await t.run(arn, {})).status).toBe('SUCCEEDED');
    expect(seen).toEqual([{ fn: 'echo', payload: { n: name } }]);
  });

  it('invokes functions not served in process through the Lambda Invoke API at lambdaEndpoint', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'remoteEcho', 'Payload.$': '$' },
        OutputPath: '$.Payload',
      }),
    );
    expect(output(await t.run(arn, { k: 'v' }))).toEqual({ remote: true, got: { k: 'v' } });
    const failed = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'remoteFails' },
        }),
      ),
      {},
    );
    expect(failed.error).toBe('RemoteError');
    expect(JSON.parse(failed.cause as string)).toMatchObject({
      errorMessage: 'remote failed',
      errorType: 'RemoteError',
    });
  });

  it('fails with Lambda.ResourceNotFoundException when nobody serves the function', async () => {
    const d = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'nowhere' },
        }),
      ),
      {},
    );
    expect(d.error).toBe('Lambda.ResourceNotFoundException');
    expect(d.cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nowhere \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]+; Proxy: null\)$/,
    );
  });

  it('fails without an endpoint too, and a handler that throws reports its error name', async () => {
    const bare = await testEngine({ handlers: { plain: () => Promise.reject(new TypeError('bad type')) } });
    try {
      const missing = await bare.run(
        await bare.machine(
          single({
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'remoteEcho' },
          }),
        ),
        {},
      );
      expect(missing.error).toBe('Lambda.ResourceNotFoundException');
      const thrown = await bare.run(
        await bare.machine(
          single({
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'plain' },
          }),
        ),
        {},
      );
      expect(thrown.error).toBe('TypeError');
    } finally {
      await bare.close();
    }
  });

  it('fails with States.Runtime for an unsupported resource', async () => {
    const d = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: 'q', MessageBody: 'm' },
        }),
      ),
      {},
    );
    expect(d.error).toBe('States.Runtime');
    expect(d.cause).toContain('arn:aws:states:::sqs:sendMessage');
  });
});
