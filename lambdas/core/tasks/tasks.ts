/**
 * What people do with human tasks: see their inbox, open a task with its form, save drafts, submit (validated
 * against the exact form version, stored as an immutable submission, then the workflow resumes), claim, release,
 * transfer, remind, and withdraw a submission while the next step is untouched.
 */
import { canonicalJson } from '../canonical';
import { getCase } from '../cases/cases';
import { appendEvents } from '../cases/events';
import type { EventActor } from '../cases/events';
import { ConditionFailedError, onConditionFailed } from '../db/errors';
import { buildUpdate } from '../db/expressions';
import type { Item, QueryRequest, UpdateRequest } from '../db/port';
import type { WorkflowEngine } from '../definitions/engine';
import { TaskTokenGoneError } from '../definitions/engine';
import type { FormVersion } from '../definitions/forms';
import { getFormVersion } from '../definitions/forms';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../errors';
import { validateSubmission } from '../forms';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { isAuthorised, listAuthorisingEnterprises } from '../identity/consultancies';
import { getUser } from '../identity/users';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { SubmittedBy, Task, TaskRecord } from './model';
import { inboxKeys, publicTask, taskKey, taskRecordFromItem } from './model';
import type { SubmitResult } from './resume';
import { RESUME_INDEX, resume } from './resume';
import type { Submission } from './submissions';
import { getSubmissionItem, storedSubmission, submissionIdFor, submissionIndexKeys } from './submissions';

export type { SubmitResult } from './resume';
export { INLINE_DATA_BYTES, resumeStalled } from './resume';

export interface TaskPorts extends Ports {
  engine: WorkflowEngine;
}

/** How the actor relates to a task: acts on it, drafts for the enterprise (consultant), or only sees it. */
export type Access = 'act' | 'draft' | 'view';

export async function findTask({ db }: Pick<Ports, 'db'>, id: string): Promise<TaskRecord | undefined> {
  const item = await db.get({ Key: taskKey(id), ConsistentRead: true });
  return item ? taskRecordFromItem(item) : undefined;
}

export function actsOn(actor: Actor, t: Task): boolean {
  const a = t.assignee;
  if (actor.role !== a.role) return false;
  if (a.userIds?.length && !a.userIds.includes(actor.userId)) return false;
  if (a.organisationId && a.organisationId !== actor.organisationId) return false;
  if (!a.organisationId && !a.userIds?.length && actor.role === 'admin' && !administers(actor, t))
    return false;
  return true;
}

export async function accessTo(ports: Pick<Ports, 'db'>, actor: Actor, t: Task): Promise<Access | undefined> {
  if (actsOn(actor, t)) return 'act';
  if (
    actor.role === 'consultant' &&
    t.assignee.role === 'enterprise' &&
    t.assignee.organisationId &&
    (await isAuthorised(ports, actor.organisationId, t.assignee.organisationId))
  ) {
    return 'draft';
  }
  if (administers(actor, t)) return 'view';
  return undefined;
}

async function taskFor(ports: Pick<Ports, 'db'>, actor: Actor, id: string, need: Access[]) {
  const t = await findTask(ports, id);
  const access = t ? await accessTo(ports, actor, t) : undefined;
  if (!t || !access) throw new NotFoundError('task', id);
  if (!need.includes(access))
    throw new ForbiddenError(
      access === 'draft' ? 'a consultant drafts; the enterprise submits' : 'you may only view this task',
    );
  return { t, access };
}

const eventActor = (actor: Actor): EventActor => ({
  userId: actor.userId,
  role: actor.role,
  name: actor.username,
});

export async function getTask(ports: Pick<Ports, 'db'>, actor: Actor, id: string) {
  const { t, access } = await taskFor(ports, actor, id, ['act', 'draft', 'view']);
  const form = await getFormVersion(ports, t.formId, t.formVersion);
  return { task: publicTask(t), access, form };
}

