/**
 * Every portal's pages, as one list the axe checks (tests/e2e/a11y.test.ts) and the screenshots
 * (tests/e2e/support/screenshots.ts) both walk: who signs in, which paths, and what shows the page is ready.
 * `arrangeDemoCases` first puts the demo world in the states those pages show (through the API: these pages are
 * not what is being arranged).
 */
import type { Page } from 'playwright-core';
import { quickAuditForm } from '../fixtures/demo';
import type { App } from './app';
import { taskFor } from './app';

export interface DemoCases {
  /** A quick audit the enterprise is still filling, with a saved draft (five options). */
  fillTask: string;
  /** A submitted quick audit waiting for the expert's score. */
  scoreTask: string;
  /** A scored quick audit waiting for the agency's check. */
  reviewTask: string;
  /** A green-credit request waiting for the bank's answer. */
  bankTask: string;
  /** The case of `reviewTask`: submissions, a score, a timeline, an execution graph. */
  caseId: string;
}

const example = quickAuditForm.examples[0]!;
const draft = {
  ...example,
  options: [
    ...example.options,
    { name: '电镀槽逆流漂洗', category: '无/低费', investment: 2.5, annualSaving: 1.2 },
    { name: '空压机变频改造', category: '中/高费', investment: 18, annualSaving: 3.1 },
    { name: '镀液在线过滤回用', category: '中/高费', investment: 12, annualSaving: 2.2 },
    { name: '车间照明 LED 替换', category: '无/低费', investment: 1.6, annualSaving: 0.6 },
  ],
};

