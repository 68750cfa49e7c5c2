import type { ErrorObject } from 'ajv';
import { childPointer } from './pointer';
import type { FieldError } from './types';

/** Short English per format; the web app translates by `keyword` and the format name. */
const FORMAT_MESSAGES: Record<string, string> = {
  uscc: 'invalid unified social credit code',
  'industry-code': 'invalid industry code (GB/T 4754)',
  'region-code': 'invalid region code',
  'mobile-cn': 'invalid mobile number',
  'phone-cn': 'invalid phone number',
  email: 'invalid email address',
  date: 'invalid date',
  'date-time': 'invalid date and time',
  uri: 'invalid URL',
};

/**
 * Combinator errors that only repeat what their branches say ("must match then schema"); the branch
 * errors are kept.
 */
const NOISE = new Set(['if', 'allOf']);

/**
 * AJV errors as field errors: the pointer names the offending field itself (for `required` and
 * `dependencies` the missing property, for `additionalProperties` the extra one); duplicates are dropped.
 * @example toFieldErrors([{ keyword: 'required', instancePath: '/options/2', params: { missingProperty: 'reason' }, … }]) // [{ path: '/options/2/reason', message: 'required', keyword: 'required' }]
 */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    if (NOISE.has(error.keyword)) continue;
    const field: FieldError = { path: pathOf(error), message: messageOf(error), keyword: error.keyword };
    const key = `${field.path}\u0000${field.keyword ?? ''}\u0000${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(field);
  }
  return out;
}

function pathOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const named =
    error.keyword === 'required' || error.keyword === 'dependencies'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  return typeof named === 'string' && error.keyword !== 'requiredIf'
    ? childPointer(error.instancePath, named)
    : error.instancePath;
}

function messageOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const limit = String(p.limit ?? '');
  switch (error.keyword) {
    case 'required':
    case 'requiredIf':
    case 'dependencies':
      return 'required';
    case 'type':
      return `must be ${article(String(p.type))}`;
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? `must be a valid ${String(p.format)}`;
    case 'pattern':
      return 'invalid format';
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'minLength':
      return `must have at least ${limit} characters`;
    case 'maxLength':
      return `must have at most ${limit} characters`;
    case 'minItems':
      return `needs at least ${limit} rows`;
    case 'maxItems':
      return `allows at most ${limit} rows`;
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`;
    case 'enum':
    case 'const':
      return 'not an allowed value';
    case 'additionalProperties':
      return 'unknown field';
    case 'uniqueItems':
      return 'rows must not repeat';
    case 'anyOf':
    case 'oneOf':
      return 'does not match any allowed shape';
    default:
      return error.message ?? 'invalid';
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    integer: 'a whole number',
    string: 'text',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
