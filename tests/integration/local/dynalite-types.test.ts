/**
 * The embedded store checks each request's shape with a checker compiled once per type description
 * (local/dynalite-types.mjs, docs/decisions.md D29). It must answer exactly as dynalite's own `checkTypes` does:
 * the same result, the same error for the same first problem, the same members dropped from the request. Both run
 * here over requests generated from every operation's description, well-formed and not, from a fixed seed.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE_VALUE, compiledCheckTypes } from '../../../local/dynalite-types.mjs';
import { dynaliteStore } from '../../support/dynalite';

const require = createRequire(import.meta.url);
const dynaliteDir = require.resolve('dynalite').replace(/index\.js$/, '');
const validationsPath = require.resolve(`${dynaliteDir}validations/index.js`);

/** dynalite's own `checkTypes`, from a fresh load of its module (the store replaces the loaded module's). */
function originalCheckTypes(): (data: unknown, types: object) => unknown {
  const cached = require.cache[validationsPath];
  delete require.cache[validationsPath];
  try {
    return require(validationsPath).checkTypes;
  } finally {
    if (cached) require.cache[validationsPath] = cached;
  }
}

const OPERATIONS = [
  'batchGetItem',
  'batchWriteItem',
  'createTable',
  'deleteItem',
  'deleteTable',
  'describeTable',
  'describeTimeToLive',
  'getItem',
  'listTables',
  'listTagsOfResource',
  'putItem',
  'query',
  'scan',
  'tagResource',
  'untagResource',
  'updateItem',
  'updateTable',
];
const typesOf = (op: string): Record<string, unknown> => require(`${dynaliteDir}validations/${op}`).types;

/** mulberry32: a small seeded generator, so that a failing case can be made again. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of every JSON kind that some description does not take, and strings that some checks look into. */
const ODD: unknown[] = [
  true,
  false,
  0,
  7,
  1.5,
  -2.25,
  '',
  'x',
  'yes',
  'No',
  'TRUE',
  '0',
  'maybe',
  'AAAA',
  'AAA',
  'AAB=',
  'QUJD',
  [],
  [1],
  ['a', null],
  {},
  { a: 1 },
  { S: 'x' },
  null,
];
const KEYS = ['a', 'b', 'S', 'M', 'Item', 'Key', 'constructor', 'toString', '__proto__', 'x.y'];

/** Generates a request for `types`: mostly as described, with odd values and unknown members mixed in. */
function generator(seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const set = (o: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

  function value(description: unknown, depth: number): unknown {
    if (rnd() < 0.06 || depth > 5) return pick(ODD);
    let type = description as any;
    let children = type.children;
    if (typeof children == 'string') children = { type: children };
    if (type.type) type = type.type;
    const m = (type as string).match(/(.+?)<(.+)>$/);
    let subtype: string | undefined;
    if (m) [, type, subtype] = m;
    switch (type) {
      case 'AttrStruct': {
        const av: Record<string, unknown> = {};
        const n = rnd() < 0.85 ? 1 : Math.floor(rnd() * 3);
        for (let i = 0; i < n; i++) {
          const key = rnd() < 0.95 ? pick(Object.keys(ATTRIBUTE_VALUE)) : pick(KEYS);
          set(
            av,
            key,
            value(Object.hasOwn(ATTRIBUTE_VALUE, key) ? ATTRIBUTE_VALUE[key] : 'String', depth + 1),
          );
        }
        return av;
      }
      case 'Boolean':
        return rnd() < 0.7 ? rnd() < 0.5 : pick(['true', 'FALSE', '1', '0', 'yes', 'NO', 'nope']);
      case 'Short':
      case 'Integer':
      case 'Long':
      case 'Double':
        return rnd() < 0.5 ? Math.floor(rnd() * 100) : rnd() * 100 - 50;
      case 'String':
        return pick(['a', 'table_1', 'S', '#n = :v', '值', '', 'x'.repeat(20)]);
      case 'Blob':
        return pick(['', 'AAAA', 'QUJD', 'QUI=', 'QQ==', 'QR==', 'AB', '!!!!']);
      case 'List':
      case 'ParameterizedList':
        return Array.from({ length: Math.floor(rnd() * 4) }, () => value(children, depth + 1));
      case 'Map':
      case 'ParameterizedMap': {
        const o: Record<string, unknown> = {};
        for (let i = Math.floor(rnd() * 4); i > 0; i--) set(o, pick(KEYS), value(children, depth + 1));
        return o;
      }
      case 'ValueStruct':
      case 'FieldStruct':
        return struct(children, depth + 1);
      default:
        throw new Error(`a type the generator does not know: ${type} (${subtype})`);
    }
  }

  function struct(types: Record<string, unknown>, depth: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const key of Object.keys(types)) {
      const r = rnd();
      if (r < 0.5) set(o, key, value(types[key], depth));
      else if (r < 0.55) set(o, key, null);
    }
    if (rnd() < 0.15) set(o, pick(KEYS), pick(ODD));
    return o;
  }

  return struct;
}

