import { randomUUID } from 'node:crypto';
import type { InvokeResult, LambdaInvoker } from '../contract.js';
import type { Json, JsonObject } from '../util/json.js';
import { toJson } from '../util/json.js';

/**
 * Runs a Lambda task through the injected invoker, falling back to the Lambda Invoke API at `lambdaEndpoint`
 * (as Step Functions Local does) when the invoker has no such function, and shapes results as Step Functions
 * sees them.
 */
export type LambdaOutcome = { ok: true; payload: Json } | { ok: false; error: string; cause: string };

export interface LambdaDeps {
  invoke: LambdaInvoker;
  lambdaEndpoint?: string;
  region: string;
  accountId: string;
}

export async function runLambda(deps: LambdaDeps, fn: string, payload: Json): Promise<LambdaOutcome> {
  let result: InvokeResult;
  try {
    result = await deps.invoke(fn, payload);
  } catch (e) {
    const err = e as Error;
    if (err?.name !== 'Lambda.ResourceNotFoundException') return thrown(err);
    if (!deps.lambdaEndpoint) return notFound(deps, fn);
    try {
      const { invokeRemote } = await import('./lambda-remote.js');
      result = await invokeRemote(deps.lambdaEndpoint, deps.region, fn, payload);
    } catch (remote) {
      const r = remote as Error;
      if (r?.name === 'ResourceNotFoundException' || r?.name === 'Lambda.ResourceNotFoundException')
        return notFound(deps, fn);
      return {
        ok: false,
        error: 'Lambda.ServiceException',
        cause: `${r?.name ?? 'Error'}: ${r?.message ?? String(remote)}`,
      };
    }
  }
  if ('functionError' in result) {
    const f = result.functionError;
    return {
      ok: false,
      error: f.errorType || 'Lambda.Unknown',
      // The cause is the function's error payload, as Lambda returns it (Node.js runtime field set).
      cause: JSON.stringify({ errorMessage: f.errorMessage, errorType: f.errorType, trace: f.trace ?? [] }),
    };
  }
  return { ok: true, payload: toJson(result.payload) };
}

/**
 * An invoker that throws is treated like a handler that threw: a function error under the exception's name,
 * which is what Lambda reports for an unhandled exception.
 */
function thrown(err: Error): LambdaOutcome {
  const errorType = err?.name && err.name !== 'Error' ? err.name : 'Error';
  const trace = typeof err?.stack === 'string' ? err.stack.split('\n') : [];
  return {
    ok: false,
    error: errorType,
    cause: JSON.stringify({ errorMessage: err?.message ?? String(err), errorType, trace }),
  };
}

function notFound(deps: LambdaDeps, fn: string): LambdaOutcome {
  const arn = `arn:aws:lambda:${deps.region}:${deps.accountId}:function:${fn}`;
  return {
    ok: false,
    error: 'Lambda.ResourceNotFoundException',
    cause: `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
  };
}

/** The `lambda:invoke` task result: Lambda's Invoke response as Step Functions renders it. */
export function invokeResponse(payload: Json): JsonObject {
  const requestId = randomUUID();
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-RequestId': [requestId],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-RequestId': requestId,
        'Content-Type': 'application/json',
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
