/**
 * Cancelling the open human steps of a referral's case when the enterprise withdraws its consent: each task leaves
 * every inbox (status `cancelled`, its prefill and draft dropped), the case's current steps lose it, a
 * `task.cancelled` event records why, and the waiting workflow step fails with `Consent.Withdrawn`, which the
 * workflow catches to end the referral.
 */
import { appendEvents } from '../cases/events';
import type { EventActor } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import { buildUpdate } from '../db/expressions';
import type { WorkflowEngine } from '../definitions/engine';
import { TaskTokenGoneError } from '../definitions/engine';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from '../tasks/model';
import { taskKey, taskRecordFromItem } from '../tasks/model';

export const CONSENT_WITHDRAWN = 'Consent.Withdrawn';
/** The assignee a withdrawn bank step is left with: no user has this id, so nobody acts on or opens the step. */
export const WITHDRAWN_ASSIGNEE = 'consent-withdrawn';

/** The open tasks of a case (one Query on the case's task index). */
export async function openTasksOf(ports: Pick<Ports, 'db'>, caseId: string): Promise<TaskRecord[]> {
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `CASETASKS#${caseId}` },
  });
  return page.items.map(taskRecordFromItem).filter((t) => t.status === 'open');
}

/**
 * @example await cancelTask({ ...ports, engine }, task, actor, '企业撤回授权') // true when this call cancelled it
 */
export async function cancelTask(
  ports: Ports & { engine: WorkflowEngine },
  t: TaskRecord,
  actor: EventActor,
  reason: string,
): Promise<boolean> {
  const now = isoTime(ports.clock.now());
  try {
    await ports.db.update(
      buildUpdate(taskKey(t.id), {
        set: {
          status: 'cancelled',
          updatedAt: now,
          GSI3SK: `cancelled#${String(t.formVersion).padStart(6, '0')}#${t.id}`,
          // A bank's step stops being the bank's: it no longer opens it, even by id (administrators still see it).
          ...(t.assignee.role === 'bank'
            ? { assignee: { role: 'bank', userIds: [WITHDRAWN_ASSIGNEE] }, revokedFrom: t.assignee }
            : {}),
        },
        remove: ['GSI1PK', 'GSI1SK', 'prefill', 'draft'],
        expectVersion: t.version,
        where: { status: 'open' },
        returnValues: 'NONE',
      }),
    );
  } catch (err) {
    if (err instanceof ConditionFailedError) return false; // submitted or changed meanwhile
    throw err;
  }
  await appendEvents(
    ports,
    t.caseId,
    [
      {
        kind: 'task.cancelled',
        actor,
        summary: `已取消：${t.title}（${reason}）`,
        data: { taskId: t.id, reason },
      },
    ],
    { remove: ['#steps.#tid'], names: { '#steps': 'currentSteps', '#tid': t.id } },
  );
  try {
    await ports.engine.sendFailure(t.token, CONSENT_WITHDRAWN, JSON.stringify({ reason }));
  } catch (err) {
    if (!(err instanceof TaskTokenGoneError)) throw err;
  }
  return true;
}

/** Reads a task item again (the version may have moved since the list). */
export async function reloadTask(ports: Pick<Ports, 'db'>, id: string): Promise<TaskRecord | undefined> {
  const item = await ports.db.get({ Key: taskKey(id), ConsistentRead: true });
  return item ? taskRecordFromItem(item) : undefined;
}
