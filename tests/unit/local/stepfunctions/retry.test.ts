import { describe, expect, it } from 'vitest';
import { decideRetry, errorMatches, findCatcher } from '../../../../local/stepfunctions/asl/retry.js';
import { StatesError } from '../../../../local/stepfunctions/errors.js';

const err = (name: string, heartbeat = false): StatesError => new StatesError(name, 'c', heartbeat);

describe('errorMatches', () => {
  it('States.ALL matches everything but the terminal errors', () => {
    expect(errorMatches(['States.ALL'], err('Custom'))).toBe(true);
    expect(errorMatches(['States.ALL'], err('States.Timeout'))).toBe(true);
    expect(errorMatches(['States.ALL'], err('States.Runtime'))).toBe(false);
    expect(errorMatches(['States.ALL'], err('States.DataLimitExceeded'))).toBe(false);
    expect(errorMatches(['States.DataLimitExceeded'], err('States.DataLimitExceeded'))).toBe(true);
  });

  it('States.TaskFailed matches everything but States.Timeout and the terminal errors', () => {
    expect(errorMatches(['States.TaskFailed'], err('Lambda.Unknown'))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], err('States.Timeout'))).toBe(false);
  });

  it('States.HeartbeatTimeout matches a heartbeat timeout reported as States.Timeout', () => {
    expect(errorMatches(['States.HeartbeatTimeout'], err('States.Timeout', true))).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], err('States.Timeout'))).toBe(false);
  });
});

describe('decideRetry', () => {
  it('uses the defaults: 1 s, ×2, 3 attempts', () => {
    const r = [{ ErrorEquals: ['States.ALL'] }];
    expect([0, 1, 2, 3].map((n) => decideRetry(r, [n], err('E'))?.delayMs)).toEqual([1000, 2000, 4000, null]);
  });

  it('caps with MaxDelaySeconds and jitters with FULL', () => {
    const r = [
      { ErrorEquals: ['E'], IntervalSeconds: 10, MaxDelaySeconds: 15, JitterStrategy: 'FULL' as const },
    ];
    expect(decideRetry(r, [1], err('E'), () => 0.5)?.delayMs).toBe(7500);
  });

  it('never retries States.Runtime and stops at the first matching retrier', () => {
    expect(decideRetry([{ ErrorEquals: ['States.Runtime'] }], [], err('States.Runtime'))).toBeNull();
    const r = [{ ErrorEquals: ['E'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }];
    expect(decideRetry(r, [], err('E'))).toEqual({ retrier: 0, delayMs: null });
  });

  it('finds the first matching catcher', () => {
    const c = [
      { ErrorEquals: ['A'], Next: 'a' },
      { ErrorEquals: ['States.ALL'], Next: 'all' },
    ];
    expect(findCatcher(c, err('B'))?.Next).toBe('all');
    expect(findCatcher(c, err('States.Runtime'))).toBeUndefined();
  });
});
