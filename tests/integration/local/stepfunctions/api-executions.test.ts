import {
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { ROLE, single, testEngine } from './support/engine.js';

/**
 * Execution actions: StartExecution idempotency (same name and input while RUNNING → same execution; different
 * input or a closed execution → ExecutionAlreadyExists, per the StartExecution API reference), describe, list,
 * history, stop, and the status-change notifications.
 */
describe('execution API', () => {
  let t: TestEngine;
  let waiting: string;
  let quick: string;
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await testEngine({ handlers: { hold: (p) => void tokens.push((p as { t: string }).t) } });
    waiting = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'hold', Payload: { 't.$': '$$.Task.Token' } },
      }),
      'waiting',
    );
    quick = await t.machine(
      { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
      'quick',
    );
  });
  afterAll(() => t.close());

  it('returns the same execution for the same name and input while it runs', async () => {
    const a = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waiting, name: 'same', input: '{"a":1}' }),
    );
    const b = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waiting, name: 'same', input: '{"a":1}' }),
    );
    expect(b.executionArn).toBe(a.executionArn);
    expect(b.startDate?.getTime()).toBe(a.startDate?.getTime());
    await expect(
      t.sfn.send(new StartExecutionCommand({ stateMachineArn: waiting, name: 'same', input: '{"a":2}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await t.engine.idle();
    await t.sfn.send(
      new SendTaskSuccessCommand({ taskToken: tokens[tokens.length - 1] as string, output: '{}' }),
    );
    await t.finish(a.executionArn as string);
    await expect(
      t.sfn.send(new StartExecutionCommand({ stateMachineArn: waiting, name: 'same', input: '{"a":1}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('rejects input that is not JSON and unknown executions', async () => {
    await expect(
      t.sfn.send(new StartExecutionCommand({ stateMachineArn: quick, input: '{x' })),
    ).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(
      t.sfn.send(
        new StopExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:quick:nope',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      t.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:quick:nope',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('describes the state machine an execution ran, even after an update', async () => {
    const d = await t.run(quick, {});
    const sm = await t.sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: d.executionArn }),
    );
    expect(sm).toMatchObject({ stateMachineArn: quick, name: 'quick', roleArn: ROLE });
    expect(JSON.parse(sm.definition as string).StartAt).toBe('A');
  });

  it('lists executions newest first, filtered by status, paginated', async () => {
    const arn = await t.machine(single({ Type: 'Pass' }), 'listed');
    const started: string[] = [];
    for (let i = 0; i < 5; i++)
      started.push((await t.run(arn, { i }, { name: `run-${i}` })).executionArn as string);
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: arn,
          maxResults: 2,
          statusFilter: 'SUCCEEDED',
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      names.push(...(page.executions ?? []).map((e) => e.name as string));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    const running = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions).toEqual([]);
  });

  it('pages history in order and in reverse, with or without execution data', async () => {
    const arn = await t.machine({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Pass', End: true },
      },
    });
    const d = await t.run(arn, { secret: 1 });
    const ids: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: d.executionArn,
          maxResults: 3,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      ids.push(...(page.events ?? []).map((e) => e.id as number));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const reversed: number[] = [];
    do {
      const page = await t.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: d.executionArn,
          maxResults: 3,
          reverseOrder: true,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      reversed.push(...(page.events ?? []).map((e) => e.id as number));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(reversed).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const lean = await t.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: d.executionArn, includeExecutionData: false }),
    );
    expect(lean.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
    expect(lean.events?.[0]?.executionStartedEventDetails?.roleArn).toBe(ROLE);
    const full = await t.sfn.send(new GetExecutionHistoryCommand({ executionArn: d.executionArn }));
    expect(full.events?.[0]?.executionStartedEventDetails?.input).toBe('{"secret":1}');
    expect(full.events?.[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('stops a running execution with an error and cause', async () => {
    const started = await t.sfn.send(new StartExecutionCommand({ stateMachineArn: waiting, input: '{}' }));
    await t.engine.idle();
    const stopped = await t.sfn.send(
      new StopExecutionCommand({ executionArn: started.executionArn, error: 'Cancelled', cause: 'by user' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await t.finish(started.executionArn as string);
    expect([d.status, d.error, d.cause]).toEqual(['ABORTED', 'Cancelled', 'by user']);
    const events = await t.history(started.executionArn as string);
    expect(events[events.length - 1]?.type).toBe('ExecutionAborted');
  });

  it('notifies status changes when executions start and end', async () => {
    const d = await t.run(quick, { n: 1 }, { name: 'notified' });
    await t.engine.idle();
    const mine = t.statusChanges.filter((c) => c.executionArn === d.executionArn);
    expect(mine.map((c) => c.status)).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(mine[1]).toMatchObject({
      name: 'notified',
      stateMachineArn: quick,
      input: '{"n":1}',
      output: '{"n":1}',
      error: null,
    });
  });
});
