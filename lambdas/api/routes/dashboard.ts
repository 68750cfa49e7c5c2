/**
 * The administrators' dashboard: the snapshot of their region (or of a region inside it), and a recount on demand.
 * The snapshots are rebuilt by `cp-dashboard` on a schedule (lambdas/core/dashboard).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getDashboard, refreshDashboard } from '../../core/dashboard/query';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';

const admin = ['admin'] as const;
const RegionCode = z
  .string()
  .regex(/^\d{2,12}$/, 'a GB/T 2260 region code')
  .optional();
const Counts = z.record(z.string(), z.number());
const Savings = z.object({
  cases: z.number(),
  tce: z.number(),
  waterT: z.number(),
  co2T: z.number(),
  pollutants: Counts,
});
const Dashboard = z
  .object({
    regionPath: z.string(),
    asOf: z.string(),
    cases: z.object({
      total: z.number(),
      byStatus: Counts,
      byProgramme: Counts,
      byStage: Counts,
      byDistrict: Counts,
      byIndustry: Counts,
    }),
    overdue: z.object({ tasks: z.number(), cases: z.number(), byProgramme: Counts }),
    certificates: z.object({
      expiring: z.object({ days30: z.number(), days90: z.number(), days180: z.number() }),
    }),
    savings: z.object({ byYear: z.record(z.string(), Savings) }),
    consultancies: z.array(
      z.object({
        consultancyId: z.string(),
        name: z.string().optional(),
        cases: z.number(),
        passed: z.number(),
        failed: z.number(),
        revisionLoops: z.number(),
        findings: z.object({ block: z.number(), warn: z.number() }),
      }),
    ),
  })
  .openapi('Dashboard');

export const dashboard = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/dashboard',
      summary:
        "The dashboard of the administrator's region (or of `region` inside it): cases by programme, stage, district and industry, overdue steps, certificates expiring, savings by year, consultancy quality — as of the last roll-up",
      request: { query: z.strictObject({ region: RegionCode }) },
      responses: { 200: jsonResponse(Dashboard, 'The snapshot') },
    }),
    async (c) => c.json(await getDashboard(c.get('deps'), c.get('actor'), c.req.valid('query').region), 200),
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/dashboard/refresh',
      summary:
        "Recounts the administrator's region (or `region` inside it) now and returns the new snapshot; takes seconds at tens of thousands of cases",
      request: jsonBody(z.strictObject({ region: RegionCode })),
      responses: {
        200: jsonResponse(
          z.object({ dashboard: Dashboard, cases: z.number(), snapshots: z.number() }),
          'The new snapshot',
        ),
      },
    }),
    async (c) =>
      c.json(await refreshDashboard(c.get('deps'), c.get('actor'), c.req.valid('json').region), 200),
  );
