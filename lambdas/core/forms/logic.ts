import * as jsonLogicModule from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import {
  annualCashFlow,
  deviationPct,
  irr,
  irrInterpolated,
  npv,
  npvr,
  payback,
  round,
  sum,
} from './finance';
import { FORBIDDEN_KEYS, childPointer } from './pointer';
import type { FieldError } from './types';

// json-logic-js is a UMD bundle: bundlers hand it over as the namespace, Node's ESM loader as `default`.
const jsonLogic: typeof jsonLogicModule =
  (jsonLogicModule as { default?: typeof jsonLogicModule }).default ?? jsonLogicModule;

/** cpflow's operations; json-logic-js keeps operations in one global table, so they are added once. */
const CPFLOW_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  npv,
  npvr,
  irr,
  irrInterpolated,
  payback,
  annualCashFlow,
  sum,
  round,
  deviationPct,
};
for (const [name, fn] of Object.entries(CPFLOW_OPERATIONS)) jsonLogic.add_operation(name, fn);

/**
 * Operations a form may use: JSON Logic's own (without `log`, which writes to the console) and cpflow's.
 * Definition validation refuses anything else, so a typo is caught at publish, not as a silent null.
 */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  ...['var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and'],
  ...['>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%'],
  ...['map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in', 'cat', 'substr'],
  ...Object.keys(CPFLOW_OPERATIONS),
]);

/** The key under which a rule's context exposes the whole form data. */
export const ROOT_KEY = '$root';

/**
 * The data a rule sees: the object holding the field, plus `$root` for the whole form, so
 * `{"var":"investment"}` reads a sibling and `{"var":"$root.enterprise.size"}` reads from the top.
 * @example contextFor({ a: 1 }, root) // { a: 1, $root: root }
 */
export function contextFor(holder: Record<string, unknown>, root: unknown): Record<string, unknown> {
  return { ...holder, [ROOT_KEY]: root };
}

/**
 * Evaluates a rule; a rule that throws on this data (a string where a list was expected, say) yields
 * `undefined` — definition validation catches rules that are broken for every input.
 * @example evaluate({ '+': [{ var: 'a' }, 1] }, { a: 1 }) // 2
 */
export function evaluate(logic: unknown, context: Record<string, unknown>): unknown {
  try {
    return jsonLogic.apply(logic as RulesLogic, context);
  } catch {
    // Deliberate: an unevaluable rule means "no value" (computed) or "not required" (requiredIf).
    return undefined;
  }
}

/**
 * JSON Logic's truthiness (an empty list is false), used for `x-requiredIf`.
 * @example truthy([]) // false
 */
export function truthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

/**
 * The sibling names a rule reads (first segment of each `var`), to order computed fields in a row.
 * @example siblingReads({ npv: [{ var: 'investment' }, { var: 'cash' }, 10, 0.05] }) // ['investment', 'cash']
 */
export function siblingReads(logic: unknown): string[] {
  const reads: string[] = [];
  visitVars(logic, (name) => {
    const first = name.split('.')[0];
    if (first !== undefined && first !== '' && first !== ROOT_KEY) reads.push(first);
  });
  return reads;
}

function visitVars(logic: unknown, onVar: (name: string) => void): void {
  if (Array.isArray(logic)) {
    for (const item of logic) visitVars(item, onVar);
    return;
  }
  if (!isOperation(logic)) return;
  const [op, args] = Object.entries(logic)[0] ?? [];
  const list: unknown[] = Array.isArray(args) ? args : [args];
  if (op === 'var' && (typeof list[0] === 'string' || typeof list[0] === 'number')) onVar(String(list[0]));
  else visitVars(list, onVar);
}

function isOperation(logic: unknown): logic is Record<string, unknown> {
  return typeof logic === 'object' && logic !== null && !Array.isArray(logic) && Object.keys(logic).length === 1;
}

/**
 * Problems in a rule, located under `path`: unknown operations, objects that are not operations
 * (JSON Logic would silently treat them as data), and `var` paths that reach for prototypes.
 * @example logicProblems({ nvp: [] }, '/x-computed') // [{ path: '/x-computed/nvp', message: 'unknown JSON Logic operation "nvp"', … }]
 */
export function logicProblems(logic: unknown, path: string): FieldError[] {
  if (Array.isArray(logic)) return logic.flatMap((item, i) => logicProblems(item, childPointer(path, i)));
  if (typeof logic !== 'object' || logic === null) return [];
  if (!isOperation(logic)) {
    return [{ path, message: 'not a JSON Logic operation (an operation has exactly one key)', keyword: 'logic' }];
  }
  const [op, args] = Object.entries(logic)[0] ?? ['', undefined];
  const at = childPointer(path, op);
  if (!KNOWN_OPERATIONS.has(op)) {
    return [{ path: at, message: `unknown JSON Logic operation "${op}"`, keyword: 'logic' }];
  }
  if (op === 'var') return varProblems(args, at);
  return logicProblems(args, at);
}

function varProblems(args: unknown, at: string): FieldError[] {
  const list: unknown[] = Array.isArray(args) ? args : [args];
  const [name] = list;
  if (typeof name === 'string' && name.split('.').some((s) => FORBIDDEN_KEYS.has(s))) {
    return [{ path: at, message: `var "${name}" reaches for a prototype`, keyword: 'logic' }];
  }
  if (typeof name !== 'string' && typeof name !== 'number' && name !== undefined && name !== null) {
    return logicProblems(name, Array.isArray(args) ? childPointer(at, 0) : at);
  }
  return [];
}
