/**
 * What a first deploy needs before anyone can sign in — the AWS twin of local/bootstrap.ts: the region tree, the
 * platform agency and its `admin` user. The admin is created in Cognito with a random password nobody sees; the
 * operator sets a real one with `aws cognito-idp admin-set-user-password --permanent` (docs/deploy.md).
 * Idempotent: each step checks first, so it runs on every deploy.
 */
import { randomBytes } from 'node:crypto';
import { PLATFORM_ORG_ID } from '../../local/bootstrap';
import type { IdentityDirectory } from '../core/identity/directory';
import { createOrganisation, findOrganisation } from '../core/identity/organisations';
import type { RegionInput } from '../core/identity/regions';
import { addRegion } from '../core/identity/regions';
import { findUserItemByUsername } from '../core/identity/users';
import type { Ports } from '../core/ports';

export interface PlatformReport {
  regions: number;
  organisation: 'created' | 'exists';
  admin: 'created' | 'exists';
}

/** A password nobody will type: long, and with every character class a strict pool policy asks for. */
const throwawayPassword = () => `${randomBytes(24).toString('base64url')}aA1!`;

export async function ensurePlatform(
  ports: Ports,
  directory: IdentityDirectory,
  regions: RegionInput[],
  adminEmail?: string,
): Promise<PlatformReport> {
  for (const region of regions) await addRegion(ports, region); // parents come first in the file
  const organisation = (await findOrganisation(ports, PLATFORM_ORG_ID)) ? 'exists' : 'created';
  if (organisation === 'created') {
    await createOrganisation(
      ports,
      { kind: 'agency', name: '清洁生产审核平台管理中心', regionCode: '86' },
      PLATFORM_ORG_ID,
    );
  }
  const admin = (await findUserItemByUsername(ports, 'admin')) ? 'exists' : 'created';
  if (admin === 'created') {
    await directory.createUser({
      username: 'admin',
      displayName: '平台管理员',
      organisationId: PLATFORM_ORG_ID,
      ...(adminEmail ? { email: adminEmail } : {}),
      password: throwawayPassword(),
    });
  }
  return { regions: regions.length, organisation, admin };
}
