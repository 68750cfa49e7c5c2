/**
 * Calling cpflow's own platform Lambdas synchronously from the api Lambda: the `publish` Lambda (the only one with
 * Step Functions create/update rights) and the `dry-run` Lambda (the in-memory engine). The callee answers
 * `{ ok: true, value }` or `{ ok: false, error }`; a domain error crosses the boundary as its code, message and
 * details, so the API answers exactly as it would have in-process.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { DryRunner, DryRunRequest, DryRunResult, WorkflowEngine } from '../core/definitions/engine';
import { DomainError } from '../core/errors';
import type { Answer } from './lambda-answer';

export type { Answer } from './lambda-answer';
export { answer } from './lambda-answer';

/** Invokes `functionName` with `payload` and returns its value; rethrows what it answered or raised. */
export async function invokeJson<T>(
  client: LambdaClient,
  functionName: string,
  payload: unknown,
): Promise<T> {
  const out = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : 'null';
  if (out.FunctionError) {
    const e = JSON.parse(text) as { errorType?: string; errorMessage?: string };
    const err = new Error(`${functionName}: ${e.errorMessage ?? out.FunctionError}`);
    err.name = e.errorType ?? 'Lambda.FunctionError';
    throw err;
  }
  const reply = JSON.parse(text) as Answer<T>;
  if (reply.ok) return reply.value;
  const { name, message, code, details } = reply.error;
  if (code) {
    const err = new DomainError(code, message, details);
    err.name = name;
    throw err;
  }
  const err = new Error(message);
  err.name = name;
  throw err;
}

/** What the publish Lambda accepts. */
export type PublishRequest =
  | { action: 'validate'; definition: unknown }
  | {
      action: 'publish';
      workflowId: string;
      definition: unknown;
      description: string;
      existingArn?: string;
    };

/** WorkflowEngine.validate and .publish by way of the publish Lambda. */
export function remotePublisher(
  client: LambdaClient,
  functionName: string,
): Pick<WorkflowEngine, 'validate' | 'publish'> {
  return {
    validate: (definition) =>
      invokeJson(client, functionName, { action: 'validate', definition } satisfies PublishRequest),
    publish: (workflowId, definition, description, existingArn) =>
      invokeJson(client, functionName, {
        action: 'publish',
        workflowId,
        definition,
        description,
        ...(existingArn ? { existingArn } : {}),
      } satisfies PublishRequest),
  };
}

/** The dry run by way of the dry-run Lambda. */
export function remoteDryRunner(client: LambdaClient, functionName: string): DryRunner {
  return (request: DryRunRequest) => invokeJson<DryRunResult>(client, functionName, request);
}
