import { siblingReads } from './logic';
import { FORBIDDEN_KEYS, childPointer } from './pointer';
import { schemaCache } from './schema-cache';
import { deref, isRecord } from './schema-walk';
import type { JsonSchema } from './types';

/**
 * Where a schema's rules (`x-computed`, `x-requiredIf`) sit, found once per schema so that applying them
 * walks only the branches that have any. Rules apply to properties of object schemas (reached through
 * `properties`, `allOf`, local `$ref`, and an array's single `items` schema); a rule elsewhere has no
 * containing object to evaluate in and is reported by definition validation.
 */
export interface PropertyRule {
  prop: string;
  logic: unknown;
  /** The property's schema object that carries the rule. */
  field: JsonSchema;
  /** AJV-style schema path of the rule keyword, e.g. `#/properties/options/items/properties/reason/x-requiredIf`. */
  schemaPath: string;
}

export interface ObjectPlan {
  kind: 'object';
  /** In evaluation order: a field comes after the siblings it reads. */
  computed: PropertyRule[];
  requiredIf: PropertyRule[];
  children: { prop: string; plan: NodePlan }[];
}

export interface ArrayPlan {
  kind: 'array';
  items: NodePlan;
}

export type NodePlan = ObjectPlan | ArrayPlan;

/**
 * The rule plan of a schema, or null when it has no rules; cached per schema.
 * @example planOf(schema)?.kind // 'object'
 */
export const planOf: (schema: object) => NodePlan | null = schemaCache(buildPlan);

/**
 * The rule plan built afresh (uncached), for callers that compare its `field` objects with the schema's own.
 * @example buildPlan({ type: 'object', properties: { a: { type: 'number' } } }) // null
 */
export function buildPlan(schema: object): NodePlan | null {
  return buildNode(schema as JsonSchema, schema, '#', []) ?? null;
}

function buildNode(root: JsonSchema, raw: unknown, at: string, refs: string[]): NodePlan | undefined {
  const ref = isRecord(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
  // A recursive schema (a tree of sections) is planned down to its first repetition only.
  if (ref !== undefined && refs.includes(ref)) return undefined;
  const node = deref(root, raw);
  if (node === undefined) return undefined;
  const trail = ref === undefined ? refs : [...refs, ref];
  const object = objectPlan(root, node, at, trail);
  if (object !== undefined) return object;
  if (!isRecord(node.items)) return undefined;
  const items = buildNode(root, node.items, `${at}/items`, trail);
  return items === undefined ? undefined : { kind: 'array', items };
}

function objectPlan(root: JsonSchema, node: JsonSchema, at: string, refs: string[]): ObjectPlan | undefined {
  const plan: ObjectPlan = { kind: 'object', computed: [], requiredIf: [], children: [] };
  for (const { prop, schema, path } of propertiesOf(root, node, at)) {
    const field = deref(root, schema);
    if (field === undefined) continue;
    if (field['x-computed'] !== undefined) {
      plan.computed.push({ prop, field, logic: field['x-computed'], schemaPath: `${path}/x-computed` });
    }
    if (field['x-requiredIf'] !== undefined) {
      plan.requiredIf.push({ prop, field, logic: field['x-requiredIf'], schemaPath: `${path}/x-requiredIf` });
    }
    const child = buildNode(root, schema, path, refs);
    if (child !== undefined) plan.children.push({ prop, plan: child });
  }
  if (plan.computed.length + plan.requiredIf.length + plan.children.length === 0) return undefined;
  plan.computed = inDependencyOrder(plan.computed);
  return plan;
}

/** `properties` of the node and of its `allOf` branches (which describe the same object). */
function propertiesOf(
  root: JsonSchema,
  node: JsonSchema,
  at: string,
): { prop: string; schema: unknown; path: string }[] {
  const found: { prop: string; schema: unknown; path: string }[] = [];
  if (isRecord(node.properties)) {
    for (const [prop, schema] of Object.entries(node.properties)) {
      // A property named __proto__ could never be written safely; definition validation refuses it.
      if (!FORBIDDEN_KEYS.has(prop)) found.push({ prop, schema, path: childPointer(`${at}/properties`, prop) });
    }
  }
  (Array.isArray(node.allOf) ? node.allOf : []).forEach((branch, i) => {
    const resolved = deref(root, branch);
    if (resolved !== undefined) found.push(...propertiesOf(root, resolved, `${at}/allOf/${i}`));
  });
  return found;
}

/** Orders computed siblings so that each comes after the computed siblings it reads (Kahn); a cycle keeps its order. */
function inDependencyOrder(rules: PropertyRule[]): PropertyRule[] {
  const names = new Set(rules.map((r) => r.prop));
  const pending = new Map(rules.map((r) => [r, new Set(siblingReads(r.logic).filter((n) => names.has(n)))]));
  const ordered: PropertyRule[] = [];
  const done = new Set<string>();
  while (pending.size > 0) {
    const ready = [...pending].find(([rule, deps]) => [...deps].every((d) => done.has(d) || d === rule.prop));
    const [rule] = ready ?? [...pending][0] ?? [];
    if (rule === undefined) break;
    pending.delete(rule);
    ordered.push(rule);
    done.add(rule.prop);
  }
  return ordered;
}

/**
 * Every property schema whose rules the plan applies.
 * @example ruleFields(buildPlan(schema)).has(schema.properties.npv) // true
 */
export function ruleFields(plan: NodePlan | null, into = new Set<JsonSchema>()): Set<JsonSchema> {
  if (plan === null) return into;
  if (plan.kind === 'array') return ruleFields(plan.items, into);
  for (const rule of [...plan.computed, ...plan.requiredIf]) into.add(rule.field);
  for (const child of plan.children) ruleFields(child.plan, into);
  return into;
}
