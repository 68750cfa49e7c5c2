import type * as LambdaSdk from '@aws-sdk/client-lambda';
import type { InvokeResult } from '../contract.js';
import type { Json } from '../util/json.js';

/**
 * The Lambda Invoke API client, loaded only when a function is not served in process (keeps the SDK out of the
 * dry-run bundle's hot path). `X-Amz-Function-Error` (FunctionError) marks a function error.
 */
type Lambda = typeof LambdaSdk;
const clients = new Map<string, InstanceType<Lambda['LambdaClient']>>();
let sdk: Promise<Lambda> | undefined;

export async function invokeRemote(
  endpoint: string,
  region: string,
  fn: string,
  payload: Json,
): Promise<InvokeResult> {
  sdk ??= import('@aws-sdk/client-lambda');
  const { LambdaClient, InvokeCommand } = await sdk;
  let client = clients.get(endpoint);
  if (!client) {
    client = new LambdaClient({
      endpoint,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    clients.set(endpoint, client);
  }
  const out = await client.send(
    new InvokeCommand({ FunctionName: fn, Payload: Buffer.from(JSON.stringify(payload)) }),
  );
  const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  if (out.FunctionError) {
    let body: { errorType?: string; errorMessage?: string; trace?: string[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { errorMessage: text };
    }
    return {
      functionError: {
        errorType: body.errorType ?? 'Lambda.Unknown',
        errorMessage: body.errorMessage ?? '',
        ...(body.trace ? { trace: body.trace } : {}),
      },
    };
  }
  return { payload: text === '' ? null : (JSON.parse(text) as unknown) };
}
