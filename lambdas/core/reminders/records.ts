/**
 * Reminder records: the sweep's ledger. One item per subject, kind and offset (`REMINDER#<subject>` /
 * `<kind>#<offset>`), written after the reminder went out, so a rerun of any day finds it and sends nothing twice;
 * listed by the day they were sent (GSI1 `REMINDERDAY#<day>`) for operators.
 */
import { decodeCursor, encodeCursor } from '../db/cursor';
import { ConditionFailedError } from '../db/errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

export interface ReminderRecord {
  /** What the reminder is about: `cert:<id>`, `task:<id>`, `list:<listId>:<orgId>:<milestone>`. */
  subject: string;
  kind: string;
  offset: number;
  /** The sweep day it was sent for. */
  asOf: string;
  at: string;
  caseId?: string;
  notified: string[];
  /** What else it did, e.g. the renewal case it opened. */
  detail?: Record<string, unknown>;
}

export const recordKey = (subject: string, kind: string, offset: number) => ({
  PK: `REMINDER#${subject}`,
  SK: `${kind}#${String(offset).padStart(4, '0')}`,
});

export async function findRecord(ports: Pick<Ports, 'db'>, subject: string, kind: string, offset: number) {
  const item = await ports.db.get({ Key: recordKey(subject, kind, offset), ConsistentRead: true });
  return item ? recordFromItem(item) : undefined;
}

/** The records of one subject (every kind and offset). */
export async function recordsOf(ports: Pick<Ports, 'db'>, subject: string): Promise<ReminderRecord[]> {
  const page = await ports.db.query({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': `REMINDER#${subject}` },
    ConsistentRead: true,
  });
  return page.items.map(recordFromItem);
}

const recordFromItem = (item: Item): ReminderRecord => {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as ReminderRecord;
};

/** Writes the record once; false when it existed (another sweep got there first). */
export async function putRecord(
  ports: Pick<Ports, 'db' | 'clock'>,
  r: Omit<ReminderRecord, 'at'>,
): Promise<boolean> {
  const record: ReminderRecord = { ...r, at: isoTime(ports.clock.now()) };
  try {
    await ports.db.put({
      Item: {
        ...recordKey(r.subject, r.kind, r.offset),
        type: 'reminder',
        ...record,
        GSI1PK: `REMINDERDAY#${r.asOf}`,
        GSI1SK: `${r.subject}#${r.kind}#${r.offset}`,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}

/** Records written for a sweep day. */
export async function recordsOfDay(
  ports: Pick<Ports, 'db'>,
  q: { day: string; limit?: number; cursor?: string },
): Promise<{ items: ReminderRecord[]; cursor?: string }> {
  const pk = `REMINDERDAY#${q.day}`;
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    Limit: q.limit ?? 200,
    ExclusiveStartKey: decodeCursor(q.cursor, ['GSI1PK', pk]),
  });
  const cursor = encodeCursor(page.lastKey);
  return { items: page.items.map(recordFromItem), ...(cursor ? { cursor } : {}) };
}
