import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps';
import { jsonResponse, open } from '../route';

export const health = new OpenAPIHono<AppEnv>().openapi(
  open({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: the API answers and reaches its table',
    responses: { 200: jsonResponse(z.object({ status: z.literal('ok'), time: z.string() }), 'Healthy') },
  }),
  async (c) => {
    const { db, clock } = c.get('deps');
    await db.get({ Key: { PK: 'HEALTH', SK: 'HEALTH' } });
    return c.json({ status: 'ok' as const, time: new Date(clock.now()).toISOString() }, 200);
  },
);
