import type { Bindings } from '../asl/jsonata.js';
import { evaluateAssign, evaluateExpression, evaluateTemplate, isExpression } from '../asl/jsonata.js';
import type { State } from '../asl/types.js';
import { StatesError } from '../errors.js';
import type { Pump } from '../runtime/pump.js';
import { startChild } from '../runtime/fanout.js';
import type { Run } from '../runtime/types.js';
import type { Json, JsonObject } from '../util/json.js';
import type { StateHandler } from './handler.js';
import { launch } from './map.js';
import { finishWithResult } from './result.js';
import { scheduleTask, supportedResource, usesToken } from './task.js';
import { finishWait } from './wait.js';

/**
 * The JSONata forms of the states: Arguments instead of InputPath/Parameters, Output and Assign instead of
 * ResultSelector/ResultPath/OutputPath, Condition in Choice rules, expressions in Items, Seconds, Timestamp, Error,
 * Cause, TimeoutSeconds… (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). Their
 * evaluator is asynchronous, so these handlers return promises, and results that need Output/Assign go through an
 * 'eval' step (`resume`).
 */
function bindings(p: Pump, run: Run, states: JsonObject, extra?: JsonObject): Bindings {
  return {
    states: { input: run.input, context: p.fullContext(run, extra), ...states },
    vars: run.vars ?? {},
  };
}

async function value(field: Json | undefined, b: Bindings): Promise<Json | undefined> {
  return field === undefined ? undefined : isExpression(field) ? evaluateExpression(field, b) : field;
}

function qe(message: string): StatesError {
  return new StatesError('States.QueryEvaluationError', message);
}

async function positive(field: Json | undefined, b: Bindings, name: string): Promise<number | undefined> {
  const v = await value(field, b);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
    throw qe(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** Output (default: `fallback`) and Assign, evaluated together against the variables as they were. */
async function leave(
  p: Pump,
  run: Run,
  state: { Output?: Json; Assign?: JsonObject },
  b: Bindings,
  fallback: Json,
  next: string | null,
  s: State,
): Promise<void> {
  const output = state.Output === undefined ? fallback : await evaluateTemplate(state.Output, b);
  const vars = await evaluateAssign(state.Assign, b);
  if (state.Assign) run.vars = vars;
  p.exit(run, s, output, next);
}

/** Result / Catch continuation shared by Task, Map and Parallel. */
const resume: NonNullable<StateHandler['resume']> = async (p, run, state, step) => {
  if (step.phase === 'result') {
    const b = bindings(p, run, { result: step.result ?? null });
    await leave(p, run, state, b, step.result ?? null, p.nextOf(state), state);
    return;
  }
  const catcher = (state.Catch ?? [])[step.catcher ?? 0];
  if (!catcher) return;
  const b = bindings(p, run, { errorOutput: step.errorOutput ?? {} });
  await leave(p, run, catcher, b, step.errorOutput ?? {}, catcher.Next, state);
};

const pass: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    await leave(p, run, state, bindings(p, run, {}), run.input, p.nextOf(state), state);
  },
};

const succeed: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    await leave(p, run, state, bindings(p, run, {}), run.input, null, state);
  },
};

const fail: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    const error = await value(state.Error, b);
    const cause = await value(state.Cause, b);
    p.failRun(
      run,
      new StatesError(
        error === undefined ? '' : String(error),
        cause === undefined ? undefined : String(cause),
      ),
    );
  },
};

const choice: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    for (const rule of state.Choices ?? []) {
      const ok = await value(rule.Condition as Json, b);
      if (typeof ok !== 'boolean')
        throw qe(`The Condition of a choice rule must be a boolean, got ${JSON.stringify(ok)}`);
      if (ok) {
        await leave(p, run, rule, b, run.input, rule.Next as string, state);
        return;
      }
    }
    if (state.Default === undefined)
      throw new StatesError('States.NoChoiceMatched', `No Matches! at state ${run.state}`);
    await leave(p, run, state, b, run.input, state.Default, state);
  },
};

