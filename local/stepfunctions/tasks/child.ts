import { randomUUID } from 'node:crypto';
import type { ExecRecord } from '../runtime/types.js';
import type { Json, JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';

/**
 * The `states:startExecution` integration (nested workflows): its parameters, its request-response result and
 * the `.sync` / `.sync:2` result, which is the child's DescribeExecution response in PascalCase (keys in
 * alphabetical order, dates in epoch ms); `.sync:2` gives Input and Output as JSON values, `.sync` as JSON text.
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
export interface ChildParams {
  stateMachineArn: string;
  input: string;
}

export function childParams(payload: Json): ChildParams {
  const p = isObject(payload) ? payload : {};
  const input = p.Input;
  return {
    stateMachineArn: String(p.StateMachineArn),
    input: input === undefined ? '{}' : typeof input === 'string' ? input : JSON.stringify(input),
  };
}

function sdkMetadata(): JsonObject {
  const requestId = randomUUID();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: { 'Content-Type': ['application/x-amz-json-1.0'], 'x-amzn-RequestId': [requestId] },
      HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** The StartExecution response as the task sees it. */
export function startResponse(executionArn: string, startDate: number): JsonObject {
  return { ExecutionArn: executionArn, ...sdkMetadata(), StartDate: startDate };
}

export function childEnvelope(x: ExecRecord, mode: 'sync' | 'sync2'): JsonObject {
  const data = (text: string): Json => (mode === 'sync2' ? (JSON.parse(text) as Json) : text);
  const out: JsonObject = {};
  if (x.cause !== undefined) out.Cause = x.cause;
  if (x.error) out.Error = x.error;
  out.ExecutionArn = x.arn;
  out.Input = data(x.input);
  out.InputDetails = { Included: true };
  out.Name = x.name;
  if (x.output !== undefined) {
    out.Output = data(x.output);
    out.OutputDetails = { Included: true };
  }
  out.RedriveCount = 0;
  out.RedriveStatus = 'NOT_REDRIVABLE';
  out.RedriveStatusReason = `Execution is ${x.status} and cannot be redriven`;
  out.StartDate = x.start;
  if (x.aliasArn) out.StateMachineAliasArn = x.aliasArn;
  out.StateMachineArn = x.smArn;
  if (x.versionArn) out.StateMachineVersionArn = x.versionArn;
  out.Status = x.status;
  if (x.stop !== undefined) out.StopDate = x.stop;
  return out;
}
