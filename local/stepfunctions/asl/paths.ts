import { JSONPath } from 'jsonpath-plus';
import type { Json } from '../util/json.js';
import { isObject } from '../util/json.js';

/**
 * JSONPath evaluation for the JSONPath query language.
 *
 * Reference paths (`$.a.b`, `$['a b'][0]`, `$$.Execution.Id`) — by far the common case — are compiled once into a
 * list of keys and walked directly; anything else (wildcards, filters, slices, recursive descent) goes to
 * jsonpath-plus. A path is "definite" when it can name at most one node; an indefinite path yields an array of
 * matches, as Step Functions' Jayway-based evaluator does.
 */

type Segment = string | number;
interface Compiled {
  context: boolean;
  /** Keys to walk, or null when the path needs the full evaluator. */
  segments: Segment[] | null;
  /** The path with a leading `$$` rewritten to `$`, for jsonpath-plus. */
  expr: string;
}

const cache = new Map<string, Compiled>();

export interface PathResult {
  found: boolean;
  value: Json;
}

/** True when `path` names the context object (`$$…`). */
export function isContextPath(path: string): boolean {
  return path.startsWith('$$');
}

/** True when `path` is syntactically a path (starts with `$`). */
export function looksLikePath(path: string): boolean {
  return path.startsWith('$');
}

function compile(path: string): Compiled {
  let c = cache.get(path);
  if (c) return c;
  const context = path.startsWith('$$');
  const body = path.slice(context ? 2 : 1);
  c = { context, segments: parseSegments(body), expr: '$' + body };
  if (cache.size > 10_000) cache.clear();
  cache.set(path, c);
  return c;
}

/** Parses `.a['b'][0]` into keys; null when the path uses anything beyond names and indexes. */
function parseSegments(body: string): Segment[] | null {
  const out: Segment[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '.') {
      if (body[i + 1] === '.' || body[i + 1] === '[') return null;
      let j = i + 1;
      while (j < body.length && body[j] !== '.' && body[j] !== '[') j++;
      const name = body.slice(i + 1, j);
      if (name === '' || name === '*' || /[*@?()]/.test(name)) return null;
      out.push(name);
      i = j;
    } else if (ch === '[') {
      const q = body[i + 1];
      if (q === "'" || q === '"') {
        const end = body.indexOf(q + ']', i + 2);
        if (end < 0) return null;
        const name = body.slice(i + 2, end);
        if (name.includes(q)) return null;
        out.push(name);
        i = end + 2;
      } else {
        const end = body.indexOf(']', i);
        if (end < 0) return null;
        const idx = body.slice(i + 1, end);
        if (!/^\d+$/.test(idx)) return null;
        out.push(Number(idx));
        i = end + 1;
      }
    } else {
      return null;
    }
  }
  return out;
}

/** True when the path is a Reference Path (names and indexes only), as ResultPath and Choice Variable require. */
export function isReferencePath(path: string): boolean {
  return path.startsWith('$') && compile(path).segments !== null;
}

/** The keys of a reference path, or null. */
export function referenceSegments(path: string): Segment[] | null {
  return compile(path).segments;
}

/**
 * Evaluates a path against the state data (`$`) or the context object (`$$`).
 * Definite paths give `{found, value}`; indefinite ones always give `found: true` and an array.
 */
export function readPath(path: string, data: Json, context: Json = null): PathResult {
  const c = compile(path);
  const root = c.context ? context : data;
  if (c.segments) return walk(root, c.segments);
  const matches = JSONPath({ path: c.expr, json: root as object, wrap: true }) as Json[] | undefined;
  return { found: true, value: matches ?? [] };
}

function walk(root: Json, segments: Segment[]): PathResult {
  let cur: Json = root;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return { found: false, value: null };
      cur = cur[seg] as Json;
    } else {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, seg))
        return { found: false, value: null };
      cur = cur[seg] as Json;
    }
  }
  return { found: true, value: cur };
}

/** Renders a reference path the way AWS messages quote it. */
export function describeInput(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 1000 ? text.slice(0, 1000) + '…' : text;
}
