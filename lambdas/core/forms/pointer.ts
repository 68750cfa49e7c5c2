/**
 * JSON pointers (RFC 6901) — the one way forms code names a place in data or in a definition, because AJV's
 * `instancePath` already speaks it and the web app maps it to a control.
 */

/** Keys that would reach an object's prototype when used as a property name. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Escapes one segment (`~` → `~0`, `/` → `~1`). */
export function escapeSegment(segment: string | number): string {
  const text = String(segment);
  // Nearly every key needs no escaping; skipping the regexes matters on a 300-field form.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Joins segments into a pointer.
 * @example toPointer(['options', 3, 'investment']) // '/options/3/investment'
 */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/**
 * Appends one segment to a pointer.
 * @example childPointer('/options', 2) // '/options/2'
 */
export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(segment)}`;
}

/**
 * Splits a pointer into unescaped segments; throws on a pointer that does not start with `/` (except `''`).
 * @example parsePointer('/a~1b/0') // ['a/b', '0']
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new TypeError(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * True when `path` is `ancestor` or lies below it.
 * @example isAtOrUnder('/options/2/reason', '/options/2') // true
 */
export function isAtOrUnder(path: string, ancestor: string): boolean {
  return path === ancestor || ancestor === '' || path.startsWith(`${ancestor}/`);
}

/**
 * Proper ancestors of a pointer, nearest first, without the root (plus the pointer itself when asked).
 * @example ancestors('/a/b/c', false) // ['/a/b', '/a']
 */
export function ancestors(pointer: string, self: boolean): string[] {
  const list = self ? [pointer] : [];
  for (let cut = pointer.lastIndexOf('/'); cut > 0; cut = pointer.lastIndexOf('/', cut - 1)) {
    list.push(pointer.slice(0, cut));
  }
  return list;
}
