import { getValidator, sharedAjv } from './ajv';
import { applyComputed } from './computed';
import { unsafeData } from './data-guard';
import { toFieldErrors } from './field-errors';
import { ancestors } from './pointer';
import { requiredIfErrors } from './required-if';
import { hiddenPaths } from './visibility';
import type { FieldError, FormDefinition } from './types';

export interface SubmissionResult {
  valid: boolean;
  /** The data with every computed field recomputed: what the server stores (refused unsafe data as is). */
  data: unknown;
  errors: FieldError[];
}

/**
 * Validates data against a published form, as the server does on submit: computed fields are recomputed
 * (a client's values for them are never trusted), then AJV (strict, cpflow formats) and `x-requiredIf` run
 * on the result, and errors on hidden fields are dropped — a hidden field is neither required nor checked.
 * Data with prototype-pollution keys or absurd nesting is refused before anything else touches it.
 * Never throws for any data; a definition that fails `validateFormDefinition` may throw.
 * @example await validateSubmission(form, { enterprise: { uscc: 'x' } }) // { valid: false, errors: [{ path: '/enterprise/uscc', … }], … }
 */
export async function validateSubmission(form: FormDefinition, data: unknown): Promise<SubmissionResult> {
  return Promise.resolve(validateSubmissionSync(form, data));
}

/**
 * The synchronous core of `validateSubmission`, for callers that check many documents in one go
 * (definition examples, drafts pinned to an older version).
 * @example validateSubmissionSync(form, form.examples?.[0]).valid // true
 */
export function validateSubmissionSync(form: FormDefinition, data: unknown): SubmissionResult {
  const unsafe = unsafeData(data);
  if (unsafe.length > 0) return { valid: false, data, errors: unsafe };
  const computed = applyComputed(form.schema, data).data;
  const validate = getValidator(form.schema);
  const ajvErrors = validate(computed) ? [] : (validate.errors ?? []);
  const errors = toFieldErrors([...ajvErrors, ...requiredIfErrors(form.schema, computed)]);
  if (errors.length === 0) return { valid: true, data: computed, errors };
  const hidden = hiddenPaths(form.uischema, form.schema, computed, sharedAjv());
  const underHidden = (path: string) => hidden.has('') || ancestors(path, true).some((a) => hidden.has(a));
  const shown = errors.filter((e) => !underHidden(e.path));
  return { valid: shown.length === 0, data: computed, errors: shown };
}