export async function arrangeDemoCases(app: App): Promise<DemoCases> {
  const start = async (programmeId: string) =>
    (await app.api('mingzhu', 'POST', '/api/cases', { programmeId })).body.id as string;
  const submit = (user: string, taskId: string, data: unknown) =>
    app.api(user, 'POST', `/api/tasks/${taskId}/submit`, { data });

  const caseId = await start('demo-quick-audit');
  await submit('mingzhu', (await taskFor(app, 'mingzhu', caseId)).id, quickAuditForm.examples[0]);
  const score = await taskFor(app, 'expert.wang', caseId, 'demo-score');
  await submit('expert.wang', score.id, { focus: 25, balance: 24, options: 33, veto: false });
  const reviewTask = (await taskFor(app, 'gz.admin', caseId, 'demo-review')).id;
  const second = await start('demo-quick-audit');
  const fillTask = (await taskFor(app, 'mingzhu', second)).id;
  const saved = await app.api('mingzhu', 'PUT', `/api/tasks/${fillTask}/draft`, { data: draft });
  if (saved.status !== 200) throw new Error(`draft not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
  const third = await start('demo-quick-audit');
  await submit('mingzhu', (await taskFor(app, 'mingzhu', third)).id, quickAuditForm.examples[0]);
  const scoreTask = (await taskFor(app, 'expert.wang', third, 'demo-score')).id;
  const credit = await start('demo-green-credit');
  await submit('mingzhu', (await taskFor(app, 'mingzhu', credit)).id, {
    amount: 300,
    termMonths: 36,
    purpose: '余热锅炉改造',
  });
  const bankTask = (await taskFor(app, 'icbc', credit)).id;
  return { fillTask, scoreTask, reviewTask, bankTask, caseId };
}

export interface PortalPage {
  /** File-name-safe: `<portal>-<page>`. */
  name: string;
  path: string;
  ready(page: Page): Promise<unknown>;
}

export interface Portal {
  name: string;
  /** A demo user, or null for the signed-out pages. */
  user: string | null;
  pages: PortalPage[];
}

const heading = (text: string | RegExp) => (p: Page) =>
  p.getByRole('heading', { level: 1, name: text }).waitFor();
/** A page with its title shown and its requests done (lists that may be empty). */
const loaded = async (p: Page) => {
  await p.getByRole('heading', { level: 1 }).first().waitFor();
  await p.waitForLoadState('networkidle');
};
const testId = (id: string) => (p: Page) => p.getByTestId(id).first().waitFor();
const tab = (name: string, then: string) => async (p: Page) => {
  await p.getByRole('tab', { name }).click();
  await p.getByTestId(then).first().waitFor();
};

export function portals(c: DemoCases): Portal[] {
  return [
    {
      name: 'sign-in',
      user: null,
      pages: [{ name: 'login', path: '/', ready: (p) => p.getByRole('button', { name: '登录' }).waitFor() }],
    },
    {
      name: 'enterprise',
      user: 'mingzhu',
      pages: [
        { name: 'enterprise-home', path: '/', ready: heading(/您好/) },
        { name: 'enterprise-programmes', path: '/programmes', ready: testId('programme') },
        { name: 'enterprise-tasks', path: '/tasks', ready: testId('task-row') },
        {
          name: 'enterprise-task-form',
          path: `/tasks/${c.fillTask}`,
          ready: (p) => p.getByLabel('企业名称').waitFor(),
        },
        {
          name: 'enterprise-task-checklist',
          path: `/tasks/${c.fillTask}`,
          ready: tab('现状调查清单', 'checklist-item'),
        },
        {
          name: 'enterprise-task-options',
          path: `/tasks/${c.fillTask}`,
          ready: tab('方案与经济评估', 'options-table'),
        },
        { name: 'enterprise-cases', path: '/cases', ready: testId('case-row') },
        { name: 'enterprise-case', path: `/cases/${c.caseId}`, ready: testId('timeline-event') },
        { name: 'enterprise-certificates', path: '/certificates', ready: loaded },
        { name: 'enterprise-financing', path: '/financing', ready: loaded },
        { name: 'enterprise-incentives', path: '/incentives', ready: loaded },
        { name: 'enterprise-notifications', path: '/notifications', ready: loaded },
      ],
    },
    {
      name: 'consultant',
      user: 'lvyuan',
      pages: [
        { name: 'consultant-home', path: '/', ready: heading(/您好/) },
        { name: 'consultant-tasks', path: '/tasks', ready: testId('task-row') },
        {
          name: 'consultant-task',
          path: `/tasks/${c.fillTask}`,
          ready: (p) => p.getByLabel('企业名称').waitFor(),
        },
      ],
    },
    {
      name: 'expert',
      user: 'expert.wang',
      pages: [
        { name: 'expert-home', path: '/', ready: heading(/您好/) },
        { name: 'expert-tasks', path: '/tasks', ready: testId('task-row') },
        {
          name: 'expert-score',
          path: `/tasks/${c.scoreTask}`,
          ready: (p) => p.getByLabel('审核重点与目标（30 分）').waitFor(),
        },
        { name: 'expert-cases', path: '/cases', ready: testId('case-row') },
        { name: 'expert-reviews', path: '/reviews', ready: loaded },
      ],
    },
    {
      name: 'bank',
      user: 'icbc',
      pages: [
        { name: 'bank-home', path: '/', ready: heading(/您好/) },
        { name: 'bank-tasks', path: '/tasks', ready: testId('task-row') },
        { name: 'bank-answer', path: `/tasks/${c.bankTask}`, ready: (p) => p.getByLabel('答复').waitFor() },
        { name: 'bank-referrals', path: '/referrals', ready: loaded },
      ],
    },
    {
      name: 'admin',
      user: 'gz.admin',
      pages: [
        { name: 'admin-home', path: '/', ready: heading(/您好/) },
        { name: 'admin-organisations', path: '/admin/organisations', ready: heading('机构管理') },
        {
          name: 'admin-organisation',
          path: '/admin/organisations/org_mzdd00001',
          ready: heading('广州明珠电镀有限公司'),
        },
        { name: 'admin-cases', path: '/cases', ready: testId('case-row') },
        { name: 'admin-cases-stuck', path: '/cases?view=stuck', ready: testId('case-row') },
        { name: 'admin-certificates', path: '/certificates', ready: loaded },
        { name: 'admin-incentives', path: '/incentives', ready: loaded },
        {
          name: 'admin-case',
          path: `/cases/${c.caseId}`,
          ready: (p) => p.locator('.react-flow__node').first().waitFor(),
        },
        {
          name: 'admin-review',
          path: `/tasks/${c.reviewTask}`,
          ready: (p) => p.getByLabel('结论').waitFor(),
        },
      ],
    },
    {
      name: 'admin-designers',
      user: 'gz.admin',
      pages: [
        { name: 'admin-forms', path: '/admin/forms', ready: testId('definition-row') },
        { name: 'admin-form-designer', path: '/admin/forms/demo-quick-audit', ready: testId('field-list') },
        { name: 'admin-workflows', path: '/admin/workflows', ready: testId('definition-row') },
        {
          name: 'admin-workflow-designer',
          path: '/admin/workflows/demo-quick-audit-flow',
          ready: testId('state-Fill'),
        },
      ],
    },
    {
      name: 'admin-management',
      user: 'gz.admin',
      pages: [
        { name: 'admin-dashboard', path: '/admin/dashboard', ready: testId('chart-byProgramme') },
        { name: 'admin-experts', path: '/admin/experts', ready: testId('expert-row') },
        { name: 'admin-banks', path: '/admin/banks', ready: testId('bank-card') },
        { name: 'admin-reward-rules', path: '/admin/reward-rules', ready: testId('reward-rule') },
        { name: 'admin-reference', path: '/admin/reference', ready: testId('reference-row') },
        {
          name: 'admin-reference-table',
          path: '/admin/reference/energy-coefficients',
          ready: testId('reference-editor'),
        },
        { name: 'admin-reminders', path: '/admin/reminders?tab=lists', ready: heading('提醒与名单') },
      ],
    },
  ];
}

/** A page for a portal: signed in as its user, or a fresh signed-out context. */
export async function openPortal(
  app: App,
  portal: Portal,
  viewport = { width: 1366, height: 900 },
): Promise<Page> {
  if (portal.user) {
    const { page } = await app.signIn(portal.user);
    await page.setViewportSize(viewport);
    return page;
  }
  return (await app.browser.newContext({ viewport, locale: 'zh-CN' })).newPage();
}

/** Goes to a portal page and waits until it shows, then for transitions (drawers, tabs, graph layout) to settle. */
export async function visit(app: App, page: Page, p: PortalPage): Promise<void> {
  await page.goto(app.url + p.path);
  await p.ready(page);
  await page.waitForTimeout(400);
}
