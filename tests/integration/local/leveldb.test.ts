/**
 * How the embedded stores use LevelDB 1.20 (classic-level 3.0.0), which can bring back an older version of a key
 * when a compaction keeps several of its versions for a snapshot and cuts its output between them
 * (google/leveldb#320; docs/decisions.md D23):
 * - every read of dynalite's store lets go of its iterator, and so of the snapshot it holds: dynalite 4.0.0 left
 *   each Query's and Scan's open for the life of the process (local/dynalite-store.mjs);
 * - a store written before that has its indexes made good once, before it takes requests (and again, once, to turn
 *   the copies of items a store written before D25 holds in its indexes into the items' keys);
 * - both stores cut table files at 64 MiB, not 2 MiB (local/leveldb-options.mjs): a full compaction of ~14 MiB of
 *   live data leaves one file (with LevelDB's default, seven);
 * - both read a key on the calling thread, not through libuv's thread pool (D27; dynalite's store: its own test).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassicLevel } from 'classic-level';
import { PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { repairIndexes } from '../../../local/dynalite-store.mjs';
import { openLevelKv } from '../../../local/stepfunctions/store/level';
import { countGets, createTableByG, dynaliteStore, sdkFor } from '../../support/dynalite';

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
  // twice: LevelDB picks the levels to compact before it writes out the memtable, which can land above the rest
  await db.compactRange('\u0000', '\uffff');
  await db.compactRange('\u0000', '\uffff');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ldb'))
    .map((f) => statSync(join(dir, f)).size);
}

const MiB = 1024 * 1024;

describe('a store written before D23 and D25', () => {
  it("has every index entry made its item's current entry, holding the item's key, once", async () => {
    const { server, store, level } = dynaliteStore(tempDir());
    const sdk = await sdkFor(server);
    try {
      await createTableByG(sdk, 'fix');
      const put = (pk: string, g: string, n: string) =>
        sdk.send(new PutItemCommand({ TableName: 'fix', Item: { PK: { S: pk }, G: { S: g }, n: { N: n } } }));
      const entries = async () =>
        new Map(await level.iterator({ gte: 'index-global~fix~', lt: 'index-global~fix~\uffff' }).all());
      await put('a', 'running', '1');
      const before = await entries(); // a's entry under `running`
      await sdk.send(
        new UpdateItemCommand({
          TableName: 'fix',
          Key: { PK: { S: 'a' } },
          UpdateExpression: 'SET G = :g, n = :n',
          ExpressionAttributeValues: { ':g': { S: 'done' }, ':n': { N: '2' } },
        }),
      );
      await put('b', 'done', '1');
      await put('c', 'running', '1');
      const after = await entries();
      // since D25 an entry holds its item's key (dynalite's `<hash>/<hex PK>/`), not a copy of it
      const hex = (pk: string) => Buffer.from(pk).toString('hex');
      expect([...after.values()].map((v) => typeof v)).toEqual(['string', 'string', 'string']);
      const keyOf = (pk: string, map: Map<string, any>) =>
        [...map].find(([, v]) => v.includes(`/${hex(pk)}/`))![0];
      // what a store written before D25 holds: copies; and what LevelDB 1.20 could leave in it: a's earlier entry
      // back, b's entry an older copy, c's entry gone
      const copy = (pk: string, g: string, n: string) => ({ PK: { S: pk }, G: { S: g }, n: { N: n } });
      await level.batch([
        { type: 'put', key: keyOf('a', before), value: copy('a', 'running', '1') },
        { type: 'put', key: keyOf('b', after), value: copy('b', 'done', '0') },
        { type: 'del', key: keyOf('c', after) },
      ]);
      const byG = async (g: string) =>
        (
          await sdk.send(
            new QueryCommand({
              TableName: 'fix',
              IndexName: 'ByG',
              KeyConditionExpression: 'G = :g',
              ExpressionAttributeValues: { ':g': { S: g } },
            }),
          )
        ).Items?.map((i) => `${i.PK!.S}:${i.n!.N}`).sort();
      expect([await byG('running'), await byG('done')]).toEqual([['a:1'], ['a:2', 'b:0']]);

      expect(await repairIndexes(store)).toEqual({ ran: true, entries: 3, fixed: 4 }); // a's deleted; b's copy deleted and its key written; c's written
      expect([await byG('running'), await byG('done')]).toEqual([['c:1'], ['a:2', 'b:1']]);
      expect(await entries()).toEqual(after);
      expect(await repairIndexes(store)).toEqual({ ran: false, entries: 0, fixed: 0 });
    } finally {
      sdk.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('reads of the DynamoDB-compatible store', () => {
  it('close their iterators, so no snapshot outlives its request', async () => {
    const { server, level } = dynaliteStore(tempDir());
    const sdk = await sdkFor(server);
    // LevelDB resources (iterators) open on the store; each holds a snapshot until it is closed
    const open = new Set<unknown>();
    const { attachResource, detachResource } = level;
    level.attachResource = (r) => (open.add(r), attachResource.call(level, r));
    level.detachResource = (r) => (open.delete(r), detachResource.call(level, r));
    try {
      await createTableByG(sdk, 'reads', true);
      for (let i = 0; i < 30; i++)
        await sdk.send(
          new PutItemCommand({
            TableName: 'reads',
            Item: { PK: { S: 'p' }, SK: { S: `s${String(i).padStart(2, '0')}` }, G: { S: 'g' } },
          }),
        );
      const p = { ':p': { S: 'p' } };
      const reads = {
        'a whole partition': new QueryCommand({
          TableName: 'reads',
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: p,
        }),
        'a page (Limit)': new QueryCommand({
          TableName: 'reads',
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: p,
          Limit: 5,
        }),
        'a range that ends inside the partition': new QueryCommand({
          TableName: 'reads',
          KeyConditionExpression: 'PK = :p AND SK < :s',
          ExpressionAttributeValues: { ...p, ':s': { S: 's10' } },
        }),
        'the newest first': new QueryCommand({
          TableName: 'reads',
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: p,
          ScanIndexForward: false,
          Limit: 1,
        }),
        'an index': new QueryCommand({
          TableName: 'reads',
          IndexName: 'ByG',
          KeyConditionExpression: 'G = :g',
          ExpressionAttributeValues: { ':g': { S: 'g' } },
          Limit: 3,
        }),
        'a scan': new ScanCommand({ TableName: 'reads', Limit: 7 }),
      };
      for (const [what, read] of Object.entries(reads)) {
        const out = (await sdk.send(read as QueryCommand)) as { Items?: unknown[] };
        expect(out.Items?.length, what).toBeGreaterThan(0);
        expect({ what, open: open.size }).toEqual({ what, open: 0 });
      }
    } finally {
      sdk.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('LevelDB table files are cut at 64 MiB', () => {
  it('in the DynamoDB-compatible store (dynalite)', async () => {
    const dir = tempDir();
    const { server, level } = dynaliteStore(dir);
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

describe("the Step Functions engine's store", () => {
  it('reads a key on the calling thread', async () => {
    const kv = await openLevelKv(tempDir());
    const level = (kv as unknown as { db: ClassicLevel<string, string> }).db;
    const { counted, restore } = countGets(level);
    try {
      await kv.write([{ b: 'tokens', k: 't1', v: '{"arn":"x"}' }]);
      expect([await kv.get('tokens', 't1'), await kv.get('tokens', 'absent')]).toEqual([
        '{"arn":"x"}',
        undefined,
      ]);
      expect(counted).toEqual({ queued: 0, inline: 2 });
    } finally {
      restore();
      await kv.close();
    }
  });
});
