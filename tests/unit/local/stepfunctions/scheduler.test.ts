import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../local/stepfunctions/contract.js';
import { createVirtualClock } from '../../../../local/stepfunctions/clock.js';
import { Scheduler } from '../../../../local/stepfunctions/scheduler.js';

/** A clock that counts how many timers are armed at once (the scheduler must keep one). */
function countingClock(): Clock & { armed: number; maxArmed: number; fireAll(): void } {
  const v = createVirtualClock(0);
  const clock = {
    armed: 0,
    maxArmed: 0,
    now: () => v.now(),
    schedule(at: number, fn: () => void) {
      clock.armed++;
      clock.maxArmed = Math.max(clock.maxArmed, clock.armed);
      const cancel = v.schedule(at, () => {
        clock.armed--;
        fn();
      });
      return () => {
        clock.armed--;
        cancel();
      };
    },
    fireAll() {
      while (v.runNext()) {
        // keep jumping
      }
    },
  };
  return clock;
}

describe('Scheduler', () => {
  it('fires in due order with a single clock timer armed', () => {
    const clock = countingClock();
    const s = new Scheduler(clock);
    const fired: string[] = [];
    for (const [k, at] of [
      ['c', 30],
      ['a', 10],
      ['b', 20],
      ['d', 20],
    ] as const)
      s.set(k, at, () => fired.push(k));
    clock.fireAll();
    expect(fired[0]).toBe('a');
    expect(fired.slice(1, 3).sort()).toEqual(['b', 'd']);
    expect(fired[3]).toBe('c');
    expect(clock.maxArmed).toBe(1);
  });

  it('replaces a key and cancels it', () => {
    const clock = countingClock();
    const s = new Scheduler(clock);
    const fired: string[] = [];
    s.set('x', 10, () => fired.push('x@10'));
    s.set('x', 50, () => fired.push('x@50'));
    s.set('y', 20, () => fired.push('y'));
    s.cancel('y');
    clock.fireAll();
    expect(fired).toEqual(['x@50']);
    expect(clock.now()).toBe(50);
    expect(s.size).toBe(0);
  });

  it('handles thousands of timers', () => {
    const clock = countingClock();
    const s = new Scheduler(clock);
    const fired: number[] = [];
    const ats = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    ats.forEach((at, i) => s.set(String(i), at, () => fired.push(at)));
    for (let i = 0; i < 5000; i += 2) s.cancel(String(i));
    clock.fireAll();
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
    expect(fired).toHaveLength(2500);
  });
});

describe('virtual clock', () => {
  it('jumps to the earliest pending timer', () => {
    const clock = createVirtualClock(1000);
    const seen: number[] = [];
    clock.schedule(5000, () => seen.push(clock.now()));
    clock.schedule(3000, () => seen.push(clock.now()));
    expect(clock.pending()).toBe(2);
    while (clock.runNext()) {
      // drain
    }
    expect(seen).toEqual([3000, 5000]);
  });
});
