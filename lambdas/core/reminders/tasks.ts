/**
 * Open human steps in the daily sweep, read from the due index (task-due.ts), never a Scan: a reminder to the
 * assignee a few days before the due date (not for steps opened inside that window), another the day after it, and
 * an escalation to the administrators over the case's region some days later — after which the task leaves the
 * index. A task that closed, or whose case moved on or ended, leaves the index too.
 */
import { findCase } from '../cases/cases';
import type { Case } from '../cases/model';
import type { NotifyPorts } from '../notifications/notify';
import { notifyAssignee } from '../notifications/notify';
import type { Ports } from '../ports';
import type { Task } from '../tasks/model';
import { taskKey, taskRecordFromItem } from '../tasks/model';
import { addDays, dayOf, daysBetween, endOfDay } from './dates';
import type { ReminderPolicy } from './policy-table';
import { findRecord, putRecord } from './records';
import type { TaskDuePointer } from './task-due';
import { dueUntil, untrackTaskDue } from './task-due';

export interface TaskReport {
  dueSoon: string[];
  overdue: string[];
  escalated: string[];
  closed: number;
}

type Kind = 'task.due-soon' | 'task.overdue' | 'task.escalated';

/** Which reminder a task is due for on `asOf`, if any (pure). */
export function taskReminderDue(
  t: Pick<Task, 'dueAt' | 'createdAt'>,
  asOf: string,
  policy: Pick<ReminderPolicy, 'tasks'>,
): { kind: Kind; offset: number } | undefined {
  const due = dayOf(t.dueAt);
  const late = daysBetween(due, asOf);
  const escalate = policy.tasks.escalateAfterDays.value;
  const soon = policy.tasks.dueSoonDays.value;
  if (late >= Math.max(1, escalate)) return { kind: 'task.escalated', offset: escalate };
  if (late >= 1) return { kind: 'task.overdue', offset: 0 };
  if (soon > 0 && late >= -soon && dayOf(t.createdAt) < addDays(due, -soon))
    return { kind: 'task.due-soon', offset: soon };
  return undefined;
}

async function stillOpen(ports: Pick<Ports, 'db'>, p: TaskDuePointer, cases: Map<string, Case | undefined>) {
  const item = await ports.db.get({ Key: taskKey(p.taskId), ConsistentRead: true });
  const t = item ? taskRecordFromItem(item) : undefined;
  if (!t || t.status !== 'open') return undefined;
  if (!cases.has(t.caseId)) cases.set(t.caseId, await findCase(ports, t.caseId));
  const c = cases.get(t.caseId);
  if (!c || c.status !== 'running' || !c.currentSteps[t.id]) return undefined;
  return t;
}

function message(kind: Kind, t: Task, asOf: string) {
  const due = dayOf(t.dueAt);
  if (kind === 'task.due-soon')
    return {
      title: { zh: `待办即将到期：${t.title}`, en: `Due soon: ${t.title}` },
      body: {
        zh: `「${t.title}」（${t.organisationName}）将于 ${due} 到期。`,
        en: `"${t.title}" (${t.organisationName}) is due on ${due}.`,
      },
    };
  if (kind === 'task.overdue')
    return {
      title: { zh: `待办已逾期：${t.title}`, en: `Overdue: ${t.title}` },
      body: {
        zh: `「${t.title}」（${t.organisationName}）已于 ${due} 到期，请尽快处理。`,
        en: `"${t.title}" (${t.organisationName}) was due on ${due}.`,
      },
    };
  return {
    title: { zh: `逾期督办：${t.title}`, en: `Escalated: ${t.title}` },
    body: {
      zh: `${t.organisationName} 案件的「${t.title}」已逾期 ${daysBetween(due, asOf)} 天（到期 ${due}），请督促办理。`,
      en: `"${t.title}" on a case of ${t.organisationName} is ${daysBetween(due, asOf)} days overdue (due ${due}).`,
    },
  };
}

/**
 * @example await sweepTasks(ports, policy, '2026-12-10') // { dueSoon: [...], overdue: [...], escalated: [...], closed: 3 }
 */
export async function sweepTasks(
  ports: NotifyPorts,
  policy: ReminderPolicy,
  asOf: string,
): Promise<TaskReport> {
  const report: TaskReport = { dueSoon: [], overdue: [], escalated: [], closed: 0 };
  const cases = new Map<string, Case | undefined>();
  const pointers = await dueUntil(ports, endOfDay(addDays(asOf, policy.tasks.dueSoonDays.value)));
  for (const p of pointers) {
    const t = await stillOpen(ports, p, cases);
    if (!t) {
      await untrackTaskDue(ports, p);
      report.closed++;
      continue;
    }
    const due = taskReminderDue(t, asOf, policy);
    if (!due) continue;
    const subject = `task:${t.id}`;
    if (!(await findRecord(ports, subject, due.kind, due.offset))) {
      const assignee = due.kind === 'task.escalated' ? { role: 'admin' } : t.assignee;
      const res = await notifyAssignee(ports, assignee, t, {
        dedupeKey: `${due.kind}:${t.id}`,
        caseId: t.caseId,
        kind: due.kind,
        ...message(due.kind, t, asOf),
        link: `/tasks/${t.id}`,
      });
      await putRecord(ports, {
        subject,
        kind: due.kind,
        offset: due.offset,
        asOf,
        caseId: t.caseId,
        notified: [...res.notified, ...res.duplicates],
      });
      report[
        due.kind === 'task.due-soon' ? 'dueSoon' : due.kind === 'task.overdue' ? 'overdue' : 'escalated'
      ].push(t.id);
    }
    if (due.kind === 'task.escalated') await untrackTaskDue(ports, p);
  }
  return report;
}