/** Open tasks the actor may act on (or, for a consultant, draft), soonest due first. */
export async function inbox(ports: Pick<Ports, 'db'>, actor: Actor): Promise<(Task & { access: Access })[]> {
  const queries: QueryRequest[] = [
    q(`INBOX#${actor.role}#USER#${actor.userId}`),
    q(`INBOX#${actor.role}#ORG#${actor.organisationId}`),
  ];
  if (actor.role === 'admin') queries.push(q(`INBOX#admin#REGION`, actor.regionPath));
  if (actor.role === 'consultant') {
    for (const e of await listAuthorisingEnterprises(ports, actor.organisationId))
      queries.push(q(`INBOX#enterprise#ORG#${e}`));
  }
  const pages = await Promise.all(queries.map((req) => ports.db.query(req)));
  const items: Item[] = pages.flatMap((p) => p.items);
  const pointers = await ports.db.query({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': `INBOX#USER#${actor.userId}` },
  });
  if (pointers.items.length)
    items.push(...(await ports.db.batchGet(pointers.items.map((p) => taskKey(String(p.taskId))))));
  const seen = new Set<string>();
  const out: (Task & { access: Access })[] = [];
  for (const item of items) {
    const t = taskRecordFromItem(item);
    if (seen.has(t.id) || t.status !== 'open') continue;
    seen.add(t.id);
    out.push({ ...publicTask(t), access: actsOn(actor, t) ? 'act' : 'draft' });
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

function q(pk: string, prefix?: string): QueryRequest {
  return {
    IndexName: 'GSI1',
    KeyConditionExpression: prefix ? 'GSI1PK = :pk AND begins_with(GSI1SK, :p)' : 'GSI1PK = :pk',
    ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
    Limit: 200,
  };
}

const MAX_DRAFT_BYTES = 350 * 1024;

export async function saveTaskDraft(
  ports: Ports,
  actor: Actor,
  id: string,
  data: unknown,
  expectDraftVersion?: number,
): Promise<{ draftVersion: number; savedAt: string }> {
  const { t } = await taskFor(ports, actor, id, ['act', 'draft']);
  if (t.status !== 'open') throw new ConflictError('TASK_CLOSED', `task ${id} is ${t.status}`);
  if (new TextEncoder().encode(JSON.stringify(data)).length > MAX_DRAFT_BYTES) {
    throw new ValidationError('draft too large', [
      { path: '', message: `drafts are limited to ${MAX_DRAFT_BYTES} bytes; attach large data as files` },
    ]);
  }
  const savedAt = isoTime(ports.clock.now());
  const where: Record<string, unknown> = { status: 'open' };
  if (expectDraftVersion !== undefined) where.draftVersion = expectDraftVersion;
  const saved = await onConditionFailed(
    ports.db.update(
      buildUpdate(taskKey(id), {
        set: { draft: { data, savedAt, savedBy: actor.userId }, updatedAt: savedAt },
        add: { draftVersion: 1 },
        where,
        returnValues: 'ALL_NEW',
      }),
    ),
    () => new VersionConflictError('task draft', id),
  );
  return { draftVersion: Number(saved?.draftVersion ?? 0), savedAt };
}

/**
 * Validates against the task's exact form version (422 with field errors; nothing stored), then closes the task
 * with the immutable submission in one conditional write (the claim: only one submit closes a task), records the
 * event and resumes the workflow. Safe to retry: each step finds what an earlier attempt finished.
 */
export async function submitTask(
  ports: TaskPorts,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<SubmitResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { t } = await taskFor(ports, actor, id, ['act']);
    if (t.claimedBy && t.claimedBy !== actor.userId)
      throw new ConflictError('TASK_CLAIMED', 'another user has claimed this task');
    if (t.status !== 'open' && t.status !== 'submitted') {
      throw new ConflictError('TASK_CLOSED', `task ${id} is ${t.status}`);
    }
    const form: FormVersion = await getFormVersion(ports, t.formId, t.formVersion);
    const result = await validateSubmission(form, raw);
    if (!result.valid) throw new ValidationError('the submission does not satisfy its form', result.errors);
    if (t.status === 'submitted') return retry(ports, t, result.data);
    const user = await cachedUser(ports, actor);
    const submission: Submission = {
      id: submissionIdFor(t.id),
      caseId: t.caseId,
      taskId: t.id,
      formId: t.formId,
      formVersion: t.formVersion,
      data: result.data,
      submittedBy: user,
      submittedAt: isoTime(ports.clock.now()),
    };
    try {
      await ports.db.update(closeWithSubmission(t, submission));
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      continue; // submitted, claimed or changed meanwhile: read it again and decide afresh
    }
    return resume(ports, t, submission, true);
  }
  throw new VersionConflictError('task', id);
}

/**
 * The write that submits: the task open and unchanged since it was read → submitted, holding the submission, and
 * entered in the index of submitted tasks (GSI3 `RESUME` / `<submittedAt>#<taskId>`, in place of its form's index
 * entry). The claim, the durable copy and the entry are one write, so no crash can leave a stored submission where
 * the sweep does not look; if the process dies before the workflow is resumed and the client never sends it again,
 * `resumeStalled` finds it and finishes the job.
 */
function closeWithSubmission(t: TaskRecord, s: Submission): UpdateRequest {
  const index = submissionIndexKeys(s);
  return {
    Key: taskKey(t.id),
    UpdateExpression:
      'SET #status = :submitted, submissionId = :sid, submission = :sub, updatedAt = :at, #version = :next, ' +
      'GSI1PK = :g1pk, GSI1SK = :g1sk, GSI3PK = :g3pk, GSI3SK = :g3sk REMOVE draft',
    ConditionExpression: '#status = :open AND #version = :version',
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: {
      ':submitted': 'submitted',
      ':open': 'open',
      ':sid': s.id,
      ':sub': storedSubmission(s),
      ':at': s.submittedAt,
      ':version': t.version,
      ':next': t.version + 1,
      ':g1pk': index.GSI1PK,
      ':g1sk': index.GSI1SK,
      ':g3pk': RESUME_INDEX,
      ':g3sk': `${s.submittedAt}#${t.id}`,
    },
    ReturnValues: 'NONE',
  };
}

/**
 * A submit for a task that already has its submission: the same data is a retry (finish what an earlier attempt
 * left and answer with the stored submission); other data is refused, because a submission never changes.
 */
async function retry(ports: TaskPorts, t: TaskRecord, data: unknown): Promise<SubmitResult> {
  const stored = await getSubmissionItem(ports, t.submissionId ?? submissionIdFor(t.id));
  if (canonicalJson(stored.data) !== canonicalJson(data)) {
    throw new ConflictError('TASK_CLOSED', 'this task was submitted already, with other data');
  }
  return resume(ports, t, stored, false);
}

const users = new Map<string, SubmittedBy>();
async function cachedUser(ports: Pick<Ports, 'db'>, actor: Actor): Promise<SubmittedBy> {
  const hit = users.get(actor.userId);
  if (hit) return hit;
  const u = await getUser(ports, actor.userId);
  const by = { userId: u.id, username: u.username, role: u.role, organisationId: u.organisationId };
  users.set(actor.userId, by);
  return by;
}

// ---- claim, release, transfer, remind ----------------------------------------------------------------------

async function setTask(ports: Ports, t: TaskRecord, set: Record<string, unknown>, remove: string[] = []) {
  const next = { ...t, ...set } as TaskRecord;
  const keys = next.status === 'open' ? inboxKeys(next) : {};
  const saved = await onConditionFailed(
    ports.db.update(
      buildUpdate(taskKey(t.id), {
        set: { ...set, ...keys, updatedAt: isoTime(ports.clock.now()) },
        remove,
        expectVersion: t.version,
        where: { status: 'open' },
      }),
    ),
    () => new VersionConflictError('task', t.id),
  );
  return publicTask(taskRecordFromItem(saved as Item));
}

export async function claimTask(ports: Ports, actor: Actor, id: string) {
  const { t } = await taskFor(ports, actor, id, ['act']);
  if (t.claimedBy === actor.userId) return publicTask(t);
  if (t.claimedBy) throw new ConflictError('TASK_CLAIMED', 'another user has claimed this task');
  const task = await setTask(ports, t, { claimedBy: actor.userId });
  await appendEvents(ports, t.caseId, [
    { kind: 'task.claimed', actor: eventActor(actor), summary: `认领：${t.title}`, data: { taskId: id } },
  ]);
  return task;
}

export async function releaseTask(ports: Ports, actor: Actor, id: string) {
  const { t } = await taskFor(ports, actor, id, ['act']);
  if (t.claimedBy !== actor.userId) throw new ConflictError('NOT_CLAIMED', 'you have not claimed this task');
  const task = await setTask(ports, t, {}, ['claimedBy']);
  await appendEvents(ports, t.caseId, [
    { kind: 'task.released', actor: eventActor(actor), summary: `释放：${t.title}`, data: { taskId: id } },
  ]);
  return task;
}

/** Hands the task to one named user of the same role and organisation. */
export async function transferTask(ports: Ports, actor: Actor, id: string, toUserId: string) {
  const { t } = await taskFor(ports, actor, id, ['act']);
  const to = await getUser(ports, toUserId).catch(() => undefined);
  if (!to || to.role !== actor.role || to.organisationId !== actor.organisationId || to.status !== 'active') {
    throw new ValidationError('transfer to an active user of your role and organisation', [
      { path: '/userId', message: 'not eligible' },
    ]);
  }
  const assignee = { ...t.assignee, userIds: [to.id], organisationId: to.organisationId };
  const task = await setTask(ports, { ...t }, { assignee }, ['claimedBy']);
  await appendEvents(ports, t.caseId, [
    {
      kind: 'task.transferred',
      actor: eventActor(actor),
      summary: `转交：${t.title} → ${to.displayName}`,
      data: { taskId: id, to: to.id },
    },
  ]);
  return task;
}

const REMIND_INTERVAL_MS = 3600_000;

/** 催办: records a reminder to the assignee (at most one an hour per task); notifications deliver it. */
export async function remindTask(ports: Ports, actor: Actor, id: string) {
  const t = await findTask(ports, id);
  if (!t) throw new NotFoundError('task', id);
  const owner = actor.role === 'enterprise' && actor.organisationId === t.organisationId;
  if (!administers(actor, t) && !owner) throw new NotFoundError('task', id);
  if (t.status !== 'open') throw new ConflictError('TASK_CLOSED', `task ${id} is ${t.status}`);
  const now = ports.clock.now();
  if (t.remindedAt && now - Date.parse(t.remindedAt) < REMIND_INTERVAL_MS) {
    throw new ConflictError('ALREADY_REMINDED', 'a reminder was sent within the last hour');
  }
  await setTask(ports, t, { remindedAt: isoTime(now) });
  await appendEvents(ports, t.caseId, [
    {
      kind: 'task.reminded',
      actor: eventActor(actor),
      summary: `催办：${t.title}`,
      data: { taskId: id, assignee: t.assignee },
    },
  ]);
}

// ---- withdraw ----------------------------------------------------------------------------------------------

/** The error a workflow's review steps catch to loop back to the submitter (docs/authoring.md). */
export const RETURNED = 'Review.Returned';

/**
 * Withdraws a submission while the step that followed it is untouched (open, unclaimed, no draft): that step is
 * failed with Review.Returned so the workflow loops back to the submitter; the submission itself never changes.
 */
export async function withdrawSubmission(ports: TaskPorts, actor: Actor, submissionId: string) {
  const s = await getSubmissionItem(ports, submissionId).catch(() => undefined);
  if (!s || s.submittedBy.organisationId !== actor.organisationId || s.submittedBy.role !== actor.role) {
    throw new NotFoundError('submission', submissionId);
  }
  const c = await getCase(ports, s.caseId);
  const following = Object.values(c.currentSteps).filter((step) => step.openedAt >= s.submittedAt);
  const candidates = await Promise.all(following.map((step) => findTask(ports, step.taskId)));
  const next = candidates.find((t) => t && t.status === 'open' && !t.claimedBy && t.draftVersion === 0);
  if (!next)
    throw new ConflictError(
      'CANNOT_WITHDRAW',
      'the next step has already started; ask its assignee to return it',
    );
  await setTask(ports, next, { status: 'cancelled' }, ['GSI1PK', 'GSI1SK']);
  await appendEvents(
    ports,
    c.id,
    [
      {
        kind: 'submission.withdrawn',
        actor: eventActor(actor),
        summary: `撤回提交：${s.formId}`,
        data: { submissionId, cancelledTaskId: next.id },
      },
    ],
    { remove: ['#steps.#tid'], names: { '#steps': 'currentSteps', '#tid': next.id } },
  );
  try {
    await ports.engine.sendFailure(
      next.token,
      RETURNED,
      JSON.stringify({ reason: 'withdrawn', submissionId }),
    );
  } catch (err) {
    if (!(err instanceof TaskTokenGoneError)) throw err;
  }
  return { submissionId, cancelledTaskId: next.id };
}
