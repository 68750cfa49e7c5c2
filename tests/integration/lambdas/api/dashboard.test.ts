/**
 * The administrators' dashboard on the embedded runtime: cases started and closed through the API and the engine,
 * the facts a closing case leaves (revision loops, findings, savings), a retried closing event, the roll-up's
 * snapshots per region, and each administrator seeing only its own region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordExecutionChange } from '../../../../lambdas/core/cases/cases';
import { rollupDashboard } from '../../../../lambdas/core/dashboard/rollup';
import { recordPerformance } from '../../../../lambdas/core/performance/record';
import { create as issueCertificateTask } from '../../../../lambdas/cp-issue-certificate/handler';
import { requestForm } from '../../../fixtures/lowcode';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
let runningCase = '';
let closedCase = '';
const DAY = 86_400_000;

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

const step = (next: string | null, extra: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: {
    FunctionName: 'cp-open-task',
    Payload: {
      'token.$': '$$.Task.Token',
      'caseId.$': '$.caseId',
      formId: 'dash-request',
      assignee: { role: 'enterprise' },
      dueInDays: 10,
      ...extra,
    },
  },
  ResultPath: null,
  TimeoutSeconds: 864000,
  Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }],
  ...(next ? { Next: next } : { End: true }),
});

/** Submits the case's open step as the enterprise, once it is open. */
async function submitStep(caseId: string, seen: Set<string>) {
  const task = await until(async () =>
    (await stack.call('mingzhu', 'GET', '/api/tasks')).body.items.find(
      (t: any) => t.caseId === caseId && !seen.has(t.id),
    ),
  );
  seen.add(task.id);
  const res = await stack.call('mingzhu', 'POST', `/api/tasks/${task.id}/submit`, {
    data: requestForm.examples[0],
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  stack = await startStack();
  await stack.call('admin', 'PUT', '/api/admin/forms/dash-request', requestForm);
  await stack.call('admin', 'POST', '/api/admin/forms/dash-request/publish', {});
  await stack.call('admin', 'PUT', '/api/admin/workflows/dash-flow', {
    title: { zh: '看板测试', en: 'Dashboard test' },
    definition: {
      StartAt: 'Submit',
      States: {
        Submit: step('Revise', { stage: '报告提交' }),
        // a revision request as the audit workflows make one: the coherence findings in the prefill
        Revise: step(null, {
          stage: '报告修改',
          prefill: {
            coherenceFindings: [
              { code: 'KEY_PROBLEM_WITHOUT_OPTION', severity: 'block' },
              { code: 'BALANCE_DEVIATION', severity: 'warn' },
            ],
          },
        }),
        Late: { Type: 'Fail', Error: 'Case.TimedOut' },
      },
    },
  });
  expect((await stack.call('admin', 'POST', '/api/admin/workflows/dash-flow/publish', {})).status).toBe(200);
  await stack.call('admin', 'PUT', '/api/admin/programmes/dash-audit', {
    title: { zh: '看板测试审核', en: 'Dashboard test audit' },
    kind: 'audit',
    workflowId: 'dash-flow',
    startRoles: ['enterprise'],
  });

  runningCase = (await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'dash-audit' })).body.id;
  closedCase = (await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'dash-audit' })).body.id;
  const seen = new Set<string>();
  await submitStep(closedCase, seen);
  await recordPerformance(stack.runtime.taskDeps, {
    caseId: closedCase,
    year: 2025,
    energy: [{ type: 'electricity', savedQuantity: 10, unit: '10^4 kWh' }],
    water: { freshWaterSavedT: 3200 },
    pollutants: [{ code: 'COD', reducedT: 1.5 }],
    options: [],
  });
  await issueCertificateTask(stack.runtime.taskDeps)({ caseId: closedCase, score: 85, grade: 'good' });
  await submitStep(closedCase, seen);
  await until(async () => {
    const c = (await stack.call('mingzhu', 'GET', `/api/cases/${closedCase}`)).body;
    return c.status === 'completed' ? c : undefined;
  });
  await until(async () =>
    (await stack.call('mingzhu', 'GET', '/api/tasks')).body.items.find((t: any) => t.caseId === runningCase),
  );
});
afterAll(async () => stack?.close());

