/**
 * Versioned definitions (forms and workflows), the same storage for both: a mutable draft and immutable
 * published versions. Items: `<KIND>#<id>` / `DRAFT` (with the pointer `latestVersion`, `latestHash`) and
 * `<KIND>#<id>` / `V#000007`. A version is written with a condition that it does not exist, then the draft's
 * pointer moves: a version is published once its pointer has moved. If a crash leaves the pointer behind, the
 * publish sent again moves it (publishing is idempotent by content), and so does the next publish, which finds
 * the real latest by querying the versions.
 */
import { NotFoundError, VersionConflictError } from '../errors';
import { buildUpdate, projection } from '../db/expressions';
import { ConditionFailedError, onConditionFailed } from '../db/errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { hashOf } from '../canonical';

export type DefinitionKind = 'FORM' | 'WORKFLOW' | 'REFERENCE';

const LABEL: Record<DefinitionKind, string> = {
  FORM: 'form',
  WORKFLOW: 'workflow',
  REFERENCE: 'reference table',
};

export interface Draft<T> {
  id: string;
  content: T;
  hash: string;
  version: number;
  latestVersion: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Published<T> {
  id: string;
  number: number;
  content: T;
  hash: string;
  author: string;
  publishedAt: string;
  changeNote: string;
  /** Extra facts the publisher records, e.g. the state machine version ARN. */
  meta: Record<string, unknown>;
}

export interface VersionSummary {
  number: number;
  author: string;
  publishedAt: string;
  changeNote: string;
  hash: string;
}

export const draftKey = (kind: DefinitionKind, id: string) => ({ PK: `${kind}#${id}`, SK: 'DRAFT' });
export const versionKey = (kind: DefinitionKind, id: string, n: number) => ({
  PK: `${kind}#${id}`,
  SK: `V#${String(n).padStart(6, '0')}`,
});

function draftFromItem<T>(item: Item): Draft<T> {
  const { id, content, hash, version, latestVersion, updatedAt, updatedBy } = item as unknown as Draft<T>;
  return { id, content, hash, version, latestVersion: latestVersion ?? 0, updatedAt, updatedBy };
}

function publishedFromItem<T>(item: Item): Published<T> {
  const { id, number, content, hash, author, publishedAt, changeNote, meta } =
    item as unknown as Published<T>;
  return { id, number, content, hash, author, publishedAt, changeNote: changeNote ?? '', meta: meta ?? {} };
}

export async function findDraft<T>({ db }: Pick<Ports, 'db'>, kind: DefinitionKind, id: string) {
  const item = await db.get({ Key: draftKey(kind, id), ConsistentRead: true });
  return item ? draftFromItem<T>(item) : undefined;
}

/**
 * Saves a draft. `expectVersion` (the draft version the caller read) guards against overwriting someone else's
 * edit; omit it to create, or to overwrite unconditionally (catalogue loading).
 */
export async function saveDraft<T>(
  ports: Ports,
  kind: DefinitionKind,
  id: string,
  content: T,
  author: string,
  expectVersion?: number,
): Promise<Draft<T>> {
  const hash = await hashOf(content);
  const updatedAt = isoTime(ports.clock.now());
  const label = LABEL[kind];
  const set = {
    id,
    content,
    hash,
    updatedAt,
    updatedBy: author,
    type: `${kind.toLowerCase()}-draft`,
    GSI1PK: `${kind}S`,
    GSI1SK: id,
  };
  const request =
    expectVersion === undefined
      ? {
          Key: draftKey(kind, id),
          UpdateExpression:
            'SET #id = :id, #c = :c, #h = :h, #u = :u, #b = :b, #t = :t, GSI1PK = :g, GSI1SK = :id, #v = if_not_exists(#v, :zero) + :one, #l = if_not_exists(#l, :zero)',
          ExpressionAttributeNames: {
            '#id': 'id',
            '#c': 'content',
            '#h': 'hash',
            '#u': 'updatedAt',
            '#b': 'updatedBy',
            '#t': 'type',
            '#v': 'version',
            '#l': 'latestVersion',
          },
          ExpressionAttributeValues: {
            ':id': id,
            ':c': content,
            ':h': hash,
            ':u': updatedAt,
            ':b': author,
            ':t': set.type,
            ':g': set.GSI1PK,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW' as const,
        }
      : buildUpdate(draftKey(kind, id), { set, expectVersion, mustExist: true });
  const saved = await onConditionFailed(ports.db.update(request), () => new VersionConflictError(label, id));
  return draftFromItem<T>(saved as Item);
}

/** The newest published version, found by querying (robust to a draft pointer left behind by a crash). */
export async function latestPublished<T>({ db }: Pick<Ports, 'db'>, kind: DefinitionKind, id: string) {
  const page = await db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
    ExpressionAttributeValues: { ':pk': `${kind}#${id}`, ':v': 'V#' },
    ScanIndexForward: false,
    Limit: 1,
    ConsistentRead: true,
  });
  const item = page.items[0];
  return item ? publishedFromItem<T>(item) : undefined;
}

/** The draft's pointer to the latest published version: what readers of the pointer read of the draft. */
export const POINTER_ATTRIBUTES = ['PK', 'SK', 'latestVersion', 'latestHash'];

