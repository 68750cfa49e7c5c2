import { evaluateRule } from '../asl/choice.js';
import { applyInputPath, applyOutputPath } from '../asl/io.js';
import { StatesError } from '../errors.js';
import type { StateHandler } from './handler.js';

/** Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched. */
export const choice: StateHandler = {
  recoverable: false,
  execute(p, run, state) {
    const ctx = p.context(run);
    const input = applyInputPath(state, run.input, ctx);
    const rule = (state.Choices ?? []).find((r) => evaluateRule(r, input, ctx));
    const next = rule?.Next ?? state.Default;
    if (next === undefined) {
      throw new StatesError('States.NoChoiceMatched', `No Matches! at state ${run.state}`);
    }
    p.exit(run, state, applyOutputPath(state, input, ctx), next);
  },
};
