/**
 * The daily sweep (`cp-reminders`; the local scheduler and an EventBridge schedule call it, and
 * `POST /api/admin/reminders/run` runs it as of any day): certificate expiry reminders and renewal rounds, task
 * reminders and escalations, list deadlines, and the retry of e-mails that failed. Every reminder is recorded once
 * (records.ts), so running a day again sends nothing twice. Each run leaves a record (`SWEEP` / `RUN#<at>`).
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { Item } from '../db/port';
import { ValidationError } from '../errors';
import type { MailRetryReport, NotifyPorts } from '../notifications/notify';
import { retryMail } from '../notifications/notify';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { getTable } from '../reference/store';
import type { CertificateReport } from './certificates';
import { sweepCertificates } from './certificates';
import { DATE, today } from './dates';
import type { ListReport } from './lists';
import { sweepLists } from './lists';
import type { RenewalPorts } from './renewal';
import type { TaskReport } from './tasks';
import { sweepTasks } from './tasks';
import { resumeStalled } from '../tasks/resume';

export type SweepPorts = RenewalPorts & NotifyPorts;

export interface SweepReport {
  asOf: string;
  policy: string;
  startedAt: string;
  finishedAt: string;
  by: string;
  certificates: CertificateReport;
  tasks: TaskReport;
  lists: ListReport;
  mail: MailRetryReport;
  /** Stored submissions whose workflow had not been resumed (lambdas/core/tasks/resume.ts `resumeStalled`). */
  submissions: { resumed: number; gone: number };
}

/**
 * @example await runSweep(ports, { asOf: '2031-05-31', by: 'usr_admin' }) // { certificates: { reminded: [...] }, … }
 */
export async function runSweep(
  ports: SweepPorts,
  opts: { asOf?: string; by?: string } = {},
): Promise<SweepReport> {
  const asOf = opts.asOf ?? today(ports.clock.now());
  if (!DATE.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new ValidationError('asOf must be a date', [{ path: '/asOf', message: 'YYYY-MM-DD' }]);
  const startedAt = isoTime(ports.clock.now());
  const { content: policy, label } = await getTable(ports, 'reminder-policy');
  // a submit can take a few seconds; one not resumed a minute later lost its process
  const submissions = await resumeStalled(ports, { olderThanMs: 60_000 });
  const certificates = await sweepCertificates(ports, policy, asOf);
  const tasks = await sweepTasks(ports, policy, asOf);
  const lists = await sweepLists(ports, policy, asOf);
  const mail = await retryMail(ports, policy.mail.maxAttempts.value);
  const report: SweepReport = {
    asOf,
    policy: label,
    startedAt,
    finishedAt: isoTime(ports.clock.now()),
    by: opts.by ?? 'schedule',
    certificates,
    tasks,
    lists,
    mail,
    submissions,
  };
  await ports.db.put({ Item: { PK: 'SWEEP', SK: `RUN#${startedAt}`, type: 'sweep-run', ...report } });
  return report;
}

/** Recent runs, newest first. */
export async function listRuns(ports: Pick<Ports, 'db'>, q: { limit?: number; cursor?: string }) {
  const page = await ports.db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
    ExpressionAttributeValues: { ':pk': 'SWEEP', ':r': 'RUN#' },
    ScanIndexForward: false,
    Limit: q.limit ?? 30,
    ExclusiveStartKey: decodeCursor(q.cursor, ['PK', 'SWEEP']),
  });
  const cursor = encodeCursor(page.lastKey);
  const items = page.items.map((i: Item) => {
    const { PK: _a, SK: _b, type: _t, ...rest } = i;
    return rest as unknown as SweepReport;
  });
  return { items, ...(cursor ? { cursor } : {}) };
}
