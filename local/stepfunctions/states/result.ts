import { applyResult } from '../asl/io.js';
import type { State } from '../asl/types.js';
import type { Pump } from '../runtime/pump.js';
import type { Run } from '../runtime/types.js';
import type { Json } from '../util/json.js';

/**
 * A Task, Map or Parallel produced `result`: ResultSelector → ResultPath → OutputPath, then leave the state (for
 * JSONata states: Output and Assign).
 */
export function finishWithResult(p: Pump, run: Run, state: State, result: Json): void {
  if (state.QueryLanguage === 'JSONata') {
    // Output and Assign are JSONata: evaluated asynchronously by the pump (see states/jsonata.ts).
    run.step = { k: 'eval', phase: 'result', result };
    p.schedule(run);
    return;
  }
  const output = applyResult(state, run.input, result, p.context(run));
  p.exit(run, state, output, p.nextOf(state));
}
