/**
 * How cpflow's platform Lambdas (publish, dry-run) answer: `{ ok: true, value }` or `{ ok: false, error }`, a domain
 * error as data (lambda-invoke.ts revives it on the calling side). Kept apart from lambda-invoke.ts, which imports
 * the Lambda SDK client, so the callees' bundles do not carry that client.
 */
import { DomainError } from '../core/errors';

/** The envelope platform Lambdas answer with. */
export type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: { name: string; message: string; code?: string; details?: unknown } };

/** Wraps a handler body so domain errors are answered as data and anything else fails the invocation. */
export async function answer<T>(run: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof DomainError) {
      return {
        ok: false,
        error: {
          name: err.name,
          message: err.message,
          code: err.code,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      };
    }
    throw err;
  }
}
