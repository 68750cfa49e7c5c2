/**
 * Users: one organisation each, the role fixed by the organisation's kind. Usernames are unique (guard item);
 * the password hash and the failed-login counter live on the user item.
 */
import { NotFoundError, ValidationError, VersionConflictError } from '../errors';
import { buildUpdate, IF_NEW } from '../db/expressions';
import { ConditionFailedError, onConditionFailed } from '../db/errors';
import { claimUnique } from '../db/unique';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { Page } from './organisations';
import { getOrganisation } from './organisations';
import type { Role } from './roles';
import { ROLE_OF_KIND } from './roles';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  organisationId: string;
  status: 'active' | 'disabled';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What only the login path reads. Never returned by the API. */
export interface Credentials {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number;
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export const userKey = (id: string) => ({ PK: `USER#${id}`, SK: 'USER' });
export const usernameGuard = (username: string) => ({ PK: `USERNAME#${username}`, SK: 'USERNAME' });

export function userToItem(u: User, c: Credentials): Item {
  return {
    ...userKey(u.id),
    type: 'user',
    ...u,
    ...c,
    GSI1PK: `ORGUSERS#${u.organisationId}`,
    GSI1SK: u.username,
  };
}

export function userFromItem(item: Item): User {
  const { id, username, displayName, email, role, organisationId, status, version, createdAt, updatedAt } =
    item as unknown as User;
  return {
    id,
    username,
    displayName,
    ...(email ? { email } : {}),
    role,
    organisationId,
    status,
    version,
    createdAt,
    updatedAt,
  };
}

export function credentialsFromItem(item: Item): Credentials {
  return {
    passwordHash: String(item.passwordHash),
    failedLogins: Number(item.failedLogins ?? 0),
    lockedUntil: Number(item.lockedUntil ?? 0),
  };
}

export async function findUser({ db }: Pick<Ports, 'db'>, id: string): Promise<User | undefined> {
  const item = await db.get({ Key: userKey(id) });
  return item ? userFromItem(item) : undefined;
}

export async function getUser(ports: Pick<Ports, 'db'>, id: string): Promise<User> {
  const user = await findUser(ports, id);
  if (!user) throw new NotFoundError('user', id);
  return user;
}

/** The user item (with credentials) for a username, in two consistent reads; undefined if none. */
export async function findUserItemByUsername(
  { db }: Pick<Ports, 'db'>,
  username: string,
): Promise<Item | undefined> {
  const guard = await db.get({ Key: usernameGuard(username), ConsistentRead: true });
  if (typeof guard?.ownerId !== 'string') return undefined;
  return db.get({ Key: userKey(guard.ownerId), ConsistentRead: true });
}

export interface UserInput {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string;
  passwordHash: string;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError('password too short', [
      { path: '/password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

export async function createUser(ports: Ports, input: UserInput, id?: string): Promise<User> {
  if (!USERNAME.test(input.username)) {
    throw new ValidationError('invalid username', [
      { path: '/username', message: 'lower-case letters, digits, . _ -; 3–64 characters' },
    ]);
  }
  const org = await getOrganisation(ports, input.organisationId);
  const now = isoTime(ports.clock.now());
  const user: User = {
    id: id ?? ports.ids.next('usr'),
    username: input.username,
    displayName: input.displayName,
    ...(input.email ? { email: input.email } : {}),
    role: ROLE_OF_KIND[org.kind],
    organisationId: org.id,
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await claimUnique(
    ports.db,
    usernameGuard(user.username),
    'username',
    user.username,
    user.id,
    async (owner) => Boolean(await findUser(ports, owner)),
  );
  await ports.db.put({
    Item: userToItem(user, { passwordHash: input.passwordHash, failedLogins: 0, lockedUntil: 0 }),
    ...IF_NEW,
  });
  await recordMember(ports, user);
  return user;
}

export interface UserPatch {
  displayName?: string;
  email?: string;
  status?: 'active' | 'disabled';
  passwordHash?: string;
}

export async function updateUser(
  ports: Ports,
  current: User,
  patch: UserPatch,
  expectVersion: number,
): Promise<User> {
  const set: Record<string, unknown> = { ...patch, updatedAt: isoTime(ports.clock.now()) };
  if (patch.passwordHash) Object.assign(set, { failedLogins: 0, lockedUntil: 0 });
  const saved = await onConditionFailed(
    ports.db.update(buildUpdate(userKey(current.id), { set, expectVersion })),
    () => new VersionConflictError('user', current.id),
  );
  const user = userFromItem(saved as Item);
  await recordMember(ports, user);
  return user;
}

export async function listUsers(
  { db }: Pick<Ports, 'db'>,
  opts: { organisationId: string; limit?: number; cursor?: string },
): Promise<Page<User>> {
  const pk = `ORGUSERS#${opts.organisationId}`;
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    Limit: opts.limit ?? 50,
    ExclusiveStartKey: decodeCursor(opts.cursor, ['GSI1PK', pk]),
  });
  return { items: page.items.map(userFromItem), cursor: encodeCursor(page.lastKey) };
}

// ---- the organisation's members item (members.ts) ----------------------------------------------------------

export const membersKey = (organisationId: string) => ({ PK: `ORG#${organisationId}`, SK: 'MEMBERS' });

/** About 250 bytes an entry: 1,000 keeps the item under a third of DynamoDB's 400 KB limit. */
export const MAX_MEMBERS = 1000;

/** The users of a built members item; undefined for one not built (absent, or too large to keep). */
export function membersFromItem(item: Item | undefined): User[] | undefined {
  const members = item?.members as Record<string, User> | undefined;
  return members ? Object.values(members) : undefined;
}

/** A user's entry, after its user item was written. */
export async function recordMember(ports: Pick<Ports, 'db'>, user: User): Promise<void> {
  const Key = membersKey(user.organisationId);
  try {
    await ports.db.update({
      Key,
      UpdateExpression: 'SET #m.#u = :user ADD #rev :one',
      ConditionExpression:
        'attribute_exists(#m) AND (attribute_not_exists(#m.#u) OR #m.#u.#v < :v) AND ' +
        '(attribute_exists(#m.#u) OR size(#m) < :max)',
      ExpressionAttributeNames: { '#m': 'members', '#u': user.id, '#v': 'version', '#rev': 'rev' },
      ExpressionAttributeValues: { ':user': user, ':v': user.version, ':one': 1, ':max': MAX_MEMBERS },
      ReturnValues: 'NONE',
    });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    // Not built (or a newer entry is there already, or the organisation outgrew the item): count the change, so
    // that a build in flight does not store what it read before it — and past the limit, stop keeping the item.
    await ports.db.update({
      Key,
      UpdateExpression: 'ADD #rev :one',
      ExpressionAttributeNames: { '#rev': 'rev' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'NONE',
    });
    await ports.db
      .update({
        Key,
        UpdateExpression: 'REMOVE #m',
        ConditionExpression: 'size(#m) >= :max',
        ExpressionAttributeNames: { '#m': 'members' },
        ExpressionAttributeValues: { ':max': MAX_MEMBERS },
        ReturnValues: 'NONE',
      })
      .catch((e: unknown) => {
        if (!(e instanceof ConditionFailedError)) throw e;
      });
  }
}
