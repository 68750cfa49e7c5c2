import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  getProgramme,
  listProgrammes,
  PROGRAMME_KINDS,
  putProgramme,
} from '../../core/definitions/programmes';
import { ROLES } from '../../core/identity/roles';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, LocalText, Version } from '../schemas';

const Programme = z
  .object({
    id: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    description: z.object({ zh: z.string(), en: z.string() }).optional(),
    kind: z.enum(PROGRAMME_KINDS),
    workflowId: z.string(),
    startRoles: z.array(z.enum(ROLES)),
    order: z.number().optional(),
    hidden: z.boolean().optional(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('Programme');

const IdParam = z.object({
  programmeId: DefinitionId.openapi({ param: { name: 'programmeId', in: 'path' } }),
});

export const programmes = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/programmes',
      summary: 'The programmes the caller may start',
      responses: { 200: jsonResponse(z.object({ items: z.array(Programme) }), 'Programmes') },
    }),
    async (c) => {
      const role = c.get('actor').role;
      const items = (await listProgrammes(c.get('deps'))).filter(
        (p) => !p.hidden && p.startRoles.includes(role),
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    secured(['admin'], {
      method: 'get',
      path: '/api/admin/programmes',
      summary: 'Every programme, hidden ones included',
      responses: { 200: jsonResponse(z.object({ items: z.array(Programme) }), 'Programmes') },
    }),
    async (c) => c.json({ items: await listProgrammes(c.get('deps')) }, 200),
  )
  .openapi(
    secured(['admin'], {
      method: 'get',
      path: '/api/admin/programmes/{programmeId}',
      summary: 'One programme',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Programme, 'The programme') },
    }),
    async (c) => c.json(await getProgramme(c.get('deps'), c.req.valid('param').programmeId), 200),
  )
  .openapi(
    secured(['admin'], {
      method: 'put',
      path: '/api/admin/programmes/{programmeId}',
      summary: 'Creates or changes a programme (send `version` to change one)',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            title: LocalText,
            description: LocalText.optional(),
            kind: z.enum(PROGRAMME_KINDS),
            workflowId: DefinitionId,
            startRoles: z.array(z.enum(ROLES)).min(1),
            order: z.number().int().optional(),
            hidden: z.boolean().optional(),
            version: Version.optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(Programme, 'Saved') },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json(await putProgramme(c.get('deps'), c.req.valid('param').programmeId, input, version), 200);
    },
  );
