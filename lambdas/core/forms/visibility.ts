import { isVisible, toDataPathSegments } from '@jsonforms/core';
import type { UISchemaElement } from '@jsonforms/core';
import type Ajv from 'ajv';
import { getValidator, sharedAjv } from './ajv';
import { toPointer } from './pointer';
import { isRecord, resolveScope } from './schema-walk';
import type { JsonSchema } from './types';

/**
 * Which fields the form hides for this data, decided by JSON Forms' own rule evaluation (`isVisible`) so
 * the browser and the server always agree. HIDE/SHOW rules hide; DISABLE/ENABLE do not (a disabled field
 * keeps its value and is still validated). A hidden layout hides every control in it; an array control's
 * `options.detail` layout is evaluated once per row, with the row as the rule's base path — exactly as the
 * array renderers do. A field reached by a visible control and a hidden one counts as visible; an object
 * none of whose controls is visible counts as hidden.
 * @example hiddenPaths(uischema, schema, { status: '符合' }) // Set { '/options/0/reason' }
 */
export function hiddenPaths(
  uischema: UISchemaElement,
  schema: JsonSchema,
  data: unknown,
  ajv: Ajv = sharedAjv(),
): Set<string> {
  const walk: Walk = { root: schema, data, ajv: conditionAjv(ajv), hidden: new Set(), shown: new Set() };
  visit(walk, uischema, schema, [], false);
  for (const path of walk.shown) walk.hidden.delete(path);
  return withHiddenSections(walk.hidden, walk.shown);
}

/**
 * Adds the objects whose every control is hidden: a Group hiding all of `/wastewater`'s fields hides
 * `/wastewater` itself, so its own `required` is not enforced either. An object counts as visible when a
 * shown control lies at or under it, or above it (an array control shows its rows).
 */
function withHiddenSections(hidden: Set<string>, shown: Set<string>): Set<string> {
  const covered = new Set<string>();
  for (const path of shown) for (const prefix of ancestors(path, true)) covered.add(prefix);
  const result = new Set(hidden);
  for (const path of hidden) {
    const above = ancestors(path, false);
    if (above.some((a) => shown.has(a))) continue;
    for (const ancestor of above) {
      if (covered.has(ancestor)) break;
      result.add(ancestor);
    }
  }
  return result;
}

/** Proper ancestors of a pointer, nearest first, without the root (plus the pointer itself when asked). */
function ancestors(pointer: string, self: boolean): string[] {
  const list = self ? [pointer] : [];
  for (let cut = pointer.lastIndexOf('/'); cut > 0; cut = pointer.lastIndexOf('/', cut - 1)) {
    list.push(pointer.slice(0, cut));
  }
  return list;
}

interface Walk {
  root: JsonSchema;
  data: unknown;
  ajv: Ajv;
  hidden: Set<string>;
  shown: Set<string>;
}

function visit(
  walk: Walk,
  element: unknown,
  context: JsonSchema,
  base: string[],
  parentHidden: boolean,
): void {
  if (!isRecord(element) || typeof element.type !== 'string') return;
  const ui = element as unknown as UISchemaElement;
  const hidden = parentHidden || !isVisible(ui, walk.data, base.join('.'), walk.ajv, undefined);
  if (typeof element.scope === 'string') {
    const path = [...base, ...toDataPathSegments(element.scope)];
    (hidden ? walk.hidden : walk.shown).add(toPointer(path));
    // Below a hidden control everything is hidden by prefix; only a visible one needs its detail walked.
    if (!hidden) visitDetail(walk, ui, resolveScope(walk.root, context, element.scope), path);
  }
  if (Array.isArray(element.elements)) {
    for (const child of element.elements) visit(walk, child, context, base, hidden);
  }
}

function visitDetail(walk: Walk, control: UISchemaElement, node: JsonSchema | undefined, path: string[]): void {
  const detail: unknown = control.options?.detail;
  if (!isRecord(detail) || node === undefined) return;
  if (isRecord(node.items)) {
    const rows = valueAt(walk.data, path);
    if (!Array.isArray(rows)) return;
    rows.forEach((_, i) => visit(walk, detail, node.items as JsonSchema, [...path, String(i)], false));
  } else {
    visit(walk, detail, node, path, false);
  }
}

function valueAt(data: unknown, path: string[]): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * JSON Forms' condition evaluation calls `ajv.validate(condition.schema, value)`, which would compile and
 * keep every condition schema object it ever sees; routing it through `getValidator` compiles each distinct
 * condition once, whether the uischema is held in memory or parsed again per request.
 */
function conditionAjv(ajv: Ajv): Ajv {
  const validate = (schema: object, value: unknown): boolean => getValidator(schema, ajv)(value);
  return { validate } as unknown as Ajv;
}
