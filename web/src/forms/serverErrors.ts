/**
 * Server validation problems (`422 error.details: [{ path, message }]`, JSON pointers) as AJV errors, which
 * JSON Forms shows on the field at that path through its `additionalErrors`.
 */
import type { ErrorObject } from 'ajv';
import type { FieldProblem } from '../api/client';

export function toAjvErrors(problems: readonly FieldProblem[]): ErrorObject[] {
  return problems.map((p) => ({
    instancePath: p.path === '/' ? '' : p.path,
    schemaPath: '#/server',
    keyword: 'server',
    params: p.keyword ? { keyword: p.keyword } : {},
    message: p.message,
  }));
}

/** The value at a JSON pointer (RFC 6901), or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return data;
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Keeps the problems whose field still holds the value the server refused (an edit clears its problem). */
export function stillStanding(
  problems: readonly FieldProblem[],
  submitted: unknown,
  current: unknown,
): FieldProblem[] {
  return problems.filter((p) => valueAt(submitted, p.path) === valueAt(current, p.path));
}
