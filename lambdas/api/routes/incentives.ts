/**
 * Incentives (奖补): the reward rules in force, what each would pay for one of the enterprise's certificates (the
 * rule and the computation shown), and the applications — the enterprise's own, or the region's for
 * administrators. Applying, deciding and paying are the steps of the `incentive` programme.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getCertificate } from '../../core/certificates/query';
import { getApplicationFor, listApplications } from '../../core/incentives/queries';
import { quote, rewardRules } from '../../core/incentives/rules';
import type { AppEnv } from '../deps';
import { jsonResponse, secured } from '../route';
import { Cursor, DefinitionId, Id, Limit } from '../schemas';

const Application = z
  .object({ caseId: z.string(), certificateId: z.string(), ruleId: z.string(), status: z.string() })
  .passthrough()
  .openapi('IncentiveApplication');
const Quote = z
  .object({ ruleId: z.string(), eligible: z.boolean(), amount: z.number(), problems: z.array(z.string()) })
  .passthrough()
  .openapi('IncentiveQuote');

export const incentives = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(['enterprise', 'consultant', 'admin'], {
      method: 'get',
      path: '/api/incentives/rules',
      summary: 'The reward rules in force (latest published reward-rules), each value with its source',
      responses: {
        200: jsonResponse(z.object({ label: z.string(), rules: z.array(z.unknown()) }), 'The rules'),
      },
    }),
    async (c) => c.json(await rewardRules(c.get('deps')), 200),
  )
  .openapi(
    secured(['enterprise', 'admin'], {
      method: 'get',
      path: '/api/incentives/quote',
      summary:
        'What each rule (or the one named) would pay for a certificate today, with the computation and its source',
      request: {
        query: z.strictObject({
          certificateId: Id,
          ruleId: DefinitionId.optional(),
          auditFee: z.coerce.number().positive().max(100_000_000).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(Quote) }), 'Quotes') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { certificateId, ...input } = c.req.valid('query');
      const cert = await getCertificate(deps, c.get('actor'), certificateId);
      return c.json({ items: await quote(deps, cert, input) }, 200);
    },
  )
  .openapi(
    secured(['enterprise', 'admin'], {
      method: 'get',
      path: '/api/incentives',
      summary: "The enterprise's applications, or those of the administrator's region; newest first",
      request: {
        query: z.strictObject({
          status: z.enum(['assessed', 'approved', 'rejected', 'returned', 'disbursed']).optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(Application), cursor: z.string().optional() }),
          'Applications',
        ),
      },
    }),
    async (c) => c.json(await listApplications(c.get('deps'), c.get('actor'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(['enterprise', 'admin'], {
      method: 'get',
      path: '/api/incentives/{caseId}',
      summary: 'One application: the rule and computation, the decisions, the payment',
      request: { params: z.object({ caseId: Id.openapi({ param: { name: 'caseId', in: 'path' } }) }) },
      responses: { 200: jsonResponse(Application, 'The application') },
    }),
    async (c) =>
      c.json(await getApplicationFor(c.get('deps'), c.get('actor'), c.req.valid('param').caseId), 200),
  );
