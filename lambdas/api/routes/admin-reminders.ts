/**
 * The reminder sweep for operators: run it as of a day (a missed day, or a test travelling in time), see past runs
 * and the reminders of a day; record the annual lists (年度名单) whose deadlines the sweep holds enterprises to.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ForbiddenError } from '../../core/errors';
import type { Actor } from '../../core/identity/actor';
import { getTable } from '../../core/reference/store';
import { getList, listsFor, progressOf, putList } from '../../core/reminders/lists';
import { recordsOfDay } from '../../core/reminders/records';
import { listRuns, runSweep } from '../../core/reminders/sweep';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Cursor, DefinitionId, Id, Limit, Text } from '../schemas';

const admin = ['admin'] as const;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ListParam = z.object({ listId: DefinitionId.openapi({ param: { name: 'listId', in: 'path' } }) });
const Report = z.object({ asOf: z.string() }).passthrough().openapi('SweepReport');
const List = z
  .object({ id: z.string(), name: z.string(), publishedOn: z.string(), deadlines: z.unknown() })
  .passthrough()
  .openapi('DeadlineList');

/** The sweep is platform-wide: only administrators of the root region run it or read its log. */
function assertPlatformAdmin(actor: Actor) {
  if (actor.regionPath.split('/').filter(Boolean).length > 1)
    throw new ForbiddenError('the reminder sweep is run by platform administrators');
}

export const adminReminders = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/reminders/run',
      summary:
        'Runs the daily sweep as of a day (default today): expiry reminders, renewal rounds, task and list reminders; nothing is sent twice',
      request: jsonBody(z.strictObject({ asOf: Day.optional() })),
      responses: { 200: jsonResponse(Report, 'What the sweep did') },
    }),
    async (c) => {
      const actor = c.get('actor');
      assertPlatformAdmin(actor);
      const { asOf } = c.req.valid('json');
      const report = await runSweep(c.get('deps'), { ...(asOf ? { asOf } : {}), by: actor.userId });
      return c.json(report, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reminders/runs',
      summary: 'Past sweep runs, newest first',
      request: { query: z.strictObject({ limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Report), cursor: z.string().optional() }), 'Runs'),
      },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('actor'));
      return c.json(await listRuns(c.get('deps'), c.req.valid('query')), 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reminders/records',
      summary: 'The reminders the sweep recorded for a day, a page at a time',
      request: { query: z.strictObject({ day: Day, limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(z.unknown()), cursor: z.string().optional() }),
          'Records',
        ),
      },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('actor'));
      return c.json(await recordsOfDay(c.get('deps'), c.req.valid('query')), 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reminders/lists',
      summary: "The annual lists of the administrator's region",
      responses: { 200: jsonResponse(z.object({ items: z.array(List) }), 'Lists') },
    }),
    async (c) => c.json({ items: await listsFor(c.get('deps'), c.get('actor')) }, 200),
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/reminders/lists/{listId}',
      summary:
        'Records a published list (its enterprises and publication day); its deadlines follow reminder-policy (1, 2 and 12 months)',
      request: {
        params: ListParam,
        ...jsonBody(
          z.strictObject({
            name: Text(200),
            listType: z.enum(['mandatory', 'voluntary']),
            publishedOn: Day,
            organisationIds: z.array(Id).min(1).max(2000),
          }),
        ),
      },
      responses: { 200: jsonResponse(List, 'Saved') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { content } = await getTable(deps, 'reminder-policy');
      return c.json(
        await putList(deps, c.get('actor'), content, c.req.valid('param').listId, c.req.valid('json')),
        200,
      );
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/reminders/lists/{listId}',
      summary: 'A list with each enterprise’s progress against its deadlines',
      request: { params: ListParam },
      responses: { 200: jsonResponse(List, 'The list') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const list = await getList(deps, c.get('actor'), c.req.valid('param').listId);
      const progress = await Promise.all(
        list.enterprises.map(async (e) => ({
          ...e,
          ...(await progressOf(deps, e.organisationId, list.publishedOn)),
        })),
      );
      return c.json({ ...list, progress }, 200);
    },
  );
