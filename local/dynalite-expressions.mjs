// dynalite parses every request's expressions (update, condition, key condition, filter, projection) with its PEG
// parsers, about a fifth of its busy time under the submission benchmark (docs/decisions.md D24). cpflow sends the
// same few expressions over and over with other values — and other names, where a name is an id (a case's step
// under `currentSteps.#tid`) — so each parser's result is kept as a template and given the request's own values
// and names.
//
// A template serves a request when the parse could not have told the two apart:
// - the same expression, key condition or not, and each attribute value of the same type;
// - the same names, except that a name's attribute may differ where it can only have been compared for equality with
//   the other path pieces: no other name has it and the expression's own text does not contain it. A template that
//   stands in for such names is checked once against a parse with stand-in attributes, and not kept as one if the
//   two differ.
// What a parse checks of the values beyond their types depends on their content — BETWEEN's bounds in order,
// attribute_type's type name — so expressions with those are always parsed. A parse that reports a problem is not
// kept, so every error still comes from dynalite's own parse.
import { isDeepStrictEqual } from 'node:util';

/** Where a template holds one of the request's attribute values, or the attribute of one of its names. */
const VALUE = Symbol('attribute value');
const NAME = Symbol('attribute name');
/** A template of an object: its prototype and its entries, whose keys may be placeholders too. */
const OBJECT = Symbol('object');

/** Templates kept per parser; the cache starts again when it is full (expressions outside cpflow's code). */
const MAX_TEMPLATES = 1000;

/**
 * Replaces `parser.parse` (one of dynalite's `db/*Parser` modules) with one that parses each expression once.
 * @param {{ parse: (input: string, options: { context: any }) => unknown }} parser
 */
export function parseOnce(parser) {
  const parse = parser.parse;
  const templates = new Map();
  parser.parse = (input, options) => {
    const context = options.context;
    if (/between|attribute_type/i.test(input)) return parse(input, options);
    const vals = context.attrVals ?? {};
    const names = Object.entries(context.attrNames ?? {});
    const free = new Map(
      names.filter(([, a]) => !input.includes(a) && names.filter(([, b]) => b === a).length === 1),
    );
    const key = JSON.stringify([
      context.isKeyCondition,
      input,
      names.map(([name, attr]) => (free.has(name) ? [name] : [name, attr])),
      Object.entries(vals).map(([name, value]) => [name, Object.keys(value)]),
    ]);
    const kept = templates.get(key);
    if (kept === undefined) {
      const namesBefore = Object.keys(context.unusedAttrNames ?? {});
      const valsBefore = Object.keys(context.unusedAttrVals ?? {});
      const result = parse(input, options);
      if (typeof result !== 'object' || result === null) return result;
      const byValue = new Map(Object.entries(vals).map(([name, value]) => [value, name]));
      const template = toTemplate(result, byValue, new Map([...free].map(([name, attr]) => [attr, name])));
      if (templates.size >= MAX_TEMPLATES) templates.clear();
      templates.set(
        key,
        standsIn(parse, input, context, template, free)
          ? {
              template,
              // the names and values this expression uses, which the request must not report as unused
              names: namesBefore.filter((n) => !(n in context.unusedAttrNames)),
              vals: valsBefore.filter((v) => !(v in context.unusedAttrVals)),
            }
          : null,
      );
      return result;
    }
    if (kept === null) return parse(input, options);
    for (const n of kept.names) delete context.unusedAttrNames[n];
    for (const v of kept.vals) delete context.unusedAttrVals[v];
    return fromTemplate(kept.template, vals, context.attrNames);
  };
  // for tests: which expressions are kept
  Object.defineProperty(parser.parse, 'templates', { value: templates });
}

/**
 * Whether a template made with free names gives what the parser gives when those names stand for other
 * attributes: stand-ins no expression can contain.
 */
function standsIn(parse, input, context, template, free) {
  if (free.size === 0) return true;
  const attrNames = { ...context.attrNames };
  for (const name of free.keys()) attrNames[name] = `\u0000${name}`;
  const scratch = {
    ...context,
    attrNames,
    unusedAttrNames: Object.fromEntries(Object.keys(attrNames).map((n) => [n, true])),
    unusedAttrVals: Object.fromEntries(Object.keys(context.attrVals ?? {}).map((v) => [v, true])),
  };
  return isDeepStrictEqual(
    parse(input, { context: scratch }),
    fromTemplate(template, context.attrVals, attrNames),
  );
}

/**
 * A copy of a parse result with each attribute value object, and each path piece or object key that is a free
 * name's attribute, replaced by a placeholder naming it.
 */
function toTemplate(node, byValue, byAttr) {
  if (typeof node === 'string') return byAttr.has(node) ? { [NAME]: byAttr.get(node) } : node;
  if (node === null || typeof node !== 'object') return node;
  const name = byValue.get(node);
  if (name !== undefined) return { [VALUE]: name };
  if (Array.isArray(node)) return node.map((n) => toTemplate(n, byValue, byAttr));
  return {
    [OBJECT]: Object.getPrototypeOf(node),
    entries: Object.keys(node).map((k) => [
      toTemplate(k, byValue, byAttr),
      toTemplate(node[k], byValue, byAttr),
    ]),
  };
}

/** A fresh parse result from a template — the caller may change it — with this request's values and names. */
function fromTemplate(node, vals, names) {
  if (node === null || typeof node !== 'object') return node;
  if (VALUE in node) return vals[node[VALUE]];
  if (NAME in node) return names[node[NAME]];
  if (Array.isArray(node)) return node.map((n) => fromTemplate(n, vals, names));
  const copy = Object.create(node[OBJECT]);
  for (const [k, v] of node.entries) copy[fromTemplate(k, vals, names)] = fromTemplate(v, vals, names);
  return copy;
}
