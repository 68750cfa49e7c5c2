import { runtimeError } from '../../errors.js';
import type { Json } from '../../util/json.js';
import { readPath } from '../paths.js';
import type { Evaluated } from './functions.js';
import { callIntrinsic } from './functions.js';
import type { Arg } from './parser.js';
import { IntrinsicSyntaxError, isIntrinsic, parseIntrinsic } from './parser.js';

export { isIntrinsic };

/**
 * Evaluates an intrinsic call such as `States.Format('Hello {}', $.name)` against the state data and the
 * context object.
 */
export function evaluateIntrinsic(text: string, data: Json, context: Json): Json {
  let call;
  try {
    call = parseIntrinsic(text);
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError)
      throw runtimeError(`Invalid intrinsic function call '${text}': ${e.message}`);
    throw e;
  }
  return evalArg(call, data, context).value;
}

function evalArg(arg: Arg, data: Json, context: Json): Evaluated {
  switch (arg.kind) {
    case 'literal':
      return typeof arg.value === 'string'
        ? { value: arg.value, raw: arg.raw ?? arg.value }
        : { value: arg.value };
    case 'path': {
      const r = readPath(arg.path, data, context);
      if (!r.found)
        throw runtimeError(`The JsonPath argument '${arg.path}' of an intrinsic function could not be found`);
      return { value: r.value };
    }
    case 'call':
      return {
        value: callIntrinsic(
          arg.name,
          arg.args.map((a) => evalArg(a, data, context)),
        ),
      };
  }
}
