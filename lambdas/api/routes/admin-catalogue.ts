import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Catalogue } from '../../core/definitions/catalogue';
import { loadCatalogue } from '../../core/definitions/catalogue';
import { PROGRAMME_KINDS } from '../../core/definitions/programmes';
import { ROLES } from '../../core/identity/roles';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, Json, LocalText } from '../schemas';

const CatalogueBody = z.strictObject({
  forms: z
    .array(
      z.object({
        id: DefinitionId,
        title: LocalText,
        schema: Json,
        uischema: Json,
        i18n: Json.optional(),
        examples: z.array(Json).optional(),
      }),
    )
    .max(500),
  workflows: z
    .array(z.object({ id: DefinitionId, title: z.union([LocalText, z.string()]), definition: Json }))
    .max(200),
  programmes: z
    .array(
      z.object({
        id: DefinitionId,
        title: LocalText,
        description: LocalText.optional(),
        kind: z.enum(PROGRAMME_KINDS),
        workflowId: DefinitionId,
        startRoles: z.array(z.enum(ROLES)),
        order: z.number().optional(),
        hidden: z.boolean().optional(),
      }),
    )
    .max(200),
});

export const adminCatalogue = new OpenAPIHono<AppEnv>().openapi(
  secured(['admin'], {
    method: 'post',
    path: '/api/admin/catalogue',
    summary:
      'Loads a catalogue (forms, workflows, programmes) without overwriting administrators’ versions (`cpflow seed`)',
    request: jsonBody(CatalogueBody),
    responses: {
      200: jsonResponse(
        z.object({
          forms: z.record(z.string(), z.string()),
          workflows: z.record(z.string(), z.string()),
          programmes: z.record(z.string(), z.string()),
          at: z.string(),
        }),
        'What happened to each definition',
      ),
    },
  }),
  async (c) => c.json(await loadCatalogue(c.get('deps'), c.req.valid('json') as Catalogue), 200),
);
