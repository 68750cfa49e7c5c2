import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../core/errors';
import { addRegion, getRegion, isWithin, listChildRegions, REGION_LEVELS } from '../../core/identity/regions';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Text } from '../schemas';

const Region = z
  .object({
    code: z.string(),
    name: z.object({ zh: z.string(), en: z.string() }),
    level: z.enum(REGION_LEVELS),
    parentCode: z.string().nullable(),
    path: z.string(),
  })
  .openapi('Region');

const Code = z.string().regex(/^\d{2,12}$/);

export const regions = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/regions',
      summary: 'Child regions of a region (the roots without `parent`)',
      request: { query: z.strictObject({ parent: Code.optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Region) }), 'Regions') },
    }),
    async (c) =>
      c.json({ items: await listChildRegions(c.get('deps'), c.req.valid('query').parent ?? null) }, 200),
  )
  .openapi(
    secured(['admin'], {
      method: 'post',
      path: '/api/admin/regions',
      summary: "Adds a region below one in the administrator's region",
      request: jsonBody(
        z.strictObject({
          code: Code,
          name: z.strictObject({ zh: Text(100), en: Text(100) }),
          level: z.enum(REGION_LEVELS),
          parentCode: Code,
        }),
      ),
      responses: { 201: jsonResponse(Region, 'Added') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const parent = await getRegion(deps, input.parentCode);
      if (!isWithin(parent.path, c.get('actor').regionPath))
        throw new NotFoundError('region', input.parentCode);
      return c.json(await addRegion(deps, input), 201);
    },
  );
