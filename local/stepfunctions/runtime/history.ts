import type { Json } from '../util/json.js';

/**
 * Builders for the details of history events. In memory and in the store an event keeps its details without the
 * `<type>EventDetails` wrapper and without `inputDetails`/`outputDetails`; repo/history.ts restores the API shape.
 */

export function entered(name: string, input: string): Record<string, unknown> {
  return { name, input };
}

export function exited(name: string, output: string): Record<string, unknown> {
  return { name, output };
}

/** Error/cause details, leaving out what is absent (AWS omits them). */
export function errorDetails(error: string | undefined, cause: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (error) out.error = error;
  if (cause !== undefined) out.cause = cause;
  return out;
}

export function json(value: Json): string {
  return JSON.stringify(value);
}
