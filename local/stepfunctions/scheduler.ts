import type { Clock } from './contract.js';

interface Entry {
  key: string;
  at: number;
  fn: () => void;
  pos: number;
}

/**
 * Named timers on one clock timer: a binary heap ordered by due time, with the clock armed only for the earliest
 * entry. Nothing polls; 10,000 waiting executions with no timers cost nothing, and with timers cost one pending
 * setTimeout. Setting a key again replaces its timer; cancel removes it (so a virtual clock never jumps to a
 * timer nobody needs).
 */
export class Scheduler {
  private readonly heap: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private armedAt: number | null = null;
  private disarm: (() => void) | null = null;
  private closed = false;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.heap.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  set(key: string, at: number, fn: () => void): void {
    const old = this.byKey.get(key);
    if (old) {
      old.fn = fn;
      if (old.at !== at) {
        old.at = at;
        this.fix(old.pos);
      }
    } else {
      const e: Entry = { key, at, fn, pos: this.heap.length };
      this.heap.push(e);
      this.byKey.set(key, e);
      this.up(e.pos);
    }
    this.arm();
  }

  cancel(key: string): void {
    const e = this.byKey.get(key);
    if (!e) return;
    this.removeAt(e.pos);
    this.byKey.delete(key);
    this.arm();
  }

  close(): void {
    this.closed = true;
    this.disarm?.();
    this.disarm = null;
  }

  private arm(): void {
    if (this.closed) return;
    const first = this.heap[0];
    if (!first) {
      this.disarm?.();
      this.disarm = null;
      this.armedAt = null;
      return;
    }
    if (this.armedAt === first.at && this.disarm) return;
    this.disarm?.();
    this.armedAt = first.at;
    this.disarm = this.clock.schedule(first.at, () => this.fire());
  }

  private fire(): void {
    this.disarm = null;
    this.armedAt = null;
    const now = this.clock.now();
    const due: Entry[] = [];
    while (this.heap[0] && (this.heap[0] as Entry).at <= now) {
      const e = this.heap[0] as Entry;
      this.removeAt(0);
      this.byKey.delete(e.key);
      due.push(e);
    }
    for (const e of due) e.fn();
    this.arm();
  }

  private removeAt(pos: number): void {
    const last = this.heap.pop() as Entry;
    if (pos < this.heap.length) {
      this.heap[pos] = last;
      last.pos = pos;
      this.fix(pos);
    }
  }

  private fix(pos: number): void {
    this.up(pos);
    this.down(pos);
  }

  private up(pos: number): void {
    const h = this.heap;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if ((h[parent] as Entry).at <= (h[pos] as Entry).at) break;
      this.swap(pos, parent);
      pos = parent;
    }
  }

  private down(pos: number): void {
    const h = this.heap;
    for (;;) {
      const l = pos * 2 + 1;
      const r = l + 1;
      let m = pos;
      if (l < h.length && (h[l] as Entry).at < (h[m] as Entry).at) m = l;
      if (r < h.length && (h[r] as Entry).at < (h[m] as Entry).at) m = r;
      if (m === pos) return;
      this.swap(pos, m);
      pos = m;
    }
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const ea = h[a] as Entry;
    const eb = h[b] as Entry;
    h[a] = eb;
    h[b] = ea;
    ea.pos = b;
    eb.pos = a;
  }
}
