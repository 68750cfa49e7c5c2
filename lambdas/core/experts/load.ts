/**
 * Each expert's panel assignments, for the load cap and balancing: one item per expert (`EXPERT#<userId>` /
 * `LOAD`) holding a map from the slot (`<caseId>:<panel>`) to when and by which draw the expert was assigned.
 * Setting a slot again is harmless (idempotent); a replaced expert's slot is removed.
 */
import { ConditionFailedError } from '../db/errors';
import type { Ports } from '../ports';

export const loadKey = (userId: string) => ({ PK: `EXPERT#${userId}`, SK: 'LOAD' });
export const slotOf = (caseId: string, panel: string) => `${caseId}:${panel}`;

export interface Assignment {
  caseId: string;
  panel: string;
  drawId: string;
  at: string;
}

/**
 * Assignments within the last `periodDays` per expert, not counting `skipSlot` (the panel being drawn).
 * @example await readLoads(ports, ['usr_expert001'], Date.now(), 365, 'case_…:evaluation') // Map { 'usr_expert001' => 2 }
 */
export async function readLoads(
  { db }: Pick<Ports, 'db'>,
  userIds: readonly string[],
  now: number,
  periodDays: number,
  skipSlot: string,
): Promise<Map<string, number>> {
  const since = now - periodDays * 86_400_000;
  const loads = new Map<string, number>();
  for (let i = 0; i < userIds.length; i += 100) {
    const items = await db.batchGet(userIds.slice(i, i + 100).map(loadKey));
    for (const item of items) {
      const assignments = (item.assignments ?? {}) as Record<string, Assignment>;
      const n = Object.entries(assignments).filter(
        ([slot, a]) => slot !== skipSlot && Date.parse(a.at) >= since,
      ).length;
      loads.set(String(item.userId), n);
    }
  }
  return loads;
}

/** Records an assignment (idempotent). */
export async function recordAssignment(
  { db }: Pick<Ports, 'db'>,
  userId: string,
  a: Assignment,
): Promise<void> {
  const slot = slotOf(a.caseId, a.panel);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db.update({
        Key: loadKey(userId),
        UpdateExpression: 'SET #a.#s = :v, #u = :u',
        ConditionExpression: 'attribute_exists(#a)',
        ExpressionAttributeNames: { '#a': 'assignments', '#s': slot, '#u': 'userId' },
        ExpressionAttributeValues: { ':v': a, ':u': userId },
        ReturnValues: 'NONE',
      });
      return;
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
    try {
      await db.update({
        Key: loadKey(userId),
        UpdateExpression: 'SET #a = :m, #u = :u, #t = :t',
        ConditionExpression: 'attribute_not_exists(#a)',
        ExpressionAttributeNames: { '#a': 'assignments', '#u': 'userId', '#t': 'type' },
        ExpressionAttributeValues: { ':m': { [slot]: a }, ':u': userId, ':t': 'expert-load' },
        ReturnValues: 'NONE',
      });
      return;
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err; // created concurrently: set the slot
    }
  }
}

/** Removes an assignment (a declined invitation); nothing happens if it is not there. */
export async function removeAssignment(
  { db }: Pick<Ports, 'db'>,
  userId: string,
  caseId: string,
  panel: string,
): Promise<void> {
  try {
    await db.update({
      Key: loadKey(userId),
      UpdateExpression: 'REMOVE #a.#s',
      ConditionExpression: 'attribute_exists(#a)',
      ExpressionAttributeNames: { '#a': 'assignments', '#s': slotOf(caseId, panel) },
      ReturnValues: 'NONE',
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
}

/** An expert's assignments (for the administrator's view of a profile). */
export async function listAssignments({ db }: Pick<Ports, 'db'>, userId: string): Promise<Assignment[]> {
  const item = await db.get({ Key: loadKey(userId) });
  return Object.values((item?.assignments ?? {}) as Record<string, Assignment>).sort((a, b) =>
    b.at.localeCompare(a.at),
  );
}
