// Eight changes to dynalite's store, for the embedded store's worker (docs/decisions.md D20, D21, D23–D25, D27 and
// D29).
// The first three, the sixth and the seventh are made where it builds one (`db.create`):
//
// 1. An item write is one LevelDB batch. dynalite writes an item's index entries, each on its own, and then the
//    item: a process killed between them leaves index entries for an item that was never written (or an old entry
//    deleted while the item still holds its old key), and a retry with other index keys never meets them. Here
//    the index entries wait for the item's write and go with it in one batch, which LevelDB applies whole or not
//    at all.
// 2. Table descriptions are kept in memory. dynalite reads and decodes the table's description from LevelDB on
//    every request (`getTable`: ~13 % of its busy time under the submission benchmark). They are kept once read,
//    and dropped by any write to them (create, update, delete table); a read in flight across such a write is not
//    kept.
// 3. Every read lets go of its LevelDB iterator. dynalite 4.0.0 reads through streams whose `destroy` calls an
//    `iterator.return()` that abstract-level 3 iterators do not have, so every Query and Scan left its iterator —
//    and the snapshot it holds — open for the life of the process: compactions then kept every version of every
//    key written since, the store grew to gigabytes, and LevelDB 1.20's google/leveldb#320 (leveldb-options.mjs)
//    could bring older versions back. The streams here close their iterator when they end or are destroyed.
// 4. Its LevelDB cuts table files at 64 MiB (leveldb-options.mjs). dynalite takes `Level` from the `level` package
//    when its `db` module loads, so the class is replaced before dynalite is first required.
// 5. Each expression is parsed once (dynalite-expressions.mjs), made where the `db` module is patched.
// 6. An index that projects all attributes holds its items' keys, not copies of them (D25). dynalite kept a copy of
//    the whole item in each such index, so every item write wrote it once more per index it is in: three of every
//    four bytes the store wrote were copies, and LevelDB's compaction, which rewrites them again and again, took
//    about as much CPU as the store's own thread. Reading such an index reads the items its entries name (LevelDB getMany,
//    a batch of entries at a time), and yields an item only while it still belongs under the entry: the entries are
//    read at the iterator's snapshot and the items after it, so an item that left the entry since is passed over,
//    as it would be a moment later. Entries that are copies (a store written before D25, until `repairIndexes`
//    makes them keys; indexes with other projections) are read as they are.
// 7. Fewer trips to libuv's thread pool (D27). Each LevelDB call queued there wakes a pool thread and then the
//    store's thread again; on two cores those hand-offs, not LevelDB, were most of a get's cost. A key's read is a
//    get on the store's own thread (`getSync`), its callback still on a later turn as dynalite's own `get` has it.
//    Writes made while one is being written wait for it and then go together as one batch: each write's operations
//    stay together, so each is still applied whole or not at all; a failed batch fails every write in it.
// 8. Each request's shape is checked against its operation's description by a checker compiled once per
//    description (dynalite-types.mjs, D29), with dynalite's answers and errors; made where the `db` module is patched.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { parseOnce } from './dynalite-expressions.mjs';
import { compiledCheckTypes } from './dynalite-types.mjs';
import { LEVELDB_MAX_FILE_SIZE } from './leveldb-options.mjs';

const require = createRequire(import.meta.url);
const dynaliteDir = dirname(require.resolve('dynalite'));
const level = require(require.resolve('level', { paths: [dynaliteDir] }));
if (!level.Level[Symbol.for('cpflow store')]) {
  const { Level } = level;
  level.Level = class extends Level {
    static [Symbol.for('cpflow store')] = true;
    constructor(location, options) {
      super(location, { maxFileSize: LEVELDB_MAX_FILE_SIZE, ...options });
    }
  };
}
const dynalite = require('dynalite');
const db = require(join(dynaliteDir, 'db'));
const validations = require(join(dynaliteDir, 'validations'));

const PATCHED = Symbol('cpflow store');

