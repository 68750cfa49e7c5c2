import type { State } from '../asl/types.js';
import { choice } from './choice.js';
import { fail } from './fail.js';
import type { StateHandler } from './handler.js';
import { map } from './map.js';
import { parallel } from './parallel.js';
import { pass } from './pass.js';
import { succeed } from './succeed.js';
import { task } from './task.js';
import { wait } from './wait.js';

const HANDLERS: Record<State['Type'], StateHandler> = {
  Pass: pass,
  Task: task,
  Choice: choice,
  Wait: wait,
  Succeed: succeed,
  Fail: fail,
  Parallel: parallel,
  Map: map,
};

export function handlerFor(state: State): StateHandler {
  return HANDLERS[state.Type];
}
