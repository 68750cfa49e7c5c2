import { StatesError } from '../errors.js';
import type { Json, JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';
import { referenceSegments } from './paths.js';

/**
 * Places `result` into `input` at a ResultPath (a reference path) without mutating `input`: the objects along the
 * path are copied, missing ones created, as the ASL specification describes. `null` ResultPath discards the
 * result; `$` replaces the input.
 *
 * @example setResultPath({ a: 1 }, '$.b.c', 2) // → { a: 1, b: { c: 2 } }
 */
export function setResultPath(input: Json, path: string | null | undefined, result: Json): Json {
  if (path === null) return input;
  if (path === undefined || path === '$') return result;
  const segments = referenceSegments(path);
  if (!segments || path.startsWith('$$')) {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      `Invalid ResultPath '${path}': not a reference path`,
    );
  }
  return setAt(input, segments, 0, result, path);
}

function setAt(node: Json, segments: (string | number)[], i: number, value: Json, path: string): Json {
  if (i === segments.length) return value;
  const seg = segments[i] as string | number;
  if (typeof seg === 'number') {
    if (!Array.isArray(node) || seg >= node.length) throw mismatch(path, node);
    const copy = node.slice();
    copy[seg] = setAt(node[seg] as Json, segments, i + 1, value, path);
    return copy;
  }
  if (!isObject(node)) throw mismatch(path, node);
  const child = Object.prototype.hasOwnProperty.call(node, seg) ? (node[seg] as Json) : {};
  const copy: JsonObject = { ...node };
  copy[seg] = setAt(child, segments, i + 1, value, path);
  return copy;
}

function mismatch(path: string, node: Json): StatesError {
  const text = JSON.stringify(node);
  return new StatesError(
    'States.ResultPathMatchFailure',
    `Unable to apply ResultPath '${path}' to input '${text.length > 500 ? text.slice(0, 500) + '…' : text}'`,
  );
}
