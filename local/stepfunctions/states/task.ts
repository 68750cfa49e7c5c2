import { randomUUID } from 'node:crypto';
import { applyInputPath, applyParameters } from '../asl/io.js';
import { readPath } from '../asl/paths.js';
import type { State } from '../asl/types.js';
import { runtimeError, StatesError } from '../errors.js';
import { errorDetails } from '../runtime/history.js';
import type { Pump } from '../runtime/pump.js';
import type { ChildOutcome, Effect, Run, TaskStep } from '../runtime/types.js';
import { invokeResponse } from '../tasks/lambda.js';
import type { Resource } from '../tasks/resource.js';
import { functionName, parseResource } from '../tasks/resource.js';
import type { Json } from '../util/json.js';
import { isObject, PAYLOAD_LIMIT, utf8Length } from '../util/json.js';
import type { StateHandler } from './handler.js';
import { finishWithResult } from './result.js';

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

function resourceOf(state: State): Resource {
  return parseResource(state.Resource ?? '');
}

function taskStep(run: Run, attempt: number): TaskStep | null {
  return run.step.k === 'task' && run.step.attempt === attempt ? run.step : null;
}

/** The task produced its result (request-response, or the callback/sync completion). */
export function succeedTask(p: Pump, run: Run, state: State, output: Json): void {
  const res = resourceOf(state);
  const text = JSON.stringify(output);
  if (utf8Length(text) > PAYLOAD_LIMIT) {
    failTask(
      p,
      run,
      state,
      new StatesError(
        'States.DataLimitExceeded',
        `The state/task '${run.state}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      ),
    );
    return;
  }
  if (res.kind === 'lambdaArn') {
    p.emit(run, 'LambdaFunctionSucceeded', { output: text });
  } else {
    p.emit(run, 'TaskSucceeded', {
      resourceType: res.resourceType,
      resource: res.resource,
      output: text,
    });
  }
  try {
    finishWithResult(p, run, state, output);
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    p.fail(run, state, e);
  }
}

/** The task failed: TaskFailed (LambdaFunctionFailed), then Retry/Catch. */
export function failTask(p: Pump, run: Run, state: State, err: StatesError): void {
  const res = resourceOf(state);
  const details = errorDetails(err.error, err.causeText);
  if (res.kind === 'lambdaArn') p.emit(run, 'LambdaFunctionFailed', details);
  else p.emit(run, 'TaskFailed', { resourceType: res.resourceType, resource: res.resource, ...details });
  p.fail(run, state, err);
}

export function onResult(
  p: Pump,
  run: Run,
  state: State,
  attempt: number,
  result: { ok: true; output: Json } | { ok: false; error: string; cause?: string },
): void {
  if (!taskStep(run, attempt)) return;
  if (!result.ok) {
    failTask(p, run, state, new StatesError(result.error, result.cause));
    return;
  }
  const res = resourceOf(state);
  const output =
    res.kind === 'lambda' && res.pattern === 'request' ? invokeResponse(result.output) : result.output;
  succeedTask(p, run, state, output);
}

/** The side effect of a callback or sync task is done (Lambda invoked, child started): TaskSubmitted. */
export function onSubmitted(
  p: Pump,
  run: Run,
  state: State,
  attempt: number,
  output: Json,
  childArn?: string,
): void {
  const step = taskStep(run, attempt);
  if (!step || step.invoked) return;
  step.invoked = true;
  if (childArn) step.childArn = childArn;
  const res = resourceOf(state);
  p.emit(run, 'TaskSubmitted', {
    resourceType: res.resourceType,
    resource: res.resource,
    output: JSON.stringify(output),
  });
}

/** The side effect a task step still owes (after a restart: not confirmed done), or null. */
export function pendingEffect(run: Run, state: State): Effect | null {
  const step = run.step;
  if (step.k !== 'task' || step.invoked) return null;
  const res = resourceOf(state);
  if (res.kind === 'lambdaArn')
    return { e: 'invoke', run: run.id, attempt: step.attempt, fn: res.fn, payload: step.payload };
  if (res.kind === 'lambda') {
    const args = step.payload as Record<string, Json>;
    const fn = functionName(String(args.FunctionName));
    return {
      e: 'invoke',
      run: run.id,
      attempt: step.attempt,
      fn,
      payload: args.Payload ?? {},
      ...(step.token ? { token: step.token } : {}),
    };
  }
  if (res.kind === 'sfn') return { e: 'startChild', run: run.id, attempt: step.attempt };
  return null;
}

export function onHeartbeat(p: Pump, run: Run, attempt: number): void {
  const step = taskStep(run, attempt);
  if (step?.hbSec) step.hbAt = p.now() + step.hbSec * 1000;
}

/** TimeoutSeconds or HeartbeatSeconds elapsed. */
export function onTimeout(p: Pump, run: Run, state: State, heartbeat: boolean): void {
  const res = resourceOf(state);
  const err = new StatesError('States.Timeout', undefined, heartbeat);
  if (res.kind === 'lambdaArn') p.emit(run, 'LambdaFunctionTimedOut', { error: 'States.Timeout' });
  else
    p.emit(run, 'TaskTimedOut', {
      resourceType: res.resourceType,
      resource: res.resource,
      error: 'States.Timeout',
    });
  p.fail(run, state, err);
}

/** A `.sync` child execution finished: its DescribeExecution envelope is the result, or the cause of States.TaskFailed. */
export function onChild(p: Pump, run: Run, state: State, attempt: number, child: ChildOutcome): void {
  const step = taskStep(run, attempt);
  if (!step) return;
  delete step.childArn;
  if (child.status === 'SUCCEEDED') succeedTask(p, run, state, child.envelope);
  else failTask(p, run, state, new StatesError('States.TaskFailed', JSON.stringify(child.envelope)));
}
