/**
 * Resuming a submitted task's workflow, apart from submitting itself so that the reminder sweep, which resumes
 * stalled submissions, does not carry form validation (AJV, rules) into its Lambda: closing the step with its
 * event, SendTaskSuccess, and the stall marker the submitting write leaves until then (docs/decisions.md D11, D19).
 */
import { appendEvents } from '../cases/events';
import type { EventActor } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { WorkflowEngine } from '../definitions/engine';
import { TaskTokenGoneError } from '../definitions/engine';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from './model';
import { formTasksSortKey, taskKey, taskRecordFromItem } from './model';
import type { StoredSubmission, Submission } from './submissions';
import { fromStored, getSubmissionItem } from './submissions';

export interface ResumePorts extends Ports {
  engine: WorkflowEngine;
}

/** Data larger than this goes to the workflow by reference (Step Functions' 256 KB payload limit). */
export const INLINE_DATA_BYTES = 32 * 1024;

export interface SubmitResult {
  submission: Submission;
  /** True when this call stored it; false when it was stored by an earlier attempt. */
  created: boolean;
}

/** GSI3 partition of submitted tasks whose workflow is not known to be resumed (few, short-lived). */
export const RESUME_INDEX = 'RESUME';

/** After SendTaskSuccess returned: the task leaves the resume index for its form's (a no-op when it already left). */
async function clearResumeMarker(ports: Pick<Ports, 'db'>, t: TaskRecord): Promise<void> {
  try {
    await ports.db.update({
      Key: taskKey(t.id),
      UpdateExpression: 'SET GSI3PK = :form, GSI3SK = :g3sk',
      ConditionExpression: 'GSI3PK = :resume',
      ExpressionAttributeValues: {
        ':form': `FORMTASKS#${t.formId}`,
        ':g3sk': formTasksSortKey({ ...t, status: 'submitted' }),
        ':resume': RESUME_INDEX,
      },
      ReturnValues: 'NONE',
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
}

/** A marker item (`RESUME` / `<taskId>`) as submits wrote them before the marker moved into the task item. */
const legacyResumeKey = (taskId: string) => ({ PK: 'RESUME', SK: taskId });

/**
 * Resumes the workflows of submissions stored more than `olderThanMs` ago whose SendTaskSuccess never returned (the
 * process died between storing and resuming, and the client did not send it again): closes the step if still open
 * and sends the result, as a retried submit would. Idempotent and safe beside a submit still in flight. Run by the
 * daily sweep, and by `npm start` as it starts (nothing of its own can be in flight then).
 * @example await resumeStalled(ports, { olderThanMs: 60_000 }) // { resumed: 1, gone: 0 }
 */
export async function resumeStalled(
  ports: ResumePorts,
  opts: { olderThanMs: number },
): Promise<{ resumed: number; gone: number }> {
  const before = isoTime(ports.clock.now() - opts.olderThanMs);
  const report = { resumed: 0, gone: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK <= :before',
      ExpressionAttributeValues: { ':pk': RESUME_INDEX, ':before': `${before}#\uffff` },
      ExclusiveStartKey: start,
    });
    for (const indexed of page.items) {
      // the index may lag the table: read the task itself
      const item = await ports.db.get({ Key: taskKey(String(indexed.id)), ConsistentRead: true });
      const stored = item?.submission as StoredSubmission | undefined;
      if (!item || item.GSI3PK !== RESUME_INDEX || !stored) continue;
      await resume(ports, taskRecordFromItem(item), fromStored(stored), false);
      report.resumed++;
    }
    start = page.lastKey;
  } while (start);
  // Markers written as their own items, before they moved into the task item.
  do {
    const page = await ports.db.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'RESUME' },
      ExclusiveStartKey: start,
    });
    for (const m of page.items) {
      if (String(m.at) > before) continue;
      const taskItem = await ports.db.get({ Key: taskKey(String(m.taskId)), ConsistentRead: true });
      if (taskItem) {
        const s = await getSubmissionItem(ports, String(m.submissionId));
        await resume(ports, taskRecordFromItem(taskItem), s, false);
        report.resumed++;
      } else report.gone++;
      await ports.db.delete({ Key: legacyResumeKey(String(m.taskId)) });
    }
    start = page.lastKey;
  } while (start);
  return report;
}

/** Closes the step, records the event, and resumes the workflow; every part tolerates repetition. */
export async function resume(
  ports: ResumePorts,
  t: TaskRecord,
  s: Submission,
  created: boolean,
): Promise<SubmitResult> {
  const actor: EventActor = {
    userId: s.submittedBy.userId,
    role: s.submittedBy.role,
    name: s.submittedBy.username,
  };
  try {
    await appendEvents(
      ports,
      t.caseId,
      [
        {
          kind: 'task.submitted',
          actor,
          summary: `已提交：${t.title}`,
          data: { taskId: t.id, submissionId: s.id, formId: s.formId, formVersion: s.formVersion },
        },
      ],
      {
        remove: ['#steps.#tid'],
        names: { '#steps': 'currentSteps', '#tid': t.id },
        condition: 'attribute_exists(#steps.#tid)',
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // The step was closed by an earlier attempt (the task item was closed by the submit itself).
  }
  const json = JSON.stringify(s.data);
  const output = {
    submissionId: s.id,
    formId: s.formId,
    formVersion: s.formVersion,
    ...(json.length <= INLINE_DATA_BYTES ? { data: s.data } : { dataRef: { submissionId: s.id } }),
    submittedBy: s.submittedBy.userId,
  };
  try {
    await ports.engine.sendSuccess(t.token, output);
  } catch (err) {
    if (!(err instanceof TaskTokenGoneError)) throw err;
    // Completed by an earlier attempt, or the step timed out: the submission is stored either way.
  }
  await clearResumeMarker(ports, t);
  return { submission: s, created };
}
