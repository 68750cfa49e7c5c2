/**
 * Sending notifications: one item per recipient (its key is the dedupe guard, see model.ts), then the e-mail where
 * the user has an address and the runtime a mailer. A mail that fails stays queued (GSI3 `MAILQ`) and the daily
 * sweep retries it (`retryMail`); a repeated call for the same event creates nothing and mails nothing.
 */
import type { Assignee } from '../cases/model';
import { ConditionFailedError } from '../db/errors';
import { buildUpdate } from '../db/expressions';
import type { User } from '../identity/users';
import { findUser } from '../identity/users';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { Mail, MailPorts } from './mailer';
import type { LocalText, MailState, Notification } from './model';
import {
  MAIL_QUEUE,
  notificationFromItem,
  notificationId,
  notificationKey,
  notificationToItem,
} from './model';
import type { CaseScope } from './recipients';
import { resolveRecipients } from './recipients';

export type NotifyPorts = Pick<Ports, 'db' | 'clock'> & MailPorts;

export interface NotificationInput {
  /** Identifies the event: the same key never notifies the same user twice, e.g. `task-opened:task_…`. */
  dedupeKey: string;
  /** The case it is about (see Notification.caseId for the one exception). */
  caseId?: string;
  subject?: string;
  kind: string;
  title: LocalText;
  body: LocalText;
  link?: string;
  /**
   * When the event happened, if not now: an event notified again by a repeated run (a step's opening) carries the
   * time of its first run, so the repeated write lands on the same index entries as the first.
   */
  at?: string;
}

export interface NotifyResult {
  /** Users notified by this call (not those notified before). */
  notified: string[];
  /** Users who had been notified of this event already. */
  duplicates: string[];
}

/**
 * Notifies each user once per dedupe key; mails those with an address when a mailer is configured.
 * @example await notifyUsers(ports, [user], { dedupeKey: 'certificate-expiring:cert_1:90', caseId, kind: 'certificate.expiring', title, body })
 */
/** Each user once (a user reached through two routes is notified once). */
export const distinctUsers = (users: readonly User[]): User[] => [
  ...new Map(users.map((u) => [u.id, u])).values(),
];

export async function notifyUsers(
  ports: NotifyPorts,
  users: readonly User[],
  input: NotificationInput,
): Promise<NotifyResult> {
  const result: NotifyResult = { notified: [], duplicates: [] };
  await Promise.all(
    distinctUsers(users).map(async (user) => {
      const created = await createOne(ports, user, input);
      (created ? result.notified : result.duplicates).push(user.id);
    }),
  );
  return result;
}

/** Notifies whoever an assignee stands for on a case (see recipients.ts). */
export async function notifyAssignee(
  ports: NotifyPorts,
  assignee: Assignee,
  scope: CaseScope,
  input: NotificationInput,
): Promise<NotifyResult> {
  return notifyUsers(ports, await resolveRecipients(ports, assignee, scope), input);
}

/** The notification a user gets for an event (not yet stored). */
export async function newNotification(
  ports: NotifyPorts,
  user: User,
  input: NotificationInput,
): Promise<Notification> {
  const id = await notificationId(user.id, input.dedupeKey);
  const mail: MailState | undefined =
    user.email && ports.mailer ? { to: user.email, status: 'pending', attempts: 0 } : undefined;
  return {
    id,
    userId: user.id,
    ...(input.caseId ? { caseId: input.caseId } : {}),
    ...(input.subject ? { subject: input.subject } : {}),
    kind: input.kind,
    title: input.title,
    body: input.body,
    ...(input.link ? { link: input.link } : {}),
    dedupeKey: input.dedupeKey,
    createdAt: input.at ?? isoTime(ports.clock.now()),
    ...(mail ? { mail } : {}),
  };
}

