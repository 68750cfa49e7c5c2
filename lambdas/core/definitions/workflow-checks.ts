/**
 * cpflow's publish-time checks on a workflow, beyond ASL validity (which the Step Functions API checks):
 * registered functions, published forms and child workflows, human steps with a timeout and a Catch for it,
 * Choices with a Default, no unreachable state, and Choice variables that exist, type-compatible, in what the
 * earlier steps collect. Every problem has a JSON-pointer path into the definition.
 */
import type { AslScope, AslState } from './asl';
import {
  childWorkflow,
  escape,
  HUMAN_TASK_FUNCTION,
  isHumanStep,
  LAMBDA_INVOKE,
  payloadOf,
  scopes,
  successors,
  taskFunction,
  unreachable,
  WAIT_FOR_TOKEN,
} from './asl';
import type { Shape } from './shapes';
import {
  ANY,
  EXECUTION_INPUT,
  fromLiteral,
  humanStepResult,
  lookup,
  meet,
  obj,
  parsePath,
  place,
  sameShape,
} from './shapes';

export interface Problem {
  path: string;
  message: string;
}

export interface WorkflowCheckContext {
  /** Logical names of the registered task Lambdas (lambdas/registry.ts). */
  functions: ReadonlySet<string>;
  /** Published forms by id (their latest schema), for human steps. */
  forms: ReadonlyMap<string, { schema: unknown }>;
  /** Published workflows, for child-workflow references (`workflow:<id>`). */
  workflows: ReadonlySet<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkWorkflow(definition: unknown, ctx: WorkflowCheckContext): Problem[] {
  if (!isObject(definition) || typeof definition.StartAt !== 'string' || !isObject(definition.States)) {
    return [{ path: '', message: 'a workflow definition is an object with StartAt and States' }];
  }
  const problems: Problem[] = [];
  for (const { pointer, scope } of scopes(definition as AslScope)) {
    for (const name of unreachable(scope)) {
      problems.push({
        path: `${pointer}/${escape(name)}`,
        message: `state "${name}" is unreachable from StartAt`,
      });
    }
    const outer = pointer === '/States';
    const shapes = inferShapes(scope, outer ? EXECUTION_INPUT : ANY, ctx);
    for (const [name, state] of Object.entries(scope.States ?? {})) {
      const at = `${pointer}/${escape(name)}`;
      problems.push(...checkState(state, at, ctx));
      if (state.Type === 'Choice')
        problems.push(...checkChoice(state, at, select(shapes.get(name), state.InputPath)));
    }
  }
  return problems;
}

function checkState(state: AslState, at: string, ctx: WorkflowCheckContext): Problem[] {
  const problems: Problem[] = [];
  const resource = typeof state.Resource === 'string' ? state.Resource : '';
  if (state.Type === 'Task') {
    const invokesLambda = resource.startsWith(LAMBDA_INVOKE) || resource.startsWith('arn:aws:lambda:');
    const fn = taskFunction(state);
    if (invokesLambda && !fn) {
      problems.push({
        path: `${at}/Parameters/FunctionName`,
        message: 'FunctionName must be a literal logical name',
      });
    } else if (fn && !ctx.functions.has(fn)) {
      problems.push({
        path: resource.startsWith(LAMBDA_INVOKE) ? `${at}/Parameters/FunctionName` : `${at}/Resource`,
        message: `"${fn}" is not a registered task Lambda (known: ${[...ctx.functions].sort().join(', ')})`,
      });
    }
    if (resource.startsWith('arn:aws:states:::states:startExecution')) {
      const child = childWorkflow(state);
      if (!child) {
        problems.push({
          path: `${at}/Parameters/StateMachineArn`,
          message: 'name the child workflow as "workflow:<id>"',
        });
      } else if (!ctx.workflows.has(child)) {
        problems.push({
          path: `${at}/Parameters/StateMachineArn`,
          message: `workflow "${child}" is not published`,
        });
      }
    }
    if (
      resource.endsWith(WAIT_FOR_TOKEN) &&
      state.TimeoutSeconds === undefined &&
      state.TimeoutSecondsPath === undefined
    ) {
      problems.push({
        path: `${at}/TimeoutSeconds`,
        message: 'a step that waits for a token needs TimeoutSeconds: no execution may wait forever',
      });
    }
    if (isHumanStep(state)) problems.push(...checkHumanStep(state, at, ctx));
  }
  if (state.Type === 'Choice' && typeof state.Default !== 'string') {
    problems.push({ path: `${at}/Default`, message: 'every Choice needs a Default' });
  }
  return problems;
}

function checkHumanStep(state: AslState, at: string, ctx: WorkflowCheckContext): Problem[] {
  const problems: Problem[] = [];
  const payload = payloadOf(state);
  const p = `${at}/Parameters/Payload`;
  if (payload['token.$'] !== '$$.Task.Token') {
    problems.push({ path: `${p}/token.$`, message: 'a human step passes "token.$": "$$.Task.Token"' });
  }
  if (typeof payload.formId !== 'string') {
    problems.push({ path: `${p}/formId`, message: 'a human step names its form with a literal formId' });
  } else if (!ctx.forms.has(payload.formId)) {
    problems.push({ path: `${p}/formId`, message: `form "${payload.formId}" is not published` });
  }
  if (!isObject(payload.assignee) && typeof payload['assignee.$'] !== 'string') {
    problems.push({
      path: `${p}/assignee`,
      message: 'a human step says who acts: assignee { role, organisationId? | userIds? }',
    });
  }
  if (payload['caseId.$'] === undefined && payload.caseId === undefined) {
    problems.push({ path: `${p}/caseId`, message: 'a human step passes the case: "caseId.$": "$.caseId"' });
  }
  const catches = Array.isArray(state.Catch) ? state.Catch : [];
  const handlesTimeout = catches.some(
    (c) =>
      isObject(c) &&
      Array.isArray(c.ErrorEquals) &&
      c.ErrorEquals.some((e) => e === 'States.Timeout' || e === 'States.ALL'),
  );
  if (!handlesTimeout) {
    problems.push({
      path: `${at}/Catch`,
      message: `a human step (${HUMAN_TASK_FUNCTION}) catches States.Timeout to escalate or remind`,
    });
  }
  return problems;
}

// ---- data flow ------------------------------------------------------------------------------------------

function select(shape: Shape | undefined, path: unknown): Shape {
  const s = shape ?? ANY;
  if (path === undefined || path === '$') return s;
  if (path === null) return obj({});
  const parts = typeof path === 'string' ? parsePath(path) : undefined;
  if (!parts) return ANY;
  const found = lookup(s, parts);
  return found.found ? found.shape : ANY;
}

function evalTemplate(template: unknown, input: Shape): Shape {
  if (!isObject(template)) return fromLiteral(template);
  const props: Record<string, Shape> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const path = typeof value === 'string' ? value : '';
      props[key.slice(0, -2)] = path.startsWith('$$') || !path.startsWith('$') ? ANY : select(input, path);
    } else {
      props[key] = isObject(value) ? evalTemplate(value, input) : fromLiteral(value);
    }
  }
  return obj(props);
}

