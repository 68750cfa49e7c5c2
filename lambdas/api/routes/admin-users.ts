import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertOrganisationAccess } from '../../core/identity/authorize';
import { getOrganisation } from '../../core/identity/organisations';
import { getUser, listUsers } from '../../core/identity/users';
import type { AppEnv } from '../deps';
import { directoryOf } from '../directory';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, Id, Limit, pageOf, Text, User, Version } from '../schemas';

const admin = ['admin'] as const;
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
const Password = z.string().min(1).max(200);

const CreateUser = z.strictObject({
  username: z.string().min(3).max(64),
  displayName: Text(100),
  email: z.email().max(200).optional(),
  organisationId: Id,
  password: Password,
});

const UpdateUser = z.strictObject({
  displayName: Text(100).optional(),
  email: z.email().max(200).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  password: Password.optional(),
  version: Version,
});

export const adminUsers = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/users',
      summary: 'Users of one organisation in the administrator’s region',
      request: { query: z.strictObject({ organisationId: Id, limit: Limit, cursor: Cursor }) },
      responses: { 200: jsonResponse(pageOf(User), 'A page of users') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const q = c.req.valid('query');
      assertOrganisationAccess(c.get('actor'), await getOrganisation(deps, q.organisationId));
      return c.json(await listUsers(deps, q), 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/users',
      summary: 'Adds a user to an organisation; the role follows the organisation’s kind',
      request: jsonBody(CreateUser),
      responses: { 201: jsonResponse(User, 'Created') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      assertOrganisationAccess(c.get('actor'), await getOrganisation(deps, input.organisationId));
      return c.json(await directoryOf(deps).createUser(input), 201);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/users/{id}',
      summary: 'One user',
      request: { params: IdParam },
      responses: { 200: jsonResponse(User, 'The user') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const user = await getUser(deps, c.req.valid('param').id);
      assertOrganisationAccess(c.get('actor'), await getOrganisation(deps, user.organisationId));
      return c.json(user, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/users/{id}',
      summary: 'Changes a user: name, e-mail, status or password (send the version you read)',
      request: { params: IdParam, ...jsonBody(UpdateUser) },
      responses: { 200: jsonResponse(User, 'Changed') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const current = await getUser(deps, c.req.valid('param').id);
      assertOrganisationAccess(c.get('actor'), await getOrganisation(deps, current.organisationId));
      const { version, ...change } = c.req.valid('json');
      return c.json(await directoryOf(deps).updateUser(current, change, version), 200);
    },
  );
