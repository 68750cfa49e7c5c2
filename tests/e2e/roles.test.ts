/**
 * The expert and bank portals in Chromium, on the same inbox and form page as everyone: an expert scores an
 * audit (the total computed as they type), and a bank answers a green-credit request (a decline needs its
 * reason, `x-requiredIf`), while another bank sees nothing. The earlier steps are arranged through the API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quickAuditForm } from './fixtures/demo';
import type { App } from './support/app';
import { startApp, taskFor } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterEach(async (ctx) => app?.settle(ctx.task.result?.state === 'fail' ? ctx.task.name : undefined));
afterAll(async () => app?.close());

async function startCase(programmeId: string) {
  const res = await app.api('mingzhu', 'POST', '/api/cases', { programmeId });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function submit(user: string, taskId: string, data: unknown) {
  const res = await app.api(user, 'POST', `/api/tasks/${taskId}/submit`, { data });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('expert portal', () => {
  it('scores an audit from the inbox', async () => {
    const caseId = await startCase('demo-quick-audit');
    const fill = await taskFor(app, 'mingzhu', caseId);
    await submit('mingzhu', fill.id, quickAuditForm.examples[0]);
    await taskFor(app, 'expert.wang', caseId, 'demo-score');

    const { page } = await app.signIn('expert.wang');
    expect(await page.getByTestId('portal-badge').textContent()).toBe('专家端');
    await page.getByRole('navigation').getByRole('link', { name: '待办任务' }).click();
    const row = page.getByTestId('task-row').filter({ hasText: '专家评分表' });
    expect(await row.textContent()).toContain('广州明珠电镀有限公司');
    await row.getByRole('link').click();
    await page.getByLabel('审核重点与目标（30 分）').fill('26');
    await page.getByLabel('物料平衡（30 分）').fill('24');
    await page.getByLabel('方案可行性（40 分）').fill('35');
    await expect.poll(() => page.getByLabel('总分').inputValue()).toBe('85');
    await page.getByLabel('评审意见').fill('平衡数据可信，方案经济性论证充分。');
    await page.getByTestId('submit-task').click();
    await page.waitForURL(/\/cases\/case_/, { timeout: 20_000 });
    // The next step is the agency's formal check.
    await page.getByTestId('current-step').filter({ hasText: '形式审查' }).waitFor();
    const subs = await app.api('gz.admin', 'GET', `/api/cases/${caseId}/submissions`);
    const score = subs.body.items.find((s: { formId: string }) => s.formId === 'demo-score');
    expect(score.data).toMatchObject({ focus: 26, balance: 24, options: 35, total: 85 });
  });
});

describe('bank portal', () => {
  it('answers a referral; a decline needs its reason; another bank sees nothing', async () => {
    const caseId = await startCase('demo-green-credit');
    const request = await taskFor(app, 'mingzhu', caseId);
    await submit('mingzhu', request.id, { amount: 300, termMonths: 36, purpose: '余热锅炉改造' });
    await taskFor(app, 'icbc', caseId);

    const other = await app.api('grcb', 'GET', '/api/tasks');
    expect(other.body.items.filter((t: { caseId: string }) => t.caseId === caseId)).toEqual([]);

    const { page } = await app.signIn('icbc');
    expect(await page.getByTestId('portal-badge').textContent()).toBe('银行端');
    await page.getByRole('navigation').getByRole('link', { name: '待办任务' }).click();
    const row = page.getByTestId('task-row').filter({ hasText: '银行答复' });
    // The SLA badge: due in 10 days.
    expect(await row.locator('[data-urgency]').getAttribute('data-urgency')).toBe('ok');
    await row.getByRole('link').click();
    await page.getByLabel('答复').click();
    await page.getByRole('option', { name: 'decline' }).click();
    await page.getByTestId('submit-task').click();
    // Refused: a decline names its reason (the shared rule layer and the server agree).
    await page.getByTestId('server-problems').getByText('理由').waitFor();
    await page.getByLabel('理由').fill('项目投资回收期超过本行绿色信贷政策上限');
    await page.getByTestId('submit-task').click();
    await page.waitForURL(/\/cases\/case_/, { timeout: 20_000 });
    await page.getByText('已完成').first().waitFor({ timeout: 20_000 });
  });
});
