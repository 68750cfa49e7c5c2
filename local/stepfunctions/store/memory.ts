import type { Kv, KvOp, ListOptions } from './kv.js';

interface Bucket {
  map: Map<string, string>;
  /** Sorted keys, rebuilt lazily after inserts or deletes. */
  sorted: string[] | null;
}

/** In-memory store: a map per bucket, keys sorted on demand for listing. Writes apply synchronously. */
export class MemoryKv implements Kv {
  readonly durable = false;
  private readonly buckets = new Map<string, Bucket>();

  async get(bucket: string, key: string): Promise<string | undefined> {
    return this.getSync(bucket, key);
  }

  getSync(bucket: string, key: string): string | undefined {
    return this.buckets.get(bucket)?.map.get(key);
  }

  async list(bucket: string, options: ListOptions = {}): Promise<Array<[string, string]>> {
    const b = this.buckets.get(bucket);
    if (!b) return [];
    b.sorted ??= [...b.map.keys()].sort();
    let keys = b.sorted;
    if (options.after !== undefined) {
      const after = options.after;
      keys = options.reverse ? keys.filter((k) => k < after) : keys.filter((k) => k > after);
    }
    if (options.reverse) keys = [...keys].reverse();
    if (options.limit !== undefined) keys = keys.slice(0, options.limit);
    return keys.map((k) => [k, b.map.get(k) as string]);
  }

  async forEachKey(bucket: string, fn: (key: string) => void): Promise<void> {
    for (const k of this.buckets.get(bucket)?.map.keys() ?? []) fn(k);
  }

  async write(ops: KvOp[]): Promise<void> {
    this.writeSync(ops);
  }

  writeSync(ops: KvOp[]): void {
    for (const op of ops) {
      let b = this.buckets.get(op.b);
      if (op.v === undefined) {
        if (b?.map.delete(op.k)) b.sorted = null;
        if (b && b.map.size === 0) this.buckets.delete(op.b);
        continue;
      }
      if (!b) {
        b = { map: new Map(), sorted: null };
        this.buckets.set(op.b, b);
      }
      if (!b.map.has(op.k)) b.sorted = null;
      b.map.set(op.k, op.v);
    }
  }

  async close(): Promise<void> {}
}
