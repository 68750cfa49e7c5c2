import { decideRetry, findCatcher, isUncatchable } from '../asl/retry.js';
import { setResultPath } from '../asl/result-path.js';
import type { State } from '../asl/types.js';
import { StatesError } from '../errors.js';
import { handlerFor } from '../states/index.js';
import type { Json, JsonObject } from '../util/json.js';
import type { Pump } from './pump.js';
import type { Run } from './types.js';

/**
 * Error handling of a state (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html):
 * States.Runtime gets AWS's prefix naming the state and is never retried or caught; otherwise the first matching
 * retrier retries after its delay (or, exhausted, gives way to Catch); the first matching catcher puts
 * `{Error, Cause}` at its ResultPath (JSONata: Output/Assign with $states.errorOutput) and goes to its Next;
 * else the run fails.
 */
export function handleFailure(p: Pump, run: Run, state: State, raw: StatesError): void {
  p.releaseStep(run, 'state failed');
  const err =
    raw.error === 'States.Runtime' &&
    !raw.causeText?.startsWith('An error occurred while executing the state')
      ? new StatesError(
          raw.error,
          `An error occurred while executing the state '${run.state}' (entered at the event id #${run.enteredEvent}). ${raw.causeText ?? ''}`,
        )
      : raw;
  if (handlerFor(state).recoverable && !isUncatchable(err)) {
    const decision = decideRetry(state.Retry, run.retries, err, p.env.random);
    if (decision && decision.delayMs !== null) {
      run.retries[decision.retrier] = (run.retries[decision.retrier] ?? 0) + 1;
      run.retryCount++;
      if (decision.delayMs <= 0) {
        run.step = { k: 'exec' };
        p.schedule(run);
      } else {
        run.step = { k: 'retry', at: p.now() + decision.delayMs };
      }
      return;
    }
    const catcher = findCatcher(state.Catch, err);
    if (catcher) {
      const errorOutput: JsonObject = { Error: err.error };
      if (err.causeText !== undefined) errorOutput.Cause = err.causeText;
      if (state.QueryLanguage === 'JSONata') {
        run.step = {
          k: 'eval',
          phase: 'catch',
          catcher: (state.Catch ?? []).indexOf(catcher),
          errorOutput,
        };
        p.schedule(run);
        return;
      }
      let output: Json;
      try {
        output = setResultPath(run.input, catcher.ResultPath, errorOutput);
      } catch (e) {
        if (!(e instanceof StatesError)) throw e;
        p.failRun(run, e);
        return;
      }
      p.exit(run, state, output, catcher.Next);
      return;
    }
  }
  p.failRun(run, err);
}
