import Ajv from 'ajv';
import type { AnySchemaObject, KeywordDefinition, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CUSTOM_FORMATS } from './formats';
import { schemaCache } from './schema-cache';

/** Widget names the web app's renderer registry knows (`x-widget`); a typo fails compilation. */
export const WIDGETS = ['file', 'options-table', 'checklist-item', 'balance-table', 'coefficient-picker'] as const;

/**
 * cpflow's schema extensions. All are annotations for AJV: `x-computed` and `x-requiredIf` are enforced by the
 * rule layer (rules.ts) because a property's own keywords only run when the property is present, and
 * "required when…" is precisely about absence. Declaring them keeps strict mode on for everything else.
 */
const KEYWORDS: KeywordDefinition[] = [
  { keyword: 'x-computed', schemaType: 'object' },
  { keyword: 'x-requiredIf', schemaType: ['object', 'boolean'] },
  { keyword: 'x-unit', schemaType: 'string' },
  { keyword: 'x-source', schemaType: 'string' },
  { keyword: 'x-widget', schemaType: 'string', metaSchema: { type: 'string', enum: [...WIDGETS] } },
  {
    keyword: 'x-file',
    schemaType: 'object',
    metaSchema: {
      type: 'object',
      properties: {
        maxBytes: { type: 'integer', minimum: 1 },
        accept: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      additionalProperties: false,
    },
  },
  // JSON Forms reads `i18n` on schema nodes as the translation-key prefix.
  { keyword: 'i18n', schemaType: 'string' },
];

/**
 * A fresh AJV 8 (draft-07) in strict mode with ajv-formats, cpflow's formats and keywords. Give one to JSON
 * Forms in the browser so that both sides validate alike.
 * @example const ajv = createAjv(); ajv.validate({ type: 'string', format: 'uscc' }, '91350100M000100Y43') // true
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    // Nullable fields are written `type: ['number', 'null']`; strict mode forbids unions unless allowed.
    allowUnionTypes: true,
    // Compiling must not register `$id`s: a new version of a form keeps its `$id` and would clash.
    addUsedSchema: false,
  });
  addFormats(ajv);
  for (const [name, validate] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  for (const keyword of KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

let shared: Ajv | undefined;

/**
 * The module's own AJV, created on first use; validators compiled by `getValidator` live here.
 * @example sharedAjv() === sharedAjv() // true
 */
export function sharedAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

const validators = new WeakMap<Ajv, (schema: object) => ValidateFunction>();

/**
 * The compiled validator for `schema`, compiled once per distinct schema (by identity, then by JSON text).
 * Throws AJV's compile error for a schema that strict mode refuses.
 * @example getValidator({ type: 'object' })({}) // true
 */
export function getValidator(schema: object, ajv: Ajv = sharedAjv()): ValidateFunction {
  let compile = validators.get(ajv);
  if (compile === undefined) {
    compile = schemaCache((s) => ajv.compile(s as AnySchemaObject), {
      onEvict: (s) => ajv.removeSchema(s as AnySchemaObject),
    });
    validators.set(ajv, compile);
  }
  return compile(schema);
}
