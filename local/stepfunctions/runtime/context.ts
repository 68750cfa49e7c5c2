import { stateOf } from '../asl/definition.js';
import type { State } from '../asl/types.js';
import type { JsonObject } from '../util/json.js';
import { isoTime } from '../util/time.js';
import type { Pump } from './pump.js';
import type { Run } from './types.js';

/**
 * The context object (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html):
 * `Execution`, `State`, `StateMachine`, plus `Task` (callback tasks) or `Map` (ItemSelector) through `extra`.
 * Building it costs two ISO dates, so unless `always`, a state whose definition never mentions `$$` gets an
 * empty one (5% of a Pass/Choice execution).
 */
const NO_CONTEXT: JsonObject = Object.freeze({}) as JsonObject;
const contextUse = new WeakMap<State, boolean>();

function usesContext(state: State): boolean {
  let uses = contextUse.get(state);
  if (uses === undefined) {
    uses = JSON.stringify(state).includes('$$');
    contextUse.set(state, uses);
  }
  return uses;
}

export function contextFor(p: Pump, run: Run, extra: JsonObject | undefined, always: boolean): JsonObject {
  if (!always && !extra && !usesContext(stateOf(p.def, run.scope, run.state))) return NO_CONTEXT;
  const x = p.x;
  const ctx: JsonObject = {
    Execution: {
      Id: x.arn,
      Input: p.executionInput(),
      Name: x.name,
      RoleArn: x.roleArn,
      StartTime: isoTime(x.start),
      RedriveCount: 0,
    },
    State: { EnteredTime: isoTime(run.entered), Name: run.state, RetryCount: run.retryCount },
    StateMachine: { Id: x.versionArn ?? x.smArn, Name: x.smArn.slice(x.smArn.lastIndexOf(':') + 1) },
  };
  return extra ? { ...ctx, ...extra } : ctx;
}
