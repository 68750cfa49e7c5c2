/**
 * A human task: one waiting `cp-open-task` step of a case's workflow. It is visible in the inbox of whoever the
 * workflow named (a role in an organisation, a role in the case's region, or named users) while open.
 */
import type { Item } from '../db/port';
import type { Assignee } from '../cases/model';

export const TASK_STATUSES = ['open', 'submitted', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskDraft {
  data: unknown;
  savedAt: string;
  savedBy: string;
}

export interface SubmittedBy {
  userId: string;
  username: string;
  role: string;
  organisationId: string;
}

export interface Task {
  id: string;
  caseId: string;
  programmeId: string;
  /** The case's organisation (the enterprise), for scoping. */
  organisationId: string;
  organisationName: string;
  regionPath: string;
  stateName?: string;
  formId: string;
  formVersion: number;
  title: string;
  stage?: string;
  assignee: Assignee;
  claimedBy?: string;
  dueAt: string;
  status: TaskStatus;
  createdAt: string;
  updatedAt: string;
  draft?: TaskDraft;
  draftVersion: number;
  submissionId?: string;
  /** Prefilled data the workflow passed, shown until a draft exists. */
  prefill?: unknown;
  remindedAt?: string;
  version: number;
}

/** The token stays on the item (the API needs it to resume the workflow) but never leaves the server. */
export interface TaskRecord extends Task {
  token: string;
}

export const taskKey = (id: string) => ({ PK: `TASK#${id}`, SK: 'TASK' });

/** The inbox partition a task shows in while it is open. */
export function inboxKeys(t: Pick<Task, 'assignee' | 'regionPath' | 'dueAt' | 'id' | 'organisationId'>): {
  GSI1PK: string;
  GSI1SK: string;
} {
  const { role } = t.assignee;
  const userIds = t.assignee.userIds ?? [];
  if (userIds.length === 1)
    return { GSI1PK: `INBOX#${role}#USER#${userIds[0]}`, GSI1SK: `${t.dueAt}#${t.id}` };
  if (t.assignee.organisationId)
    return { GSI1PK: `INBOX#${role}#ORG#${t.assignee.organisationId}`, GSI1SK: `${t.dueAt}#${t.id}` };
  return { GSI1PK: `INBOX#${role}#REGION`, GSI1SK: `${t.regionPath}#${t.dueAt}#${t.id}` };
}

/** Pointer items for tasks offered to several named users (one GSI entry cannot serve them all). */
export const userInboxPointer = (userId: string, t: Pick<Task, 'dueAt' | 'id'>) => ({
  PK: `INBOX#USER#${userId}`,
  SK: `${t.dueAt}#${t.id}`,
  type: 'inbox-pointer',
  taskId: t.id,
});

/** GSI3 keys: a form's tasks by status and version (the evolution report reads the open ones). */
export const formTasksSortKey = (t: Pick<Task, 'status' | 'formVersion' | 'id'>) =>
  `${t.status}#${String(t.formVersion).padStart(6, '0')}#${t.id}`;

export function taskToItem(t: TaskRecord): Item {
  return {
    ...taskKey(t.id),
    type: 'task',
    ...t,
    ...(t.status === 'open' ? inboxKeys(t) : {}),
    GSI2PK: `CASETASKS#${t.caseId}`,
    GSI2SK: `${t.createdAt}#${t.id}`,
    GSI3PK: `FORMTASKS#${t.formId}`,
    GSI3SK: formTasksSortKey(t),
  };
}

export function taskRecordFromItem(item: Item): TaskRecord {
  const {
    PK: _a,
    SK: _b,
    type: _c,
    GSI1PK: _d,
    GSI1SK: _e,
    GSI2PK: _f,
    GSI2SK: _g,
    GSI3PK: _h,
    GSI3SK: _i,
    submission: _j,
    ...rest
  } = item;
  return rest as unknown as TaskRecord;
}

/** The task as the API shows it: everything but the token. */
export function publicTask(t: TaskRecord): Task {
  const { token: _token, ...rest } = t;
  return rest;
}
