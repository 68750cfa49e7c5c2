import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  checkForm,
  getFormDraft,
  getFormVersion,
  publishForm,
  saveFormDraft,
} from '../../core/definitions/forms';
import { listDrafts, listVersions } from '../../core/definitions/store';
import type { FormContent } from '../../core/definitions/forms';
import { formEvolution, migrateFormTasks } from '../../core/tasks/evolution';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, Json, LocalText, Version } from '../schemas';

const admin = ['admin'] as const;
const IdParam = z.object({ formId: DefinitionId.openapi({ param: { name: 'formId', in: 'path' } }) });
const VersionParam = IdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'n', in: 'path' } }),
});

const FormBody = z.strictObject({
  title: LocalText,
  schema: z.looseObject({ type: z.literal('object'), properties: z.record(z.string(), Json).optional() }),
  uischema: z.looseObject({ type: z.string().min(1).max(60) }),
  i18n: z
    .strictObject({ zh: z.record(z.string(), z.string()), en: z.record(z.string(), z.string()) })
    .optional(),
  examples: z.array(Json).max(20).optional(),
  version: Version.optional(),
});
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
const VersionSummary = z.object({
  number: z.number(),
  author: z.string(),
  publishedAt: z.string(),
  changeNote: z.string(),
  hash: z.string(),
});

export const adminForms = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/forms',
      summary: 'Every form definition (drafts with their latest published version number)',
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.unknown(),
                latestVersion: z.number(),
                updatedAt: z.string(),
              }),
            ),
          }),
          'Forms',
        ),
      },
    }),
    async (c) => {
      const drafts = await listDrafts<FormContent>(c.get('deps'), 'FORM');
      const items = drafts.map((d) => ({
        id: d.id,
        title: d.content.title,
        latestVersion: d.latestVersion,
        updatedAt: d.updatedAt,
      }));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/forms/{formId}',
      summary: 'The draft of a form',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Draft, 'The draft') },
    }),
    async (c) => c.json(await getFormDraft(c.get('deps'), c.req.valid('param').formId), 200),
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/forms/{formId}',
      summary: 'Saves the draft (send the draft `version` you read to guard against overwriting an edit)',
      request: { params: IdParam, ...jsonBody(FormBody) },
      responses: { 200: jsonResponse(Draft, 'Saved') },
    }),
    async (c) => {
      const { version, ...content } = c.req.valid('json');
      const draft = await saveFormDraft(
        c.get('deps'),
        c.req.valid('param').formId,
        content as unknown as FormContent,
        c.get('actor').username,
        version,
      );
      return c.json(draft, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/forms/{formId}/validate',
      summary:
        'Checks the draft (or the definition sent, which is not saved): AJV strict, scopes, i18n, formats with examples, examples valid',
      request: {
        params: IdParam,
        body: {
          required: false,
          content: {
            'application/json': { schema: FormBody.partial().extend({ title: LocalText.optional() }) },
          },
        },
      },
      responses: { 200: jsonResponse(Problems, 'Problems, each with its path') },
    }),
    async (c) => {
      const { formId } = c.req.valid('param');
      const { version: _v, ...sent } = c.req.valid('json');
      const content = sent.schema
        ? (sent as unknown as FormContent)
        : (await getFormDraft(c.get('deps'), formId)).content;
      const problems = checkForm(formId, content).map(({ path, message }) => ({ path, message }));
      return c.json({ valid: problems.length === 0, problems }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/forms/{formId}/publish',
      summary: 'Publishes the draft (or `fromVersion`, to roll back) as a new immutable version',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            changeNote: z.string().max(500).optional(),
            fromVersion: z.number().int().min(1).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({
            id: z.string(),
            version: z.number(),
            evolution: z.object({
              pinned: z.number(),
              failing: z.array(
                z.object({
                  taskId: z.string(),
                  formVersion: z.number(),
                  errors: z.array(z.object({ path: z.string(), message: z.string() })),
                }),
              ),
            }),
          }),
          'Published',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { formId } = c.req.valid('param');
      const body = c.req.valid('json');
      const v = await publishForm(
        deps,
        formId,
        c.get('actor').username,
        body.changeNote ?? '',
        body.fromVersion,
      );
      const evolution = await formEvolution(deps, await getFormVersion(deps, formId, v.number));
      return c.json({ id: formId, version: v.number, evolution }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/forms/{formId}/migrations',
      summary:
        'Moves open tasks on older versions to the latest, migrating their drafts (rename, default, drop)',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            rename: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
            defaults: z.array(z.strictObject({ path: z.string(), value: Json })).optional(),
            drop: z.array(z.string()).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ migrated: z.array(z.string()), toVersion: z.number() }), 'Migrated'),
      },
    }),
    async (c) => {
      const result = await migrateFormTasks(
        c.get('deps'),
        c.get('actor'),
        c.req.valid('param').formId,
        c.req.valid('json'),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/forms/{formId}/versions',
      summary: 'Published versions, newest first',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(VersionSummary) }), 'Versions') },
    }),
    async (c) =>
      c.json({ items: await listVersions(c.get('deps'), 'FORM', c.req.valid('param').formId) }, 200),
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/forms/{formId}/versions/{n}',
      summary: 'One published version',
      request: { params: VersionParam },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), version: z.number() }).passthrough(), 'The version'),
      },
    }),
    async (c) => {
      const { formId, n } = c.req.valid('param');
      return c.json(await getFormVersion(c.get('deps'), formId, n), 200);
    },
  );
