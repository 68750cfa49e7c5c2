/**
 * Green-credit referrals. A bank sees its own bank's inbox and packages (nothing once an enterprise withdrew its
 * consent before the bank answered); the enterprise sees its requests with every bank's answers, and withdraws its
 * consent; administrators of the region read along. The bank answers through its task (form `bank-answer`).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  getFinancingRequest,
  getReferral,
  listFinancingRequests,
  listReferrals,
} from '../../core/referrals/queries';
import { withdrawConsent } from '../../core/referrals/withdraw';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, Id, Limit, Text } from '../schemas';

const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
const CaseParam = z.object({ caseId: Id.openapi({ param: { name: 'caseId', in: 'path' } }) });
const Referral = z
  .object({
    id: z.string(),
    requestId: z.string(),
    bankId: z.string(),
    bankName: z.string(),
    organisationName: z.string(),
    status: z.string(),
    answers: z.array(z.unknown()),
  })
  .passthrough()
  .openapi('Referral');
const Request = z
  .object({ caseId: z.string(), amount: z.number() })
  .passthrough()
  .openapi('FinancingRequest');

export const referrals = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(['bank', 'enterprise'], {
      method: 'get',
      path: '/api/referrals',
      summary:
        "A bank's referral inbox (its own bank's only), or an enterprise's referrals; newest first, without packages",
      request: { query: z.strictObject({ limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Referral), cursor: z.string().optional() }), 'Referrals'),
      },
    }),
    async (c) => c.json(await listReferrals(c.get('deps'), c.get('actor'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(['enterprise'], {
      method: 'get',
      path: '/api/referrals/requests',
      summary: "The enterprise's financing requests, newest first",
      request: { query: z.strictObject({ limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Request), cursor: z.string().optional() }), 'Requests'),
      },
    }),
    async (c) =>
      c.json(await listFinancingRequests(c.get('deps'), c.get('actor'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(['enterprise', 'admin'], {
      method: 'get',
      path: '/api/referrals/requests/{caseId}',
      summary: 'A financing request: its matches, the consent, and every bank’s referral with its answers',
      request: { params: CaseParam },
      responses: {
        200: jsonResponse(z.object({ request: Request, referrals: z.array(Referral) }), 'The request'),
      },
    }),
    async (c) =>
      c.json(await getFinancingRequest(c.get('deps'), c.get('actor'), c.req.valid('param').caseId), 200),
  )
  .openapi(
    secured(['enterprise'], {
      method: 'post',
      path: '/api/referrals/requests/{caseId}/withdraw',
      summary:
        'Withdraws the consent (for the banks named, or all): no more data flows; banks that have not answered lose the package, its case and their step',
      request: {
        params: CaseParam,
        ...jsonBody(
          z.strictObject({ bankIds: z.array(Id).min(1).max(50).optional(), reason: Text(500).optional() }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({ withdrawn: z.array(z.string()), kept: z.array(z.string()) }),
          'What changed',
        ),
      },
    }),
    async (c) =>
      c.json(
        await withdrawConsent(
          c.get('deps'),
          c.get('actor'),
          c.req.valid('param').caseId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    secured(['bank', 'enterprise', 'admin'], {
      method: 'get',
      path: '/api/referrals/{id}',
      summary:
        'One referral with its package (and, for the enterprise and administrators, the webhook delivery log)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Referral, 'The referral') },
    }),
    async (c) => c.json(await getReferral(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  );
