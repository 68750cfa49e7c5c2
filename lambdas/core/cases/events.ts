/**
 * The case's own append-only event log, hash-chained: each event holds the previous event's hash, so any change
 * to history breaks `verifyChain`. Appending costs one conditional UpdateItem on the case item plus one BatchWrite
 * that also carries the items the caller writes with the event (a task, a notification).
 *
 * The case item keeps the chain head and the last two events (`lastEvent`, `prevEvent`), so an event leaves the
 * case item only when the second append after it is written. An append writes, in its BatchWrite, the events it
 * does not know to be stored (a head read from the store is never assumed stored) with its own. It skips the
 * BatchWrite when that leaves nothing else to write: its single event then waits on the case item (readers merge
 * `prevEvent` and `lastEvent` into the items) and the next append writes it. Losing an event therefore takes two
 * appends of the same case in a row dying between their two writes, as before events could wait (D19).
 */
import { canonicalJson, sha256Hex } from '../canonical';
import { ConditionFailedError } from '../db/errors';
import type { Item, Values } from '../db/port';
import { DomainError, NotFoundError } from '../errors';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

export interface EventActor {
  userId: string;
  role: string;
  name?: string;
}

export interface CaseEvent {
  caseId: string;
  seq: number;
  at: string;
  kind: string;
  actor: EventActor;
  summary: string;
  data?: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type NewEvent = Pick<CaseEvent, 'kind' | 'actor' | 'summary'> & { data?: Record<string, unknown> };

export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });
export const eventKey = (caseId: string, seq: number) => ({
  PK: `CASE#${caseId}`,
  SK: `EVT#${String(seq).padStart(6, '0')}`,
});
export const GENESIS = '0'.repeat(64);

interface Head {
  lastSeq: number;
  lastHash: string;
  lastEvent?: CaseEvent;
  /** The event before `lastEvent`, kept on the case item too. */
  prevEvent?: CaseEvent;
  /** This process wrote `lastEvent` as its own item (a head read from the store is never assumed so). */
  lastStored?: boolean;
  /** This process wrote `prevEvent` as its own item. */
  prevStored?: boolean;
}

/** Chain heads this process wrote last; a stale entry only costs a retry, because every append is conditional. */
const heads = new Map<string, Head>();
const MAX_HEADS = 20_000;

function remember(caseId: string, head: Head) {
  if (heads.size >= MAX_HEADS) heads.delete(heads.keys().next().value as string);
  heads.set(caseId, head);
}

export async function eventHash(e: Omit<CaseEvent, 'hash'>): Promise<string> {
  const { caseId, seq, at, kind, actor, summary, data, prevHash } = e;
  return sha256Hex(canonicalJson({ caseId, seq, at, kind, actor, summary, data, prevHash }));
}

export const eventToItem = (e: CaseEvent): Item => ({
  ...eventKey(e.caseId, e.seq),
  type: 'case-event',
  ...e,
});

export interface AppendOptions {
  /** Extra SET assignments on the case item, as `#name = :value` fragments with their names and values. */
  set?: string[];
  remove?: string[];
  /** ADD fragments on the case item, e.g. `#opened :ids` to add to a string set. */
  add?: string[];
  /** An extra condition that must hold on the case item; when it fails, ConditionFailedError is thrown. */
  condition?: string;
  names?: Record<string, string>;
  values?: Values;
  /** Items written in the same BatchWrite as the events (they must be safe to write more than once). */
  items?: Item[];
}

/**
 * Other writers kept moving the case's chain while this append retried. Not a ConditionFailedError: callers read
 * that as "your own condition failed" (a step opened or closed before), and a lost race must never pass for that.
 * Retryable; the API answers 503 with Retry-After.
 */
export class CaseBusyError extends DomainError {
  constructor(caseId: string) {
    super('CASE_BUSY', `case ${caseId} is busy: too many concurrent changes, try again`);
  }
}

/** A panel's experts answering at once append to one chain; jittered backoff lets them through in turn. */
const APPEND_ATTEMPTS = 24;
const backOff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 5 * 2 ** attempt)));

