/**
 * Publishing a completed audit's implemented options to the library (the enterprise's consent is the act of
 * publishing), withdrawing them, and searching the library — by industry prefix (an enterprise filling its options
 * register sees cases of its own industry), factor and words.
 */
import { getCase } from '../cases/cases';
import { appendEvents } from '../cases/events';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { Item, Key } from '../db/port';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../identity/actor';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { findResults } from '../results/results';
import { listSubmissions } from '../tasks/submissions';
import { cityOf, implementedOptions } from './entries';
import type { Contribution, LibraryEntry } from './model';
import {
  contributionFromItem,
  contributionKey,
  contributionToItem,
  entryFromItem,
  entryIdFor,
  entryKey,
  entryToItem,
} from './model';

/**
 * @example await publishToLibrary(ports, enterpriseActor, { caseId, optionIds: ['F01'], named: false, consent: true })
 * // { contribution: {...}, entries: [{ id: 'lib_…', title: '空压系统检漏并更换永磁变频空压机', investment: 18, payback: 3.53, … }] }
 */
export async function publishToLibrary(
  ports: Ports,
  actor: Actor,
  input: { caseId: string; optionIds?: string[]; named?: boolean; consent: true },
): Promise<{ contribution: Contribution; entries: LibraryEntry[] }> {
  const c = await getCase(ports, input.caseId).catch(() => undefined);
  if (!c || actor.role !== 'enterprise' || c.organisationId !== actor.organisationId)
    throw new NotFoundError('case', input.caseId);
  const results = await findResults(ports, c.id);
  if (!results?.certificate && c.status !== 'completed')
    throw new ConflictError(
      'AUDIT_NOT_COMPLETED',
      'only a completed audit (with its certificate) feeds the library',
    );
  const submissions = [
    ...(c.parentCaseId ? await listSubmissions(ports, c.parentCaseId) : []),
    ...(await listSubmissions(ports, c.id)),
  ]
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    .map((s) => s.data);
  const available = implementedOptions({ appraisals: results?.options, submissions });
  const wanted = input.optionIds ?? available.map((o) => o.optionId);
  const problems = wanted.flatMap((id, i) =>
    available.some((o) => o.optionId === id)
      ? []
      : [{ path: `/optionIds/${i}`, message: `${id} is not an implemented option of this audit` }],
  );
  if (problems.length || !wanted.length)
    throw new ValidationError(
      'choose implemented options of this audit',
      problems.length ? problems : [{ path: '/optionIds', message: 'none' }],
    );
  const org = await getOrganisation(ports, c.organisationId);
  const now = isoTime(ports.clock.now());
  const entries: LibraryEntry[] = await Promise.all(
    available
      .filter((o) => wanted.includes(o.optionId))
      .map(async (o) => ({
        ...o,
        id: await entryIdFor(c.id, o.optionId),
        industryCode: org.profile.industryCode ?? c.industryCode ?? '',
        regionCode: cityOf(c.regionPath),
        auditType: c.programmeTitle.zh,
        caseId: c.id,
        publishedAt: now,
        ...(input.named ? { contributor: org.name } : {}),
      })),
  );
  // Entries of this case no longer chosen leave the library.
  const before = await entriesOf(ports, c.id);
  const dropped = before.filter((e) => !wanted.includes(e.optionId)).map((e) => entryKey(e.id));
  const contribution: Contribution = {
    caseId: c.id,
    organisationId: c.organisationId,
    optionIds: wanted,
    named: Boolean(input.named),
    consentedBy: actor.userId,
    consentedAt: now,
    status: 'published',
  };
  await writeAll(ports, [...entries.map(entryToItem), contributionToItem(contribution)], dropped);
  await appendEvents(ports, c.id, [
    {
      kind: 'library.published',
      actor: { userId: actor.userId, role: actor.role, name: actor.username },
      summary: `同意将 ${entries.length} 项已实施方案收入清洁生产技术成果库${input.named ? '（署名）' : '（匿名）'}`,
      data: { optionIds: wanted, named: Boolean(input.named) },
    },
  ]);
  return { contribution, entries };
}

