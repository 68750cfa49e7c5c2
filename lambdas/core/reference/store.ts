/**
 * Reading and changing reference tables, stored as versioned definitions of kind REFERENCE (the same store as
 * forms and workflows: a draft and immutable published versions). Readers always take the latest published
 * version, so an administrator's change applies to the next computation without a redeploy.
 */
import { hashOf } from '../canonical';
import type { Published } from '../definitions/store';
import { findDraft, getPublished, latestPublished, publishVersion, saveDraft } from '../definitions/store';
import { NotFoundError, ValidationError } from '../errors';
import type { Ports } from '../ports';
import { ReferenceInvalidError } from './errors';
import type { TableContent, TableId } from './registry';
import { checkTable, isTableId, starterContent, TABLES } from './registry';

export interface ReferenceTable<T> {
  id: TableId;
  /** The published version; 0 for the starter file bundled with the code (never loaded into the store). */
  version: number;
  content: T;
  /** `<id>@<version>`, what results record as the version they used. */
  label: string;
}

/** Parsed contents by hash: a published version never changes, so parsing it once per process is enough. */
const parsed = new Map<string, unknown>();

function parse<K extends TableId>(id: K, version: number, content: unknown, hash: string): TableContent<K> {
  const cached = parsed.get(hash);
  if (cached) return cached as TableContent<K>;
  const result = TABLES[id].schema.safeParse(content);
  if (!result.success) throw new ReferenceInvalidError(id, version, checkTable(id, content));
  if (parsed.size > 200) parsed.delete(parsed.keys().next().value as string);
  parsed.set(hash, result.data);
  return result.data as TableContent<K>;
}

/**
 * The latest published version of a table (one Query), or the bundled starter as version 0.
 * @example const { content, label } = await getTable(ports, 'grid-emission-factors') // label 'grid-emission-factors@3'
 */
export async function getTable<K extends TableId>(
  ports: Pick<Ports, 'db'>,
  id: K,
): Promise<ReferenceTable<TableContent<K>>> {
  const latest = await latestPublished<unknown>(ports, 'REFERENCE', id);
  if (latest) {
    return {
      id,
      version: latest.number,
      content: parse(id, latest.number, latest.content, latest.hash),
      label: `${id}@${latest.number}`,
    };
  }
  const content = starterContent(id);
  return {
    id,
    version: 0,
    content: parse(id, 0, content, `starter:${id}:${await hashOf(content)}`),
    label: `${id}@0`,
  };
}

export function assertTableId(id: string): asserts id is TableId {
  if (!isTableId(id)) throw new NotFoundError('reference table', id);
}

/** The draft an administrator edits; before anything was saved, the starter content as version 0. */
export async function getTableDraft(ports: Pick<Ports, 'db'>, id: string) {
  assertTableId(id);
  const draft = await findDraft<unknown>(ports, 'REFERENCE', id);
  if (draft) return draft;
  return {
    id,
    content: starterContent(id),
    hash: '',
    version: 0,
    latestVersion: 0,
    updatedAt: '',
    updatedBy: '',
  };
}

export async function saveTableDraft(
  ports: Ports,
  id: string,
  content: unknown,
  author: string,
  expectVersion?: number,
) {
  assertTableId(id);
  return saveDraft(ports, 'REFERENCE', id, content, author, expectVersion || undefined);
}

/** Publishes the draft (or an older version's content, to roll back) once it passes the table's schema. */
export async function publishTable(
  ports: Ports,
  id: string,
  author: string,
  changeNote: string,
  fromVersion?: number,
): Promise<Published<unknown>> {
  assertTableId(id);
  const content =
    fromVersion !== undefined
      ? (await getPublished<unknown>(ports, 'REFERENCE', id, fromVersion)).content
      : (await getTableDraft(ports, id)).content;
  const problems = checkTable(id, content);
  if (problems.length)
    throw new ValidationError(`reference table ${id} has ${problems.length} problem(s)`, problems);
  const { version } = await publishVersion(ports, 'REFERENCE', id, content, author, changeNote);
  return version;
}
