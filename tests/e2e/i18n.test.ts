/**
 * Chinese first, English on demand: the switch changes the UI texts (typed dictionary), the form texts (the
 * form's own i18n through JSON Forms' translate), the page's `lang`, and is remembered across a reload.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './support/app';
import { startApp, taskFor } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterEach(async (ctx) => app?.settle(ctx.task.result?.state === 'fail' ? ctx.task.name : undefined));
afterAll(async () => app?.close());

describe('zh / en switch', () => {
  it('is Chinese by default, switches to English everywhere, and remembers the choice', async () => {
    const started = await app.api('mingzhu', 'POST', '/api/cases', { programmeId: 'demo-green-credit' });
    const task = await taskFor(app, 'mingzhu', started.body.id);

    const { page } = await app.signIn('mingzhu');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '待办任务' }).waitFor();
    await page.goto(`${app.url}/tasks/${task.id}`);
    await page.getByLabel('融资金额（万元）').waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByLabel('Amount (CNY 10k)').waitFor();
    await page.getByLabel('Purpose (mid/high-cost options)').waitFor();
    await nav.getByRole('link', { name: 'Tasks' }).waitFor();
    expect(await page.getByTestId('portal-badge').textContent()).toBe('Enterprise portal');
    expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByLabel('Amount (CNY 10k)').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByLabel('融资金额（万元）').waitFor();
    await nav.getByRole('link', { name: '待办任务' }).waitFor();
  });

  it('offers the switch on the sign-in page', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('mingzhu');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await context.close();
  });
});
