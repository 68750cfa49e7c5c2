import type { State } from '../asl/types.js';
import type { StatesError } from '../errors.js';
import type { Pump } from '../runtime/pump.js';
import type { EvalStep, Run } from '../runtime/types.js';
import type { Json } from '../util/json.js';

export type ChildResult = { ok: true; output: Json } | { ok: false; err: StatesError };

/** One state type's behaviour. `execute` runs when a run enters the state or retries it. */
export interface StateHandler {
  /** Whether Retry and Catch apply (Task, Map, Parallel). */
  recoverable: boolean;
  execute(p: Pump, run: Run, state: State): void | Promise<void>;
  /** JSONata states: finish an 'eval' step (Output/Assign of a result or of a Catch). */
  resume?(p: Pump, run: Run, state: State, step: EvalStep): Promise<void>;
  /** A Map iteration or Parallel branch of this state finished. */
  childDone?(p: Pump, parent: Run, state: State, index: number, result: ChildResult): void;
}
