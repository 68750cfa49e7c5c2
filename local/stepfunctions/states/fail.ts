import { evaluateIntrinsic, isIntrinsic } from '../asl/intrinsics/index.js';
import { readPath } from '../asl/paths.js';
import type { State } from '../asl/types.js';
import { runtimeError, StatesError } from '../errors.js';
import type { Json } from '../util/json.js';
import type { StateHandler } from './handler.js';

/** Fail: ends its run with Error/Cause (or ErrorPath/CausePath, which may be intrinsic calls). */
export const fail: StateHandler = {
  recoverable: false,
  execute(p, run, state) {
    const ctx = p.context(run);
    const error = dynamic(state, 'Error', run.input, ctx);
    const cause = dynamic(state, 'Cause', run.input, ctx);
    p.failRun(run, new StatesError(error ?? '', cause));
  },
};

function dynamic(state: State, field: 'Error' | 'Cause', input: Json, ctx: Json): string | undefined {
  const fixed = state[field];
  if (fixed !== undefined) return fixed;
  const path = state[`${field}Path`];
  if (path === undefined) return undefined;
  const value = isIntrinsic(path) ? evaluateIntrinsic(path, input, ctx) : pathValue(path, input, ctx, field);
  if (typeof value !== 'string') throw runtimeError(`The value of ${field}Path '${path}' must be a string`);
  return value;
}

function pathValue(path: string, input: Json, ctx: Json, field: string): Json {
  const r = readPath(path, input, ctx);
  if (!r.found) throw runtimeError(`Invalid path '${path}' : No results for ${field}Path`);
  return r.value;
}
