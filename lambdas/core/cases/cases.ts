/**
 * Starting, reading, listing and closing cases.
 */
import { closingFacts } from '../dashboard/quality';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ConditionFailedError } from '../db/errors';
import type { Item, QueryRequest } from '../db/port';
import type { WorkflowEngine } from '../definitions/engine';
import { getProgramme } from '../definitions/programmes';
import type { Programme } from '../definitions/programmes';
import { latestWorkflow } from '../definitions/workflows';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { isAuthorised, listAuthorisingEnterprises } from '../identity/consultancies';
import type { Organisation } from '../identity/organisations';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { assertCaseVisible, orgPrincipal, userPrincipal } from './access';
import type { CaseEvent } from './events';
import { appendEvents, caseKey, GENESIS, listEvents, verifyChain, withHeadEvents } from './events';
import type { Case, CaseStatus } from './model';
import { caseFromItem, caseIndexKeys, caseToItem, districtOf } from './model';

export interface CasePorts extends Ports {
  engine: WorkflowEngine;
}

/** The execution input every workflow receives (docs/authoring.md). */
export interface ExecutionInput {
  caseId: string;
  programmeId: string;
  organisationId: string;
  startedBy: string;
  parentCaseId?: string;
  data: Record<string, unknown>;
}

export async function findCase({ db }: Pick<Ports, 'db'>, id: string): Promise<Case | undefined> {
  const item = await db.get({ Key: caseKey(id), ConsistentRead: true });
  return item ? caseFromItem(item) : undefined;
}

export async function getCase(ports: Pick<Ports, 'db'>, id: string): Promise<Case> {
  const c = await findCase(ports, id);
  if (!c) throw new NotFoundError('case', id);
  return c;
}

/** Which organisation a new case is for, checked against who starts it. */
async function caseOrganisation(
  ports: Ports,
  actor: Actor,
  requested: string | undefined,
): Promise<Organisation> {
  const orgId = requested ?? actor.organisationId;
  const org = await getOrganisation(ports, orgId);
  if (actor.role === 'enterprise' && org.id !== actor.organisationId)
    throw new NotFoundError('organisation', orgId);
  if (actor.role === 'consultant' && !(await isAuthorised(ports, actor.organisationId, org.id))) {
    throw new NotFoundError('organisation', orgId);
  }
  if (actor.role === 'admin' && !administers(actor, org)) throw new NotFoundError('organisation', orgId);
  if (actor.role === 'expert' || actor.role === 'bank')
    throw new ForbiddenError('experts and banks do not start cases');
  return org;
}

/**
 * Starts a case on the programme's latest published workflow version. The case id is the execution name, so a
 * retry with the same id returns the same case and execution instead of starting another.
 */
export async function startCase(
  ports: CasePorts,
  actor: Actor,
  input: { programmeId: string; organisationId?: string; data?: Record<string, unknown>; id?: string },
): Promise<Case> {
  const programme = await getProgramme(ports, input.programmeId);
  if (!programme.startRoles.includes(actor.role))
    throw new ForbiddenError(`your role may not start ${programme.id}`);
  const org = await caseOrganisation(ports, actor, input.organisationId);
  const workflow = await latestWorkflow(ports, programme.workflowId);
  if (!workflow?.meta.versionArn) {
    throw new ConflictError(
      'NOT_PUBLISHED',
      `workflow ${programme.workflowId} of ${programme.id} is not published`,
    );
  }
  const id = input.id ?? ports.ids.next('case');
  const existing = await findCase(ports, id);
  const c =
    existing ??
    (await createCaseItem(ports, actor, programme, org, id, workflow.number, workflow.meta.versionArn));
  if (existing && (existing.programmeId !== programme.id || existing.organisationId !== org.id)) {
    throw new ConflictError('ALREADY_EXISTS', `case ${id} exists for another programme or organisation`);
  }
  const executionInput: ExecutionInput = {
    caseId: c.id,
    programmeId: programme.id,
    organisationId: org.id,
    startedBy: actor.userId,
    data: input.data ?? {},
  };
  const { executionArn } = await ports.engine.start(c.versionArn, c.id, executionInput);
  if (c.executionArn !== executionArn) {
    await ports.db.update({
      Key: caseKey(c.id),
      UpdateExpression: 'SET executionArn = :e',
      ExpressionAttributeValues: { ':e': executionArn },
      ReturnValues: 'NONE',
    });
  }
  return { ...c, executionArn };
}

