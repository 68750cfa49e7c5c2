import type { State } from '../asl/types.js';
import { StatesError } from '../errors.js';
import { errorDetails } from '../runtime/history.js';
import type { Pump } from '../runtime/pump.js';
import type { ChildOutcome, Effect, Run, TaskStep } from '../runtime/types.js';
import { invokeResponse } from '../tasks/lambda.js';
import type { Resource } from '../tasks/resource.js';
import { functionName, parseResource } from '../tasks/resource.js';
import type { Json } from '../util/json.js';
import { PAYLOAD_LIMIT, utf8Length } from '../util/json.js';
import { finishWithResult } from './result.js';

/**
 * What happens to a Task after it was scheduled: its result, its failure, TaskSubmitted, heartbeats, timeouts,
 * a `.sync` child's end — each arriving as a message — and, after a restart, the side effect still owed.
 */
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
