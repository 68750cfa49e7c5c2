import { contextFor, evaluate } from './logic';
import { cloneJson, hasOwn, isPlainObject, jsonEqual } from './json';
import { childPointer } from './pointer';
import { planOf } from './rule-plan';
import type { NodePlan, ObjectPlan } from './rule-plan';

/**
 * Passes over the data before giving up on a fixed point. Rows settle in one pass (siblings are ordered);
 * each further level of "a total of computed rows, read by another row" costs one more.
 */
const MAX_PASSES = 16;

export interface ComputedResult {
  /** A new document; the input is never modified. */
  data: unknown;
  /** JSON pointers of the fields whose value was set, replaced or removed. */
  changed: string[];
  /** False when the rules still changed values after the last pass (a cycle such as a = b + 1, b = a + 1). */
  converged: boolean;
}

/**
 * Recomputes every `x-computed` field, row by row, until nothing changes. A rule that yields no number
 * (null, NaN, ±Infinity, undefined) leaves the field absent, so an unfinished row shows an empty cell and
 * `required` still speaks for it. A missing object is created when one of its computed fields has a value
 * (the server stores its own totals even if the client left them out); missing rows are never created.
 * @example applyComputed(schema, { options: [{ investment: 150, cash: 32.5 }] }).data // { options: [{ …, npv: 100.96 }] }
 */
export function applyComputed(schema: object, data: unknown): ComputedResult {
  const copy = cloneJson(data);
  const plan = planOf(schema);
  const changed = new Set<string>();
  if (plan === null || !isPlainObject(copy)) return { data: copy, changed: [], converged: true };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (!computeNode(plan, copy, copy, '', changed)) return { data: copy, changed: [...changed], converged: true };
  }
  return { data: copy, changed: [...changed], converged: false };
}

/** One pass over `value` (mutating the private copy); true when any field changed. */
function computeNode(plan: NodePlan, value: unknown, root: unknown, at: string, changed: Set<string>): boolean {
  if (plan.kind === 'array') {
    if (!Array.isArray(value)) return false;
    let any = false;
    value.forEach((row, i) => {
      if (computeNode(plan.items, row, root, childPointer(at, i), changed)) any = true;
    });
    return any;
  }
  return isPlainObject(value) ? computeObject(plan, value, root, at, changed) : false;
}

function computeObject(
  plan: ObjectPlan,
  holder: Record<string, unknown>,
  root: unknown,
  at: string,
  changed: Set<string>,
): boolean {
  let any = false;
  // Rows first: a total over rows (sum of NPVs) should see this pass's row values.
  for (const { prop, plan: child } of plan.children) {
    const childAt = childPointer(at, prop);
    if (hasOwn(holder, prop) && holder[prop] !== undefined) {
      if (computeNode(child, holder[prop], root, childAt, changed)) any = true;
    } else if (child.kind === 'object') {
      // A missing section still gets its computed fields (a `totals` block the client left out), since the
      // server's values are the ones stored; it stays absent when none of them has a value.
      holder[prop] = {};
      if (computeObject(child, holder[prop] as Record<string, unknown>, root, childAt, changed)) any = true;
      if (Object.keys(holder[prop] as object).length === 0) delete holder[prop];
    }
  }
  if (plan.computed.length === 0) return any;
  const context = contextFor(holder, root);
  for (const { prop, logic } of plan.computed) {
    const next = normalise(evaluate(logic, context));
    const present = hasOwn(holder, prop);
    if (present ? next !== undefined && jsonEqual(holder[prop], next) : next === undefined) continue;
    if (next === undefined) delete holder[prop];
    // A copy: a rule may return a list or object taken from elsewhere in the data, which must not alias.
    else holder[prop] = cloneJson(next);
    context[prop] = next;
    changed.add(childPointer(at, prop));
    any = true;
  }
  return any;
}

/** What a rule's result stores: numbers only when finite, null/undefined as "absent". */
function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return value;
}
