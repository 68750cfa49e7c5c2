/**
 * Reference tables (factors, routing rules, panel rules, score sheets, policies) changed at run time: drafts,
 * checks, immutable published versions; readers always take the latest published version. Any signed-in user may
 * read the published tables (the forms show factors and sheets).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getPublished, listVersions } from '../../core/definitions/store';
import { TABLE_IDS, checkTable } from '../../core/reference/registry';
import {
  assertTableId,
  getTable,
  getTableDraft,
  publishTable,
  saveTableDraft,
} from '../../core/reference/store';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, Json, Version } from '../schemas';

const admin = ['admin'] as const;
const IdParam = z.object({ tableId: DefinitionId.openapi({ param: { name: 'tableId', in: 'path' } }) });
const VersionParam = IdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'n', in: 'path' } }),
});
const Content = z.record(z.string(), Json);
const Problems = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
const Draft = z.object({
  id: z.string(),
  content: z.unknown(),
  version: z.number(),
  latestVersion: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const Table = z.object({ id: z.string(), version: z.number(), label: z.string(), content: z.unknown() });

export const reference = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reference',
      summary: 'Every reference table cpflow reads, with its latest published version (0: the starter file)',
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.unknown(),
                latestVersion: z.number(),
                updatedAt: z.string(),
                updatedBy: z.string(),
              }),
            ),
          }),
          'Tables',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const items = await Promise.all(
        TABLE_IDS.map(async (id) => {
          const d = await getTableDraft(deps, id);
          const title = (d.content as { title?: unknown } | null)?.title;
          return {
            id,
            title,
            latestVersion: d.latestVersion,
            updatedAt: d.updatedAt,
            updatedBy: d.updatedBy,
          };
        }),
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reference/{tableId}',
      summary: 'The draft of a table (the starter content as version 0 before anyone saved one)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Draft, 'The draft') },
    }),
    async (c) => c.json(await getTableDraft(c.get('deps'), c.req.valid('param').tableId), 200),
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/reference/{tableId}',
      summary: 'Saves the draft (send the draft `version` you read to guard against overwriting an edit)',
      request: {
        params: IdParam,
        ...jsonBody(z.strictObject({ content: Content, version: z.number().int().min(0).optional() })),
      },
      responses: { 200: jsonResponse(Draft, 'Saved') },
    }),
    async (c) => {
      const { content, version } = c.req.valid('json');
      const draft = await saveTableDraft(
        c.get('deps'),
        c.req.valid('param').tableId,
        content,
        c.get('actor').username,
        version,
      );
      return c.json(draft, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/reference/{tableId}/validate',
      summary: 'Checks the draft (or the content sent, which is not saved) against the table’s schema',
      request: {
        params: IdParam,
        body: {
          required: false,
          content: { 'application/json': { schema: z.strictObject({ content: Content.optional() }) } },
        },
      },
      responses: { 200: jsonResponse(Problems, 'Problems, each with its JSON-pointer path') },
    }),
    async (c) => {
      const { tableId } = c.req.valid('param');
      assertTableId(tableId);
      const sent = c.req.valid('json').content;
      const content = sent ?? (await getTableDraft(c.get('deps'), tableId)).content;
      const problems = checkTable(tableId, content);
      return c.json({ valid: problems.length === 0, problems }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/reference/{tableId}/publish',
      summary: 'Publishes the draft (or `fromVersion`, to roll back) as a new immutable version',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            changeNote: z.string().max(500).optional(),
            fromVersion: Version.optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(z.object({ id: z.string(), version: z.number() }), 'Published') },
    }),
    async (c) => {
      const { tableId } = c.req.valid('param');
      const body = c.req.valid('json');
      const v = await publishTable(
        c.get('deps'),
        tableId,
        c.get('actor').username,
        body.changeNote ?? '',
        body.fromVersion,
      );
      return c.json({ id: tableId, version: v.number }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reference/{tableId}/versions',
      summary: 'Published versions, newest first',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                number: z.number(),
                author: z.string(),
                publishedAt: z.string(),
                changeNote: z.string(),
                hash: z.string(),
              }),
            ),
          }),
          'Versions',
        ),
      },
    }),
    async (c) => {
      const { tableId } = c.req.valid('param');
      assertTableId(tableId);
      return c.json({ items: await listVersions(c.get('deps'), 'REFERENCE', tableId) }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reference/{tableId}/versions/{n}',
      summary: 'One published version',
      request: { params: VersionParam },
      responses: { 200: jsonResponse(Table, 'The version') },
    }),
    async (c) => {
      const { tableId, n } = c.req.valid('param');
      assertTableId(tableId);
      const v = await getPublished<unknown>(c.get('deps'), 'REFERENCE', tableId, n);
      return c.json(
        { id: tableId, version: v.number, label: `${tableId}@${v.number}`, content: v.content },
        200,
      );
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/reference/{tableId}',
      summary: 'The table in force: its latest published version (version 0: the starter file)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Table, 'The table') },
    }),
    async (c) => {
      const { tableId } = c.req.valid('param');
      assertTableId(tableId);
      const t = await getTable(c.get('deps'), tableId);
      return c.json({ id: t.id, version: t.version, label: t.label, content: t.content }, 200);
    },
  );
