import type { ClassicLevel } from 'classic-level';
import { LEVELDB_MAX_FILE_SIZE } from '../../leveldb-options.mjs';
import type { Kv, KvOp, ListOptions } from './kv.js';

/**
 * LevelDB store (classic-level, prebuilt binaries). Keys are `<bucket>\0<key>`, so one bucket is one contiguous
 * key range. Batches are atomic. Writes are not fsync'ed (`sync: false`): they survive a process crash (SIGKILL),
 * which is what the engine promises, but not a power loss of the machine.
 *
 * The write buffer (memtable) is 16 MB instead of LevelDB's 4 MB: a durable execution writes a few KB of history,
 * and a larger memtable means fewer flushes and compactions competing for the two cores (measured, docs/engine.md).
 *
 * Table files are cut at 64 MiB, not 2 MiB (`maxFileSize`, ../../leveldb-options.mjs: a cut can split a key's
 * versions, and LevelDB 1.20 can then bring back an older one; docs/decisions.md D23).
 *
 * A key is read on the calling thread (`getSync`): a get queued to libuv's thread pool wakes a pool thread and then
 * this thread again, and on two cores those hand-offs cost more than the read (docs/decisions.md D27). What is read
 * by key (a task token's record, an execution restored, a definition) is small and recently written, so the read
 * is the memtable's or the block cache's, microseconds.
 *
 * classic-level is imported dynamically by openLevelKv, so the in-memory engine (the Lambda dry run) never loads
 * the native module.
 */
const SEP = '\u0000';
const END = '\u0001';

export async function openLevelKv(dir: string): Promise<Kv> {
  const { ClassicLevel: Level } = await import('classic-level');
  const db = new Level<string, string>(dir, {
    keyEncoding: 'utf8',
    valueEncoding: 'utf8',
    writeBufferSize: 16 * 1024 * 1024,
    maxFileSize: LEVELDB_MAX_FILE_SIZE,
  });
  await db.open();
  return new LevelKv(db);
}

class LevelKv implements Kv {
  readonly durable = true;
  constructor(private readonly db: ClassicLevel<string, string>) {}

  async get(bucket: string, key: string): Promise<string | undefined> {
    return this.db.getSync(bucket + SEP + key) ?? undefined;
  }

  async list(bucket: string, options: ListOptions = {}): Promise<Array<[string, string]>> {
    const prefix = bucket + SEP;
    const range: { gt?: string; gte?: string; lt?: string; reverse?: boolean; limit?: number } = {};
    if (options.reverse) {
      range.gte = prefix;
      range.lt = options.after !== undefined ? prefix + options.after : bucket + END;
      range.reverse = true;
    } else {
      if (options.after !== undefined) range.gt = prefix + options.after;
      else range.gte = prefix;
      range.lt = bucket + END;
    }
    if (options.limit !== undefined) range.limit = options.limit;
    const entries = await this.db.iterator(range).all();
    return entries.map(([k, v]) => [k.slice(prefix.length), v]);
  }

  async forEachKey(bucket: string, fn: (key: string) => void): Promise<void> {
    const prefix = bucket + SEP;
    const it = this.db.keys({ gte: prefix, lt: bucket + END });
    try {
      for (;;) {
        const keys = await it.nextv(1000);
        if (keys.length === 0) return;
        for (const k of keys) fn(k.slice(prefix.length));
      }
    } finally {
      await it.close();
    }
  }

  async write(ops: KvOp[]): Promise<void> {
    if (ops.length === 0) return;
    await this.db.batch(
      ops.map((op) =>
        op.v === undefined
          ? { type: 'del' as const, key: op.b + SEP + op.k }
          : { type: 'put' as const, key: op.b + SEP + op.k, value: op.v },
      ),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