/** dynalite's HTTP server on a store with these changes (not listening yet). */
export function createDynalite(options) {
  patchDynalite();
  const server = dynalite(options);
  Object.defineProperty(server, 'store', { value: lastStore });
  return server;
}

let lastStore;

/**
 * Marks a store whose indexes were checked against its items and hold their keys (D23, D25). Stores checked
 * before D25 carry the earlier marker, `cpflow~indexes-checked`, and are checked again.
 */
const REPAIRED = 'cpflow~indexes-checked~D25';

/**
 * Once per store: every index entry checked against its item, and made its item's current entry — a store written
 * before D23 can hold entries LevelDB brought back from an earlier state (google/leveldb#320), and one written
 * before D25 holds copies of its items where an entry now holds the item's key. Entries that are not their item's
 * are deleted, entries missing or holding anything else are written. Items themselves are not changed: an item
 * that went back in time cannot be told from one that did not. Run before the store takes requests; a marker key
 * records that it ran.
 * @returns {Promise<{ ran: boolean, entries: number, fixed: number }>}
 */
export async function repairIndexes(store) {
  const level = store.db;
  if ((await level.get(REPAIRED)) !== undefined) return { ran: false, entries: 0, fixed: 0 };
  let entries = 0;
  let fixed = 0;
  let ops = [];
  const flush = async () => {
    if (ops.length) await level.batch(ops);
    fixed += ops.length;
    ops = [];
  };
  // dynalite builds projections on null-prototype objects
  const same = (a, b) =>
    typeof a === 'string' || typeof b === 'string' ? a === b : isDeepStrictEqual({ ...a }, { ...b });
  const range = (prefix) => ({ gte: prefix, lt: `${prefix}\uffff` });
  const tables = await level.values(range('table~')).all();
  for (const table of tables) {
    const indexes = INDEX_KINDS.flatMap((kind) =>
      (table[`${kind}SecondaryIndexes`] ?? []).map((index) => ({ kind, index })),
    );
    // entries that are not their item's current one
    for (const { kind, index } of indexes) {
      const at = indexKey(kind, table.TableName, index.IndexName, '');
      for await (const [key, entry] of level.iterator(range(at))) {
        entries++;
        const ref = typeof entry === 'string' ? entry : db.createKey(entry, table);
        const item = await level.get(itemKey(table.TableName, ref));
        const want = item && entryOf(index, item, table);
        if (!want || at + want.key !== key || !same(want.value, entry)) ops.push({ type: 'del', key });
        if (ops.length >= 500) await flush();
      }
    }
    // items missing from an index, or there as another copy: each item read once for all its indexes
    for await (const item of level.values(range(itemKey(table.TableName, '')))) {
      for (const { kind, index } of indexes) {
        const want = entryOf(index, item, table);
        if (!want) continue;
        const key = indexKey(kind, table.TableName, index.IndexName, want.key);
        const entry = await level.get(key);
        if (entry === undefined || !same(want.value, entry))
          ops.push({ type: 'put', key, value: want.value });
      }
      if (ops.length >= 500) await flush();
    }
    await flush();
  }
  await level.put(REPAIRED, { at: new Date().toISOString(), entries, fixed });
  return { ran: true, entries, fixed };
}

