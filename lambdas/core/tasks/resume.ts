/**
 * Resuming a submitted task's workflow, apart from submitting itself so that the reminder sweep, which resumes
 * stalled submissions, does not carry form validation (AJV, rules) into its Lambda: closing the step with its
 * event, SendTaskSuccess, and the sweep over the index of submitted tasks that finds a workflow never resumed
 * (docs/decisions.md D11, D19).
 */
import { appendEvents } from '../cases/events';
import type { EventActor } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { WorkflowEngine } from '../definitions/engine';
import { TaskTokenGoneError } from '../definitions/engine';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from './model';
import { taskKey, taskRecordFromItem } from './model';
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

/**
 * GSI3 partition of submitted tasks, by `<submittedAt>#<taskId>`: the claim that stores a submission enters it, and
 * nothing takes it out. The sweep reads it from where its previous run stopped, so no write is spent on a
 * submission whose workflow resumed normally (D19).
 */
export const RESUME_INDEX = 'RESUME';

/** Where the previous run of `resumeStalled` stopped (the `at` of its cut-off). */
const watermarkKey = { PK: 'SWEEP', SK: 'RESUME' };

/** A run looks this far behind the previous run's cut-off again, for claims written late in their request. */
const OVERLAP_MS = 10 * 60_000;

/** A marker item (`RESUME` / `<taskId>`) as submits wrote them before the marker moved into the task item. */
const legacyResumeKey = (taskId: string) => ({ PK: 'RESUME', SK: taskId });

/**
 * Resumes the workflows of submissions stored more than `olderThanMs` ago whose SendTaskSuccess never returned (the
 * process died between storing and resuming, and the client did not send it again), as a retried submit would.
 * Reads the tokens of the submissions stored since its previous run stopped and sends each a heartbeat: the engine
 * refuses the token of a step that moved on (`gone`: resumed before, or timed out). A token it still waits on was
 * stalled: the task is read whole and its submission sent as the step's result (`resumed`), and the step is then
 * closed on the case if the dead process had not. Idempotent and safe beside a submit still
 * in flight. Run by the daily sweep, and by `npm start` as it starts (nothing of its own can be in flight then).
 * @example await resumeStalled(ports, { olderThanMs: 60_000 }) // { resumed: 1, gone: 240 }
 */
export async function resumeStalled(
  ports: ResumePorts,
  opts: { olderThanMs: number },
): Promise<{ resumed: number; gone: number }> {
  const cutoff = isoTime(ports.clock.now() - opts.olderThanMs);
  const mark = await ports.db.get({ Key: watermarkKey, ConsistentRead: true });
  const from = typeof mark?.at === 'string' ? isoTime(Date.parse(mark.at) - OVERLAP_MS) : undefined;
  const report = { resumed: 0, gone: 0 };
  let start: Record<string, unknown> | undefined;
  // A clock set back (tests move it) can put the cut-off before the previous run's: then there is nothing to read.
  const behind = from !== undefined && from > cutoff;
  do {
    if (behind) break;
    const page = await ports.db.query({
      IndexName: 'GSI3',
      KeyConditionExpression: from
        ? 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to'
        : 'GSI3PK = :pk AND GSI3SK <= :to',
      ExpressionAttributeValues: {
        ':pk': RESUME_INDEX,
        ':to': `${cutoff}#\uffff`,
        ...(from ? { ':from': from } : {}),
      },
      // Only the token: the engine tells by a heartbeat whether it still waits on it, which almost no submission's
      // workflow does; the whole task, with its submission, is read for those alone.
      ProjectionExpression: 'PK, SK, #status, #token',
      ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
      ExclusiveStartKey: start,
    });
    for (const entry of page.items) {
      if (entry.status !== 'submitted' || typeof entry.token !== 'string') continue;
      if (!(await waitedOn(ports, entry.token))) {
        report.gone++;
        continue;
      }
      const item = await ports.db.get({ Key: { PK: entry.PK, SK: entry.SK }, ConsistentRead: true });
      const stored = item?.submission as StoredSubmission | undefined;
      if (item?.status !== 'submitted' || !stored) continue;
      const t = taskRecordFromItem(item);
      const s = fromStored(stored);
      if (await sendResult(ports, t, s)) {
        await closeStep(ports, t, s);
        report.resumed++;
      } else report.gone++;
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
      if (String(m.at) > cutoff) continue;
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
  if (!mark || String(mark.at) < cutoff) await ports.db.put({ Item: { ...watermarkKey, at: cutoff } });
  return report;
}

/** Closes the step, records the event, and resumes the workflow; every part tolerates repetition. */
export async function resume(
  ports: ResumePorts,
  t: TaskRecord,
  s: Submission,
  created: boolean,
): Promise<SubmitResult> {
  await closeStep(ports, t, s);
  await sendResult(ports, t, s);
  return { submission: s, created };
}

/** The step leaves the case's current steps with a `task.submitted` event (a no-op when it left before). */
async function closeStep(ports: ResumePorts, t: TaskRecord, s: Submission): Promise<void> {
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
}

/** Whether the engine still waits on a task token (SendTaskHeartbeat). */
const waitedOn = (ports: ResumePorts, token: string) => accepted(ports.engine.sendHeartbeat(token));

/** True when a task-token call went through, false when the engine no longer waits on the token. */
async function accepted(call: Promise<void>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (err) {
    if (!(err instanceof TaskTokenGoneError)) throw err;
    return false;
  }
}

/**
 * SendTaskSuccess with the step's result; false when the engine no longer waits on the token (completed by an
 * earlier attempt, or the step timed out: the submission is stored either way).
 */
async function sendResult(ports: ResumePorts, t: TaskRecord, s: Submission): Promise<boolean> {
  const json = JSON.stringify(s.data);
  const output = {
    submissionId: s.id,
    formId: s.formId,
    formVersion: s.formVersion,
    ...(json.length <= INLINE_DATA_BYTES ? { data: s.data } : { dataRef: { submissionId: s.id } }),
    submittedBy: s.submittedBy.userId,
  };
  return accepted(ports.engine.sendSuccess(t.token, output));
}
