import { OpenAPIHono, z } from '@hono/zod-openapi';
import { sha256Hex } from '../../core/canonical';
import { caseDetail, listCases, startCase, verifyCase } from '../../core/cases/cases';
import { CASE_STATUSES } from '../../core/cases/model';
import { getCase } from '../../core/cases/cases';
import { assertCaseVisible } from '../../core/cases/access';
import { NotFoundError } from '../../core/errors';
import { getRegion, isWithin } from '../../core/identity/regions';
import { listSubmissions } from '../../core/tasks/submissions';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, DefinitionId, Id, Json, Limit } from '../schemas';

const Case = z
  .object({
    id: z.string(),
    programmeId: z.string(),
    status: z.enum(CASE_STATUSES),
    workflowVersion: z.number(),
  })
  .passthrough()
  .openapi('Case');
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const cases = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(['enterprise', 'consultant', 'admin'], {
      method: 'post',
      path: '/api/cases',
      summary:
        'Starts a case of a programme (on its latest published workflow version); with an Idempotency-Key, one case per key',
      request: jsonBody(
        z.strictObject({
          programmeId: DefinitionId,
          organisationId: Id.optional(),
          data: z.record(z.string(), Json).optional(),
        }),
      ),
      responses: { 201: jsonResponse(Case, 'Started') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const key = c.get('idempotencyKey');
      // With an Idempotency-Key the case id derives from the caller and the key: a rerun of this request (its
      // server died before the response was recorded) finds the case and its execution instead of starting another.
      const id = key ? `case_${(await sha256Hex(`start\n${actor.userId}\n${key}`)).slice(0, 26)}` : undefined;
      const created = await startCase(deps, actor, { ...c.req.valid('json'), ...(id ? { id } : {}) });
      const { lastEvent: _e, prevEvent: _p, lastHash: _h, ...rest } = created;
      return c.json(rest, 201);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/cases',
      summary: 'Cases the caller may see, filtered by programme, status, district and industry',
      request: {
        query: z.strictObject({
          programmeId: DefinitionId.optional(),
          status: z.enum(CASE_STATUSES).optional(),
          district: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          industry: z
            .string()
            .regex(/^[A-T]\d{0,4}$/)
            .optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(Case), cursor: z.string().optional() }),
          'A page of cases',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const { district, ...q } = c.req.valid('query');
      let regionPath: string | undefined;
      if (district) {
        const region = await getRegion(deps, district);
        if (actor.role === 'admin' && !isWithin(region.path, actor.regionPath))
          throw new NotFoundError('region', district);
        regionPath = region.path;
      }
      const page = await listCases(deps, actor, {
        ...q,
        ...(regionPath && actor.role === 'admin' ? { regionPath } : {}),
      });
      const items = page.items
        .filter((x) => !regionPath || x.regionPath.startsWith(regionPath))
        .map(({ lastEvent: _e, prevEvent: _p, lastHash: _h, ...rest }) => rest);
      return c.json({ items, ...(page.cursor ? { cursor: page.cursor } : {}) }, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/cases/{id}',
      summary: 'A case with its status, current steps and timeline (its hash-chained event log)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Case.extend({ timeline: z.array(z.unknown()) }), 'The case') },
    }),
    async (c) => {
      const {
        lastEvent: _e,
        prevEvent: _p,
        ...detail
      } = await caseDetail(c.get('deps'), c.get('actor'), c.req.valid('param').id);
      return c.json(detail, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/cases/{id}/verify',
      summary: 'Recomputes the event chain: every hash and every link',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.object({
            valid: z.boolean(),
            events: z.number(),
            brokenAt: z.number().optional(),
            reason: z.string().optional(),
          }),
          'Verification',
        ),
      },
    }),
    async (c) => c.json(await verifyCase(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/cases/{id}/submissions',
      summary: 'The submissions of a case, oldest first, each with its exact form version',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(z.unknown()) }), 'Submissions') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const found = await getCase(deps, c.req.valid('param').id);
      await assertCaseVisible(deps, c.get('actor'), found);
      return c.json({ items: await listSubmissions(deps, found.id) }, 200);
    },
  );
