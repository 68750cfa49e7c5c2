/**
 * Token claims shaped like a Cognito ID token, so one middleware serves both runtimes: the local issuer signs
 * these, Cognito issues them on AWS (groups = roles, custom attributes for organisation and region).
 */
import { DomainError } from '../errors';
import type { Actor } from './actor';
import type { Organisation } from './organisations';
import { isRole } from './roles';
import type { User } from './users';

export interface Claims {
  sub: string;
  'cognito:username': string;
  'cognito:groups': string[];
  'custom:orgId': string;
  'custom:region': string;
  token_use: 'id';
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'sign in first') {
    super('UNAUTHENTICATED', message);
  }
}

export function claimsFor(user: User, org: Organisation): Claims {
  return {
    sub: user.id,
    'cognito:username': user.username,
    'cognito:groups': [user.role],
    'custom:orgId': org.id,
    'custom:region': org.regionPath,
    token_use: 'id',
  };
}

/** The caller, from claims a verifier has already checked; throws when a claim cpflow needs is missing. */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const groups = claims['cognito:groups'];
  const role = Array.isArray(groups) ? groups.find(isRole) : undefined;
  const { sub } = claims;
  const username = claims['cognito:username'];
  const organisationId = claims['custom:orgId'];
  const regionPath = claims['custom:region'];
  if (
    typeof sub !== 'string' ||
    typeof username !== 'string' ||
    !role ||
    typeof organisationId !== 'string' ||
    typeof regionPath !== 'string'
  ) {
    throw new UnauthenticatedError('token lacks cpflow claims');
  }
  return { userId: sub, username, role, organisationId, regionPath };
}
