/**
 * Reading the dashboard: one GetItem of the snapshot of the administrator's region (or of a region below it). A
 * region that has no snapshot yet (a fresh deployment, a new district) is rolled up on the spot.
 */
import { NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { getRegion, isWithin } from '../identity/regions';
import type { Ports } from '../ports';
import type { Dashboard } from './model';
import { dashboardFromItem, dashboardKey } from './model';
import { rollupDashboard } from './rollup';

/** The region path an administrator asks for: its own, or a region code inside it (404 outside). */
export async function dashboardRegion(
  ports: Pick<Ports, 'db'>,
  actor: Actor,
  regionCode?: string,
): Promise<string> {
  if (!regionCode) return actor.regionPath;
  const region = await getRegion(ports, regionCode);
  if (!isWithin(region.path, actor.regionPath)) throw new NotFoundError('region', regionCode);
  return region.path;
}

/** @example await getDashboard(ports, admin) // the snapshot of admin.regionPath */
export async function getDashboard(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  regionCode?: string,
): Promise<Dashboard> {
  const path = await dashboardRegion(ports, actor, regionCode);
  const item = await ports.db.get({ Key: dashboardKey(path) });
  if (item) return dashboardFromItem(item);
  return (await refreshDashboard(ports, actor, regionCode)).dashboard;
}

/** Rolls up the administrator's region (or a region inside it) now and returns its new snapshot. */
export async function refreshDashboard(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  regionCode?: string,
): Promise<{ dashboard: Dashboard; cases: number; snapshots: number }> {
  const root = await dashboardRegion(ports, actor, regionCode);
  const report = await rollupDashboard(ports, { root });
  return { dashboard: report.dashboards.get(root)!, cases: report.cases, snapshots: report.snapshots };
}
