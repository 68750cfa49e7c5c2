import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assertCaseVisible } from '../../core/cases/access';
import { getCase } from '../../core/cases/cases';
import { NotFoundError } from '../../core/errors';
import { getSubmissionItem } from '../../core/tasks/submissions';
import {
  claimTask,
  getTask,
  inbox,
  releaseTask,
  remindTask,
  saveTaskDraft,
  submitTask,
  transferTask,
  withdrawSubmission,
} from '../../core/tasks/tasks';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Id, Json } from '../schemas';

/** Form data is always a JSON object (the form's schema decides the rest). */
const FormData = z.record(z.string(), Json);

const TaskId = z.object({
  id: z
    .string()
    .regex(/^task_[0-9a-f]{26}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const SubId = z.object({
  id: z
    .string()
    .regex(/^sub_[0-9a-f]{26}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const Task = z
  .object({
    id: z.string(),
    caseId: z.string(),
    formId: z.string(),
    formVersion: z.number(),
    title: z.string(),
    dueAt: z.string(),
    status: z.string(),
  })
  .passthrough()
  .openapi('Task');
const Submission = z
  .object({
    id: z.string(),
    caseId: z.string(),
    taskId: z.string(),
    formId: z.string(),
    formVersion: z.number(),
    data: z.unknown(),
    submittedBy: z.unknown(),
    submittedAt: z.string(),
  })
  .openapi('Submission');

export const tasks = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/tasks',
      summary: 'Open tasks the caller may act on (consultants: also those they may draft), soonest due first',
      responses: { 200: jsonResponse(z.object({ items: z.array(Task) }), 'Inbox') },
    }),
    async (c) => c.json({ items: await inbox(c.get('deps'), c.get('actor')) }, 200),
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/tasks/{id}',
      summary: 'A task with its exact form version (schema, uischema, i18n, examples) and the saved draft',
      request: { params: TaskId },
      responses: {
        200: jsonResponse(
          Task.extend({ form: z.unknown(), access: z.enum(['act', 'draft', 'view']) }),
          'The task',
        ),
      },
    }),
    async (c) => {
      const { task, access, form } = await getTask(c.get('deps'), c.get('actor'), c.req.valid('param').id);
      return c.json({ ...task, access, form }, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'put',
      path: '/api/tasks/{id}/draft',
      summary: 'Saves a draft (send `draftVersion` to guard against overwriting another save)',
      request: {
        params: TaskId,
        ...jsonBody(z.strictObject({ data: FormData, draftVersion: z.number().int().min(0).optional() })),
      },
      responses: { 200: jsonResponse(z.object({ draftVersion: z.number(), savedAt: z.string() }), 'Saved') },
    }),
    async (c) => {
      const { data, draftVersion } = c.req.valid('json');
      return c.json(
        await saveTaskDraft(c.get('deps'), c.get('actor'), c.req.valid('param').id, data, draftVersion),
        200,
      );
    },
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/tasks/{id}/submit',
      summary:
        'Submits: validated against the task’s form version (422 with field errors, nothing stored), stored, workflow resumed',
      request: { params: TaskId, ...jsonBody(z.strictObject({ data: FormData })) },
      responses: {
        200: jsonResponse(z.object({ submission: Submission, created: z.boolean() }), 'Submitted'),
      },
    }),
    async (c) => {
      const result = await submitTask(
        c.get('deps'),
        c.get('actor'),
        c.req.valid('param').id,
        c.req.valid('json').data,
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/tasks/{id}/claim',
      summary: 'Claims a task offered to several people, so others see it is taken',
      request: { params: TaskId },
      responses: { 200: jsonResponse(Task, 'Claimed') },
    }),
    async (c) => c.json(await claimTask(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/tasks/{id}/release',
      summary: 'Releases a claimed task',
      request: { params: TaskId },
      responses: { 200: jsonResponse(Task, 'Released') },
    }),
    async (c) => c.json(await releaseTask(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/tasks/{id}/transfer',
      summary: 'Hands the task to another user of the same role and organisation',
      request: { params: TaskId, ...jsonBody(z.strictObject({ userId: Id })) },
      responses: { 200: jsonResponse(Task, 'Transferred') },
    }),
    async (c) =>
      c.json(
        await transferTask(
          c.get('deps'),
          c.get('actor'),
          c.req.valid('param').id,
          c.req.valid('json').userId,
        ),
        200,
      ),
  )
  .openapi(
    secured(['admin', 'enterprise'], {
      method: 'post',
      path: '/api/tasks/{id}/remind',
      summary: '催办: reminds the assignee (administrators of the region, or the case’s enterprise)',
      request: { params: TaskId },
      responses: { 204: { description: 'Reminded' } },
    }),
    async (c) => {
      await remindTask(c.get('deps'), c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/submissions/{id}',
      summary: 'One submission, exactly as stored',
      request: { params: SubId },
      responses: { 200: jsonResponse(Submission, 'The submission') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const s = await getSubmissionItem(deps, id).catch(() => undefined);
      if (!s) throw new NotFoundError('submission', id);
      await assertCaseVisible(deps, c.get('actor'), await getCase(deps, s.caseId)).catch(() => {
        throw new NotFoundError('submission', id);
      });
      return c.json(s, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/submissions/{id}/withdraw',
      summary:
        'Withdraws a submission while the next step is untouched; the workflow returns to the submitter',
      request: { params: SubId },
      responses: {
        200: jsonResponse(z.object({ submissionId: z.string(), cancelledTaskId: z.string() }), 'Withdrawn'),
      },
    }),
    async (c) =>
      c.json(await withdrawSubmission(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  );
