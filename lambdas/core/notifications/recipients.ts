/**
 * Who a step or an event is for, as users: named users; a role in an organisation (that organisation's active users
 * of that role); an enterprise step without either (the case's enterprise); an administrator step without either
 * (the administrators of the agencies whose region contains the case — one query per level of the case's region
 * path, since an agency at a level sees everything below it).
 */
import type { Assignee } from '../cases/model';
import type { Ports } from '../ports';
import { organisationFromItem } from '../identity/organisations';
import type { User } from '../identity/users';
import { findUser } from '../identity/users';
import { organisationMembers } from '../identity/members';
import type { Item } from '../db/port';

export interface CaseScope {
  organisationId: string;
  regionPath: string;
}

/**
 * The region paths that contain `regionPath`, itself included, root first.
 * @example ancestorPaths('86/440000/440100/') // ['86/', '86/440000/', '86/440000/440100/']
 */
export function ancestorPaths(regionPath: string): string[] {
  const parts = regionPath.split('/').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/** Active users of an organisation with the given role, from its members item (`members`: as read already). */
export async function organisationUsers(
  ports: Pick<Ports, 'db'>,
  organisationId: string,
  role?: string,
  members?: Item | null,
): Promise<User[]> {
  const users = await organisationMembers(ports, organisationId, members);
  return users.filter((u) => u.status === 'active' && (!role || u.role === role));
}

/**
 * The organisation whose members an assignee stands for (a role there, or the case's enterprise), if any: a step
 * reads its members item beside its form's pointer.
 */
export function assigneeOrganisation(assignee: Assignee, scope: CaseScope): string | undefined {
  if (assignee.userIds?.length) return undefined;
  if (assignee.organisationId) return assignee.organisationId;
  return assignee.role === 'enterprise' ? scope.organisationId : undefined;
}

/** Agencies placed exactly at each ancestor of the case's region (their administrators oversee the case). */
export async function agenciesOver(ports: Pick<Ports, 'db'>, regionPath: string): Promise<string[]> {
  const pages = await Promise.all(
    ancestorPaths(regionPath).map((path) =>
      ports.db.query({
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :p)',
        ExpressionAttributeValues: { ':pk': 'ORGKIND#agency', ':p': `${path}#` },
      }),
    ),
  );
  return pages.flatMap((p) =>
    p.items
      .map(organisationFromItem)
      .filter((o) => o.status === 'active')
      .map((o) => o.id),
  );
}

/**
 * The users an assignee stands for, on a case. `members`: the members item of `assigneeOrganisation`, when the
 * caller read it already (`null`: absent).
 * @example await resolveRecipients(ports, { role: 'admin' }, { organisationId: 'org_e', regionPath: '86/440000/440100/440112/' })
 * // the active administrators of the national, Guangdong, Guangzhou and Huangpu agencies
 */
export async function resolveRecipients(
  ports: Pick<Ports, 'db'>,
  assignee: Assignee,
  scope: CaseScope,
  members?: Item | null,
): Promise<User[]> {
  if (assignee.userIds?.length) {
    const users = await Promise.all(assignee.userIds.map((id) => findUser(ports, id)));
    return users.filter((u): u is User => Boolean(u && u.status === 'active'));
  }
  const organisationId = assigneeOrganisation(assignee, scope);
  if (organisationId) return organisationUsers(ports, organisationId, assignee.role, members);
  if (assignee.role === 'admin') {
    const agencies = await agenciesOver(ports, scope.regionPath);
    return (await Promise.all(agencies.map((id) => organisationUsers(ports, id, 'admin')))).flat();
  }
  return [];
}
