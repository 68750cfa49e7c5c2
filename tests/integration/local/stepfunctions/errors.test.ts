import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../../local/stepfunctions/index.js';
import type { TestEngine } from './support/engine.js';
import { FunctionError, output, single, testEngine } from './support/engine.js';

/**
 * Retry, Catch, Fail, timeouts and predefined errors:
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html (defaults: IntervalSeconds 1,
 * MaxAttempts 3, BackoffRate 2.0; States.ALL and States.TaskFailed do not match States.Runtime; TaskFailed does
 * not match States.Timeout). Runs on a virtual clock, so retry delays are checked exactly, in no real time.
 */
describe('error handling', () => {
  let t: TestEngine;
  const calls = new Map<string, number>();
  const count = (key: string): number => {
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    return n;
  };
  beforeAll(async () => {
    t = await testEngine({
      clock: createVirtualClock(),
      handlers: {
        alwaysFails: (p) => {
          count((p as { key: string }).key);
          throw new FunctionError((p as { error?: string }).error ?? 'HandledError', 'failed');
        },
        failsTwice: (p) => {
          if (count((p as { key: string }).key) <= 2) throw new FunctionError('Transient', 'try again');
          return 'ok';
        },
      },
    });
  });
  afterAll(() => t.close());

  const lambda = (fn: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;

  /** Times (ms from the first) at which the task was scheduled, read from the history. */
  async function attemptTimes(executionArn: string): Promise<number[]> {
    const events = await t.history(executionArn);
    const times = events
      .filter((e) => e.type === 'LambdaFunctionScheduled')
      .map((e) => (e.timestamp as Date).getTime());
    return times.map((x) => x - (times[0] as number));
  }

  it('retries with the default policy: 3 retries after 1, 2 and 4 seconds', async () => {
    const arn = await t.machine(
      single({ Type: 'Task', Resource: lambda('alwaysFails'), Retry: [{ ErrorEquals: ['States.ALL'] }] }),
    );
    const d = await t.run(arn, { key: 'default' });
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('HandledError');
    expect(calls.get('default')).toBe(4);
    expect(await attemptTimes(d.executionArn as string)).toEqual([0, 1000, 3000, 7000]);
  });

  it('follows IntervalSeconds, BackoffRate and MaxDelaySeconds', async () => {
    // The guide's example: IntervalSeconds 3, BackoffRate 1.5 → waits of 3 and 4.5 seconds.
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: lambda('alwaysFails'),
        Retry: [
          {
            ErrorEquals: ['HandledError'],
            IntervalSeconds: 3,
            MaxAttempts: 4,
            BackoffRate: 1.5,
            MaxDelaySeconds: 6,
          },
        ],
      }),
    );
    const d = await t.run(arn, { key: 'backoff' });
    expect(await attemptTimes(d.executionArn as string)).toEqual([0, 3000, 7500, 13500, 19500]);
  });

  it('never retries with MaxAttempts 0 and spreads delays with JitterStrategy FULL', async () => {
    const none = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: lambda('alwaysFails'),
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }],
        }),
      ),
      { key: 'zero' },
    );
    expect(calls.get('zero')).toBe(1);
    expect(none.status).toBe('FAILED');
    const jitter = await t.run(
      await t.machine(
        single({
          Type: 'Task',
          Resource: lambda('alwaysFails'),
          Retry: [
            { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 2, JitterStrategy: 'FULL' },
          ],
        }),
      ),
      { key: 'jitter' },
    );
    const times = await attemptTimes(jitter.executionArn as string);
    expect(times[1]).toBeLessThanOrEqual(10_000);
    expect((times[2] as number) - (times[1] as number)).toBeLessThanOrEqual(20_000);
  });

  it('counts attempts per retrier, as in the specification’s complex retry scenario', async () => {
    // https://states-language.net/spec.html#retrying-after-error: ErrorA, ErrorB → waits of 1 and 2 s; ErrorC →
    // 5 s; the next ErrorB finds the first retrier's MaxAttempts (2) used up, so Catch takes it. (The current
    // developer guide tells the same story with a 4 s wait before failing on a fifth error, which contradicts its
    // own MaxAttempts; we follow the specification, as localstack's recorded behaviour does.)
    const arn = await t.machine({
      StartAt: 'X',
      States: {
        X: {
          Type: 'Task',
          Resource: lambda('alwaysFails'),
          Parameters: { 'key.$': '$.key', 'error.$': 'States.ArrayGetItem($.errors, $$.State.RetryCount)' },
          Retry: [
            { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
            { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }],
          End: true,
        },
        Z: { Type: 'Pass', Result: 'caught', End: true },
      },
    });
    const d = await t.run(arn, {
      key: 'complex',
      errors: ['ErrorA', 'ErrorB', 'ErrorC', 'ErrorB', 'ErrorB'],
    });
    expect(output(d)).toBe('caught');
    expect(await attemptTimes(d.executionArn as string)).toEqual([0, 1000, 3000, 8000]);
  });

  it('succeeds after transient failures and exposes $$.State.RetryCount', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'failsTwice', Payload: { key: 'transient' } },
        ResultSelector: { 'p.$': '$.Payload', 'retries.$': '$$.State.RetryCount' },
        Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1 }],
      }),
    );
    expect(output(await t.run(arn, {}))).toEqual({ p: 'ok', retries: 2 });
  });

  it('Catch puts { Error, Cause } at its ResultPath and goes to Next', async () => {
    const arn = await t.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda('alwaysFails'),
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error-info', Next: 'Recovery' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail' },
        Recovery: { Type: 'Pass', End: true },
      },
    });
    const d = await t.run(arn, { key: 'catch' });
    const o = output(d) as { key: string; 'error-info': { Error: string; Cause: string } };
    expect(o.key).toBe('catch');
    expect(o['error-info'].Error).toBe('HandledError');
    expect(JSON.parse(o['error-info'].Cause)).toEqual({
      errorMessage: 'failed',
      errorType: 'HandledError',
      trace: ['at handler'],
    });
  });

  it('fails a silent callback task after HeartbeatSeconds; States.HeartbeatTimeout matches it', async () => {
    const arn = await t.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'failsTwice', Payload: { 'token.$': '$$.Task.Token', key: 'hb' } },
          HeartbeatSeconds: 10,
          TimeoutSeconds: 600,
          Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 0 }],
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Heartbeat' }],
          End: true,
        },
        Heartbeat: { Type: 'Pass', Result: 'heartbeat', End: true },
      },
    });
    const d = await t.run(arn, {});
    expect(output(d)).toBe('heartbeat');
    const events = await t.history(d.executionArn as string);
    const timedOut = events.find((e) => e.type === 'TaskTimedOut');
    // AWS reports a heartbeat timeout as States.Timeout (recorded histories in localstack's snapshot tests).
    expect(timedOut?.taskTimedOutEventDetails?.error).toBe('States.Timeout');
    const scheduled = events.filter((e) => e.type === 'TaskScheduled').pop();
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      heartbeatInSeconds: 10,
      timeoutInSeconds: 600,
    });
  });

  it('never catches States.Runtime, even with States.ALL', async () => {
    const arn = await t.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda('alwaysFails'),
          Parameters: { 'x.$': '$.missing' },
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
          End: true,
        },
        C: { Type: 'Pass', End: true },
      },
    });
    const d = await t.run(arn, {});
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Runtime');
  });

  it('ends with a Fail state’s Error and Cause, or their Path forms', async () => {
    const fixed = await t.run(
      await t.machine({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'MyError', Cause: 'my cause' } } }),
      {},
    );
    expect([fixed.status, fixed.error, fixed.cause]).toEqual(['FAILED', 'MyError', 'my cause']);
    const paths = await t.run(
      await t.machine({
        StartAt: 'F',
        States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('code {}', $.c)" } },
      }),
      { e: 'FromInput', c: 42 },
    );
    expect([paths.error, paths.cause]).toEqual(['FromInput', 'code 42']);
    const events = await t.history(paths.executionArn as string);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('times out the execution after the definition TimeoutSeconds', async () => {
    const arn = await t.machine({
      TimeoutSeconds: 60,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    const d = await t.run(arn, {});
    expect(d.status).toBe('TIMED_OUT');
    expect((d.stopDate as Date).getTime() - (d.startDate as Date).getTime()).toBe(60_000);
    const types = (await t.history(d.executionArn as string)).map((e) => e.type);
    expect(types[types.length - 1]).toBe('ExecutionTimedOut');
  });

  it('retries a Parallel state as a whole', async () => {
    const arn = await t.machine(
      single({
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'T',
            States: {
              T: { Type: 'Task', Resource: lambda('failsTwice'), Parameters: { key: 'par' }, End: true },
            },
          },
        ],
        Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1 }],
      }),
    );
    expect(output(await t.run(arn, {}))).toEqual(['ok']);
  });
});

