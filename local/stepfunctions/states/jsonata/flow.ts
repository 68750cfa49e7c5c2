import { evaluateAssign, evaluateTemplate } from '../../asl/jsonata.js';
import { StatesError } from '../../errors.js';
import type { Json } from '../../util/json.js';
import type { StateHandler } from '../handler.js';
import { finishWait } from '../wait.js';
import { bindings, leave, qe, value } from './common.js';

/** JSONata Pass, Succeed, Fail, Choice and Wait. */
export const pass: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    await leave(p, run, state, bindings(p, run, {}), run.input, p.nextOf(state), state);
  },
};

export const succeed: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    await leave(p, run, state, bindings(p, run, {}), run.input, null, state);
  },
};

export const fail: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    const error = await value(state.Error, b);
    const cause = await value(state.Cause, b);
    p.failRun(
      run,
      new StatesError(
        error === undefined ? '' : String(error),
        cause === undefined ? undefined : String(cause),
      ),
    );
  },
};

export const choice: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    for (const rule of state.Choices ?? []) {
      const ok = await value(rule.Condition as Json, b);
      if (typeof ok !== 'boolean')
        throw qe(`The Condition of a choice rule must be a boolean, got ${JSON.stringify(ok)}`);
      if (ok) {
        await leave(p, run, rule, b, run.input, rule.Next as string, state);
        return;
      }
    }
    if (state.Default === undefined)
      throw new StatesError('States.NoChoiceMatched', `No Matches! at state ${run.state}`);
    await leave(p, run, state, b, run.input, state.Default, state);
  },
};

export const wait: StateHandler = {
  recoverable: false,
  async execute(p, run, state) {
    const b = bindings(p, run, {});
    const seconds = await value(state.Seconds as Json, b);
    const timestamp = await value(state.Timestamp as Json, b);
    let at = run.entered;
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || seconds < 0 || !Number.isInteger(seconds))
        throw qe('Seconds must be a non-negative integer');
      at += seconds * 1000;
    } else if (timestamp !== undefined) {
      const t = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
      if (Number.isNaN(t))
        throw qe(`Timestamp must be an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`);
      at = t;
    }
    const out = state.Output === undefined ? run.input : await evaluateTemplate(state.Output, b);
    const vars = state.Assign ? await evaluateAssign(state.Assign, b) : undefined;
    run.step = { k: 'wait', at, out, ...(vars ? { vars } : {}) };
    if (at <= p.now()) finishWait(p, run, state);
  },
};
