/** Expert profiles and case facts for the assignment tests. */
import type { CaseContext } from '../../../../../lambdas/core/experts/eligibility';
import type { ExpertProfile } from '../../../../../lambdas/core/experts/profile';

export const ENTERPRISE = 'org_ent000001';
export const CONSULTANCY = 'org_cons00001';
export const NOW = Date.parse('2026-11-28T00:00:00Z');

export function profile(userId: string, over: Partial<ExpertProfile> = {}): ExpertProfile {
  return {
    userId,
    name: userId,
    industries: ['C33'],
    specialities: [],
    canLead: false,
    status: 'active',
    declaredConflicts: [],
    history: [],
    poolOrgId: 'org_expool001',
    poolRegionPath: '86/440000/440100/',
    version: 1,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'test',
    ...over,
  };
}

export function context(over: Partial<CaseContext> = {}): CaseContext {
  return {
    enterpriseId: ENTERPRISE,
    consultancyIds: [CONSULTANCY],
    industryCode: 'C3360',
    regionPath: '86/440000/440100/440112/440112400/',
    now: NOW,
    previousReviewers: new Set(),
    loads: new Map(),
    excluded: new Set(),
    ...over,
  };
}