async function createCaseItem(
  ports: Ports,
  actor: { userId: string; role: string },
  programme: Programme,
  org: Organisation,
  id: string,
  workflowVersion: number,
  versionArn: string,
  parentCaseId?: string,
): Promise<Case> {
  const now = isoTime(ports.clock.now());
  const c: Case = {
    id,
    programmeId: programme.id,
    programmeTitle: programme.title,
    kind: programme.kind,
    workflowId: programme.workflowId,
    workflowVersion,
    versionArn,
    organisationId: org.id,
    organisationName: org.name,
    regionPath: org.regionPath,
    district: districtOf(org.regionPath),
    industryCode: org.profile.industryCode,
    status: 'running',
    currentSteps: {},
    ...(parentCaseId ? { parentCaseId } : {}),
    startedBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    lastSeq: 0,
    lastHash: GENESIS,
  };
  try {
    await ports.db.put({ Item: caseToItem(c), ConditionExpression: 'attribute_not_exists(PK)' });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    return getCase(ports, id); // a concurrent retry created it
  }
  if (parentCaseId) {
    // The parent lists its children from its own partition (GET /api/cases/{parent} → children).
    await ports.db.put({
      Item: {
        PK: `CASE#${parentCaseId}`,
        SK: `CHILD#${id}`,
        type: 'case-child',
        childId: id,
        programmeId: programme.id,
        createdAt: now,
      },
    });
  }
  await appendEvents(ports, id, [
    {
      kind: 'case.started',
      actor: { userId: actor.userId, role: actor.role },
      summary: `${programme.title.zh} 已启动`,
      data: { programmeId: programme.id, workflowVersion, ...(parentCaseId ? { parentCaseId } : {}) },
    },
  ]);
  return getCase(ports, id);
}

/**
 * Keeps cases in step with their executions (the engine's or EventBridge's execution status change events):
 * registers child cases that a parent workflow started, and closes cases whose execution ended. Idempotent.
 */
