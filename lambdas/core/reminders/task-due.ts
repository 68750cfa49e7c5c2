/**
 * The due index of open tasks, for the daily sweep without a Scan: a pointer item per task in the `TASKDUE`
 * partition, sorted by due time (`TASKDUE` / `<dueAt>#<taskId>`), written when the task opens. The sweep reads the
 * pointers up to its day, and deletes a pointer once its task is closed or escalated, so the partition only holds
 * tasks that may still need a reminder.
 */
import type { Item, Key } from '../db/port';
import type { Ports } from '../ports';

export const TASK_DUE = 'TASKDUE';

export interface TaskDuePointer {
  taskId: string;
  caseId: string;
  dueAt: string;
}

export const taskDueKey = (p: Pick<TaskDuePointer, 'dueAt' | 'taskId'>): Key => ({
  PK: TASK_DUE,
  SK: `${p.dueAt}#${p.taskId}`,
});

/** The pointer item (writing it again is harmless). */
export const taskDueItem = (p: TaskDuePointer): Item => ({ ...taskDueKey(p), type: 'task-due', ...p });

/** Writes the pointer (again: harmless). */
export async function trackTaskDue(ports: Pick<Ports, 'db'>, p: TaskDuePointer): Promise<void> {
  await ports.db.put({ Item: taskDueItem(p) });
}

/**
 * Pointers of tasks due up to `until` (an ISO time), oldest first.
 * @example await dueUntil(ports, '2031-11-27T23:59:59.999Z')
 */
export async function dueUntil(
  ports: Pick<Ports, 'db'>,
  until: string,
  limit = 1000,
): Promise<TaskDuePointer[]> {
  const out: TaskDuePointer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      KeyConditionExpression: 'PK = :pk AND SK <= :until',
      ExpressionAttributeValues: { ':pk': TASK_DUE, ':until': `${until}#~` },
      ExclusiveStartKey: start,
      Limit: 200,
    });
    for (const item of page.items) {
      out.push({ taskId: String(item.taskId), caseId: String(item.caseId), dueAt: String(item.dueAt) });
    }
    start = page.lastKey;
  } while (start && out.length < limit);
  return out;
}

export async function untrackTaskDue(ports: Pick<Ports, 'db'>, p: TaskDuePointer): Promise<void> {
  await ports.db.delete({ Key: taskDueKey(p) });
}