/** Appends events to a case's chain; returns them with their hashes. Throws NOT_FOUND for an unknown case. */
export async function appendEvents(
  ports: Pick<Ports, 'db' | 'clock'>,
  caseId: string,
  newEvents: NewEvent[],
  opts: AppendOptions = {},
): Promise<{ events: CaseEvent[] }> {
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    if (attempt > 0) await backOff(attempt);
    const head = heads.get(caseId) ?? (await readHead(ports, caseId));
    const at = isoTime(ports.clock.now());
    const events: CaseEvent[] = [];
    let prev = head.lastHash;
    for (const [i, e] of newEvents.entries()) {
      const draft = { caseId, seq: head.lastSeq + i + 1, at, ...e, prevHash: prev };
      const hash = await eventHash(draft);
      events.push({ ...draft, hash });
      prev = hash;
    }
    const last = events[events.length - 1];
    // The event that stays on the case item beside the new last one: the one before it.
    const keep = events.length >= 2 ? events[events.length - 2] : head.lastEvent;
    const names: Record<string, string> = {
      '#seq': 'lastSeq',
      '#hash': 'lastHash',
      '#ev': 'lastEvent',
      '#pev': 'prevEvent',
      '#u': 'updatedAt',
      ...opts.names,
    };
    const values: Values = { ':prevSeq': head.lastSeq, ':u': at, ...opts.values };
    const sets = [...(opts.set ?? []), '#u = :u'];
    if (last) {
      sets.push('#seq = :seq', '#hash = :hash', '#ev = :ev');
      Object.assign(values, { ':seq': last.seq, ':hash': last.hash, ':ev': last });
      if (keep) {
        sets.push('#pev = :pev');
        values[':pev'] = keep;
      }
    }
    if (!last || !keep) delete names['#pev'];
    const condition = ['#seq = :prevSeq', ...(opts.condition ? [`(${opts.condition})`] : [])].join(' AND ');
    try {
      // nothing reads the case item back: the store need not send it (it carries the steps and two events)
      await ports.db.update({
        Key: caseKey(caseId),
        UpdateExpression:
          `SET ${sets.join(', ')}` +
          (opts.remove?.length ? ` REMOVE ${opts.remove.join(', ')}` : '') +
          (opts.add?.length ? ` ADD ${opts.add.join(', ')}` : ''),
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'NONE',
      });
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      heads.delete(caseId);
      const fresh = await readHead(ports, caseId);
      if (fresh.lastSeq === head.lastSeq) throw err; // the chain did not move: the caller's own condition failed
      remember(caseId, fresh); // the next attempt starts from it, with no second read
      continue;
    }
    // Events this process does not know to be stored are written again; the new ones go along whenever a write
    // happens anyway, and a single one may wait on the case item for the next append.
    const items = [
      ...(head.prevEvent && !head.prevStored ? [eventToItem(head.prevEvent)] : []),
      ...(head.lastEvent && !head.lastStored ? [eventToItem(head.lastEvent)] : []),
      ...(opts.items ?? []),
    ];
    const deferLast = items.length === 0 && events.length === 1;
    if (!deferLast) items.push(...events.map(eventToItem));
    if (items.length) await ports.db.batchWrite({ puts: items });
    remember(
      caseId,
      last
        ? {
            lastSeq: last.seq,
            lastHash: last.hash,
            lastEvent: last,
            ...(keep ? { prevEvent: keep, prevStored: true } : {}),
            lastStored: !deferLast,
          }
        : {
            ...head,
            lastStored: head.lastStored || items.length > 0,
            prevStored: head.prevStored || items.length > 0,
          },
    );
    return { events };
  }
  throw new CaseBusyError(caseId);
}

async function readHead({ db }: Pick<Ports, 'db'>, caseId: string): Promise<Head> {
  const item = await db.get({
    Key: caseKey(caseId),
    ConsistentRead: true,
    ProjectionExpression: 'lastSeq, lastHash, lastEvent, prevEvent',
  });
  if (!item) throw new NotFoundError('case', caseId);
  return {
    lastSeq: Number(item.lastSeq ?? 0),
    lastHash: typeof item.lastHash === 'string' ? item.lastHash : GENESIS,
    ...(item.lastEvent ? { lastEvent: item.lastEvent as CaseEvent } : {}),
    ...(item.prevEvent ? { prevEvent: item.prevEvent as CaseEvent } : {}),
  };
}

/** The event items with the events the case item holds merged in (those may not be written as items yet). */
export function withHeadEvents(
  events: CaseEvent[],
  head?: { lastEvent?: unknown; prevEvent?: unknown },
): CaseEvent[] {
  const all = [...events];
  for (const e of [head?.prevEvent, head?.lastEvent] as (CaseEvent | undefined)[]) {
    if (e && !all.some((x) => x.seq === e.seq)) all.push(e);
  }
  return all.sort((a, b) => a.seq - b.seq);
}

/** Forgets cached chain heads (tests that restart a store; a process that knows its cache is stale). */
export const forgetHeads = () => heads.clear();

/** The event items of a case in order (merge the case item's with `withHeadEvents`: they may not be items yet). */
export async function listEvents({ db }: Pick<Ports, 'db'>, caseId: string): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':e': 'EVT#' },
      ExclusiveStartKey: start,
      ConsistentRead: true,
    });
    for (const item of page.items) {
      const { PK: _pk, SK: _sk, type: _t, ...rest } = item;
      events.push(rest as unknown as CaseEvent);
    }
    start = page.lastKey;
  } while (start);
  return events;
}

export interface ChainReport {
  valid: boolean;
  events: number;
  brokenAt?: number;
  reason?: string;
}

/** Recomputes every hash and link; compares the end with the head kept on the case item. */
export async function verifyChain(
  events: CaseEvent[],
  head?: { lastSeq?: unknown; lastHash?: unknown; lastEvent?: unknown; prevEvent?: unknown },
): Promise<ChainReport> {
  const all = withHeadEvents(events, head);
  let prev = GENESIS;
  for (const [i, e] of all.entries()) {
    if (e.seq !== i + 1)
      return { valid: false, events: all.length, brokenAt: i + 1, reason: `event ${i + 1} is missing` };
    if (e.prevHash !== prev)
      return {
        valid: false,
        events: all.length,
        brokenAt: e.seq,
        reason: 'link to the previous event broken',
      };
    const { hash, ...rest } = e;
    if ((await eventHash(rest)) !== hash)
      return { valid: false, events: all.length, brokenAt: e.seq, reason: 'event content changed' };
    prev = hash;
  }
  if (head?.lastSeq !== undefined && Number(head.lastSeq) !== all.length) {
    return {
      valid: false,
      events: all.length,
      brokenAt: all.length + 1,
      reason: 'events after the last one are missing',
    };
  }
  if (head?.lastHash !== undefined && all.length && head.lastHash !== prev) {
    return {
      valid: false,
      events: all.length,
      brokenAt: all.length,
      reason: 'the case head does not match the chain',
    };
  }
  return { valid: true, events: all.length };
}
