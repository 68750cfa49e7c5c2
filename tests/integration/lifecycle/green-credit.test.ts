/**
 * Must-show: a green-credit request through the HTTP API on the embedded runtime. 白云印刷, with the certificate of
 * its quick audit, asks for CNY 3 million for its mid/high-cost option; three banks' products match; it consents to
 * each bank receiving named parts of the package. One bank approves, one asks for information and then declines,
 * and the enterprise sees both answers; the second bank also receives the package by webhook — signed with
 * HMAC-SHA256, which a real HTTP receiver in this test verifies, refused once by the receiver and retried with
 * backoff, every attempt logged. The enterprise then withdraws its consent: the third bank, which had not answered,
 * sees nothing any more — no referral, no package, no case, no step, no notification.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../../lambdas/adapters/webhook-signature';
import { financingRequest } from '../../support/programme-steps';
import type { TestStack } from '../../support/stack';
import type { Certified } from './support';
import {
  caseOf,
  caseStatus,
  certifiedAudit,
  lifecycleStack,
  readTask,
  submit,
  taskOf,
  until,
} from './support';

const SECRET = 'whsec_grcb_0123456789abcdef';
const ICBC = 'org_icbcgz001';
const GRCB = 'org_grcb00001';

let stack: TestStack;
let audit: Certified;
let thirdBank = '';
let receiver: Server;
let receiverUrl = '';
const received: { headers: IncomingHttpHeaders; body: string; status: number; verified: boolean }[] = [];
let refuseNext = 1;

beforeAll(async () => {
  stack = await lifecycleStack();
  // the bank's receiver: verifies every signature; refuses the first delivery (503) so cpflow must retry
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const check = verify({
        secret: SECRET,
        body,
        signature: req.headers['x-cpflow-signature'] as string | undefined,
        timestamp: req.headers['x-cpflow-timestamp'] as string | undefined,
      });
      const status = refuseNext > 0 ? (refuseNext--, 503) : check.ok ? 200 : 401;
      received.push({ headers: req.headers, body, status, verified: check.ok });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/cpflow/referrals`;

  // a third partner bank, with a user and a product
  const org = await stack.call('gz.admin', 'POST', '/api/admin/organisations', {
    kind: 'bank',
    name: '广州绿色发展银行',
    regionCode: '440100',
  });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  thirdBank = org.body.id;
  const user = await stack.call('gz.admin', 'POST', '/api/admin/users', {
    username: 'greenbank',
    displayName: '绿色发展银行 客户经理',
    organisationId: thirdBank,
    password: 'green-bank-password-1',
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  stack.remember('greenbank', 'green-bank-password-1');
  const product = await stack.call('gz.admin', 'PUT', `/api/admin/banks/${thirdBank}/products/green-loan`, {
    name: '绿色发展贷',
    categories: ['energy-saving', 'carbon-reduction'],
    regionCodes: ['440100'],
    minAmount: 10,
    maxAmount: 2000,
    maxTermMonths: 48,
    excludedIndustries: [],
    indicativeRate: 'LPR+10bp',
    active: true,
  });
  expect(product.status, JSON.stringify(product.body)).toBe(200);
  const hook = await stack.call('gz.admin', 'PUT', `/api/admin/banks/${GRCB}/webhook`, {
    url: receiverUrl,
    secret: SECRET,
    active: true,
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(200);
  expect(hook.body.secretHint).toBe('…cdef');
  expect(JSON.stringify(hook.body)).not.toContain(SECRET);

  audit = await certifiedAudit(stack);
}, 300_000);
afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

let requestId = '';
const referralIds: Record<string, string> = {};
let thirdChildCase = '';
let thirdTaskId = '';

describe('green-credit referral', () => {
  it('matches three banks and delivers each only the parts of the package it was consented', async () => {
    const started = await stack.call('baiyun', 'POST', '/api/cases', {
      programmeId: 'green-credit',
      data: { auditCaseId: audit.auditCaseId },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    requestId = started.body.id;
    const first = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === requestId && t.formId === 'financing-request',
    );
    expect((await readTask(stack, 'baiyun', first.id)).prefill).toEqual({ auditCaseId: audit.auditCaseId });
    const wanted = financingRequest(audit.auditCaseId);
    // a no/low-cost option is not what green credit finances: the request comes back with the problem shown
    await submit(stack, 'baiyun', first.id, { ...wanted, purposeOptionIds: ['F01'] });
    const request = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === requestId && t.formId === 'financing-request' && t.id !== first.id,
    );
    expect((await readTask(stack, 'baiyun', request.id)).prefill.problems).toEqual([
      { path: '/request/purposeOptionIds/0', message: 'option F01 is not mid/high-cost' },
    ]);
    await submit(stack, 'baiyun', request.id, wanted);

    const consent = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === requestId && t.formId === 'financing-consent',
    );
    const matches = (await readTask(stack, 'baiyun', consent.id)).prefill.matches;
    expect(matches.map((m: any) => [m.bankId, m.productId])).toEqual(
      [
        [GRCB, 'cp-loan'],
        [ICBC, 'green-retrofit'],
        [thirdBank, 'green-loan'],
      ].sort((a, b) => `${a[0]}#${a[1]}`.localeCompare(`${b[0]}#${b[1]}`)),
    );
    await submit(stack, 'baiyun', consent.id, {
      matches,
      banks: [
        {
          bankId: ICBC,
          productId: 'green-retrofit',
          scopes: ['profile', 'certificate', 'performance', 'options'],
        },
        { bankId: GRCB, productId: 'cp-loan', scopes: ['profile', 'certificate', 'options'] },
        { bankId: thirdBank, productId: 'green-loan', scopes: ['profile', 'options'] },
      ],
      agreed: true,
      signedBy: '张经理',
    });

    for (const [user, bank] of [
      ['icbc', ICBC],
      ['grcb', GRCB],
      ['greenbank', thirdBank],
    ] as const) {
      const task = await taskOf(stack, user, (t) => t.formId === 'bank-answer');
      const inbox = (await stack.call(user, 'GET', '/api/referrals')).body.items;
      expect(inbox, user).toHaveLength(1);
      expect(inbox[0]).toMatchObject({
        bankId: bank,
        requestId,
        organisationName: '广州白云印刷包装有限公司',
      });
      expect(inbox[0].package).toBeUndefined(); // the list carries no package
      referralIds[bank] = inbox[0].id;
      expect((await readTask(stack, user, task.id)).prefill.referralId).toBe(inbox[0].id);
      if (bank === thirdBank) {
        thirdChildCase = task.caseId;
        thirdTaskId = task.id;
      }
    }

    const icbc = (await stack.call('icbc', 'GET', `/api/referrals/${referralIds[ICBC]}`)).body;
    expect(icbc.package.scopes).toEqual(['profile', 'certificate', 'performance', 'options']);
    expect(icbc.package.enterprise).toMatchObject({
      name: '广州白云印刷包装有限公司',
      creditCode: '91440111MA5CKL7Q2D',
    });
    expect(icbc.package.certificate).toMatchObject({
      number: audit.certificate.number,
      grade: audit.certificate.grade,
      validUntil: audit.certificate.validUntil,
    });
    expect(icbc.package.performance).toHaveProperty('tce');
    expect(icbc.package.options).toHaveLength(1);
    expect(icbc.package.options[0]).toMatchObject({
      id: 'F06',
      cost: 'mid-high',
      implemented: false,
      capex: 150,
    });
    expect(icbc.package.options[0].name).toBeTruthy();
    for (const k of ['capex', 'npv', 'irr', 'payback'])
      expect(typeof icbc.package.options[0][k], k).toBe('number');
    expect(icbc.package.request).toMatchObject({ amount: 150, termMonths: 36, optionIds: ['F06'] });

    // data minimisation: each bank has only what it was consented
    const grcb = (await stack.call('grcb', 'GET', `/api/referrals/${referralIds[GRCB]}`)).body;
    expect(grcb.package.performance).toBeUndefined();
    expect(grcb.package.certificate).toBeDefined();
    const third = (
      await stack.call('greenbank', 'GET', `/api/referrals/${thirdBank && referralIds[thirdBank]}`)
    ).body;
    expect(
      Object.keys(third.package).filter((k) =>
        ['enterprise', 'certificate', 'performance', 'options'].includes(k),
      ),
    ).toEqual(['enterprise', 'options']);
    // a bank never reaches another bank's referral, nor the request with everyone's answers
    expect((await stack.call('icbc', 'GET', `/api/referrals/${referralIds[GRCB]}`)).status).toBe(404);
    expect((await stack.call('icbc', 'GET', `/api/cases/${requestId}`)).status).toBe(404);
  });

  it('posts the package to the webhook with a signature the receiver verifies, retried after a refusal, logged', async () => {
    await until('two deliveries', async () => (received.length >= 2 ? true : undefined));
    const [first, second] = received;
    expect([first!.status, second!.status]).toEqual([503, 200]);
    expect([first!.verified, second!.verified]).toEqual([true, true]);
    expect(first!.headers['x-cpflow-event']).toBe('referral.created');
    expect([first!.headers['x-cpflow-attempt'], second!.headers['x-cpflow-attempt']]).toEqual(['1', '2']);
    expect(first!.headers['x-cpflow-delivery']).toBe(second!.headers['x-cpflow-delivery']);
    const body = JSON.parse(second!.body);
    expect(body).toMatchObject({ event: 'referral.created', referralId: referralIds[GRCB] });
    expect(body.package.performance).toBeUndefined();
    // a tampered body or another secret does not verify
    const headers = {
      signature: second!.headers['x-cpflow-signature'] as string,
      timestamp: second!.headers['x-cpflow-timestamp'] as string,
    };
    expect(
      verify({ secret: SECRET, body: second!.body.replace('"amount":150', '"amount":900'), ...headers }).ok,
    ).toBe(false);
    expect(verify({ secret: 'another-secret-entirely', body: second!.body, ...headers }).ok).toBe(false);

    const log = (await stack.call('gz.admin', 'GET', `/api/admin/banks/${GRCB}/deliveries`)).body.items;
    expect(log.map((d: any) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [2, 'delivered', 200],
      [1, 'failed', 503],
    ]);
    expect(log[1].error).toBe('HTTP 503');
    expect(log.every((d: any) => d.target === receiverUrl && !JSON.stringify(d).includes(SECRET))).toBe(true);
    const ref = (await stack.call('baiyun', 'GET', `/api/referrals/${referralIds[GRCB]}`)).body;
    expect(ref.webhook).toBe('delivered');
    expect(ref.deliveries).toHaveLength(2);
    // the banks without a webhook got theirs in the inbox only
    expect(received.every((r) => JSON.parse(r.body).referralId === referralIds[GRCB])).toBe(true);
  });

  it('records one bank approving and one declining after asking for information; the enterprise sees both', async () => {
    const icbcTask = await taskOf(stack, 'icbc', (t) => t.formId === 'bank-answer');
    const icbcForm = await readTask(stack, 'icbc', icbcTask.id);
    await submit(stack, 'icbc', icbcTask.id, {
      ...icbcForm.prefill,
      decision: 'approve',
      amount: 150,
      ratePct: 3.15,
      termMonths: 36,
      conditions: '以改造设备抵押，按季付息',
    });

    const grcbTask = await taskOf(stack, 'grcb', (t) => t.formId === 'bank-answer');
    const grcbForm = await readTask(stack, 'grcb', grcbTask.id);
    await submit(stack, 'grcb', grcbTask.id, {
      ...grcbForm.prefill,
      decision: 'request-info',
      questions: '请提供近两年财务报表及设备报价单。',
    });
    const info = await taskOf(stack, 'baiyun', (t) => t.formId === 'financing-info');
    expect((await readTask(stack, 'baiyun', info.id)).prefill).toEqual({
      bankName: '广州农村商业银行',
      questions: '请提供近两年财务报表及设备报价单。',
    });
    await submit(stack, 'baiyun', info.id, {
      bankName: '广州农村商业银行',
      questions: '请提供近两年财务报表及设备报价单。',
      response: '已上传 2024、2025 年度审计报告及设备报价单。',
    });
    const again = await taskOf(stack, 'grcb', (t) => t.formId === 'bank-answer' && t.id !== grcbTask.id);
    await submit(stack, 'grcb', again.id, {
      ...(await readTask(stack, 'grcb', again.id)).prefill,
      decision: 'decline',
      reason: '项目投资回收期超出本产品要求',
    });

    const view = await until('both answers', async () => {
      const v = (await stack.call('baiyun', 'GET', `/api/referrals/requests/${requestId}`)).body;
      const s = Object.fromEntries(v.referrals.map((r: any) => [r.bankId, r.status]));
      return s[ICBC] === 'approved' && s[GRCB] === 'declined' ? v : undefined;
    });
    const byBank = Object.fromEntries(view.referrals.map((r: any) => [r.bankId, r]));
    expect(byBank[ICBC].answers).toEqual([
      expect.objectContaining({ decision: 'approve', amount: 150, ratePct: 3.15, termMonths: 36 }),
    ]);
    expect(byBank[GRCB].answers.map((a: any) => a.decision)).toEqual(['request-info', 'decline']);
    expect(byBank[GRCB].answers[1].reason).toBe('项目投资回收期超出本产品要求');
    expect(byBank[GRCB].info[0].text).toBe('已上传 2024、2025 年度审计报告及设备报价单。');
    expect(byBank[thirdBank].status).toBe('delivered');
    expect(view.request.consent.banks.map((b: any) => [b.bankId, b.scopes.length])).toEqual([
      [ICBC, 4],
      [GRCB, 3],
      [thirdBank, 2],
    ]);
    const notes = await until('three answer notices', async () => {
      const items = (await stack.call('baiyun', 'GET', '/api/notifications')).body.items.filter(
        (n: any) => n.kind === 'referral.answered' && n.caseId === requestId,
      );
      return items.length === 3 ? items : undefined;
    });
    expect(notes.map((n: any) => n.title.zh).sort()).toEqual(
      ['中国工商银行广州分行同意授信', '广州农村商业银行不予授信', '广州农村商业银行要求补充资料'].sort(),
    );
    const timeline = (await caseOf(stack, requestId, 'baiyun')).timeline.map((e: any) => e.kind);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'financing.requested',
        'consent.given',
        'referral.delivered',
        'referral.answered',
      ]),
    );
  });

  it('after the consent is withdrawn, the bank that had not answered sees nothing; the others keep what they answered', async () => {
    expect((await stack.call('greenbank', 'GET', '/api/referrals')).body.items).toHaveLength(1);
    expect((await stack.call('greenbank', 'GET', `/api/cases/${thirdChildCase}`)).status).toBe(200);
    // nobody else withdraws it: another enterprise gets 404
    expect(
      (
        await stack.call('mingzhu', 'POST', `/api/referrals/requests/${requestId}/withdraw`, {
          reason: '越权',
        })
      ).status,
    ).toBe(404);
    const res = await stack.call('baiyun', 'POST', `/api/referrals/requests/${requestId}/withdraw`, {
      reason: '已获得其他融资',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ withdrawn: [thirdBank], kept: [ICBC, GRCB] });

    expect((await stack.call('greenbank', 'GET', '/api/referrals')).body.items).toEqual([]);
    expect((await stack.call('greenbank', 'GET', `/api/referrals/${referralIds[thirdBank]}`)).status).toBe(
      404,
    );
    expect((await stack.call('greenbank', 'GET', `/api/cases/${thirdChildCase}`)).status).toBe(404);
    expect((await stack.call('greenbank', 'GET', `/api/cases/${thirdChildCase}/submissions`)).status).toBe(
      404,
    );
    expect((await stack.call('greenbank', 'GET', '/api/cases')).body.items).toEqual([]);
    expect((await stack.call('greenbank', 'GET', '/api/tasks')).body.items).toEqual([]);
    expect((await stack.call('greenbank', 'GET', `/api/tasks/${thirdTaskId}`)).status).toBe(404);
    expect((await stack.call('greenbank', 'GET', '/api/notifications')).body).toMatchObject({
      items: [],
      unreadCount: 0,
    });
    // the package itself is gone, not only hidden
    const kept = (await stack.call('baiyun', 'GET', `/api/referrals/${referralIds[thirdBank]}`)).body;
    expect(kept).toMatchObject({ status: 'withdrawn' });
    expect(kept.package).toBeUndefined();
    // the banks that answered keep the referral they answered
    expect(
      (await stack.call('icbc', 'GET', `/api/referrals/${referralIds[ICBC]}`)).body.package,
    ).toBeDefined();
    expect((await stack.call('grcb', 'GET', '/api/referrals')).body.items).toHaveLength(1);

    // the third bank's referral ends, then the request: one approval
    const child = await caseStatus(stack, thirdChildCase, ['completed']);
    expect(child.result).toMatchObject({ outcome: 'withdrawn', bankId: thirdBank });
    const done = await caseStatus(stack, requestId, ['completed']);
    expect(done.result.summary.approved).toBe(1);
    expect(Object.fromEntries(done.result.summary.referrals.map((r: any) => [r.bankId, r.status]))).toEqual({
      [ICBC]: 'approved',
      [GRCB]: 'declined',
      [thirdBank]: 'withdrawn',
    });
    const timeline = (await caseOf(stack, requestId, 'baiyun')).timeline;
    expect(timeline.find((e: any) => e.kind === 'consent.withdrawn')).toMatchObject({
      data: { withdrawn: [thirdBank], kept: [ICBC, GRCB], reason: '已获得其他融资' },
    });
  });
});
