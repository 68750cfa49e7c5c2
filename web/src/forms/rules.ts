/**
 * The browser side of the shared rule layer (lambdas/core/forms, issue 4): the same AJV (strict, cpflow's
 * formats and `x-` keywords), computed fields (`x-computed`), conditional required fields (`x-requiredIf`) and
 * visibility as the server, so what the user sees is what the server enforces. The server still recomputes
 * and revalidates everything on submission.
 */
import type { ErrorObject } from 'ajv';
import {
  applyComputed,
  contextFor,
  createAjv,
  evaluate,
  hiddenPaths,
  isAtOrUnder,
  requiredIfErrors,
} from '../../../lambdas/core/forms';
import type { JsonSchema as CoreSchema } from '../../../lambdas/core/forms';
import { planOf } from '../../../lambdas/core/forms/rule-plan';
import type { UISchemaElement } from '@jsonforms/core';

export { createAjv };

/** Recomputes every computed field; `changed` is false when nothing moved (keep the old object then). */
export function recompute(schema: object, data: unknown): { data: unknown; changed: boolean } {
  if (data === undefined || data === null) return { data, changed: false };
  const result = applyComputed(schema, data);
  return result.changed.length ? { data: result.data, changed: true } : { data, changed: false };
}

/** `x-requiredIf` problems, shaped as AJV errors for JSON Forms' `additionalErrors`. */
export function conditionalRequired(schema: object, data: unknown): ErrorObject[] {
  return requiredIfErrors(schema, data);
}

/** Drops errors on fields the form hides for this data (a hidden field is neither required nor checked). */
export function visibleErrors<E extends { instancePath: string }>(
  errors: readonly E[],
  uischema: UISchemaElement | undefined,
  schema: object,
  data: unknown,
): E[] {
  if (!uischema || errors.length === 0) return [...errors];
  const hidden = [...hiddenPaths(uischema, schema as CoreSchema, data)];
  return errors.filter((e) => !hidden.some((h) => isAtOrUnder(e.instancePath, h)));
}

/**
 * The computed fields of one object (a table row) given its own draft and the whole document for `$root`:
 * the row re-renders alone while the user types, without a pass over the whole form. Returns `row` itself
 * when nothing changes.
 */
export function computeRow(
  rowSchema: object,
  row: Record<string, unknown>,
  root: unknown,
): Record<string, unknown> {
  const plan = planOf(rowSchema);
  if (!plan || plan.kind !== 'object' || plan.computed.length === 0) return row;
  let out = row;
  const context = contextFor(row, root);
  for (const { prop, logic } of plan.computed) {
    let next = evaluate(logic, context);
    if (next === null || (typeof next === 'number' && !Number.isFinite(next))) next = undefined;
    if (out[prop] === next) continue;
    if (out === row) out = { ...row };
    if (next === undefined) delete out[prop];
    else out[prop] = next;
    context[prop] = next;
  }
  return out;
}

/** The names of the computed properties of an object schema. */
export function computedProps(schema: { properties?: Record<string, unknown> } | undefined): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(schema?.properties ?? {})) {
    if (v && typeof v === 'object' && 'x-computed' in v) out.add(k);
  }
  return out;
}
