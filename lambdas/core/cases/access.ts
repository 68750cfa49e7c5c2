/**
 * Who may see a case: administrators of its region, its organisation, consultancies that organisation authorised,
 * and participants (experts assigned to it, banks it was referred to). Everyone else gets NOT_FOUND.
 */
import { NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { isAuthorised } from '../identity/consultancies';
import type { Ports } from '../ports';
import type { Case } from './model';

export const participantKey = (principal: string, caseId: string) => ({
  PK: `PARTICIPANT#${principal}`,
  SK: `CASE#${caseId}`,
});
export const userPrincipal = (userId: string) => `USER#${userId}`;
export const orgPrincipal = (orgId: string) => `ORG#${orgId}`;

/** The item that lets a user or organisation see a case it takes part in (written with the task that involves it). */
export function participantItem(
  principal: string,
  c: Pick<Case, 'id' | 'programmeId' | 'createdAt'>,
  role: string,
) {
  return {
    ...participantKey(principal, c.id),
    type: 'case-participant',
    caseId: c.id,
    role,
    GSI1PK: `PARTICIPANT#${principal}`,
    GSI1SK: `${c.createdAt}#${c.id}`,
  };
}

export async function canSeeCase(ports: Pick<Ports, 'db'>, actor: Actor, c: Case): Promise<boolean> {
  if (administers(actor, c)) return true;
  if (actor.organisationId === c.organisationId) return actor.role === 'enterprise';
  if (actor.role === 'consultant') return isAuthorised(ports, actor.organisationId, c.organisationId);
  if (actor.role === 'expert')
    return Boolean(await ports.db.get({ Key: participantKey(userPrincipal(actor.userId), c.id) }));
  if (actor.role === 'bank')
    return Boolean(await ports.db.get({ Key: participantKey(orgPrincipal(actor.organisationId), c.id) }));
  return false;
}

export async function assertCaseVisible(ports: Pick<Ports, 'db'>, actor: Actor, c: Case): Promise<void> {
  if (!(await canSeeCase(ports, actor, c))) throw new NotFoundError('case', c.id);
}
