import { getI18nKey, toDataPathSegments } from '@jsonforms/core';
import { getValidator } from './ajv';
import { isRecord, resolveScope } from './schema-walk';
import type { FieldError, JsonSchema } from './types';

/** A Control whose label comes from the translations: the key it needs and where the control is. */
export interface LabelNeed {
  key: string;
  control: string;
}

const EFFECTS = new Set(['HIDE', 'SHOW', 'ENABLE', 'DISABLE', 'READONLY', 'WRITABLE']);

interface UiWalk {
  root: JsonSchema;
  problems: FieldError[];
  labels: LabelNeed[];
}

/**
 * Problems in a uischema, with pointers under `/uischema`: elements without a type, scopes that do not
 * resolve (relative to the root, or to an array's `items` inside `options.detail`), scopes JSON Forms
 * cannot bind to data, malformed rules and condition schemas AJV refuses. Also returns, for the i18n
 * check, the label key of every Control without a literal label — JSON Forms' own `getI18nKey`
 * (control `i18n`, else schema `i18n`, else the dotted data path without row indices).
 * @example uischemaProblems({ type: 'Control', scope: '#/properties/nope' }, schema).problems // [{ path: '/uischema/scope', … }]
 */
export function uischemaProblems(uischema: unknown, schema: JsonSchema): { problems: FieldError[]; labels: LabelNeed[] } {
  const walk: UiWalk = { root: schema, problems: [], labels: [] };
  visit(walk, uischema, '/uischema', schema, []);
  return walk;
}

function visit(walk: UiWalk, element: unknown, at: string, context: JsonSchema, base: string[]): void {
  if (!isRecord(element) || typeof element.type !== 'string') {
    walk.problems.push({ path: at, message: 'a UI schema element needs a type', keyword: 'uischema' });
    return;
  }
  if (element.rule !== undefined) checkRule(walk, element.rule, `${at}/rule`, context);
  if (element.type === 'Control' && typeof element.scope !== 'string') {
    walk.problems.push({ path: `${at}/scope`, message: 'a Control needs a scope', keyword: 'scope' });
  }
  if (typeof element.scope === 'string') control(walk, element, at, context, base);
  if (element.elements !== undefined && !Array.isArray(element.elements)) {
    walk.problems.push({ path: `${at}/elements`, message: 'must be a list of elements', keyword: 'uischema' });
  }
  if (Array.isArray(element.elements)) {
    element.elements.forEach((child, i) => visit(walk, child, `${at}/elements/${i}`, context, base));
  }
}

function control(walk: UiWalk, element: Record<string, unknown>, at: string, context: JsonSchema, base: string[]): void {
  const scope = String(element.scope);
  const node = resolveScope(walk.root, context, scope);
  if (node === undefined) {
    walk.problems.push({ path: `${at}/scope`, message: `scope ${scope} does not resolve to a schema node`, keyword: 'scope' });
    return;
  }
  if (!bindable(scope)) {
    const message = `JSON Forms cannot bind ${scope} to data; rows need an array Control with options.detail`;
    walk.problems.push({ path: `${at}/scope`, message, keyword: 'scope' });
    return;
  }
  const path = [...base, ...toDataPathSegments(scope)];
  if (element.type === 'Control' && typeof element.label !== 'string' && element.label !== false) {
    walk.labels.push({ key: getI18nKey(node, element, path.join('.'), 'label'), control: at });
  }
  const detail = isRecord(element.options) ? element.options.detail : undefined;
  if (!isRecord(detail)) return;
  const items = isRecord(node.items) ? resolveScope(walk.root, node.items as JsonSchema, '#') : undefined;
  visit(walk, detail, `${at}/options/detail`, items ?? node, path);
}

/** JSON Forms reads every other segment as a property name, after dropping combinator and then/else steps. */
function bindable(scope: string): boolean {
  const segments = scope
    .replace(/(anyOf|allOf|oneOf)\/[\d]+\//g, '')
    .replace(/(then|else)\//g, '')
    .split('/')
    .slice(1);
  return segments.every((segment, i) => i % 2 === 1 || segment === 'properties');
}

function checkRule(walk: UiWalk, rule: unknown, at: string, context: JsonSchema): void {
  if (!isRecord(rule) || !EFFECTS.has(String(rule.effect))) {
    walk.problems.push({ path: `${at}/effect`, message: 'a rule needs an effect (HIDE, SHOW, ENABLE, DISABLE…)', keyword: 'rule' });
    return;
  }
  checkCondition(walk, rule.condition, `${at}/condition`, context);
}

function checkCondition(walk: UiWalk, condition: unknown, at: string, context: JsonSchema): void {
  if (!isRecord(condition)) {
    walk.problems.push({ path: at, message: 'a rule needs a condition', keyword: 'rule' });
    return;
  }
  if (condition.type === 'OR' || condition.type === 'AND') {
    const list = Array.isArray(condition.conditions) ? condition.conditions : [];
    if (list.length === 0) walk.problems.push({ path: `${at}/conditions`, message: 'needs conditions', keyword: 'rule' });
    list.forEach((c, i) => checkCondition(walk, c, `${at}/conditions/${i}`, context));
    return;
  }
  const scope = typeof condition.scope === 'string' ? condition.scope : undefined;
  if (scope === undefined || (scope !== '#' && resolveScope(walk.root, context, scope) === undefined)) {
    walk.problems.push({ path: `${at}/scope`, message: 'the condition scope does not resolve', keyword: 'scope' });
  }
  if (condition.type === 'LEAF') return;
  if (!isRecord(condition.schema)) {
    walk.problems.push({ path: at, message: 'a condition needs a schema (or type LEAF)', keyword: 'rule' });
    return;
  }
  try {
    getValidator(condition.schema);
  } catch (error) {
    walk.problems.push({ path: `${at}/schema`, message: String((error as Error).message), keyword: 'compile' });
  }
}
