/**
 * An organisation's members item (lambdas/core/identity/members.ts, docs/decisions.md D22), against the embedded
 * store: built from the user items when first needed, kept by every user write, never rolled back to an older
 * user, not stored by a build that read before a user was written, and given up past its size limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ports } from '../../../../lambdas/core/ports';
import { organisationToItem } from '../../../../lambdas/core/identity/organisations';
import type { Organisation } from '../../../../lambdas/core/identity/organisations';
import { organisationMembers } from '../../../../lambdas/core/identity/members';
import type { User } from '../../../../lambdas/core/identity/users';
import {
  createUser,
  getUser,
  MAX_MEMBERS,
  membersKey,
  recordMember,
  updateUser,
} from '../../../../lambdas/core/identity/users';
import { organisationUsers } from '../../../../lambdas/core/notifications/recipients';
import { startStorePorts } from '../../../support/store-ports';

let ports: Ports;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ ports, close } = await startStorePorts('cpflow-members'));
});
afterAll(async () => {
  await close?.();
});

let orgs = 0;
async function organisation(): Promise<string> {
  const org: Organisation = {
    id: `org_m${++orgs}`,
    kind: 'enterprise',
    name: `企业${orgs}`,
    regionCode: '440112',
    regionPath: '86/440000/440100/440112/',
    profile: {},
    status: 'active',
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
  await ports.db.put({ Item: organisationToItem(org) });
  return org.id;
}
const user = (organisationId: string, username: string) =>
  createUser(ports, { username, displayName: username, organisationId, passwordHash: 'x' });
const kept = async (organisationId: string) => {
  const item = await ports.db.get({ Key: membersKey(organisationId), ConsistentRead: true });
  const members = item?.members as Record<string, User> | undefined;
  return members && Object.fromEntries(Object.values(members).map((u) => [u.username, u.status]));
};

describe("an organisation's members item", () => {
  it('is built from the user items when first read, then kept by every user write', async () => {
    const org = await organisation();
    const a = await user(org, 'member-a');
    await user(org, 'member-b');
    expect(await kept(org)).toBeUndefined(); // writes before a build only count revisions
    expect((await organisationMembers(ports, org)).map((u) => u.username).sort()).toEqual([
      'member-a',
      'member-b',
    ]);
    expect(await kept(org)).toEqual({ 'member-a': 'active', 'member-b': 'active' });
    await user(org, 'member-c');
    await updateUser(ports, a, { status: 'disabled' }, a.version);
    expect(await kept(org)).toEqual({ 'member-a': 'disabled', 'member-b': 'active', 'member-c': 'active' });
    expect((await organisationUsers(ports, org, 'enterprise')).map((u) => u.username).sort()).toEqual([
      'member-b',
      'member-c',
    ]);
  });

  it('never takes an older version of a user over a newer one', async () => {
    const org = await organisation();
    const before = await user(org, 'member-old');
    await organisationMembers(ports, org);
    const after = await updateUser(ports, before, { displayName: '新名字' }, before.version);
    await recordMember(ports, before); // late, out of order
    const item = await ports.db.get({ Key: membersKey(org), ConsistentRead: true });
    expect((item?.members as Record<string, User>)[after.id]).toMatchObject({
      displayName: '新名字',
      version: after.version,
    });
  });

  it('is not stored by a build that read before a user was written; the next read builds it with that user', async () => {
    const org = await organisation();
    await user(org, 'member-x');
    const readEarlier = await ports.db.get({ Key: membersKey(org), ConsistentRead: true });
    expect(readEarlier?.rev).toBe(1);
    await user(org, 'member-y');
    await organisationMembers(ports, org, readEarlier);
    expect(await kept(org)).toBeUndefined();
    await organisationMembers(ports, org);
    expect(await kept(org)).toEqual({ 'member-x': 'active', 'member-y': 'active' });
  });

  it('is given up when the organisation outgrows it, and its users are read from their items', async () => {
    const org = await organisation();
    const first = await user(org, 'member-first');
    const stand = (i: number): User => ({ ...first, id: `usr_fill${i}`, username: `fill-${i}` });
    await ports.db.put({
      Item: {
        ...membersKey(org),
        members: Object.fromEntries(
          Array.from({ length: MAX_MEMBERS }, (_, i) => [stand(i).id, stand(i)] as const),
        ),
        rev: 1,
      },
    });
    const last = await user(org, 'member-last');
    expect(await kept(org)).toBeUndefined();
    expect((await organisationMembers(ports, org)).map((u) => u.username).sort()).toEqual([
      'member-first',
      'member-last',
    ]);
    expect(await kept(org)).toEqual({ 'member-first': 'active', 'member-last': 'active' }); // built again, small
    expect((await getUser(ports, last.id)).username).toBe('member-last');
  });
});
