/**
 * The administrative region hierarchy (seed §1.1: province → city → district → town, street or park). Codes
 * follow GB/T 2260 (6 digits) and the 9/12-digit town codes; a region's path is its ancestors' codes and its
 * own, each followed by '/', so "lies in the subtree of" is a string prefix test and a begins_with query.
 */
import { NotFoundError, ValidationError } from '../errors';
import { IF_NEW } from '../db/expressions';
import { ConditionFailedError } from '../db/errors';
import type { Item } from '../db/port';
import type { Ports } from '../ports';

export const REGION_LEVELS = ['country', 'province', 'city', 'district', 'town', 'street', 'park'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface Region {
  code: string;
  name: { zh: string; en: string };
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

export const regionKey = (code: string) => ({ PK: `REGION#${code}`, SK: 'REGION' });

/** True when `path` is `ancestorPath` or lies below it. */
export const isWithin = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);

export const childPath = (parentPath: string, code: string) => `${parentPath}${code}/`;

export function regionToItem(r: Region): Item {
  return {
    ...regionKey(r.code),
    type: 'region',
    ...r,
    GSI1PK: `REGIONS#${r.parentCode ?? 'ROOT'}`,
    GSI1SK: r.code,
  };
}

export function regionFromItem(item: Item): Region {
  const { code, name, level, parentCode, path } = item as unknown as Region;
  return { code, name, level, parentCode, path };
}

export async function getRegion({ db }: Pick<Ports, 'db'>, code: string): Promise<Region> {
  const item = await db.get({ Key: regionKey(code) });
  if (!item) throw new NotFoundError('region', code);
  return regionFromItem(item);
}

export async function listChildRegions(
  { db }: Pick<Ports, 'db'>,
  parentCode: string | null,
): Promise<Region[]> {
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :p',
    ExpressionAttributeValues: { ':p': `REGIONS#${parentCode ?? 'ROOT'}` },
  });
  return page.items.map(regionFromItem);
}

export interface RegionInput {
  code: string;
  name: { zh: string; en: string };
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * Adds a region under an existing parent (or a root). Idempotent: adding the same region again is a no-op;
 * a different region under a taken code is refused.
 */
export async function addRegion(ports: Pick<Ports, 'db'>, input: RegionInput): Promise<Region> {
  if (!/^\d{2,12}$/.test(input.code)) throw new ValidationError('region code must be 2–12 digits');
  const parentPath = input.parentCode ? (await getRegion(ports, input.parentCode)).path : '';
  const region: Region = { ...input, path: childPath(parentPath, input.code) };
  try {
    await ports.db.put({ Item: regionToItem(region), ...IF_NEW });
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    const existing = await getRegion(ports, input.code);
    if (existing.path !== region.path || existing.level !== region.level) {
      throw new ValidationError(`region ${input.code} exists with another parent or level`);
    }
    return existing;
  }
  return region;
}
