/**
 * Reading ASL definitions as data: the states of each scope (top level, Parallel branches, Map processors),
 * their transitions, and which tasks are cpflow human steps.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type AslState = { Type?: string; [k: string]: unknown };
export interface AslScope {
  StartAt?: string;
  States?: Record<string, AslState>;
}

export interface ScopeRef {
  /** JSON pointer of the scope's `States` object, e.g. `/States/Panel/Branches/0/States`. */
  pointer: string;
  scope: AslScope;
}

export const HUMAN_TASK_FUNCTION = 'cp-open-task';
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const WAIT_FOR_TOKEN = '.waitForTaskToken';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every scope in the definition, outermost first. */
export function scopes(definition: AslScope, pointer = '/States'): ScopeRef[] {
  const out: ScopeRef[] = [{ pointer, scope: definition }];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    const at = `${pointer}/${escape(name)}`;
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach(
        (b, i) => isObject(b) && out.push(...scopes(b as AslScope, `${at}/Branches/${i}/States`)),
      );
    }
    if (state.Type === 'Map') {
      const proc = isObject(state.ItemProcessor)
        ? state.ItemProcessor
        : isObject(state.Iterator)
          ? state.Iterator
          : null;
      const key = isObject(state.ItemProcessor) ? 'ItemProcessor' : 'Iterator';
      if (proc) out.push(...scopes(proc as AslScope, `${at}/${key}/States`));
    }
  }
  return out;
}

/** JSON-pointer escaping of a state name. */
export const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** The states a state can move to (Next, Default, Choices, Catch). */
export function successors(state: AslState): string[] {
  const out: string[] = [];
  if (typeof state.Next === 'string') out.push(state.Next);
  if (typeof state.Default === 'string') out.push(state.Default);
  if (Array.isArray(state.Choices)) {
    for (const c of state.Choices) if (isObject(c) && typeof c.Next === 'string') out.push(c.Next);
  }
  if (Array.isArray(state.Catch)) {
    for (const c of state.Catch) if (isObject(c) && typeof c.Next === 'string') out.push(c.Next);
  }
  return out;
}

/** States not reachable from StartAt in one scope. */
export function unreachable(scope: AslScope): string[] {
  const states = scope.States ?? {};
  const seen = new Set<string>();
  const queue = scope.StartAt && states[scope.StartAt] ? [scope.StartAt] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of successors(states[name] ?? {})) if (states[next] && !seen.has(next)) queue.push(next);
  }
  return Object.keys(states).filter((n) => !seen.has(n));
}

/** The function a Task invokes (logical name), or undefined when it invokes none or names it dynamically. */
export function taskFunction(state: AslState): string | undefined {
  const resource = typeof state.Resource === 'string' ? state.Resource : '';
  if (resource.startsWith(LAMBDA_INVOKE)) {
    const params = isObject(state.Parameters) ? state.Parameters : {};
    return typeof params.FunctionName === 'string' ? functionName(params.FunctionName) : undefined;
  }
  const m = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  return m?.[1];
}

/** `cp-x`, `arn:…:function:cp-x[:alias]` or `123:function:cp-x` → `cp-x`. */
export function functionName(nameOrArn: string): string {
  const m = /function:([^:]+)/.exec(nameOrArn);
  return m?.[1] ?? nameOrArn;
}

export function isHumanStep(state: AslState): boolean {
  return (
    state.Type === 'Task' &&
    typeof state.Resource === 'string' &&
    state.Resource === LAMBDA_INVOKE + WAIT_FOR_TOKEN &&
    taskFunction(state) === HUMAN_TASK_FUNCTION
  );
}

/** The Payload of a lambda:invoke Task, as written. */
export function payloadOf(state: AslState): Record<string, unknown> {
  const params = isObject(state.Parameters) ? state.Parameters : {};
  return isObject(params.Payload) ? params.Payload : {};
}

/** Child workflows are referenced by logical name: `"StateMachineArn": "workflow:<id>"`. */
export function childWorkflow(state: AslState): string | undefined {
  if (
    typeof state.Resource !== 'string' ||
    !state.Resource.startsWith('arn:aws:states:::states:startExecution')
  ) {
    return undefined;
  }
  const params = isObject(state.Parameters) ? state.Parameters : {};
  const arn = params.StateMachineArn;
  return typeof arn === 'string' && arn.startsWith('workflow:') ? arn.slice('workflow:'.length) : undefined;
}
