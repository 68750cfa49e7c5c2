import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../../local/stepfunctions/index.js';
import type { TestEngine } from './support/engine.js';
import { FunctionError, output, testEngine } from './support/engine.js';

/**
 * QueryLanguage JSONata: Arguments, Output, Assign and workflow variables, `$states.input/result/errorOutput/
 * context`, Condition, Items/ItemSelector, expressions in Wait, Fail and timeouts.
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
describe('JSONata query language', () => {
  let t: TestEngine;
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await testEngine({
      clock: createVirtualClock(),
      handlers: {
        price: (p) => ({ current_price: (p as { product: string }).product === 'apple' ? 3 : 5 }),
        broken: () => {
          throw new FunctionError('OutOfStock', 'none left');
        },
        callback: (p) => void tokens.push((p as { token: string }).token),
      },
    });
  });
  afterAll(() => t.close());

  const J = { QueryLanguage: 'JSONata' as const };

  it('computes Output from $states.input and keeps variables from Assign for later states', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'Remember',
      States: {
        Remember: {
          Type: 'Pass',
          Assign: { customer: '{% $states.input.name %}', count: 42 },
          Output: { static: 'Hello', title: '{% $states.input.title %}' },
          Next: 'Use',
        },
        Use: {
          Type: 'Pass',
          Output: '{% $states.input.static & " " & $customer & " (" & $string($count) & ")" %}',
          End: true,
        },
      },
    });
    expect(output(await t.run(arn, { name: 'Ada', title: 'Dr' }))).toBe('Hello Ada (42)');
  });

  it('evaluates Assign against the variables as they were when the state was entered', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}', y: '{% $x %}' }, Output: '{% [$x] %}', Next: 'C' },
        C: { Type: 'Pass', Output: '{% [$x, $y] %}', End: true },
      },
    });
    expect(output(await t.run(arn, {}))).toEqual([2, 1]);
  });

  it('runs a Task with Arguments, then Output and Assign from $states.result', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'Price',
      States: {
        Price: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'price', Payload: { product: '{% $states.input.product %}' } },
          Assign: { price: '{% $states.result.Payload.current_price %}' },
          Output: { product: '{% $states.input.product %}', code: '{% $states.result.StatusCode %}' },
          Next: 'Total',
        },
        Total: { Type: 'Pass', Output: '{% $states.input ~> |$|{"total": $price * 2}| %}', End: true },
      },
    });
    expect(output(await t.run(arn, { product: 'apple' }))).toEqual({ product: 'apple', code: 200, total: 6 });
  });

  it('catches with $states.errorOutput, and States.TaskFailed does not catch a query error', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'Buy',
      States: {
        Buy: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'broken' },
          Catch: [
            {
              ErrorEquals: ['OutOfStock'],
              Output: { reason: '{% $states.errorOutput.Error %}' },
              Assign: { failed: true },
              Next: 'Report',
            },
          ],
          End: true,
        },
        Report: { Type: 'Pass', Output: '{% $merge([$states.input, {"failed": $failed}]) %}', End: true },
      },
    });
    expect(output(await t.run(arn, {}))).toEqual({ reason: 'OutOfStock', failed: true });
    const query = await t.machine({
      ...J,
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'price', Payload: '{% $error("bad") %}' },
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
            { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput.Error %}', Next: 'Right' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'wrong' },
        Right: { Type: 'Succeed' },
      },
    });
    expect(output(await t.run(query, {}))).toBe('States.QueryEvaluationError');
  });

  it('chooses with Condition, applying the rule Output, and falls back to Default', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > 10 %}', Output: { size: 'big' }, Next: 'Done' }],
          Default: 'Small',
          Output: { size: 'small' },
        },
        Small: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
      },
    });
    expect(output(await t.run(arn, { n: 11 }))).toEqual({ size: 'big' });
    expect(output(await t.run(arn, { n: 1 }))).toEqual({ size: 'small' });
  });

  it('maps Items with ItemSelector and $states.context.Map.Item, and runs Parallel with Arguments', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.orders %}',
          ItemSelector: {
            id: '{% $states.context.Map.Item.Value.id %}',
            index: '{% $states.context.Map.Item.Index %}',
          },
          ItemProcessor: {
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Pass',
                Output: '{% $states.input.id & "#" & $string($states.input.index) %}',
                End: true,
              },
            },
          },
          Output: { labels: '{% $states.result %}' },
          Next: 'P',
        },
        P: {
          Type: 'Parallel',
          Arguments: { n: '{% $count($states.input.labels) %}' },
          Branches: [
            {
              StartAt: 'B1',
              States: { B1: { Type: 'Pass', Output: '{% $states.input.n * 10 %}', End: true } },
            },
            {
              StartAt: 'B2',
              States: { B2: { Type: 'Pass', Output: '{% $partition([1,2,3], 2) %}', End: true } },
            },
          ],
          End: true,
        },
      },
    });
    expect(output(await t.run(arn, { orders: [{ id: 'a' }, { id: 'b' }] }))).toEqual([20, [[1, 2], [3]]]);
  });

  it('evaluates Wait Seconds, Fail Error/Cause and the Step Functions functions', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'F' },
        F: {
          Type: 'Fail',
          Error: '{% "E" & $string($states.input.delay) %}',
          Cause: '{% $hash("abc", "MD5") & " " & $string($count($range(1, 9, 2))) %}',
        },
      },
    });
    const d = await t.run(arn, { delay: 30 });
    expect([d.error, d.cause]).toEqual(['E30', '900150983cd24fb0d6963f7d28e17f72 5']);
    expect((d.stopDate as Date).getTime() - (d.startDate as Date).getTime()).toBe(30_000);
  });

  it('hands $states.context.Task.Token to a callback task', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: 'callback', Payload: { token: '{% $states.context.Task.Token %}' } },
          Output: { answer: '{% $states.result %}' },
          End: true,
        },
      },
    });
    const d = await t.run(arn, {}, { settle: true });
    await t.sfn.send(
      new SendTaskSuccessCommand({ taskToken: tokens[tokens.length - 1] as string, output: '"yes"' }),
    );
    expect(output(await t.finish(d.executionArn as string))).toEqual({ answer: 'yes' });
  });

  it('mixes languages: a JSONPath state inside a JSONata machine', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: { v: '{% 1 + 1 %}' }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: { 'w.$': '$.v' }, End: true },
      },
    });
    expect(output(await t.run(arn, {}))).toEqual({ w: 2 });
  });

  it('fails with States.QueryEvaluationError on a bad expression result', async () => {
    const arn = await t.machine({
      ...J,
      StartAt: 'A',
      States: { A: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } },
    });
    const d = await t.run(arn, {});
    expect(d.error).toBe('States.QueryEvaluationError');
  });
});
