/**
 * What the lifecycle tests share: the starter catalogue on the embedded runtime (with issue 6's tables, forms and
 * workflows loaded), a real certificate obtained the way an enterprise gets one — the printing enterprise's audit
 * round routed to the quick audit and run to its certificate through the HTTP API — and small helpers for tasks.
 */
import { expect } from 'vitest';
import { loadCatalogue } from '../../../lambdas/core/definitions/catalogue';
import { readCatalogue } from '../../../local/catalogue';
import { baiyunFiling } from '../../support/programme-steps';
import type { TestStack } from '../../support/stack';
import { startStack } from '../../support/stack';
import { Driver, until } from '../programmes/support';

export { until };

const OURS = {
  references: ['reward-rules', 'reminder-policy', 'referral-policy'],
  forms: [
    'renewal-notice',
    'incentive-application',
    'incentive-review',
    'incentive-disbursement',
    'financing-request',
    'financing-consent',
    'bank-answer',
    'financing-info',
  ],
  workflows: ['incentive', 'green-credit', 'green-credit-bank', 'renewal'],
};

/** The catalogue as `npm start` loads it; every form, workflow and table of the lifecycle published. */
export async function lifecycleStack(): Promise<TestStack> {
  const stack = await startStack();
  const report = await loadCatalogue(stack.runtime.deps, readCatalogue('.'));
  const failed = [
    ...Object.entries(report.forms),
    ...Object.entries(report.workflows),
    ...Object.entries(report.references ?? {}),
  ]
    .filter(([, outcome]) => outcome.startsWith('failed'))
    .map(([id, outcome]) => `${id}: ${outcome}`);
  expect(failed).toEqual([]);
  for (const id of OURS.forms) expect(report.forms[id], id).toBe('published');
  for (const id of OURS.workflows) expect(report.workflows[id], id).toBe('published');
  for (const id of OURS.references) expect(report.references?.[id], id).toBe('published');
  return stack;
}

export { baiyunFiling };

export interface Certified {
  roundCaseId: string;
  auditCaseId: string;
  certificate: any;
}

/** Runs 白云印刷's audit round through the quick audit to its certificate (cp-performance, cp-issue-certificate). */
export async function certifiedAudit(stack: TestStack): Promise<Certified> {
  const started = await stack.call('baiyun', 'POST', '/api/cases', {
    programmeId: 'audit-round',
    data: { publicationSeconds: 1 },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const root = started.body.id as string;
  const d = new Driver(stack);
  await d.run(
    () => [root, `${root}quick`],
    async () => (await d.getCase(root))?.status !== 'running',
    ({ formId, example }) => (formId === 'filing' ? baiyunFiling(example) : undefined),
    180_000,
  );
  await d.status(root, ['completed']);
  const certs = await stack.call('baiyun', 'GET', '/api/certificates');
  const certificate = certs.body.items.find((c: any) => c.caseId === `${root}quick`);
  expect(certificate, JSON.stringify(certs.body)).toBeDefined();
  return { roundCaseId: root, auditCaseId: `${root}quick`, certificate };
}

/** The first open task of `username` that `match` accepts (waits for the workflow to open it). */
export async function taskOf(stack: TestStack, username: string, match: (t: any) => boolean, ms = 30_000) {
  return until(
    `a task for ${username}`,
    async () => (await stack.call(username, 'GET', '/api/tasks')).body.items?.find(match),
    ms,
  );
}

/** Opens a task (with its form and prefill) and submits `data`, expecting success. */
export async function submit(stack: TestStack, username: string, taskId: string, data: unknown) {
  const res = await stack.call(username, 'POST', `/api/tasks/${taskId}/submit`, { data });
  expect(res.status, `${username} submits ${taskId}: ${JSON.stringify(res.body).slice(0, 400)}`).toBe(200);
  return res.body;
}

export async function readTask(stack: TestStack, username: string, taskId: string) {
  const res = await stack.call(username, 'GET', `/api/tasks/${taskId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function caseOf(stack: TestStack, id: string, username = 'admin') {
  return (await stack.call(username, 'GET', `/api/cases/${id}`)).body;
}

export async function caseStatus(stack: TestStack, id: string, wanted: string[], ms = 30_000) {
  return until(
    `case ${id} ${wanted.join('|')}`,
    async () => {
      const c = await caseOf(stack, id);
      return c && wanted.includes(c.status) ? c : undefined;
    },
    ms,
  );
}

/** A day `n` days from `day` (YYYY-MM-DD). */
export const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
