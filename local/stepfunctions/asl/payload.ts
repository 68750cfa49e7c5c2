import { runtimeError } from '../errors.js';
import type { Json, JsonObject } from '../util/json.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics/index.js';
import { describeInput, readPath } from './paths.js';

/**
 * Evaluates a payload template (Parameters, ItemSelector, ResultSelector): keys ending in `.$` take the value of a
 * path or an intrinsic call and lose the suffix; everything else is copied, recursing through objects and arrays.
 *
 * @example evaluatePayload({ 'id.$': '$.x', fixed: 1 }, { x: 'a' }, {}) // → { id: 'a', fixed: 1 }
 */
export function evaluatePayload(template: Json, data: Json, context: Json): Json {
  if (Array.isArray(template)) return template.map((t) => evaluatePayload(t, data, context));
  if (template === null || typeof template !== 'object') return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const field = key.slice(0, -2);
      out[field] = dynamicValue(key, value, data, context);
    } else {
      out[key] = evaluatePayload(value, data, context);
    }
  }
  return out;
}

function dynamicValue(key: string, expr: Json, data: Json, context: Json): Json {
  if (typeof expr !== 'string') throw runtimeError(`The value for the field '${key}' must be a STRING`);
  if (isIntrinsic(expr)) return evaluateIntrinsic(expr, data, context);
  const r = readPath(expr, data, context);
  if (!r.found) {
    const where = expr.startsWith('$$') ? 'context object' : 'input';
    throw runtimeError(
      `The JSONPath '${expr}' specified for the field '${key}' could not be found in the ${where} '${describeInput(
        expr.startsWith('$$') ? context : data,
      )}'`,
    );
  }
  return r.value;
}
