import { isVisible, toDataPathSegments } from '@jsonforms/core';
import type { UISchemaElement } from '@jsonforms/core';
import type Ajv from 'ajv';
import { getValidator, sharedAjv } from './ajv';
import { ancestors, toPointer } from './pointer';
import { schemaCache } from './schema-cache';
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
  const walk: Walk = { data, ajv: conditionAjv(ajv), hidden: new Set(), shown: new Set() };
  const plan = uiPlanOf(uischema)(schema);
  if (plan !== null) visit(walk, plan, { pointer: '', dotted: '', value: data }, false);
  for (const path of walk.shown) walk.hidden.delete(path);
  return withHiddenSections(walk.hidden, walk.shown);
}

/**
 * A uischema element with everything that does not depend on data worked out once: the control's data
 * path, whether a rule can hide it, and its detail layout. Walking this per request is what keeps
 * `validateSubmission` on a 300-field form well under a millisecond.
 */
interface UiNode {
  element: UISchemaElement;
  /** True for HIDE/SHOW rules, the only effects that hide. */
  hides: boolean;
  field?: { segments: string[]; pointer: string; dotted: string };
  detail?: { rows: boolean; node: UiNode };
  children: UiNode[];
}

/** Where a detail layout is anchored: a row (or the root) as a pointer, a dotted path and its value. */
interface Base {
  pointer: string;
  dotted: string;
  value: unknown;
}

interface Walk {
  data: unknown;
  ajv: Ajv;
  hidden: Set<string>;
  shown: Set<string>;
}

const uiPlanOf = schemaCache((uischema) =>
  schemaCache((schema) => buildUi(uischema, schema as JsonSchema, schema as JsonSchema) ?? null),
);

function buildUi(element: unknown, root: JsonSchema, context: JsonSchema): UiNode | undefined {
  if (!isRecord(element) || typeof element.type !== 'string') return undefined;
  const ui = element as unknown as UISchemaElement;
  const node: UiNode = { element: ui, hides: ui.rule?.effect === 'HIDE' || ui.rule?.effect === 'SHOW', children: [] };
  if (typeof element.scope === 'string') {
    const segments = toDataPathSegments(element.scope);
    node.field = { segments, pointer: toPointer(segments), dotted: segments.join('.') };
    const target = resolveScope(root, context, element.scope);
    const detail: unknown = ui.options?.detail;
    if (isRecord(detail) && target !== undefined) {
      const rows = isRecord(target.items);
      const inner = buildUi(detail, root, rows ? (target.items as JsonSchema) : target);
      if (inner !== undefined) node.detail = { rows, node: inner };
    }
  }
  if (Array.isArray(element.elements)) {
    for (const child of element.elements) {
      const built = buildUi(child, root, context);
      if (built !== undefined) node.children.push(built);
    }
  }
  return node;
}

function visit(walk: Walk, node: UiNode, base: Base, parentHidden: boolean): void {
  const hidden = parentHidden || (node.hides && !isVisible(node.element, walk.data, base.dotted, walk.ajv, undefined));
  if (node.field !== undefined) {
    const pointer = base.pointer + node.field.pointer;
    (hidden ? walk.hidden : walk.shown).add(pointer);
    // Below a hidden control everything is hidden by prefix; only a visible one needs its detail walked.
    if (!hidden && node.detail !== undefined) {
      const dotted = base.dotted === '' ? node.field.dotted : `${base.dotted}.${node.field.dotted}`;
      visitDetail(walk, node.detail, { pointer, dotted, value: valueAt(base.value, node.field.segments) });
    }
  }
  for (const child of node.children) visit(walk, child, base, hidden);
}

function visitDetail(walk: Walk, detail: { rows: boolean; node: UiNode }, at: Base): void {
  if (!detail.rows) {
    visit(walk, detail.node, at, false);
    return;
  }
  if (!Array.isArray(at.value)) return;
  at.value.forEach((row: unknown, i) => {
    visit(walk, detail.node, { pointer: `${at.pointer}/${i}`, dotted: `${at.dotted}.${i}`, value: row }, false);
  });
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
 * Adds the objects whose every control is hidden: a Group hiding all of `/wastewater`'s fields hides
 * `/wastewater` itself, so its own `required` is not enforced either. An object counts as visible when a
 * shown control lies at or under it, or above it (an array control shows its rows).
 */
function withHiddenSections(hidden: Set<string>, shown: Set<string>): Set<string> {
  const candidates = new Set<string>();
  for (const path of hidden) {
    const above = ancestors(path, false);
    if (!above.some((a) => shown.has(a))) for (const a of above) candidates.add(a);
  }
  const result = new Set(hidden);
  // Few candidates in practice (rows under a visible table have none), so a scan of `shown` each is cheap.
  for (const candidate of candidates) {
    const prefix = `${candidate}/`;
    let visible = false;
    for (const path of shown) {
      if (path === candidate || path.startsWith(prefix)) {
        visible = true;
        break;
      }
    }
    if (!visible) result.add(candidate);
  }
  return result;
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
