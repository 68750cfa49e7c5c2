import type { State } from '../asl/types.js';
import { choice } from './choice.js';
import { fail } from './fail.js';
import type { StateHandler } from './handler.js';
import { JSONATA_HANDLERS } from './jsonata/index.js';
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

/** The handler of a state: its JSONata form when its QueryLanguage is JSONata. */
export function handlerFor(state: State): StateHandler {
  const base = HANDLERS[state.Type];
  if (state.QueryLanguage !== 'JSONata') return base;
  let h = jsonataCache.get(state.Type);
  if (!h) {
    const jsonata = JSONATA_HANDLERS[state.Type];
    // Fan-out completion (childDone) is the same in both languages.
    h = base.childDone ? { ...jsonata, childDone: base.childDone } : jsonata;
    jsonataCache.set(state.Type, h);
  }
  return h;
}

const jsonataCache = new Map<State['Type'], StateHandler>();
