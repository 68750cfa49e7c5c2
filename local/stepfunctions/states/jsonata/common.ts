import type { Bindings } from '../../asl/jsonata.js';
import { evaluateAssign, evaluateExpression, evaluateTemplate, isExpression } from '../../asl/jsonata.js';
import type { State } from '../../asl/types.js';
import { StatesError } from '../../errors.js';
import type { Pump } from '../../runtime/pump.js';
import type { Run } from '../../runtime/types.js';
import type { Json, JsonObject } from '../../util/json.js';

/**
 * The JSONata forms of the states: Arguments instead of InputPath/Parameters, Output and Assign instead of
 * ResultSelector/ResultPath/OutputPath, Condition in Choice rules, expressions in Items, Seconds, Timestamp, Error,
 * Cause, TimeoutSeconds… (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). Their
 * evaluator is asynchronous, so these handlers return promises, and results that need Output/Assign go through an
 * 'eval' step (`resume`).
 */
export function bindings(p: Pump, run: Run, states: JsonObject, extra?: JsonObject): Bindings {
  return {
    states: { input: run.input, context: p.fullContext(run, extra), ...states },
    vars: run.vars ?? {},
  };
}

export async function value(field: Json | undefined, b: Bindings): Promise<Json | undefined> {
  return field === undefined ? undefined : isExpression(field) ? evaluateExpression(field, b) : field;
}

export function qe(message: string): StatesError {
  return new StatesError('States.QueryEvaluationError', message);
}

export async function positive(
  field: Json | undefined,
  b: Bindings,
  name: string,
): Promise<number | undefined> {
  const v = await value(field, b);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
    throw qe(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** Output (default: `fallback`) and Assign, evaluated together against the variables as they were. */
export async function leave(
  p: Pump,
  run: Run,
  state: { Output?: Json; Assign?: JsonObject },
  b: Bindings,
  fallback: Json,
  next: string | null,
  s: State,
): Promise<void> {
  const output = state.Output === undefined ? fallback : await evaluateTemplate(state.Output, b);
  const vars = await evaluateAssign(state.Assign, b);
  if (state.Assign) run.vars = vars;
  p.exit(run, s, output, next);
}
