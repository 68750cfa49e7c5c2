import { isRecord } from './schema-walk';

/**
 * Deep copy of JSON-shaped data. Own keys are copied as own data properties (so a `__proto__` key stays a
 * key and never becomes a prototype); anything that is not an array or plain object is shared as is.
 * @example cloneJson({ a: [1] }) // { a: [1] }, a new object
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Plain assignment of "__proto__" would set the prototype; define it as the own key it was.
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneJson(value[key]), ...OWN });
    else out[key] = cloneJson(value[key]);
  }
  return out as T;
}

const OWN = { enumerable: true, writable: true, configurable: true } as const;

/**
 * Structural equality of JSON-shaped values (key order ignored).
 * @example jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 }) // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isRecord(a) || !isRecord(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/**
 * True for an object made by a JSON parser or a literal (not a Date, Map, class instance…).
 * @example isPlainObject(new Date()) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // "Its prototype is a root prototype" rather than `=== Object.prototype`: plain objects from another realm
  // (an iframe, a vm context) count too.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Own-property test (inherited names such as `toString` are not data).
 * @example hasOwn({ a: 1 }, 'toString') // false
 */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
