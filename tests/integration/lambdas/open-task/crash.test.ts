/**
 * cp-open-task killed between its two writes (the case item, which lists the step and remembers the task as
 * opened; then the BatchWrite of the task, the event and the participant items): the engine runs it again after
 * the restart, and the second run must write everything the first one did not — the task and the items that let
 * the bank (or expert) see the case — without opening a second task or notifying twice.
 *
 * And a child workflow's first step that runs before the child's start event registered its case (after a restart
 * the engine's notifications lag; EventBridge is asynchronous on AWS): it registers the case itself from the
 * execution input the step passes, once — the start event arriving later changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordExecutionChange } from '../../../../lambdas/core/cases/cases';
import { openTask, taskIdFor } from '../../../../lambdas/core/tasks/open';
import { participantKey, orgPrincipal } from '../../../../lambdas/core/cases/access';
import { taskKey } from '../../../../lambdas/core/tasks/model';
import { requestForm } from '../../../fixtures/lowcode';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
let caseId = '';

beforeAll(async () => {
  stack = await startStack();
  await stack.call('admin', 'PUT', '/api/admin/forms/test-request', requestForm);
  await stack.call('admin', 'POST', '/api/admin/forms/test-request/publish', {});
  await stack.call('admin', 'PUT', '/api/admin/workflows/test-noop', {
    title: { zh: '空流程', en: 'No-op' },
    definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
  });
  await stack.call('admin', 'POST', '/api/admin/workflows/test-noop/publish', {});
  await stack.call('admin', 'PUT', '/api/admin/programmes/test-noop', {
    title: { zh: '空', en: 'No-op' },
    kind: 'audit',
    workflowId: 'test-noop',
    startRoles: ['enterprise'],
  });
  caseId = (await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-noop' })).body.id;
  // The no-op execution ends at once and closing the case clears its steps: let that happen before the tests
  // open steps on the case, or it may land in the middle of one and clear the step it is about.
  for (let i = 0; i < 400; i++) {
    if ((await stack.call('mingzhu', 'GET', `/api/cases/${caseId}`)).body.status === 'completed') break;
    await new Promise((r) => setTimeout(r, 25));
  }
});
afterAll(async () => stack?.close());

describe('cp-open-task after a crash between its writes', () => {
  it('writes the task and the participant items on the second run, once', async () => {
    const deps = stack.runtime.taskDeps;
    const payload = {
      token: `crash-test-token-${Date.now()}-0123456789abcdef`,
      caseId,
      formId: 'test-request',
      stateName: 'BankAnswer',
      assignee: { role: 'bank', organisationId: 'org_icbcgz001' },
      dueInDays: 5,
    };
    // the process dies at the BatchWrite: the case item already lists the step
    const dying = { ...deps, db: { ...deps.db, batchWrite: () => Promise.reject(new Error('SIGKILL')) } };
    await expect(openTask(dying, payload)).rejects.toThrow('SIGKILL');
    const listed = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    const [taskId] = Object.keys(listed.currentSteps);
    expect(taskId).toBeDefined();
    expect(await deps.db.get({ Key: taskKey(taskId!) })).toBeUndefined();
    const participant = participantKey(orgPrincipal('org_icbcgz001'), caseId);
    expect(await deps.db.get({ Key: participant })).toBeUndefined();

    // the engine invokes it again after the restart
    const opened = await openTask(deps, payload);
    expect(opened.id).toBe(taskId);
    expect(await deps.db.get({ Key: taskKey(taskId!) })).toMatchObject({ status: 'open' });
    expect(await deps.db.get({ Key: participant })).toBeDefined();
    // the bank sees the case and its task; one task opened, one notice
    expect((await stack.call('icbc', 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await stack.call('icbc', 'GET', `/api/tasks/${taskId}`)).body.access).toBe('act');
    const detail = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body;
    expect(detail.timeline.filter((e: any) => e.kind === 'task.opened')).toHaveLength(1);
    const notes = (await stack.call('icbc', 'GET', '/api/notifications')).body.items;
    expect(notes.filter((n: any) => n.link === `/tasks/${taskId}`)).toHaveLength(1);
    expect((await stack.call('gz.admin', 'GET', `/api/cases/${caseId}/verify`)).body.valid).toBe(true);
  });

  it('after a death inside the BatchWrite, writes the rest with the first run’s times and notifies nobody twice', async () => {
    const deps = stack.runtime.taskDeps;
    const payload = {
      token: `crash-test-token-${Date.now()}-fedcba9876543210`,
      caseId,
      formId: 'test-request',
      stateName: 'BankAnswer',
      assignee: { role: 'bank', organisationId: 'org_icbcgz001' },
      dueInDays: 5,
    };
    // the process dies inside the BatchWrite: the notifications are written, the task and the due pointer not
    const dying = {
      ...deps,
      db: {
        ...deps.db,
        batchWrite: async (req: Parameters<typeof deps.db.batchWrite>[0]) => {
          await deps.db.batchWrite({ puts: (req.puts ?? []).filter((i) => i.type === 'notification') });
          throw new Error('SIGKILL');
        },
      },
    };
    await expect(openTask(dying, payload)).rejects.toThrow('SIGKILL');
    const taskId = await taskIdFor(payload.token);
    const step = (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body.currentSteps[taskId];
    expect(step).toBeDefined();
    const firstNotes = (await stack.call('icbc', 'GET', '/api/notifications')).body.items.filter(
      (n: any) => n.link === `/tasks/${taskId}`,
    );
    expect(firstNotes).toHaveLength(1);
    expect(firstNotes[0].createdAt).toBe(step.openedAt);
    expect(await deps.db.get({ Key: taskKey(taskId) })).toBeUndefined();

    await new Promise((r) => setTimeout(r, 5)); // the second run's clock is later than the first's
    const opened = await openTask(deps, payload);
    expect(opened.id).toBe(taskId);
    // the task the second run wrote carries the first run's opening and due times, as the step and notice do
    expect(opened.createdAt).toBe(step.openedAt);
    expect(await deps.db.get({ Key: taskKey(taskId) })).toMatchObject({
      createdAt: step.openedAt,
      dueAt: step.dueAt,
    });
    const notes = (await stack.call('icbc', 'GET', '/api/notifications')).body.items.filter(
      (n: any) => n.link === `/tasks/${taskId}`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].createdAt).toBe(step.openedAt);
  });

  it("registers a child's case from its first step when the start event has not yet", async () => {
    const deps = stack.runtime.taskDeps;
    const child = `${caseId}full`;
    const arn = `arn:aws:states:us-east-1:123456789012:execution:cpflow-test-noop:${child}`;
    const input = {
      caseId: child,
      programmeId: 'test-noop',
      organisationId: 'org_mzdd00001',
      startedBy: 'usr_mzdd00001',
      parentCaseId: caseId,
      data: {},
    };
    const payload = {
      token: `child-first-step-${Date.now()}-0123456789abcdef`,
      caseId: child,
      formId: 'test-request',
      assignee: { role: 'enterprise' },
      dueInDays: 5,
      execution: { arn, input },
    };
    const opened = await openTask(deps, payload);
    const c = (await stack.call('mingzhu', 'GET', `/api/cases/${child}`)).body;
    expect(c).toMatchObject({ id: child, parentCaseId: caseId, programmeId: 'test-noop', executionArn: arn });
    expect(Object.keys(c.currentSteps)).toEqual([opened.id]);
    expect(c.timeline.map((e: any) => e.kind)).toEqual(['case.started', 'task.opened']);
    const parent = (await stack.call('mingzhu', 'GET', `/api/cases/${caseId}`)).body;
    expect(parent.children.map((k: any) => k.id)).toEqual([child]);
    // the start event, arriving late, registers nothing twice
    await recordExecutionChange(deps, {
      name: child,
      status: 'RUNNING',
      input: JSON.stringify(input),
      output: null,
      error: null,
      cause: null,
      executionArn: arn,
    });
    const again = (await stack.call('mingzhu', 'GET', `/api/cases/${child}`)).body;
    expect(again.timeline.map((e: any) => e.kind)).toEqual(['case.started', 'task.opened']);
    expect((await stack.call('mingzhu', 'GET', `/api/cases/${child}/verify`)).body.valid).toBe(true);
    // a step of another case's execution registers nothing
    await expect(
      openTask(deps, {
        ...payload,
        token: `${payload.token}-other`,
        caseId: `${caseId}quick`,
        execution: { arn, input },
      }),
    ).rejects.toThrow('not registered');
  }, 60_000);
});
