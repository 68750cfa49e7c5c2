/**
 * Organisation and region scoping, one check per route and role, generated from the OpenAPI route table: every
 * route must have a sample here (a new route without one fails), every role outside a route's x-roles gets 403,
 * and every admitted role's user from elsewhere (another region's administrator, another enterprise, a consultancy
 * the enterprise did not authorise, an expert not on the case, a bank it was not referred to) reaches nothing of
 * the Guangzhou enterprise's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { requestFlow, requestForm, reviewForm } from '../../../fixtures/lowcode';
import { create as assignExpertsTask } from '../../../../lambdas/cp-assign-experts/handler';
import { create as issueCertificateTask } from '../../../../lambdas/cp-issue-certificate/handler';
import { starterContent } from '../../../../lambdas/core/reference/registry';
import { recordPerformance } from '../../../../lambdas/core/performance/record';
import { runReferralAction } from '../../../../lambdas/core/referrals/actions';

let stack: TestStack;
const routes: { method: string; path: string; roles: string[] | 'public' }[] = [];
const GZ_ENTERPRISE = 'org_mzdd00001';
const GZ_USER = 'usr_mzdd00001';
let caseId = '';
let taskId = '';
let submissionId = '';
let fileId = '';
let drawId = '';
let certificateId = '';
let notificationId = '';
let referralId = '';

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  stack = await startStack();
  const doc = (await stack.call(null, 'GET', '/api/openapi.json')).body;
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops))
      routes.push({ method: method.toUpperCase(), path, roles: op['x-roles'] });
  }
  // Guangzhou's data: a case with a submitted first step and an open review, and a file
  for (const [id, form] of [
    ['test-request', requestForm],
    ['test-review', reviewForm],
  ] as const) {
    await stack.call('admin', 'PUT', `/api/admin/forms/${id}`, form);
    await stack.call('admin', 'POST', `/api/admin/forms/${id}/publish`, {});
  }
  await stack.call('admin', 'PUT', '/api/admin/workflows/test-flow', requestFlow);
  await stack.call('admin', 'POST', '/api/admin/workflows/test-flow/publish', {});
  await stack.call('admin', 'PUT', '/api/admin/programmes/test-programme', {
    title: { zh: '测试', en: 'Test' },
    kind: 'audit',
    workflowId: 'test-flow',
    startRoles: ['enterprise', 'consultant', 'admin'],
  });
  caseId = (await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' })).body.id;
  const first = await until(async () =>
    (await stack.call('mingzhu', 'GET', '/api/tasks')).body.items.find((t: any) => t.caseId === caseId),
  );
  submissionId = (
    await stack.call('mingzhu', 'POST', `/api/tasks/${first.id}/submit`, { data: requestForm.examples[0] })
  ).body.submission.id;
  taskId = (
    await until(async () =>
      (await stack.call('gz.admin', 'GET', '/api/tasks')).body.items.find((t: any) => t.caseId === caseId),
    )
  ).id;
  // a panel on Guangzhou's case (not the outsider expert, who must stay off it) and its certificate
  drawId = (
    (await assignExpertsTask(stack.runtime.taskDeps)({
      caseId,
      panel: 'quick',
      exclude: ['usr_expert001'],
    })) as { drawId: string }
  ).drawId;
  certificateId = (
    (await issueCertificateTask(stack.runtime.taskDeps)({ caseId, score: 85, grade: 'good' })) as {
      certificateId: string;
    }
  ).certificateId;
  // issue 6: Guangzhou's notification, deadline list and a green-credit referral of its case to GRCB
  notificationId = (await stack.call('mingzhu', 'GET', '/api/notifications')).body.items[0].id;
  await stack.call('gz.admin', 'PUT', '/api/admin/reminders/lists/gz-authz', {
    name: '广州市清洁生产审核企业名单（测试）',
    listType: 'mandatory',
    publishedOn: '2026-03-31',
    organisationIds: [GZ_ENTERPRISE],
  });
  await recordPerformance(stack.runtime.taskDeps, {
    caseId,
    year: 2025,
    options: [{ id: 'Z1', cost: 'mid-high', investment: 120, annualBenefit: 30 }],
  });
  const referral = (action: Record<string, unknown>) => runReferralAction(stack.runtime.taskDeps, action);
  await referral({
    action: 'match',
    caseId,
    request: {
      auditCaseId: caseId,
      amount: 100,
      termMonths: 24,
      categories: ['clean-production'],
      purposeOptionIds: ['Z1'],
      purpose: '改造',
    },
  });
  await referral({
    action: 'consent',
    caseId,
    consent: {
      banks: [{ bankId: 'org_grcb00001', productId: 'cp-loan', scopes: ['profile', 'options'] }],
      agreed: true,
      signedBy: '李工',
    },
  });
  referralId = (
    (await referral({ action: 'deliver', caseId, requestId: caseId, bankId: 'org_grcb00001' })) as {
      referralId: string;
    }
  ).referralId;
  fileId = (
    await stack.call('mingzhu', 'POST', '/api/files', {
      name: '报告.pdf',
      size: 4,
      contentType: 'application/pdf',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      caseId,
    })
  ).body.fileId;
});
afterAll(async () => stack?.close());

/** Any status but 403/404/5xx: the route is open to this role and not organisation data (shared definitions). */
const reachable = (status: number) => expect(status === 403 || status === 404 || status >= 500).toBe(false);
const none = (body: any) =>
  expect(body.items.some((x: any) => JSON.stringify(x).includes(GZ_ENTERPRISE) || x.caseId === caseId)).toBe(
    false,
  );

