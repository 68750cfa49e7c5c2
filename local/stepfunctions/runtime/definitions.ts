import type { CompiledDefinition } from '../asl/definition.js';
import { compileTrusted } from '../asl/definition.js';
import { BUCKET } from '../repo/keys.js';
import type { Committer } from '../store/committer.js';
import type { KvOp } from '../store/kv.js';

/** Definitions by hash: stored once, compiled once, shared by every execution that runs them. */
export class DefinitionStore {
  private readonly cache = new Map<string, CompiledDefinition>();
  constructor(private readonly store: Committer) {}

  /** The write that stores `def` (idempotent). */
  remember(def: CompiledDefinition): KvOp[] {
    if (this.cache.has(def.hash)) return [];
    this.cache.set(def.hash, def);
    return [{ b: BUCKET.definitions, k: def.hash, v: def.text }];
  }

  async get(hash: string): Promise<CompiledDefinition> {
    const hit = this.cache.get(hash);
    if (hit) return hit;
    const text = await this.store.get(BUCKET.definitions, hash);
    if (text === undefined) throw new Error(`definition ${hash} is missing from the store`);
    const def = compileTrusted(text);
    this.cache.set(hash, def);
    return def;
  }
}
