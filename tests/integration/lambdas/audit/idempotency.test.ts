/**
 * The writing Lambdas run again (as the engine does after a crash) or concurrently change nothing more: the same
 * panel, one `panel.drawn`, one certificate number and one `certificate.issued`, one `performance.recorded` per
 * distinct result. A decline replaces one seat and nothing else. Reference changes take effect on the next run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { create as assignTask } from '../../../../lambdas/cp-assign-experts/handler';
import { create as certificateTask } from '../../../../lambdas/cp-issue-certificate/handler';
import { create as performanceTask } from '../../../../lambdas/cp-performance/handler';
import { listAssignments } from '../../../../lambdas/core/experts/load';
import { findResults } from '../../../../lambdas/core/results/results';
import { until } from './support';

let stack: TestStack;
let caseId = '';
const usernameOf: Record<string, string> = {};

const events = async (kind: string) =>
  (await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).body.timeline.filter(
    (e: any) => e.kind === kind,
  );

beforeAll(async () => {
  stack = await startStack();
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
  await until('the case to complete', async () =>
    (await stack.call('mingzhu', 'GET', `/api/cases/${caseId}`)).body.status === 'completed'
      ? true
      : undefined,
  );
  for (let i = 1; i <= 9; i++) {
    const id = `usr_expert00${i}`;
    usernameOf[id] = (await stack.call('gz.admin', 'GET', `/api/admin/users/${id}`)).body.username;
  }
});
afterAll(async () => stack?.close());

describe('cp-assign-experts', () => {
  let first: any;

  it('returns the same panel when invoked again or concurrently, with one event and one load entry each', async () => {
    const assign = assignTask(stack.runtime.taskDeps);
    const payload = { caseId, organisationId: 'org_mzdd00001', industryCode: 'C3360', panel: 'evaluation' };
    first = await assign(payload);
    const again = await Promise.all([assign(payload), assign(payload)]);
    for (const a of again) expect(a).toEqual(first);
    expect(first.panel).toHaveLength(5);
    expect(await events('panel.drawn')).toHaveLength(1);
    for (const userId of first.userIds) {
      const slots = (await listAssignments(stack.runtime.deps, userId)).filter((a) => a.caseId === caseId);
      expect(slots).toEqual([expect.objectContaining({ panel: 'evaluation', drawId: first.drawId })]);
      expect((await stack.call(usernameOf[userId]!, 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    }
  });

  it('replaces a decliner’s seat only, idempotently, and takes the case away from the decliner', async () => {
    const assign = assignTask(stack.runtime.taskDeps);
    const decliner = first.panel.find((m: any) => !m.leader).userId as string;
    const payload = { caseId, panel: 'evaluation', replace: [decliner] };
    const second: any = await assign(payload);
    expect(second.drawId).not.toBe(first.drawId);
    expect(second.replaced).toEqual([decliner]);
    expect(second.userIds).not.toContain(decliner);
    for (const id of first.userIds.filter((u: string) => u !== decliner))
      expect(second.userIds).toContain(id);
    expect(second.userIds).toHaveLength(5);
    expect(await assign(payload)).toEqual(second);
    // the first request, repeated later, answers with the panel as it now stands
    expect(await assign({ caseId, panel: 'evaluation' })).toMatchObject({ drawId: second.drawId });
    const drawn = await events('panel.drawn');
    expect(drawn).toHaveLength(2);
    expect(drawn[1].data.replaced).toEqual([decliner]);
    expect((await listAssignments(stack.runtime.deps, decliner)).filter((a) => a.caseId === caseId)).toEqual(
      [],
    );
    expect((await stack.call(usernameOf[decliner]!, 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    const record = await stack.call('gz.admin', 'GET', `/api/admin/experts/draws/${second.drawId}`);
    expect(record.body).toMatchObject({ previousDrawId: first.drawId, verification: { reproducible: true } });
    expect(record.body.excluded).toContainEqual(
      expect.objectContaining({ userId: decliner, reasons: expect.arrayContaining(['excluded-by-request']) }),
    );
  });

  it('leaves out an expert the administrator put on leave, and says why', async () => {
    const assign = assignTask(stack.runtime.taskDeps);
    const got = await stack.call('gz.admin', 'GET', '/api/admin/experts/usr_expert005');
    const {
      userId: _u,
      poolOrgId: _p,
      poolRegionPath: _r,
      updatedAt: _a,
      updatedBy: _b,
      assignments: _s,
      ...profile
    } = got.body;
    const put = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_expert005', {
      ...profile,
      status: 'on-leave',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const acceptance: any = await assign({ caseId, panel: 'acceptance' });
    expect(acceptance.userIds).not.toContain('usr_expert005');
    const record = await stack.call('gz.admin', 'GET', `/api/admin/experts/draws/${acceptance.drawId}`);
    expect(record.body.excluded).toContainEqual({ userId: 'usr_expert005', reasons: ['on-leave'] });
  });
});

describe('cp-issue-certificate', () => {
  it('issues one certificate per case whatever the number of invocations', async () => {
    const issue = certificateTask(stack.runtime.taskDeps);
    const payload = {
      caseId,
      organisationId: 'org_mzdd00001',
      programmeId: 'audit-full',
      score: 91.5,
      grade: 'excellent',
    };
    const results: any[] = await Promise.all([issue(payload), issue(payload), issue(payload)]);
    const again: any = await issue({ ...payload, score: 10 });
    for (const r of [...results, again]) expect(r).toEqual(results[0]);
    expect(results[0].number).toMatch(/^CP-440100-\d{4}-0001$/);
    expect(await events('certificate.issued')).toHaveLength(1);
    expect((await findResults(stack.runtime.deps, caseId))?.certificate).toMatchObject({
      number: results[0].number,
      grade: 'excellent',
      score: 91.5,
    });
    const verify = await stack.call(null, 'GET', `/api/certificates/verify/${results[0].number}`);
    expect(verify.body.auditType.zh).toBe('清洁生产审核（全面审核）');
  });

  it('refuses a failed review', async () => {
    await expect(
      certificateTask(stack.runtime.taskDeps)({ caseId, score: 50, grade: 'fail' }),
    ).rejects.toMatchObject({ name: 'Certificate.InvalidRequest' });
  });
});

describe('cp-performance and the reference tables', () => {
  const payload = {
    caseId,
    year: 2023,
    energy: [{ type: 'electricity', savedQuantity: 10, unit: '10^4 kWh' }],
    options: [{ id: 'Z1', cost: 'mid-high', investment: 10, annualBenefit: 1.58, implemented: true }],
  };

  it('records the table once per distinct result', async () => {
    const perf = performanceTask(stack.runtime.taskDeps);
    const a: any = await perf({ ...payload, caseId });
    const b: any = await perf({ ...payload, caseId });
    expect(b).toEqual(a);
    expect(a.factors.grid).toBe('grid-emission-factors@0 south 2022');
    expect(a.appraisal[0]).toMatchObject({ cashFlow: 1.435, payback: 6.9686 });
    expect(await events('performance.recorded')).toHaveLength(1);
  });

  it('uses an administrator’s new factor version at once, records it, and rolls back', async () => {
    const draft = await stack.call('admin', 'GET', '/api/admin/reference/grid-emission-factors');
    expect(draft.body.version).toBe(0); // the starter, never saved
    const content = structuredClone(draft.body.content);
    content.factors.push({ scope: 'grid', region: 'south', year: 2023, value: 0.5, source: 'test value' });
    // a broken draft is saved but cannot be published
    const broken = { ...content, unit: 'tCO2/MWh' };
    expect(
      (await stack.call('admin', 'PUT', '/api/admin/reference/grid-emission-factors', { content: broken }))
        .status,
    ).toBe(200);
    const check = await stack.call(
      'admin',
      'POST',
      '/api/admin/reference/grid-emission-factors/validate',
      {},
    );
    expect(check.body.valid).toBe(false);
    expect(check.body.problems.map((p: any) => p.path)).toContain('/unit');
    const refused = await stack.call(
      'admin',
      'POST',
      '/api/admin/reference/grid-emission-factors/publish',
      {},
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((p: any) => p.path)).toContain('/unit');
    // the fixed draft publishes as version 1
    const saved = await stack.call('admin', 'PUT', '/api/admin/reference/grid-emission-factors', {
      content,
      version: 1,
    });
    expect(saved.body.version).toBe(2);
    const pub = await stack.call('admin', 'POST', '/api/admin/reference/grid-emission-factors/publish', {
      changeNote: 'South 2023',
    });
    expect(pub.body).toEqual({ id: 'grid-emission-factors', version: 1 });
    const perf = performanceTask(stack.runtime.taskDeps);
    const now: any = await perf({ ...payload, caseId });
    expect(now.factors.grid).toBe('grid-emission-factors@1 south 2023');
    expect(now.co2T).toBe(50);
    expect(await events('performance.recorded')).toHaveLength(2);
    // any signed-in user reads the table in force
    const read = await stack.call('mingzhu', 'GET', '/api/reference/grid-emission-factors');
    expect(read.body).toMatchObject({ version: 1, label: 'grid-emission-factors@1' });
    // roll back to the starter's content: a new version, and the old factor again
    await stack.call('admin', 'PUT', '/api/admin/reference/grid-emission-factors', {
      content: draft.body.content,
      version: 2,
    });
    expect(
      (await stack.call('admin', 'POST', '/api/admin/reference/grid-emission-factors/publish', {})).body
        .version,
    ).toBe(2);
    expect(
      (
        await stack.call('admin', 'POST', '/api/admin/reference/grid-emission-factors/publish', {
          fromVersion: 1,
        })
      ).body.version,
    ).toBe(3);
    expect(((await perf({ ...payload, caseId })) as any).factors.grid).toBe(
      'grid-emission-factors@3 south 2023',
    );
    const versions = await stack.call('admin', 'GET', '/api/admin/reference/grid-emission-factors/versions');
    expect(versions.body.items.map((v: any) => v.number)).toEqual([3, 2, 1]);
    expect((await stack.call('admin', 'GET', '/api/admin/reference/no-such-table')).status).toBe(404);
  });
});

describe('the expert pool API', () => {
  it('lists the region’s profiles, guards edits with versions and refuses non-experts', async () => {
    const list = await stack.call('gz.admin', 'GET', '/api/admin/experts?limit=200');
    expect(list.body.items.map((p: any) => p.userId).sort()).toEqual(
      Array.from({ length: 9 }, (_, i) => `usr_expert00${i + 1}`),
    );
    const page = await stack.call('gz.admin', 'GET', '/api/admin/experts?limit=4');
    expect(page.body.items).toHaveLength(4);
    expect(page.body.cursor).toBeDefined();
    const one = await stack.call('gz.admin', 'GET', '/api/admin/experts/usr_expert001');
    expect(one.body).toMatchObject({ name: '王建国', canLead: true, industries: ['C33', 'C34'] });
    const body = { industries: ['C33'], canLead: true, specialities: ['water'], version: one.body.version };
    const saved = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_expert001', body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(one.body.version + 1);
    const stale = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_expert001', body);
    expect(stale.status).toBe(409);
    const create = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_expert001', {
      industries: ['C33'],
    });
    expect(create.status).toBe(409);
    const notExpert = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_mzdd00001', {
      industries: ['C33'],
    });
    expect(notExpert.status).toBe(422);
    const bad = await stack.call('gz.admin', 'PUT', '/api/admin/experts/usr_expert001', {
      industries: ['33'],
      colour: 1,
    });
    expect(bad.status).toBe(400);
    expect((await stack.call('mingzhu', 'GET', '/api/admin/experts')).status).toBe(403);
    expect((await stack.call('sz.admin', 'GET', '/api/admin/experts/usr_expert001')).status).toBe(404);
  });
});
