import type { LambdaDeps } from '../tasks/lambda.js';
import { invokeResponse, runLambda } from '../tasks/lambda.js';
import { childParams, startResponse } from '../tasks/child.js';
import { parseResource } from '../tasks/resource.js';
import { stateOf } from '../asl/definition.js';
import { SfnApiError } from '../errors.js';
import type { Target } from '../repo/targets.js';
import type { ExecutionManager } from './manager.js';
import { logError } from './manager.js';
import type { Effect, ExecRecord, Message, TaskStep } from './types.js';
import { tryParse } from '../util/json.js';

export interface EffectDeps {
  lambda: LambdaDeps;
  resolveTarget(arn: string): Promise<Target>;
}

/**
 * Performs a side effect whose state is already durable, and turns its outcome into a message for the
 * execution. The execution stays in memory (`hold`) until the outcome is applied.
 */
export function performEffect(deps: EffectDeps, m: ExecutionManager, x: ExecRecord, effect: Effect): void {
  switch (effect.e) {
    case 'continue':
      setImmediate(
        () => void m.deliver(x.arn, { t: 'continue' }).catch((e: unknown) => logError('continue', e)),
      );
      return;
    case 'stopChild':
      void m
        .deliver(effect.arn, { t: 'stop', cause: effect.cause })
        .catch((e: unknown) => logError('stop child', e));
      return;
    case 'invoke':
      track(m, x.arn, invoke(deps, effect));
      return;
    case 'startChild':
      track(m, x.arn, startChild(deps, m, x, effect.run, effect.attempt));
      return;
  }
}

function track(m: ExecutionManager, arn: string, work: Promise<Message | null>): void {
  const release = m.hold(arn);
  work
    .then((msg) => (msg ? m.deliver(arn, msg) : false))
    .catch((e: unknown) => logError('side effect', e))
    .finally(release);
}

async function invoke(deps: EffectDeps, e: Extract<Effect, { e: 'invoke' }>): Promise<Message> {
  const outcome = await runLambda(deps.lambda, e.fn, e.payload);
  if (!outcome.ok)
    return {
      t: 'result',
      run: e.run,
      attempt: e.attempt,
      ok: false,
      error: outcome.error,
      cause: outcome.cause,
    };
  if (e.token) {
    return { t: 'submitted', run: e.run, attempt: e.attempt, output: invokeResponse(outcome.payload) };
  }
  return { t: 'result', run: e.run, attempt: e.attempt, ok: true, output: outcome.payload };
}

async function startChild(
  deps: EffectDeps,
  m: ExecutionManager,
  x: ExecRecord,
  runId: number,
  attempt: number,
): Promise<Message | null> {
  const run = x.runs[runId];
  if (!run || run.step.k !== 'task' || run.step.attempt !== attempt) return null;
  const step: TaskStep = run.step;
  const hot = await m.deps.definitions.get(x.def);
  const res = parseResource(stateOf(hot, run.scope, run.state).Resource ?? '');
  const pattern = res.kind === 'sfn' ? res.pattern : 'request';
  const params = childParams(step.payload);
  if (!tryParse(params.input).ok) {
    return {
      t: 'result',
      run: runId,
      attempt,
      ok: false,
      error: 'StepFunctions.InvalidExecutionInputException',
      cause: `Invalid State Machine Execution Input: '${params.input}'`,
    };
  }
  try {
    const target = await deps.resolveTarget(params.stateMachineArn);
    const started = await m.start({
      ...target,
      name: step.childName as string,
      input: params.input,
      internal: true,
      ...(pattern === 'sync' || pattern === 'sync2'
        ? { parent: { arn: x.arn, run: runId, attempt, mode: pattern } }
        : {}),
    });
    const response = startResponse(started.executionArn, started.startDate);
    if (pattern === 'request') return { t: 'result', run: runId, attempt, ok: true, output: response };
    return {
      t: 'submitted',
      run: runId,
      attempt,
      output: response,
      ...(pattern === 'token' ? {} : { childArn: started.executionArn }),
    };
  } catch (e) {
    if (!(e instanceof SfnApiError)) throw e;
    return {
      t: 'result',
      run: runId,
      attempt,
      ok: false,
      error: `StepFunctions.${e.code}Exception`,
      cause: e.message,
    };
  }
}
