/** JSON values as the interpreter sees them. Values are treated as immutable: every step builds new objects. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Step Functions' payload quota: 256 KiB of UTF-8 (https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html). */
export const PAYLOAD_LIMIT = 262_144;

export function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality (object key order ignored), as States.ArrayContains and ArrayUnique need it. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i] as Json));
  }
  if (Array.isArray(b)) return false;
  const bo = b as JsonObject;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => k in bo && deepEqual(a[k] as Json, bo[k] as Json));
}

/**
 * UTF-8 length of a string. Most payloads are ASCII, so the cheap upper bound (3 bytes a UTF-16 unit) avoids the
 * byte count entirely when it is already under the limit.
 */
export function utf8Length(s: string, limit = PAYLOAD_LIMIT): number {
  if (s.length * 3 <= limit) return s.length;
  return Buffer.byteLength(s, 'utf8');
}

/** Parses JSON text that came from outside (API input, a Lambda payload); undefined when it is not JSON. */
export function tryParse(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

/**
 * Normalises a value handed over by a handler to plain JSON (drops undefined, functions, prototypes), so that later
 * mutation by the caller cannot reach the interpreter's copy.
 */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}
