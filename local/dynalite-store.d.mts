import type { Server } from 'node:http';

export interface DynaliteStore {
  /** The store's LevelDB, with dynalite's callback methods. */
  db: {
    get(key: string, cb: (err: Error | null, value?: unknown) => void): void;
    put(key: string, value: unknown, cb: (err?: Error | null) => void): void;
    del(key: string, cb: (err?: Error | null) => void): void;
    batch(
      ops: { type: 'put' | 'del'; key: string; value?: unknown }[],
      cb: (err?: Error | null) => void,
    ): void;
  };
}

/** dynalite's HTTP server on a patched store, not listening yet; `store` is that store. */
export declare function createDynalite(options: Record<string, unknown>): Server & { store: DynaliteStore };

/** Once per store, before it takes requests: every index entry made its item's current entry, holding its key (D23, D25). */
export declare function repairIndexes(
  store: DynaliteStore,
): Promise<{ ran: boolean; entries: number; fixed: number }>;
