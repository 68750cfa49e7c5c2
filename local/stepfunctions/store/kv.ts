/**
 * The engine's storage port: ordered string keys grouped in buckets, atomic batches. Two implementations: in
 * memory (tests, dry runs) and LevelDB through classic-level (durable, under DATA_DIR).
 */
export interface KvOp {
  /** Bucket, e.g. 'x' (executions) or 'h:<executionArn>' (its history). */
  b: string;
  k: string;
  /** New value; undefined deletes the key. */
  v?: string;
}

export interface ListOptions {
  /** Only keys strictly after this one (strictly before it when reverse). */
  after?: string;
  reverse?: boolean;
  limit?: number;
}

export interface Kv {
  /** True when writes survive a process crash. */
  readonly durable: boolean;
  get(bucket: string, key: string): Promise<string | undefined>;
  /** Keys of a bucket in order (key, value). */
  list(bucket: string, options?: ListOptions): Promise<Array<[string, string]>>;
  /** Calls `fn` for every key of a bucket, in order, without loading values. */
  forEachKey(bucket: string, fn: (key: string) => void): Promise<void>;
  /** Applies all operations atomically, in order. */
  write(ops: KvOp[]): Promise<void>;
  close(): Promise<void>;
}
