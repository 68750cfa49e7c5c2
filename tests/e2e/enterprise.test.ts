/**
 * An enterprise fills and submits a quick audit in Chromium: starts the programme, answers the checklist with
 * evidence uploaded (progress shown), types an option and sees NPV / IRR / payback computed, fills the water
 * balance, uploads the report and downloads it back, has a draft saved automatically, gets the server's 422 on
 * the field it names, corrects it and submits; the case then shows the submission with its form version and the
 * timeline.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './support/app';
import { startApp } from './support/app';

// A 1×1 PNG: evidence photos are images (the server refuses types a field does not accept).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterEach(async (ctx) => app?.settle(ctx.task.result?.state === 'fail' ? ctx.task.name : undefined));
afterAll(async () => app?.close());

describe('enterprise portal', () => {
  it('fills and submits a quick audit, with server errors on their fields and a draft saved on the way', async () => {
    const { page } = await app.signIn('mingzhu');
    await page.getByRole('link', { name: '可申报项目' }).click();
    const programme = page.getByTestId('programme').filter({ hasText: '快速审核（演示）' });
    await programme.getByText('未列入强制性审核').waitFor();
    await programme.getByRole('button', { name: '发起' }).click();
    await page.waitForURL(/\/cases\/case_/);
    await page.getByTestId('current-step').getByRole('link', { name: '去处理' }).click();
    await page.waitForURL(/\/tasks\/task_/);
    const taskUrl = page.url();

    // 企业概况, with a credit code whose check character is wrong (the server names it)
    await page.getByLabel('企业名称').fill('广州明珠电镀有限公司');
    await page.getByLabel('统一社会信用代码').fill('91440112MA59ABCD1X');
    await page.getByLabel('行业代码').fill('C3360');

    // 现状调查清单: every item answered; a 不符合 needs its improvement option; evidence uploaded with progress
    await page.getByRole('tab', { name: '现状调查清单' }).click();
    const items = page.getByTestId('checklist-item');
    await expect.poll(() => items.count()).toBe(5);
    for (let i = 0; i < 5; i++)
      await items
        .nth(i)
        .getByRole('radio', { name: i === 2 ? '不符合' : '符合', exact: true })
        .check();
    await items
      .nth(2)
      .getByLabel(/改进方案/)
      .fill('更换老化管件，加装泄漏监测');
    await items
      .nth(0)
      .getByTestId('file-input')
      .setInputFiles({ name: 'hw-storage.png', mimeType: 'image/png', buffer: PNG });
    await items.nth(0).getByTestId('file-name').getByText('hw-storage.png').waitFor();

    // 方案与经济评估: the worked example, computed as the user types
    await page.getByRole('tab', { name: '方案与经济评估' }).click();
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.getByLabel('方案名称 行 1').fill('余热锅炉改造');
    await page.getByLabel('类别 行 1').selectOption({ label: '中/高费' });
    await page.getByLabel('总投资 行 1').fill('10');
    await page.getByLabel('年节省 行 1').fill('1.58');
    const row = page.locator('tr[data-row="0"]');
    await expect.poll(() => row.locator('td[data-computed="npv"]').textContent()).toBe('0.56');
    expect(await row.locator('td[data-computed="irr"]').textContent()).toBe('7.17');
    expect(await row.locator('td[data-computed="payback"]').textContent()).toBe('6.97');

    // 水平衡与报告
    await page.getByRole('tab', { name: '水平衡与报告' }).click();
    const balance = page.getByTestId('balance-table');
    await balance.getByRole('button', { name: '添加一行' }).first().click();
    await balance.getByRole('button', { name: '添加一行' }).nth(1).click();
    await page.getByLabel('输入 项目 1').fill('自来水');
    await page.getByLabel('输入 数量 1').fill('1000');
    await page.getByLabel('输出 项目 1').fill('废水排放');
    await page.getByLabel('输出 数量 1').fill('960');
    await expect.poll(() => page.getByTestId('balance-deviation').textContent()).toBe('偏差: 4%');
    await page
      .getByTestId('file-upload')
      .filter({ hasText: '审核报告' })
      .getByTestId('file-input')
      .setInputFiles({
        name: 'report.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7 送审稿'),
      });
    await page.getByTestId('file-name').filter({ hasText: 'report.pdf' }).waitFor();
    // The stored file downloads from its name, with the bytes that were uploaded.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 report.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report.pdf');
    expect(await readFile((await download.path())!, 'utf8')).toBe('%PDF-1.7 送审稿');

    // The draft is saved on its own; a reload brings it back.
    await expect
      .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 10_000 })
      .toMatch(/草稿已自动保存/);
    await page.goto(taskUrl);
    await page.getByLabel('企业名称').waitFor();
    expect(await page.getByLabel('企业名称').inputValue()).toBe('广州明珠电镀有限公司');

    // Submit: the server refuses the credit code, and says so on the field.
    await page.getByTestId('submit-task').click();
    const problems = page.getByTestId('server-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('统一社会信用代码');
    await page.getByRole('tab', { name: '企业概况' }).click();
    const creditCode = page.getByLabel('统一社会信用代码');
    expect(await creditCode.getAttribute('aria-invalid')).toBe('true');

    await creditCode.fill('91440112MA59ABCD1B');
    await expect.poll(() => problems.isVisible()).toBe(false);
    await page.getByTestId('submit-task').click();
    await page.waitForURL(/\/cases\/case_/, { timeout: 20_000 });
    await page.getByTestId('submission-row').first().waitFor();
    expect(await page.getByTestId('submission-row').first().textContent()).toContain('v1');
    await page.locator('[data-testid="timeline-event"][data-kind="task.submitted"]').first().waitFor();
    await page.getByRole('button', { name: '校验审计日志' }).click();
    expect(await page.getByTestId('verify-result').textContent()).toContain('审计日志完整');
  });
});
