/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is kept for 24 h; a retry with
 * the same key and body gets that response again (header `Idempotent-Replayed: true`) without running twice; the
 * same key with another body is refused; a retry while the first is still running gets 409. Keys are scoped
 * to the caller. Only successes are kept: a 4xx or 5xx leaves no record, so the client may retry it.
 *
 * A request whose server died before its response was recorded runs again once the lease has run out: a handler
 * that creates something must then find what the first run created, not create another. The key is handed to the
 * handlers (`idempotencyKey`) for that, e.g. POST /api/cases derives the case id from it.
 */
import { createMiddleware } from 'hono/factory';
import { ConflictError } from '../../core/errors';
import { ConditionFailedError } from '../../core/db/errors';
import type { AppEnv } from '../deps';

const KEEP_SECONDS = 24 * 3600;
const LEASE_MS = 60_000;
const KEY_SHAPE = /^[A-Za-z0-9._:-]{8,128}$/;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (key === undefined || c.req.method !== 'POST') return next();
  if (!KEY_SHAPE.test(key)) {
    throw new ConflictError('INVALID_REQUEST', 'Idempotency-Key must be 8–128 characters of [A-Za-z0-9._:-]');
  }
  c.set('idempotencyKey', key);
  const { db, clock } = c.get('deps');
  const actor = c.get('actor');
  const now = clock.now();
  const recordKey = { PK: `IDEM#${actor.userId}#${key}`, SK: 'IDEM' };
  const requestHash = await sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  try {
    await db.put({
      Item: {
        ...recordKey,
        type: 'idempotency',
        state: 'pending',
        requestHash,
        leaseUntil: now + LEASE_MS,
        expiresAt: Math.floor(now / 1000) + KEEP_SECONDS,
      },
      ConditionExpression:
        'attribute_not_exists(PK) OR expiresAt < :nowS OR (#s = :pending AND leaseUntil < :now)',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':nowS': Math.floor(now / 1000), ':pending': 'pending', ':now': now },
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    const record = await db.get({ Key: recordKey, ConsistentRead: true });
    if (!record)
      throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'a request with this key is being processed');
    if (record.requestHash !== requestHash) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used for a different request',
      );
    }
    if (record.state !== 'done') {
      throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'a request with this key is being processed');
    }
    return new Response(String(record.body), {
      status: Number(record.status),
      headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    });
  }
  await next();
  const res = c.res;
  if (res.status >= 400) {
    // Like Stripe: a refused or failed request keeps no result, so nothing of it stays in the store; a retry runs
    // (and is refused or fails) again.
    await db.delete({ Key: recordKey });
    return;
  }
  const body = await res.clone().text();
  await db.update({
    Key: recordKey,
    UpdateExpression: 'SET #s = :done, #st = :status, #b = :body',
    ExpressionAttributeNames: { '#s': 'state', '#st': 'status', '#b': 'body' },
    ExpressionAttributeValues: { ':done': 'done', ':status': res.status, ':body': body },
  });
});
