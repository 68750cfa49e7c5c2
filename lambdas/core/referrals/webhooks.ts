/**
 * Webhook deliveries to banks: the sender port (signing and HTTP live in lambdas/adapters/webhook.ts), one attempt
 * per call, and the delivery log — every attempt recorded (`REFERRAL#<id>` / `DELIVERY#<event>#<attempt>`, and for
 * the bank's administrators GSI1 `DELIVERIES#<bankId>` / `<at>#<referralId>#<attempt>`). Retrying with backoff is
 * the workflow's (a Retry on `Referral.WebhookFailed`); an event already delivered is never posted again.
 */
import { sha256Hex } from '../canonical';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { findWebhook } from './banks';
import { WebhookFailedError } from './errors';

export type WebhookEvent = 'referral.created' | 'referral.withdrawn';

export interface WebhookRequest {
  url: string;
  secret: string;
  event: WebhookEvent;
  /** The same on every attempt of one delivery: the receiver drops repeats by it. */
  deliveryId: string;
  attempt: number;
  body: string;
}

export interface WebhookSender {
  /** One POST; resolves with the HTTP status, rejects on a network error or timeout. */
  post(req: WebhookRequest): Promise<{ status: number; durationMs: number }>;
}

export interface WebhookPorts {
  webhooks?: WebhookSender;
}

export interface DeliveryRecord {
  deliveryId: string;
  referralId: string;
  bankId: string;
  event: WebhookEvent;
  attempt: number;
  at: string;
  outcome: 'delivered' | 'failed';
  /** Scheme, host and path of the receiver (never the secret). */
  target: string;
  httpStatus?: number;
  error?: string;
  durationMs?: number;
}

const deliveryKey = (referralId: string, event: WebhookEvent, attempt: number) => ({
  PK: `REFERRAL#${referralId}`,
  SK: `DELIVERY#${event}#${String(attempt).padStart(4, '0')}`,
});

const recordFromItem = (item: Item): DeliveryRecord => {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as DeliveryRecord;
};

/** Every attempt for a referral, oldest first. */
export async function deliveriesOf(ports: Pick<Ports, 'db'>, referralId: string): Promise<DeliveryRecord[]> {
  const page = await ports.db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :d)',
    ExpressionAttributeValues: { ':pk': `REFERRAL#${referralId}`, ':d': 'DELIVERY#' },
    ConsistentRead: true,
  });
  return page.items.map(recordFromItem).sort((a, b) => a.at.localeCompare(b.at) || a.attempt - b.attempt);
}

/** A bank's delivery log, newest first. */
export async function bankDeliveries(
  ports: Pick<Ports, 'db'>,
  bankId: string,
  limit = 100,
): Promise<DeliveryRecord[]> {
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `DELIVERIES#${bankId}` },
    ScanIndexForward: false,
    Limit: limit,
  });
  return page.items.map(recordFromItem);
}

function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'invalid url';
  }
}

/**
 * One delivery attempt of `event` for a referral to its bank's webhook: `none` when the bank has no active
 * webhook, `delivered` when a 2xx came back (now or before); otherwise the attempt is logged and
 * `Referral.WebhookFailed` is thrown for the workflow to retry.
 * @example await attemptWebhook(ports, { referralId, bankId, event: 'referral.created', body: { package } }) // 'delivered'
 */
export async function attemptWebhook(
  ports: Pick<Ports, 'db' | 'clock'> & WebhookPorts,
  d: { referralId: string; bankId: string; event: WebhookEvent; body: Record<string, unknown> },
): Promise<'none' | 'delivered'> {
  const config = await findWebhook(ports, d.bankId);
  if (!config?.active) return 'none';
  const earlier = (await deliveriesOf(ports, d.referralId)).filter((r) => r.event === d.event);
  if (earlier.some((r) => r.outcome === 'delivered')) return 'delivered';
  const attempt = earlier.length + 1;
  const deliveryId = `dlv_${(await sha256Hex(`${d.referralId}\n${d.event}`)).slice(0, 26)}`;
  const body = JSON.stringify({ event: d.event, deliveryId, referralId: d.referralId, ...d.body });
  const started = ports.clock.now();
  let httpStatus: number | undefined;
  let error: string | undefined;
  let durationMs: number | undefined;
  if (!ports.webhooks) error = 'no webhook sender in this runtime';
  else {
    try {
      const res = await ports.webhooks.post({
        url: config.url,
        secret: config.secret,
        event: d.event,
        deliveryId,
        attempt,
        body,
      });
      httpStatus = res.status;
      durationMs = res.durationMs;
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : 'request failed';
    }
  }
  const record: DeliveryRecord = {
    deliveryId,
    referralId: d.referralId,
    bankId: d.bankId,
    event: d.event,
    attempt,
    at: isoTime(started),
    outcome: error ? 'failed' : 'delivered',
    target: targetOf(config.url),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(error ? { error } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
  await ports.db.put({
    Item: {
      ...deliveryKey(d.referralId, d.event, attempt),
      type: 'webhook-delivery',
      ...record,
      GSI1PK: `DELIVERIES#${d.bankId}`,
      GSI1SK: `${record.at}#${d.referralId}#${String(attempt).padStart(4, '0')}`,
    },
  });
  if (error) throw new WebhookFailedError(`webhook to ${record.target}, attempt ${attempt}: ${error}`);
  return 'delivered';
}
