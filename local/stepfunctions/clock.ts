import type { Clock, VirtualClock } from './contract.js';

/** setTimeout cannot wait longer than 2^31-1 ms; longer timers re-arm when that elapses. */
const MAX_DELAY = 2 ** 31 - 1;

/** Wall time and setTimeout. Timers are unref'ed: the API server, not a pending Wait, keeps the process alive. */
export function createRealClock(): Clock {
  return {
    now: () => Date.now(),
    schedule(at, fn) {
      let handle: NodeJS.Timeout | undefined;
      const arm = (): void => {
        const delay = at - Date.now();
        if (delay <= 0) {
          handle = undefined;
          fn();
          return;
        }
        handle = setTimeout(arm, Math.min(delay, MAX_DELAY));
        handle.unref();
      };
      arm();
      return () => {
        if (handle) clearTimeout(handle);
      };
    },
  };
}

/**
 * A clock for dry runs: time stands still while the engine works and jumps to the next timer when it is idle
 * (the engine calls `runNext`), so a Wait of a week or a task timeout takes no real time.
 *
 * @example const engine = await startEngine({ invoke, clock: createVirtualClock() });
 */
export function createVirtualClock(start = Date.now()): VirtualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    virtual: true,
    now: () => now,
    schedule(at, fn) {
      const id = ++seq;
      timers.set(id, { at, fn });
      return () => {
        timers.delete(id);
      };
    },
    runNext() {
      let best: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of timers) if (!best || entry[1].at < best[1].at) best = entry;
      if (!best) return false;
      timers.delete(best[0]);
      now = Math.max(now, best[1].at);
      best[1].fn();
      return true;
    },
    pending: () => timers.size,
  };
}

export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return (clock as Partial<VirtualClock>).virtual === true;
}