/** Timeouts of an invocation that never returns: real clock (a virtual clock stands still while work is in flight). */
describe('task timeouts', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine({ handlers: { hangs: () => new Promise(() => undefined) } });
  });
  afterAll(() => t.close());
  const lambda = (fn: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;

  it('times out a task with States.Timeout, which States.TaskFailed does not catch', async () => {
    const arn = await t.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: lambda('hangs'),
          TimeoutSeconds: 1,
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
            { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'wrong' },
        TimedOut: { Type: 'Pass', Result: 'timed out', End: true },
      },
    });
    const d = await t.run(arn, {});
    expect(output(d)).toBe('timed out');
    const events = await t.history(d.executionArn as string);
    expect(
      events.find((e) => e.type === 'LambdaFunctionTimedOut')?.lambdaFunctionTimedOutEventDetails?.error,
    ).toBe('States.Timeout');
  });

  it('takes TimeoutSecondsPath from the input', async () => {
    const arn = await t.machine(
      single({ Type: 'Task', Resource: lambda('hangs'), TimeoutSecondsPath: '$.t' }),
    );
    const d = await t.run(arn, { t: 1 });
    expect(d.error).toBe('States.Timeout');
    expect((d.stopDate as Date).getTime() - (d.startDate as Date).getTime()).toBeGreaterThanOrEqual(1000);
  });
});
