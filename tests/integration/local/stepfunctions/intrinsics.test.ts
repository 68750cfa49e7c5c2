import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { output, single, testEngine } from './support/engine.js';

/**
 * Every intrinsic function, through a Pass state. Inputs and expected results are the examples of
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
describe('intrinsic functions', () => {
  let t: TestEngine;
  let arn: string;
  beforeAll(async () => {
    t = await testEngine();
    arn = await t.machine(
      single({
        Type: 'Pass',
        Parameters: {
          'format1.$': "States.Format('Hello, my name is {}.', $.name)",
          'format2.$': 'States.Format($.template, $.name)',
          'formatEscaped.$': "States.Format('\\{\\} {} it\\'s', $.name)",
          'stringToJson.$': 'States.StringToJson($.escapedJsonString)',
          'jsonToString.$': 'States.JsonToString($.unescapedJson)',
          'array.$': 'States.Array($.Id)',
          'partition.$': 'States.ArrayPartition($.inputArray, 4)',
          'contains.$': 'States.ArrayContains($.inputArray, $.lookingFor)',
          'range.$': 'States.ArrayRange(1, 9, 2)',
          'item.$': 'States.ArrayGetItem($.inputArray, $.index)',
          'length.$': 'States.ArrayLength($.inputArray)',
          'unique.$': 'States.ArrayUnique($.dupes)',
          'base64.$': 'States.Base64Encode($.input)',
          'decoded.$': 'States.Base64Decode($.base64)',
          'hash.$': 'States.Hash($.Data, $.Algorithm)',
          'merged.$': 'States.JsonMerge($.json1, $.json2, false)',
          'random.$': 'States.MathRandom($.start, $.end)',
          'seeded.$': 'States.MathRandom(1, 1000, 42)',
          'add.$': 'States.MathAdd($.value1, $.step)',
          'split1.$': 'States.StringSplit($.inputString, $.splitter)',
          'split2.$': "States.StringSplit('This.is+a,test=string', '.+,=')",
          'uuid.$': 'States.UUID()',
          'nested.$':
            "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 1), '.'), 0)",
        },
      }),
    );
  });
  afterAll(() => t.close());

  const input = {
    name: 'Arnav',
    template: 'Hello, my name is {}.',
    escapedJsonString: '{"foo": "bar"}',
    unescapedJson: { foo: 'bar' },
    Id: 123456,
    inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    lookingFor: 5,
    index: 5,
    dupes: [1, 2, 3, 3, 3, 3, 3, 3, 4],
    input: 'Data to encode',
    base64: 'RGF0YSB0byBlbmNvZGU=',
    Data: 'input data',
    Algorithm: 'SHA-1',
    json1: { a: { a1: 1, a2: 2 }, b: 2 },
    json2: { a: { a3: 1, a4: 2 }, c: 3 },
    start: 1,
    end: 999,
    value1: 111,
    step: -1,
    inputString: '1,2,3,4,5',
    splitter: ',',
    arn: 'arn:aws:imagebuilder:us-east-1:1:image-recipe/my.recipe/1.0.0',
  };

  it('computes the documented results', async () => {
    const d = await t.run(arn, input);
    const o = output(d) as Record<string, unknown>;
    expect(o.format1).toBe('Hello, my name is Arnav.');
    expect(o.format2).toBe('Hello, my name is Arnav.');
    expect(o.formatEscaped).toBe("{} Arnav it's");
    expect(o.stringToJson).toEqual({ foo: 'bar' });
    expect(o.jsonToString).toBe('{"foo":"bar"}');
    expect(o.array).toEqual([123456]);
    expect(o.partition).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(o.contains).toBe(true);
    expect(o.range).toEqual([1, 3, 5, 7, 9]);
    expect(o.item).toBe(6);
    expect(o.length).toBe(9);
    expect(o.unique).toEqual([1, 2, 3, 4]);
    expect(o.base64).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(o.decoded).toBe('Data to encode');
    // The guide prints 'aaff4a450a104cd177d28d18d7485e8cae074b7', 39 hex digits: a digit is missing from the
    // page. This is SHA-1('input data') in full (`printf 'input data' | sha1sum`).
    expect(o.hash).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(o.merged).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
    expect(o.random).toBeGreaterThanOrEqual(1);
    expect(o.random).toBeLessThan(999);
    expect(o.add).toBe(110);
    expect(o.split1).toEqual(['1', '2', '3', '4', '5']);
    expect(o.split2).toEqual(['This', 'is', 'a', 'test', 'string']);
    expect(o.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.nested).toBe('my');
    const again = output(await t.run(arn, input)) as Record<string, unknown>;
    expect(again.seeded).toBe(o.seeded);
  });

  it('does not mutate its arguments (JsonMerge keeps json1 intact)', async () => {
    const d = await t.run(arn, input);
    const o = output(
      await t.run(
        await t.machine(
          single({ Type: 'Pass', Parameters: { 'm.$': 'States.JsonMerge($.a, $.b, false)', 'a.$': '$.a' } }),
        ),
        { a: { x: 1 }, b: { y: 2 } },
      ),
    );
    expect(d.status).toBe('SUCCEEDED');
    expect(o).toEqual({ m: { x: 1, y: 2 }, a: { x: 1 } });
  });

  it.each([
    ['States.ArrayGetItem($.a, 5)', { a: [1] }],
    ["States.StringToJson('not json')", {}],
    ['States.JsonMerge($.a, $.a, true)', { a: {} }],
    ['States.ArrayRange(1, 5000, 1)', {}],
    ["States.Hash('x', 'SHA-3')", {}],
    ["States.Format('{} {}', 1)", {}],
    ['States.MathAdd($.big, 1)', { big: 1.5e10 }],
  ])('fails %s with States.Runtime', async (expr, data) => {
    const d = await t.run(await t.machine(single({ Type: 'Pass', Parameters: { 'v.$': expr } })), data);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Runtime');
  });

  it('rejects a malformed call when the state machine is created', async () => {
    await expect(
      t.machine(single({ Type: 'Pass', Parameters: { 'v.$': "States.Format('x" } })),
    ).rejects.toMatchObject({
      name: 'InvalidDefinition',
    });
  });
});
