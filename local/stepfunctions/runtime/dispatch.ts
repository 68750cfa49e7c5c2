import { stateOf } from '../asl/definition.js';
import { StatesError } from '../errors.js';
import { onChild, onHeartbeat, onResult, onSubmitted } from '../states/task-outcome.js';
import { endExecution } from './end.js';
import type { Pump } from './pump.js';
import { applyTimer } from './timers.js';
import type { Message } from './types.js';

/**
 * Applies one message to a running execution. Returns false when it no longer applies (the task it answers was
 * already completed, timed out or retried) — SendTask* then report TaskTimedOut, as AWS does.
 */
export function applyMessage(p: Pump, msg: Message): boolean {
  switch (msg.t) {
    case 'timer':
      return applyTimer(p, msg.key, msg.at);
    case 'stop':
      endExecution(p, 'ABORTED', { error: msg.error, cause: msg.cause });
      return true;
    case 'continue':
      p.resumeRunnable();
      return true;
  }
  const run = p.x.runs[msg.run];
  if (!run || run.step.k !== 'task' || run.step.attempt !== msg.attempt) return false;
  const state = stateOf(p.def, run.scope, run.state);
  try {
    switch (msg.t) {
      case 'result':
        onResult(
          p,
          run,
          state,
          msg.attempt,
          msg.ok ? { ok: true, output: msg.output } : { ok: false, error: msg.error, cause: msg.cause },
        );
        break;
      case 'submitted':
        onSubmitted(p, run, state, msg.attempt, msg.output, msg.childArn);
        break;
      case 'heartbeat':
        onHeartbeat(p, run, msg.attempt);
        break;
      case 'child':
        onChild(p, run, state, msg.attempt, msg.child);
        break;
    }
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    p.fail(run, state, e);
  }
  return true;
}
