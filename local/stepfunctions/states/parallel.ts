import { applyInputPath, applyParameters } from '../asl/io.js';
import { abortChildren, fanStep, startChild } from '../runtime/fanout.js';
import type { StateHandler } from './handler.js';
import { finishWithResult } from './result.js';

/** Parallel: every branch gets the same input; the result is the array of branch outputs, in branch order. */
export const parallel: StateHandler = {
  recoverable: true,
  execute(p, run, state) {
    const ctx = p.context(run);
    const input = applyParameters(state.Parameters, applyInputPath(state, run.input, ctx), ctx);
    const branches = state.Branches ?? [];
    run.step = {
      k: 'fan',
      input,
      total: branches.length,
      started: branches.length,
      active: branches.length,
      done: 0,
      max: 0,
      results: [],
    };
    const started = p.emit(run, 'ParallelStateStarted');
    branches.forEach((_b, i) => startChild(p, run, state, i, input, started));
    if (branches.length === 0) {
      p.emit(run, 'ParallelStateSucceeded');
      finishWithResult(p, run, state, []);
    }
  },
  childDone(p, run, state, index, result) {
    const step = fanStep(run);
    step.active--;
    if (!result.ok) {
      abortChildren(p, run, state);
      p.emit(run, 'ParallelStateFailed');
      p.fail(run, state, result.err);
      return;
    }
    step.results[index] = result.output;
    step.done++;
    if (step.done === step.total) {
      p.emit(run, 'ParallelStateSucceeded');
      finishWithResult(p, run, state, step.results);
    }
  },
};
