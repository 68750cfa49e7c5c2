/**
 * Organisations: agencies (in a region), enterprises, consultancies, banks and the expert pool. Kind-specific
 * facts live in `profile`; an enterprise's unified social credit code is unique across the platform.
 */
import { NotFoundError, ValidationError, VersionConflictError } from '../errors';
import { buildUpdate, IF_NEW } from '../db/expressions';
import { onConditionFailed } from '../db/errors';
import { claimUnique, releaseUnique } from '../db/unique';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { getRegion } from './regions';
import type { OrgKind } from './roles';
import { isValidUscc } from './uscc';

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  title?: string;
}

export interface EnterpriseProfile {
  creditCode: string;
  /** GB/T 4754-2017 code, e.g. `C2614`. */
  industryCode: string;
  size: 'large' | 'medium' | 'small' | 'micro';
  address?: string;
  legalRepresentative?: string;
  contacts?: Contact[];
}

export type OrganisationProfile = Partial<EnterpriseProfile> & Record<string, unknown>;

export interface Organisation {
  id: string;
  kind: OrgKind;
  name: string;
  regionCode: string;
  regionPath: string;
  profile: OrganisationProfile;
  status: 'active' | 'inactive';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrganisationInput {
  kind: OrgKind;
  name: string;
  regionCode: string;
  profile?: OrganisationProfile;
}

export const orgKey = (id: string) => ({ PK: `ORG#${id}`, SK: 'ORG' });
export const creditCodeGuard = (code: string) => ({ PK: `USCC#${code}`, SK: 'USCC' });
const ORGS = 'ORGS';

export const INDUSTRY_CODE = /^[A-T](\d{2}(\d{1,2})?)?$/;

export function organisationToItem(o: Organisation): Item {
  return {
    ...orgKey(o.id),
    type: 'organisation',
    ...o,
    GSI1PK: ORGS,
    GSI1SK: `${o.regionPath}#${o.id}`,
    GSI2PK: `ORGKIND#${o.kind}`,
    GSI2SK: `${o.regionPath}#${o.id}`,
  };
}

export function organisationFromItem(item: Item): Organisation {
  const { id, kind, name, regionCode, regionPath, profile, status, version, createdAt, updatedAt } =
    item as unknown as Organisation;
  return { id, kind, name, regionCode, regionPath, profile, status, version, createdAt, updatedAt };
}

/** Domain checks the request schema cannot make. */
export function checkProfile(kind: OrgKind, profile: OrganisationProfile | undefined): void {
  if (kind !== 'enterprise') return;
  const problems: { path: string; message: string }[] = [];
  if (!profile?.creditCode || !isValidUscc(profile.creditCode)) {
    problems.push({
      path: '/profile/creditCode',
      message: 'not a valid unified social credit code (check character)',
    });
  }
  if (!profile?.industryCode || !INDUSTRY_CODE.test(profile.industryCode)) {
    problems.push({ path: '/profile/industryCode', message: 'not a GB/T 4754 industry code, e.g. C2614' });
  }
  if (problems.length) throw new ValidationError('invalid enterprise profile', problems);
}

export async function findOrganisation(
  { db }: Pick<Ports, 'db'>,
  id: string,
): Promise<Organisation | undefined> {
  const item = await db.get({ Key: orgKey(id) });
  return item ? organisationFromItem(item) : undefined;
}

export async function getOrganisation(ports: Pick<Ports, 'db'>, id: string): Promise<Organisation> {
  const org = await findOrganisation(ports, id);
  if (!org) throw new NotFoundError('organisation', id);
  return org;
}

export async function createOrganisation(
  ports: Ports,
  input: OrganisationInput,
  id?: string,
): Promise<Organisation> {
  checkProfile(input.kind, input.profile);
  const region = await getRegion(ports, input.regionCode);
  const now = isoTime(ports.clock.now());
  const org: Organisation = {
    id: id ?? ports.ids.next('org'),
    kind: input.kind,
    name: input.name,
    regionCode: region.code,
    regionPath: region.path,
    profile: input.profile ?? {},
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const code = org.profile.creditCode;
  if (code) {
    await claimUnique(ports.db, creditCodeGuard(code), 'credit code', code, org.id, async (owner) =>
      Boolean(await findOrganisation(ports, owner)),
    );
  }
  await ports.db.put({ Item: organisationToItem(org), ...IF_NEW });
  return org;
}

export interface OrganisationPatch {
  name?: string;
  regionCode?: string;
  profile?: OrganisationProfile;
  status?: 'active' | 'inactive';
}

/** Changes an organisation if nobody else did since `expectVersion`. */
export async function updateOrganisation(
  ports: Ports,
  current: Organisation,
  patch: OrganisationPatch,
  expectVersion: number,
): Promise<Organisation> {
  if (current.version !== expectVersion) throw new VersionConflictError('organisation', current.id);
  const next: Organisation = { ...current, ...patch, profile: patch.profile ?? current.profile };
  checkProfile(next.kind, next.profile);
  if (patch.regionCode && patch.regionCode !== current.regionCode) {
    const region = await getRegion(ports, patch.regionCode);
    next.regionCode = region.code;
    next.regionPath = region.path;
  }
  const oldCode = current.profile.creditCode;
  const newCode = next.profile.creditCode;
  if (newCode && newCode !== oldCode) {
    await claimUnique(
      ports.db,
      creditCodeGuard(newCode),
      'credit code',
      newCode,
      current.id,
      async () => true,
    );
  }
  const item = organisationToItem({ ...next, updatedAt: isoTime(ports.clock.now()) });
  const { name, regionCode, regionPath, profile, status, updatedAt, GSI1SK, GSI2SK } = item;
  const saved = await onConditionFailed(
    ports.db.update(
      buildUpdate(orgKey(current.id), {
        set: { name, regionCode, regionPath, profile, status, updatedAt, GSI1SK, GSI2SK },
        expectVersion,
      }),
    ),
    () => new VersionConflictError('organisation', current.id),
  );
  if (oldCode && newCode !== oldCode) await releaseUnique(ports.db, creditCodeGuard(oldCode), current.id);
  return organisationFromItem(saved as Item);
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Organisations in a region's subtree, optionally of one kind; one Query on a GSI, never a Scan. */
export async function listOrganisations(
  { db }: Pick<Ports, 'db'>,
  opts: { regionPath: string; kind?: OrgKind; limit?: number; cursor?: string },
): Promise<Page<Organisation>> {
  const [index, pk] = opts.kind ? (['GSI2', `ORGKIND#${opts.kind}`] as const) : (['GSI1', ORGS] as const);
  const page = await db.query({
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk AND begins_with(${index}SK, :path)`,
    ExpressionAttributeValues: { ':pk': pk, ':path': opts.regionPath },
    Limit: opts.limit ?? 50,
    ExclusiveStartKey: decodeCursor(opts.cursor, [`${index}PK`, pk]),
  });
  return { items: page.items.map(organisationFromItem), cursor: encodeCursor(page.lastKey) };
}
