/**
 * The CloudFormation custom-resource reply: a PUT of the outcome to the pre-signed ResponseURL. A custom resource
 * that never answers holds the stack for up to an hour, so callers answer in a `finally`.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export interface Outcome {
  status: 'SUCCESS' | 'FAILED';
  reason?: string;
  data?: Record<string, string | number>;
}

/** The same id on every event: updates never replace the resource, and a delete leaves the data in place. */
export const PHYSICAL_ID = 'cpflow-starter-catalogue';

export function responseBody(event: CloudFormationCustomResourceEvent, logStream: string, outcome: Outcome) {
  return {
    Status: outcome.status,
    // CloudFormation shows Reason in the console; it must stay short (the whole body is limited to 4 KB).
    Reason: (outcome.reason ?? `see CloudWatch log stream ${logStream}`).slice(0, 1000),
    PhysicalResourceId: PHYSICAL_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: outcome.data ?? {},
  };
}

export async function respond(
  event: CloudFormationCustomResourceEvent,
  logStream: string,
  outcome: Outcome,
  send: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify(responseBody(event, logStream, outcome));
  const res = await send(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  if (!res.ok) throw new Error(`CloudFormation response refused: ${res.status}`);
}
