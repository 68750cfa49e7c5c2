/**
 * Both embedded stores open LevelDB with table files cut at 64 MiB, not 2 MiB (local/leveldb-options.mjs,
 * docs/decisions.md D23): a cut can split a key's versions, and LevelDB 1.20 can then leave an older version above
 * a newer one (google/leveldb#320). Shown on the stores as `npm start` opens them: a full compaction of ~14 MiB of
 * live data leaves one file (with LevelDB's default, seven).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { ClassicLevel } from 'classic-level';
import { createDynalite, patchDynalite } from '../../../local/dynalite-store.mjs';
import { openLevelKv } from '../../../local/stepfunctions/store/level';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpflow-leveldb-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * 24 MiB of incompressible 4 KiB values, in batches of 100 keys drawn from 5,000: every memtable LevelDB writes
 * out spans the whole key range, so compacting merges them all.
 */
async function fill(write: (ops: { key: string; value: string }[]) => Promise<void>) {
  for (let b = 0; b < 60; b++)
    await write(
      Array.from({ length: 100 }, () => ({
        key: `k${String(Math.floor(Math.random() * 5000)).padStart(5, '0')}`,
        value: randomBytes(2048).toString('hex'),
      })),
    );
}

/** The table files' sizes after compacting everything. */
async function compacted(db: ClassicLevel<string, any>, dir: string) {
  await db.compactRange('\u0000', '\uffff');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ldb'))
    .map((f) => statSync(join(dir, f)).size);
}

const MiB = 1024 * 1024;

describe('LevelDB table files are cut at 64 MiB', () => {
  it('in the DynamoDB-compatible store (dynalite)', async () => {
    const dir = tempDir();
    const db = patchDynalite();
    const create = db.create;
    let level!: ClassicLevel<string, any>;
    db.create = (options) => {
      const store = create(options);
      level = store.db as unknown as ClassicLevel<string, any>;
      return store;
    };
    let server: Server;
    try {
      server = createDynalite({ path: dir });
    } finally {
      db.create = create;
    }
    try {
      await fill((ops) => level.batch(ops.map((o) => ({ type: 'put' as const, ...o }))));
      const files = await compacted(level, dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toBeGreaterThan(8 * MiB);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("in the Step Functions engine's store", async () => {
    const dir = tempDir();
    const kv = await openLevelKv(dir);
    try {
      await fill((ops) => kv.write(ops.map((o) => ({ b: 'history', k: o.key, v: o.value }))));
      const level = (kv as unknown as { db: ClassicLevel<string, string> }).db;
      const files = await compacted(level, dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toBeGreaterThan(8 * MiB);
    } finally {
      await kv.close();
    }
  });
});