type Sample = {
  path: () => string;
  body?: () => unknown;
  expect: 404 | ((body: any, status: number) => void);
};
const def = (path: string, body?: unknown): Sample => ({
  path: () => path,
  ...(body !== undefined ? { body: () => body } : {}),
  expect: (_b, s) => reachable(s),
});

const foreign: Record<string, Sample> = {
  'GET /api/me': { path: () => '/api/me', expect: (b) => expect(b.organisationId).not.toBe(GZ_ENTERPRISE) },
  'GET /api/regions': {
    path: () => '/api/regions',
    expect: (b) => expect(Array.isArray(b.items)).toBe(true),
  },
  'POST /api/admin/regions': {
    path: () => '/api/admin/regions',
    body: () => ({
      code: '440199',
      name: { zh: '越权区', en: 'Intrusion' },
      level: 'district',
      parentCode: '440100',
    }),
    expect: 404,
  },
  'GET /api/admin/organisations': {
    path: () => '/api/admin/organisations?limit=200',
    expect: (b) => expect(b.items.every((o: any) => o.regionPath.startsWith('86/440000/440300/'))).toBe(true),
  },
  'POST /api/admin/organisations': {
    path: () => '/api/admin/organisations',
    body: () => ({ kind: 'bank', name: '越权银行', regionCode: '440100' }),
    expect: 404,
  },
  'GET /api/admin/organisations/{id}': {
    path: () => `/api/admin/organisations/${GZ_ENTERPRISE}`,
    expect: 404,
  },
  'PUT /api/admin/organisations/{id}': {
    path: () => `/api/admin/organisations/${GZ_ENTERPRISE}`,
    body: () => ({ name: '越权改名', version: 1 }),
    expect: 404,
  },
  'GET /api/admin/organisations/{id}/consultancies': {
    path: () => `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies`,
    expect: 404,
  },
  'PUT /api/admin/organisations/{id}/consultancies/{consultancyId}': {
    path: () => `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies/org_hzzx00001`,
    expect: 404,
  },
  'DELETE /api/admin/organisations/{id}/consultancies/{consultancyId}': {
    path: () => `/api/admin/organisations/${GZ_ENTERPRISE}/consultancies/org_lyzx00001`,
    expect: 404,
  },
  'GET /api/admin/users': { path: () => `/api/admin/users?organisationId=${GZ_ENTERPRISE}`, expect: 404 },
  'POST /api/admin/users': {
    path: () => '/api/admin/users',
    body: () => ({
      username: 'intruder',
      displayName: '越权',
      organisationId: GZ_ENTERPRISE,
      password: 'long-enough-pw',
    }),
    expect: 404,
  },
  'GET /api/admin/users/{id}': { path: () => `/api/admin/users/${GZ_USER}`, expect: 404 },
  'PUT /api/admin/users/{id}': {
    path: () => `/api/admin/users/${GZ_USER}`,
    body: () => ({ status: 'disabled', version: 1 }),
    expect: 404,
  },
  // The definitions catalogue is shared by every agency (docs/decisions.md D8): reachable, not organisation data.
  'GET /api/admin/forms': def('/api/admin/forms'),
  'GET /api/admin/forms/{formId}': def('/api/admin/forms/test-request'),
  'PUT /api/admin/forms/{formId}': def('/api/admin/forms/authz-probe', requestForm),
  'POST /api/admin/forms/{formId}/validate': def('/api/admin/forms/test-request/validate'),
  'POST /api/admin/forms/{formId}/publish': def('/api/admin/forms/test-request/publish', {}),
  'POST /api/admin/forms/{formId}/migrations': def('/api/admin/forms/test-request/migrations', {}),
  'GET /api/admin/forms/{formId}/versions': def('/api/admin/forms/test-request/versions'),
  'GET /api/admin/forms/{formId}/versions/{n}': def('/api/admin/forms/test-request/versions/1'),
  'GET /api/admin/workflows': def('/api/admin/workflows'),
  'POST /api/admin/catalogue': def('/api/admin/catalogue', { forms: [], workflows: [], programmes: [] }),
  'GET /api/admin/workflows/{workflowId}': def('/api/admin/workflows/test-flow'),
  'PUT /api/admin/workflows/{workflowId}': def('/api/admin/workflows/authz-probe', requestFlow),
  'POST /api/admin/workflows/{workflowId}/validate': def('/api/admin/workflows/test-flow/validate'),
  'POST /api/admin/workflows/{workflowId}/publish': def('/api/admin/workflows/test-flow/publish', {}),
  'POST /api/admin/workflows/{workflowId}/dry-run': def('/api/admin/workflows/test-flow/dry-run', {}),
  'GET /api/admin/workflows/{workflowId}/versions': def('/api/admin/workflows/test-flow/versions'),
  'GET /api/admin/workflows/{workflowId}/versions/{n}': def('/api/admin/workflows/test-flow/versions/1'),
  'GET /api/programmes': {
    path: () => '/api/programmes',
    expect: (b) => expect(Array.isArray(b.items)).toBe(true),
  },
  'GET /api/admin/programmes': def('/api/admin/programmes'),
  'GET /api/admin/programmes/{programmeId}': def('/api/admin/programmes/test-programme'),
  'PUT /api/admin/programmes/{programmeId}': def('/api/admin/programmes/authz-probe', {
    title: { zh: '探', en: 'Probe' },
    kind: 'audit',
    workflowId: 'test-flow',
    startRoles: ['admin'],
  }),
  // Guangzhou's case, its tasks, submissions and files
  'POST /api/cases': {
    path: () => '/api/cases',
    body: () => ({ programmeId: 'test-programme', organisationId: GZ_ENTERPRISE }),
    expect: 404,
  },
  'GET /api/cases': { path: () => '/api/cases', expect: (b) => none(b) },
  'GET /api/cases/{id}': { path: () => `/api/cases/${caseId}`, expect: 404 },
  'GET /api/cases/{id}/verify': { path: () => `/api/cases/${caseId}/verify`, expect: 404 },
  'GET /api/cases/{id}/submissions': { path: () => `/api/cases/${caseId}/submissions`, expect: 404 },
  'GET /api/tasks': { path: () => '/api/tasks', expect: (b) => none(b) },
  'GET /api/tasks/{id}': { path: () => `/api/tasks/${taskId}`, expect: 404 },
  'PUT /api/tasks/{id}/draft': {
    path: () => `/api/tasks/${taskId}/draft`,
    body: () => ({ data: { decision: 'approve' } }),
    expect: 404,
  },
  'POST /api/tasks/{id}/submit': {
    path: () => `/api/tasks/${taskId}/submit`,
    body: () => ({ data: { decision: 'approve' } }),
    expect: 404,
  },
  'POST /api/tasks/{id}/claim': { path: () => `/api/tasks/${taskId}/claim`, expect: 404 },
  'POST /api/tasks/{id}/release': { path: () => `/api/tasks/${taskId}/release`, expect: 404 },
  'POST /api/tasks/{id}/transfer': {
    path: () => `/api/tasks/${taskId}/transfer`,
    body: () => ({ userId: 'usr_szadmin001' }),
    expect: 404,
  },
  'POST /api/tasks/{id}/remind': { path: () => `/api/tasks/${taskId}/remind`, expect: 404 },
  'GET /api/submissions/{id}': { path: () => `/api/submissions/${submissionId}`, expect: 404 },
  'POST /api/submissions/{id}/withdraw': {
    path: () => `/api/submissions/${submissionId}/withdraw`,
    expect: 404,
  },
  'POST /api/files': {
    path: () => '/api/files',
    body: () => ({ name: 'a.pdf', size: 1, contentType: 'application/pdf', sha256: '0'.repeat(64) }),
    expect: (_b, s) => expect(s).toBe(201),
  },
  'GET /api/files/{id}': { path: () => `/api/files/${fileId}`, expect: 404 },
  'PUT /api/files/{id}/content': { path: () => `/api/files/${fileId}/content`, expect: 404 },
  'GET /api/files/{id}/content': { path: () => `/api/files/${fileId}/content`, expect: 404 },
  // The expert pool of Guangzhou (its pool organisation lies in 440100), its draws and certificates
  'GET /api/admin/experts': {
    path: () => '/api/admin/experts?limit=200',
    expect: (b) =>
      expect(b.items.some((p: any) => p.poolRegionPath.startsWith('86/440000/440100/'))).toBe(false),
  },
  'GET /api/admin/experts/{userId}': { path: () => '/api/admin/experts/usr_expert002', expect: 404 },
  'PUT /api/admin/experts/{userId}': {
    path: () => '/api/admin/experts/usr_expert002',
    body: () => ({ industries: ['C33'], canLead: true }),
    expect: 404,
  },
  'GET /api/admin/experts/draws/{drawId}': { path: () => `/api/admin/experts/draws/${drawId}`, expect: 404 },
  'GET /api/certificates': { path: () => '/api/certificates', expect: (b) => none(b) },
  'GET /api/certificates/{id}': { path: () => `/api/certificates/${certificateId}`, expect: 404 },
  // Reference tables are shared by every agency, like the definitions catalogue
  'GET /api/admin/reference': def('/api/admin/reference'),
  'GET /api/admin/reference/{tableId}': def('/api/admin/reference/panel-rules'),
  'PUT /api/admin/reference/{tableId}': def('/api/admin/reference/certificate-policy', {
    content: starterContent('certificate-policy'),
  }),
  'POST /api/admin/reference/{tableId}/validate': def('/api/admin/reference/certificate-policy/validate', {}),
  'POST /api/admin/reference/{tableId}/publish': def('/api/admin/reference/certificate-policy/publish', {}),
  'GET /api/admin/reference/{tableId}/versions': def('/api/admin/reference/certificate-policy/versions'),
  'GET /api/admin/reference/{tableId}/versions/{n}': def(
    '/api/admin/reference/certificate-policy/versions/1',
  ),
  'GET /api/reference/{tableId}': def('/api/reference/energy-coefficients'),
  // issue 6: every inbox is its owner's; the sweep is the platform administrators'; banks, lists, referrals,
  // incentives and exports are scoped by region and organisation; the library is shared knowledge
  'GET /api/notifications': { path: () => '/api/notifications', expect: (b) => none(b) },
  'POST /api/notifications/{id}/read': {
    path: () => `/api/notifications/${notificationId}/read`,
    expect: 404,
  },
  'POST /api/notifications/read-all': {
    path: () => '/api/notifications/read-all',
    expect: (_b, s) => expect(s).toBe(200),
  },
  'POST /api/admin/reminders/run': {
    path: () => '/api/admin/reminders/run',
    body: () => ({ asOf: '2031-01-01' }),
    expect: (_b, s) => expect(s).toBe(403),
  },
  'GET /api/admin/reminders/runs': {
    path: () => '/api/admin/reminders/runs',
    expect: (_b, s) => expect(s).toBe(403),
  },
  'GET /api/admin/reminders/records': {
    path: () => '/api/admin/reminders/records?day=2026-04-30',
    expect: (_b, s) => expect(s).toBe(403),
  },
  'GET /api/admin/reminders/lists': {
    path: () => '/api/admin/reminders/lists',
    expect: (b) => expect(b.items.some((l: any) => l.id === 'gz-authz')).toBe(false),
  },
  'PUT /api/admin/reminders/lists/{listId}': {
    path: () => '/api/admin/reminders/lists/gz-authz',
    body: () => ({
      name: '越权名单',
      listType: 'voluntary',
      publishedOn: '2026-01-01',
      organisationIds: [GZ_ENTERPRISE],
    }),
    expect: 404,
  },
  'GET /api/admin/reminders/lists/{listId}': {
    path: () => '/api/admin/reminders/lists/gz-authz',
    expect: 404,
  },
  'GET /api/admin/banks': {
    path: () => '/api/admin/banks',
    expect: (b) =>
      expect(b.items.every((x: any) => x.bank.regionPath.startsWith('86/440000/440300/'))).toBe(true),
  },
  'GET /api/admin/banks/{bankId}': { path: () => '/api/admin/banks/org_grcb00001', expect: 404 },
  'PUT /api/admin/banks/{bankId}/products/{productId}': {
    path: () => '/api/admin/banks/org_grcb00001/products/cp-loan',
    body: () => ({
      name: '越权产品',
      categories: ['clean-production'],
      regionCodes: [],
      minAmount: 0,
      maxAmount: 1,
      maxTermMonths: 1,
      excludedIndustries: [],
      active: false,
      version: 1,
    }),
    expect: 404,
  },
  'PUT /api/admin/banks/{bankId}/webhook': {
    path: () => '/api/admin/banks/org_grcb00001/webhook',
    body: () => ({
      url: 'https://intruder.example/hook',
      secret: 'intruder-secret-0123456789',
      active: true,
    }),
    expect: 404,
  },
  'GET /api/admin/banks/{bankId}/deliveries': {
    path: () => '/api/admin/banks/org_grcb00001/deliveries',
    expect: 404,
  },
  'GET /api/referrals': { path: () => '/api/referrals', expect: (b) => none(b) },
  'GET /api/referrals/requests': { path: () => '/api/referrals/requests', expect: (b) => none(b) },
  'GET /api/referrals/requests/{caseId}': { path: () => `/api/referrals/requests/${caseId}`, expect: 404 },
  'POST /api/referrals/requests/{caseId}/withdraw': {
    path: () => `/api/referrals/requests/${caseId}/withdraw`,
    body: () => ({ reason: '越权撤回' }),
    expect: 404,
  },
  'GET /api/referrals/{id}': { path: () => `/api/referrals/${referralId}`, expect: 404 },
  'GET /api/incentives/rules': def('/api/incentives/rules'),
  'GET /api/incentives/quote': {
    path: () => `/api/incentives/quote?certificateId=${certificateId}`,
    expect: 404,
  },
  'GET /api/incentives': { path: () => '/api/incentives', expect: (b) => none(b) },
  'GET /api/incentives/{caseId}': { path: () => `/api/incentives/${caseId}`, expect: 404 },
  'GET /api/exports/audit-results': { path: () => '/api/exports/audit-results?region=440100', expect: 404 },
  'GET /api/exports/audit-results.csv': {
    path: () => '/api/exports/audit-results.csv?region=440100',
    expect: 404,
  },
  // the dashboard: another region's snapshot is not found, nor recounted
  'GET /api/admin/dashboard': { path: () => '/api/admin/dashboard?region=440100', expect: 404 },
  'POST /api/admin/dashboard/refresh': {
    path: () => '/api/admin/dashboard/refresh',
    body: () => ({ region: '440100' }),
    expect: 404,
  },
  'GET /api/library': def('/api/library?industry=C33'),
  'GET /api/library/contributions': { path: () => '/api/library/contributions', expect: (b) => none(b) },
  'POST /api/library/contributions': {
    path: () => '/api/library/contributions',
    body: () => ({ caseId, consent: true }),
    expect: 404,
  },
  'DELETE /api/library/contributions/{caseId}': {
    path: () => `/api/library/contributions/${caseId}`,
    expect: 404,
  },
};

