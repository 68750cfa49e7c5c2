import type { Clock } from '../contract.js';
import { isVirtualClock } from '../clock.js';

/**
 * Counts work in progress (messages being processed, invocations in flight, notifications being delivered) to
 * implement `idle()`. With a virtual clock, reaching zero advances time to the next timer instead of resolving.
 */
export class WorkTracker {
  private count = 0;
  private waiters: Array<() => void> = [];
  private checking = false;

  constructor(private readonly clock: Clock) {}

  begin(): void {
    this.count++;
  }

  end(): void {
    this.count--;
    if (this.count === 0 && (this.waiters.length > 0 || isVirtualClock(this.clock))) this.check();
  }

  /** Runs `fn` as tracked work. */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.begin();
    try {
      return await fn();
    } finally {
      this.end();
    }
  }

  idle(): Promise<void> {
    const p = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.check();
    return p;
  }

  /** Settles over a couple of macrotasks, so work that is just being handed over is not mistaken for idleness. */
  private check(): void {
    if (this.checking) return;
    this.checking = true;
    let quiet = 0;
    const tick = (): void => {
      if (this.count > 0) {
        this.checking = false;
        return;
      }
      if (++quiet < 3) {
        setImmediate(tick);
        return;
      }
      if (isVirtualClock(this.clock) && this.clock.runNext()) {
        quiet = 0;
        setImmediate(tick);
        return;
      }
      this.checking = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    };
    setImmediate(tick);
  }
}