function resultOf(state: AslState, effectiveInput: Shape, ctx: WorkflowCheckContext): Shape {
  switch (state.Type) {
    case 'Task': {
      if (isHumanStep(state)) {
        const formId = payloadOf(state).formId;
        return humanStepResult(typeof formId === 'string' ? ctx.forms.get(formId)?.schema : undefined);
      }
      if (state.Resource === LAMBDA_INVOKE)
        return obj({ Payload: ANY, StatusCode: { kind: 'number' }, ExecutedVersion: { kind: 'string' } });
      return ANY;
    }
    case 'Pass':
      return 'Result' in state ? fromLiteral(state.Result) : effectiveInput;
    case 'Parallel':
    case 'Map':
      return { kind: 'array', items: ANY };
    default:
      return effectiveInput;
  }
}

/** The output of a state given its input shape (InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath). */
function transfer(state: AslState, input: Shape, ctx: WorkflowCheckContext): Shape {
  const passesThrough = ['Choice', 'Wait', 'Succeed', 'Fail'].includes(String(state.Type));
  const effective = select(input, state.InputPath);
  if (passesThrough) return select(effective, state.OutputPath);
  const params =
    isObject(state.Parameters) && state.Type !== 'Task'
      ? evalTemplate(state.Parameters, effective)
      : effective;
  let result = resultOf(state, params, ctx);
  if (isObject(state.ResultSelector)) result = evalTemplate(state.ResultSelector, result);
  let merged: Shape;
  if (state.ResultPath === null) merged = input;
  else if (state.ResultPath === undefined || state.ResultPath === '$') merged = result;
  else {
    const parts = typeof state.ResultPath === 'string' ? parsePath(state.ResultPath) : undefined;
    merged = parts ? place(input, parts, result) : ANY;
  }
  return select(merged, state.OutputPath);
}

