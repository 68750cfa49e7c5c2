/**
 * A durable execution that only waits — on a task token, with the human step's TimeoutSeconds armed as a timer —
 * is in the store, not in memory: the engine keeps its ARN and the timer's due time, not its record. cpflow's
 * workflows give every human step a timeout (docs/authoring.md), so a programme's thousands of open cases each wait
 * this way for days. A record kept by its timer held the whole state, form data included: ~36 KB of heap for each
 * of 5,000 executions waiting with 10 KB of input (docs/decisions.md D29).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { createVirtualClock, startEngine } from '../../../../local/stepfunctions/index.js';
import { ExecutionManager } from '../../../../local/stepfunctions/runtime/manager.js';
import type { ExecRecord } from '../../../../local/stepfunctions/runtime/types.js';
import { ROLE } from './support/engine.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('an execution waiting on a token with its timeout armed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-waiting-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not held in memory while it waits, and its timeout still fires', async () => {
    // each record the engine arms timers for, observed without holding it
    const records: WeakRef<ExecRecord>[] = [];
    const syncTimers = Object.getOwnPropertyDescriptor(ExecutionManager.prototype, 'syncTimers')!;
    ExecutionManager.prototype.syncTimers = function (this: ExecutionManager, x: ExecRecord) {
      records.push(new WeakRef(x));
      return (syncTimers.value as (x: ExecRecord) => void).call(this, x);
    };
    const tokens: string[] = [];
    // Time moves only when the test says so: the virtual clock's timers, behind a plain clock, so that the engine
    // does not jump to them itself whenever it is idle (the timeouts would fire, and let go of their records).
    const time = createVirtualClock(Date.parse('2026-01-05T09:00:00Z'));
    const engine = await startEngine({
      port: 0,
      dataDir: dir,
      clock: { now: () => time.now(), schedule: (at, fn) => time.schedule(at, fn) },
      invoke: async (_fn, payload) => {
        tokens.push((payload as { token: string }).token);
        return { payload: null };
      },
    });
    try {
      const { stateMachineArn } = (await engine.call('CreateStateMachine', {
        name: 'human-step',
        definition: JSON.stringify({
          StartAt: 'Fill',
          States: {
            Fill: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: 'cp-open-task', Payload: { 'token.$': '$$.Task.Token' } },
              TimeoutSeconds: 864000,
              End: true,
            },
          },
        }),
        roleArn: ROLE,
      })) as { stateMachineArn: string };
      const data = { title: 'x'.repeat(10_000) };
      for (let i = 0; i < 20; i++)
        await engine.call('StartExecution', {
          stateMachineArn,
          name: `case-${i}`,
          input: JSON.stringify({ data }),
        });
      while (tokens.length < 20) await new Promise((r) => setTimeout(r, 5));
      // every step opened, its timeout armed; nothing else to do
      while (time.pending() < 1) await new Promise((r) => setTimeout(r, 5));
      expect(records.length).toBeGreaterThanOrEqual(20);
      // The engine may still be recording each invocation's outcome (an async LevelDB write), holding the execution
      // meanwhile; once it is done, nothing may hold a record. A WeakRef's target is kept to the end of the turn that
      // read it, so each check collects on a later turn. Held by their timers, the records never go.
      await engine.idle();
      let held = records.length;
      for (let i = 0; i < 100 && held > 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        gc();
        await new Promise((r) => setImmediate(r));
        held = records.filter((r) => r.deref() !== undefined).length;
      }
      expect(held).toBe(0);
      // ten days later, each step has timed out: the timers, holding ARNs only, still find their executions
      while (time.runNext()) await engine.idle();
      for (let i = 0; i < 20; i++) {
        const x = (await engine.call('DescribeExecution', {
          executionArn: stateMachineArn.replace(':stateMachine:', ':execution:') + `:case-${i}`,
        })) as { status: string; error?: string };
        expect(x).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      }
    } finally {
      Object.defineProperty(ExecutionManager.prototype, 'syncTimers', syncTimers);
      await engine.close();
    }
  });
});
