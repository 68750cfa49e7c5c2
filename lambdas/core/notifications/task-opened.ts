/**
 * What happens when a human step opens, besides the task itself (called once from `openTask`, and again by a
 * repeated invocation, which changes nothing): the assignees are notified (dedupe key `task-opened:<taskId>`) and
 * the task enters the due index the reminder sweep reads.
 */
import type { Task } from '../tasks/model';
import { trackTaskDue } from '../reminders/task-due';
import type { NotifyPorts } from './notify';
import { notifyAssignee } from './notify';

/**
 * @example await taskOpened(ports, task) // notifies the task's assignees once; indexes its due date
 */
export async function taskOpened(ports: NotifyPorts, task: Task): Promise<void> {
  if (task.status !== 'open') return;
  const due = task.dueAt.slice(0, 10);
  await notifyAssignee(ports, task.assignee, task, {
    dedupeKey: `task-opened:${task.id}`,
    caseId: task.caseId,
    kind: 'task.opened',
    title: { zh: `新待办：${task.title}`, en: `New task: ${task.title}` },
    body: {
      zh: `${task.organisationName} 的案件有一项待办「${task.title}」，请于 ${due} 前处理。`,
      en: `A case of ${task.organisationName} waits for you: "${task.title}", due ${due}.`,
    },
    link: `/tasks/${task.id}`,
  });
  await trackTaskDue(ports, { taskId: task.id, caseId: task.caseId, dueAt: task.dueAt });
}
