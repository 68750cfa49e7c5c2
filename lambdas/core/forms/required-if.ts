import type { ErrorObject } from 'ajv';
import { contextFor, evaluate, truthy } from './logic';
import { isPlainObject } from './json';
import { childPointer } from './pointer';
import { planOf } from './rule-plan';
import type { NodePlan } from './rule-plan';

/**
 * `x-requiredIf` as a pass after AJV rather than an AJV keyword: AJV runs a property's keywords only when
 * the property is present, and "required when …" is about its absence. The errors have AJV's shape
 * (`keyword: 'requiredIf'`, `instancePath` = the missing field), so the server maps them like any other and
 * the web app hands them to JSON Forms as `additionalErrors`, which places them on the field's control.
 *
 * A field counts as missing when absent, null, a blank string or an empty list: for "explain why" and
 * "attach the evidence", a blank is no answer. Rules are evaluated only in objects that exist — a missing
 * row or section is its parent's `required` to report.
 * @example requiredIfErrors(schema, { options: [{ status: '不符合' }] }) // [{ instancePath: '/options/0/reason', keyword: 'requiredIf', … }]
 */
export function requiredIfErrors(schema: object, data: unknown): ErrorObject[] {
  const plan = planOf(schema);
  const errors: ErrorObject[] = [];
  if (plan !== null) collect(plan, data, data, '', errors);
  return errors;
}

function collect(plan: NodePlan, value: unknown, root: unknown, at: string, errors: ErrorObject[]): void {
  if (plan.kind === 'array') {
    if (Array.isArray(value)) value.forEach((row, i) => collect(plan.items, row, root, childPointer(at, i), errors));
    return;
  }
  if (!isPlainObject(value)) return;
  if (plan.requiredIf.length > 0) {
    const context = contextFor(value, root);
    for (const { prop, logic, schemaPath } of plan.requiredIf) {
      const current = Object.prototype.hasOwnProperty.call(value, prop) ? value[prop] : undefined;
      if (!isBlank(current) || !truthy(evaluate(logic, context))) continue;
      errors.push({
        keyword: 'requiredIf',
        instancePath: childPointer(at, prop),
        schemaPath,
        params: { missingProperty: prop },
        message: 'required',
      });
    }
  }
  for (const { prop, plan: child } of plan.children) {
    if (Object.prototype.hasOwnProperty.call(value, prop)) collect(child, value[prop], root, childPointer(at, prop), errors);
  }
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}
