/**
 * Administrators in Chromium: change a form in the designer (a new required field, its zh / en labels from the
 * field list), see it in the live preview, validate and publish — and the enterprise sees the new field at once
 * in a case started afterwards. The workflow designer draws the graph, pins a validation problem to its state,
 * dry-runs the path, and rolls back to a published version. Organisations and users are managed.
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

describe('admin portal', () => {
  it('publishes a changed form and the enterprise sees it at once', async () => {
    const { page } = await app.signIn('gz.admin');
    await page.getByRole('navigation').getByRole('link', { name: '表单设计' }).click();
    await page.getByTestId('definition-row').filter({ hasText: 'demo-financing' }).getByRole('link').click();
    await page.getByTestId('form-preview').getByLabel('融资金额（万元）').waitFor();

    // A new required field, written in the JSON editors.
    await page.getByRole('tab', { name: 'JSON Schema' }).click();
    const schemaEditor = page.getByTestId('schema-editor');
    const schema = JSON.parse(await schemaEditor.inputValue());
    schema.properties.collateral = { type: 'string', minLength: 2 };
    schema.required.push('collateral');
    await schemaEditor.fill('{ "broken": ');
    await page.getByText(/第 1 行第 \d+ 列/).waitFor(); // the parse error is located
    await schemaEditor.fill(JSON.stringify(schema, null, 2));
    await page.getByRole('tab', { name: 'UI Schema' }).click();
    const uiEditor = page.getByTestId('uischema-editor');
    const ui = JSON.parse(await uiEditor.inputValue());
    ui.elements.push({ type: 'Control', scope: '#/properties/collateral' });
    await uiEditor.fill(JSON.stringify(ui, null, 2));
    await page.getByRole('tab', { name: '示例数据（examples）' }).click();
    const examplesEditor = page.getByTestId('examples-editor');
    const examples = JSON.parse(await examplesEditor.inputValue());
    examples[0].collateral = '设备抵押';
    await examplesEditor.fill(JSON.stringify(examples, null, 2));

    // Its labels, from the field list; the preview follows in both languages.
    await page.getByRole('tab', { name: '字段列表' }).click();
    const row = page.locator('[data-pointer="/collateral"]');
    await row.getByLabel('zh · collateral').fill('担保方式');
    await row.getByLabel('en · collateral').fill('Collateral');
    const preview = page.getByTestId('form-preview');
    await preview.getByLabel('担保方式').waitFor();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await preview.getByLabel('Collateral').waitFor();

    await page.getByTestId('validate').click();
    await expect.poll(() => page.getByTestId('designer-notice').textContent()).toContain('校验通过');
    await page.getByTestId('publish').click();
    await page.getByLabel('变更说明').fill('增加担保方式');
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => page.getByTestId('designer-notice').textContent()).toContain('已发布版本 2');
    await expect.poll(() => page.getByTestId('version-row').count()).toBe(2);
    await page
      .getByTestId('version-row')
      .filter({ hasText: 'v1' })
      .getByRole('button', { name: '与草稿比较' })
      .click();
    await page
      .locator('[data-testid="diff"] [data-kind="add"]')
      .filter({ hasText: 'collateral' })
      .first()
      .waitFor();
    await page.getByRole('button', { name: '关闭' }).click();

    // The enterprise, right away: a new case gets the new field.
    const enterprise = await app.signIn('mingzhu');
    const started = await app.api('mingzhu', 'POST', '/api/cases', { programmeId: 'demo-green-credit' });
    expect(started.status).toBe(201);
    const task = await taskFor(app, 'mingzhu', started.body.id);
    expect(task.formVersion).toBe(2);
    await enterprise.page.goto(`${app.url}/tasks/${task.id}`);
    await enterprise.page.getByLabel('担保方式').waitFor();
    expect(await enterprise.page.getByText('表单版本 2').count()).toBe(1);
  });

  it('draws a workflow, pins problems to their states, dry-runs it and rolls back', async () => {
    const { page } = await app.signIn('gz.admin');
    await page.goto(`${app.url}/admin/workflows/demo-green-credit-flow`);
    await page.getByTestId('state-Request').waitFor();
    await page.getByTestId('state-Answer').waitFor();

    // Remove the bank step's timeout: validation names the state, the graph marks it.
    const editor = page.getByTestId('asl-editor');
    const def = JSON.parse(await editor.inputValue());
    delete def.States.Answer.TimeoutSeconds;
    await editor.fill(JSON.stringify(def, null, 2));
    await page.getByTestId('validate').click();
    await page.getByTestId('problems').getByText('/States/Answer/TimeoutSeconds').waitFor();
    expect(await page.getByTestId('state-Answer').getAttribute('data-problems')).not.toBeNull();
    await page.getByTestId('problems').getByRole('button', { name: '状态 Answer' }).first().click();
    const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected).toContain('"Answer"');

    // Put it back and dry-run: the path is listed and drawn.
    def.States.Answer.TimeoutSeconds = 864000;
    await editor.fill(JSON.stringify(def, null, 2));
    await page.getByTestId('dry-run').click();
    const result = page.getByTestId('dry-run-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('SUCCEEDED');
    expect(await result.textContent()).toContain('1. Request');
    expect(await page.getByTestId('state-Answer').getAttribute('data-visited')).toBe('true');

    // Publish a change (version 2), then roll back to version 1: it is published again as version 3.
    def.Comment = 'Enterprise asks, the bank answers within 10 days';
    await editor.fill(JSON.stringify(def, null, 2));
    await page.getByTestId('publish').click();
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => page.getByTestId('designer-notice').textContent()).toContain('已发布版本 2');
    await page
      .getByTestId('version-row')
      .filter({ hasText: 'v1' })
      .getByRole('button', { name: '回滚到此版本' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: '回滚到此版本' }).click();
    await page.getByText(/已回滚：版本 1 重新发布为版本 3/).waitFor({ timeout: 30_000 });
  });

  it('adds an organisation and a user', async () => {
    const { page } = await app.signIn('gz.admin');
    await page.getByRole('navigation').getByRole('link', { name: '机构管理' }).click();
    await page.getByRole('button', { name: '新建机构' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('广州绿色纺织有限公司');
    await dialog.getByLabel(/统一社会信用代码/).fill('91440101MA5AAAAA1X');
    await dialog.getByLabel(/行业代码/).fill('C1713');
    await dialog.getByRole('button', { name: '保存' }).click();
    // The server checks the credit code's check character and says so on the field.
    await expect.poll(() => dialog.getByLabel(/统一社会信用代码/).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel(/统一社会信用代码/).fill('91350100M000100Y43');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/organisations\/org_/);
    await page.getByRole('heading', { name: '广州绿色纺织有限公司' }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const userDialog = page.getByRole('dialog');
    await userDialog.getByLabel('用户名').fill('lvse.zhang');
    await userDialog.getByLabel('显示名称').fill('绿色纺织 张工');
    await userDialog.getByLabel('初始密码').fill('a-long-enough-password');
    await userDialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: 'lvse.zhang', exact: true }).waitFor();
  });
});
