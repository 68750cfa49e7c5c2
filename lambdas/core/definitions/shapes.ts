/**
 * A small type system for "what the earlier steps collect": the shape of the state data at each state, inferred
 * from the execution input convention, the forms' JSON Schemas (human steps) and the ASL data-flow fields
 * (InputPath, Parameters, ResultSelector, ResultPath, OutputPath). Unknowable values are `any`, which every
 * check accepts; only what is provably absent or of the wrong type is reported.
 */
export type Shape =
  | { kind: 'any' }
  | { kind: 'string' | 'number' | 'boolean' | 'null' }
  | { kind: 'array'; items: Shape }
  | { kind: 'object'; props: Record<string, Shape> };

export const ANY: Shape = { kind: 'any' };
const STRING: Shape = { kind: 'string' };
const NUMBER: Shape = { kind: 'number' };
export const obj = (props: Record<string, Shape>): Shape => ({ kind: 'object', props });

/** The execution input every cpflow workflow receives (docs/authoring.md). */
export const EXECUTION_INPUT: Shape = obj({
  caseId: STRING,
  programmeId: STRING,
  organisationId: STRING,
  startedBy: STRING,
  data: ANY,
});

type SchemaNode = { type?: unknown; properties?: Record<string, unknown>; items?: unknown };

/** A JSON Schema (as used by forms) to a shape; unknown constructs become `any`. */
export function fromSchema(schema: unknown): Shape {
  if (typeof schema !== 'object' || schema === null) return ANY;
  const s = schema as SchemaNode;
  const type = Array.isArray(s.type) ? undefined : s.type;
  switch (type) {
    case 'object':
      return s.properties
        ? obj(Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v)])))
        : ANY;
    case 'array':
      return { kind: 'array', items: fromSchema(s.items) };
    case 'string':
      return STRING;
    case 'number':
    case 'integer':
      return NUMBER;
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return ANY;
  }
}

/** What SendTaskSuccess returns for a human step whose form has `schema` (docs/authoring.md). */
export const humanStepResult = (formSchema: unknown): Shape =>
  obj({
    submissionId: STRING,
    formId: STRING,
    formVersion: NUMBER,
    data: fromSchema(formSchema),
    submittedBy: STRING,
  });

export const fromLiteral = (value: unknown): Shape => {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'array', items: ANY };
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      return NUMBER;
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return obj(Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, fromLiteral(v)])));
    default:
      return ANY;
  }
};

/** `$.a.b[0].c` → ['a', 'b', 0, 'c']; undefined for paths this checker does not follow (filters, wildcards). */
export function parsePath(path: string): (string | number)[] | undefined {
  if (path === '$') return [];
  if (!path.startsWith('$')) return undefined;
  const parts: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return undefined;
    parts.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4] ?? '')));
  }
  return parts;
}

export type Lookup = { found: true; shape: Shape } | { found: false; known: string[]; at: string };

/** Follows a path into a shape. */
export function lookup(shape: Shape, path: (string | number)[]): Lookup {
  let cur = shape;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    if (cur.kind === 'any') return { found: true, shape: ANY };
    if (typeof part === 'number' && cur.kind === 'array') {
      cur = cur.items;
      continue;
    }
    if (typeof part === 'string' && cur.kind === 'object') {
      const next = cur.props[part];
      if (!next) return { found: false, known: Object.keys(cur.props), at: path.slice(0, i).join('.') };
      cur = next;
      continue;
    }
    return { found: false, known: [], at: path.slice(0, i).join('.') };
  }
  return { found: true, shape: cur };
}

/** `shape` with `value` placed at `path` (ResultPath semantics). */
export function place(shape: Shape, path: (string | number)[], value: Shape): Shape {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head !== 'string') return shape.kind === 'any' ? ANY : shape;
  const props = shape.kind === 'object' ? shape.props : {};
  if (shape.kind === 'any') return ANY;
  return obj({ ...props, [head]: place(props[head] ?? obj({}), rest, value) });
}

/** What is known on every incoming path: the intersection of two shapes. */
export function meet(a: Shape | undefined, b: Shape): Shape {
  if (!a) return b;
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  if (a.kind === 'object' && b.kind === 'object') {
    const props: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(a.props)) {
      const w = b.props[k];
      if (w) props[k] = meet(v, w);
    }
    return obj(props);
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: meet(a.items, b.items) };
  return a.kind === b.kind ? a : ANY;
}

export const sameShape = (a: Shape | undefined, b: Shape | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);
