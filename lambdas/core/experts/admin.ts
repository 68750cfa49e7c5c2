/**
 * The administrators' view of the expert pool: profiles of the pools in their region, each with its platform
 * assignments, and draw records with a re-run that shows the draw is reproducible. Other regions' experts answer
 * NOT_FOUND.
 */
import { getCase } from '../cases/cases';
import { NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { getOrganisation } from '../identity/organisations';
import { getUser } from '../identity/users';
import type { Ports } from '../ports';
import type { DrawRecord } from './draws';
import { findDraw, verifyDraw } from './draws';
import type { Assignment } from './load';
import { listAssignments } from './load';
import type { ExpertProfile, ExpertProfileData } from './profile';
import { findProfile, listProfilePage, putProfile } from './profile';

export const listExperts = (ports: Pick<Ports, 'db'>, actor: Actor, q: { limit?: number; cursor?: string }) =>
  listProfilePage(ports, actor.regionPath, q.limit, q.cursor);

/** A profile with its assignments; NOT_FOUND outside the administrator's region. */
export async function getExpert(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  userId: string,
): Promise<ExpertProfile & { assignments: Assignment[] }> {
  const p = await findProfile(ports, userId);
  if (!p || !administers(actor, { regionPath: p.poolRegionPath }))
    throw new NotFoundError('expert profile', userId);
  return { ...p, assignments: await listAssignments(ports, userId) };
}

/** Creates (no `version`) or changes (`version` read) the profile of an expert user of a pool in the region. */
export async function saveExpert(
  ports: Ports,
  actor: Actor,
  userId: string,
  input: ExpertProfileData,
  version?: number,
): Promise<ExpertProfile> {
  const user = await getUser(ports, userId).catch(() => undefined);
  const pool = user ? await getOrganisation(ports, user.organisationId) : undefined;
  if (!user || !pool || !administers(actor, pool)) throw new NotFoundError('expert', userId);
  return putProfile(ports, userId, input, actor.username, version);
}

/** A draw record and whether re-running it gives the same panel; NOT_FOUND outside the region of its case. */
export async function getDraw(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  drawId: string,
): Promise<DrawRecord & { verification: ReturnType<typeof verifyDraw> }> {
  const record = await findDraw(ports, drawId);
  const c = record ? await getCase(ports, record.caseId).catch(() => undefined) : undefined;
  if (!record || !c || !administers(actor, c)) throw new NotFoundError('draw', drawId);
  return { ...record, verification: verifyDraw(record) };
}
