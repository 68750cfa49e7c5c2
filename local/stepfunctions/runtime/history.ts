import type { Json } from '../util/json.js';

/** Builders for the detail objects of history events, in the API's shapes (inputs and outputs as JSON text). */

export function entered(name: string, input: string): Record<string, unknown> {
  return { stateEnteredEventDetails: { name, input, inputDetails: { truncated: false } } };
}

export function exited(name: string, output: string): Record<string, unknown> {
  return { stateExitedEventDetails: { name, output, outputDetails: { truncated: false } } };
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
