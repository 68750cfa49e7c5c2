import type { UISchemaElement } from '@jsonforms/core';

/**
 * A JSON Schema draft-07 node as cpflow stores it. Only the keywords the forms code reads are named; the
 * index signature keeps every other draft-07 keyword (and cpflow's `x-` annotations) without casts.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  examples?: unknown[];
  /** JSON Forms' i18n key prefix for the field. */
  i18n?: string;
  /** JSON Logic computing the field's value from its row (see rules). */
  'x-computed'?: unknown;
  /** JSON Logic making the field required when truthy (see rules). */
  'x-requiredIf'?: unknown;
  'x-unit'?: string;
  'x-source'?: string;
  'x-widget'?: string;
  'x-file'?: { maxBytes?: number; accept?: string[] };
  [keyword: string]: unknown;
}

/** Labels in both languages the platform speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * A form as administrators publish it: draft-07 schema, JSON Forms UI schema, translations, and at least one
 * complete happy-path data document in `examples` (it feeds the dry run, the gallery and the tests).
 */
export interface FormDefinition {
  id: string;
  title: Bilingual;
  schema: JsonSchema;
  uischema: UISchemaElement;
  i18n?: { zh: Record<string, string>; en: Record<string, string> };
  examples?: unknown[];
}

/**
 * One problem, located by a JSON pointer into whatever was checked (the submitted data, or the definition).
 * `keyword` is the stable code the web app translates; `message` is short English for logs and the API.
 */
export interface FieldError {
  /** JSON pointer, e.g. `/options/3/investment`; `''` is the document itself. */
  path: string;
  message: string;
  keyword?: string;
}
