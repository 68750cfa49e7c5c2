import { applyInputPath } from '../asl/io.js';
import { evaluatePayload } from '../asl/payload.js';
import { readPath } from '../asl/paths.js';
import type { State } from '../asl/types.js';
import { runtimeError } from '../errors.js';
import type { Pump } from '../runtime/pump.js';
import { abortChildren, fanStep, startChild } from '../runtime/fanout.js';
import type { Run } from '../runtime/types.js';
import type { Json } from '../util/json.js';
import type { StateHandler } from './handler.js';
import { finishWithResult } from './result.js';

/**
 * Map (inline): one iteration per item of ItemsPath, at most MaxConcurrency at a time (0 = no limit); each
 * iteration's input is the item, or ItemSelector (Parameters) evaluated with `$$.Map.Item.Index/Value`. The
 * result keeps item order.
 */
export const map: StateHandler = {
  recoverable: true,
  execute(p, run, state) {
    if (state.ItemReader !== undefined)
      throw runtimeError('Map ItemReader (distributed map) is not supported by the local engine');
    const ctx = p.context(run);
    const input = applyInputPath(state, run.input, ctx);
    const itemsPath = state.ItemsPath ?? '$';
    const found = readPath(itemsPath, input, ctx);
    if (!found.found)
      throw runtimeError(`Invalid path '${itemsPath}': The ItemsPath references an invalid value`);
    if (!Array.isArray(found.value)) {
      throw runtimeError(
        `Item selection failed: the value at ItemsPath '${itemsPath}' must be a JSON array, got ${JSON.stringify(found.value).slice(0, 200)}`,
      );
    }
    const items = found.value;
    const max = maxConcurrency(state, input, ctx);
    run.step = {
      k: 'fan',
      input,
      items,
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
  childDone(p, run, state, index, result) {
    const step = fanStep(run);
    step.active--;
    if (!result.ok) {
      p.emit(run, 'MapIterationFailed', { name: run.state, index });
      abortChildren(p, run, state);
      p.emit(run, 'MapStateFailed');
      p.fail(run, state, result.err);
      return;
    }
    p.emit(run, 'MapIterationSucceeded', { name: run.state, index });
    step.results[index] = result.output;
    step.done++;
    if (step.done === step.total) {
      p.emit(run, 'MapStateSucceeded');
      finishWithResult(p, run, state, step.results);
    } else {
      launch(p, run, state);
    }
  },
};

export function launch(p: Pump, run: Run, state: State): void {
  const step = fanStep(run);
  const items = step.items ?? [];
  // JSONata items arrive already selected (ItemSelector is evaluated up front, asynchronously).
  const selector = state.QueryLanguage === 'JSONata' ? undefined : (state.ItemSelector ?? state.Parameters);
  while (step.started < step.total && (step.max === 0 || step.active < step.max)) {
    const index = step.started++;
    step.active++;
    const value = items[index] as Json;
    const itemInput =
      selector === undefined
        ? value
        : evaluatePayload(
            selector,
            step.input,
            p.context(run, { Map: { Item: { Index: index, Value: value } } }),
          );
    const started = p.emit(run, 'MapIterationStarted', { name: run.state, index });
    startChild(p, run, state, index, itemInput, started);
  }
}

function maxConcurrency(state: State, input: Json, ctx: Json): number {
  if (state.MaxConcurrencyPath !== undefined) {
    const r = readPath(state.MaxConcurrencyPath, input, ctx);
    if (!r.found || typeof r.value !== 'number' || r.value < 0 || !Number.isInteger(r.value)) {
      throw runtimeError(
        `MaxConcurrencyPath '${state.MaxConcurrencyPath}' must reference a non-negative integer`,
      );
    }
    return r.value;
  }
  return Number(state.MaxConcurrency ?? 0);
}
