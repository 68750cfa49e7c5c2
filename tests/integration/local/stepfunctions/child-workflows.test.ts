import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, single, testEngine } from './support/engine.js';

/**
 * Nested workflows through `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`,
 * `.waitForTaskToken`): https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html.
 * `.sync:2` returns the child's DescribeExecution response with Input and Output as JSON; `.sync` as text.
 */
describe('child workflows', () => {
  let t: TestEngine;
  let child: string;
  let failing: string;
  let waiter: string;
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await testEngine({ handlers: { collect: (p) => void tokens.push((p as { token: string }).token) } });
    child = await t.machine(
      single({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' } }),
      'child',
    );
    failing = await t.machine(
      { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'ChildError', Cause: 'child failed' } } },
      'failing-child',
    );
    waiter = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'collect', Payload: { 'token.$': '$.token' } },
        OutputPath: '$.Payload',
      }),
      'token-child',
    );
  });
  afterAll(() => t.close());

  const parent = (resource: string, params: object, extra: object = {}): object =>
    single({ Type: 'Task', Resource: `arn:aws:states:::states:${resource}`, Parameters: params, ...extra });

  it('starts a child and returns its ARN (request-response)', async () => {
    const arn = await t.machine(
      parent('startExecution', { StateMachineArn: child, Input: { n: 1 }, Name: 'child-rr' }),
    );
    const o = output(await t.run(arn, {})) as Record<string, unknown>;
    expect(o.ExecutionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:child:child-rr');
    expect(typeof o.StartDate).toBe('number');
  });

  it('.sync:2 waits for the child and returns its DescribeExecution with JSON Input and Output', async () => {
    const arn = await t.machine(
      parent('startExecution.sync:2', { StateMachineArn: child, 'Input.$': '$', Name: 'child-sync2' }),
    );
    const d = await t.run(arn, { n: 21 });
    const o = output(d) as Record<string, unknown>;
    expect(o).toMatchObject({
      ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:child:child-sync2',
      Input: { n: 21 },
      Output: { doubled: 42 },
      Status: 'SUCCEEDED',
      StateMachineArn: child,
      Name: 'child-sync2',
    });
    expect(Object.keys(o)).toEqual([...Object.keys(o)].sort());
    const types = (await t.history(d.executionArn as string)).map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('.sync returns Input and Output as JSON text', async () => {
    const arn = await t.machine(parent('startExecution.sync', { StateMachineArn: child, Input: { n: 2 } }));
    const o = output(await t.run(arn, {})) as Record<string, unknown>;
    expect(o.Output).toBe('{"doubled":4}');
    expect(o.Input).toBe('{"n":2}');
  });

  it('fails the parent task with States.TaskFailed when the child fails, the envelope as cause', async () => {
    const arn = await t.machine(parent('startExecution.sync:2', { StateMachineArn: failing }));
    const d = await t.run(arn, {});
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.TaskFailed');
    expect(JSON.parse(d.cause as string)).toMatchObject({
      Status: 'FAILED',
      Error: 'ChildError',
      Cause: 'child failed',
    });
  });

  it('.waitForTaskToken waits until the child (or anyone) sends the token back', async () => {
    const arn = await t.machine(
      parent('startExecution.waitForTaskToken', {
        StateMachineArn: waiter,
        Input: { 'token.$': '$$.Task.Token' },
      }),
    );
    const d = await t.run(arn, {}, { settle: true });
    expect(d.status).toBe('RUNNING');
    await t.sfn.send(
      new SendTaskSuccessCommand({
        taskToken: tokens[tokens.length - 1] as string,
        output: '{"from":"child"}',
      }),
    );
    expect(output(await t.finish(d.executionArn as string))).toEqual({ from: 'child' });
  });

  it('fails with StepFunctions.StateMachineDoesNotExistException for an unknown child', async () => {
    const arn = await t.machine(
      parent('startExecution.sync:2', {
        StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope',
      }),
    );
    const d = await t.run(arn, {});
    expect(d.error).toBe('StepFunctions.StateMachineDoesNotExistException');
  });

  it('stops a .sync child when the parent is stopped', async () => {
    const { StopExecutionCommand, DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
    const slow = await t.machine(single({ Type: 'Wait', Seconds: 3600 }), 'slow-child');
    const arn = await t.machine(parent('startExecution.sync:2', { StateMachineArn: slow, Name: 'slow-1' }));
    const d = await t.run(arn, {}, { settle: true });
    await t.sfn.send(new StopExecutionCommand({ executionArn: d.executionArn }));
    await t.engine.idle();
    const c = await t.sfn.send(
      new DescribeExecutionCommand({
        executionArn: 'arn:aws:states:us-east-1:123456789012:execution:slow-child:slow-1',
      }),
    );
    expect(c.status).toBe('ABORTED');
  });
});
