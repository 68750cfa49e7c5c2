import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../../local/stepfunctions/index.js';
import type { TestEngine } from './support/engine.js';
import { output, testEngine } from './support/engine.js';

/** Wait (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html), on a virtual clock. */
describe('Wait state', () => {
  let t: TestEngine;
  const clock = createVirtualClock();
  beforeAll(async () => {
    t = await testEngine({ clock });
  });
  afterAll(() => t.close());

  function waitMachine(wait: object): object {
    return {
      StartAt: 'W',
      States: { W: { Type: 'Wait', ...wait, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
    };
  }

  async function waited(wait: object, input: unknown): Promise<number> {
    const d = await t.run(await t.machine(waitMachine(wait)), input);
    expect(d.status).toBe('SUCCEEDED');
    const events = await t.history(d.executionArn as string);
    const entered = events.find((e) => e.type === 'WaitStateEntered');
    const exited = events.find((e) => e.type === 'WaitStateExited');
    return (exited?.timestamp as Date).getTime() - (entered?.timestamp as Date).getTime();
  }

  it('waits Seconds', async () => {
    expect(await waited({ Seconds: 3600 }, {})).toBe(3_600_000);
  });

  it('waits SecondsPath', async () => {
    expect(await waited({ SecondsPath: '$.s' }, { s: 90 })).toBe(90_000);
  });

  it('waits until Timestamp, and not at all for a past one', async () => {
    const future = new Date(clock.now() + 86_400_000).toISOString();
    expect(await waited({ Timestamp: future }, {})).toBe(86_400_000);
    expect(await waited({ Timestamp: '2016-03-14T01:59:00Z' }, {})).toBe(0);
  });

  it('waits until TimestampPath', async () => {
    const future = new Date(clock.now() + 7_200_000).toISOString();
    expect(await waited({ TimestampPath: '$.until' }, { until: future })).toBe(7_200_000);
  });

  it('passes its input through InputPath and OutputPath', async () => {
    const arn = await t.machine({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 1, InputPath: '$.a', OutputPath: '$.b', End: true } },
    });
    expect(output(await t.run(arn, { a: { b: 2 } }))).toBe(2);
  });

  it('fails with States.Runtime for a negative SecondsPath or a bad TimestampPath', async () => {
    const neg = await t.run(await t.machine(waitMachine({ SecondsPath: '$.s' })), { s: -1 });
    expect(neg.error).toBe('States.Runtime');
    const bad = await t.run(await t.machine(waitMachine({ TimestampPath: '$.t' })), { t: 'tomorrow' });
    expect(bad.error).toBe('States.Runtime');
  });
});

describe('Wait state on the real clock', () => {
  it('resumes after the wait without polling', async () => {
    const t = await testEngine();
    try {
      const arn = await t.machine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } });
      const started = Date.now();
      const d = await t.run(arn, { x: 1 });
      expect(d.status).toBe('SUCCEEDED');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await t.close();
    }
  });
});
