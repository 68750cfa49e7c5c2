/**
 * In-app notifications (站内通知): one item per recipient and event, tied to a case. The item's own key derives from
 * the recipient and the event's dedupe key, so writing it with `attribute_not_exists` is the dedupe guard: the same
 * event notifies a user once, however often a sweep or a retried Lambda reports it.
 *
 * Keys: `NOTIF#<userId>` / `N#<id>`; GSI1 `NOTIFS#<userId>` / `<createdAt>#<id>` (the inbox, newest first); GSI2
 * `UNREAD#<userId>` / `<createdAt>#<id>` while unread (the unread count); GSI3 `MAILQ` / `<createdAt>#<id>` while an
 * e-mail waits for a retry.
 */
import { sha256Hex } from '../canonical';
import type { Item } from '../db/port';

export interface LocalText {
  zh: string;
  en: string;
}

export type MailStatus = 'sent' | 'pending' | 'failed';

export interface MailState {
  to: string;
  status: MailStatus;
  attempts: number;
  sentAt?: string;
  lastError?: string;
}

export interface Notification {
  id: string;
  userId: string;
  /**
   * The case the notification is about. Every notification has one, except a list-deadline reminder to an enterprise
   * that has not started a case yet: that one names its list in `subject`.
   */
  caseId?: string;
  /** What else it is about, e.g. `list:<listId>`. */
  subject?: string;
  /** What happened, e.g. `task.opened`, `certificate.expiring`, `referral.answered`. */
  kind: string;
  title: LocalText;
  body: LocalText;
  /** A web-app path, e.g. `/tasks/task_…`. */
  link?: string;
  dedupeKey: string;
  createdAt: string;
  readAt?: string;
  mail?: MailState;
}

/**
 * The notification id for a recipient and a dedupe key: the same pair always gives the same id.
 * @example await notificationId('usr_1', 'task-opened:task_abc') // 'ntf_3f…' (26 hex digits)
 */
export async function notificationId(userId: string, dedupeKey: string): Promise<string> {
  return `ntf_${(await sha256Hex(`${userId}\n${dedupeKey}`)).slice(0, 26)}`;
}

export const notificationKey = (userId: string, id: string) => ({ PK: `NOTIF#${userId}`, SK: `N#${id}` });
export const inboxPartition = (userId: string) => `NOTIFS#${userId}`;
export const unreadPartition = (userId: string) => `UNREAD#${userId}`;
export const MAIL_QUEUE = 'MAILQ';

export function notificationToItem(n: Notification): Item {
  const tail = `${n.createdAt}#${n.id}`;
  return {
    ...notificationKey(n.userId, n.id),
    type: 'notification',
    ...n,
    GSI1PK: inboxPartition(n.userId),
    GSI1SK: tail,
    ...(n.readAt ? {} : { GSI2PK: unreadPartition(n.userId), GSI2SK: tail }),
    ...(n.mail?.status === 'pending' ? { GSI3PK: MAIL_QUEUE, GSI3SK: tail } : {}),
  };
}

export function notificationFromItem(item: Item): Notification {
  const { id, userId, caseId, subject, kind, title, body, link, dedupeKey, createdAt, readAt, mail } =
    item as unknown as Notification;
  return {
    id,
    userId,
    ...(caseId ? { caseId } : {}),
    ...(subject ? { subject } : {}),
    kind,
    title,
    body,
    ...(link ? { link } : {}),
    dedupeKey,
    createdAt,
    ...(readAt ? { readAt } : {}),
    ...(mail ? { mail } : {}),
  };
}
