/**
 * What happens when a human step opens, besides the task itself: the assignees are notified (dedupe key
 * `task-opened:<taskId>`) and the task enters the due index the reminder sweep reads.
 *
 * `openTask` writes the due pointer and the notifications in the same BatchWrite as the task (`taskOpenedItems`),
 * then mails (`mailTaskOpened`). A repeated invocation calls `taskOpened` with the task as first opened, whose
 * conditional writes change nothing that is already there. Every item here has a fixed key and carries the step's
 * opening time, not the time of the write, so writing it again — whole, or over the index entries an interrupted
 * write left behind — is the same write.
 */
import type { Item } from '../db/port';
import type { User } from '../identity/users';
import type { Task } from '../tasks/model';
import { taskDueItem, trackTaskDue } from '../reminders/task-due';
import type { Notification } from './model';
import { notificationToItem } from './model';
import type { NotificationInput, NotifyPorts } from './notify';
import { deliverMail, distinctUsers, newNotification, notifyAssignee } from './notify';

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
    at: task.createdAt,
  };
}

/**
 * A repeated opening: notifies whoever has no notification of it yet (conditional writes) and indexes the due date.
 * @example await taskOpened(ports, task) // notifies the task's assignees once; indexes its due date
 */
export async function taskOpened(ports: NotifyPorts, task: Task): Promise<void> {
  if (task.status !== 'open') return;
  await notifyAssignee(ports, task.assignee, task, message(task));
  await trackTaskDue(ports, { taskId: task.id, caseId: task.caseId, dueAt: task.dueAt });
}

/**
 * The items a task's first opening writes with it: the due-index pointer and one notification per recipient.
 * Written unconditionally in the step's BatchWrite, which only the invocation that added the step to its case
 * reaches; they are identical for any invocation that agrees on the task, so no one is notified twice.
 */
export async function taskOpenedItems(
  ports: NotifyPorts,
  task: Task,
  recipients: readonly User[],
): Promise<{ items: Item[]; notifications: Notification[] }> {
  const input = message(task);
  const notifications = await Promise.all(
    distinctUsers(recipients).map((u) => newNotification(ports, u, input)),
  );
  return {
    items: [
      taskDueItem({ taskId: task.id, caseId: task.caseId, dueAt: task.dueAt }),
      ...notifications.map(notificationToItem),
    ],
    notifications,
  };
}

/** After the step's BatchWrite: the mails of its notifications (a failure stays queued for the daily sweep). */
export async function mailTaskOpened(ports: NotifyPorts, notifications: readonly Notification[]) {
  await Promise.all(notifications.filter((n) => n.mail).map((n) => deliverMail(ports, n)));
}
