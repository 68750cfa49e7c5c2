/**
 * An organisation's members in one item, `ORG#<id>` / `MEMBERS` (`members`: user id → user), so that a step can
 * read who to notify in the same BatchGetItem as its form's pointer (docs/decisions.md D22). The user items stay
 * the record: every user write (create, update; local directory and Cognito alike go through users.ts) updates
 * its entry after the user item, never with an older version of the user (`recordMember`, in users.ts).
 *
 * The item is built from the user items the first time it is needed. A user write that finds it not built yet
 * counts a revision (`rev`) instead, and a build stores what it read only if `rev` has not moved since it began —
 * so a user written during a build is not lost. Past `MAX_MEMBERS` an organisation is not kept in one item
 * (DynamoDB's 400 KB): its users are queried every time.
 */
import { ConditionFailedError } from '../db/errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import type { User } from './users';
import { listUsers, MAX_MEMBERS, membersFromItem, membersKey } from './users';

/**
 * Every user of an organisation, disabled ones included: from its members item (`item`: as the caller's batch
 * read it, `null` for absent; omitted: read here), else from the user items, building the members item.
 */
export async function organisationMembers(
  ports: Pick<Ports, 'db'>,
  organisationId: string,
  item?: Item | null,
): Promise<User[]> {
  const read =
    item === undefined
      ? await ports.db.get({ Key: membersKey(organisationId), ConsistentRead: true })
      : (item ?? undefined);
  const kept = membersFromItem(read);
  if (kept) return kept;
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(ports, { organisationId, limit: 200, cursor });
    users.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  if (users.length < MAX_MEMBERS) await build(ports, organisationId, users, read?.rev);
  return users;
}

async function build(ports: Pick<Ports, 'db'>, organisationId: string, users: User[], rev: unknown) {
  try {
    await ports.db.put({
      Item: {
        ...membersKey(organisationId),
        type: 'org-members',
        organisationId,
        members: Object.fromEntries(users.map((u) => [u.id, u])),
        rev: typeof rev === 'number' ? rev : 0,
      },
      ...(typeof rev === 'number'
        ? {
            ConditionExpression: 'attribute_not_exists(#m) AND #rev = :rev',
            ExpressionAttributeNames: { '#m': 'members', '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': rev },
          }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // A user was written, or another build stored its own, since this one read: the next reader builds again.
  }
}
