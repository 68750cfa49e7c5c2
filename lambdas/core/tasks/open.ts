/**
 * Opening a human step (the core of `cp-open-task`): the task item, the case's current steps, a `task.opened`
 * event, the due-index pointer and the assignees' notifications, written in two calls (the case item's conditional
 * update, then one BatchWrite) after one read of the form's pointer and the assignees' organisation (`stepReads`);
 * idempotent by token (the engine may invoke it again after a crash, or while an earlier invocation still runs).
 */
import { sha256Hex } from '../canonical';
import { participantItem, orgPrincipal, userPrincipal } from '../cases/access';
import type { ChildExecution } from '../cases/cases';
import { registerFromExecution } from '../cases/cases';
import type { Assignee, Case, CurrentStep } from '../cases/model';
import { caseFromItem } from '../cases/model';
import { appendEvents, caseKey } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import { projection } from '../db/expressions';
import type { Item } from '../db/port';
import { latestFormVersion } from '../definitions/forms';
import { DomainError, ValidationError } from '../errors';
import { isRole } from '../identity/roles';
import type { NotifyPorts } from '../notifications/notify';
import { assigneeOrganisation, resolveRecipients } from '../notifications/recipients';
import { membersKey } from '../identity/users';
import { draftKey, POINTER_ATTRIBUTES } from '../definitions/store';
import { mailTaskOpened, taskOpened, taskOpenedItems } from '../notifications/task-opened';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from './model';
import { taskKey, taskRecordFromItem, taskToItem, userInboxPointer } from './model';

export type Text = string | { zh: string; en: string };

export interface OpenTaskPayload {
  token: string;
  caseId: string;
  formId: string;
  assignee: Assignee;
  dueInDays?: number;
  title?: Text;
  stage?: string;
  prefill?: unknown;
  stateName?: string;
  /**
   * `{ "arn.$": "$$.Execution.Id", "input.$": "$$.Execution.Input" }` on a child workflow's first step: when the
   * child's case is not registered yet (its start event still on its way), the step registers it from the input.
   */
  execution?: ChildExecution;
}

/** Deterministic from the token, so a repeated invocation finds the task it opened. */
export async function taskIdFor(token: string): Promise<string> {
  return `task_${(await sha256Hex(token)).slice(0, 26)}`;
}

type CaseFacts = Pick<
  Case,
  'id' | 'programmeId' | 'organisationId' | 'organisationName' | 'regionPath' | 'createdAt'
>;
const facts = new Map<string, CaseFacts>();

/**
 * Thrown when a step opens before its case is registered. A child case is registered from its execution's
 * start event, which arrives asynchronously (EventBridge on AWS, the engine's callback locally), so a child
 * workflow's first step can run first. The wait below covers the usual delay; workflows Retry this error name
 * for the rest (docs/authoring.md).
 */
export class CaseNotReadyError extends DomainError {
  constructor(caseId: string) {
    super('CASE_NOT_READY', `case ${caseId} is not registered yet`);
    this.name = 'Case.NotReady';
  }
}

const CASE_WAIT_MS = [50, 100, 200, 400, 800, 1200, 1600];

/** The case facts a task copies never change, so they are read once per process. */
async function caseFacts(ports: Ports, caseId: string, execution?: ChildExecution): Promise<CaseFacts> {
  const { db } = ports;
  const cached = facts.get(caseId);
  if (cached) return cached;
  let item = await db.get({ Key: caseKey(caseId), ConsistentRead: true });
  if (!item && (await registerFromExecution(ports, caseId, execution)))
    item = await db.get({ Key: caseKey(caseId), ConsistentRead: true });
  for (const ms of CASE_WAIT_MS) {
    if (item) break;
    await new Promise((r) => setTimeout(r, ms));
    item = await db.get({ Key: caseKey(caseId), ConsistentRead: true });
  }
  if (!item) throw new CaseNotReadyError(caseId);
  const { id, programmeId, organisationId, organisationName, regionPath, createdAt } = caseFromItem(item);
  const f = { id, programmeId, organisationId, organisationName, regionPath, createdAt };
  if (facts.size > 20_000) facts.delete(facts.keys().next().value as string);
  facts.set(caseId, f);
  return f;
}

function checkPayload(p: OpenTaskPayload): void {
  const problems: { path: string; message: string }[] = [];
  if (typeof p.token !== 'string' || p.token.length < 16)
    problems.push({ path: '/token', message: 'task token missing' });
  if (typeof p.caseId !== 'string') problems.push({ path: '/caseId', message: 'caseId missing' });
  if (typeof p.formId !== 'string') problems.push({ path: '/formId', message: 'formId missing' });
  if (!p.assignee || !isRole(p.assignee.role))
    problems.push({ path: '/assignee/role', message: 'assignee.role must be a cpflow role' });
  if (p.assignee?.role === 'expert' && !p.assignee.userIds?.length) {
    problems.push({ path: '/assignee/userIds', message: 'an expert step names its experts' });
  }
  if (problems.length) throw new ValidationError('invalid cp-open-task payload', problems);
}

