/**
 * The signature on cpflow's webhook deliveries to banks, and its verification (what a bank's receiver does).
 *
 * Headers on every delivery:
 * - `X-Cpflow-Timestamp`: Unix seconds when this attempt was signed;
 * - `X-Cpflow-Signature`: `v1=` + hex HMAC-SHA256, keyed with the bank's webhook secret, over
 *   `<timestamp>.<raw body>` (the body bytes exactly as received, UTF-8);
 * - `X-Cpflow-Delivery`: the delivery id, the same on every retry of one delivery (drop repeats by it);
 * - `X-Cpflow-Event`: `referral.created` or `referral.withdrawn`; `X-Cpflow-Attempt`: 1, 2, …
 *
 * To verify: recompute the HMAC over the timestamp header, a dot and the raw body; compare it with the `v1` value in
 * constant time; refuse a timestamp more than 5 minutes from your clock (a replayed request).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-cpflow-signature';
export const TIMESTAMP_HEADER = 'x-cpflow-timestamp';
export const DELIVERY_HEADER = 'x-cpflow-delivery';
export const EVENT_HEADER = 'x-cpflow-event';
export const ATTEMPT_HEADER = 'x-cpflow-attempt';
export const TOLERANCE_SECONDS = 300;

/**
 * @example sign('whsec_1', 1767225600, '{"a":1}') // 'v1=5d…'
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver checks, given the two headers, the raw body, the shared secret and its own clock.
 * @example verify({ secret, body, signature: req.headers['x-cpflow-signature'], timestamp: req.headers['x-cpflow-timestamp'] })
 */
export function verify(input: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds?: number;
}): VerifyResult {
  const ts = Number(input.timestamp);
  if (!input.timestamp || !Number.isInteger(ts))
    return { ok: false, reason: 'missing or malformed timestamp' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(sign(input.secret, ts, input.body), 'utf8');
  const given = Buffer.from(input.signature ?? '', 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
