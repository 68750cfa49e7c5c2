import { runtimeError } from '../errors.js';
import type { Json } from '../util/json.js';
import { evaluatePayload } from './payload.js';
import { describeInput, readPath } from './paths.js';
import { setResultPath } from './result-path.js';
import type { State } from './types.js';

/**
 * Input and output processing of the JSONPath query language, in the order the developer guide gives:
 * InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */

/** InputPath: absent → the whole input; null → `{}`; a path that matches nothing → States.Runtime. */
export function applyInputPath(state: State, input: Json, context: Json): Json {
  return selectPath('InputPath', state.InputPath, input, context);
}

/** OutputPath, with the same null semantics as InputPath. */
export function applyOutputPath(state: State, output: Json, context: Json): Json {
  return selectPath('OutputPath', state.OutputPath, output, context);
}

function selectPath(field: string, path: string | null | undefined, input: Json, context: Json): Json {
  if (path === undefined || path === '$') return input;
  if (path === null) return {};
  const r = readPath(path, input, context);
  if (!r.found) {
    throw runtimeError(
      `Invalid path '${path}' : No results for path: ${field} in the input '${describeInput(input)}'`,
    );
  }
  return r.value;
}

/** Parameters (or ItemSelector): absent → the effective input unchanged. */
export function applyParameters(template: Json | undefined, input: Json, context: Json): Json {
  return template === undefined ? input : evaluatePayload(template, input, context);
}

/** ResultSelector → ResultPath → OutputPath for states that produce a result (Task, Map, Parallel, Pass). */
export function applyResult(state: State, rawInput: Json, result: Json, context: Json): Json {
  const selected =
    state.ResultSelector === undefined ? result : evaluatePayload(state.ResultSelector, result, context);
  const merged = setResultPath(rawInput, state.ResultPath, selected);
  return applyOutputPath(state, merged, context);
}
