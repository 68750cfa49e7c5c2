import { evaluateTemplate } from '../../asl/jsonata.js';
import type { Json } from '../../util/json.js';
import { startChild } from '../../runtime/fanout.js';
import type { StateHandler } from '../handler.js';
import { launch } from '../map.js';
import { finishWithResult } from '../result.js';
import { scheduleTask, supportedResource, usesToken } from '../task.js';
import { bindings, leave, positive, qe, value } from './common.js';

/** JSONata Task, Parallel and Map, and the Output/Assign continuation of their results and catchers. */
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

export const task: StateHandler = {
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

export const parallel: StateHandler = {
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

export const map: StateHandler = {
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
