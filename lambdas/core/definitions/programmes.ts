/**
 * Programmes bind an audit type or application path to its workflow and say who may start it.
 */
import { NotFoundError, VersionConflictError } from '../errors';
import { onConditionFailed } from '../db/errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { Role } from '../identity/roles';

export const PROGRAMME_KINDS = ['audit', 'incentive', 'green-credit', 'renewal', 'filing'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export interface Programme {
  id: string;
  title: { zh: string; en: string };
  description?: { zh: string; en: string };
  kind: ProgrammeKind;
  workflowId: string;
  startRoles: Role[];
  /** Shown first in the catalogue when lower; programmes started only by another programme may be hidden. */
  order?: number;
  hidden?: boolean;
  version: number;
  updatedAt: string;
}

export type ProgrammeInput = Omit<Programme, 'id' | 'version' | 'updatedAt'>;

export const programmeKey = (id: string) => ({ PK: `PROGRAMME#${id}`, SK: 'PROGRAMME' });

function fromItem(item: Item): Programme {
  const { id, title, description, kind, workflowId, startRoles, order, hidden, version, updatedAt } =
    item as unknown as Programme;
  return { id, title, description, kind, workflowId, startRoles, order, hidden, version, updatedAt };
}

export async function findProgramme({ db }: Pick<Ports, 'db'>, id: string) {
  const item = await db.get({ Key: programmeKey(id) });
  return item ? fromItem(item) : undefined;
}

export async function getProgramme(ports: Pick<Ports, 'db'>, id: string): Promise<Programme> {
  const p = await findProgramme(ports, id);
  if (!p) throw new NotFoundError('programme', id);
  return p;
}

export async function listProgrammes({ db }: Pick<Ports, 'db'>): Promise<Programme[]> {
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': 'PROGRAMMES' },
  });
  return page.items
    .map(fromItem)
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id));
}

/** Creates or replaces a programme; `expectVersion` guards a replace. */
export async function putProgramme(
  ports: Ports,
  id: string,
  input: ProgrammeInput,
  expectVersion?: number,
): Promise<Programme> {
  const current = await findProgramme(ports, id);
  if (expectVersion !== undefined && current?.version !== expectVersion)
    throw new VersionConflictError('programme', id);
  const programme: Programme = {
    ...input,
    id,
    version: (current?.version ?? 0) + 1,
    updatedAt: isoTime(ports.clock.now()),
  };
  await onConditionFailed(
    ports.db.put({
      Item: { ...programmeKey(id), type: 'programme', ...programme, GSI1PK: 'PROGRAMMES', GSI1SK: id },
      ...(current
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    }),
    () => new VersionConflictError('programme', id),
  );
  return programme;
}
