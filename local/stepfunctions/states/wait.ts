import { applyInputPath, applyOutputPath } from '../asl/io.js';
import { readPath } from '../asl/paths.js';
import { instantToMs, parseTimestamp } from '../asl/timestamp.js';
import type { State } from '../asl/types.js';
import { runtimeError } from '../errors.js';
import type { Pump } from '../runtime/pump.js';
import type { Run } from '../runtime/types.js';
import type { Json } from '../util/json.js';
import type { StateHandler } from './handler.js';

/** Wait: Seconds, SecondsPath, Timestamp or TimestampPath; a past timestamp does not wait. */
export const wait: StateHandler = {
  recoverable: false,
  execute(p, run, state) {
    const ctx = p.context(run);
    const until = waitUntil(state, applyInputPath(state, run.input, ctx), ctx, run.entered);
    if (until <= p.now()) finishWait(p, run, state);
    else run.step = { k: 'wait', at: until };
  },
};

/** The timer fired (or no wait was needed). */
export function finishWait(p: Pump, run: Run, state: State): void {
  const step = run.step;
  if (step.k === 'wait' && step.out !== undefined) {
    // JSONata: Output and Assign were evaluated when the state was entered.
    if (step.vars) run.vars = step.vars;
    p.exit(run, state, step.out, p.nextOf(state));
    return;
  }
  const ctx = p.context(run);
  p.exit(run, state, applyOutputPath(state, applyInputPath(state, run.input, ctx), ctx), p.nextOf(state));
}

function waitUntil(state: State, input: Json, ctx: Json, entered: number): number {
  if (state.Seconds !== undefined) return entered + Number(state.Seconds) * 1000;
  if (state.Timestamp !== undefined) return timestamp(state.Timestamp, 'Timestamp');
  if (state.SecondsPath !== undefined) {
    const r = readPath(state.SecondsPath, input, ctx);
    if (!r.found)
      throw runtimeError(`Invalid path '${state.SecondsPath}': The SecondsPath references an invalid value`);
    if (typeof r.value !== 'number' || r.value < 0 || !Number.isInteger(r.value)) {
      throw runtimeError(
        `The SecondsPath parameter '${state.SecondsPath}' must reference a non-negative integer, got ${JSON.stringify(r.value)}`,
      );
    }
    return entered + r.value * 1000;
  }
  if (state.TimestampPath !== undefined) {
    const r = readPath(state.TimestampPath, input, ctx);
    if (!r.found)
      throw runtimeError(
        `Invalid path '${state.TimestampPath}': The TimestampPath references an invalid value`,
      );
    if (typeof r.value !== 'string')
      throw runtimeError(
        `The TimestampPath parameter '${state.TimestampPath}' must reference a timestamp string`,
      );
    return timestamp(r.value, 'TimestampPath');
  }
  throw runtimeError('A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath');
}

function timestamp(text: string, field: string): number {
  const t = parseTimestamp(text);
  if (!t) throw runtimeError(`The ${field} value '${text}' is not a valid RFC 3339 timestamp`);
  return instantToMs(t);
}
