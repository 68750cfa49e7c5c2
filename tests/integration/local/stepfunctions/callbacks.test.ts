import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, single, testEngine } from './support/engine.js';

/**
 * The callback pattern: `lambda:invoke.waitForTaskToken` passes `$$.Task.Token` to the function and waits for
 * SendTaskSuccess / SendTaskFailure (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
 * A token whose task is over gives TaskTimedOut "Task Timed Out: 'Provided task does not exist anymore'"; a
 * token never issued gives InvalidToken "Invalid Token: 'Invalid token'" (messages as AWS returns them).
 */
describe('callback tasks (waitForTaskToken)', () => {
  let t: TestEngine;
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await testEngine({
      handlers: {
        openTask: (p) => {
          tokens.push((p as { token: string }).token);
          return { accepted: true };
        },
      },
    });
  });
  afterAll(() => t.close());

  const machine = (extra: object = {}): object =>
    single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'openTask', Payload: { 'token.$': '$$.Task.Token', 'case.$': '$.case' } },
      ResultPath: '$.answer',
      ...extra,
    });

  async function waitingToken(arn: string, input: object): Promise<{ executionArn: string; token: string }> {
    const before = tokens.length;
    const d = await t.run(arn, input, { settle: true });
    expect(d.status).toBe('RUNNING');
    expect(tokens.length).toBe(before + 1);
    return { executionArn: d.executionArn as string, token: tokens[tokens.length - 1] as string };
  }

  it('passes an unguessable token to the function and completes with SendTaskSuccess output', async () => {
    const arn = await t.machine(machine());
    const { executionArn, token } = await waitingToken(arn, { case: 'success' });
    expect(token).toMatch(/^AQ[A-Za-z0-9_-]{54}$/);
    const events = await t.history(executionArn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
    ]);
    expect(events[2]?.taskScheduledEventDetails?.resource).toBe('invoke.waitForTaskToken');
    expect(JSON.parse(events[4]?.taskSubmittedEventDetails?.output as string)).toMatchObject({
      Payload: { accepted: true },
      StatusCode: 200,
    });
    await t.sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'approved' }) }),
    );
    const d = await t.finish(executionArn);
    expect(output(d)).toEqual({ case: 'success', answer: { decision: 'approved' } });
  });

  it('fails the task with SendTaskFailure error and cause, which Catch can handle', async () => {
    const arn = await t.machine({
      StartAt: 'S',
      States: {
        S: {
          ...(machine() as { States: { S: object } }).States.S,
          End: undefined,
          Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.err', Next: 'Handled' }],
          Next: 'Done',
        },
        Handled: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
      },
    });
    const { executionArn, token } = await waitingToken(arn, { case: 'failure' });
    await t.sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'not good enough' }),
    );
    expect(output(await t.finish(executionArn))).toEqual({
      case: 'failure',
      err: { Error: 'Rejected', Cause: 'not good enough' },
    });
  });

  it('answers TaskTimedOut for a token whose task is already completed', async () => {
    const arn = await t.machine(machine());
    const { executionArn, token } = await waitingToken(arn, { case: 'twice' });
    await t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await t.finish(executionArn);
    const again = t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await expect(again).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(again).rejects.toMatchObject({
      message: "Task Timed Out: 'Provided task does not exist anymore'",
    });
    await expect(t.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it('answers InvalidToken for a malformed or forged token', async () => {
    const bad = t.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }));
    await expect(bad).rejects.toBeInstanceOf(InvalidToken);
    await expect(bad).rejects.toMatchObject({ message: "Invalid Token: 'Invalid token'" });
    const forged = 'AQ' + 'A'.repeat(54);
    await expect(t.sfn.send(new SendTaskFailureCommand({ taskToken: forged }))).rejects.toBeInstanceOf(
      InvalidToken,
    );
  });

  it('rejects SendTaskSuccess output that is not JSON with InvalidOutput', async () => {
    const arn = await t.machine(machine());
    const { executionArn, token } = await waitingToken(arn, { case: 'badjson' });
    await expect(
      t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{nope' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput' });
    await t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"fine"' }));
    expect(output(await t.finish(executionArn))).toEqual({ case: 'badjson', answer: 'fine' });
  });

  it('keeps a task alive with SendTaskHeartbeat and times it out without one', async () => {
    const arn = await t.machine(machine({ HeartbeatSeconds: 1 }));
    const { executionArn, token } = await waitingToken(arn, { case: 'heartbeat' });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 600));
      await t.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    await t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '1' }));
    expect((await t.finish(executionArn)).status).toBe('SUCCEEDED');
    const silent = await waitingToken(arn, { case: 'silent' });
    const d = await t.finish(silent.executionArn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Timeout');
    await expect(
      t.sfn.send(new SendTaskSuccessCommand({ taskToken: silent.token, output: '1' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('invalidates the token of a stopped execution', async () => {
    const { StopExecutionCommand } = await import('@aws-sdk/client-sfn');
    const arn = await t.machine(machine());
    const { executionArn, token } = await waitingToken(arn, { case: 'stopped' });
    await t.sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'stopped by test' }));
    const d = await t.finish(executionArn);
    expect([d.status, d.error, d.cause]).toEqual(['ABORTED', 'Operator', 'stopped by test']);
    await expect(
      t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '1' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });
});
