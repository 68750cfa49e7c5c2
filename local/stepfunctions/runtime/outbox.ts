import type { ExecutionStatusChange } from '../contract.js';
import { BUCKET, pad } from '../repo/keys.js';
import type { Committer } from '../store/committer.js';
import type { KvOp } from '../store/kv.js';
import type { OutboxEntry, ParentLink } from './types.js';
import type { WorkTracker } from './work.js';

export interface Queued {
  seq: number;
  entry: OutboxEntry;
  op: KvOp;
}

/**
 * Notifications that must not be lost: status changes for `onExecutionStatusChange`, and "child finished" for
 * the parent of a `.sync` task. Each is written in the same batch as the state change it reports, delivered
 * after that batch is durable, and deleted once delivered; after a crash, whatever is left is delivered again
 * (at least once). Delivery is serial, so notifications arrive in the order they were committed.
 */
export class Outbox {
  private seq = 0;
  private readonly queue: Queued[] = [];
  private running = false;
  private closed = false;

  constructor(
    private readonly store: Committer,
    private readonly work: WorkTracker,
    private readonly handlers: {
      status?: (change: ExecutionStatusChange) => Promise<void>;
      parent: (link: ParentLink, childArn: string) => Promise<void>;
    },
  ) {}

  /** Loads undelivered entries left by a previous process. */
  async restore(): Promise<void> {
    const rows = await this.store.list(BUCKET.outbox);
    for (const [k, v] of rows) {
      const seq = Number(k);
      this.seq = Math.max(this.seq, seq);
      this.enqueue({ seq, entry: JSON.parse(v) as OutboxEntry, op: { b: BUCKET.outbox, k } });
    }
  }

  prepare(entry: OutboxEntry): Queued {
    const seq = ++this.seq;
    return { seq, entry, op: { b: BUCKET.outbox, k: pad(seq, 16), v: JSON.stringify(entry) } };
  }

  enqueue(q: Queued): void {
    this.work.begin();
    this.queue.push(q);
    if (!this.running) void this.run();
  }

  close(): void {
    this.closed = true;
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.closed) {
      const q = this.queue.shift() as Queued;
      try {
        await this.deliver(q.entry);
        await this.store.commit([{ b: BUCKET.outbox, k: q.op.k }]);
        this.work.end();
      } catch (e) {
        console.error('[stepfunctions] notification failed, will retry:', e);
        this.work.end();
        const retry = setTimeout(() => this.enqueue(q), 1000);
        retry.unref();
      }
    }
    this.running = false;
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    if (entry.k === 'status') await this.handlers.status?.(entry.change);
    else await this.handlers.parent(entry.link, entry.child);
  }
}