function catchOutput(input: Shape, resultPath: unknown): Shape {
  const error = obj({ Error: { kind: 'string' }, Cause: { kind: 'string' } });
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return error;
  const parts = typeof resultPath === 'string' ? parsePath(resultPath) : undefined;
  return parts ? place(input, parts, error) : ANY;
}

/** The shape of each state's input: the meet over every path that reaches it, to a fixed point. */
export function inferShapes(scope: AslScope, entry: Shape, ctx: WorkflowCheckContext): Map<string, Shape> {
  const states = scope.States ?? {};
  const input = new Map<string, Shape>();
  if (!scope.StartAt || !states[scope.StartAt]) return input;
  input.set(scope.StartAt, entry);
  const work = [scope.StartAt];
  for (let guard = 0; work.length && guard < 10_000; guard++) {
    const name = work.pop()!;
    const state = states[name];
    const shape = input.get(name);
    if (!state || !shape) continue;
    const out = transfer(state, shape, ctx);
    const flows: [string, Shape][] = successors({ ...state, Catch: undefined }).map((n) => [n, out]);
    for (const c of Array.isArray(state.Catch) ? state.Catch : []) {
      if (isObject(c) && typeof c.Next === 'string') flows.push([c.Next, catchOutput(shape, c.ResultPath)]);
    }
    for (const [next, s] of flows) {
      if (!states[next]) continue;
      const before = input.get(next);
      const after = meet(before, s);
      if (!sameShape(before, after)) {
        input.set(next, after);
        work.push(next);
      }
    }
  }
  return input;
}

// ---- Choice variables -----------------------------------------------------------------------------------

const OPERAND_TYPE: [RegExp, Shape['kind'] | null][] = [
  [/^String(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/, 'string'],
  [/^Numeric(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/, 'number'],
  [/^Boolean(Equals)(Path)?$/, 'boolean'],
  [/^Timestamp(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/, 'string'],
  [/^Is(Null|Present|Numeric|String|Boolean|Timestamp)$/, null],
];

function checkChoice(state: AslState, at: string, input: Shape): Problem[] {
  const problems: Problem[] = [];
  const visit = (rule: unknown, path: string) => {
    if (!isObject(rule)) return;
    if (Array.isArray(rule.And)) rule.And.forEach((r, i) => visit(r, `${path}/And/${i}`));
    if (Array.isArray(rule.Or)) rule.Or.forEach((r, i) => visit(r, `${path}/Or/${i}`));
    if (isObject(rule.Not)) visit(rule.Not, `${path}/Not`);
    if (typeof rule.Variable !== 'string') return;
    const operator = Object.keys(rule).find((k) => OPERAND_TYPE.some(([re]) => re.test(k)));
    const expected = operator ? (OPERAND_TYPE.find(([re]) => re.test(operator))?.[1] ?? null) : null;
    // IsPresent exists to ask whether a value is there, so an absent path is its point, not a mistake.
    if (operator !== 'IsPresent') checkVariable(rule.Variable, `${path}/Variable`, expected);
    if (operator?.endsWith('Path') && typeof rule[operator] === 'string') {
      checkVariable(rule[operator] as string, `${path}/${operator}`, expected);
    }
  };
  const checkVariable = (variable: string, path: string, expected: Shape['kind'] | null) => {
    if (variable.startsWith('$$')) return;
    const parts = parsePath(variable);
    if (!parts) return;
    const found = lookup(input, parts);
    if (!found.found) {
      const known = found.known.length ? ` (known there: ${found.known.join(', ')})` : '';
      problems.push({
        path,
        message: `${variable} is not collected by every earlier step${known}`,
      });
      return;
    }
    const actual = found.shape.kind;
    if (expected && actual !== 'any' && actual !== expected) {
      problems.push({ path, message: `${variable} is ${actual}, but the rule compares it as ${expected}` });
    }
  };
  (Array.isArray(state.Choices) ? state.Choices : []).forEach((c, i) => visit(c, `${at}/Choices/${i}`));
  return problems;
}
