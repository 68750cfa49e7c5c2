/**
 * What happens when a human step opens, besides the task itself: the assignees are notified (dedupe key
 * `task-opened:<taskId>`) and the task enters the due index the reminder sweep reads.
 *
 * `openTask` writes the due pointer in the same BatchWrite as the task (`taskOpenedItems`), then notifies the
 * recipients it resolved beside the form read (`notifyTaskOpened`: conditional writes, then the mails). A repeated
 * invocation calls `taskOpened`, whose conditional writes change nothing that is already there.
 */
import type { Item } from '../db/port';
import type { User } from '../identity/users';
import type { Task } from '../tasks/model';
import { taskDueItem, trackTaskDue } from '../reminders/task-due';
import type { NotificationInput, NotifyPorts } from './notify';
import { notifyAssignee, notifyUsers } from './notify';

function message(task: Task): NotificationInput {
  const due = task.dueAt.slice(0, 10);
  return {
    dedupeKey: `task-opened:${task.id}`,
    caseId: task.caseId,
    kind: 'task.opened',
    title: { zh: `新待办：${task.title}`, en: `New task: ${task.title}` },
    body: {
      zh: `${task.organisationName} 的案件有一项待办「${task.title}」，请于 ${due} 前处理。`,
      en: `A case of ${task.organisationName} waits for you: "${task.title}", due ${due}.`,
    },
    link: `/tasks/${task.id}`,
  };
}

/**
 * @example await taskOpened(ports, task) // notifies the task's assignees once; indexes its due date
 */
export async function taskOpened(ports: NotifyPorts, task: Task): Promise<void> {
  if (task.status !== 'open') return;
  await notifyAssignee(ports, task.assignee, task, message(task));
  await trackTaskDue(ports, { taskId: task.id, caseId: task.caseId, dueAt: task.dueAt });
}

/**
 * The item a task's first opening writes with it: the due-index pointer (its key is fixed and no index reads it by
 * anything that changes, so writing it again is harmless).
 */
export function taskOpenedItems(task: Task): Item[] {
  return [taskDueItem({ taskId: task.id, caseId: task.caseId, dueAt: task.dueAt })];
}

/**
 * Notifies the recipients already resolved for a task that opened, each by a conditional write (dedupe key
 * `task-opened:<taskId>`): two invocations of the same step that overlap (the engine retrying one that is still
 * running) notify nobody twice, which an unconditional write in the step's BatchWrite could not promise.
 */
export async function notifyTaskOpened(
  ports: NotifyPorts,
  task: Task,
  recipients: readonly User[],
): Promise<void> {
  await notifyUsers(ports, recipients, message(task));
}
