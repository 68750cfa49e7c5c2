import { createHash, randomUUID } from 'node:crypto';
import type jsonata from 'jsonata';
import { StatesError } from '../errors.js';
import type { Json, JsonObject } from '../util/json.js';
import { toJson } from '../util/json.js';

/**
 * The JSONata query language (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html): a
 * string `{% expression %}` anywhere in Arguments, Output, Assign, ItemSelector, Items, Condition, Seconds,
 * Timestamp, Error, Cause… is evaluated with `$states` (`input`, `result`, `errorOutput`, `context`) and the
 * workflow variables bound. A failure is States.QueryEvaluationError. Step Functions' added functions are
 * provided: $partition, $range, $hash, $random, $uuid, $parse.
 */
export interface Bindings {
  states: JsonObject;
  vars: JsonObject;
}

const compiled = new Map<string, jsonata.Expression>();

/**
 * jsonata, imported on the first expression: workflows written in JSONPath never load it, and the dry-run Lambda's
 * cold start does not carry it (≈ 84 KB minified; docs/decisions.md D9).
 */
let library: Promise<typeof jsonata> | undefined;
const loadJsonata = () => (library ??= import('jsonata').then((m) => m.default));

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('{%') && value.trimEnd().endsWith('%}');
}

function fail(message: string): StatesError {
  return new StatesError('States.QueryEvaluationError', message);
}

async function compile(text: string): Promise<jsonata.Expression> {
  let e = compiled.get(text);
  if (e) return e;
  const body = text.trim().slice(2, -2);
  const parse = await loadJsonata();
  try {
    e = parse(body);
  } catch (err) {
    throw fail(`The JSONata expression '${body.trim()}' is invalid: ${(err as Error).message}`);
  }
  e.registerFunction('partition', (a: unknown[], n: number) => chunk(a, n), '<an:a>');
  e.registerFunction('range', (s: number, end: number, step: number) => range(s, end, step), '<nnn:a<n>>');
  e.registerFunction('hash', (d: string, alg: string) => hash(d, alg), '<ss:s>');
  e.registerFunction(
    'random',
    (seed?: number) => (seed === undefined ? Math.random() : seeded(seed)),
    '<n?:n>',
  );
  e.registerFunction('uuid', () => randomUUID(), '<:s>');
  e.registerFunction('parse', (s: string) => JSON.parse(s) as unknown, '<s:x>');
  if (compiled.size > 5000) compiled.clear();
  compiled.set(text, e);
  return e;
}

/** Evaluates one `{% %}` string. */
export async function evaluateExpression(text: string, b: Bindings): Promise<Json> {
  const expr = await compile(text);
  let value: unknown;
  try {
    value = await expr.evaluate(b.states.input ?? null, { ...b.vars, states: b.states });
  } catch (err) {
    throw fail(
      `An error occurred while evaluating the JSONata expression '${text.trim()}': ${(err as Error).message}`,
    );
  }
  if (value === undefined) throw fail(`The JSONata expression '${text.trim()}' returned nothing (undefined)`);
  return toJson(value);
}

/** Evaluates every expression in a JSON template (objects and arrays recursively); other values are literal. */
export async function evaluateTemplate(template: Json | undefined, b: Bindings): Promise<Json> {
  if (template === undefined) return null;
  if (isExpression(template)) return evaluateExpression(template, b);
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const t of template) out.push(await evaluateTemplate(t, b));
    return out;
  }
  if (template === null || typeof template !== 'object') return template;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(template)) out[k] = await evaluateTemplate(v, b);
  return out;
}

/** Assign: every value is evaluated against the variables as they were when the state was entered. */
export async function evaluateAssign(assign: JsonObject | undefined, b: Bindings): Promise<JsonObject> {
  if (!assign) return b.vars;
  const updates = (await evaluateTemplate(assign, b)) as JsonObject;
  return { ...b.vars, ...updates };
}

function chunk(a: unknown[], n: number): unknown[][] {
  if (!Number.isInteger(n) || n <= 0) throw new Error('$partition: the size must be a positive integer');
  const out: unknown[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
}

function range(start: number, end: number, step: number): number[] {
  if (step === 0) throw new Error('$range: the step must not be 0');
  const out: number[] = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    out.push(v);
    if (out.length > 1000) throw new Error('$range: more than 1000 items');
  }
  return out;
}

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function hash(data: string, algorithm: string): string {
  const alg = ALGORITHMS[algorithm];
  if (!alg) throw new Error(`$hash: unsupported algorithm ${algorithm}`);
  return createHash(alg).update(data).digest('hex');
}

function seeded(seed: number): number {
  let t = (seed | 0) + 0x6d2b79f5;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
