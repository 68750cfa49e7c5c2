/**
 * Administrators' dashboard and management pages in Chromium: the dashboard's figures and charts for the
 * administrator's region after a recount, each chart also as a table, and the way to the stuck cases; the expert
 * pool, a bank's products, a reference table published from its draft, the reward rules and an annual list.
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

describe('admin management', () => {
  it('changes an expert, adds a bank product, publishes a reference table and records an annual list', async () => {
    const { page } = await app.signIn('gz.admin');
    const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name }).click();

    // The expert pool: put the first expert on leave
    await nav('专家库');
    const expert = page.getByTestId('expert-row').first();
    await expert.waitFor();
    await expert.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('combobox', { name: '可用状态' }).click();
    await page.getByRole('option', { name: '暂停（休假）' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('expert-row').first().getByText('暂停（休假）').waitFor();

    // A bank: a new green-credit product
    await nav('合作银行');
    const bank = page.getByTestId('bank-card').filter({ hasText: '广州农村商业银行' });
    await bank.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('产品 ID').fill('e2e-loan');
    await page.getByRole('dialog').getByLabel('名称').fill('清洁生产技改贷');
    await page.getByRole('button', { name: '保存' }).click();
    await bank.getByTestId('product-row').filter({ hasText: 'e2e-loan' }).waitFor();

    // A reference table: validate the draft and publish it as version 1
    await nav('参数表');
    await page.getByRole('link', { name: 'energy-coefficients' }).click();
    await page.getByTestId('reference-editor').waitFor();
    await page.getByRole('button', { name: '校验' }).click();
    await expect.poll(() => page.getByTestId('reference-notice').textContent()).toContain('校验通过');
    await page.getByLabel('变更说明').fill('e2e');
    await page.getByTestId('reference-publish').click();
    await expect.poll(() => page.getByTestId('reference-notice').textContent()).toContain('已发布版本 1');
    await page.getByTestId('reference-version').first().waitFor();

    // The reward rules in force, with their sources
    await nav('奖补规则');
    await page.getByTestId('reward-rule').first().waitFor();

    // An annual list, with its enterprise's progress
    await nav('提醒与名单');
    await page.getByRole('tab', { name: '年度名单' }).click();
    await page.getByRole('button', { name: '登记名单' }).click();
    await page.getByLabel('名单 ID').fill('e2e-list');
    await page.getByRole('dialog').getByLabel('名称').fill('广州市 E2E 名单');
    await page.getByLabel('企业机构 ID').fill('org_mzdd00001');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('deadline-list').getByText('广州明珠电镀有限公司').waitFor();
  });
});