const wait: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    const seconds = await value(state.Seconds as Json, b);
    const timestamp = await value(state.Timestamp as Json, b);
    let at = run.entered;
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || seconds < 0 || !Number.isInteger(seconds))
        throw qe('Seconds must be a non-negative integer');
      at += seconds * 1000;
    } else if (timestamp !== undefined) {
      const t = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
      if (Number.isNaN(t))
        throw qe(`Timestamp must be an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`);
      at = t;
    }
    const out = state.Output === undefined ? run.input : await evaluateTemplate(state.Output, b);
    const vars = state.Assign ? await evaluateAssign(state.Assign, b) : undefined;
    run.step = { k: 'wait', at, out, ...(vars ? { vars } : {}) };
    if (at <= p.now()) finishWait(p, run, state);
  },
};

const task: StateHandler = {
  recoverable: true,
  async execute(p, run, state) {
    const res = supportedResource(state);
    const token = usesToken(res) ? p.env.newToken() : undefined;
    const b = bindings(p, run, {}, token ? { Task: { Token: token } } : undefined);
    const payload = state.Arguments === undefined ? run.input : await evaluateTemplate(state.Arguments, b);
    const timeout = await positive(state.TimeoutSeconds as Json, b, 'TimeoutSeconds');
    const heartbeat = await positive(state.HeartbeatSeconds as Json, b, 'HeartbeatSeconds');
    scheduleTask(p, run, state, { payload, token, timeout, heartbeat });
  },
  resume,
};

const parallel: StateHandler = {
  recoverable: true,
  async execute(p, run, state) {
    const input =
      state.Arguments === undefined
        ? run.input
        : await evaluateTemplate(state.Arguments, bindings(p, run, {}));
    const branches = state.Branches ?? [];
    run.step = {
      k: 'fan',
      input,
      total: branches.length,
      started: branches.length,
      active: branches.length,
      done: 0,
      max: 0,
      results: [],
    };
    const started = p.emit(run, 'ParallelStateStarted');
    branches.forEach((_b, i) => startChild(p, run, state, i, input, started));
    if (branches.length === 0) {
      p.emit(run, 'ParallelStateSucceeded');
      finishWithResult(p, run, state, []);
    }
  },
  resume,
};

const map: StateHandler = {
  recoverable: true,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    const items = state.Items === undefined ? run.input : await value(state.Items, b);
    if (!Array.isArray(items))
      throw qe(`The Items of a Map state must be an array, got ${JSON.stringify(items)?.slice(0, 200)}`);
    const max = state.MaxConcurrency === undefined ? 0 : await value(state.MaxConcurrency as Json, b);
    if (typeof max !== 'number' || max < 0) throw qe('MaxConcurrency must be a non-negative integer');
    const selected: Json[] = [];
    for (const [index, item] of items.entries()) {
      if (state.ItemSelector === undefined) selected.push(item);
      else
        selected.push(
          await evaluateTemplate(
            state.ItemSelector,
            bindings(p, run, {}, { Map: { Item: { Index: index, Value: item } } }),
          ),
        );
    }
    run.step = {
      k: 'fan',
      input: run.input,
      items: selected,
      total: items.length,
      started: 0,
      active: 0,
      done: 0,
      max,
      results: [],
    };
    p.emit(run, 'MapStateStarted', { length: items.length });
    if (items.length === 0) {
      p.emit(run, 'MapStateSucceeded');
      finishWithResult(p, run, state, []);
      return;
    }
    launch(p, run, state);
  },
  resume,
};

export const JSONATA_HANDLERS: Partial<Record<State['Type'], StateHandler>> = {
  Pass: pass,
  Succeed: succeed,
  Fail: fail,
  Choice: choice,
  Wait: wait,
  Task: task,
  Parallel: parallel,
  Map: map,
};