/** The published version a draft item points at; undefined for a pointer written before it carried the hash. */
export function pointerFromItem(item: Item | undefined): { number: number; hash: string } | undefined {
  const number = Number(item?.latestVersion ?? 0);
  return number > 0 && typeof item?.latestHash === 'string' ? { number, hash: item.latestHash } : undefined;
}

/**
 * The number and content hash of the newest published version, without its content (a form's is tens of KB):
 * readers that keep versions in memory by number fetch the content only for a version they have not seen. Read
 * from the draft's pointer (`pointer`: the draft item as a batch already read it, `null` for absent; omitted: one
 * GetItem); a pointer
 * without its hash (written before it had one) is made good by querying the versions.
 */
export async function latestPublishedRef(
  { db }: Pick<Ports, 'db'>,
  kind: DefinitionKind,
  id: string,
  pointer?: Item | null,
): Promise<{ number: number; hash: string } | undefined> {
  const read =
    pointer === undefined
      ? await db.get({ Key: draftKey(kind, id), ConsistentRead: true, ...projection(POINTER_ATTRIBUTES) })
      : (pointer ?? undefined);
  const ref = pointerFromItem(read);
  if (ref) return ref;
  const page = await db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
    ExpressionAttributeValues: { ':pk': `${kind}#${id}`, ':v': 'V#' },
    ExpressionAttributeNames: { '#n': 'number', '#h': 'hash' },
    ProjectionExpression: '#n, #h',
    ScanIndexForward: false,
    Limit: 1,
    ConsistentRead: true,
  });
  const item = page.items[0];
  return item ? { number: Number(item.number), hash: String(item.hash) } : undefined;
}

/** Moves the draft's pointer forward to a version (never back; a no-op where it is already there). */
async function pointDraftAt(
  ports: Pick<Ports, 'db'>,
  kind: DefinitionKind,
  id: string,
  { number, hash }: { number: number; hash: string },
): Promise<void> {
  await ports.db
    .update({
      Key: draftKey(kind, id),
      UpdateExpression: 'SET latestVersion = :n, latestHash = :h',
      ConditionExpression:
        'attribute_not_exists(latestVersion) OR latestVersion < :n OR (latestVersion = :n AND attribute_not_exists(latestHash))',
      ExpressionAttributeValues: { ':n': number, ':h': hash },
      ReturnValues: 'NONE',
    })
    .catch((err: unknown) => {
      if (!(err instanceof ConditionFailedError)) throw err;
    });
}

export async function getPublished<T>(
  { db }: Pick<Ports, 'db'>,
  kind: DefinitionKind,
  id: string,
  n: number,
): Promise<Published<T>> {
  const item = await db.get({ Key: versionKey(kind, id, n) });
  if (!item) throw new NotFoundError(`${LABEL[kind]} version`, `${id}@${n}`);
  return publishedFromItem<T>(item);
}

export async function listVersions({ db }: Pick<Ports, 'db'>, kind: DefinitionKind, id: string) {
  const out: VersionSummary[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': `${kind}#${id}`, ':v': 'V#' },
      ScanIndexForward: false,
      ExclusiveStartKey: start,
    });
    for (const item of page.items) {
      const { number, author, publishedAt, changeNote, hash } = publishedFromItem(item);
      out.push({ number, author, publishedAt, changeNote, hash });
    }
    start = page.lastKey;
  } while (start);
  return out;
}

/** Drafts of one kind (for the admin lists), one GSI query per page. */
export async function listDrafts<T>({ db }: Pick<Ports, 'db'>, kind: DefinitionKind): Promise<Draft<T>[]> {
  const out: Draft<T>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `${kind}S` },
      ExclusiveStartKey: start,
    });
    out.push(...page.items.map((i) => draftFromItem<T>(i)));
    start = page.lastKey;
  } while (start);
  return out;
}

/**
 * Publishes `content` as the next version. Publishing content identical to the latest version returns that
 * version (idempotent). `meta` is stored with the version (e.g. the state machine version ARN).
 */
export async function publishVersion<T>(
  ports: Ports,
  kind: DefinitionKind,
  id: string,
  content: T,
  author: string,
  changeNote: string,
  meta: Record<string, unknown> = {},
): Promise<{ version: Published<T>; created: boolean }> {
  const hash = await hashOf(content);
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await latestPublished<T>(ports, kind, id);
    if (latest && latest.hash === hash) {
      await pointDraftAt(ports, kind, id, latest); // a publish sent again after a crash left the pointer behind
      return { version: latest, created: false };
    }
    const number = (latest?.number ?? 0) + 1;
    const version: Published<T> = {
      id,
      number,
      content,
      hash,
      author,
      publishedAt: isoTime(ports.clock.now()),
      changeNote,
      meta,
    };
    try {
      await ports.db.put({
        Item: { ...versionKey(kind, id, number), type: `${kind.toLowerCase()}-version`, ...version },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
    } catch (err) {
      if (err instanceof ConditionFailedError) continue; // someone published concurrently: take the next number
      throw err;
    }
    await pointDraftAt(ports, kind, id, version);
    return { version, created: true };
  }
  throw new VersionConflictError(LABEL[kind], id);
}
