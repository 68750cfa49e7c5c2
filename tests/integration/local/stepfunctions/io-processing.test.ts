import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, single, testEngine } from './support/engine.js';

/**
 * Input and output processing (JSONPath), driven through the API. Expected values are those of the developer
 * guide: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-example.html
 */
describe('input and output processing', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine({
      handlers: { HelloFunction: (p) => `Hello, ${(p as { who: string }).who}!`, echo: (p) => p },
    });
  });
  afterAll(() => t.close());

  it('applies InputPath, ResultPath and OutputPath as in the guide example', async () => {
    // input-output-example.html: the Lambda result lands at $.data.lambdaresult and OutputPath keeps $.data.
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction',
        InputPath: '$.lambda',
        ResultPath: '$.data.lambdaresult',
        OutputPath: '$.data',
      }),
    );
    const d = await t.run(arn, {
      comment: 'An input comment.',
      data: { val1: 23, val2: 17 },
      extra: 'foo',
      lambda: { who: 'AWS Step Functions' },
    });
    expect(output(d)).toEqual({ val1: 23, val2: 17, lambdaresult: 'Hello, AWS Step Functions!' });
  });

  it('gives {} for a null InputPath and a null OutputPath, and keeps the input for a null ResultPath', async () => {
    const inNull = await t.run(
      await t.machine(single({ Type: 'Pass', InputPath: null, ResultPath: '$.seen' })),
      { a: 1 },
    );
    expect(output(inNull)).toEqual({ a: 1, seen: {} });
    const outNull = await t.run(await t.machine(single({ Type: 'Pass', OutputPath: null })), { a: 1 });
    expect(output(outNull)).toEqual({});
    const resNull = await t.run(await t.machine(single({ Type: 'Pass', Result: 'x', ResultPath: null })), {
      a: 1,
    });
    expect(output(resNull)).toEqual({ a: 1 });
  });

  it('builds Parameters with static values, .$ paths, the context object and intrinsics', async () => {
    const arn = await t.machine(
      single({
        Type: 'Pass',
        Parameters: {
          fixed: 'v',
          nested: { 'who.$': '$.who', list: [{ 'n.$': '$.n' }] },
          'name.$': '$$.Execution.Name',
          'state.$': '$$.State.Name',
          'greeting.$': "States.Format('Hi {}', $.who)",
        },
      }),
    );
    const d = await t.run(arn, { who: 'Ada', n: 3 }, { name: 'params-exec' });
    expect(output(d)).toEqual({
      fixed: 'v',
      nested: { who: 'Ada', list: [{ n: 3 }] },
      name: 'params-exec',
      state: 'S',
      greeting: 'Hi Ada',
    });
  });

  it('applies ResultSelector before ResultPath', async () => {
    const arn = await t.machine(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
        ResultSelector: { 'value.$': '$.Payload.v', 'code.$': '$.StatusCode' },
        ResultPath: '$.result',
      }),
    );
    expect(output(await t.run(arn, { v: 7 }))).toEqual({ v: 7, result: { value: 7, code: 200 } });
  });

  it('exposes the context object fields', async () => {
    const arn = await t.machine(
      single({
        Type: 'Pass',
        Parameters: {
          'id.$': '$$.Execution.Id',
          'input.$': '$$.Execution.Input',
          'start.$': '$$.Execution.StartTime',
          'role.$': '$$.Execution.RoleArn',
          'entered.$': '$$.State.EnteredTime',
          'retry.$': '$$.State.RetryCount',
          'sm.$': '$$.StateMachine.Id',
          'smName.$': '$$.StateMachine.Name',
        },
      }),
      'context-sm',
    );
    const d = await t.run(arn, { k: 1 }, { name: 'ctx' });
    const o = output(d) as Record<string, unknown>;
    expect(o.id).toBe(d.executionArn);
    expect(o.input).toEqual({ k: 1 });
    expect(o.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(o.role).toBe('arn:aws:iam::123456789012:role/StepFunctionsRole');
    expect(o.entered).toMatch(/Z$/);
    expect(o.retry).toBe(0);
    expect(o.sm).toBe(arn);
    expect(o.smName).toBe('context-sm');
  });

  it('fails with States.Runtime when a path matches nothing, naming the state and the field', async () => {
    const d = await t.run(await t.machine(single({ Type: 'Pass', Parameters: { 'x.$': '$.missing' } })), {});
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Runtime');
    expect(d.cause).toContain("An error occurred while executing the state 'S'");
    expect(d.cause).toContain(
      "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'",
    );
    const inputPath = await t.run(await t.machine(single({ Type: 'Pass', InputPath: '$.nope' })), {});
    expect(inputPath.error).toBe('States.Runtime');
  });

  it('returns arrays for indefinite paths (wildcards, filters) and supports bracket notation', async () => {
    const arn = await t.machine(
      single({
        Type: 'Pass',
        Parameters: {
          'all.$': '$.items[*].id',
          'big.$': '$.items[?(@.n > 1)].id',
          'spaced.$': "$['a b']",
          'first.$': '$.items[0].id',
        },
      }),
    );
    const d = await t.run(arn, {
      items: [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ],
      'a b': true,
    });
    expect(output(d)).toEqual({ all: ['a', 'b'], big: ['b'], spaced: true, first: 'a' });
  });

  it('creates intermediate objects for a deep ResultPath and fails with ResultPathMatchFailure into a non-object', async () => {
    const deep = await t.run(await t.machine(single({ Type: 'Pass', Result: 1, ResultPath: '$.a.b.c' })), {
      x: 0,
    });
    expect(output(deep)).toEqual({ x: 0, a: { b: { c: 1 } } });
    const bad = await t.run(await t.machine(single({ Type: 'Pass', Result: 1, ResultPath: '$.x.y' })), {
      x: 'str',
    });
    expect(bad.status).toBe('FAILED');
    expect(bad.error).toBe('States.ResultPathMatchFailure');
  });

  it('fails with States.DataLimitExceeded when a state output exceeds 256 KiB', async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (payload size 256 KiB)
    const arn = await t.machine(
      single({ Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, ResultPath: '$.copy' }),
    );
    const d = await t.run(arn, { s: 'x'.repeat(90_000) });
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.DataLimitExceeded');
  });
});
