import { createHash, randomInt, randomUUID } from 'node:crypto';
import { runtimeError } from '../../errors.js';
import type { Json, JsonObject } from '../../util/json.js';
import { deepEqual, isObject, tryParse } from '../../util/json.js';

/**
 * The intrinsic functions, each a pure function of already-evaluated arguments. None mutates its arguments
 * (aws-local-stepfunctions' JsonMerge does — see docs/engine.md). Semantics and limits follow
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html; a bad argument is a
 * States.Runtime error, as for any other failure while building a payload.
 */
export interface Evaluated {
  value: Json;
  /** For a string literal: its text with escapes kept, so Format can tell `\{}` from `{}`. */
  raw?: string;
}

type Fn = (name: string, args: Evaluated[]) => Json;

function fail(name: string, why: string): never {
  throw runtimeError(`Invalid arguments in ${name}: ${why}`);
}

function arity(name: string, args: Evaluated[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(name, `expected ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}

function str(name: string, a: Evaluated | undefined, what: string): string {
  if (typeof a?.value !== 'string') fail(name, `${what} must be a string`);
  return a.value;
}

function arr(name: string, a: Evaluated | undefined, what: string): Json[] {
  if (!Array.isArray(a?.value)) fail(name, `${what} must be an array`);
  return a.value;
}

/** Numbers are rounded to the nearest integer, as the documentation says for every integer argument. */
function int(name: string, a: Evaluated | undefined, what: string): number {
  if (typeof a?.value !== 'number' || !Number.isFinite(a.value)) fail(name, `${what} must be a number`);
  return Math.round(a.value);
}

function format(name: string, args: Evaluated[]): Json {
  if (args.length < 1) fail(name, 'expected a template');
  const first = args[0] as Evaluated;
  const template = first.raw ?? str(name, first, 'the template');
  const values = args.slice(1).map((a) => {
    const v = a.value;
    if (v !== null && typeof v === 'object')
      fail(name, 'arguments must be strings, numbers, booleans or null');
    return v === null ? 'null' : String(v);
  });
  let out = '';
  let used = 0;
  const escapes = first.raw !== undefined;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (escapes && ch === '\\') {
      out += template[i + 1] ?? '';
      i++;
    } else if (ch === '{' && template[i + 1] === '}') {
      if (used >= values.length) fail(name, 'more {} placeholders than arguments');
      out += values[used++];
      i++;
    } else {
      out += ch;
    }
  }
  if (used !== values.length)
    fail(name, 'the number of arguments does not match the number of {} placeholders');
  return out;
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Seeded generator for MathRandom(start, end, seed): same seed → same number, as documented. */
function seededUnit(seed: number): number {
  let t = (seed | 0) + 0x6d2b79f5;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': format,
  'States.StringToJson': (n, a) => {
    arity(n, a, 1);
    const parsed = tryParse(str(n, a[0], 'the argument'));
    if (!parsed.ok) fail(n, 'the argument is not valid JSON text');
    return parsed.value;
  },
  'States.JsonToString': (n, a) => {
    arity(n, a, 1);
    return JSON.stringify((a[0] as Evaluated).value);
  },
  'States.Array': (_n, a) => a.map((x) => x.value),
  'States.ArrayPartition': (n, a) => {
    arity(n, a, 2);
    const items = arr(n, a[0], 'the first argument');
    const size = int(n, a[1], 'the chunk size');
    if (size <= 0) fail(n, 'the chunk size must be a positive integer');
    const out: Json[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': (n, a) => {
    arity(n, a, 2);
    const items = arr(n, a[0], 'the first argument');
    const needle = (a[1] as Evaluated).value;
    return items.some((x) => deepEqual(x, needle));
  },
  'States.ArrayRange': (n, a) => {
    arity(n, a, 3);
    const start = int(n, a[0], 'the start');
    const end = int(n, a[1], 'the end');
    const step = int(n, a[2], 'the step');
    if (step === 0) fail(n, 'the step must not be 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > 1000) fail(n, 'the array would have more than 1000 items');
    const out: Json[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) out.push(v);
    return out;
  },
  'States.ArrayGetItem': (n, a) => {
    arity(n, a, 2);
    const items = arr(n, a[0], 'the first argument');
    const index = int(n, a[1], 'the index');
    if (index < 0 || index >= items.length) fail(n, `index ${index} is out of bounds`);
    return items[index] as Json;
  },
  'States.ArrayLength': (n, a) => {
    arity(n, a, 1);
    return arr(n, a[0], 'the argument').length;
  },
  'States.ArrayUnique': (n, a) => {
    arity(n, a, 1);
    const out: Json[] = [];
    for (const x of arr(n, a[0], 'the argument')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  },
  'States.Base64Encode': (n, a) => {
    arity(n, a, 1);
    const s = str(n, a[0], 'the argument');
    if (s.length > 10_000) fail(n, 'the input exceeds 10,000 characters');
    return Buffer.from(s, 'utf8').toString('base64');
  },
  'States.Base64Decode': (n, a) => {
    arity(n, a, 1);
    const s = str(n, a[0], 'the argument');
    if (s.length > 10_000) fail(n, 'the input exceeds 10,000 characters');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) fail(n, 'the input is not Base64');
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (n, a) => {
    arity(n, a, 2);
    const data = (a[0] as Evaluated).value;
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > 10_000) fail(n, 'the input exceeds 10,000 characters');
    const algorithm = HASHES[str(n, a[1], 'the algorithm')];
    if (!algorithm) fail(n, `the algorithm must be one of ${Object.keys(HASHES).join(', ')}`);
    return createHash(algorithm).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': (n, a) => {
    arity(n, a, 3);
    const left = (a[0] as Evaluated).value;
    const right = (a[1] as Evaluated).value;
    if (!isObject(left) || !isObject(right)) fail(n, 'the first two arguments must be JSON objects');
    if ((a[2] as Evaluated).value !== false)
      fail(n, 'only shallow merging is supported: the third argument must be false');
    const merged: JsonObject = { ...left, ...right };
    return merged;
  },
  'States.MathRandom': (n, a) => {
    arity(n, a, 2, 3);
    const start = int(n, a[0], 'the start');
    const end = int(n, a[1], 'the end');
    if (end <= start) fail(n, 'the end must be greater than the start');
    if (a.length === 3) return start + Math.floor(seededUnit(int(n, a[2], 'the seed')) * (end - start));
    return randomInt(start, end);
  },
  'States.MathAdd': (n, a) => {
    arity(n, a, 2);
    const x = int(n, a[0], 'the first argument');
    const y = int(n, a[1], 'the second argument');
    const limit = 2 ** 31;
    if (x < -limit || x >= limit || y < -limit || y >= limit) fail(n, 'arguments must be 32-bit integers');
    return x + y;
  },
  'States.StringSplit': (n, a) => {
    arity(n, a, 2);
    const s = str(n, a[0], 'the first argument');
    const delimiters = str(n, a[1], 'the delimiter');
    // Every character of the second argument is a delimiter and empty pieces are dropped, as in the documented
    // example "This.is+a,test=string" split by ".+,=".
    const out: Json[] = [];
    let cur = '';
    for (const ch of s) {
      if (delimiters.includes(ch)) {
        if (cur !== '') out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur !== '') out.push(cur);
    return out;
  },
  'States.UUID': (n, a) => {
    arity(n, a, 0);
    return randomUUID();
  },
};

/** Runs one intrinsic; unknown names are a States.Runtime error. */
export function callIntrinsic(name: string, args: Evaluated[]): Json {
  const fn = FUNCTIONS[name];
  if (!fn) throw runtimeError(`The intrinsic function ${name} is not supported`);
  return fn(name, args);
}

export const INTRINSIC_NAMES = Object.keys(FUNCTIONS);
