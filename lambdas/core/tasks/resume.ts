/**
 * Resuming a workflow after a submission is stored: close the task and the step, record the event, SendTaskSuccess
 * — each part tolerating repetition — and the sweep that finishes submissions whose process died before it. Kept
 * apart from tasks.ts so the daily sweep (`cp-reminders`) runs it without loading form validation.
 */
import { appendEvents } from '../cases/events';
import type { EventActor } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { Item } from '../db/port';
import type { WorkflowEngine } from '../definitions/engine';
import { TaskTokenGoneError } from '../definitions/engine';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from './model';
import { taskKey, taskRecordFromItem, taskToItem } from './model';
import type { Submission } from './submissions';
import { getSubmissionItem } from './submissions';

export interface TaskPorts extends Ports {
  engine: WorkflowEngine;
}

/** Data larger than this goes to the workflow by reference (Step Functions' 256 KB payload limit). */
export const INLINE_DATA_BYTES = 32 * 1024;

export interface SubmitResult {
  submission: Submission;
  /** True when this call stored it; false when it was stored by an earlier attempt. */
  created: boolean;
}

/** The marker of a submission whose workflow is not known to be resumed (one partition: few, short-lived). */
const resumeKey = (taskId: string) => ({ PK: 'RESUME', SK: taskId });
export const resumeMarker = (t: TaskRecord, s: Submission): Item => ({
  ...resumeKey(t.id),
  type: 'resume-pending',
  taskId: t.id,
  caseId: t.caseId,
  submissionId: s.id,
  at: s.submittedAt,
});

/**
 * Resumes the workflows of submissions stored more than `olderThanMs` ago whose SendTaskSuccess never returned (the
 * process died between storing and resuming, and the client did not send it again): closes the step if still open
 * and sends the result, as a retried submit would. Idempotent and safe beside a submit still in flight. Run by the
 * daily sweep, and by `npm start` as it starts (nothing of its own can be in flight then).
 * @example await resumeStalled(ports, { olderThanMs: 60_000 }) // { resumed: 1, gone: 0 }
 */
export async function resumeStalled(
  ports: TaskPorts,
  opts: { olderThanMs: number },
): Promise<{ resumed: number; gone: number }> {
  const before = isoTime(ports.clock.now() - opts.olderThanMs);
  const report = { resumed: 0, gone: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'RESUME' },
      ExclusiveStartKey: start,
    });
    for (const m of page.items) {
      if (String(m.at) > before) continue;
      const taskItem = await ports.db.get({ Key: taskKey(String(m.taskId)), ConsistentRead: true });
      if (!taskItem) {
        await ports.db.delete({ Key: resumeKey(String(m.taskId)) });
        report.gone++;
        continue;
      }
      const s = await getSubmissionItem(ports, String(m.submissionId));
      await resume(ports, taskRecordFromItem(taskItem), s, false);
      report.resumed++;
    }
    start = page.lastKey;
  } while (start);
  return report;
}

/** Closes the task and the step, records the event, and resumes the workflow; every part tolerates repetition. */
export async function resume(
  ports: TaskPorts,
  t: TaskRecord,
  s: Submission,
  created: boolean,
): Promise<SubmitResult> {
  const closed: TaskRecord = {
    ...t,
    status: 'submitted',
    submissionId: s.id,
    updatedAt: s.submittedAt,
    version: t.version + 1,
  };
  const { draft: _draft, ...withoutDraft } = closed;
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
        items: [taskToItem(withoutDraft as TaskRecord)],
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // The step was closed by an earlier attempt; make sure the task item says so.
    await ports.db.batchWrite({ puts: [taskToItem(withoutDraft as TaskRecord)] });
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
  await ports.db.delete({ Key: resumeKey(t.id) });
  return { submission: s, created };
}
