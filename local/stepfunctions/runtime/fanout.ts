import { childScopeId } from '../asl/definition.js';
import type { State } from '../asl/types.js';
import type { Json } from '../util/json.js';
import type { Pump } from './pump.js';
import type { FanStep, Run } from './types.js';

/**
 * Child runs of Map and Parallel states. A fan step records how many children exist, how many run, and the
 * results so far; children are runs of their own, so they persist and resume like the top level does.
 */
export function startChild(
  p: Pump,
  parent: Run,
  state: State,
  index: number,
  input: Json,
  lastEvent: number,
): void {
  const scopeId =
    state.Type === 'Map'
      ? childScopeId(parent.scope, parent.state)
      : childScopeId(parent.scope, parent.state, index);
  const scope = p.def.scopes.get(scopeId);
  if (!scope) throw new Error(`missing scope ${scopeId}`);
  const id = ++p.x.runSeq;
  const run: Run = {
    id,
    parent: parent.id,
    index,
    scope: scopeId,
    state: scope.StartAt,
    input,
    entered: 0,
    enteredEvent: 0,
    last: lastEvent,
    retries: [],
    retryCount: 0,
    attempts: 0,
    step: { k: 'enter' },
  };
  if (parent.vars) run.vars = parent.vars;
  p.x.runs[id] = run;
  p.schedule(run);
}

/** Removes a run and everything below it, releasing tokens and sync children. */
export function removeTree(p: Pump, run: Run, why: string): void {
  for (const child of Object.values(p.x.runs)) if (child.parent === run.id) removeTree(p, child, why);
  p.releaseStep(run, why);
  delete p.x.runs[run.id];
}

/** Aborts the children still running under a fan step (a sibling failed, or the state is left). */
export function abortChildren(p: Pump, parent: Run, state: State): void {
  for (const child of Object.values(p.x.runs)) {
    if (child.parent !== parent.id) continue;
    if (state.Type === 'Map') {
      p.emit(parent, 'MapIterationAborted', { name: parent.state, index: child.index });
    }
    removeTree(p, child, 'Map iteration or Parallel branch aborted');
  }
}

export function fanStep(run: Run): FanStep {
  if (run.step.k !== 'fan') throw new Error('not a fan step');
  return run.step;
}