/** A user of each role from somewhere else than the Guangzhou enterprise and its authorised consultancy. */
const outsider: Record<string, string> = {
  admin: 'sz.admin',
  enterprise: 'jingmi',
  consultant: 'huazhi',
  expert: 'expert.wang',
  bank: 'icbc',
};

describe('authorization by route', () => {
  it('has a foreign-organisation sample for every signed-in route', () => {
    const missing = routes
      .filter((r) => r.roles !== 'public' && !foreign[`${r.method} ${r.path}`])
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('answers 403 to every role a route does not admit', async () => {
    for (const r of routes) {
      if (r.roles === 'public') continue;
      const sample = foreign[`${r.method} ${r.path}`]!;
      for (const [role, username] of Object.entries(outsider)) {
        if (r.roles.includes(role)) continue;
        const res = await stack.call(username, r.method, sample.path(), sample.body?.());
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('gives every admitted role from elsewhere nothing of the Guangzhou enterprise’s', async () => {
    for (const r of routes) {
      if (r.roles === 'public') continue;
      const sample = foreign[`${r.method} ${r.path}`]!;
      for (const role of r.roles) {
        const res = await stack.call(outsider[role]!, r.method, sample.path(), sample.body?.());
        const label = `${role} ${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
        if (sample.expect === 404) {
          expect(res.status, label).toBe(404);
          expect(res.body.error.code, label).toBe('NOT_FOUND');
        } else {
          expect(res.status, label).toBeLessThan(500);
          sample.expect(res.body, res.status);
        }
      }
    }
  });

  it('lets whoever may see a case read a file uploaded for it, and no one else', async () => {
    const status = async (user: string, path: string) => (await stack.call(user, 'GET', path)).status;
    // the consultancy drafting for the enterprise (another organisation) and the region's administrator
    for (const user of ['lvyuan', 'gz.admin']) {
      const seen = {
        case: await status(user, `/api/cases/${caseId}`),
        file: await status(user, `/api/files/${fileId}`),
      };
      expect({ user, ...seen }).toEqual({ user, case: 200, file: 200 });
    }
    // each demo expert and bank reads the file exactly when it may read the case: the panel's yes, the others no
    const panel: string[] = [];
    const experts = ['wang', 'liu', 'chen', 'zhao', 'huang', 'zhou', 'wu', 'zheng', 'sun'].map(
      (h) => `expert.${h}`,
    );
    for (const user of [...experts, 'grcb', 'icbc']) {
      const onCase = await status(user, `/api/cases/${caseId}`);
      expect({ user, file: await status(user, `/api/files/${fileId}`) }).toEqual({ user, file: onCase });
      if (onCase === 200) panel.push(user);
    }
    expect(panel.length).toBeGreaterThan(0);
    expect(panel).not.toContain('expert.wang');
    // a file cannot be declared for a case its uploader cannot see
    const declared = await stack.call('jingmi', 'POST', '/api/files', {
      name: '报告.pdf',
      size: 4,
      contentType: 'application/pdf',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      caseId,
    });
    expect([declared.status, declared.body.error?.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('lets the owners reach what the outsiders could not', async () => {
    expect((await stack.call('gz.admin', 'GET', `/api/admin/organisations/${GZ_ENTERPRISE}`)).status).toBe(
      200,
    );
    expect((await stack.call('gz.admin', 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await stack.call('mingzhu', 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await stack.call('lvyuan', 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', `/api/tasks/${taskId}`)).status).toBe(200);
    expect((await stack.call('mingzhu', 'GET', `/api/submissions/${submissionId}`)).status).toBe(200);
    expect((await stack.call('mingzhu', 'GET', `/api/files/${fileId}`)).status).toBe(200);
    expect((await stack.call('admin', 'GET', '/api/admin/organisations/org_szjm00001')).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', '/api/admin/experts/usr_expert002')).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', `/api/admin/experts/draws/${drawId}`)).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', `/api/certificates/${certificateId}`)).status).toBe(200);
    expect((await stack.call('mingzhu', 'GET', `/api/certificates/${certificateId}`)).status).toBe(200);
    expect((await stack.call('mingzhu', 'GET', `/api/referrals/${referralId}`)).status).toBe(200);
    expect((await stack.call('grcb', 'GET', `/api/referrals/${referralId}`)).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', `/api/referrals/requests/${caseId}`)).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', '/api/admin/reminders/lists/gz-authz')).status).toBe(200);
    expect((await stack.call('gz.admin', 'GET', '/api/admin/banks/org_grcb00001')).status).toBe(200);
    expect(
      (await stack.call('mingzhu', 'GET', `/api/incentives/quote?certificateId=${certificateId}`)).status,
    ).toBe(200);
    expect(
      (await stack.call('gz.admin', 'GET', '/api/exports/audit-results?region=440100')).body.rows,
    ).toEqual([expect.objectContaining({ certificateId, enterprise: '广州明珠电镀有限公司' })]);
  });
});
