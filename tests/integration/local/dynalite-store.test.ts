/**
 * The embedded store writes an item and its index entries together (local/dynalite-store.mjs, docs/decisions.md
 * D21): a write that fails part-way — as a process killed in the middle of one would — leaves neither a new index
 * entry without its item nor an item without its entries. The failure is made at the store's LevelDB, on the
 * write that carries the item. An index that projects all attributes holds its items' keys, and is read through
 * to the items (D25).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { ClassicLevel } from 'classic-level';
import type { DynamoDBClient, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynaliteStore } from '../../../local/dynalite-store.mjs';
import { countGets, createTableByG, dynaliteStore, sdkFor } from '../../support/dynalite';

const TABLE = 'whole';
let server: Server;
let store: DynaliteStore;
let level: ClassicLevel<string, any>;
let sdk: DynamoDBClient;
/** Set: the next LevelDB write that touches an item of the table fails, whatever else it carries. */
let failItemWrite = false;

beforeAll(async () => {
  ({ server, store, level } = dynaliteStore());
  const { put, del, batch } = store.db;
  const failing = (keys: string[], cb: (err?: Error | null) => void) => {
    if (!failItemWrite || !keys.some((k) => k.startsWith(`item-${TABLE}~`))) return false;
    failItemWrite = false;
    // With a status, dynalite answers the request with it (an error without one it throws, ending the process).
    const gone = Object.assign(new Error('the disk went away'), {
      statusCode: 500,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'the disk went away' },
    });
    setImmediate(cb, gone);
    return true;
  };
  store.db.put = (key, value, cb) => failing([key], cb) || put.call(store.db, key, value, cb);
  store.db.del = (key, cb) => failing([key], cb) || del.call(store.db, key, cb);
  store.db.batch = (ops, cb) =>
    failing(
      ops.map((o) => o.key),
      cb,
    ) || batch.call(store.db, ops, cb);
  // One attempt: a retried write would succeed, the failure being spent.
  sdk = await sdkFor(server, { maxAttempts: 1 });
  await createTableByG(sdk, TABLE);
});
afterAll(async () => {
  sdk?.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

/** A Query of the index ByG for `G = g`, with any more of the Query's input. */
const queryByG = (g: string, more: Partial<QueryCommandInput> = {}) =>
  sdk.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'ByG',
      KeyConditionExpression: 'G = :g',
      ExpressionAttributeValues: { ':g': { S: g } },
      ...more,
    }),
  );
const byG = async (g: string) => (await queryByG(g)).Items?.map((i) => i.PK?.S);
const item = async (pk: string) =>
  (await sdk.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: pk } } }))).Item;
async function failed(write: Promise<unknown>) {
  await expect(write).rejects.toThrow();
  expect(failItemWrite).toBe(false); // the failure was spent on this write
}

describe('an item write in the embedded store', () => {
  it('that fails leaves no index entry for an item never written', async () => {
    failItemWrite = true;
    await failed(
      sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'a' }, G: { S: 'g1' } } })),
    );
    expect(await item('a')).toBeUndefined();
    expect(await byG('g1')).toEqual([]);
    await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'a' }, G: { S: 'g2' } } }));
    expect(await byG('g1')).toEqual([]);
    expect(await byG('g2')).toEqual(['a']);
  });

  it('that fails moving an item to another index key leaves it, and its entry, where they were', async () => {
    await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'b' }, G: { S: 'h1' } } }));
    failItemWrite = true;
    await failed(
      sdk.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { PK: { S: 'b' } },
          UpdateExpression: 'SET G = :g',
          ExpressionAttributeValues: { ':g': { S: 'h2' } },
        }),
      ),
    );
    expect((await item('b'))?.G).toEqual({ S: 'h1' });
    expect(await byG('h1')).toEqual(['b']);
    expect(await byG('h2')).toEqual([]);
  });

  it('that fails deleting keeps the item and its entry', async () => {
    await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'c' }, G: { S: 'k1' } } }));
    failItemWrite = true;
    await failed(sdk.send(new DeleteItemCommand({ TableName: TABLE, Key: { PK: { S: 'c' } } })));
    expect(await item('c')).toBeDefined();
    expect(await byG('k1')).toEqual(['c']);
    await sdk.send(new DeleteItemCommand({ TableName: TABLE, Key: { PK: { S: 'c' } } }));
    expect(await byG('k1')).toEqual([]);
  });

  it('goes to LevelDB as one batch: the item with its index entries', async () => {
    const writes: string[][] = [];
    const { batch, put } = store.db;
    store.db.batch = (ops, cb) => (
      writes.push(ops.map((o) => `${o.type} ${o.key.split('~')[0]}`)),
      batch.call(store.db, ops, cb)
    );
    store.db.put = (key, value, cb) => (
      writes.push([`put ${key.split('~')[0]}`]),
      put.call(store.db, key, value, cb)
    );
    try {
      await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'd' }, G: { S: 'm1' } } }));
      await sdk.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { PK: { S: 'd' } },
          UpdateExpression: 'SET G = :g',
          ExpressionAttributeValues: { ':g': { S: 'm2' } },
        }),
      );
    } finally {
      store.db.batch = batch;
      store.db.put = put;
    }
    expect(writes).toEqual([
      ['put index-global', `put item-${TABLE}`],
      ['del index-global', 'put index-global', `put item-${TABLE}`],
    ]);
  });
});

