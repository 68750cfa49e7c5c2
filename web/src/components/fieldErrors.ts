/** Server field problems (`error.details[].path`, JSON pointers) keyed by pointer, for plain MUI forms. */
import { ApiError } from '../api/client';

export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const p of error.fieldProblems) out[p.path] ??= p.message;
  }
  return out;
}
