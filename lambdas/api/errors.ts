/**
 * Errors become `{ error: { code, message, details? } }` in one place. Domain codes map to statuses in one
 * table; anything unknown is logged and answered with a generic 500 that echoes nothing.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../core/errors';

export const STATUS_OF_CODE: Record<string, ContentfulStatusCode> = {
  INVALID_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_ATTEMPTS: 429,
  CASE_BUSY: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

const HTTP_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export function toErrorResponse(err: unknown, c: Context, log: (err: unknown) => void): Response {
  if (err instanceof DomainError) {
    const status = STATUS_OF_CODE[err.code] ?? 409;
    if (err.code === 'TOO_MANY_ATTEMPTS' && isRetryAfter(err.details)) {
      c.header('Retry-After', String(err.details.retryAfterSeconds));
    }
    if (status === 503) c.header('Retry-After', '1');
    return c.json(errorBody(err.code, err.message, err.details), status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = /malformed json/i.test(err.message)
      ? 'MALFORMED_JSON'
      : (HTTP_CODES[status] ?? 'INVALID_REQUEST');
    return c.json(errorBody(code, err.message || code), status as ContentfulStatusCode);
  }
  log(err);
  return c.json(errorBody('INTERNAL', 'internal error; it has been logged'), 500);
}

function isRetryAfter(details: unknown): details is { retryAfterSeconds: number } {
  return typeof details === 'object' && details !== null && 'retryAfterSeconds' in details;
}
