import { createMiddleware } from 'hono/factory';
import { actorFromClaims, UnauthenticatedError } from '../../core/identity/claims';
import { requireRole } from '../../core/identity/authorize';
import type { Role } from '../../core/identity/roles';
import type { AppEnv } from '../deps';

/** Turns `Authorization: Bearer <token>` into the request's Actor, or answers 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('missing bearer token');
  const claims = await c.get('deps').verifier.verify(match[1]);
  c.set('actor', actorFromClaims(claims));
  await next();
});

/** Answers 403 unless the actor has one of `roles` ('any' admits every signed-in user). */
export function allow(roles: readonly Role[] | 'any') {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (roles !== 'any') requireRole(c.get('actor'), ...roles);
    await next();
  });
}
