/**
 * Partner banks for administrators of their region: green-credit products (categories, regions, amount range, term,
 * excluded industries), the webhook that receives referrals (its secret is write-only), and the delivery log.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  bankFor,
  listBankProducts,
  listBanks,
  findWebhook,
  putProduct,
  putWebhook,
  viewOf,
} from '../../core/referrals/banks';
import { bankDeliveries } from '../../core/referrals/webhooks';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, Id, Organisation, Text, Version } from '../schemas';

const admin = ['admin'] as const;
const BankParam = z.object({ bankId: Id.openapi({ param: { name: 'bankId', in: 'path' } }) });
const ProductParam = BankParam.extend({
  productId: DefinitionId.openapi({ param: { name: 'productId', in: 'path' } }),
});
const Code = z.string().regex(/^\d{2,12}$/, 'a GB/T 2260 region code');
const Industry = z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/, 'a GB/T 4754 code or prefix');

const ProductInput = z
  .strictObject({
    name: Text(100),
    description: Text(2000).optional(),
    categories: z.array(DefinitionId).min(1).max(20),
    regionCodes: z.array(Code).max(200),
    minAmount: z.number().min(0),
    maxAmount: z.number().positive(),
    maxTermMonths: z.number().int().min(1).max(360),
    excludedIndustries: z.array(Industry).max(200),
    indicativeRate: Text(100).optional(),
    active: z.boolean(),
    version: Version.optional(),
  })
  .refine((p) => p.minAmount <= p.maxAmount, { message: 'minAmount above maxAmount', path: ['minAmount'] });
const Product = z
  .object({ id: z.string(), bankId: z.string(), name: z.string(), version: z.number() })
  .passthrough()
  .openapi('GreenCreditProduct');
const Webhook = z
  .object({
    bankId: z.string(),
    url: z.string(),
    active: z.boolean(),
    secretHint: z.string(),
    version: z.number(),
  })
  .passthrough()
  .openapi('BankWebhook');

export const adminBanks = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/banks',
      summary: "The partner banks in the administrator's region with their products and webhook",
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({ bank: Organisation, products: z.array(Product), webhook: Webhook.optional() }),
            ),
          }),
          'Banks',
        ),
      },
    }),
    async (c) => c.json({ items: await listBanks(c.get('deps'), c.get('actor')) }, 200),
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/banks/{bankId}',
      summary: 'One bank with its products and webhook',
      request: { params: BankParam },
      responses: {
        200: jsonResponse(
          z.object({ bank: Organisation, products: z.array(Product), webhook: Webhook.optional() }),
          'The bank',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const bank = await bankFor(deps, c.get('actor'), c.req.valid('param').bankId);
      const webhook = await findWebhook(deps, bank.id);
      return c.json(
        {
          bank,
          products: await listBankProducts(deps, bank.id),
          ...(webhook ? { webhook: viewOf(webhook) } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/banks/{bankId}/products/{productId}',
      summary:
        'Creates (no `version`) or changes (the `version` you read) a green-credit product; `active: false` retires it',
      request: { params: ProductParam, ...jsonBody(ProductInput) },
      responses: { 200: jsonResponse(Product, 'Saved') },
    }),
    async (c) => {
      const { bankId, productId } = c.req.valid('param');
      const { version, ...input } = c.req.valid('json');
      return c.json(await putProduct(c.get('deps'), c.get('actor'), bankId, productId, input, version), 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/banks/{bankId}/webhook',
      summary:
        'Sets the URL that receives the bank’s referrals, signed with HMAC-SHA256 over `<timestamp>.<body>` (docs/lifecycle.md); the secret is write-only',
      request: {
        params: BankParam,
        ...jsonBody(
          z.strictObject({
            url: z.url({ protocol: /^https?$/ }).max(500),
            secret: z.string().min(16).max(200).optional(),
            active: z.boolean(),
          }),
        ),
      },
      responses: { 200: jsonResponse(Webhook, 'Saved') },
    }),
    async (c) =>
      c.json(
        await putWebhook(c.get('deps'), c.get('actor'), c.req.valid('param').bankId, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/banks/{bankId}/deliveries',
      summary: 'Every webhook delivery attempt to the bank, newest first',
      request: { params: BankParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(z.unknown()) }), 'Delivery log') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const bank = await bankFor(deps, c.get('actor'), c.req.valid('param').bankId);
      return c.json({ items: await bankDeliveries(deps, bank.id) }, 200);
    },
  );
