/** The starter reference tables, parsed as the Lambdas see them before anything is published (version 0). */
import type { TableContent, TableId } from '../../../../../lambdas/core/reference/registry';
import { starterContent, TABLES } from '../../../../../lambdas/core/reference/registry';
import type { ReferenceTable } from '../../../../../lambdas/core/reference/store';
import type { Db } from '../../../../../lambdas/core/db/port';

export function starter<K extends TableId>(id: K): ReferenceTable<TableContent<K>> {
  const content = TABLES[id].schema.parse(starterContent(id)) as TableContent<K>;
  return { id, version: 0, content, label: `${id}@0` };
}

/** A deep copy of a starter table's content to change in a test. */
export const copyOf = <K extends TableId>(id: K): TableContent<K> => structuredClone(starter(id).content);

/** A store with nothing in it: every table read falls back to its starter. */
export const emptyDb: Db = {
  get: async () => undefined,
  put: async () => undefined,
  update: async () => undefined,
  delete: async () => undefined,
  query: async () => ({ items: [] }),
  batchGet: async () => [],
  batchWrite: async () => undefined,
};
