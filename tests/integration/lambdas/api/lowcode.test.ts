/**
 * Issue 4's must-show, with the runtime running throughout: an administrator changes a form (new required field)
 * and a workflow (new step) and publishes both; a case opened before keeps its versions and completes; a case
 * opened after gets the new field and the new step. Invalid submissions get 422 naming the field and store
 * nothing. A human step without a timeout is refused at validate and publish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { tableSnapshot } from '../../../support/snapshot';
import {
  requestFlow,
  requestFlowV2,
  requestForm,
  requestFormV2,
  reviewForm,
} from '../../../fixtures/lowcode';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const inboxTask = (user: string, caseId: string) =>
  until(`a task for ${user} in ${caseId}`, async () => {
    const res = await stack.call(user, 'GET', '/api/tasks');
    return res.body.items.find((t: any) => t.caseId === caseId);
  });

const caseStatus = (caseId: string, status: string) =>
  until(`case ${caseId} ${status}`, async () => {
    const res = await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`);
    return res.body.status === status ? res.body : undefined;
  });

async function publish(kind: 'forms' | 'workflows', id: string, body: unknown) {
  const saved = await stack.call('admin', 'PUT', `/api/admin/${kind}/${id}`, body);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await stack.call('admin', 'POST', `/api/admin/${kind}/${id}/publish`, {
    changeNote: 'test',
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body;
}

describe('definitions published at run time', () => {
  it('publishes forms and a workflow, and binds a programme', async () => {
    expect((await publish('forms', 'test-request', requestForm)).version).toBe(1);
    expect((await publish('forms', 'test-review', reviewForm)).version).toBe(1);
    const validation = await stack.call('admin', 'PUT', '/api/admin/workflows/test-flow', requestFlow);
    expect(validation.status).toBe(200);
    const check = await stack.call('admin', 'POST', '/api/admin/workflows/test-flow/validate');
    expect(check.body).toEqual({ valid: true, problems: [] });
    const wf = await stack.call('admin', 'POST', '/api/admin/workflows/test-flow/publish', {});
    expect(wf.body.version).toBe(1);
    expect(wf.body.versionArn).toMatch(/^arn:aws:states:.*:stateMachine:cpflow-test-flow:1$/);
    const prog = await stack.call('admin', 'PUT', '/api/admin/programmes/test-programme', {
      title: { zh: '测试申请', en: 'Test request' },
      kind: 'audit',
      workflowId: 'test-flow',
      startRoles: ['enterprise', 'consultant'],
    });
    expect(prog.status).toBe(200);
    const visible = await stack.call('mingzhu', 'GET', '/api/programmes');
    expect(visible.body.items.map((p: any) => p.id)).toContain('test-programme');
    const forBank = await stack.call('icbc', 'GET', '/api/programmes');
    expect(forBank.body.items.map((p: any) => p.id)).not.toContain('test-programme');
  });

  it('refuses a human step without a timeout at validate and at publish, naming the path', async () => {
    const { TimeoutSeconds: _t, ...noTimeout } = requestFlow.definition.States.Submit as Record<
      string,
      unknown
    >;
    const broken = {
      ...requestFlow,
      definition: {
        ...requestFlow.definition,
        States: { ...requestFlow.definition.States, Submit: noTimeout },
      },
    };
    await stack.call('admin', 'PUT', '/api/admin/workflows/test-broken', broken);
    const check = await stack.call('admin', 'POST', '/api/admin/workflows/test-broken/validate');
    expect(check.body.valid).toBe(false);
    expect(check.body.problems).toContainEqual(
      expect.objectContaining({ path: '/States/Submit/TimeoutSeconds' }),
    );
    const pub = await stack.call('admin', 'POST', '/api/admin/workflows/test-broken/publish', {});
    expect(pub.status).toBe(422);
    expect(pub.body.error.details).toContainEqual(
      expect.objectContaining({ path: '/States/Submit/TimeoutSeconds' }),
    );
    const versions = await stack.call('admin', 'GET', '/api/admin/workflows/test-broken/versions');
    expect(versions.body.items).toEqual([]);
  });

  it('keeps a case on the versions it started with, and gives a new case the new field and the new step', async () => {
    const before = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    expect(before.body.workflowVersion).toBe(1);
    const oldTask = await inboxTask('mingzhu', before.body.id);
    expect(oldTask.formVersion).toBe(1);

    // the administrator changes both definitions while the first case runs
    expect((await publish('forms', 'test-request', requestFormV2)).version).toBe(2);
    expect((await publish('workflows', 'test-flow', requestFlowV2)).version).toBe(2);

    // the old case: its open task still asks for form version 1, and it completes without the new step
    const detail = await stack.call('mingzhu', 'GET', `/api/tasks/${oldTask.id}`);
    expect(detail.body.form.version).toBe(1);
    expect(detail.body.form.schema.properties.reason).toBeUndefined();
    const sub = await stack.call('mingzhu', 'POST', `/api/tasks/${oldTask.id}/submit`, {
      data: { subject: '旧案', amount: 3 },
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    const review = await inboxTask('gz.admin', before.body.id);
    await stack.call('gz.admin', 'POST', `/api/tasks/${review.id}/submit`, { data: { decision: 'approve' } });
    const done = await caseStatus(before.body.id, 'completed');
    expect(done.timeline.map((e: any) => e.kind)).not.toContain('SignOff');
    expect(done.timeline.filter((e: any) => e.kind === 'task.opened')).toHaveLength(2);

    // the new case: version 2 of both
    const after = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    expect(after.body.workflowVersion).toBe(2);
    const newTask = await inboxTask('mingzhu', after.body.id);
    expect(newTask.formVersion).toBe(2);
    const snapshot = () => tableSnapshot(stack.runtime.dynamodbEndpoint, stack.runtime.config.tableName);
    // the step's own writes end after its task shows (the due-date index): let the workflow settle first
    await stack.runtime.engine!.idle();
    const beforeBad = await snapshot();
    const bad = await stack.call('mingzhu', 'POST', `/api/tasks/${newTask.id}/submit`, {
      data: { subject: '新案', amount: 'lots' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.details.map((d: any) => d.path);
    expect(paths).toContain('/reason');
    expect(paths).toContain('/amount');
    expect(await snapshot()).toEqual(beforeBad);
    const good = await stack.call('mingzhu', 'POST', `/api/tasks/${newTask.id}/submit`, {
      data: { subject: '新案', amount: 5, reason: '扩大产能' },
    });
    expect(good.status).toBe(200);
    expect(good.body.submission.formVersion).toBe(2);
    const review2 = await inboxTask('gz.admin', after.body.id);
    await stack.call('gz.admin', 'POST', `/api/tasks/${review2.id}/submit`, {
      data: { decision: 'approve' },
    });
    const signOff = await inboxTask('gz.admin', after.body.id);
    expect(signOff.title).toBe('签发');
    await stack.call('gz.admin', 'POST', `/api/tasks/${signOff.id}/submit`, {
      data: { decision: 'approve' },
    });
    const done2 = await caseStatus(after.body.id, 'completed');
    expect(done2.timeline.filter((e: any) => e.kind === 'task.opened')).toHaveLength(3);

    for (const id of [before.body.id, after.body.id]) {
      const v = await stack.call('mingzhu', 'GET', `/api/cases/${id}/verify`);
      expect(v.body).toMatchObject({ valid: true });
    }
  });

  it('loops back on a return for revision and records every step in the hash chain', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const t1 = await inboxTask('mingzhu', started.body.id);
    await stack.call('mingzhu', 'POST', `/api/tasks/${t1.id}/submit`, {
      data: { subject: '第一稿', amount: 1, reason: '初次提交' },
    });
    const r1 = await inboxTask('gz.admin', started.body.id);
    await stack.call('gz.admin', 'POST', `/api/tasks/${r1.id}/submit`, {
      data: { decision: 'return', comment: '请补充' },
    });
    const t2 = await until('the resubmission task', async () => {
      const items = (await stack.call('mingzhu', 'GET', '/api/tasks')).body.items;
      return items.find((t: any) => t.caseId === started.body.id && t.id !== t1.id);
    });
    expect(t2.formId).toBe('test-request');
    const c = await stack.call('mingzhu', 'GET', `/api/cases/${started.body.id}`);
    expect(Object.keys(c.body.currentSteps)).toEqual([t2.id]);
    expect((await stack.call('mingzhu', 'GET', `/api/cases/${started.body.id}/verify`)).body.valid).toBe(
      true,
    );
  });

  it('dry-runs a draft with decisions, skipping waits', async () => {
    const res = await stack.call('admin', 'POST', '/api/admin/workflows/test-flow/dry-run', {
      decisions: { Review: [{ data: { decision: 'return' } }, { data: { decision: 'approve' } }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('SUCCEEDED');
    expect(res.body.path).toEqual([
      'Submit',
      'Review',
      'Decide',
      'Submit',
      'Review',
      'Decide',
      'SignOff',
      'Done',
    ]);
    expect(res.body.humanSteps).toBe(5);
  });
});
