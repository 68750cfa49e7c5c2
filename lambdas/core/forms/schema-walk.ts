import { childPointer, parsePointer } from './pointer';
import type { JsonSchema } from './types';

/**
 * Navigation in a draft-07 schema: local `$ref`s (`#/definitions/…`), JSON Forms scopes, and a visit of every
 * subschema with its pointer. Remote `$ref`s are not followed: form schemas are self-contained.
 */

/** Longest `$ref` chain followed before giving up (guards `a → b → a`). */
const MAX_REF_HOPS = 32;

/**
 * True for a plain JSON object (not an array, not null).
 * @example isRecord({}) // true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(node: unknown, key: string): unknown {
  return isRecord(node) && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

/**
 * The node a local JSON pointer names inside `root`, or undefined.
 * @example atPointer(schema, '/definitions/money') // { type: 'number', … }
 */
export function atPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of parsePointer(pointer)) {
    node = Array.isArray(node) ? node[Number(segment)] : own(node, segment);
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * Follows `node`'s local `$ref` chain within `root`; undefined when a reference does not resolve.
 * @example deref(root, { $ref: '#/definitions/money' }) // the money schema
 */
export function deref(root: JsonSchema, node: unknown): JsonSchema | undefined {
  let current = node;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    if (!isRecord(current)) return undefined;
    const ref = current.$ref;
    if (typeof ref !== 'string') return current as JsonSchema;
    if (ref !== '#' && !ref.startsWith('#/')) return undefined;
    current = atPointer(root, decodeURIComponent(ref.slice(1)));
  }
  return undefined;
}

/**
 * The schema node a JSON Forms scope (`#/properties/a/properties/b`) names, starting from `context` (the
 * root schema, or an array's `items` inside a detail layout), dereferencing at every step.
 * @example resolveScope(root, root, '#/properties/enterprise/properties/uscc') // { type: 'string', format: 'uscc' }
 */
export function resolveScope(root: JsonSchema, context: JsonSchema, scope: string): JsonSchema | undefined {
  if (scope !== '#' && !scope.startsWith('#/')) return undefined;
  let node = deref(root, context);
  let segments: string[];
  try {
    segments = parsePointer(decodeURIComponent(scope.slice(1)));
  } catch {
    // A malformed %-escape in a scope is simply a scope that names nothing.
    return undefined;
  }
  for (const segment of segments) {
    if (node === undefined) return undefined;
    const next = own(node, segment);
    node = isRecord(next) ? deref(root, next) : undefined;
  }
  return node;
}

/** Keywords whose value is one subschema. */
const SINGLE = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not'];
const SINGLE_MORE = ['if', 'then', 'else'];
/** Keywords whose value is a list of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'items'];
/** Keywords whose value maps names to subschemas. */
const MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];

/**
 * Calls `visit` for `schema` and every subschema below it, with each one's JSON pointer (relative to
 * `pointer`). Values of data keywords (`const`, `enum`, `default`, `examples`) and of `x-` rules are not
 * entered.
 * @example eachSubschema(schema, (node, at) => console.log(at)) // '', '/properties/a', …
 */
export function eachSubschema(
  schema: unknown,
  visit: (node: JsonSchema, pointer: string) => void,
  pointer = '',
): void {
  if (!isRecord(schema)) return;
  visit(schema as JsonSchema, pointer);
  for (const key of [...SINGLE, ...SINGLE_MORE]) {
    const sub = own(schema, key);
    if (isRecord(sub)) eachSubschema(sub, visit, childPointer(pointer, key));
  }
  for (const key of LISTS) {
    const list = own(schema, key);
    if (!Array.isArray(list)) continue;
    list.forEach((sub, i) => eachSubschema(sub, visit, childPointer(childPointer(pointer, key), i)));
  }
  for (const key of MAPS) {
    const map = own(schema, key);
    if (!isRecord(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      eachSubschema(sub, visit, childPointer(childPointer(pointer, key), name));
    }
  }
}
