import { stateOf } from '../asl/definition.js';
import { StatesError } from '../errors.js';
import { onTimeout } from '../states/task-outcome.js';
import { finishWait } from '../states/wait.js';
import { endExecution } from './end.js';
import type { Pump } from './pump.js';
import type { ExecRecord } from './types.js';

/**
 * The timers an execution needs, derived from its persisted state (so a restart re-arms exactly these):
 * `x` execution timeout; `<run>:w` Wait or retry delay; `<run>:t` task timeout; `<run>:h` heartbeat.
 */
export function timersOf(x: ExecRecord): Map<string, number> {
  const out = new Map<string, number>();
  if (x.status !== 'RUNNING') return out;
  if (x.timeoutAt !== undefined) out.set('x', x.timeoutAt);
  for (const run of Object.values(x.runs)) {
    const s = run.step;
    if (s.k === 'wait' || s.k === 'retry') out.set(`${run.id}:w`, s.at);
    else if (s.k === 'task') {
      if (s.timeoutAt !== undefined) out.set(`${run.id}:t`, s.timeoutAt);
      if (s.hbAt !== undefined) out.set(`${run.id}:h`, s.hbAt);
    }
  }
  return out;
}

/** A timer fired; stale timers (the step moved on) are ignored. Returns whether anything changed. */
export function applyTimer(p: Pump, key: string, at: number): boolean {
  const x = p.x;
  if (key === 'x') {
    if (x.timeoutAt !== at) return false;
    endExecution(p, 'TIMED_OUT', {
      error: 'States.Timeout',
      cause: 'The execution exceeded its TimeoutSeconds.',
    });
    return true;
  }
  const [id, kind] = key.split(':') as [string, string];
  const run = x.runs[id];
  if (!run) return false;
  const state = stateOf(p.def, run.scope, run.state);
  const step = run.step;
  try {
    if (kind === 'w' && step.k === 'wait' && step.at === at) finishWait(p, run, state);
    else if (kind === 'w' && step.k === 'retry' && step.at === at) {
      run.step = { k: 'exec' };
      p.schedule(run);
    } else if (kind === 't' && step.k === 'task' && step.timeoutAt === at) onTimeout(p, run, state, false);
    else if (kind === 'h' && step.k === 'task' && step.hbAt === at) onTimeout(p, run, state, true);
    else return false;
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    p.fail(run, state, e);
  }
  return true;
}
