import type { StatesError } from '../errors.js';
import { TERMINAL_ERRORS } from '../errors.js';
import type { Catcher, Retrier } from './types.js';

/**
 * Retry and Catch matching. Defaults per the developer guide: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 */

/**
 * Whether an ErrorEquals list matches an error.
 * - `States.ALL` matches anything except the terminal errors (States.Runtime, States.DataLimitExceeded);
 * - `States.TaskFailed` matches anything except States.Timeout, States.QueryEvaluationError (a JSONata failure
 *   is not the task failing) and the terminal errors;
 * - `States.HeartbeatTimeout` also matches a heartbeat timeout, which is reported as States.Timeout.
 */
export function errorMatches(errorEquals: readonly string[], err: StatesError): boolean {
  return errorEquals.some((name) => {
    if (name === err.error) return true;
    if (name === 'States.ALL') return !TERMINAL_ERRORS.has(err.error);
    if (name === 'States.TaskFailed') {
      return (
        err.error !== 'States.Timeout' &&
        err.error !== 'States.QueryEvaluationError' &&
        !TERMINAL_ERRORS.has(err.error)
      );
    }
    if (name === 'States.HeartbeatTimeout') return err.heartbeat;
    return false;
  });
}

/** States.Runtime is never retried nor caught, not even when named ("it will always cause the execution to fail"). */
export function isUncatchable(err: StatesError): boolean {
  return err.error === 'States.Runtime';
}

export interface RetryDecision {
  /** Index of the retrier that matched. */
  retrier: number;
  /** Delay before the retry, in ms; null when the matching retrier is exhausted. */
  delayMs: number | null;
}

/**
 * Picks the first retrier matching `err`. Its own attempt counter (`counts[retrier]`) decides: under MaxAttempts
 * → retry after IntervalSeconds × BackoffRate^count (capped by MaxDelaySeconds, jittered when FULL); otherwise
 * the retrier is exhausted and the error goes to Catch — later retriers are not consulted.
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  counts: readonly number[],
  err: StatesError,
  random: () => number = Math.random,
): RetryDecision | null {
  if (!retriers || isUncatchable(err)) return null;
  const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err));
  if (index < 0) return null;
  const r = retriers[index] as Retrier;
  const used = counts[index] ?? 0;
  if (used >= (r.MaxAttempts ?? 3)) return { retrier: index, delayMs: null };
  let seconds = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, used);
  if (r.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') seconds = random() * seconds;
  return { retrier: index, delayMs: Math.round(seconds * 1000) };
}

/** The first catcher matching `err`, or undefined. */
export function findCatcher(catchers: readonly Catcher[] | undefined, err: StatesError): Catcher | undefined {
  if (!catchers || isUncatchable(err)) return undefined;
  return catchers.find((c) => errorMatches(c.ErrorEquals, err));
}
