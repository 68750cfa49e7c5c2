/**
 * The JSON Forms middleware of every form: computed fields (`x-computed`) are filled in inside JSON Forms' own
 * reducer, and the data a parent feeds back after `onChange` is recognised as an echo instead of overwriting
 * what the user typed since.
 *
 * Why: a parent that stores the data from `onChange` and passes it back as `data` makes JSON Forms dispatch
 * `UPDATE_CORE` with it one render later. A field committed in that gap (a number input flushing on blur, a
 * checkbox) is already in JSON Forms' state but not in the echo, and `UPDATE_CORE` would drop it: the input
 * empties and the value is lost. Computing in the reducer also means the data JSON Forms emits is complete, so
 * the parent never needs to send a changed object back.
 */
import type { JsonFormsCore, Middleware } from '@jsonforms/core';
import { INIT, UPDATE_CORE, validate } from '@jsonforms/core';
import { recompute } from './rules';

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * A middleware for one form instance (it remembers the data objects that form produced).
 *
 * @example
 * const middleware = useMemo(() => createFormMiddleware(), []);
 * <JsonForms middleware={middleware} … />
 */
export function createFormMiddleware(): Middleware {
  // Every data object this form made itself (user edits, computed fields). The parent can only have such an
  // object from onChange, so getting one back is an echo: the state is already at or past it.
  const produced = new WeakSet<object>();
  return (state, action, reducer) => {
    const external = action.type === INIT || action.type === UPDATE_CORE ? (action.data as unknown) : undefined;
    const echo =
      action.type === UPDATE_CORE && external !== state.data && isObject(external) && produced.has(external);
    const next = reducer(state, echo ? { ...action, data: state.data } : action);
    if (next.data === state.data && action.type !== INIT) return next;
    const out = withComputed(next);
    if (isObject(out.data) && out.data !== external) produced.add(out.data);
    return out;
  };
}

/** The state with its computed fields filled in, revalidated when they moved. */
function withComputed(state: JsonFormsCore): JsonFormsCore {
  if (!state.schema) return state;
  const computed = recompute(state.schema, state.data);
  if (!computed.changed) return state;
  return { ...state, data: computed.data, errors: validate(state.validator, computed.data) };
}
