import { isReferencePath, looksLikePath } from './paths.js';
import { IntrinsicSyntaxError, isIntrinsic, parseIntrinsic } from './intrinsics/parser.js';
import type { ChoiceRule, State, StateMachineScope } from './types.js';

/**
 * Structural checks asl-validator does not make or words vaguely, with precise messages: dangling transitions
 * (also out of a Map/Parallel scope), unreachable states, Choice states without rules, misplaced States.ALL,
 * malformed `.$` values, reference paths where the spec requires them.
 */
export interface Diagnostic {
  severity: 'ERROR';
  code: string;
  message: string;
  location: string;
}

const TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

export function checkStructure(def: StateMachineScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkScope(def, '', out, (def as { QueryLanguage?: string }).QueryLanguage ?? 'JSONPath');
  checkUniqueNames(def, '', new Map(), out);
  return out;
}

/** State names must be unique in the whole state machine, nested Map and Parallel scopes included. */
function checkUniqueNames(
  scope: StateMachineScope,
  base: string,
  seen: Map<string, string>,
  out: Diagnostic[],
): void {
  if (!scope?.States || typeof scope.States !== 'object') return;
  for (const [name, state] of Object.entries(scope.States)) {
    const loc = `${base}/States/${name}`;
    const first = seen.get(name);
    if (first) diag(out, 'DUPLICATE_STATE_NAME', `Duplicate State name: ${name} (also at ${first})`, loc);
    else seen.set(name, loc);
    if (!state || typeof state !== 'object') continue;
    const proc = state.ItemProcessor ?? state.Iterator;
    if (state.Type === 'Map' && proc)
      checkUniqueNames(proc, `${loc}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, seen, out);
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((b, i) => checkUniqueNames(b, `${loc}/Branches/${i}`, seen, out));
    }
  }
}

function diag(out: Diagnostic[], code: string, message: string, location: string): void {
  out.push({ severity: 'ERROR', code, message, location });
}

function checkScope(scope: StateMachineScope, base: string, out: Diagnostic[], language: string): void {
  const states = scope.States;
  if (typeof scope.StartAt !== 'string') {
    diag(
      out,
      'SCHEMA_VALIDATION_FAILED',
      'The field "StartAt" is required and must be a string',
      `${base}/StartAt`,
    );
    return;
  }
  if (!states || typeof states !== 'object' || Array.isArray(states) || Object.keys(states).length === 0) {
    diag(out, 'SCHEMA_VALIDATION_FAILED', 'The field "States" must be a non-empty object', `${base}/States`);
    return;
  }
  if (!(scope.StartAt in states)) {
    diag(out, 'MISSING_TRANSITION_TARGET', `Missing 'StartAt' target: ${scope.StartAt}`, `${base}/StartAt`);
  }
  let terminal = false;
  for (const [name, state] of Object.entries(states)) {
    const loc = `${base}/States/${name}`;
    if (name.length === 0 || name.length > 80) {
      diag(out, 'INVALID_STATE_NAME', `State name '${name}' must be 1 to 80 characters long`, loc);
    }
    if (!state || typeof state !== 'object' || !TYPES.has(state.Type)) {
      diag(out, 'SCHEMA_VALIDATION_FAILED', `State '${name}' has no valid "Type"`, `${loc}/Type`);
      continue;
    }
    if (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true) terminal = true;
    for (const [field, target] of transitions(state)) {
      if (!(target in states)) {
        diag(
          out,
          'MISSING_TRANSITION_TARGET',
          `State '${name}' transitions to '${target}', which is not a state of this scope`,
          `${loc}/${field}`,
        );
      }
    }
    checkState(name, state, loc, out, language);
  }
  if (!terminal)
    diag(out, 'MISSING_END_STATE', 'No state is terminal (End, Succeed or Fail)', `${base}/States`);
  for (const name of unreachable(scope)) {
    diag(
      out,
      'MISSING_TRANSITION_TARGET',
      `State '${name}' is not reachable from StartAt '${scope.StartAt}'`,
      `${base}/States/${name}`,
    );
  }
}

/** The transitions a state declares, as [field location, target]. */
function transitions(state: State): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (typeof state.Next === 'string') out.push(['Next', state.Next]);
  if (state.Type === 'Choice') {
    if (typeof state.Default === 'string') out.push(['Default', state.Default]);
    (state.Choices ?? []).forEach((c, i) => {
      if (typeof c?.Next === 'string') out.push([`Choices/${i}/Next`, c.Next]);
    });
  }
  (state.Catch ?? []).forEach((c, i) => {
    if (typeof c?.Next === 'string') out.push([`Catch/${i}/Next`, c.Next]);
  });
  return out;
}

function unreachable(scope: StateMachineScope): string[] {
  const seen = new Set<string>();
  const todo = [scope.StartAt];
  while (todo.length) {
    const name = todo.pop() as string;
    if (seen.has(name) || !(name in scope.States)) continue;
    seen.add(name);
    const st = scope.States[name];
    if (st && typeof st === 'object') for (const [, t] of transitions(st)) todo.push(t);
  }
  return Object.keys(scope.States).filter((n) => !seen.has(n));
}

function checkState(name: string, state: State, loc: string, out: Diagnostic[], language: string): void {
  const jsonata = (state.QueryLanguage ?? language) === 'JSONata';
  if (state.Type === 'Choice') {
    if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
      diag(
        out,
        'SCHEMA_VALIDATION_FAILED',
        `Choice state '${name}' must have at least one rule in "Choices"`,
        `${loc}/Choices`,
      );
    } else if (!jsonata) {
      state.Choices.forEach((rule, i) => checkRule(rule, `${loc}/Choices/${i}`, true, out));
    } else {
      state.Choices.forEach((rule, i) => {
        if (rule?.Condition === undefined || typeof rule.Next !== 'string') {
          diag(
            out,
            'SCHEMA_VALIDATION_FAILED',
            'A JSONata choice rule needs "Condition" and "Next"',
            `${loc}/Choices/${i}`,
          );
        }
      });
    }
  } else if (state.Type !== 'Succeed' && state.Type !== 'Fail') {
    if (state.End === true && state.Next !== undefined) {
      diag(out, 'SCHEMA_VALIDATION_FAILED', `State '${name}' has both "Next" and "End"`, loc);
    } else if (state.End !== true && typeof state.Next !== 'string') {
      diag(out, 'SCHEMA_VALIDATION_FAILED', `State '${name}' needs "Next" or "End": true`, loc);
    }
  }
  for (const list of ['Retry', 'Catch'] as const) {
    const items = state[list];
    if (!Array.isArray(items)) continue;
    items.forEach((r, i) => {
      const eq = r?.ErrorEquals;
      if (!Array.isArray(eq) || eq.length === 0) {
        diag(
          out,
          'SCHEMA_VALIDATION_FAILED',
          `"ErrorEquals" must be a non-empty array`,
          `${loc}/${list}/${i}/ErrorEquals`,
        );
      } else if (eq.includes('States.ALL') && (eq.length > 1 || i !== items.length - 1)) {
        diag(
          out,
          'SCHEMA_VALIDATION_FAILED',
          `States.ALL must appear alone, in the last ${list === 'Retry' ? 'retrier' : 'catcher'}`,
          `${loc}/${list}/${i}/ErrorEquals`,
        );
      }
    });
  }
  if (!jsonata) {
    for (const field of ['Parameters', 'ResultSelector', 'ItemSelector'] as const) {
      if (state[field] !== undefined) checkTemplate(state[field], `${loc}/${field}`, out);
    }
    if (typeof state.ResultPath === 'string' && !isReferencePath(state.ResultPath)) {
      diag(
        out,
        'SCHEMA_VALIDATION_FAILED',
        `ResultPath '${state.ResultPath}' must be a reference path`,
        `${loc}/ResultPath`,
      );
    }
  }
  if (state.Type === 'Map') {
    const proc = state.ItemProcessor ?? state.Iterator;
    if (proc && typeof proc === 'object')
      checkScope(proc, `${loc}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, out, language);
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((b, i) => {
      if (b && typeof b === 'object') checkScope(b, `${loc}/Branches/${i}`, out, language);
    });
  }
}