/** dynalite's `db` module, patched once per process (the worker's, or a test's). */
function patchDynalite() {
  if (db[PATCHED]) return db;
  db[PATCHED] = true;
  for (const parser of ['conditionParser', 'updateParser', 'projectionParser'])
    parseOnce(require(join(dynaliteDir, 'db', parser)));
  validations.checkTypes = compiledCheckTypes();
  const create = db.create;
  db.create = (options) => {
    const store = create(options);
    lastStore = store;
    closeIterators(store.db);
    getsInline(store.db);
    writesGrouped(store.db);
    readIndexesThrough(store);
    keepTables(store.tableDb);
    writeItemsWhole(store);
    return store;
  };
  // The actions call `db.updateIndexes(store, table, old, item, cb)` and, in its callback, the item's own put or
  // delete on `store.getItemDb(table)` under the item's lock. The index writes are left with the store, under the
  // item's key, for that put or delete to take.
  db.updateIndexes = (store, table, existingItem, item, cb) => {
    if (!existingItem && !item) return cb();
    const deletes = [];
    const puts = [];
    for (const kind of INDEX_KINDS) {
      const indexes = table[`${kind}SecondaryIndexes`] ?? [];
      const actions = db.getIndexActions(indexes, existingItem, item, table);
      const at = (action) => indexKey(kind, table.TableName, action.index, action.key);
      for (const action of actions.deletes) deletes.push({ type: 'del', key: at(action) });
      for (const action of actions.puts) {
        const index = indexes.find((i) => i.IndexName === action.index);
        puts.push({ type: 'put', key: at(action), value: entryValue(index, action, item, table) });
      }
    }
    const writes = [...deletes, ...puts];
    if (writes.length)
      store[PATCHED].set(itemKey(table.TableName, db.createKey(item ?? existingItem, table)), writes);
    cb();
  };
  return db;
}

// dynalite's LevelDB keys: an item, and an entry of a local or global secondary index
const itemKey = (tableName, key) => `item-${tableName}~${key}`;
const INDEX_KINDS = ['Local', 'Global'];
const indexKey = (kind, tableName, indexName, key) =>
  `index-${kind.toLowerCase()}~${tableName}~${indexName}~${key}`;

/**
 * What an index entry holds: for an index projecting all attributes, its item's key (change 6); otherwise the
 * projected attributes, as dynalite keeps them. `action` is one of `db.getIndexActions`' puts.
 */
const entryValue = (index, action, item, table) =>
  index.Projection.ProjectionType === 'ALL' ? db.createKey(item, table) : action.item;

/** The entry an item has in an index (its key within the index, and what it holds); undefined if none. */
function entryOf(index, item, table) {
  const action = db.getIndexActions([index], null, item, table).puts[0];
  return action && { key: action.key, value: entryValue(index, action, item, table) };
}

/** Entries read from an index per LevelDB call, with their items: a Query's stream reads 16 ahead anyway. */
const INDEX_READ_BATCH = 16;

/**
 * Reads of an index yield items where their entries hold the items' keys (change 6). dynalite reads an index
 * through `createValueStream` on a range of its keys (`index-<kind>~<table>~<index>~…`), which this serves.
 */
function readIndexesThrough(store) {
  const level = store.db;
  const values = level.createValueStream;
  level.createValueStream = (options) => {
    const from = String(options?.gte ?? options?.gt ?? '');
    if (!from.startsWith('index-')) return values(options);
    return Readable.from(indexItems(store, from.split('~'), options), { objectMode: true });
  };
}

async function* indexItems(store, [kindKey, tableName, indexName], options) {
  const table = await new Promise((resolve, reject) =>
    store.getTable(tableName, false, (err, t) => (err ? reject(err) : resolve(t))),
  );
  const kind = INDEX_KINDS.find((k) => kindKey === `index-${k.toLowerCase()}`);
  const index = table[`${kind}SecondaryIndexes`]?.find((i) => i.IndexName === indexName);
  const at = indexKey(kind, tableName, indexName, '');
  const iterator = store.db.iterator(options);
  try {
    for (let entries; (entries = await iterator.nextv(INDEX_READ_BATCH)).length;) {
      const refs = entries.filter(([, value]) => typeof value === 'string');
      const items = refs.length ? await store.db.getMany(refs.map(([, ref]) => itemKey(tableName, ref))) : [];
      let next = 0;
      for (const [key, value] of entries) {
        if (typeof value !== 'string') {
          yield value;
          continue;
        }
        const item = items[next++];
        const entry = item && index && entryOf(index, item, table);
        if (entry && at + entry.key === key) yield item;
      }
    }
  } finally {
    await iterator.close();
  }
}