export async function recordExecutionChange(
  ports: Ports,
  change: {
    name: string;
    status: string;
    input: string;
    output: string | null;
    error: string | null;
    cause: string | null;
    executionArn: string;
  },
): Promise<void> {
  const input = safeJson(change.input) as Partial<ExecutionInput> | undefined;
  const caseId = typeof input?.caseId === 'string' ? input.caseId : change.name;
  const c = (await findCase(ports, caseId)) ?? (await registerChildCase(ports, input, change.executionArn));
  if (!c || change.status === 'RUNNING' || c.status !== 'running') return;
  const status: CaseStatus =
    change.status === 'SUCCEEDED' ? 'completed' : change.status === 'ABORTED' ? 'stopped' : 'failed';
  const keys = caseIndexKeys({ ...c, status });
  const output = safeJson(change.output ?? 'null');
  // What the dashboard keeps of a closed case (revision loops, findings, final savings): read once, here.
  const { quality, savings } = await closingFacts(ports, c.id, status);
  try {
    await appendEvents(
      ports,
      c.id,
      [
        {
          kind: `case.${status}`,
          actor: { userId: 'workflow', role: 'system' },
          summary:
            status === 'completed'
              ? '流程已完成'
              : status === 'stopped'
                ? '流程已停止'
                : `流程失败：${change.error ?? ''}`,
          data: {
            status: change.status,
            ...(change.error ? { error: change.error, cause: change.cause } : {}),
          },
        },
      ],
      {
        set: [
          '#st = :st',
          '#ended = :ended',
          '#res = :res',
          '#steps = :steps',
          'GSI2SK = :g2',
          'GSI3PK = :g3p',
          'GSI3SK = :g3',
          '#q = :q',
          ...(savings ? ['#sv = :sv'] : []),
        ],
        names: {
          '#st': 'status',
          '#ended': 'endedAt',
          '#res': 'result',
          '#steps': 'currentSteps',
          '#cur': 'status',
          '#q': 'quality',
          ...(savings ? { '#sv': 'savings' } : {}),
        },
        values: {
          ':st': status,
          ':ended': isoTime(ports.clock.now()),
          ':res': output ?? null,
          ':steps': {},
          ':g2': keys.GSI2SK,
          ':g3p': keys.GSI3PK,
          ':g3': keys.GSI3SK,
          ':running': 'running',
          ':q': quality,
          ...(savings ? { ':sv': savings } : {}),
        },
        condition: '#cur = :running',
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err; // already closed by an earlier delivery
  }
}

/**
 * Registers the case of an execution a parent workflow started (its input names the parent), unless it exists.
 * Called from the execution's start event and — because that event arrives asynchronously (EventBridge on AWS, the
 * engine's outbox locally; after a restart it can lag by minutes) — by the child's first step itself, from
 * `$$.Execution.Input` (cp-open-task, cp-bank-referral). Idempotent: the case item is a conditional put.
 * Returns undefined for an input that is not a child's.
 */
export async function registerChildCase(
  ports: Ports,
  input: Partial<ExecutionInput> | undefined,
  executionArn: string,
): Promise<Case | undefined> {
  if (!input?.caseId || !input.programmeId || !input.organisationId || !input.parentCaseId) return undefined;
  const existing = await findCase(ports, input.caseId);
  if (existing) return existing;
  const parent = await findCase(ports, input.parentCaseId);
  const programme = await getProgramme(ports, input.programmeId);
  const workflow = await latestWorkflow(ports, programme.workflowId);
  const org = await getOrganisation(ports, input.organisationId);
  const c = await createCaseItem(
    ports,
    { userId: input.startedBy ?? parent?.startedBy ?? 'system', role: 'system' },
    programme,
    org,
    input.caseId,
    workflow?.number ?? 0,
    workflow?.meta.versionArn ?? '',
    input.parentCaseId,
  );
  await ports.db.update({
    Key: caseKey(input.caseId),
    UpdateExpression: 'SET executionArn = :e',
    ExpressionAttributeValues: { ':e': executionArn },
    ReturnValues: 'NONE',
  });
  return { ...c, executionArn };
}

/** What a child workflow's first step passes: `{ "arn.$": "$$.Execution.Id", "input.$": "$$.Execution.Input" }`. */
export interface ChildExecution {
  arn: string;
  input: unknown;
}

/**
 * The case a child workflow's step belongs to, registered from the execution input the step passes when the start
 * event has not done it yet; undefined when the step passes none (or not its own case's).
 */
export async function registerFromExecution(
  ports: Ports,
  caseId: string,
  execution: ChildExecution | undefined,
): Promise<Case | undefined> {
  const input = execution?.input as Partial<ExecutionInput> | undefined;
  if (!execution || typeof execution.arn !== 'string' || input?.caseId !== caseId) return undefined;
  return registerChildCase(ports, input, execution.arn);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface CaseQuery {
  programmeId?: string;
  status?: CaseStatus;
  /** A region code in the caller's subtree (a district, say). */
  regionPath?: string;
  /** GB/T 4754 prefix: `C` or `C33` or `C3360`. */
  industry?: string;
  limit?: number;
  cursor?: string;
}

export interface CasePage {
  items: Case[];
  cursor?: string;
}

/**
 * The cases the caller may see, newest first within each index partition; never a Scan. Administrators query the
 * programme or status indexes under their region; enterprises their organisation's; consultants the enterprises
 * that authorised them; experts and banks the cases they take part in.
 */
export async function listCases(ports: Ports, actor: Actor, q: CaseQuery): Promise<CasePage> {
  const limit = q.limit ?? 50;
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (q.industry) {
    filters.push('begins_with(#ind, :ind)');
    names['#ind'] = 'industryCode';
    values[':ind'] = q.industry;
  }
  const region = q.regionPath ?? (actor.role === 'admin' ? actor.regionPath : undefined);
  const withFilters = (req: QueryRequest, extra: string[] = []): QueryRequest => {
    const all = [...filters, ...extra];
    return all.length
      ? {
          ...req,
          FilterExpression: all.join(' AND '),
          ExpressionAttributeNames: { ...req.ExpressionAttributeNames, ...names },
          ExpressionAttributeValues: { ...req.ExpressionAttributeValues, ...values },
        }
      : req;
  };

  if (actor.role === 'admin') {
    if (!region?.startsWith(actor.regionPath)) throw new NotFoundError('region', q.regionPath ?? '');
    if (q.programmeId) {
      const pk = `CASEPROG#${q.programmeId}`;
      const prefix = q.status ? `${q.status}#${region}` : undefined;
      const extra: string[] = [];
      if (!q.status) {
        extra.push('begins_with(#rp, :rp)');
        names['#rp'] = 'regionPath';
        values[':rp'] = region;
      }
      return page(
        ports,
        withFilters({ IndexName: 'GSI2', ...keyCondition('GSI2', pk, prefix) }, extra),
        ['GSI2PK', pk],
        limit,
        q.cursor,
      );
    }
    const status = q.status ?? 'running';
    const pk = `CASESTATUS#${status}`;
    return page(
      ports,
      withFilters({ IndexName: 'GSI3', ...keyCondition('GSI3', pk, region) }),
      ['GSI3PK', pk],
      limit,
      q.cursor,
    );
  }

  const extra: string[] = [];
  if (q.programmeId) {
    extra.push('#pg = :pg');
    names['#pg'] = 'programmeId';
    values[':pg'] = q.programmeId;
  }
  if (q.status) {
    extra.push('#stt = :stt');
    names['#stt'] = 'status';
    values[':stt'] = q.status;
  }
  if (actor.role === 'enterprise') {
    const pk = `CASEORG#${actor.organisationId}`;
    return page(
      ports,
      withFilters({ IndexName: 'GSI1', ...keyCondition('GSI1', pk) }, extra),
      ['GSI1PK', pk],
      limit,
      q.cursor,
    );
  }
  if (actor.role === 'consultant') {
    const enterprises = await listAuthorisingEnterprises(ports, actor.organisationId);
    const items: Case[] = [];
    for (const e of enterprises) {
      const pk = `CASEORG#${e}`;
      const res = await page(
        ports,
        withFilters({ IndexName: 'GSI1', ...keyCondition('GSI1', pk) }, extra),
        ['GSI1PK', pk],
        limit,
      );
      items.push(...res.items);
    }
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items: items.slice(0, limit) };
  }
  // experts and banks: the cases they take part in, then the case items themselves
  const principal =
    actor.role === 'expert' ? userPrincipal(actor.userId) : orgPrincipal(actor.organisationId);
  const pk = `PARTICIPANT#${principal}`;
  const pointers = await page(
    ports,
    { IndexName: 'GSI1', ...keyCondition('GSI1', pk) },
    ['GSI1PK', pk],
    limit,
    q.cursor,
    true,
  );
  const ids = pointers.raw.map((p) => String(p.caseId));
  const cases = (await ports.db.batchGet(ids.map(caseKey))).map(caseFromItem);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const items = ids
    .map((id) => byId.get(id))
    .filter((c): c is Case => Boolean(c))
    .filter(
      (c) => (!q.programmeId || c.programmeId === q.programmeId) && (!q.status || c.status === q.status),
    )
    .filter((c) => !q.industry || (c.industryCode ?? '').startsWith(q.industry));
  return { items, ...(pointers.cursor ? { cursor: pointers.cursor } : {}) };
}

function keyCondition(index: string, pk: string, prefix?: string) {
  return prefix
    ? {
        KeyConditionExpression: `${index}PK = :pk AND begins_with(${index}SK, :prefix)`,
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      }
    : { KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': pk } };
}

/**
 * What a list shows of a case: everything but the chain head (`lastEvent`, `lastHash`), the workflow's output and
 * the guard sets, which are most of the item's bytes (a list page of 50 reads about a third as much).
 */
const LIST_ATTRIBUTES = [
  'id',
  'programmeId',
  'programmeTitle',
  'kind',
  'workflowId',
  'workflowVersion',
  'organisationId',
  'organisationName',
  'regionPath',
  'district',
  'industryCode',
  'status',
  'stage',
  'currentSteps',
  'parentCaseId',
  'startedBy',
  'createdAt',
  'updatedAt',
  'endedAt',
  'lastSeq',
];

function listProjection(req: QueryRequest, position: string[]): QueryRequest {
  const names = Object.fromEntries([...LIST_ATTRIBUTES, ...position].map((a, i) => [`#l${i}`, a]));
  return {
    ...req,
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: { ...req.ExpressionAttributeNames, ...names },
  };
}

/** The attributes that make an item's position in a query (its ExclusiveStartKey). */
const positionOf = (req: QueryRequest) =>
  req.IndexName ? ['PK', 'SK', `${req.IndexName}PK`, `${req.IndexName}SK`] : ['PK', 'SK'];

/**
 * Reads pages until `limit` items pass the filter (or the index ends). A filtered query reads a few times `limit`
 * per round (a selective filter would otherwise take many rounds) and, when more pass than are wanted, resumes
 * after the last one kept: the cursor is built from that item's keys, which is what DynamoDB's own would be.
 */
async function page(
  { db }: Pick<Ports, 'db'>,
  req: QueryRequest,
  partition: [string, string],
  limit: number,
  cursor?: string,
  rawItems = false,
): Promise<CasePage & { raw: Item[] }> {
  const raw: Item[] = [];
  const position = positionOf(req);
  let start: Record<string, unknown> | undefined = decodeCursor(cursor, partition);
  for (let round = 0; round < 20 && raw.length < limit; round++) {
    const want = limit - raw.length;
    const res = await db.query({
      ...(rawItems ? req : listProjection(req, position)),
      ScanIndexForward: false,
      Limit: req.FilterExpression ? Math.min(1000, Math.max(4 * want, 100)) : want,
      ExclusiveStartKey: start,
    });
    if (res.items.length > want) {
      const kept = res.items.slice(0, want);
      raw.push(...kept);
      const last = kept[kept.length - 1]!;
      start = Object.fromEntries(position.map((k) => [k, last[k]]));
      break;
    }
    raw.push(...res.items);
    start = res.lastKey;
    if (!start) break;
  }
  if (start && !start[partition[0]]) throw new InvalidRequestError('cursor outside its list');
  return {
    items: rawItems ? [] : raw.map(caseFromItem),
    raw,
    ...(start ? { cursor: encodeCursor(start) } : {}),
  };
}

export interface CaseChild {
  id: string;
  programmeId: string;
  programmeTitle: { zh: string; en: string };
  organisationId: string;
  organisationName: string;
  status: CaseStatus;
  stage?: string;
}

export interface CaseDetail extends Case {
  timeline: CaseEvent[];
  children: CaseChild[];
}

/** The cases a case started (child audits, member audits), oldest first. */
export async function listChildren({ db }: Pick<Ports, 'db'>, id: string): Promise<CaseChild[]> {
  const page = await db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
    ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':c': 'CHILD#' },
  });
  if (!page.items.length) return [];
  const cases = (await db.batchGet(page.items.map((i) => caseKey(String(i.childId))))).map(caseFromItem);
  return cases
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(({ id: childId, programmeId, programmeTitle, organisationId, organisationName, status, stage }) => ({
      id: childId,
      programmeId,
      programmeTitle,
      organisationId,
      organisationName,
      status,
      ...(stage ? { stage } : {}),
    }));
}

export async function caseDetail(ports: Ports, actor: Actor, id: string): Promise<CaseDetail> {
  const c = await getCase(ports, id);
  await assertCaseVisible(ports, actor, c);
  const [events, children] = await Promise.all([listEvents(ports, id), listChildren(ports, id)]);
  return { ...c, timeline: withHeadEvents(events, c), children };
}

export async function verifyCase(ports: Ports, actor: Actor, id: string) {
  const c = await getCase(ports, id);
  await assertCaseVisible(ports, actor, c);
  return verifyChain(await listEvents(ports, id), c);
}
