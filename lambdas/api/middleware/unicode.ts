/**
 * JSON bodies must be valid Unicode: invalid UTF-8 bytes would otherwise be decoded to U+FFFD and lone surrogate
 * escapes (`"\ud800"`) stored as text DynamoDB cannot hold faithfully — either way what the user sent would be
 * changed silently. Both are refused with 400 before any route sees the body.
 */
import { createMiddleware } from 'hono/factory';
import { InvalidRequestError } from '../../core/errors';
import type { AppEnv } from '../deps';

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const decoder = new TextDecoder('utf-8', { fatal: true });

function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([k, v]) => k.isWellFormed() && wellFormed(v));
  }
  return true;
}

export const validUnicode = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.-]+\+)?json/i.test(type) || c.req.method === 'GET') return next();
  // Read once: the routes' validators and the idempotency key's hash take this text from hono's body cache, so the
  // body is neither read (a clone of the request) nor decoded a second time.
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InvalidRequestError('the body is not valid UTF-8');
  }
  // (hono's body cache holds a promise for each way the body was read, though its type declares the value)
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  if (SURROGATE_ESCAPE.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return next(); // malformed JSON: the route's validator answers MALFORMED_JSON
    }
    if (!wellFormed(parsed))
      throw new InvalidRequestError('the body has text that is not valid Unicode (a lone surrogate)');
  }
  await next();
});
