/**
 * cp-open-task killed between its two writes (the case item, which lists the step and remembers the task as
 * opened; then the BatchWrite of the task, the event and the participant items): the engine runs it again after
 * the restart, and the second run must write everything the first one did not — the task and the items that let
 * the bank (or expert) see the case — without opening a second task or notifying twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTask } from '../../../../lambdas/core/tasks/open';
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
});