export async function openTask(ports: NotifyPorts & Ports, payload: OpenTaskPayload): Promise<TaskRecord> {
  checkPayload(payload);
  const c = await caseFacts(ports, payload.caseId, payload.execution);
  const assignee: Assignee = { ...payload.assignee };
  if (assignee.role === 'enterprise' && !assignee.organisationId && !assignee.userIds?.length) {
    assignee.organisationId = c.organisationId;
  }
  const { form, recipients } = await stepReads(ports, payload.formId, assignee, c);
  const id = await taskIdFor(payload.token);
  const now = ports.clock.now();
  const title = payload.title ?? form.title;
  const titleZh = typeof title === 'string' ? title : title.zh;
  const task: TaskRecord = {
    id,
    token: payload.token,
    caseId: c.id,
    programmeId: c.programmeId,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    regionPath: c.regionPath,
    ...(payload.stateName ? { stateName: payload.stateName } : {}),
    formId: form.id,
    formVersion: form.version,
    title: titleZh,
    ...(payload.stage ? { stage: payload.stage } : {}),
    assignee,
    dueAt: isoTime(now + Math.max(0, payload.dueInDays ?? 14) * 86_400_000),
    status: 'open',
    createdAt: isoTime(now),
    updatedAt: isoTime(now),
    draftVersion: 0,
    ...(payload.prefill !== undefined ? { prefill: payload.prefill } : {}),
    version: 1,
  };
  const step: CurrentStep = {
    taskId: id,
    title: titleZh,
    formId: form.id,
    ...(payload.stage ? { stage: payload.stage } : {}),
    assignee,
    openedAt: task.createdAt,
    dueAt: task.dueAt,
  };
  const items = stepItems(task, c);
  const opening = await taskOpenedItems(ports, task, recipients);
  // The due pointer and the notifications go in the same BatchWrite as the task, the mails after it.
  try {
    await appendEvents(
      ports,
      c.id,
      [
        {
          kind: 'task.opened',
          actor: { userId: 'workflow', role: 'system' },
          summary: `待办：${titleZh}`,
          data: { taskId: id, formId: form.id, formVersion: form.version, assignee, dueAt: task.dueAt },
        },
      ],
      {
        set: ['#steps.#tid = :step', ...(payload.stage ? ['#stage = :stage'] : [])],
        // Every task the case ever opened, so a repeated invocation never reopens a task already submitted.
        add: ['#opened :tidSet'],
        names: {
          '#steps': 'currentSteps',
          '#tid': id,
          '#opened': 'openedTasks',
          ...(payload.stage ? { '#stage': 'stage' } : {}),
        },
        values: {
          ':step': step,
          ':tid': id,
          ':tidSet': new Set([id]),
          ...(payload.stage ? { ':stage': payload.stage } : {}),
        },
        condition: 'NOT contains(#opened, :tid)',
        items: [...items, ...opening.items],
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // Opened before (a repeated invocation). The first run may have died between the case item and its BatchWrite,
    // or inside it: write what is missing (never overwriting: a task may have moved on since), as the first run
    // built it — its time is on the task, or on the case's step while the task item is missing.
    const opened = await firstOpening(ports, task);
    await Promise.all(
      stepItems(opened, c).map(async (Item) => {
        try {
          await ports.db.put({ Item, ConditionExpression: 'attribute_not_exists(PK)' });
        } catch (e) {
          if (!(e instanceof ConditionFailedError)) throw e;
        }
      }),
    );
    // Notifies whoever was not notified yet (conditional writes) and indexes the due date.
    await taskOpened(ports, opened);
    return opened;
  }
  await mailTaskOpened(ports, opening.notifications);
  return task;
}

/**
 * The two things a step reads — the form version published now, and who is notified — in one BatchGetItem where
 * the assignees are an organisation's (its members item, beside the form draft's pointer), else side by side.
 */
async function stepReads(ports: Ports, formId: string, assignee: Assignee, c: CaseFacts) {
  const organisationId = assigneeOrganisation(assignee, c);
  if (!organisationId) {
    const [form, recipients] = await Promise.all([
      latestFormVersion(ports, formId),
      resolveRecipients(ports, assignee, c),
    ]);
    return { form, recipients };
  }
  const pointerKey = draftKey('FORM', formId);
  const items = await ports.db.batchGet([pointerKey, membersKey(organisationId)], {
    ConsistentRead: true,
    ...projection([...POINTER_ATTRIBUTES, 'members', 'rev']),
  });
  const pointer = items.find((i) => i.PK === pointerKey.PK) ?? null;
  const members = items.find((i) => i.SK === 'MEMBERS') ?? null;
  const [form, recipients] = await Promise.all([
    latestFormVersion(ports, formId, pointer),
    resolveRecipients(ports, assignee, c, members),
  ]);
  return { form, recipients };
}

/** The task item, the participants of named users and banks, and the inbox pointers of a multi-user step. */
function stepItems(task: TaskRecord, c: CaseFacts): Item[] {
  const { assignee } = task;
  const items: Item[] = [taskToItem(task)];
  for (const userId of assignee.userIds ?? []) {
    items.push(participantItem(userPrincipal(userId), c, assignee.role));
    if ((assignee.userIds?.length ?? 0) > 1) items.push(userInboxPointer(userId, task));
  }
  if (assignee.role === 'bank' && assignee.organisationId) {
    items.push(participantItem(orgPrincipal(assignee.organisationId), c, 'bank'));
  }
  return items;
}

/** The task as the invocation that opened it wrote it (or would have): its item, else its times from the case. */
async function firstOpening(ports: Ports, task: TaskRecord): Promise<TaskRecord> {
  const existing = await ports.db.get({ Key: taskKey(task.id), ConsistentRead: true });
  if (existing) return taskRecordFromItem(existing);
  const c = await ports.db.get({
    Key: caseKey(task.caseId),
    ConsistentRead: true,
    ProjectionExpression: '#steps.#tid',
    ExpressionAttributeNames: { '#steps': 'currentSteps', '#tid': task.id },
  });
  const step = (c?.currentSteps as Record<string, CurrentStep> | undefined)?.[task.id];
  return step ? { ...task, createdAt: step.openedAt, updatedAt: step.openedAt, dueAt: step.dueAt } : task;
}
