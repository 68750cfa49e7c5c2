import type { HistoryEvent, PumpEvent } from '../runtime/types.js';
import type { Committer } from '../store/committer.js';
import type { KvOp } from '../store/kv.js';
import { historyBucket, pad } from './keys.js';

/**
 * History storage. The events of one commit are stored together as one value keyed by the id of the last of
 * them (a LevelDB batch costs per key: a 10-state Pass/Choice execution writes one history key, not 22), in a
 * compact encoding, because history bytes dominate what a durable execution writes:
 * - an event is `[id, previousEventId, ms since the chunk's first event, type, details?]`; the details field name
 *   is derived from the type, and `inputDetails`/`outputDetails` (always `{truncated:false}`) are implied;
 * - an input, output or parameters text equal to one already in the chunk (a state's input is the previous
 *   state's output) is stored as the id of the event that holds it.
 * Reading by id stays a range scan: the first chunk whose key is ≥ the wanted id contains it.
 */
const TEXT_FIELDS = ['input', 'output', 'parameters'] as const;

type Row = [number, number, number, string, Record<string, unknown>?];

export function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
}

export function encodeChunk(events: readonly PumpEvent[]): string {
  const base = (events[0] as PumpEvent).timestamp;
  const seen = new Map<string, number>();
  const rows: Array<number | Row> = [base];
  for (const ev of events) {
    const row: Row = [ev.id, ev.previousEventId, ev.timestamp - base, ev.type];
    let d = ev.d;
    if (d) {
      for (const k of TEXT_FIELDS) {
        const v = d[k];
        if (typeof v !== 'string') continue;
        const ref = seen.get(v);
        if (ref === undefined) seen.set(v, ev.id);
        else d = { ...d, [k]: ref };
      }
      row.push(d);
    }
    rows.push(row);
  }
  return JSON.stringify(rows);
}

export function decodeChunk(text: string): HistoryEvent[] {
  const [base, ...rows] = JSON.parse(text) as [number, ...Row[]];
  const texts = new Map<number, string>();
  return rows.map(([id, previousEventId, dt, type, compact]) => {
    const ev: HistoryEvent = { id, previousEventId, timestamp: base + dt, type };
    if (compact) {
      const details: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(compact)) {
        if ((TEXT_FIELDS as readonly string[]).includes(k)) {
          const value = typeof v === 'number' ? (texts.get(v) as string) : (v as string);
          if (typeof v !== 'number') texts.set(id, value);
          details[k] = value;
          if (k === 'input') details.inputDetails = { truncated: false };
          if (k === 'output') details.outputDetails = { truncated: false };
        } else details[k] = v;
      }
      ev[detailsKey(type)] = details;
    }
    return ev;
  });
}

export function historyOps(arn: string, events: readonly PumpEvent[]): KvOp[] {
  const last = events[events.length - 1];
  if (!last) return [];
  return [{ b: historyBucket(arn), k: pad(last.id, 8), v: encodeChunk(events) }];
}

export interface HistoryPage {
  events: HistoryEvent[];
  /** Id to continue from (exclusive), when there is more. */
  next?: number;
}

/**
 * Up to `limit` events after id `after` (ascending), or before id `after` (descending) when `reverse`.
 */
export async function readHistory(
  store: Committer,
  arn: string,
  options: { after?: number; reverse: boolean; limit: number },
): Promise<HistoryPage> {
  const bucket = historyBucket(arn);
  const out: HistoryEvent[] = [];
  if (!options.reverse) {
    let cursor = options.after !== undefined ? pad(options.after, 8) : undefined;
    for (;;) {
      const rows = await store.list(bucket, {
        ...(cursor !== undefined ? { after: cursor } : {}),
        limit: 16,
      });
      for (const [k, v] of rows) {
        cursor = k;
        for (const ev of decodeChunk(v)) {
          if (options.after !== undefined && ev.id <= options.after) continue;
          if (out.length === options.limit)
            return { events: out, next: (out[out.length - 1] as HistoryEvent).id };
          out.push(ev);
        }
      }
      if (rows.length < 16) return { events: out };
    }
  }
  // Descending: start with the chunk holding the first wanted id (or the last chunk), then walk backwards.
  let cursor: string | undefined;
  if (options.after !== undefined) {
    const holding = await store.list(bucket, { after: pad(options.after - 1, 8), limit: 1 });
    const first = holding[0];
    if (first) cursor = pad(Number(first[0]) + 1, 8);
  }
  for (;;) {
    const rows = await store.list(bucket, {
      reverse: true,
      ...(cursor !== undefined ? { after: cursor } : {}),
      limit: 16,
    });
    for (const [k, v] of rows) {
      cursor = k;
      const events = decodeChunk(v);
      for (let i = events.length - 1; i >= 0; i--) {
        const ev = events[i] as HistoryEvent;
        if (options.after !== undefined && ev.id >= options.after) continue;
        if (out.length === options.limit)
          return { events: out, next: (out[out.length - 1] as HistoryEvent).id };
        out.push(ev);
      }
    }
    if (rows.length < 16) return { events: out };
  }
}
