/**
 * Expert profiles (专家库): one item per expert user, `EXPERT#<userId>` / `PROFILE`, listed through GSI1 under the
 * pool organisation's region (`EXPERTS` / `<poolRegionPath>#<userId>`), so an administrator lists the pools of
 * its region with one query and the draw reads the whole pool without a Scan.
 */
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { buildUpdate } from '../db/expressions';
import { onConditionFailed } from '../db/errors';
import type { Item } from '../db/port';
import { NotFoundError, ValidationError, VersionConflictError } from '../errors';
import { getOrganisation } from '../identity/organisations';
import { getUser } from '../identity/users';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');

/** What an administrator sends; strict, so a misspelt field is refused. */
export const ExpertProfileInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  /** GB/T 4754 prefixes the expert knows: a section (`C`), division (`C33`), group or class (`C3360`). */
  industries: z.array(z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/, 'a GB/T 4754 prefix')).max(30),
  /** Specialities: `energy`, `water`, `VOCs`, `heavy-metals`, `hazardous-waste`, `ghg` … */
  specialities: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  /** Where the expert is based (GB/T 2260 code). */
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  employerOrgId: z.string().max(64).optional(),
  employerName: z.string().trim().max(200).optional(),
  title: z.string().trim().max(100).optional(),
  /** May lead a panel (组长). */
  canLead: z.boolean().default(false),
  status: z.enum(['active', 'on-leave']).default('active'),
  /** Organisations (enterprises, consultancies) the expert declared a conflict with. */
  declaredConflicts: z.array(z.string().max(64)).max(200).default([]),
  /** Reviews and advisory work outside the platform, for the exclusions (platform draws are kept separately). */
  history: z
    .array(
      z.strictObject({
        kind: z.enum(['review', 'advisory']),
        organisationId: z.string().max(64),
        date: Date10,
        note: z.string().max(500).optional(),
      }),
    )
    .max(500)
    .default([]),
});
export type ExpertProfileData = z.infer<typeof ExpertProfileInput>;

export interface ExpertProfile extends Omit<ExpertProfileData, 'name'> {
  userId: string;
  name: string;
  /** The expert pool organisation the user belongs to, and its region path (administrators' scope). */
  poolOrgId: string;
  poolRegionPath: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const profileKey = (userId: string) => ({ PK: `EXPERT#${userId}`, SK: 'PROFILE' });
export const EXPERTS_INDEX = 'EXPERTS';

export function profileToItem(p: ExpertProfile): Item {
  return {
    ...profileKey(p.userId),
    type: 'expert-profile',
    ...p,
    GSI1PK: EXPERTS_INDEX,
    GSI1SK: `${p.poolRegionPath}#${p.userId}`,
  };
}

export function profileFromItem(item: Item): ExpertProfile {
  const { PK: _pk, SK: _sk, type: _t, GSI1PK: _g, GSI1SK: _s, ...rest } = item;
  return rest as unknown as ExpertProfile;
}

export async function findProfile(
  { db }: Pick<Ports, 'db'>,
  userId: string,
): Promise<ExpertProfile | undefined> {
  const item = await db.get({ Key: profileKey(userId), ConsistentRead: true });
  return item ? profileFromItem(item) : undefined;
}

/**
 * Creates or replaces an expert's profile. The user must be an expert (a member of an expert pool); `expectVersion`
 * guards against overwriting a colleague's edit (omit it to create).
 * @example await putProfile(ports, 'usr_expert001', { industries: ['C33'], canLead: true, … }, 'admin')
 */
export async function putProfile(
  ports: Ports,
  userId: string,
  input: ExpertProfileData,
  author: string,
  expectVersion?: number,
): Promise<ExpertProfile> {
  const user = await getUser(ports, userId);
  if (user.role !== 'expert')
    throw new ValidationError('not an expert', [
      { path: '/userId', message: `${userId} is not in an expert pool` },
    ]);
  const pool = await getOrganisation(ports, user.organisationId);
  const now = isoTime(ports.clock.now());
  const profile: ExpertProfile = {
    ...input,
    name: input.name ?? user.displayName.replace(/（专家）$/, ''),
    userId,
    poolOrgId: pool.id,
    poolRegionPath: pool.regionPath,
    version: (expectVersion ?? 0) + 1,
    updatedAt: now,
    updatedBy: author,
  };
  if (expectVersion === undefined) {
    await onConditionFailed(
      ports.db.put({ Item: profileToItem(profile), ConditionExpression: 'attribute_not_exists(PK)' }),
      () => new VersionConflictError('expert profile', userId),
    );
    return profile;
  }
  const { version: _v, ...set } = profileToItem(profile);
  delete (set as Partial<Item>).PK;
  delete (set as Partial<Item>).SK;
  const saved = await onConditionFailed(
    ports.db.update(buildUpdate(profileKey(userId), { set, expectVersion, mustExist: true })),
    () => new VersionConflictError('expert profile', userId),
  );
  return profileFromItem(saved as Item);
}

/** Every profile whose pool lies in `regionPath` (all of them for `''`), paging through GSI1. */
export async function listProfiles({ db }: Pick<Ports, 'db'>, regionPath = ''): Promise<ExpertProfile[]> {
  const out: ExpertProfile[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: regionPath ? 'GSI1PK = :pk AND begins_with(GSI1SK, :r)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': EXPERTS_INDEX, ...(regionPath ? { ':r': regionPath } : {}) },
      ExclusiveStartKey: start,
    });
    out.push(...page.items.map(profileFromItem));
    start = page.lastKey;
  } while (start);
  return out;
}

export async function getProfile(ports: Pick<Ports, 'db'>, userId: string): Promise<ExpertProfile> {
  const p = await findProfile(ports, userId);
  if (!p) throw new NotFoundError('expert profile', userId);
  return p;
}

/** One page of the profiles whose pool lies in `regionPath`, for the administrators' list. */
export async function listProfilePage(
  { db }: Pick<Ports, 'db'>,
  regionPath: string,
  limit = 50,
  cursor?: string,
): Promise<{ items: ExpertProfile[]; cursor?: string }> {
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :r)',
    ExpressionAttributeValues: { ':pk': EXPERTS_INDEX, ':r': regionPath },
    Limit: limit,
    ExclusiveStartKey: decodeCursor(cursor, ['GSI1PK', EXPERTS_INDEX]),
  });
  const next = encodeCursor(page.lastKey);
  return { items: page.items.map(profileFromItem), ...(next ? { cursor: next } : {}) };
}