async function createOne(ports: NotifyPorts, user: User, input: NotificationInput): Promise<boolean> {
  const n = await newNotification(ports, user, input);
  try {
    await ports.db.put({ Item: notificationToItem(n), ConditionExpression: 'attribute_not_exists(PK)' });
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
  if (n.mail) await deliverMail(ports, n);
  return true;
}

/** The message a notification becomes: both languages, the link last. */
export function mailOf(n: Notification, to: string): Mail {
  const link = n.link ? `\n\n${n.link}` : '';
  return {
    to,
    id: n.id,
    subject: `${n.title.zh} / ${n.title.en}`,
    text: `${n.body.zh}\n\n${n.body.en}${link}\n\n— cpflow 清洁生产审核平台`,
  };
}

/**
 * Tries the mail of a stored notification once; records the outcome (a failure stays queued for `retryMail`).
 * @example await deliverMail(ports, n) // after the notification item is written
 */
export async function deliverMail(ports: NotifyPorts, n: Notification): Promise<MailState | undefined> {
  if (!n.mail || !ports.mailer) return n.mail;
  const attempts = n.mail.attempts + 1;
  let state: MailState;
  try {
    await ports.mailer.send(mailOf(n, n.mail.to));
    state = { to: n.mail.to, status: 'sent', attempts, sentAt: isoTime(ports.clock.now()) };
  } catch (err) {
    const lastError = err instanceof Error ? err.message.slice(0, 300) : 'unknown error';
    state = { to: n.mail.to, status: 'pending', attempts, lastError };
  }
  await saveMailState(ports, n, state);
  return state;
}

async function saveMailState(ports: NotifyPorts, n: Notification, state: MailState) {
  await ports.db.update(
    buildUpdate(notificationKey(n.userId, n.id), {
      set: { mail: state },
      remove: state.status === 'pending' ? [] : ['GSI3PK', 'GSI3SK'],
      returnValues: 'NONE',
    }),
  );
}

export interface MailRetryReport {
  sent: number;
  failed: number;
  pending: number;
}

/**
 * Retries queued mails, oldest first; gives up (status `failed`) after `maxAttempts`.
 * @example await retryMail(ports, 5) // { sent: 2, failed: 0, pending: 0 }
 */
export async function retryMail(
  ports: NotifyPorts,
  maxAttempts: number,
  limit = 200,
): Promise<MailRetryReport> {
  const report: MailRetryReport = { sent: 0, failed: 0, pending: 0 };
  if (!ports.mailer) return report;
  const page = await ports.db.query({
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :q',
    ExpressionAttributeValues: { ':q': MAIL_QUEUE },
    Limit: limit,
  });
  for (const item of page.items) {
    const n = notificationFromItem(item);
    if (!n.mail) continue;
    if (n.mail.attempts >= maxAttempts) {
      await saveMailState(ports, n, { ...n.mail, status: 'failed' });
      report.failed++;
      continue;
    }
    const state = await deliverMail(ports, n);
    if (state?.status === 'sent') report.sent++;
    else report.pending++;
  }
  return report;
}

/** Users by id, skipping those gone or disabled. */
export async function usersById(ports: Pick<Ports, 'db'>, ids: readonly string[]): Promise<User[]> {
  const users = await Promise.all([...new Set(ids)].map((id) => findUser(ports, id)));
  return users.filter((u): u is User => Boolean(u && u.status === 'active'));
}

/**
 * Deletes the notifications of the given events from the given users' inboxes (a bank whose referral was withdrawn
 * keeps nothing that names the enterprise). Deleting what is not there is harmless.
 * @example await retractNotifications(ports, ['usr_bank1'], ['task-opened:task_…'])
 */
export async function retractNotifications(
  ports: Pick<Ports, 'db'>,
  userIds: readonly string[],
  dedupeKeys: readonly string[],
): Promise<void> {
  const keys = await Promise.all(
    userIds.flatMap((u) => dedupeKeys.map(async (k) => notificationKey(u, await notificationId(u, k)))),
  );
  for (let i = 0; i < keys.length; i += 25) await ports.db.batchWrite({ deletes: keys.slice(i, i + 25) });
}
