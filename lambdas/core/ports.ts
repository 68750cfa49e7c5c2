/**
 * The ports every core service takes. Adapters outside core implement them (lambdas/adapters/*); tests pass the
 * same adapters against the embedded servers, or a fixed clock and id source where determinism matters.
 */
import type { Db } from './db/port';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Ids {
  /** A new unique id with a readable prefix, e.g. `org_01J…`. Sortable by creation time. */
  next(prefix: string): string;
}

export interface Ports {
  db: Db;
  clock: Clock;
  ids: Ids;
}

export const isoTime = (ms: number) => new Date(ms).toISOString();