/** BatchWrite takes 25 requests at a time. */
async function writeAll(ports: Pick<Ports, 'db'>, puts: Item[], deletes: Key[]) {
  const all = [...puts.map((p) => ({ put: p })), ...deletes.map((d) => ({ del: d }))];
  for (let i = 0; i < all.length; i += 25) {
    const chunk = all.slice(i, i + 25);
    await ports.db.batchWrite({
      puts: chunk.flatMap((x) => ('put' in x ? [x.put] : [])),
      deletes: chunk.flatMap((x) => ('del' in x ? [x.del] : [])),
    });
  }
}

async function entriesOf(ports: Pick<Ports, 'db'>, caseId: string): Promise<LibraryEntry[]> {
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `LIBCASE#${caseId}` },
  });
  return page.items.map(entryFromItem);
}

/** Withdraws the consent: every entry of the case leaves the library. */
export async function withdrawFromLibrary(ports: Ports, actor: Actor, caseId: string): Promise<Contribution> {
  const item = await ports.db.get({ Key: contributionKey(caseId), ConsistentRead: true });
  const contribution = item ? contributionFromItem(item) : undefined;
  if (!contribution || actor.role !== 'enterprise' || contribution.organisationId !== actor.organisationId)
    throw new NotFoundError('library contribution', caseId);
  const entries = await entriesOf(ports, caseId);
  const withdrawn: Contribution = {
    ...contribution,
    status: 'withdrawn',
    withdrawnAt: isoTime(ports.clock.now()),
  };
  await writeAll(
    ports,
    [contributionToItem(withdrawn)],
    entries.map((e) => entryKey(e.id)),
  );
  await appendEvents(ports, caseId, [
    {
      kind: 'library.withdrawn',
      actor: { userId: actor.userId, role: actor.role, name: actor.username },
      summary: '撤回收入技术成果库的同意，相关方案已下架',
      data: { optionIds: contribution.optionIds },
    },
  ]);
  return withdrawn;
}

/** The enterprise's contributions. */
export async function myContributions(ports: Pick<Ports, 'db'>, actor: Actor): Promise<Contribution[]> {
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `LIBCONTRIBORG#${actor.organisationId}` },
    ScanIndexForward: false,
  });
  return page.items.map(contributionFromItem);
}

/**
 * Searches the library: industry prefix on the index, factor and words as filters.
 * @example await searchLibrary(ports, { industry: 'C23', factor: 'equipment' }) // { items: [{ title: '空压系统检漏…', payback: 3.53 }] }
 */
export async function searchLibrary(
  ports: Pick<Ports, 'db'>,
  q: { industry?: string; factor?: string; q?: string; limit?: number; cursor?: string },
): Promise<{ items: LibraryEntry[]; cursor?: string }> {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': 'LIBRARY' };
  if (q.industry) values[':ind'] = q.industry;
  if (q.factor) {
    filters.push('#f = :f');
    names['#f'] = 'factor';
    values[':f'] = q.factor;
  }
  if (q.q) {
    filters.push('(contains(#t, :q) OR contains(#r, :q))');
    Object.assign(names, { '#t': 'title', '#r': 'result' });
    values[':q'] = q.q;
  }
  const limit = q.limit ?? 50;
  const items: LibraryEntry[] = [];
  let start = decodeCursor(q.cursor, ['GSI1PK', 'LIBRARY']) as Record<string, unknown> | undefined;
  for (let round = 0; round < 20 && items.length < limit; round++) {
    const page = await ports.db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: q.industry ? 'GSI1PK = :pk AND begins_with(GSI1SK, :ind)' : 'GSI1PK = :pk',
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      Limit: limit - items.length,
      ExclusiveStartKey: start,
    });
    items.push(...page.items.map(entryFromItem));
    start = page.lastKey;
    if (!start) break;
  }
  const cursor = encodeCursor(start);
  return { items, ...(cursor ? { cursor } : {}) };
}
