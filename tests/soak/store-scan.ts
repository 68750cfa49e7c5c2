/**
 * Reads the embedded store's LevelDB directly, while no server holds it (between a kill and the restart, and at
 * the end), and compares every index entry with its item. dynalite keeps a global index as copies of the items
 * under `index-global~<table>~<index>~<key>`; every index of the table projects all attributes (lambdas/core/db/table.ts),
 * so an entry must equal its item. Finds what a listing would show wrongly: entries of an item that is gone, or
 * that hold an earlier state of it, and items missing from an index they belong to.
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
    for await (const [key, item] of db.iterator({ gte: 'item-', lt: 'item.' }))
      items.set(
        `${key.slice('item-'.length, key.indexOf('~'))}~${text(item.PK)}|${text(item.SK)}`,
        item as Item,
      );
    const stale: StaleEntry[] = [];
    const seen = new Set<string>();
    let entries = 0;
    for await (const [key, entry] of db.iterator({ gte: 'index-global~', lt: 'index-global\u007f' })) {
      entries++;
      const [, table, index] = key.split('~');
      const [hash, range] = indexKeys.get(`${table}~${index}`) ?? ['', ''];
      const id = `${table}~${text(entry.PK)}|${text(entry.SK)}`;
      const item = items.get(id);
      const entryKey = `${text(entry[hash])}|${text(entry[range])}`;
      const itemKey = item ? `${text(item[hash])}|${text(item[range])}` : undefined;
      if (item && entryKey === itemKey) seen.add(`${index}~${id}`);
      const problem = !item
        ? 'no item'
        : entryKey !== itemKey
          ? 'other keys'
          : !isDeepStrictEqual(entry, item)
            ? 'older copy'
            : undefined;
      if (problem)
        stale.push({
          index: index!,
          problem,
          pk: text(entry.PK),
          sk: text(entry.SK),
          entryKey,
          ...(itemKey ? { itemKey } : {}),
          entryUpdatedAt: text(entry.updatedAt ?? entry.createdAt),
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
