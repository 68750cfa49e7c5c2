/**
 * The administrators' dashboard: one snapshot item per region node (`DASH#<regionPath>` / `SNAPSHOT`), rebuilt by
 * the roll-up (rollup.ts) from the case and certificate indexes, read with one GetItem. docs/data-model.md
 * ("Dashboard") says why a recount and not live counters.
 */
import type { Item, Key } from '../db/port';

/** What the roll-up reads of one case (the case item's attributes, projected). */
export interface CaseFacts {
  id: string;
  programmeId: string;
  kind?: string;
  status: string;
  stage?: string;
  regionPath: string;
  district?: string;
  industryCode?: string;
  organisationId: string;
  updatedAt: string;
  /** Due times of the steps the case waits on. */
  dueAts: string[];
  quality?: CaseQuality;
  savings?: CaseSavings;
}

/** Recorded on the case item when it closes (quality.ts): how often its report went back, and why. */
export interface CaseQuality {
  /** Report revision requests: steps opened with coherence findings or a formal-check return. */
  revisionLoops: number;
  /** Coherence findings that came with those requests, by severity. */
  block: number;
  warn: number;
}

/** Recorded on the case item when it closes: the final performance table's totals. */
export interface CaseSavings {
  year: number;
  tce: number;
  waterT: number;
  co2T: number;
  pollutants: Record<string, number>;
}

export interface CertificateFacts {
  id: string;
  regionPath: string;
  validUntil: string;
  status: string;
}

export interface SavingsTotals {
  cases: number;
  tce: number;
  waterT: number;
  co2T: number;
  pollutants: Record<string, number>;
}

export interface ConsultancyQuality {
  consultancyId: string;
  name?: string;
  cases: number;
  /** Closed cases: completed (passed) and failed (not passed); stopped cases count in neither. */
  passed: number;
  failed: number;
  revisionLoops: number;
  findings: { block: number; warn: number };
}

export type Counts = Record<string, number>;

export interface Dashboard {
  regionPath: string;
  asOf: string;
  cases: {
    total: number;
    byStatus: Counts;
    byProgramme: Counts;
    /** Running cases by the stage they are in. */
    byStage: Counts;
    byDistrict: Counts;
    /** By GB/T 4754 division (`C33`), or the section letter when only that is known. */
    byIndustry: Counts;
  };
  overdue: { tasks: number; cases: number; byProgramme: Counts };
  certificates: { expiring: { days30: number; days90: number; days180: number } };
  savings: { byYear: Record<string, SavingsTotals> };
  consultancies: ConsultancyQuality[];
}

export const dashboardKey = (regionPath: string): Key => ({ PK: `DASH#${regionPath}`, SK: 'SNAPSHOT' });

export const dashboardToItem = (d: Dashboard): Item => ({
  ...dashboardKey(d.regionPath),
  type: 'dashboard',
  ...d,
});

export function dashboardFromItem(item: Item): Dashboard {
  const { PK: _pk, SK: _sk, type: _t, ...rest } = item;
  return rest as unknown as Dashboard;
}

/** Every region node a path lies in, the root first: `86/44/4401/` → `86/`, `86/44/`, `86/44/4401/`. */
export function ancestorPaths(regionPath: string): string[] {
  const parts = regionPath.split('/').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/** `C3360` → `C33`; `C` → `C`; none → `unknown`. */
export function industryDivision(code: string | undefined): string {
  if (!code) return 'unknown';
  return code.length >= 3 ? code.slice(0, 3) : code;
}
