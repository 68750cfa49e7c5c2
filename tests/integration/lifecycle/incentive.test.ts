/**
 * Must-show: an incentive application (奖补) from the certificate to the payment, through the HTTP API. The rules are
 * the `reward-rules` table (DOMAIN §7: a fixed amount per audit type [S54]; 50 % of the audit fee, capped at
 * CNY 200,000 [S57]); the eligible amount is computed with the rule shown, the administrator decides (an amount
 * above the eligible one is refused and the review reopens), the payment is recorded, the enterprise is told each
 * time — and a second application for the same certificate and rule is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let stack: TestStack;
let audit: Certified;

beforeAll(async () => {
  stack = await lifecycleStack();
  audit = await certifiedAudit(stack);
}, 300_000);
afterAll(async () => stack?.close());

describe('incentive application', () => {
  it('quotes every rule for the certificate, with the computation and its source', async () => {
    const rules = await stack.call('baiyun', 'GET', '/api/incentives/rules');
    expect(rules.status).toBe(200);
    expect(rules.body.rules.map((r: any) => r.id)).toEqual(['audit-completion', 'audit-fee-share']);
    const quote = await stack.call(
      'baiyun',
      'GET',
      `/api/incentives/quote?certificateId=${audit.certificate.id}&auditFee=120000`,
    );
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    const [fixed, share] = quote.body.items;
    expect(fixed).toMatchObject({ ruleId: 'audit-completion', eligible: true, amount: 10000 });
    expect(fixed.explanation.zh).toBe('定额奖励：audit-quick 每家 10,000 元');
    expect(share).toMatchObject({ ruleId: 'audit-fee-share', eligible: true, amount: 60000, capped: false });
    expect(share.explanation.zh).toBe('审核费用 120,000 元 × 50% = 60,000 元（上限 200,000 元）');
    expect(share.source).toMatch(/\[S57\]/);
    // the cap applies: half of CNY 500,000 is above CNY 200,000
    const capped = await stack.call(
      'baiyun',
      'GET',
      `/api/incentives/quote?certificateId=${audit.certificate.id}&ruleId=audit-fee-share&auditFee=500000`,
    );
    expect(capped.body.items[0]).toMatchObject({ amount: 200000, capped: true });
    // another enterprise cannot quote this certificate
    expect(
      (await stack.call('mingzhu', 'GET', `/api/incentives/quote?certificateId=${audit.certificate.id}`))
        .status,
    ).toBe(404);
  });

  it('runs from the certificate to the payment record, with the rule shown and the enterprise told', async () => {
    const started = await stack.call('baiyun', 'POST', '/api/cases', {
      programmeId: 'incentive',
      data: { certificateId: audit.certificate.id, ruleId: 'audit-fee-share', auditFee: 120000 },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const caseId = started.body.id as string;

    // the enterprise applies (its task is prefilled with what it started the case with)
    const apply = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === caseId && t.formId === 'incentive-application',
    );
    const applyTask = await readTask(stack, 'baiyun', apply.id);
    expect(applyTask.prefill).toMatchObject({
      certificateId: audit.certificate.id,
      ruleId: 'audit-fee-share',
    });
    const example = applyTask.form.examples[0];
    await submit(stack, 'baiyun', apply.id, { ...example, ...applyTask.prefill });

    // the administrator reviews the computed amount, with the rule and its source
    const review = await taskOf(
      stack,
      'gz.admin',
      (t) => t.caseId === caseId && t.formId === 'incentive-review',
    );
    const reviewTask = await readTask(stack, 'gz.admin', review.id);
    expect(reviewTask.prefill.assessment).toMatchObject({
      certificateNumber: audit.certificate.number,
      ruleId: 'audit-fee-share',
      ruleLabel: 'reward-rules@1',
      amount: 60000,
    });
    expect(reviewTask.prefill.assessment.explanation.zh).toBe(
      '审核费用 120,000 元 × 50% = 60,000 元（上限 200,000 元）',
    );
    // more than the rule allows is refused: the review opens again
    await submit(stack, 'gz.admin', review.id, {
      assessment: reviewTask.prefill.assessment,
      decision: 'approve',
      approvedAmount: 70000,
    });
    const again = await taskOf(
      stack,
      'gz.admin',
      (t) => t.caseId === caseId && t.formId === 'incentive-review' && t.id !== review.id,
    );
    await submit(stack, 'gz.admin', again.id, {
      assessment: reviewTask.prefill.assessment,
      decision: 'approve',
      approvedAmount: 60000,
      comment: '材料齐全',
    });

    // the payment record, prefilled with the approved amount
    const pay = await taskOf(
      stack,
      'gz.admin',
      (t) => t.caseId === caseId && t.formId === 'incentive-disbursement',
    );
    const payTask = await readTask(stack, 'gz.admin', pay.id);
    expect(payTask.prefill).toEqual({ approvedAmount: 60000, amount: 60000 });
    await submit(stack, 'gz.admin', pay.id, {
      ...payTask.prefill,
      paidOn: '2026-12-20',
      voucherNo: 'GZCZ-2026-0188',
    });

    const done = await caseStatus(stack, caseId, ['completed']);
    expect(done.result).toMatchObject({
      outcome: 'disbursed',
      paid: { amount: 60000, voucherNo: 'GZCZ-2026-0188' },
    });
    const app = (await stack.call('baiyun', 'GET', `/api/incentives/${caseId}`)).body;
    expect(app).toMatchObject({
      certificateId: audit.certificate.id,
      ruleId: 'audit-fee-share',
      ruleLabel: 'reward-rules@1',
      status: 'disbursed',
      computation: { kind: 'fee-share', auditFee: 120000, share: 0.5, cap: 200000, amount: 60000 },
      disbursement: { amount: 60000, paidOn: '2026-12-20', voucherNo: 'GZCZ-2026-0188' },
    });
    expect(app.reviews.map((r: any) => [r.decision, r.approvedAmount])).toEqual([['approve', 60000]]);
    const kinds = (await caseOf(stack, caseId, 'baiyun')).timeline.map((e: any) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['incentive.assessed', 'incentive.approved', 'incentive.disbursed']),
    );
    const notes = (await stack.call('baiyun', 'GET', '/api/notifications')).body.items.filter(
      (n: any) => n.caseId === caseId && n.kind.startsWith('incentive.'),
    );
    expect(notes.map((n: any) => n.kind).sort()).toEqual(['incentive.approved', 'incentive.disbursed']);
    // the region's administrator lists it; another region's does not see it
    const listed = (await stack.call('gz.admin', 'GET', '/api/incentives?status=disbursed')).body.items;
    expect(listed.map((a: any) => a.caseId)).toContain(caseId);
    expect((await stack.call('sz.admin', 'GET', `/api/incentives/${caseId}`)).status).toBe(404);
  });

  it('refuses a second application for the same certificate and rule', async () => {
    const started = await stack.call('baiyun', 'POST', '/api/cases', {
      programmeId: 'incentive',
      data: { certificateId: audit.certificate.id, ruleId: 'audit-fee-share', auditFee: 120000 },
    });
    const caseId = started.body.id as string;
    const apply = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === caseId && t.formId === 'incentive-application',
    );
    const applyTask = await readTask(stack, 'baiyun', apply.id);
    await submit(stack, 'baiyun', apply.id, { ...applyTask.form.examples[0], ...applyTask.prefill });
    const failed = await caseStatus(stack, caseId, ['failed']);
    expect(failed.timeline.at(-1)).toMatchObject({
      kind: 'case.failed',
      data: { error: 'Incentive.Duplicate' },
    });
    // the other rule is still open to it
    const other = await stack.call('baiyun', 'POST', '/api/cases', {
      programmeId: 'incentive',
      data: { certificateId: audit.certificate.id, ruleId: 'audit-completion' },
    });
    const otherApply = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === other.body.id && t.formId === 'incentive-application',
    );
    const otherTask = await readTask(stack, 'baiyun', otherApply.id);
    const {
      auditFee: _fee,
      feeInvoices: _inv,
      ...data
    } = { ...otherTask.form.examples[0], ...otherTask.prefill };
    await submit(stack, 'baiyun', otherApply.id, { ...data, ruleId: 'audit-completion' });
    const review = await taskOf(
      stack,
      'gz.admin',
      (t) => t.caseId === other.body.id && t.formId === 'incentive-review',
    );
    expect((await readTask(stack, 'gz.admin', review.id)).prefill.assessment).toMatchObject({
      ruleId: 'audit-completion',
      amount: 10000,
    });
    // a rejection needs its reason, and the enterprise is told why
    await submit(stack, 'gz.admin', review.id, { decision: 'reject', reason: '本年度定额奖励资金已用完' });
    const rejected = await caseStatus(stack, other.body.id, ['completed']);
    expect(rejected.result).toMatchObject({ outcome: 'rejected', reason: '本年度定额奖励资金已用完' });
    await until('the rejection notice', async () =>
      (await stack.call('baiyun', 'GET', '/api/notifications')).body.items.find(
        (n: any) =>
          n.caseId === other.body.id && n.kind === 'incentive.rejected' && n.body.zh.includes('资金已用完'),
      ),
    );
  });
});
