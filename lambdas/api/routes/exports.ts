/**
 * The differentiated-policy export for agencies (tiered electricity prices, water quotas, heavy-pollution-weather
 * grading): audit results by enterprise, as JSON or CSV, filtered by region subtree, industry, grade and validity day.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { exportAuditResults, toCsv } from '../../core/exports/audit-results';
import type { AppEnv } from '../deps';
import { jsonResponse, secured } from '../route';
import { Cursor } from '../schemas';

const Query = z.strictObject({
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  industry: z
    .string()
    .regex(/^[A-T](\d{1,4})?$/)
    .optional(),
  grade: z.enum(['excellent', 'good', 'pass']).optional(),
  validOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  all: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  cursor: Cursor,
});
const Row = z
  .object({
    enterprise: z.string(),
    certificateNumber: z.string(),
    grade: z.string(),
    validUntil: z.string(),
  })
  .passthrough()
  .openapi('AuditResultRow');

const parse = (q: z.infer<typeof Query>) => ({ ...q, all: q.all === 'true' });

export const exportsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(['admin'], {
      method: 'get',
      path: '/api/exports/audit-results',
      summary:
        'Audit results by enterprise (certificate, grade, score, validity, key performance figures) as JSON',
      request: { query: Query },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), rows: z.array(Row), cursor: z.string().optional() }),
          'Rows',
        ),
      },
    }),
    async (c) =>
      c.json(await exportAuditResults(c.get('deps'), c.get('actor'), parse(c.req.valid('query'))), 200),
  )
  .openapi(
    secured(['admin'], {
      method: 'get',
      path: '/api/exports/audit-results.csv',
      summary: 'The same export as CSV (UTF-8 with BOM, one row per enterprise)',
      request: { query: Query },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const { asOf, rows, cursor } = await exportAuditResults(
        c.get('deps'),
        c.get('actor'),
        parse(c.req.valid('query')),
      );
      return c.body(toCsv(rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-results-${asOf}.csv"`,
        ...(cursor ? { 'x-next-cursor': cursor } : {}),
      });
    },
  );
