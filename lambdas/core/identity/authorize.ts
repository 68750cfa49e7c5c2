/**
 * The one authorization helper every route uses: role checks and organisation / region scoping.
 * Foreign resources answer NOT_FOUND (their existence is not disclosed); a role that may never act answers FORBIDDEN.
 */
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from './actor';
import { isWithin } from './regions';
import type { Role } from './roles';

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new ForbiddenError(`requires role ${roles.join(' or ')}`);
}

/** An administrator acts on what lies in its agency's region subtree, never a sibling region's. */
export function administers(actor: Actor, target: { regionPath: string }): boolean {
  return actor.role === 'admin' && isWithin(target.regionPath, actor.regionPath);
}

/** Throws NOT_FOUND unless the actor administers the organisation (or belongs to it, when `orOwn`). */
export function assertOrganisationAccess(
  actor: Actor,
  org: { id: string; regionPath: string },
  opts: { orOwn?: boolean } = {},
): void {
  if (administers(actor, org)) return;
  if (opts.orOwn && actor.organisationId === org.id) return;
  throw new NotFoundError('organisation', org.id);
}