/**
 * A value in full, prototypes included: a member named `__proto__` (JSON.parse makes it an own member) is assigned
 * by both checkers as dynalite does, which sets the new object's prototype.
 */
function render(v: unknown): string {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? String(v);
  if (Array.isArray(v)) return `[${v.map(render).join(',')}]`;
  const proto = Object.getPrototypeOf(v);
  const own = Object.keys(v).map((k) => `${JSON.stringify(k)}:${render((v as Record<string, unknown>)[k])}`);
  if (proto !== Object.prototype) own.unshift(`<proto>:${proto === null ? 'null' : render(proto)}`);
  return `{${own.join(',')}}`;
}

/** What one checker made of a request: its result or its error, and the request after it. */
function outcome(check: (data: unknown, types: object) => unknown, data: unknown, types: object) {
  try {
    const result = check(data, types);
    return { result, text: JSON.stringify(result), data, after: JSON.stringify(data) };
  } catch (err) {
    const e = err as Error & { statusCode?: number; body?: unknown };
    return {
      error: { kind: e.constructor.name, message: e.message, statusCode: e.statusCode, body: e.body },
      data,
      after: JSON.stringify(data),
    };
  }
}

describe("the store's compiled type checks", () => {
  const original = originalCheckTypes();
  const compiled = compiledCheckTypes();

  it('answer every generated request as dynalite does', () => {
    const struct = generator(20261129);
    let errors = 0;
    let cases = 0;
    for (let round = 0; round < 400; round++) {
      for (const op of OPERATIONS) {
        const types = typesOf(op);
        const request = JSON.parse(JSON.stringify(struct(types, 0)));
        const want = outcome(original, structuredClone(request), types);
        const got = outcome(compiled, structuredClone(request), types);
        if (render(got) !== render(want))
          expect({ op, request: JSON.stringify(request), got: render(got) }).toEqual({
            op,
            request: JSON.stringify(request),
            got: render(want),
          });
        if (want.error) errors++;
        cases++;
      }
    }
    // the generated requests must reach both answers often, or the comparison proves little
    expect(cases).toBe(400 * OPERATIONS.length);
    expect(errors).toBeGreaterThan(cases * 0.2);
    expect(errors).toBeLessThan(cases * 0.8);
  });

  it('answer a request body that is not an object as dynalite does', () => {
    for (const op of OPERATIONS) {
      const types = typesOf(op);
      for (const body of ['abc', '', 5, 1.5, true, null, [1, 'x'], [{ TableName: 't' }]]) {
        const want = outcome(original, structuredClone(body), types);
        expect({ op, body, got: render(outcome(compiled, structuredClone(body), types)) }).toEqual({
          op,
          body,
          got: render(want),
        });
      }
    }
  });

  it('answer a 300-member item as dynalite does', () => {
    const item: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++)
      item[`f${i}`] =
        i % 3 === 0
          ? { N: String(i) }
          : i % 3 === 1
            ? { S: `v${i}` }
            : { M: { a: { BOOL: true }, b: { L: [{ S: 'x' }, { NULL: true }] } } };
    const request = { TableName: 't', Item: item, ReturnValues: 'NONE', Expected: null, Other: 1 };
    const types = typesOf('putItem');
    const want = outcome(original, structuredClone(request), types);
    expect(want.error).toBeUndefined();
    expect(render(outcome(compiled, structuredClone(request), types))).toBe(render(want));
  });

  describe('in the store', () => {
    const { server } = dynaliteStore();
    afterAll(() => new Promise((r) => server.close(r)));

    it('are the ones dynalite runs, and its errors reach the client', async () => {
      expect(require(validationsPath).checkTypes).not.toBe(original);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const post = (body: string) =>
        fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.PutItem',
            authorization:
              'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
            'x-amz-date': '20260101T000000Z',
          },
          body,
        });
      const res = await post(JSON.stringify({ TableName: 'none', Item: { a: { BOOL: 'perhaps' } } }));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        __type: 'com.amazon.coral.service#SerializationException',
        Message: 'Unexpected token received from parser',
      });
      // a body that is JSON but not an object is refused as dynalite refuses it, and the store goes on
      const text = await post(JSON.stringify('abc'));
      expect(text.status).toBe(400);
      expect(await text.json()).toMatchObject({ __type: 'com.amazon.coral.validate#ValidationException' });
      expect((await post(JSON.stringify({ TableName: 'none', Item: { a: { S: 'x' } } }))).status).toBe(400);
    });
  });
});
