/**
 * Unique values (usernames, credit codes, certificate numbers) without transactions: a guard item keyed by the
 * value names its owner. The guard is written first, the owner second; if the owner's write never happened
 * (a crash in between), the guard is an orphan and the next claimant takes it over with a conditional update.
 */
import { AlreadyExistsError } from '../errors';
import { ConditionFailedError } from './errors';
import type { Db, Key } from './port';

export async function claimUnique(
  db: Db,
  guard: Key,
  what: string,
  value: string,
  ownerId: string,
  ownerExists: (ownerId: string) => Promise<boolean>,
): Promise<void> {
  try {
    await db.put({
      Item: { ...guard, type: 'unique', ownerId },
      ConditionExpression: 'attribute_not_exists(PK) OR ownerId = :o',
      ExpressionAttributeValues: { ':o': ownerId },
    });
    return;
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
  const current = await db.get({ Key: guard, ConsistentRead: true });
  const previous = current?.ownerId;
  if (typeof previous !== 'string' || (await ownerExists(previous)))
    throw new AlreadyExistsError(what, value);
  try {
    await db.update({
      Key: guard,
      UpdateExpression: 'SET ownerId = :o',
      ConditionExpression: 'ownerId = :prev',
      ExpressionAttributeValues: { ':o': ownerId, ':prev': previous },
    });
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new AlreadyExistsError(what, value);
    throw err;
  }
}

/** Frees a guard, but only if `ownerId` still holds it. */
export async function releaseUnique(db: Db, guard: Key, ownerId: string): Promise<void> {
  try {
    await db.delete({
      Key: guard,
      ConditionExpression: 'ownerId = :o',
      ExpressionAttributeValues: { ':o': ownerId },
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
}
