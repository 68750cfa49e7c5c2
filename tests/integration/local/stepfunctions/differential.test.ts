import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, testEngine } from './support/engine.js';
import type { Generated } from './support/random-definitions.js';
import { generatedArb, handler } from './support/random-definitions.js';

/**
 * Differential tests against aws-local-stepfunctions (the peer; Node 20 needs the Promise.withResolvers polyfill
 * of tests/support/polyfills.ts, loaded by the vitest setup): random definitions within what the peer supports
 * must give the same status, output and error name. The differences we judge to be the peer's bugs are pinned by
 * the second block and listed in docs/engine.md with the AWS reference.
 */
type Outcome = { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error: string };

async function peer(
  definition: object,
  input: unknown,
  handlers: Record<string, (i: unknown) => unknown> = {},
): Promise<Outcome> {
  const sm = new StateMachine(definition as never, { validationOptions: { noValidate: true } });
  try {
    const local = Object.fromEntries(
      Object.entries(handlers).map(([k, f]) => [k, async (i: unknown) => f(i) as never]),
    );
    const result = await sm.run(input as never, { overrides: { taskResourceLocalHandlers: local } }).result;
    return { status: 'SUCCEEDED', output: result };
  } catch (e) {
    return { status: 'FAILED', error: (e as { cause?: { name?: string } }).cause?.name ?? 'unknown' };
  }
}

describe('differential: engine vs aws-local-stepfunctions', () => {
  let t: TestEngine;
  let n = 0;
  beforeAll(async () => {
    t = await testEngine({ handlers: { handler } });
  });
  afterAll(() => t.close());

  async function ours(definition: object, input: unknown): Promise<Outcome> {
    const arn = await t.machine(definition, `diff-${++n}`);
    const started = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }),
    );
    await t.engine.idle();
    const d = await t.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    return d.status === 'SUCCEEDED'
      ? { status: 'SUCCEEDED', output: output(d) }
      : { status: 'FAILED', error: d.error ?? '' };
  }

  it('agrees on random definitions', async () => {
    await fc.assert(
      fc.asyncProperty(generatedArb, async (g: Generated) => {
        const taskStates = Object.entries(g.definition.States).filter(
          ([, s]) => (s as { Type: string }).Type === 'Task',
        );
        const handlers = Object.fromEntries(taskStates.map(([name]) => [name, (i: unknown) => handler(i)]));
        const expected = await peer(g.definition, g.input, handlers);
        const actual = await ours(g.definition, g.input);
        expect(actual).toEqual(expected);
      }),
      { numRuns: Number(process.env.SFN_DIFF_RUNS ?? 60) },
    );
  });

  describe('known differences (the peer deviates from AWS)', () => {
    it('States.JsonMerge must not mutate its first argument (the peer writes the merge into it)', async () => {
      // https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate
      const def = {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Parameters: { 'm.$': 'States.JsonMerge($.a, $.b, false)', 'a.$': '$.a' },
            End: true,
          },
        },
      };
      const input = { a: { x: 1 }, b: { y: 2 } };
      expect(await ours(def, input)).toEqual({
        status: 'SUCCEEDED',
        output: { m: { x: 1, y: 2 }, a: { x: 1 } },
      });
      expect(await peer(def, input)).toEqual({
        status: 'SUCCEEDED',
        output: { m: { x: 1, y: 2 }, a: { x: 1, y: 2 } },
      });
    });

    it('IsPresent: false matches a missing path (the peer does not)', async () => {
      // https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html (IsPresent)
      const def = {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.missing', IsPresent: false, Next: 'Absent' }],
            Default: 'Present',
          },
          Absent: { Type: 'Pass', Result: 'absent', End: true },
          Present: { Type: 'Pass', Result: 'present', End: true },
        },
      };
      expect(await ours(def, {})).toEqual({ status: 'SUCCEEDED', output: 'absent' });
      expect(await peer(def, {})).not.toEqual({ status: 'SUCCEEDED', output: 'absent' });
    });

    it('a Pass state with a falsy Result (0) outputs it (the peer passes its input through instead)', async () => {
      // https://states-language.net/spec.html#pass-state: Result is the output of a virtual task, whatever its value.
      const def = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 0, ResultPath: '$.r', End: true } } };
      expect(await ours(def, { a: 1 })).toEqual({ status: 'SUCCEEDED', output: { a: 1, r: 0 } });
      expect(await peer(def, { a: 1 })).toEqual({ status: 'SUCCEEDED', output: { a: 1, r: { a: 1 } } });
    });

    it('States.StringSplit splits on each character of its second argument (the peer splits on the whole string)', async () => {
      // https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-string-operation
      const def = {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Parameters: { 's.$': "States.StringSplit('This.is+a,test=string', '.+,=')" },
            End: true,
          },
        },
      };
      expect(await ours(def, {})).toEqual({
        status: 'SUCCEEDED',
        output: { s: ['This', 'is', 'a', 'test', 'string'] },
      });
      expect(await peer(def, {})).toEqual({ status: 'SUCCEEDED', output: { s: ['This.is+a,test=string'] } });
    });

    it('$$.Task.Token is available to a callback task (the peer has no task tokens)', async () => {
      // https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
      const def = {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Parameters: { 't.$': '$$.Task.Token' }, End: true } },
      };
      expect((await peer(def, {})).status).toBe('FAILED');
      // In a Pass state AWS has no token either; ours fails the same way (the token exists only in callback tasks).
      expect(await ours(def, {})).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    });
  });
});
