import type { ErrorObject } from 'ajv';
import { getValidator, sharedAjv } from './ajv';
import { CUSTOM_FORMATS, isCustomFormat } from './formats';
import { logicProblems } from './logic';
import { FORBIDDEN_KEYS, childPointer } from './pointer';
import { buildPlan, ruleFields } from './rule-plan';
import { eachSubschema, isRecord } from './schema-walk';
import type { FieldError, JsonSchema } from './types';

const DRAFT_07 = new Set(['http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-07/schema']);
const RULE_KEYWORDS = ['x-computed', 'x-requiredIf'] as const;

/**
 * Problems in a form's schema, with pointers under `/schema`: not draft-07 or not an object at the root,
 * meta-schema violations, unknown keywords, bad regular expressions and formats, rules that are misplaced
 * or use unknown JSON Logic, pattern/format fields without matching `examples`, and finally AJV's strict
 * compilation (its message, located when AJV says where).
 * @example schemaProblems({ type: 'object', properties: { a: { type: 'number', foo: 1 } } }) // [{ path: '/schema/properties/a/foo', … }]
 */
export function schemaProblems(schema: unknown): FieldError[] {
  if (!isRecord(schema)) return [{ path: '/schema', message: 'must be a JSON Schema object', keyword: 'type' }];
  const problems: FieldError[] = [];
  if (schema.type !== 'object') {
    problems.push({ path: '/schema/type', message: 'the root must be of type "object"', keyword: 'type' });
  }
  if (schema.$schema !== undefined && !DRAFT_07.has(String(schema.$schema))) {
    // Another draft's keywords mean other things; nothing below would be meaningful.
    return [{ path: '/schema/$schema', message: 'must be JSON Schema draft-07', keyword: 'draft' }, ...problems];
  }
  problems.push(...metaSchemaProblems(schema));
  const planned = ruleFields(buildPlan(schema));
  eachSubschema(schema, (node, at) => problems.push(...nodeProblems(node, `/schema${at}`, planned)));
  if (problems.length === 0) problems.push(...compileProblems(schema));
  return problems;
}

function metaSchemaProblems(schema: Record<string, unknown>): FieldError[] {
  const ajv = sharedAjv();
  if (ajv.validateSchema(schema) === true) return [];
  const seen = new Set<string>();
  return (ajv.errors ?? []).flatMap((e: ErrorObject) => {
    const path = `/schema${e.instancePath}`;
    if (seen.has(path)) return [];
    seen.add(path);
    return [{ path, message: e.message ?? 'invalid', keyword: 'metaSchema' }];
  });
}

function nodeProblems(node: JsonSchema, at: string, planned: Set<JsonSchema>): FieldError[] {
  const problems: FieldError[] = [];
  const known = sharedAjv().RULES.keywords;
  for (const key of Object.keys(node)) {
    if (known[key] === undefined) {
      problems.push({ path: childPointer(at, key), message: `unknown keyword "${key}"`, keyword: 'strict' });
    }
  }
  if (isRecord(node.properties)) {
    for (const name of Object.keys(node.properties).filter((n) => FORBIDDEN_KEYS.has(n))) {
      problems.push({ path: childPointer(`${at}/properties`, name), message: 'forbidden property name', keyword: 'forbiddenKey' });
    }
  }
  for (const keyword of RULE_KEYWORDS) {
    if (node[keyword] === undefined) continue;
    const where = childPointer(at, keyword);
    if (!planned.has(node)) {
      problems.push({ path: where, message: `${keyword} applies only to a property of an object`, keyword: 'rule' });
    }
    problems.push(...logicProblems(node[keyword], where));
  }
  return [...problems, ...patternProblems(node, at)];
}

/** A field with a pattern or a custom format documents itself with examples that pass it. */
function patternProblems(node: JsonSchema, at: string): FieldError[] {
  const pattern = typeof node.pattern === 'string' ? compilePattern(node.pattern) : undefined;
  if (pattern instanceof Error) return [{ path: `${at}/pattern`, message: pattern.message, keyword: 'pattern' }];
  const format = typeof node.format === 'string' ? node.format : undefined;
  if (format !== undefined && sharedAjv().formats[format] === undefined) {
    return [{ path: `${at}/format`, message: `unknown format "${format}"`, keyword: 'format' }];
  }
  const custom = format !== undefined && isCustomFormat(format) ? CUSTOM_FORMATS[format] : undefined;
  if (pattern === undefined && custom === undefined) return [];
  if (!Array.isArray(node.examples) || node.examples.length === 0) {
    const message = 'a field with a pattern or format needs examples';
    return [{ path: `${at}/examples`, message, keyword: 'examples' }];
  }
  return node.examples.flatMap((example, i) => {
    const path = `${at}/examples/${i}`;
    if (typeof example !== 'string') return [{ path, message: 'must be text', keyword: 'examples' }];
    if (pattern !== undefined && !pattern.test(example)) {
      return [{ path, message: 'does not match the pattern', keyword: 'examples' }];
    }
    if (custom !== undefined && !custom(example)) {
      return [{ path, message: `is not a valid ${String(format)}`, keyword: 'examples' }];
    }
    return [];
  });
}

/** AJV compiles patterns with the `u` flag; so does this check. */
function compilePattern(pattern: string): RegExp | Error {
  try {
    return new RegExp(pattern, 'u');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function compileProblems(schema: Record<string, unknown>): FieldError[] {
  try {
    getValidator(schema);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // AJV names the place for most strict-mode errors: `… at "#/properties/a"` or `… at path "#/…"`.
    const located = /at (?:path )?"#([^"]*)"/.exec(message)?.[1];
    return [{ path: `/schema${located ?? ''}`, message, keyword: 'compile' }];
  }
}
