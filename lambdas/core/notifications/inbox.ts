/**
 * A user's notification inbox: newest first, with the unread count; marking one or all read. Each user reaches only
 * their own partition, so a foreign id is simply not found.
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ConditionFailedError } from '../db/errors';
import { buildUpdate } from '../db/expressions';
import { NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { Notification } from './model';
import { inboxPartition, notificationFromItem, notificationKey, unreadPartition } from './model';

/** The unread count stops here ("99+" in the web app); counting further would read every unread item. */
export const UNREAD_COUNT_CAP = 100;

export interface InboxPage {
  items: Notification[];
  unreadCount: number;
  /** True when there are more unread notifications than `unreadCount` says. */
  unreadMore: boolean;
  cursor?: string;
}

async function unreadCount(ports: Pick<Ports, 'db'>, userId: string) {
  const page = await ports.db.query({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': unreadPartition(userId) },
    Limit: UNREAD_COUNT_CAP,
  });
  return { count: page.items.length, more: Boolean(page.lastKey) && page.items.length >= UNREAD_COUNT_CAP };
}

/**
 * @example await listNotifications(ports, actor, { unread: true, limit: 20 }) // { items, unreadCount: 3, unreadMore: false }
 */
export async function listNotifications(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  q: { unread?: boolean; limit?: number; cursor?: string },
): Promise<InboxPage> {
  const [index, pk] = q.unread
    ? (['GSI2', unreadPartition(actor.userId)] as const)
    : (['GSI1', inboxPartition(actor.userId)] as const);
  const [page, unread] = await Promise.all([
    ports.db.query({
      IndexName: index,
      KeyConditionExpression: `${index}PK = :pk`,
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: q.limit ?? 50,
      ExclusiveStartKey: decodeCursor(q.cursor, [`${index}PK`, pk]),
    }),
    unreadCount(ports, actor.userId),
  ]);
  const cursor = encodeCursor(page.lastKey);
  return {
    items: page.items.map(notificationFromItem),
    unreadCount: unread.count,
    unreadMore: unread.more,
    ...(cursor ? { cursor } : {}),
  };
}

/** Marks one of the caller's notifications read (again: no change). */
export async function markRead(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<Notification> {
  const key = notificationKey(actor.userId, id);
  try {
    const saved = await ports.db.update({
      ...buildUpdate(key, { set: { readAt: isoTime(ports.clock.now()) }, remove: ['GSI2PK', 'GSI2SK'] }),
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(readAt)',
    });
    return notificationFromItem(saved!);
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
  const item = await ports.db.get({ Key: key, ConsistentRead: true });
  if (!item) throw new NotFoundError('notification', id);
  return notificationFromItem(item);
}

/** Marks every unread notification of the caller read; returns how many. */
export async function markAllRead(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
): Promise<{ marked: number }> {
  let marked = 0;
  for (let round = 0; round < 50; round++) {
    const page = await ports.db.query({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': unreadPartition(actor.userId) },
      Limit: 100,
    });
    if (!page.items.length) break;
    for (const item of page.items) {
      await markRead(ports, actor, String(item.id));
      marked++;
    }
    if (!page.lastKey) break;
  }
  return { marked };
}