function writeItemsWhole(store) {
  const waiting = new Map();
  store[PATCHED] = waiting;
  const getItemDb = store.getItemDb;
  store.getItemDb = (tableName) => {
    const itemDb = getItemDb(tableName);
    if (itemDb[PATCHED]) return itemDb;
    itemDb[PATCHED] = true;
    const { put, del } = itemDb;
    const withIndexes = (key, write, cb, alone) => {
      const full = itemKey(tableName, key);
      const indexes = waiting.get(full);
      if (!indexes) return alone();
      waiting.delete(full);
      store.db.batch([...indexes, { ...write, key: full }], cb);
    };
    itemDb.put = (key, value, cb) =>
      withIndexes(key, { type: 'put', value }, cb, () => put.call(itemDb, key, value, cb));
    itemDb.del = (key, cb) => withIndexes(key, { type: 'del' }, cb, () => del.call(itemDb, key, cb));
    return itemDb;
  };
}

/** dynalite's callback `get` on the calling thread (change 7); until the store is open, and without a callback, as it was. */
function getsInline(level) {
  if (!level.supports.getSync) return;
  const get = level.get;
  level.get = function (key, cb) {
    if (typeof cb !== 'function' || level.status !== 'open') return get.call(level, key, cb);
    let value;
    try {
      value = level.getSync(key);
    } catch (err) {
      setImmediate(cb, err);
      return;
    }
    setImmediate(cb, null, value);
  };
}

/**
 * dynalite's callback `put`, `del` and `batch` through one queue (change 7): the first write goes at once, the ones
 * made while it is written go after it in one batch. Without a callback, and until the store is open, as they were.
 */
function writesGrouped(level) {
  const { put, del, batch } = level;
  let queued = [];
  let writing = false;
  const writeQueued = () => {
    const group = queued;
    queued = [];
    writing = group.length > 0;
    if (!writing) return;
    batch.call(
      level,
      group.flatMap((w) => w.ops),
      (err) => {
        writeQueued();
        for (const w of group) w.cb(err ?? null);
      },
    );
  };
  const queue = (ops, cb) => {
    queued.push({ ops, cb });
    if (!writing) writeQueued();
  };
  const grouped = (cb) => typeof cb === 'function' && level.status === 'open';
  level.put = function (key, value, cb) {
    if (!grouped(cb)) return put.call(level, key, value, cb);
    queue([{ type: 'put', key, value }], cb);
  };
  level.del = function (key, cb) {
    if (!grouped(cb)) return del.call(level, key, cb);
    queue([{ type: 'del', key }], cb);
  };
  level.batch = function (ops, cb) {
    if (!grouped(cb) || !Array.isArray(ops)) return batch.call(level, ops, cb);
    queue(ops, cb);
  };
}

/** dynalite's `createValueStream` and `createKeyStream`, with the iterator closed at the end or on destroy. */
function closeIterators(level) {
  const stream = (iterator) =>
    new Readable({
      objectMode: true,
      read() {
        iterator.next().then(
          (value) => this.push(value === undefined ? null : value),
          (err) => this.destroy(err),
        );
      },
      destroy(err, cb) {
        iterator.close().then(
          () => cb(err),
          () => cb(err),
        );
      },
    });
  level.createValueStream = (options) => stream(level.values(options));
  level.createKeyStream = (options) => stream(level.keys(options));
}

function keepTables(tableDb) {
  const kept = new Map();
  let writes = 0;
  const { get, put, del, batch } = tableDb;
  tableDb.get = (key, cb) => {
    if (kept.has(key)) return process.nextTick(cb, null, kept.get(key));
    const seen = writes;
    get.call(tableDb, key, (err, value) => {
      if (!err && value && seen === writes) kept.set(key, value);
      cb(err, value);
    });
  };
  const dropping =
    (write) =>
    (...args) => {
      writes++;
      kept.clear();
      const cb = args.pop();
      write.call(tableDb, ...args, (...out) => {
        writes++;
        kept.clear();
        cb(...out);
      });
    };
  tableDb.put = dropping(put);
  tableDb.del = dropping(del);
  tableDb.batch = dropping(batch);
}
