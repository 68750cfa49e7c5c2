import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, testEngine } from './support/engine.js';

/**
 * Choice rules (https://states-language.net/spec.html#choice-state and
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html). One state machine holds a rule under
 * test as a two-way Choice and reports which way it went.
 */
function choiceMachine(rule: object): object {
  return {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  };
}

describe('Choice state', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine();
  });
  afterAll(() => t.close());

  const v = '$.v';
  const cases: Array<[string, object, unknown, 'yes' | 'no']> = [
    ['StringEquals', { Variable: v, StringEquals: 'a' }, { v: 'a' }, 'yes'],
    ['StringEquals on a number is false', { Variable: v, StringEquals: '1' }, { v: 1 }, 'no'],
    ['StringLessThan', { Variable: v, StringLessThan: 'b' }, { v: 'a' }, 'yes'],
    ['StringGreaterThan', { Variable: v, StringGreaterThan: 'b' }, { v: 'a' }, 'no'],
    ['StringLessThanEquals', { Variable: v, StringLessThanEquals: 'a' }, { v: 'a' }, 'yes'],
    ['StringGreaterThanEquals', { Variable: v, StringGreaterThanEquals: 'a' }, { v: 'b' }, 'yes'],
    ['StringMatches with *', { Variable: v, StringMatches: 'log-*.txt' }, { v: 'log-2024.txt' }, 'yes'],
    ['StringMatches with an escaped \\*', { Variable: v, StringMatches: 'a\\*b' }, { v: 'a*b' }, 'yes'],
    ['StringMatches escaped * is literal', { Variable: v, StringMatches: 'a\\*b' }, { v: 'axxb' }, 'no'],
    ['NumericEquals', { Variable: v, NumericEquals: 1.5 }, { v: 1.5 }, 'yes'],
    ['NumericLessThan', { Variable: v, NumericLessThan: 2 }, { v: 1 }, 'yes'],
    ['NumericGreaterThan', { Variable: v, NumericGreaterThan: 2 }, { v: 1 }, 'no'],
    ['NumericLessThanEquals', { Variable: v, NumericLessThanEquals: 1 }, { v: 1 }, 'yes'],
    ['NumericGreaterThanEquals', { Variable: v, NumericGreaterThanEquals: 1 }, { v: 0 }, 'no'],
    ['NumericEquals on a string is false', { Variable: v, NumericEquals: 1 }, { v: '1' }, 'no'],
    ['BooleanEquals', { Variable: v, BooleanEquals: false }, { v: false }, 'yes'],
    [
      'TimestampEquals across offsets',
      { Variable: v, TimestampEquals: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14T02:59:00+01:00' },
      'yes',
    ],
    [
      'TimestampLessThan',
      { Variable: v, TimestampLessThan: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14T01:58:59.999Z' },
      'yes',
    ],
    [
      'TimestampGreaterThan',
      { Variable: v, TimestampGreaterThan: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14T01:59:00.000000001Z' },
      'yes',
    ],
    [
      'TimestampLessThanEquals',
      { Variable: v, TimestampLessThanEquals: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14T01:59:00Z' },
      'yes',
    ],
    [
      'TimestampGreaterThanEquals',
      { Variable: v, TimestampGreaterThanEquals: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14T01:58:00Z' },
      'no',
    ],
    [
      'a lowercase t is not a timestamp',
      { Variable: v, TimestampEquals: '2016-03-14T01:59:00Z' },
      { v: '2016-03-14t01:59:00Z' },
      'no',
    ],
    ['StringEqualsPath', { Variable: v, StringEqualsPath: '$.w' }, { v: 'a', w: 'a' }, 'yes'],
    ['StringLessThanPath', { Variable: v, StringLessThanPath: '$.w' }, { v: 'a', w: 'b' }, 'yes'],
    ['StringGreaterThanPath', { Variable: v, StringGreaterThanPath: '$.w' }, { v: 'a', w: 'b' }, 'no'],
    ['StringLessThanEqualsPath', { Variable: v, StringLessThanEqualsPath: '$.w' }, { v: 'b', w: 'b' }, 'yes'],
    [
      'StringGreaterThanEqualsPath',
      { Variable: v, StringGreaterThanEqualsPath: '$.w' },
      { v: 'c', w: 'b' },
      'yes',
    ],
    ['NumericEqualsPath', { Variable: v, NumericEqualsPath: '$.w' }, { v: 3, w: 3 }, 'yes'],
    ['NumericLessThanPath', { Variable: v, NumericLessThanPath: '$.w' }, { v: 2, w: 3 }, 'yes'],
    ['NumericGreaterThanPath', { Variable: v, NumericGreaterThanPath: '$.w' }, { v: 2, w: 3 }, 'no'],
    ['NumericLessThanEqualsPath', { Variable: v, NumericLessThanEqualsPath: '$.w' }, { v: 3, w: 3 }, 'yes'],
    [
      'NumericGreaterThanEqualsPath',
      { Variable: v, NumericGreaterThanEqualsPath: '$.w' },
      { v: 4, w: 3 },
      'yes',
    ],
    ['BooleanEqualsPath', { Variable: v, BooleanEqualsPath: '$.w' }, { v: true, w: true }, 'yes'],
    [
      'TimestampEqualsPath',
      { Variable: v, TimestampEqualsPath: '$.w' },
      { v: '2020-01-01T00:00:00Z', w: '2020-01-01T00:00:00.000Z' },
      'yes',
    ],
    [
      'TimestampLessThanPath',
      { Variable: v, TimestampLessThanPath: '$.w' },
      { v: '2020-01-01T00:00:00Z', w: '2021-01-01T00:00:00Z' },
      'yes',
    ],
    [
      'TimestampGreaterThanPath',
      { Variable: v, TimestampGreaterThanPath: '$.w' },
      { v: '2020-01-01T00:00:00Z', w: '2021-01-01T00:00:00Z' },
      'no',
    ],
    [
      'TimestampLessThanEqualsPath',
      { Variable: v, TimestampLessThanEqualsPath: '$.w' },
      { v: '2021-01-01T00:00:00Z', w: '2021-01-01T00:00:00Z' },
      'yes',
    ],
    [
      'TimestampGreaterThanEqualsPath',
      { Variable: v, TimestampGreaterThanEqualsPath: '$.w' },
      { v: '2022-01-01T00:00:00Z', w: '2021-01-01T00:00:00Z' },
      'yes',
    ],
    ['IsNull', { Variable: v, IsNull: true }, { v: null }, 'yes'],
    ['IsNull false', { Variable: v, IsNull: false }, { v: null }, 'no'],
    ['IsPresent on a missing path', { Variable: '$.missing', IsPresent: false }, { v: 1 }, 'yes'],
    ['IsPresent true', { Variable: v, IsPresent: true }, { v: null }, 'yes'],
    ['IsNumeric', { Variable: v, IsNumeric: true }, { v: 1 }, 'yes'],
    ['IsString', { Variable: v, IsString: true }, { v: 1 }, 'no'],
    ['IsBoolean', { Variable: v, IsBoolean: true }, { v: false }, 'yes'],
    ['IsTimestamp', { Variable: v, IsTimestamp: true }, { v: '2016-03-14T01:59:00Z' }, 'yes'],
    ['IsTimestamp on a date only', { Variable: v, IsTimestamp: true }, { v: '2016-03-14' }, 'no'],
    [
      'And',
      {
        And: [
          { Variable: v, NumericGreaterThan: 1 },
          { Variable: v, NumericLessThan: 3 },
        ],
      },
      { v: 2 },
      'yes',
    ],
    [
      'Or',
      {
        Or: [
          { Variable: v, NumericEquals: 5 },
          { Variable: v, StringEquals: 'x' },
        ],
      },
      { v: 'x' },
      'yes',
    ],
    ['Not', { Not: { Variable: v, StringEquals: 'x' } }, { v: 'y' }, 'yes'],
    [
      'nested And/Not',
      { And: [{ Not: { Variable: v, IsNull: true } }, { Or: [{ Variable: v, BooleanEquals: true }] }] },
      { v: true },
      'yes',
    ],
    ['a context-object Variable', { Variable: '$$.State.Name', StringMatches: 'C*' }, {}, 'yes'],
  ];

  // All cases run as branches of one Parallel state (one definition to validate), each branch reading its own
  // input under `$.c<i>`.
  let results: unknown[] = [];
  beforeAll(async () => {
    const branches = cases.map(([, rule], i) => ({
      StartAt: `C${i}`,
      States: {
        [`C${i}`]: {
          Type: 'Choice',
          InputPath: `$.c${i}`,
          Choices: [{ ...rule, Next: `Yes${i}` }],
          Default: `No${i}`,
        },
        [`Yes${i}`]: { Type: 'Pass', Result: 'yes', End: true },
        [`No${i}`]: { Type: 'Pass', Result: 'no', End: true },
      },
    }));
    const input = Object.fromEntries(cases.map(([, , data], i) => [`c${i}`, data]));
    const d = await t.run(
      await t.machine({
        StartAt: 'All',
        States: { All: { Type: 'Parallel', Branches: branches, End: true } },
      }),
      input,
    );
    expect(d.cause ?? d.status).toBe('SUCCEEDED');
    results = output(d) as unknown[];
  });

  it.each(cases.map((c, i) => [c[0], i, c[3]] as const))('%s', (_name, i, expected) => {
    expect(results[i]).toBe(expected);
  });

  it('takes the first matching rule, in order', async () => {
    const arn = await t.machine({
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.v', NumericGreaterThan: 0, Next: 'First' },
            { Variable: '$.v', NumericGreaterThan: 1, Next: 'Second' },
          ],
        },
        First: { Type: 'Pass', Result: 1, End: true },
        Second: { Type: 'Pass', Result: 2, End: true },
      },
    });
    expect(output(await t.run(arn, { v: 5 }))).toBe(1);
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const noDefault = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.v', StringEquals: 'a', Next: 'Yes' }] },
        Yes: { Type: 'Succeed' },
      },
    };
    const d = await t.run(await t.machine(noDefault), { v: 'b' });
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.NoChoiceMatched');
  });

  it('fails with States.Runtime when the Variable matches nothing', async () => {
    const d = await t.run(await t.machine(choiceMachine({ Variable: '$.missing', StringEquals: 'a' })), {});
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Runtime');
    expect(d.cause).toContain(
      "Invalid path '$.missing': The choice state's condition path references an invalid value.",
    );
  });

  it('applies InputPath and OutputPath around the choice', async () => {
    const arn = await t.machine({
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          InputPath: '$.inner',
          OutputPath: '$.keep',
          Choices: [{ Variable: '$.v', IsPresent: true, Next: 'Done' }],
        },
        Done: { Type: 'Succeed' },
      },
    });
    expect(output(await t.run(arn, { inner: { v: 1, keep: { k: true } } }))).toEqual({ k: true });
  });
});
