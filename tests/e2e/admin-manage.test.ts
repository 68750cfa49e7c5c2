/**
 * Administrators' dashboard and management pages in Chromium: the dashboard's figures and charts for the
 * administrator's region after a recount, each chart also as a table, and the way to the stuck cases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './support/app';
import { startApp } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterEach(async (ctx) => app?.settle(ctx.task.result?.state === 'fail' ? ctx.task.name : undefined));
afterAll(async () => app?.close());

describe('admin dashboard', () => {
  it('draws the region’s cases as charts, as tables too, and leads to the stuck cases', async () => {
    // Prepare: a Guangzhou case, so the region has something to count
    const started = await app.api('mingzhu', 'POST', '/api/cases', { programmeId: 'demo-green-credit' });
    expect(started.status).toBe(201);
    const { page } = await app.signIn('gz.admin');

    // Act
    await page.getByRole('navigation').getByRole('link', { name: '仪表盘' }).click();
    await page.getByRole('heading', { name: '监管看板' }).waitFor();
    await page.getByRole('button', { name: '立即重新统计' }).click();

    // Assess: the figures, and a chart per breakdown with bars in it
    await expect.poll(() => page.getByTestId('figure-total').textContent()).not.toBe('0');
    for (const chart of ['byProgramme', 'byStage', 'byDistrict', 'byIndustry']) {
      await page
        .getByTestId(`chart-${chart}-chart`)
        .locator('.recharts-bar-rectangle')
        .first()
        .waitFor({ state: 'attached' });
    }
    await page.getByTestId('chart-quality').waitFor();
    const byDistrict = page.getByTestId('chart-byDistrict');
    await byDistrict.getByRole('button', { name: '表格' }).click();
    await byDistrict.getByRole('cell', { name: '黄埔区' }).waitFor();

    await page.getByRole('link', { name: '停滞案件', exact: true }).click();
    await page.waitForURL(/\/cases\?view=stuck/);
  });
});
