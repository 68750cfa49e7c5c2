/** The expert pool (专家库) for administrators: profiles, their assignments, and draw records with a re-run. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getDraw, getExpert, listExperts, saveExpert } from '../../core/experts/admin';
import { ExpertProfileInput } from '../../core/experts/profile';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, Id, Limit, Version } from '../schemas';

const admin = ['admin'] as const;
const UserParam = z.object({ userId: Id.openapi({ param: { name: 'userId', in: 'path' } }) });
const DrawParam = z.object({ drawId: Id.openapi({ param: { name: 'drawId', in: 'path' } }) });

const Profile = z
  .object({
    userId: z.string(),
    name: z.string(),
    industries: z.array(z.string()),
    specialities: z.array(z.string()),
    region: z.string().optional(),
    employerOrgId: z.string().optional(),
    employerName: z.string().optional(),
    title: z.string().optional(),
    canLead: z.boolean(),
    status: z.enum(['active', 'on-leave']),
    declaredConflicts: z.array(z.string()),
    history: z.array(z.unknown()),
    poolOrgId: z.string(),
    poolRegionPath: z.string(),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('ExpertProfile');

export const experts = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/experts',
      summary: "Expert profiles of the pools in the administrator's region",
      request: { query: z.strictObject({ limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(Profile), cursor: z.string().optional() }),
          'A page of profiles',
        ),
      },
    }),
    async (c) => c.json(await listExperts(c.get('deps'), c.get('actor'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/experts/{userId}',
      summary: 'One expert profile with the panels the expert was assigned to',
      request: { params: UserParam },
      responses: {
        200: jsonResponse(Profile.extend({ assignments: z.array(z.unknown()) }), 'The profile'),
      },
    }),
    async (c) => c.json(await getExpert(c.get('deps'), c.get('actor'), c.req.valid('param').userId), 200),
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/experts/{userId}',
      summary: 'Creates (no `version`) or changes (the `version` you read) an expert user’s profile',
      request: { params: UserParam, ...jsonBody(ExpertProfileInput.extend({ version: Version.optional() })) },
      responses: { 200: jsonResponse(Profile, 'Saved') },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      const saved = await saveExpert(
        c.get('deps'),
        c.get('actor'),
        c.req.valid('param').userId,
        input,
        version,
      );
      return c.json(saved, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/experts/draws/{drawId}',
      summary:
        'A panel draw record (seed, candidates, exclusions, members) and whether re-running it gives the same panel',
      request: { params: DrawParam },
      responses: {
        200: jsonResponse(
          z
            .object({
              drawId: z.string(),
              seed: z.string(),
              verification: z.object({ reproducible: z.boolean(), members: z.array(z.string()) }),
            })
            .passthrough(),
          'The draw',
        ),
      },
    }),
    async (c) => c.json(await getDraw(c.get('deps'), c.get('actor'), c.req.valid('param').drawId), 200),
  );
