import { OpenAPIHono, z } from '@hono/zod-openapi';
import { latestFormVersion } from '../../core/definitions/forms';
import { listDrafts, listVersions } from '../../core/definitions/store';
import type { WorkflowContent } from '../../core/definitions/workflows';
import {
  getWorkflowDraft,
  getWorkflowVersion,
  latestWorkflow,
  publishWorkflow,
  references,
  saveWorkflowDraft,
  validateWorkflow,
} from '../../core/definitions/workflows';
import type { AppDeps, AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { DefinitionId, Json, LocalText, Version } from '../schemas';

const admin = ['admin'] as const;
const IdParam = z.object({ workflowId: DefinitionId.openapi({ param: { name: 'workflowId', in: 'path' } }) });
const VersionParam = IdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'n', in: 'path' } }),
});
const WorkflowBody = z.strictObject({
  title: LocalText,
  definition: z.looseObject({
    StartAt: z.string().min(1).max(80),
    States: z.record(z.string(), z.looseObject({ Type: z.string().max(20) })),
  }),
  version: Version.optional(),
});
const Problems = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
const Draft = z.object({
  id: z.string(),
  content: z.unknown(),
  version: z.number(),
  latestVersion: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const workflowPorts = (deps: AppDeps) => ({
  ...deps,
  functions: deps.functions,
  resolveFunction: deps.resolveFunction,
});

export const adminWorkflows = new OpenAPIHono<AppEnv>()
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/workflows',
      summary: 'Every workflow definition',
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.unknown(),
                latestVersion: z.number(),
                updatedAt: z.string(),
              }),
            ),
          }),
          'Workflows',
        ),
      },
    }),
    async (c) => {
      const drafts = await listDrafts<WorkflowContent>(c.get('deps'), 'WORKFLOW');
      return c.json(
        {
          items: drafts.map((d) => ({
            id: d.id,
            title: d.content.title,
            latestVersion: d.latestVersion,
            updatedAt: d.updatedAt,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/workflows/{workflowId}',
      summary: 'The draft of a workflow',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Draft, 'The draft') },
    }),
    async (c) => c.json(await getWorkflowDraft(c.get('deps'), c.req.valid('param').workflowId), 200),
  )
  .openapi(
    secured(admin, {
      method: 'put',
      path: '/api/admin/workflows/{workflowId}',
      summary: 'Saves the draft ASL (send the draft `version` you read to guard against overwriting an edit)',
      request: { params: IdParam, ...jsonBody(WorkflowBody) },
      responses: { 200: jsonResponse(Draft, 'Saved') },
    }),
    async (c) => {
      const { version, ...content } = c.req.valid('json');
      const draft = await saveWorkflowDraft(
        c.get('deps'),
        c.req.valid('param').workflowId,
        content as WorkflowContent,
        c.get('actor').username,
        version,
      );
      return c.json(draft, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/workflows/{workflowId}/validate',
      summary:
        'ASL validity (Step Functions API) and cpflow’s checks on the draft (or the definition sent, not saved), each problem with its path',
      request: {
        params: IdParam,
        body: { required: false, content: { 'application/json': { schema: WorkflowBody.partial() } } },
      },
      responses: { 200: jsonResponse(Problems, 'Problems') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const sent = c.req.valid('json');
      const content = sent.definition
        ? ({ title: sent.title ?? '', definition: sent.definition } as WorkflowContent)
        : (await getWorkflowDraft(deps, c.req.valid('param').workflowId)).content;
      const problems = await validateWorkflow(workflowPorts(deps), content);
      return c.json({ valid: problems.length === 0, problems }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/workflows/{workflowId}/publish',
      summary:
        'Publishes the draft (or `fromVersion`, to roll back) through the Step Functions API; 422 with the problems if invalid',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            changeNote: z.string().max(500).optional(),
            fromVersion: z.number().int().min(1).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({ id: z.string(), version: z.number(), versionArn: z.string() }),
          'Published',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { workflowId } = c.req.valid('param');
      const body = c.req.valid('json');
      const v = await publishWorkflow(
        workflowPorts(deps),
        workflowId,
        c.get('actor').username,
        body.changeNote ?? '',
        body.fromVersion,
      );
      return c.json({ id: workflowId, version: v.number, versionArn: String(v.meta.versionArn) }, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'post',
      path: '/api/admin/workflows/{workflowId}/dry-run',
      summary:
        'Runs the draft on an isolated engine with a virtual clock; human steps from `decisions` or form examples',
      request: {
        params: IdParam,
        ...jsonBody(
          z.strictObject({
            input: z.record(z.string(), Json).optional(),
            decisions: z.record(z.string(), Json).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({
            status: z.string(),
            path: z.array(z.string()),
            states: z.array(z.unknown()),
            output: z.unknown().optional(),
            error: z.string().optional(),
            cause: z.string().optional(),
            humanSteps: z.number(),
          }),
          'The path taken and each state’s output',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { workflowId } = c.req.valid('param');
      const body = c.req.valid('json');
      const draft = await getWorkflowDraft(deps, workflowId);
      // The draft and, transitively, the latest published version of every child workflow it starts.
      const children: Record<string, unknown> = {};
      const formIds = new Set(references(draft.content.definition).forms);
      const pending = [...references(draft.content.definition).workflows];
      while (pending.length) {
        const id = pending.pop()!;
        if (id in children) continue;
        const child = await latestWorkflow(deps, id);
        if (!child) continue; // the dry run reports the child as not published
        children[id] = child.content.definition;
        const refs = references(child.content.definition);
        refs.forms.forEach((f) => formIds.add(f));
        pending.push(...refs.workflows);
      }
      const examples: Record<string, unknown> = {};
      for (const formId of formIds) {
        const form = await latestFormVersion(deps, formId).catch(() => undefined);
        if (form?.examples?.[0] !== undefined) examples[formId] = form.examples[0];
      }
      const actor = c.get('actor');
      const input = {
        caseId: 'case_dryrun000000',
        programmeId: 'dry-run',
        organisationId: actor.organisationId,
        startedBy: actor.userId,
        data: {},
        ...body.input,
      };
      const result = await deps.dryRun({
        workflowId,
        definition: draft.content.definition,
        input,
        decisions: body.decisions ?? {},
        examples,
        children,
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/workflows/{workflowId}/versions',
      summary: 'Published versions, newest first',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(z.unknown()) }), 'Versions') },
    }),
    async (c) =>
      c.json({ items: await listVersions(c.get('deps'), 'WORKFLOW', c.req.valid('param').workflowId) }, 200),
  )
  .openapi(
    secured(admin, {
      method: 'get',
      path: '/api/admin/workflows/{workflowId}/versions/{n}',
      summary: 'One published version with its state machine version ARN',
      request: { params: VersionParam },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), number: z.number() }).passthrough(), 'The version'),
      },
    }),
    async (c) => {
      const { workflowId, n } = c.req.valid('param');
      return c.json(await getWorkflowVersion(c.get('deps'), workflowId, n), 200);
    },
  );