describe('an index projecting all attributes', () => {
  const update = (pk: string, set: string, values: Record<string, { S: string } | { N: string }>) =>
    sdk.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { PK: { S: pk } },
        UpdateExpression: set,
        ExpressionAttributeValues: values,
      }),
    );
  /** The item's entries in ByG: LevelDB key → what the entry holds. */
  const entriesOf = async (pk: string) =>
    [
      ...(await level
        .iterator({ gte: `index-global~${TABLE}~ByG~`, lt: `index-global~${TABLE}~ByG~\uffff` })
        .all()),
    ]
      .filter(([, v]) =>
        (typeof v === 'string' ? v : JSON.stringify(v)).includes(Buffer.from(pk).toString('hex')),
      )
      .map(([key, value]) => ({ key, value }));

  it("holds the item's key, and a read yields the item as it is now", async () => {
    await sdk.send(
      new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'r' }, G: { S: 'p1' }, n: { N: '1' } } }),
    );
    const [entry] = await entriesOf('r');
    expect(typeof entry?.value).toBe('string'); // not a copy of the item
    await update('r', 'SET n = :n, note = :t', { ':n': { N: '2' }, ':t': { S: '已更新' } });
    const out = await queryByG('p1');
    expect(out.Items).toEqual([{ PK: { S: 'r' }, G: { S: 'p1' }, n: { N: '2' }, note: { S: '已更新' } }]);
  });

  it('passes over an entry whose item has left it or is gone', async () => {
    await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 's' }, G: { S: 'q1' } } }));
    const [underQ1] = await entriesOf('s');
    await update('s', 'SET G = :g', { ':g': { S: 'q2' } });
    const [underQ2] = await entriesOf('s');
    // the entry back, as a read at a snapshot taken before the move sees it
    await level.put(underQ1!.key, underQ1!.value);
    expect([await byG('q1'), await byG('q2')]).toEqual([[], ['s']]);
    await sdk.send(new DeleteItemCommand({ TableName: TABLE, Key: { PK: { S: 's' } } }));
    await level.put(underQ2!.key, underQ2!.value);
    expect(await byG('q2')).toEqual([]);
  });

  it('pages by Limit and cursor, either way, over more entries than one read takes', async () => {
    const pks = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const pk of pks)
      await sdk.send(
        new PutItemCommand({ TableName: TABLE, Item: { PK: { S: pk }, G: { S: 'many' }, pk: { S: pk } } }),
      );
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let start: Record<string, any> | undefined;
      do {
        const page = await queryByG('many', {
          ScanIndexForward: forward,
          Limit: 15,
          ExclusiveStartKey: start,
        });
        seen.push(...page.Items!.map((i) => i.pk!.S!));
        start = page.LastEvaluatedKey;
      } while (start);
      expect(seen.length, `forward ${forward}`).toBe(40);
      expect(new Set(seen).size).toBe(40);
    }
  });
});

describe("the store's LevelDB calls (D27)", () => {
  it("read a key on the store's own thread, answered on a later turn as dynalite's get is", async () => {
    await sdk.send(
      new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'g1' }, G: { S: 'g' }, n: { N: '7' } } }),
    );
    const { counted, restore } = countGets(level);
    try {
      expect(await item('g1')).toEqual({ PK: { S: 'g1' }, G: { S: 'g' }, n: { N: '7' } });
      expect(await item('absent')).toBeUndefined();
      expect(counted.queued).toBe(0);
      expect(counted.inline).toBeGreaterThanOrEqual(2);
      let answered = false;
      const got = new Promise<unknown>((resolve, reject) =>
        store.db.get(`item-${TABLE}~absent`, (err, value) => {
          answered = true;
          if (err) reject(err);
          else resolve(value);
        }),
      );
      expect(answered).toBe(false);
      await expect(got).resolves.toBeUndefined();
    } finally {
      restore();
    }
  });

  it('write after the write in flight, together in one batch; a batch that fails fails each write in it', async () => {
    const inner = level as unknown as { _batch: (ops: unknown[], ...rest: unknown[]) => Promise<void> };
    const { _batch } = inner;
    const batches: number[] = [];
    let failBatch = 0;
    inner._batch = function (ops, ...rest) {
      batches.push(ops.length);
      if (batches.length === failBatch) return Promise.reject(new Error('the disk went away'));
      return _batch.call(this, ops, ...rest);
    };
    const written = (write: (cb: (err?: Error | null) => void) => void) =>
      new Promise<string>((resolve) => write((err) => resolve(err ? err.message : 'ok')));
    const key = (n: number) => `cpflow-test~grouped~${n}`;
    try {
      const first = await Promise.all([
        written((cb) => store.db.put(key(1), { n: 1 }, cb)),
        written((cb) =>
          store.db.batch(
            [
              { type: 'put', key: key(2), value: { n: 2 } },
              { type: 'put', key: key(3), value: { n: 3 } },
            ],
            cb,
          ),
        ),
        written((cb) => store.db.del(key(1), cb)),
      ]);
      expect(first).toEqual(['ok', 'ok', 'ok']);
      expect(batches).toEqual([1, 3]);
      expect(await level.getMany([key(1), key(2), key(3)])).toEqual([undefined, { n: 2 }, { n: 3 }]);

      batches.length = 0;
      failBatch = 2;
      const second = await Promise.all(
        [4, 5, 6].map((n) => written((cb) => store.db.put(key(n), { n }, cb))),
      );
      expect(second).toEqual(['ok', 'the disk went away', 'the disk went away']);
      expect(batches).toEqual([1, 2]);
      expect(await level.getMany([key(4), key(5), key(6)])).toEqual([{ n: 4 }, undefined, undefined]);
    } finally {
      delete (inner as Partial<typeof inner>)._batch;
    }
  });
});
