/**
 * Reads the embedded store's LevelDB directly, while no server holds it (between a kill and the restart, and at
 * the end), and compares every index entry with its item. dynalite keeps a global index's entries under
 * `index-global~<table>~<index>~<hash>/<hex hash key>/<hex range key>/…`; every index of the table projects all
 * attributes (lambdas/core/db/table.ts), so an entry holds its item's key (`<hash>/<hex PK>/<hex SK>/`, D25) — or,
 * written before D25, a copy of the item, which must equal it. Finds what a listing would show wrongly: entries of
 * an item that is gone, under other index keys than the item's, or holding an earlier state of it, and items
 * missing from an index they belong to.
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';

type Attr = Record<string, unknown>;
type Item = Record<string, Attr>;

export interface StaleEntry {
  index: string;
  problem: 'no item' | 'other keys' | 'older copy' | 'missing';
  pk: string;
  sk: string;
  /** The index keys the entry (or, for `missing`, the item) holds. */
  entryKey?: string;
  itemKey?: string;
  entryUpdatedAt?: string;
  itemUpdatedAt?: string;
}

export interface StoreScan {
  items: number;
  entries: number;
  stale: StaleEntry[];
}

const text = (a: Attr | undefined) => (a ? String(a.S ?? a.N ?? '') : '');
/** The string key values an index entry's LevelDB key spells in hex (the index keys are strings). */
const indexKeyOf = (key: string) => {
  const [, hashHex = '', rangeHex = ''] = key.split('~')[3]!.split('/');
  return `${Buffer.from(hashHex, 'hex').toString()}|${Buffer.from(rangeHex, 'hex').toString()}`;
};

/** Scans `<dataDir>/dynamodb`; the server must not be running. */
export async function scanStore(dataDir: string): Promise<StoreScan> {
  const db = new ClassicLevel<string, any>(join(dataDir, 'dynamodb'), { valueEncoding: 'json' });
  await db.open();
  try {
    const indexKeys = new Map<string, [string, string]>();
    for await (const [key, table] of db.iterator({ gte: 'table~', lt: 'table\u007f' })) {
      for (const index of table.GlobalSecondaryIndexes ?? []) {
        const names = index.KeySchema.map((k: { AttributeName: string }) => k.AttributeName);
        indexKeys.set(`${key.slice('table~'.length)}~${index.IndexName}`, [names[0], names[1]]);
      }
    }
    const items = new Map<string, Item>();
    /** `<table>~<PK>|<SK>` by the LevelDB key an index entry names (`<table>~<hash>/<hex PK>/…`). */
    const idOfKey = new Map<string, string>();
    for await (const [key, item] of db.iterator({ gte: 'item-', lt: 'item.' })) {
      const table = key.slice('item-'.length, key.indexOf('~'));
      const id = `${table}~${text(item.PK)}|${text(item.SK)}`;
      items.set(id, item as Item);
      idOfKey.set(key.slice('item-'.length), id);
    }
    const stale: StaleEntry[] = [];
    const seen = new Set<string>();
    let entries = 0;
    for await (const [key, entry] of db.iterator({ gte: 'index-global~', lt: 'index-global\u007f' })) {
      entries++;
      const [, table, index] = key.split('~');
      const [hash, range] = indexKeys.get(`${table}~${index}`) ?? ['', ''];
      const ref = typeof entry === 'string';
      const id = ref ? idOfKey.get(`${table}~${entry}`) : `${table}~${text(entry.PK)}|${text(entry.SK)}`;
      const item = id === undefined ? undefined : items.get(id);
      const entryKey = ref ? indexKeyOf(key) : `${text(entry[hash])}|${text(entry[range])}`;
      const itemKey = item ? `${text(item[hash])}|${text(item[range])}` : undefined;
      if (item && entryKey === itemKey) seen.add(`${index}~${id}`);
      const problem = !item
        ? 'no item'
        : entryKey !== itemKey
          ? 'other keys'
          : !ref && !isDeepStrictEqual(entry, item)
            ? 'older copy'
            : undefined;
      const shown = ref ? (item ?? {}) : entry;
      if (problem)
        stale.push({
          index: index!,
          problem,
          pk: ref && !item ? entry : text(shown.PK),
          sk: text(shown.SK),
          entryKey,
          ...(itemKey ? { itemKey } : {}),
          ...(ref ? {} : { entryUpdatedAt: text(entry.updatedAt ?? entry.createdAt) }),
          ...(item ? { itemUpdatedAt: text(item.updatedAt ?? item.createdAt) } : {}),
        });
    }
    for (const [id, item] of items) {
      const table = id.slice(0, id.indexOf('~'));
      for (const [name, [hash, range]] of indexKeys) {
        const [indexTable, index] = name.split('~') as [string, string];
        if (indexTable !== table || item[hash] == null || item[range] == null) continue;
        if (seen.has(`${index}~${id}`)) continue;
        const [pk, sk] = [text(item.PK), text(item.SK)];
        stale.push({
          index,
          problem: 'missing',
          pk: pk!,
          sk: sk!,
          itemKey: `${text(item[hash])}|${text(item[range])}`,
        });
      }
    }
    return { items: items.size, entries, stale };
  } finally {
    await db.close();
  }
}
