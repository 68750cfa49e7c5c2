import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../core/errors';
import { assertOrganisationAccess } from '../../core/identity/authorize';
import {
  authoriseConsultancy,
  listConsultancies,
  revokeConsultancy,
} from '../../core/identity/consultancies';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../core/identity/organisations';
import { getRegion, isWithin } from '../../core/identity/regions';
import { ORG_KINDS } from '../../core/identity/roles';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, Id, Limit, Organisation, pageOf, Profile, Text, Version } from '../schemas';

const admin = ['admin'] as const;
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const CreateOrganisation = z.strictObject({
  kind: z.enum(ORG_KINDS),
  name: Text(200),
  regionCode: z.string().regex(/^\d{2,12}$/),
  profile: Profile.optional(),
});

const UpdateOrganisation = z.strictObject({
  name: Text(200).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  profile: Profile.optional(),
  status: z.enum(['active', 'inactive']).optional(),
  version: Version,
});

export const adminOrganisations = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/organisations',
      summary: "Organisations in the administrator's region (optionally one kind or a sub-region)",
      request: {
        query: z.strictObject({
          kind: z.enum(ORG_KINDS).optional(),
          regionCode: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
      responses: { 200: jsonResponse(pageOf(Organisation), 'A page of organisations') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const q = c.req.valid('query');
      let regionPath = actor.regionPath;
      if (q.regionCode) {
        const region = await getRegion(deps, q.regionCode);
        if (!isWithin(region.path, actor.regionPath)) throw new NotFoundError('region', q.regionCode);
        regionPath = region.path;
      }
      return c.json(
        await listOrganisations(deps, { regionPath, kind: q.kind, limit: q.limit, cursor: q.cursor }),
        200,
      );
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/organisations',
      summary: "Adds an organisation in the administrator's region",
      request: jsonBody(CreateOrganisation),
      responses: { 201: jsonResponse(Organisation, 'Created') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const region = await getRegion(deps, input.regionCode);
      if (!isWithin(region.path, c.get('actor').regionPath))
        throw new NotFoundError('region', input.regionCode);
      return c.json(await createOrganisation(deps, input), 201);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/organisations/{id}',
      summary: 'One organisation',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Organisation, 'The organisation') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const org = await getOrganisation(deps, c.req.valid('param').id);
      assertOrganisationAccess(c.get('actor'), org);
      return c.json(org, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/organisations/{id}',
      summary: 'Changes an organisation (optimistic concurrency: send the version you read)',
      request: { params: IdParam, ...jsonBody(UpdateOrganisation) },
      responses: { 200: jsonResponse(Organisation, 'Changed') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const current = await getOrganisation(deps, c.req.valid('param').id);
      assertOrganisationAccess(actor, current);
      const { version, ...patch } = c.req.valid('json');
      if (patch.regionCode) {
        const region = await getRegion(deps, patch.regionCode);
        if (!isWithin(region.path, actor.regionPath)) throw new NotFoundError('region', patch.regionCode);
      }
      return c.json(await updateOrganisation(deps, current, patch, version), 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/organisations/{id}/consultancies',
      summary: 'Consultancies an enterprise has authorised to act for it',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(z.string()) }), 'Consultancy ids') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const org = await getOrganisation(deps, c.req.valid('param').id);
      assertOrganisationAccess(c.get('actor'), org);
      return c.json({ items: await listConsultancies(deps, org.id) }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/organisations/{id}/consultancies/{consultancyId}',
      summary: 'Records that an enterprise authorises a consultancy to act for it',
      request: { params: IdParam.extend({ consultancyId: Id }) },
      responses: { 204: { description: 'Authorised' } },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { id, consultancyId } = c.req.valid('param');
      const org = await getOrganisation(deps, id);
      assertOrganisationAccess(c.get('actor'), org);
      await authoriseConsultancy(deps, org, await getOrganisation(deps, consultancyId));
      return c.body(null, 204);
    },
  )
  .openapi(
    secured(admin, {
      method: 'delete',
      path: '/api/admin/organisations/{id}/consultancies/{consultancyId}',
      summary: 'Withdraws a consultancy authorisation',
      request: { params: IdParam.extend({ consultancyId: Id }) },
      responses: { 204: { description: 'Withdrawn' } },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { id, consultancyId } = c.req.valid('param');
      const org = await getOrganisation(deps, id);
      assertOrganisationAccess(c.get('actor'), org);
      await revokeConsultancy(deps, org.id, consultancyId);
      return c.body(null, 204);
    },
  );