function checkRule(rule: ChoiceRule, loc: string, top: boolean, out: Diagnostic[]): void {
  if (!rule || typeof rule !== 'object') return;
  if (top && typeof rule.Next !== 'string')
    diag(out, 'SCHEMA_VALIDATION_FAILED', 'A choice rule needs "Next"', loc);
  if (rule.And || rule.Or)
    (rule.And ?? rule.Or ?? []).forEach((r, i) =>
      checkRule(r, `${loc}/${rule.And ? 'And' : 'Or'}/${i}`, false, out),
    );
  else if (rule.Not) checkRule(rule.Not, `${loc}/Not`, false, out);
  else if (typeof rule.Variable !== 'string' || !looksLikePath(rule.Variable)) {
    diag(out, 'SCHEMA_VALIDATION_FAILED', 'A choice rule needs a "Variable" path or And/Or/Not', loc);
  }
}

function checkTemplate(value: unknown, loc: string, out: Diagnostic[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplate(v, `${loc}/${i}`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!key.endsWith('.$')) {
      checkTemplate(v, `${loc}/${key}`, out);
      continue;
    }
    const bad = `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`;
    if (typeof v !== 'string') diag(out, 'SCHEMA_VALIDATION_FAILED', bad, `${loc}/${key}`);
    else if (isIntrinsic(v)) {
      try {
        parseIntrinsic(v);
      } catch (e) {
        if (!(e instanceof IntrinsicSyntaxError)) throw e;
        diag(out, 'SCHEMA_VALIDATION_FAILED', `${bad}: ${e.message}`, `${loc}/${key}`);
      }
    } else if (!looksLikePath(v)) diag(out, 'SCHEMA_VALIDATION_FAILED', bad, `${loc}/${key}`);
  }
}
