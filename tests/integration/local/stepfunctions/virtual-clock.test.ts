import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../local/stepfunctions/index.js';
import { createVirtualClock, startEngine } from '../../../../local/stepfunctions/index.js';
import type { TestEngine } from './support/engine.js';
import { output, single, testEngine } from './support/engine.js';

/**
 * idle() and the virtual clock, as the dry run uses them: time jumps to the next timer whenever the engine has
 * nothing else to do, so a week of Waits, retry delays and timeouts take no real time; a token answered while
 * the invocation is in flight beats the task's timeout.
 */
describe('virtual clock and idle()', () => {
  let engine: Engine;
  let failures = 0;
  beforeAll(async () => {
    const clock = createVirtualClock(Date.parse('2026-01-05T09:00:00Z'));
    engine = await startEngine({
      port: 0,
      clock,
      invoke: async (fn, payload) => {
        if (fn === 'human') {
          // A dry-run filler: answer the token before the invocation returns.
          await engine.call('SendTaskSuccess', {
            taskToken: (payload as { token: string }).token,
            output: '{"approved":true}',
          });
          return { payload: { opened: true } };
        }
        if (fn === 'flaky' && failures++ < 2)
          return { functionError: { errorType: 'Busy', errorMessage: 'later' } };
        return { payload: 'ok' };
      },
    });
  });
  afterAll(() => engine.close());

  it('runs a week of Waits, retries and a callback with a timeout in no real time', async () => {
    const def = {
      StartAt: 'Week',
      States: {
        Week: { Type: 'Wait', Seconds: 7 * 86_400, Next: 'Review' },
        Review: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'human', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 3600,
          ResultPath: '$.review',
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'Day', States: { Day: { Type: 'Wait', Seconds: 86_400, End: true } } },
          ResultPath: null,
          Next: 'Flaky',
        },
        Flaky: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 600 }],
          ResultPath: '$.flaky',
          End: true,
        },
      },
    };
    const { stateMachineArn } = await engine.call('CreateStateMachine', {
      name: 'week',
      definition: JSON.stringify(def),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    });
    const real = Date.now();
    const { executionArn } = await engine.call('StartExecution', {
      stateMachineArn,
      input: JSON.stringify({ items: [1, 2, 3] }),
    });
    await engine.idle();
    const d = await engine.call('DescribeExecution', { executionArn });
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output as string)).toEqual({
      items: [1, 2, 3],
      review: { approved: true },
      flaky: 'ok',
    });
    const simulated = ((d.stopDate as number) - (d.startDate as number)) * 1000;
    expect(simulated).toBe(8 * 86_400_000 + 600_000 + 1_200_000);
    expect(Date.now() - real).toBeLessThan(5000);
  });
});

describe('idle() on the real clock', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine();
  });
  afterAll(() => t.close());

  it('resolves while executions wait on a timer or a token (they have no runnable work)', async () => {
    const wait = await t.machine(single({ Type: 'Wait', Seconds: 3600 }));
    const started = await t.sfn.send(new StartExecutionCommand({ stateMachineArn: wait }));
    const before = Date.now();
    await t.engine.idle();
    expect(Date.now() - before).toBeLessThan(2000);
    const d = await t.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(d.status).toBe('RUNNING');
    expect(output(d)).toBeUndefined();
  });
});
