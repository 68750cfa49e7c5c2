import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  MARSHALL_OPTIONS,
  fromWireJson,
  marshallRecord,
  toWireJson,
  unmarshallRecord,
} from '../../../../lambdas/adapters/dynamodb-json';

/** What cpflow's DocumentClient is configured with (lambdas/adapters/dynamodb.ts imports the same constant). */
const options = { removeUndefinedValues: true, convertClassInstanceToMap: false };

const corpus: Record<string, unknown>[] = [
  { PK: 'A', SK: 'B', s: 'x', n: 1, f: -0.25, t: true, nil: null },
  { PK: 'A', SK: 'B', nested: { a: [1, { b: [null, 'c', { d: false }] }], e: {} }, list: [] },
  { PK: 'A', SK: 'B', gone: undefined, list: [1, undefined, 2], map: { x: undefined, y: 1 } },
  { PK: 'A', SK: 'B', ss: new Set(['a', 'b']), ns: new Set([1, 2.5]), big: 2n ** 60n },
  { PK: 'A', SK: 'B', m: new Map<string, unknown>([['k', 'v']]), B: { B: 'not binary' } },
  { PK: 'A', SK: 'B', text: '清洁生产审核 "q" \\ \u2028 \u{1F600}', zero: 0, max: Number.MAX_SAFE_INTEGER },
];

describe('DynamoDB JSON for the direct client', () => {
  it('uses lib-dynamodb’s options', () => {
    expect(MARSHALL_OPTIONS).toEqual(options);
  });

  it('round-trips the corpus through the wire text as the SDK does', () => {
    for (const value of corpus) {
      const wire = toWireJson({ Item: marshallRecord(value) });
      const back = fromWireJson(wire) as { Item: Parameters<typeof unmarshallRecord>[0] };
      expect(unmarshallRecord(back.Item)).toEqual(unmarshall(marshall(value, options)));
    }
    expect(unmarshallRecord({ n: { N: '1152921504606846976' } }).n).toBe(2n ** 60n);
  });

  it('writes binary as base64 and reads it back as bytes', () => {
    const wire = toWireJson(marshallRecord({ b: new Uint8Array([0, 255]), bs: new Set([Buffer.from([1])]) }));
    expect(JSON.parse(wire)).toEqual({ b: { B: 'AP8=' }, bs: { BS: ['AQ=='] } });
    expect(unmarshallRecord(fromWireJson(wire) as Record<string, never>)).toEqual({
      b: new Uint8Array([0, 255]),
      bs: new Set([new Uint8Array([1])]),
    });
  });

  it('refuses what the SDK refuses', () => {
    const refused: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 2,
      new Set(),
      new Date(0),
      new (class Thing {})(),
    ];
    for (const v of refused) expect(() => marshallRecord({ v })).toThrow();
  });
});

describe('the wire text’s fast path', () => {
  it('keeps a map member named B, and strings that look like binary, as they are', () => {
    const value = { PK: 'A', B: { B: 'x' }, BS: ['y'], s: '{"B":"AP8="}', l: [{ B: 'z' }] };
    const wire = toWireJson(marshallRecord(value));
    expect(unmarshallRecord(fromWireJson(wire) as Record<string, never>)).toEqual(value);
  });

  it('finds binary beside other values, Buffers included', () => {
    const wire = toWireJson(
      marshallRecord({ s: 'x', nested: { b: Buffer.from([7]) }, empty: new Uint8Array(0) }),
    );
    expect(JSON.parse(wire)).toEqual({
      s: { S: 'x' },
      nested: { M: { b: { B: 'Bw==' } } },
      empty: { B: '' },
    });
    expect(unmarshallRecord(fromWireJson(wire) as Record<string, never>)).toEqual({
      s: 'x',
      nested: { b: new Uint8Array([7]) },
      empty: new Uint8Array(0),
    });
  });
});
