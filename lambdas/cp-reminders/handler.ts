/**
 * `cp-reminders`: the daily sweep (certificate expiry and renewal rounds, task and list-deadline reminders, mail
 * retries). Event: `{}` (today, China time) or `{ asOf: 'YYYY-MM-DD' }`; an EventBridge scheduled event works as is.
 */
import { runSweep } from '../core/reminders/sweep';
import type { LifecyclePorts } from '../adapters/mailer-runtime';
import { withAwsLifecyclePorts } from '../adapters/mailer-runtime';
import { lambdaHandler } from '../aws-runtime';
import type { TaskDeps, TaskHandler } from '../task-runtime';

export function create(deps: TaskDeps & LifecyclePorts): TaskHandler {
  return async (event) => {
    const asOf = (event as { asOf?: unknown } | null)?.asOf;
    const report = await runSweep(deps, { ...(typeof asOf === 'string' ? { asOf } : {}), by: 'schedule' });
    deps.log('reminder sweep', {
      asOf: report.asOf,
      certificates: report.certificates.reminded.length,
      renewals: report.certificates.renewals.length,
      tasks: report.tasks.dueSoon.length + report.tasks.overdue.length + report.tasks.escalated.length,
      lists: report.lists.dueSoon.length + report.lists.overdue.length,
    });
    return report;
  };
}

export const handler = lambdaHandler((deps) => create(withAwsLifecyclePorts(deps)));
