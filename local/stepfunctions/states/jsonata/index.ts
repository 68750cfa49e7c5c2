import type { State } from '../../asl/types.js';
import type { StateHandler } from '../handler.js';
import { choice, fail, pass, succeed, wait } from './flow.js';
import { map, parallel, task } from './work.js';

/** The JSONata form of each state type (see common.ts). */
export const JSONATA_HANDLERS: Record<State['Type'], StateHandler> = {
  Pass: pass,
  Succeed: succeed,
  Fail: fail,
  Choice: choice,
  Wait: wait,
  Task: task,
  Parallel: parallel,
  Map: map,
};
