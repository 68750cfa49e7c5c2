/**
 * Submissions: immutable once stored, pinned to the form version they were validated against. One per task (its
 * id derives from the task's), so a retried submit finds the one an earlier attempt stored.
 *
 * A submission is stored inside its task's item (`submission`, the data as one JSON string), written by the same
 * conditional update that closes the task: claiming the task, keeping the data and leaving the inbox are one
 * write, and the closed task item is never written again. The closed task is listed under the case's submissions
 * (GSI1 `CASESUBS#<caseId>` / `<submittedAt>#<submissionId>`). Submissions stored before that (their own item,
 * `SUB#<id>` / `SUB`, same GSI1 keys) are still read.
 */
import { NotFoundError } from '../errors';
import type { Item, Key } from '../db/port';
import type { Ports } from '../ports';
import type { SubmittedBy } from './model';
import { taskKey } from './model';

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

/** The submission as its task item holds it. */
export type StoredSubmission = Omit<Submission, 'data'> & { dataJson: string };

export const submissionKey = (id: string) => ({ PK: `SUB#${id}`, SK: 'SUB' });
export const submissionIdFor = (taskId: string) => `sub_${taskId.slice('task_'.length)}`;
export const taskIdForSubmission = (submissionId: string) => `task_${submissionId.slice('sub_'.length)}`;

/** The GSI1 keys under which a case lists its submissions. */
export const submissionIndexKeys = (s: Pick<Submission, 'caseId' | 'submittedAt' | 'id'>) => ({
  GSI1PK: `CASESUBS#${s.caseId}`,
  GSI1SK: `${s.submittedAt}#${s.id}`,
});

/** A submission as its own item, the way submissions were stored before they moved into the task item. */
export const submissionToItem = (s: Submission): Item => ({
  ...submissionKey(s.id),
  type: 'submission',
  ...s,
  ...submissionIndexKeys(s),
});

export function storedSubmission(s: Submission): StoredSubmission {
  const { data, ...rest } = s;
  return { ...rest, dataJson: JSON.stringify(data) };
}

export function fromStored(stored: StoredSubmission): Submission {
  const { id, caseId, taskId, formId, formVersion, dataJson, submittedBy, submittedAt } = stored;
  return { id, caseId, taskId, formId, formVersion, data: JSON.parse(dataJson), submittedBy, submittedAt };
}

function fromLegacyItem(item: Item): Submission {
  const { id, caseId, taskId, formId, formVersion, data, submittedBy, submittedAt } =
    item as unknown as Submission;
  return { id, caseId, taskId, formId, formVersion, data, submittedBy, submittedAt };
}

/** A submission from a case-submissions index entry: a closed task, or an older submission item. */
function fromIndexed(item: Item): Submission | undefined {
  if (item.type === 'submission') return fromLegacyItem(item);
  const stored = item.submission as StoredSubmission | undefined;
  return stored ? fromStored(stored) : undefined;
}

export async function getSubmissionItem({ db }: Pick<Ports, 'db'>, id: string): Promise<Submission> {
  const task = await db.get({ Key: taskKey(taskIdForSubmission(id)), ConsistentRead: true });
  const stored = task?.submission as StoredSubmission | undefined;
  if (stored?.id === id) return fromStored(stored);
  const legacy = await db.get({ Key: submissionKey(id) as Key, ConsistentRead: true });
  if (!legacy) throw new NotFoundError('submission', id);
  return fromLegacyItem(legacy);
}

/** A case's submissions, oldest first. */
export async function listSubmissions({ db }: Pick<Ports, 'db'>, caseId: string): Promise<Submission[]> {
  const out: Submission[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASESUBS#${caseId}` },
      ExclusiveStartKey: start,
    });
    for (const item of page.items) {
      const s = fromIndexed(item);
      if (s) out.push(s);
    }
    start = page.lastKey;
  } while (start);
  return out;
}
