import { applyInputPath, applyOutputPath } from '../asl/io.js';
import type { StateHandler } from './handler.js';

/** Succeed: ends its run with the (filtered) input. */
export const succeed: StateHandler = {
  recoverable: false,
  execute(p, run, state) {
    const ctx = p.context(run);
    p.exit(run, state, applyOutputPath(state, applyInputPath(state, run.input, ctx), ctx), null);
  },
};
