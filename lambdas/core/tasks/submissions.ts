/**
 * Submissions: immutable once stored, pinned to the form version they were validated against. One per task
 * (its id derives from the task's), so a retried submit finds the one an earlier attempt stored.
 */
import { NotFoundError } from '../errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import type { SubmittedBy } from './model';

export interface Submission {
  id: string;
  caseId: string;
  taskId: string;
  formId: string;
  formVersion: number;
  data: unknown;
  submittedBy: SubmittedBy;
  submittedAt: string;
}

export const submissionKey = (id: string) => ({ PK: `SUB#${id}`, SK: 'SUB' });
export const submissionIdFor = (taskId: string) => `sub_${taskId.slice('task_'.length)}`;

export const submissionToItem = (s: Submission): Item => ({
  ...submissionKey(s.id),
  type: 'submission',
  ...s,
  GSI1PK: `CASESUBS#${s.caseId}`,
  GSI1SK: `${s.submittedAt}#${s.id}`,
});

function fromItem(item: Item): Submission {
  const { id, caseId, taskId, formId, formVersion, data, submittedBy, submittedAt } =
    item as unknown as Submission;
  return { id, caseId, taskId, formId, formVersion, data, submittedBy, submittedAt };
}

export async function getSubmissionItem({ db }: Pick<Ports, 'db'>, id: string): Promise<Submission> {
  const item = await db.get({ Key: submissionKey(id), ConsistentRead: true });
  if (!item) throw new NotFoundError('submission', id);
  return fromItem(item);
}

/** A case's submissions, oldest first. */
export async function listSubmissions({ db }: Pick<Ports, 'db'>, caseId: string): Promise<Submission[]> {
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `CASESUBS#${caseId}` },
  });
  return page.items.map(fromItem);
}
