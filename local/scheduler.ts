/**
 * The local stand-in for the EventBridge schedule: runs `cp-reminders` once at start (catching up a day the machine
 * was off) and then every day at 01:00 China time, in-process through lambdas/registry.ts like the engine's tasks.
 * A run that fails is logged and tried again at the next tick; the sweep is idempotent, so an extra run is harmless.
 */
import { findTaskFunction } from '../lambdas/registry';
import { taskHandler } from '../lambdas/task-runtime';
import type { TaskDeps } from '../lambdas/task-runtime';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Milliseconds from `now` to the next `hour`:00 China time. @example msUntilNext(Date.parse('2026-11-28T16:30:00Z'), 1) // 30 min */
export function msUntilNext(now: number, hour: number): number {
  const china = now + CHINA_OFFSET_MS;
  const next = Math.floor(china / DAY_MS) * DAY_MS + hour * 3_600_000;
  return (next > china ? next : next + DAY_MS) - china;
}

export interface Scheduler {
  stop(): void;
  /** Resolves when the run at start has finished (tests, orderly shutdown). */
  started: Promise<void>;
}

export function startReminderScheduler(
  deps: TaskDeps,
  opts: { hour?: number; log?: (message: string, extra?: unknown) => void } = {},
): Scheduler {
  const hour = opts.hour ?? 1;
  const log = opts.log ?? ((m, e) => console.log(m, e ?? ''));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const handler = taskHandler((await findTaskFunction('cp-reminders')!.load()).create, deps);
      const report = (await handler({})) as {
        asOf: string;
        certificates: { reminded: unknown[]; renewals: unknown[] };
      };
      log(
        `  Reminder sweep ${report.asOf}: ${report.certificates.reminded.length} expiry reminders, ${report.certificates.renewals.length} renewal rounds`,
      );
    } catch (err) {
      log('  Reminder sweep failed (next run tomorrow):', err);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void run().then(schedule), msUntilNext(deps.clock.now(), hour));
    timer.unref();
  };
  const started = run().then(schedule);
  return {
    started,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * The dashboard roll-up (`cp-dashboard`) every `everyMinutes` (default 10; 0: never), the first shortly after
 * start. Runs never overlap: the next is timed from the end of the last.
 */
export function startDashboardScheduler(
  deps: TaskDeps,
  opts: {
    everyMinutes?: number;
    firstAfterMs?: number;
    log?: (message: string, extra?: unknown) => void;
  } = {},
): Scheduler {
  const every = (opts.everyMinutes ?? 10) * 60_000;
  const log = opts.log ?? ((m, e) => console.log(m, e ?? ''));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const handler = (await findTaskFunction('cp-dashboard')!.load()).create(deps);
      await handler({});
    } catch (err) {
      log('  Dashboard roll-up failed (tried again at the next tick):', err);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then(() => schedule(every));
    }, ms);
    timer.unref();
  };
  if (every > 0) schedule(opts.firstAfterMs ?? 5_000);
  return {
    get started() {
      return running;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
