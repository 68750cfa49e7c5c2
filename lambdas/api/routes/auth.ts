import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getOrganisation } from '../../core/identity/organisations';
import { getUser } from '../../core/identity/users';
import type { AppEnv } from '../deps';
import { directoryOf } from '../directory';
import { jsonBody, jsonResponse, open, secured } from '../route';
import { Organisation, User } from '../schemas';

const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const auth = new OpenAPIHono<AppEnv>()
  .openapi(
    open({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with username and password (the local directory, or Cognito on AWS)',
      request: jsonBody(LoginRequest),
      responses: {
        200: jsonResponse(z.object({ token: z.string(), expiresAt: z.number(), user: User }), 'Signed in'),
        429: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Locked'),
      },
    }),
    async (c) => {
      const result = await directoryOf(c.get('deps')).signIn(c.req.valid('json'));
      return c.json(result, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/me',
      summary: 'The signed-in user with role and organisation',
      responses: {
        200: jsonResponse(
          User.extend({
            organisation: Organisation.pick({ id: true, name: true, kind: true, regionPath: true }),
          }),
          'Me',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const [user, org] = await Promise.all([
        getUser(deps, actor.userId),
        getOrganisation(deps, actor.organisationId),
      ]);
      const { id, name, kind, regionPath } = org;
      return c.json({ ...user, organisation: { id, name, kind, regionPath } }, 200);
    },
  );
