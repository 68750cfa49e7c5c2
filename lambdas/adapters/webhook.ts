/**
 * Delivers webhooks over HTTPS (or HTTP on loopback, for tests and local receivers): signs the body (see
 * webhook-signature.ts), POSTs it with a timeout, and reports the status. Retrying is the caller's business (the
 * green-credit workflow retries with backoff); this makes one attempt.
 */
import type { WebhookSender } from '../core/referrals/webhooks';
import {
  ATTEMPT_HEADER,
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sign,
} from './webhook-signature';

export function httpWebhookSender(opts: { timeoutMs?: number; now?: () => number } = {}): WebhookSender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  return {
    async post(req) {
      const timestamp = Math.floor(now() / 1000);
      const started = Date.now();
      const res = await fetch(req.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'cpflow-webhooks/1',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(req.secret, timestamp, req.body),
          [DELIVERY_HEADER]: req.deliveryId,
          [EVENT_HEADER]: req.event,
          [ATTEMPT_HEADER]: String(req.attempt),
        },
        body: req.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection is reused; its content is not ours to keep.
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, durationMs: Date.now() - started };
    },
  };
}
