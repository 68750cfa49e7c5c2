import { SfnApiError } from '../errors.js';

/** Request validation helpers; messages follow AWS's validation wording. */
export type Input = Record<string, unknown>;

export function requireString(input: Input, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v === '') {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value ${v === undefined ? 'null' : JSON.stringify(v)} at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

export function optionalString(input: Input, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' must be a string`,
    );
  return v;
}

export function maxLength(value: string | undefined, field: string, max: number): void {
  if (value !== undefined && value.length > max) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
}

/**
 * Names of state machines, executions, aliases: 1–80 characters, no whitespace, brackets, wildcards, special or
 * control characters (StartExecution API reference, `name`).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export function validName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN.test(name);
}

export function checkName(name: string): void {
  if (!validName(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
}

/** maxResults: 0 or absent → default; at most 1000. */
export function pageSize(input: Input, fallback = 100): number {
  const v = input.maxResults;
  if (v === undefined || v === null || v === 0) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value '${String(v)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return v;
}

/** Pagination tokens are opaque to clients: the last key returned, base64url-encoded. */
export function encodePageToken(key: string): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

export function decodePageToken(input: Input): string | undefined {
  const t = input.nextToken;
  if (t === undefined || t === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(String(t), 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to InvalidToken
  }
  throw new SfnApiError('InvalidToken', "Invalid Token: 'Invalid token'");
}
