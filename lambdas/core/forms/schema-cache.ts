/**
 * Memoises work derived from a schema (compiled validators, rule plans). Hits by object identity first (the
 * common case: a form version held in memory); a schema that arrives as a new but equal object (parsed again
 * from storage, or sent by the web app) is found by its JSON text, so it is not compiled again and the
 * compiled-schema tables never grow with the number of requests. Schemas are treated as immutable once seen.
 */
export interface SchemaCacheOptions<T> {
  /** Distinct schema texts kept; the oldest is dropped first. */
  limit?: number;
  /** Called for a dropped entry, e.g. to release it from AJV's own cache. */
  onEvict?: (schema: object, value: T) => void;
}

/**
 * Returns a memoised `build`.
 * @example const planOf = schemaCache((s) => buildPlan(s)); planOf(schema) === planOf(schema) // true
 */
export function schemaCache<T>(
  build: (schema: object) => T,
  options: SchemaCacheOptions<T> = {},
): (schema: object) => T {
  const limit = options.limit ?? 256;
  const byObject = new WeakMap<object, T>();
  const byText = new Map<string, { schema: object; value: T }>();
  return (schema) => {
    const known = byObject.get(schema);
    if (known !== undefined) return known;
    const text = textOf(schema);
    let entry = byText.get(text);
    if (entry === undefined) {
      entry = { schema, value: build(schema) };
      byText.set(text, entry);
      if (byText.size > limit) evictOldest(byText, options.onEvict);
    }
    byObject.set(schema, entry.value);
    return entry.value;
  };
}

/** JSON text per schema object, shared by every cache so that a new object is serialised once. */
const texts = new WeakMap<object, string>();

function textOf(schema: object): string {
  let text = texts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    texts.set(schema, text);
  }
  return text;
}

function evictOldest<T>(
  byText: Map<string, { schema: object; value: T }>,
  onEvict: ((schema: object, value: T) => void) | undefined,
): void {
  const oldest = byText.keys().next();
  if (oldest.done === true) return;
  const entry = byText.get(oldest.value);
  byText.delete(oldest.value);
  if (entry !== undefined) onEvict?.(entry.schema, entry.value);
}
