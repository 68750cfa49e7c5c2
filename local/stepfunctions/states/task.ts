import { randomUUID } from 'node:crypto';
import { applyInputPath, applyParameters } from '../asl/io.js';
import { readPath } from '../asl/paths.js';
import type { State } from '../asl/types.js';
import { runtimeError, StatesError } from '../errors.js';
import type { Pump } from '../runtime/pump.js';
import type { Run, TaskStep } from '../runtime/types.js';
import type { Resource } from '../tasks/resource.js';
import { functionName, parseResource } from '../tasks/resource.js';
import type { Json } from '../util/json.js';
import { isObject, PAYLOAD_LIMIT, utf8Length } from '../util/json.js';
import type { StateHandler } from './handler.js';

/**
 * Task: evaluates its parameters, records the task as scheduled (with its token, for the callback pattern) and
 * asks for the side effect — which the engine performs only after this state is durably written. Results arrive
 * later as messages (onResult, onSubmitted, onChild, timers).
 */
export const task: StateHandler = {
  recoverable: true,
  execute(p, run, state) {
    const res = supportedResource(state);
    const base = p.context(run);
    const input = applyInputPath(state, run.input, base);
    const token = usesToken(res) ? p.env.newToken() : undefined;
    const ctx = token ? p.context(run, { Task: { Token: token } }) : base;
    const payload = applyParameters(state.Parameters, input, ctx);
    const timeout = seconds(state, 'TimeoutSeconds', input, ctx);
    const heartbeat = seconds(state, 'HeartbeatSeconds', input, ctx);
    scheduleTask(p, run, state, { payload, token, timeout, heartbeat });
  },
};

/** The task's resource, or States.Runtime when the engine cannot run it. */
export function supportedResource(state: State): Exclude<Resource, { kind: 'unsupported' }> {
  const res = parseResource(state.Resource ?? '');
  if (res.kind === 'unsupported')
    throw runtimeError(`The resource '${state.Resource}' is not supported by the local engine`);
  return res;
}

export function usesToken(res: Resource): boolean {
  return res.kind !== 'lambdaArn' && res.kind !== 'unsupported' && res.pattern === 'token';
}

/**
 * Records the task as scheduled (TaskScheduled/TaskStarted, its token) and asks for the side effect, performed
 * once this is durable. Shared by the JSONPath and JSONata forms, which differ only in how they build `payload`.
 */
export function scheduleTask(
  p: Pump,
  run: Run,
  state: State,
  t: { payload: Json; token: string | undefined; timeout: number | undefined; heartbeat: number | undefined },
): void {
  const res = supportedResource(state);
  const { payload, token, timeout, heartbeat } = t;
  const payloadText = JSON.stringify(payload);
  if (utf8Length(payloadText) > PAYLOAD_LIMIT) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The state/task '${run.state}' has an input with a size exceeding the maximum number of bytes service limit.`,
    );
  }
  const fn = res.kind === 'lambda' ? lambdaTarget(payload) : undefined;
  if (res.kind === 'sfn' && !(isObject(payload) && typeof payload.StateMachineArn === 'string')) {
    throw runtimeError('The field "StateMachineArn" is required by states:startExecution');
  }
  const attempt = ++run.attempts;
  const now = p.now();
  const step: TaskStep = { k: 'task', attempt, payload, invoked: false };
  if (token) step.token = token;
  if (timeout) step.timeoutAt = now + timeout * 1000;
  if (heartbeat) {
    step.hbSec = heartbeat;
    step.hbAt = now + heartbeat * 1000;
  }
  run.step = step;
  if (res.kind === 'lambdaArn') {
    p.emit(run, 'LambdaFunctionScheduled', {
      resource: res.arn,
      input: payloadText,
      ...(timeout ? { timeoutInSeconds: timeout } : {}),
    });
    p.emit(run, 'LambdaFunctionStarted');
    p.effects.push({ e: 'invoke', run: run.id, attempt, fn: res.fn, payload });
    return;
  }
  p.emit(run, 'TaskScheduled', {
    resourceType: res.resourceType,
    resource: res.resource,
    region: p.env.region,
    parameters: payloadText,
    ...(timeout ? { timeoutInSeconds: timeout } : {}),
    ...(heartbeat ? { heartbeatInSeconds: heartbeat } : {}),
  });
  p.emit(run, 'TaskStarted', { resourceType: res.resourceType, resource: res.resource });
  if (token) p.putToken(token, { x: p.x.arn, r: run.id, a: attempt });
  if (res.kind === 'lambda') {
    const args = payload as Record<string, Json>;
    p.effects.push({
      e: 'invoke',
      run: run.id,
      attempt,
      fn: fn as string,
      payload: args.Payload ?? {},
      ...(token ? { token } : {}),
    });
  } else {
    const name = (payload as Record<string, Json>).Name;
    step.childName = typeof name === 'string' ? name : randomUUID();
    p.effects.push({ e: 'startChild', run: run.id, attempt });
  }
}

function lambdaTarget(payload: Json): string {
  if (!isObject(payload) || typeof payload.FunctionName !== 'string') {
    throw runtimeError('The field "FunctionName" is required by lambda:invoke');
  }
  return functionName(payload.FunctionName);
}

/** TimeoutSeconds/HeartbeatSeconds or their Path forms: a positive integer. */
function seconds(
  state: State,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  input: Json,
  ctx: Json,
): number | undefined {
  const fixed = state[field];
  if (fixed !== undefined) return Number(fixed);
  const path = state[`${field}Path`];
  if (path === undefined) return undefined;
  const r = readPath(path, input, ctx);
  if (!r.found || typeof r.value !== 'number' || !Number.isInteger(r.value) || r.value <= 0) {
    throw runtimeError(`The ${field}Path '${path}' must reference a positive integer`);
  }
  return r.value;
}
