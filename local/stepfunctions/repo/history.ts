import type { HistoryEvent } from '../runtime/types.js';
import type { Committer } from '../store/committer.js';
import type { KvOp } from '../store/kv.js';
import { historyBucket, pad } from './keys.js';

/**
 * History storage. The events of one commit are stored together as one value keyed by the id of the last of
 * them: a 10-state Pass/Choice execution writes one history key instead of 22, which is most of what makes the
 * durable chain fast (a LevelDB batch costs per key). Reading by id stays a range scan: the first chunk whose key
 * is ≥ the wanted id contains it.
 */
export function historyOps(arn: string, events: readonly HistoryEvent[]): KvOp[] {
  const last = events[events.length - 1];
  if (!last) return [];
  return [{ b: historyBucket(arn), k: pad(last.id, 8), v: JSON.stringify(events) }];
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
        for (const ev of JSON.parse(v) as HistoryEvent[]) {
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
      const events = JSON.parse(v) as HistoryEvent[];
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
