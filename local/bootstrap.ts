/**
 * First start: the region tree, the platform agency and its administrator (password printed once). With
 * --demo: the demo organisations and users, credentials written to $DATA_DIR/demo-users.json. Idempotent.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authoriseConsultancy } from '../lambdas/core/identity/consultancies';
import type { PasswordHasher } from '../lambdas/core/identity/login';
import {
  createOrganisation,
  findOrganisation,
  getOrganisation,
} from '../lambdas/core/identity/organisations';
import type { RegionInput } from '../lambdas/core/identity/regions';
import { addRegion } from '../lambdas/core/identity/regions';
import {
  createUser,
  findUser,
  findUserItemByUsername,
  getUser,
  updateUser,
} from '../lambdas/core/identity/users';
import type { Ports } from '../lambdas/core/ports';
import { findProfile, putProfile } from '../lambdas/core/experts/profile';
import { listBankProducts, saveProduct } from '../lambdas/core/referrals/banks';
import { DEMO_AUTHORISATIONS, DEMO_BANK_PRODUCTS, DEMO_EXPERT_PROFILES, DEMO_ORGS, DEMO_USERS } from './demo';

type Deps = Ports & { passwords: PasswordHasher };

export const PLATFORM_ORG_ID = 'org_platform';
const ADMIN_MARKER = { PK: 'BOOTSTRAP', SK: 'ADMIN' };

const newPassword = () => randomBytes(12).toString('base64url');

export async function loadRegions(deps: Deps): Promise<void> {
  const file = fileURLToPath(new URL('../reference/regions.json', import.meta.url));
  const { regions } = JSON.parse(readFileSync(file, 'utf8')) as { regions: RegionInput[] };
  for (const region of regions) await addRegion(deps, region); // parents come first in the file
}

/** Creates the platform agency and the `admin` user once; returns the generated password the first time only. */
export async function ensureAdmin(deps: Deps): Promise<string | undefined> {
  if (await deps.db.get({ Key: ADMIN_MARKER, ConsistentRead: true })) return undefined;
  if (!(await findOrganisation(deps, PLATFORM_ORG_ID))) {
    await createOrganisation(
      deps,
      { kind: 'agency', name: '清洁生产审核平台管理中心', regionCode: '86' },
      PLATFORM_ORG_ID,
    );
  }
  const password = newPassword();
  const existing = await findUserItemByUsername(deps, 'admin');
  const passwordHash = await deps.passwords.hash(password);
  if (existing) {
    const user = await getUser(deps, String(existing.id));
    await updateUser(deps, user, { passwordHash }, user.version);
  } else {
    await createUser(deps, {
      username: 'admin',
      displayName: '平台管理员',
      organisationId: PLATFORM_ORG_ID,
      passwordHash,
    });
  }
  await deps.db.put({
    Item: { ...ADMIN_MARKER, type: 'bootstrap', at: new Date(deps.clock.now()).toISOString() },
  });
  return password;
}

/** Sets a new password for `admin` (operators who lost the one printed at first start). */
export async function resetAdminPassword(deps: Deps): Promise<string> {
  const item = await findUserItemByUsername(deps, 'admin');
  if (!item) throw new Error('no admin user yet: start once without --reset-admin-password');
  const user = await getUser(deps, String(item.id));
  const password = newPassword();
  await updateUser(deps, user, { passwordHash: await deps.passwords.hash(password) }, user.version);
  return password;
}

export interface DemoCredential {
  username: string;
  password: string;
  role: string;
  organisationId: string;
}

export async function seedDemo(deps: Deps, dataDir: string): Promise<DemoCredential[]> {
  for (const { id, ...org } of DEMO_ORGS) {
    if (!(await findOrganisation(deps, id))) await createOrganisation(deps, org, id);
  }
  for (const [enterpriseId, consultancyId] of DEMO_AUTHORISATIONS) {
    await authoriseConsultancy(
      deps,
      await getOrganisation(deps, enterpriseId),
      await getOrganisation(deps, consultancyId),
    );
  }
  const file = join(dataDir, 'demo-users.json');
  const known = new Map<string, string>();
  if (existsSync(file)) {
    for (const c of JSON.parse(readFileSync(file, 'utf8')) as DemoCredential[])
      known.set(c.username, c.password);
  }
  const credentials: DemoCredential[] = [];
  for (const u of DEMO_USERS) {
    let password = known.get(u.username);
    const existing = await findUser(deps, u.id);
    if (!existing) {
      password ??= newPassword();
      await createUser(deps, { ...u, passwordHash: await deps.passwords.hash(password) }, u.id);
    } else if (!password) {
      password = newPassword();
      await updateUser(
        deps,
        existing,
        { passwordHash: await deps.passwords.hash(password) },
        existing.version,
      );
    }
    const user = await getUser(deps, u.id);
    credentials.push({
      username: u.username,
      password,
      role: user.role,
      organisationId: user.organisationId,
    });
  }
  // Expert profiles once: an administrator's later edits are never overwritten.
  for (const { userId, profile } of DEMO_EXPERT_PROFILES) {
    if (!(await findProfile(deps, userId))) await putProfile(deps, userId, profile, 'demo');
  }
  // Green-credit products once per product: an administrator's later edits are never overwritten.
  for (const { bankId, productId, product } of DEMO_BANK_PRODUCTS) {
    if ((await listBankProducts(deps, bankId)).some((p) => p.id === productId)) continue;
    await saveProduct(deps, await getOrganisation(deps, bankId), productId, product, 'demo');
  }
  writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  return credentials;
}
