/**
 * A submission stored whose workflow was never resumed: the process died after storing it (and closing the step)
 * but before SendTaskSuccess, and the client never sent it again (a person whose browser gave up sees the task as
 * submitted). The case would wait on its token forever; `resumeStalled` — run by the daily sweep and by `npm start`
 * as it starts — finishes the job once, and the workflow moves on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeStalled, submitTask } from '../../../../lambdas/core/tasks/tasks';
import { taskKey } from '../../../../lambdas/core/tasks/model';
import { TaskTokenGoneError } from '../../../../lambdas/core/definitions/engine';
import { createSfnClient, createWorkflowEngine } from '../../../../lambdas/adapters/sfn';
import type { Actor } from '../../../../lambdas/core/identity/actor';
import { publishTestProgramme } from '../../../fixtures/lowcode';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  await publishTestProgramme(stack);
});
afterAll(async () => stack?.close());

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stepOf = (caseId: string) =>
  until('a step', async () => {
    const c = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    return Object.values<any>(c.currentSteps ?? {})[0];
  });

/** The enterprise's step, once its task item is there too (the step's BatchWrite follows the case update). */
const ownStepOf = async (caseId: string) => {
  const step = await stepOf(caseId);
  await until('the task', async () =>
    (await stack.call('mingzhu', 'GET', `/api/tasks/${step.taskId}`)).status === 200 ? true : undefined,
  );
  return step;
};

describe('a submission whose workflow was never resumed', () => {
  it('is resumed once by resumeStalled, and the case moves on', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const caseId = started.body.id as string;
    const step = await ownStepOf(caseId);
    const me = (await stack.call('mingzhu', 'GET', '/api/me')).body;
    const actor: Actor = {
      userId: me.id,
      username: me.username,
      role: me.role,
      organisationId: me.organisation.id,
      regionPath: me.organisation.regionPath,
    };
    // the process dies as it calls SendTaskSuccess
    const deps = stack.runtime.taskDeps;
    const dying = {
      ...deps,
      engine: { ...deps.engine, sendSuccess: () => Promise.reject(new Error('SIGKILL')) },
    };
    await expect(
      submitTask(dying, actor, step.taskId, { subject: '节能改造', amount: 12.5 }),
    ).rejects.toThrow('SIGKILL');
    const stuck = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    expect(stuck.status).toBe('running');
    expect(stuck.currentSteps).toEqual({});
    expect((await stack.call('mingzhu', 'GET', `/api/tasks/${step.taskId}`)).body.status).toBe('submitted');
    // the claim that stored the submission also marked it as not yet resumed
    const marked = await stack.runtime.deps.db.query({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': 'RESUME' },
    });
    expect(marked.items.map((i) => i.id)).toContain(step.taskId);

    // the sweep asks the engine by a heartbeat whether it still waits on the token: in process, and as on AWS
    // through the SDK
    const { token } = (await stack.runtime.deps.db.get({ Key: taskKey(step.taskId) }))!;
    const viaSdk = createWorkflowEngine(
      createSfnClient({ endpoint: stack.runtime.sfnEndpoint, region: 'us-east-1', unsigned: true }),
      { region: 'us-east-1', namePrefix: 'unused', roleArn: 'arn:aws:iam::000000000000:role/unused' },
    );
    for (const engine of [deps.engine, viaSdk]) await engine.sendHeartbeat(String(token));

    // not yet stale for the sweep's minute; at start (nothing in flight) it is
    expect(await resumeStalled(deps, { olderThanMs: 60_000 })).toEqual({ resumed: 0, gone: 0 });
    expect(await resumeStalled(deps, { olderThanMs: 0 })).toEqual({ resumed: 1, gone: 0 });
    for (const engine of [deps.engine, viaSdk])
      await expect(engine.sendHeartbeat(String(token))).rejects.toBeInstanceOf(TaskTokenGoneError);
    const review = await stepOf(caseId);
    expect(review.formId).toBe('test-review');
    // a second pass looks at it again (it stays in the index) and finds its step moved on
    expect(await resumeStalled(deps, { olderThanMs: 0 })).toEqual({ resumed: 0, gone: 1 });

    const detail = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    expect(detail.timeline.filter((e: any) => e.kind === 'task.submitted')).toHaveLength(1);
    expect((await stack.call('gz.admin', 'GET', `/api/cases/${caseId}/submissions`)).body.items).toHaveLength(
      1,
    );
    expect((await stack.call('gz.admin', 'GET', `/api/cases/${caseId}/verify`)).body.valid).toBe(true);
    // the sweep reports what it resumed (nothing left now)
    const sweep = await stack.call('admin', 'POST', '/api/admin/reminders/run', {});
    expect(sweep.body.submissions).toEqual({ resumed: 0, gone: 0 });
  });

  it('spends no write on a submission that completed, and a pass over it changes nothing', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const caseId = started.body.id as string;
    const step = await ownStepOf(caseId);
    const sub = await stack.call('mingzhu', 'POST', `/api/tasks/${step.taskId}/submit`, {
      data: { subject: '节能改造', amount: 3 },
    });
    expect(sub.status).toBe(200);
    const review = await stepOf(caseId);
    expect(review.formId).toBe('test-review');
    // the claim entered it in the index of submitted tasks, and nothing wrote it again
    const { db } = stack.runtime.deps;
    const item = await db.get({ Key: { PK: `TASK#${step.taskId}`, SK: 'TASK' }, ConsistentRead: true });
    expect(item).toMatchObject({ status: 'submitted', GSI3PK: 'RESUME', version: 2 });
    // no marker items either (as submits wrote them before D19)
    const markers = await db.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'RESUME' },
    });
    expect(markers.items).toEqual([]);
    // the pass sends its result again; the engine refuses it, and the case is as it was
    const pass = await resumeStalled(stack.runtime.taskDeps, { olderThanMs: 0 });
    expect(pass.resumed).toBe(0);
    expect(pass.gone).toBeGreaterThanOrEqual(1);
    const detail = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    expect(detail.timeline.filter((e: any) => e.kind === 'task.submitted')).toHaveLength(1);
    expect(detail.timeline.filter((e: any) => e.kind === 'task.opened')).toHaveLength(2);
    expect(Object.values<any>(detail.currentSteps).map((s) => s.formId)).toEqual(['test-review']);
    // a clock set back an hour puts the cut-off before the last pass's: nothing to read, no error
    const earlier = { ...stack.runtime.taskDeps, clock: { now: () => Date.now() - 3600_000 } };
    expect(await resumeStalled(earlier, { olderThanMs: 0 })).toEqual({ resumed: 0, gone: 0 });
  });
});
