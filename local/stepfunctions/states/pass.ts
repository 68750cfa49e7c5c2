import { applyInputPath, applyOutputPath, applyParameters } from '../asl/io.js';
import { setResultPath } from '../asl/result-path.js';
import type { StateHandler } from './handler.js';

/** Pass: the result is `Result`, or the effective input after Parameters; then ResultPath and OutputPath. */
export const pass: StateHandler = {
  recoverable: false,
  execute(p, run, state) {
    const ctx = p.context(run);
    const result =
      state.Result !== undefined
        ? state.Result
        : applyParameters(state.Parameters, applyInputPath(state, run.input, ctx), ctx);
    const output = applyOutputPath(state, setResultPath(run.input, state.ResultPath, result), ctx);
    p.exit(run, state, output, p.nextOf(state));
  },
};
