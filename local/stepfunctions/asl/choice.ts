import { runtimeError } from '../errors.js';
import type { Json } from '../util/json.js';
import { readPath } from './paths.js';
import { compareInstants, parseTimestamp } from './timestamp.js';
import type { ChoiceRule } from './types.js';

/**
 * Choice rule evaluation (JSONPath). A comparison whose operand has the wrong type is simply false; a Variable (or
 * a `…Path` operand) that matches nothing is a States.Runtime error, except under IsPresent.
 * https://states-language.net/spec.html#choice-state
 */
export function evaluateRule(rule: ChoiceRule, data: Json, context: Json): boolean {
  if (rule.And) return rule.And.every((r) => evaluateRule(r, data, context));
  if (rule.Or) return rule.Or.some((r) => evaluateRule(r, data, context));
  if (rule.Not) return !evaluateRule(rule.Not, data, context);
  const variable = rule.Variable;
  if (typeof variable !== 'string') throw runtimeError('A choice rule has no Variable');
  const v = readPath(variable, data, context);
  const [operator, operand] = comparison(rule);
  if (operator === 'IsPresent') return v.found === operand;
  if (!v.found) {
    throw runtimeError(
      `Invalid path '${variable}': The choice state's condition path references an invalid value.`,
    );
  }
  if (operator.endsWith('Path')) {
    const other = readPath(operand as string, data, context);
    if (!other.found) {
      throw runtimeError(
        `Invalid path '${String(operand)}': The choice state's condition path references an invalid value.`,
      );
    }
    return compare(operator.slice(0, -4), v.value, other.value);
  }
  return compare(operator, v.value, operand as Json);
}

/** The rule's single comparison operator and its operand. */
function comparison(rule: ChoiceRule): [string, Json] {
  for (const key of Object.keys(rule)) {
    if (key !== 'Variable' && key !== 'Next' && key !== 'Comment' && key !== 'Output' && key !== 'Assign') {
      return [key, rule[key] as Json];
    }
  }
  throw runtimeError('A choice rule has no comparison operator');
}

function compare(op: string, value: Json, operand: Json): boolean {
  switch (op) {
    case 'IsNull':
      return (value === null) === operand;
    case 'IsNumeric':
      return (typeof value === 'number') === operand;
    case 'IsString':
      return (typeof value === 'string') === operand;
    case 'IsBoolean':
      return (typeof value === 'boolean') === operand;
    case 'IsTimestamp':
      return (typeof value === 'string' && parseTimestamp(value) !== null) === operand;
    case 'StringMatches':
      return typeof value === 'string' && typeof operand === 'string' && matchesWildcard(value, operand);
    case 'BooleanEquals':
      return typeof value === 'boolean' && value === operand;
  }
  if (op.startsWith('String')) {
    if (typeof value !== 'string' || typeof operand !== 'string') return false;
    return ordered(op.slice(6), value < operand ? -1 : value > operand ? 1 : 0);
  }
  if (op.startsWith('Numeric')) {
    if (typeof value !== 'number' || typeof operand !== 'number') return false;
    return ordered(op.slice(7), value - operand);
  }
  if (op.startsWith('Timestamp')) {
    if (typeof value !== 'string' || typeof operand !== 'string') return false;
    const a = parseTimestamp(value);
    const b = parseTimestamp(operand);
    if (!a || !b) return false;
    return ordered(op.slice(9), compareInstants(a, b));
  }
  throw runtimeError(`Unknown choice operator '${op}'`);
}

function ordered(kind: string, c: number): boolean {
  switch (kind) {
    case 'Equals':
      return c === 0;
    case 'LessThan':
      return c < 0;
    case 'GreaterThan':
      return c > 0;
    case 'LessThanEquals':
      return c <= 0;
    case 'GreaterThanEquals':
      return c >= 0;
  }
  throw runtimeError(`Unknown choice operator suffix '${kind}'`);
}

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are literal. */
export function matchesWildcard(value: string, pattern: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[i + 1] as string);
      i++;
    } else if (ch === '*') re += '[\\s\\S]*';
    else re += escapeRe(ch);
  }
  return new RegExp(re + '$').test(value);
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
