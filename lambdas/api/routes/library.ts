/**
 * The technology and case library (技术成果库): anyone signed in searches implemented options by industry, factor and
 * words; an enterprise publishes a completed audit's options (its consent) and withdraws them.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  myContributions,
  publishToLibrary,
  searchLibrary,
  withdrawFromLibrary,
} from '../../core/library/library';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, Id, Limit } from '../schemas';

/** Search words: letters, digits, spaces and a few joiners, with at least two letters (`空压`, `VOCs`). */
const Words = z
  .string()
  .trim()
  .max(50)
  .regex(/^[\p{L}\p{N}\s\-·、，,.()（）]+$/u, 'letters, digits and spaces')
  .refine((s) => (s.match(/\p{L}/gu) ?? []).length >= 2, 'at least two letters');

const Entry = z
  .object({
    id: z.string(),
    title: z.string(),
    industryCode: z.string(),
    investment: z.number(),
    annualSaving: z.number(),
  })
  .passthrough()
  .openapi('LibraryEntry');
const Contribution = z
  .object({ caseId: z.string(), optionIds: z.array(z.string()), named: z.boolean(), status: z.string() })
  .passthrough()
  .openapi('LibraryContribution');

export const library = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/library',
      summary:
        'Implemented cleaner-production options of completed audits, by industry prefix, factor and words',
      request: {
        query: z.strictObject({
          industry: z
            .string()
            .regex(/^[A-T](\d{1,4})?$/)
            .optional(),
          factor: z
            .string()
            .regex(/^[a-z][a-z-]{1,39}$/, 'a factor id, e.g. equipment')
            .optional(),
          q: Words.optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Entry), cursor: z.string().optional() }), 'Entries'),
      },
    }),
    async (c) => c.json(await searchLibrary(c.get('deps'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(['enterprise'], {
      method: 'get',
      path: '/api/library/contributions',
      summary: "The enterprise's contributions to the library",
      responses: { 200: jsonResponse(z.object({ items: z.array(Contribution) }), 'Contributions') },
    }),
    async (c) => c.json({ items: await myContributions(c.get('deps'), c.get('actor')) }, 200),
  )
  .openapi(
    secured(['enterprise'], {
      method: 'post',
      path: '/api/library/contributions',
      summary:
        'Publishes implemented options of a completed audit (all, or those named) — the enterprise’s consent; anonymous unless `named`',
      request: jsonBody(
        z.strictObject({
          caseId: Id,
          optionIds: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
          named: z.boolean().optional(),
          consent: z.literal(true),
        }),
      ),
      responses: {
        201: jsonResponse(z.object({ contribution: Contribution, entries: z.array(Entry) }), 'Published'),
      },
    }),
    async (c) => c.json(await publishToLibrary(c.get('deps'), c.get('actor'), c.req.valid('json')), 201),
  )
  .openapi(
    secured(['enterprise'], {
      method: 'delete',
      path: '/api/library/contributions/{caseId}',
      summary: 'Withdraws the consent: the audit’s entries leave the library',
      request: { params: z.object({ caseId: Id.openapi({ param: { name: 'caseId', in: 'path' } }) }) },
      responses: { 200: jsonResponse(Contribution, 'Withdrawn') },
    }),
    async (c) =>
      c.json(await withdrawFromLibrary(c.get('deps'), c.get('actor'), c.req.valid('param').caseId), 200),
  );
