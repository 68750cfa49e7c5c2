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
import { findUser, listUsers } from '../identity/users';

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

/** Active users of an organisation with the given role (all pages). */
export async function organisationUsers(
  ports: Pick<Ports, 'db'>,
  organisationId: string,
  role?: string,
): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(ports, { organisationId, limit: 200, cursor });
    users.push(...page.items.filter((u) => u.status === 'active' && (!role || u.role === role)));
    cursor = page.cursor;
  } while (cursor);
  return users;
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
 * The users an assignee stands for, on a case.
 * @example await resolveRecipients(ports, { role: 'admin' }, { organisationId: 'org_e', regionPath: '86/440000/440100/440112/' })
 * // the active administrators of the national, Guangdong, Guangzhou and Huangpu agencies
 */
export async function resolveRecipients(
  ports: Pick<Ports, 'db'>,
  assignee: Assignee,
  scope: CaseScope,
): Promise<User[]> {
  if (assignee.userIds?.length) {
    const users = await Promise.all(assignee.userIds.map((id) => findUser(ports, id)));
    return users.filter((u): u is User => Boolean(u && u.status === 'active'));
  }
  if (assignee.organisationId) return organisationUsers(ports, assignee.organisationId, assignee.role);
  if (assignee.role === 'enterprise') return organisationUsers(ports, scope.organisationId, 'enterprise');
  if (assignee.role === 'admin') {
    const agencies = await agenciesOver(ports, scope.regionPath);
    return (await Promise.all(agencies.map((id) => organisationUsers(ports, id, 'admin')))).flat();
  }
  return [];
}
