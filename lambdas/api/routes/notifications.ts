/** Every user's in-app inbox: newest first with the unread count; mark one or all read. Only one's own. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { listNotifications, markAllRead, markRead } from '../../core/notifications/inbox';
import type { AppEnv } from '../deps';
import { jsonResponse, secured } from '../route';
import { Cursor, Id, Limit } from '../schemas';

const Text2 = z.object({ zh: z.string(), en: z.string() });
const Notification = z
  .object({
    id: z.string(),
    caseId: z.string().optional(),
    subject: z.string().optional(),
    kind: z.string(),
    title: Text2,
    body: Text2,
    link: z.string().optional(),
    createdAt: z.string(),
    readAt: z.string().optional(),
  })
  .passthrough()
  .openapi('Notification');
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const notifications = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/notifications',
      summary:
        'My notifications, newest first (only the unread ones with `unread=true`), and how many are unread',
      request: {
        query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: Limit, cursor: Cursor }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(Notification),
            unreadCount: z.number(),
            unreadMore: z.boolean(),
            cursor: z.string().optional(),
          }),
          'A page of notifications',
        ),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listNotifications(c.get('deps'), c.get('actor'), {
        ...q,
        unread: q.unread === 'true',
      });
      return c.json(page, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/notifications/{id}/read',
      summary: 'Marks one of my notifications read',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Notification, 'Read') },
    }),
    async (c) => c.json(await markRead(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Marks all my notifications read',
      responses: { 200: jsonResponse(z.object({ marked: z.number() }), 'How many were unread') },
    }),
    async (c) => c.json(await markAllRead(c.get('deps'), c.get('actor')), 200),
  );
