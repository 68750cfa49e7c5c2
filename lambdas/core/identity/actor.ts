import type { Role } from './roles';

/**
 * Who is calling, taken from a verified token. The same claims arrive from the local issuer and from Cognito
 * (`sub`, `cognito:groups`, `custom:orgId`, `custom:region`), so this shape does not depend on the runtime.
 */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  organisationId: string;
  /** The region path of the actor's organisation, e.g. `440000/440100/` (an agency sees this subtree). */
  regionPath: string;
}