describe('GET /api/admin/dashboard', () => {
  it("counts the region's cases by programme, stage, district, industry and status", async () => {
    // Act
    const res = await stack.call('gz.admin', 'POST', '/api/admin/dashboard/refresh', {});
    // Assess
    expect(res.status).toBe(200);
    const d = (await stack.call('gz.admin', 'GET', '/api/admin/dashboard')).body;
    expect(d.regionPath).toBe('86/440000/440100/');
    expect(d.cases).toEqual({
      total: 2,
      byStatus: { running: 1, completed: 1 },
      byProgramme: { 'dash-audit': 2 },
      byStage: { 报告提交: 1 },
      byDistrict: { '440112': 2 },
      byIndustry: { C33: 2 },
    });
    expect(d.overdue).toEqual({ tasks: 0, cases: 0, byProgramme: {} });
  });

  it('keeps what a closed case left — revision loops, findings, savings — once, however often its end is delivered', async () => {
    // Prepare: the engine's closing event again, as EventBridge may deliver it twice
    await recordExecutionChange(stack.runtime.taskDeps, {
      name: closedCase,
      status: 'SUCCEEDED',
      input: JSON.stringify({ caseId: closedCase }),
      output: '{}',
      error: null,
      cause: null,
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:x:${closedCase}`,
    });
    // Act
    const d = (await stack.call('gz.admin', 'POST', '/api/admin/dashboard/refresh', {})).body.dashboard;
    // Assess
    expect(d.consultancies).toEqual([
      {
        consultancyId: 'org_lyzx00001',
        name: expect.any(String),
        cases: 2,
        passed: 1,
        failed: 0,
        revisionLoops: 1,
        findings: { block: 1, warn: 1 },
      },
    ]);
    const y2025 = d.savings.byYear['2025'];
    expect(y2025).toMatchObject({ cases: 1, waterT: 3200, pollutants: { COD: 1.5 } });
    expect(y2025.tce).toBeGreaterThan(0);
    expect(y2025.co2T).toBeGreaterThan(0);
  });

  it('counts overdue steps and certificates nearing expiry as of the roll-up', async () => {
    // Prepare: a roll-up 11 days on (the running case's step was due in 10), and one 5 years less 60 days on
    const now = Date.now();
    await rollupDashboard({ db: stack.runtime.deps.db, clock: { now: () => now + 11 * DAY } });
    const late = (await stack.call('gz.admin', 'GET', '/api/admin/dashboard')).body;
    await rollupDashboard({ db: stack.runtime.deps.db, clock: { now: () => now + (5 * 365 - 60) * DAY } });
    const years = (await stack.call('admin', 'GET', '/api/admin/dashboard')).body;
    // Assess
    expect(late.overdue).toEqual({ tasks: 1, cases: 1, byProgramme: { 'dash-audit': 1 } });
    expect(years.certificates.expiring).toEqual({ days30: 0, days90: 1, days180: 1 });
    expect(years.regionPath).toBe('86/');
  });

  it("shows an administrator its own region only, and another region's as not found", async () => {
    const sz = await stack.call('sz.admin', 'GET', '/api/admin/dashboard');
    expect(sz.status).toBe(200);
    expect(sz.body.regionPath).toBe('86/440000/440300/');
    expect(sz.body.cases.total).toBe(0);
    expect((await stack.call('sz.admin', 'GET', '/api/admin/dashboard?region=440100')).status).toBe(404);
    const district = await stack.call('gz.admin', 'GET', '/api/admin/dashboard?region=440112');
    expect(district.body.cases.total).toBe(2);
    expect((await stack.call('mingzhu', 'GET', '/api/admin/dashboard')).status).toBe(403);
  });
});
