/**
 * Must-show: a certificate runs out. The sweep is run through `POST /api/admin/reminders/run` as of the days that
 * matter (time travel without touching the clock): T-180, T-90 and T-30 each remind the holder once — a rerun of
 * any day sends nothing again, in the inbox or by mail — and on the last valid day the renewal round opens, once,
 * prefilled from the previous round (the certificate it renews, then the previous filing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../support/stack';
import type { Certified } from './support';
import { caseOf, certifiedAudit, lifecycleStack, plusDays, readTask, submit, taskOf, until } from './support';

let stack: TestStack;
let audit: Certified;
const BAIYUN_USER = 'usr_bybz00001';

beforeAll(async () => {
  stack = await lifecycleStack();
  // the enterprise's user has an address, so the reminders also go out by mail (the local outbox)
  const user = (await stack.call('admin', 'GET', `/api/admin/users/${BAIYUN_USER}`)).body;
  const saved = await stack.call('admin', 'PUT', `/api/admin/users/${BAIYUN_USER}`, {
    email: 'zhang@bybz.example.cn',
    version: user.version,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  audit = await certifiedAudit(stack);
}, 300_000);
afterAll(async () => stack?.close());

const run = async (asOf: string) => {
  const res = await stack.call('admin', 'POST', '/api/admin/reminders/run', { asOf });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const mine = (report: any) =>
  report.certificates.reminded.filter((r: any) => r.certificateId === audit.certificate.id);
const expiring = async () =>
  (await stack.call('baiyun', 'GET', '/api/notifications?limit=200')).body.items.filter(
    (n: any) => n.kind === 'certificate.expiring' && n.caseId === audit.auditCaseId,
  );
const outbox = () =>
  readdirSync(stack.runtime.outboxDir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(`${stack.runtime.outboxDir}/${f}`, 'utf8'));

describe('certificate expiry and the renewal round', () => {
  it('reminds the holder at T-180, T-90 and T-30, once each, and a rerun sends nothing twice', async () => {
    const until_ = audit.certificate.validUntil as string;
    expect(until_ > plusDays(new Date().toISOString().slice(0, 10), 4 * 365)).toBe(true); // 5-year validity
    const mailsBefore = outbox().length;

    for (const offset of [180, 90, 30]) {
      const day = plusDays(until_, -offset);
      const first = await run(day);
      expect(mine(first)).toEqual([{ certificateId: audit.certificate.id, offset, notified: 1 }]);
      const again = await run(day);
      expect(mine(again)).toEqual([]);
      // a day later the same offset is not sent again either (the catch-up window still covers it)
      expect(mine(await run(plusDays(day, 1)))).toEqual([]);
    }

    const notes = await expiring();
    expect(notes).toHaveLength(3);
    expect(notes.map((n: any) => n.title.zh)).toEqual(Array(3).fill(`清洁生产审核证书将于 ${until_} 到期`));
    expect(notes.map((n: any) => n.body.zh.match(/还有 (\d+) 天/)?.[1])).toEqual(['30', '90', '180']);
    // one mail per reminder, addressed to the user, with the certificate number
    const mails = outbox()
      .slice(mailsBefore)
      .filter((m) => m.includes('X-Cpflow-Notification'));
    const reminders = mails.filter((m) =>
      Buffer.from(m.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64')
        .toString('utf8')
        .includes(audit.certificate.number),
    );
    expect(reminders).toHaveLength(3);
    expect(reminders.every((m) => m.includes('To: zhang@bybz.example.cn'))).toBe(true);

    // the reminders are recorded once, by subject, kind and offset
    const records = await stack.call(
      'admin',
      'GET',
      `/api/admin/reminders/records?day=${plusDays(until_, -90)}`,
    );
    expect(
      records.body.items
        .filter((r: any) => r.subject === `cert:${audit.certificate.id}`)
        .map((r: any) => [r.kind, r.offset]),
    ).toEqual([['certificate.expiring', 90]]);
    // a day's records come a page at a time: one by one, the cursors lead through the same records
    const paged: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.call(
        'admin',
        'GET',
        `/api/admin/reminders/records?day=${plusDays(until_, -90)}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.body.items);
      cursor = page.body.cursor;
    } while (cursor);
    expect(paged).toEqual(records.body.items);
  });

  it('opens the renewal round once on the last valid day, prefilled from the previous round', async () => {
    const until_ = audit.certificate.validUntil as string;
    const report = await run(until_);
    const opened = report.certificates.renewals.filter((r: any) => r.certificateId === audit.certificate.id);
    expect(opened).toHaveLength(1);
    const renewalId = opened[0].caseId as string;
    expect((await run(until_)).certificates.renewals).toEqual([]);
    expect((await run(plusDays(until_, 2))).certificates.renewals).toEqual([]);

    const c = await caseOf(stack, renewalId, 'baiyun');
    expect(c).toMatchObject({
      programmeId: 'renewal',
      kind: 'renewal',
      organisationId: 'org_bybz00001',
      status: 'running',
    });
    const renewalNotes = (await stack.call('baiyun', 'GET', '/api/notifications')).body.items.filter(
      (n: any) => n.kind === 'renewal.opened',
    );
    expect(renewalNotes).toHaveLength(1);
    expect(renewalNotes[0].caseId).toBe(renewalId);

    // step 1: the notice, prefilled with the certificate it renews
    const notice = await taskOf(
      stack,
      'baiyun',
      (t) => t.caseId === renewalId && t.formId === 'renewal-notice',
    );
    const noticeTask = await readTask(stack, 'baiyun', notice.id);
    expect(noticeTask.prefill.previous).toMatchObject({
      certificateId: audit.certificate.id,
      number: audit.certificate.number,
      grade: audit.certificate.grade,
      validUntil: until_,
      caseId: audit.auditCaseId,
    });
    await submit(stack, 'baiyun', notice.id, {
      ...noticeTask.prefill,
      continueOptions: [],
      acknowledged: true,
      plannedStartOn: plusDays(until_, 14),
    });

    // step 2: the filing, prefilled from the previous round's filing (its list batch and declaration cleared)
    const filing = await taskOf(stack, 'baiyun', (t) => t.caseId === renewalId && t.formId === 'filing');
    const filingTask = await readTask(stack, 'baiyun', filing.id);
    const previousFiling = (
      await stack.call('baiyun', 'GET', `/api/cases/${audit.roundCaseId}/submissions`)
    ).body.items.find((s: any) => s.formId === 'filing').data;
    expect(filingTask.prefill.enterprise).toEqual(previousFiling.enterprise);
    expect(filingTask.prefill.contacts).toEqual(previousFiling.contacts);
    expect(filingTask.prefill.triggers).toEqual(previousFiling.triggers);
    expect(filingTask.prefill.batch).toBeUndefined();
    expect(filingTask.prefill.declaration).toBeUndefined();

    // the renewal is on the case's record, and the reminder ledger holds one renewal for the certificate
    const timeline = (await caseOf(stack, renewalId, 'baiyun')).timeline.map((e: any) => e.kind);
    expect(timeline.slice(0, 2)).toEqual(['case.started', 'task.opened']);
    const records = await stack.call('admin', 'GET', `/api/admin/reminders/records?day=${until_}`);
    expect(
      records.body.items.filter(
        (r: any) => r.subject === `cert:${audit.certificate.id}` && r.kind === 'renewal.opened',
      ),
    ).toHaveLength(1);
  });

  it('lets the user read the reminders: unread count, mark one, mark all', async () => {
    const page = (await stack.call('baiyun', 'GET', '/api/notifications')).body;
    expect(page.unreadCount).toBeGreaterThanOrEqual(4);
    const first = page.items[0];
    const read = await stack.call('baiyun', 'POST', `/api/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeTruthy();
    expect((await stack.call('baiyun', 'GET', '/api/notifications')).body.unreadCount).toBe(
      page.unreadCount - 1,
    );
    // another user cannot mark it (it is not theirs)
    expect((await stack.call('mingzhu', 'POST', `/api/notifications/${first.id}/read`)).status).toBe(404);
    const all = await stack.call('baiyun', 'POST', '/api/notifications/read-all');
    expect(all.body.marked).toBe(page.unreadCount - 1);
    await until('no unread', async () =>
      (await stack.call('baiyun', 'GET', '/api/notifications?unread=true')).body.unreadCount === 0
        ? true
        : undefined,
    );
  });

  it('lets only platform administrators run the sweep', async () => {
    const res = await stack.call('gz.admin', 'POST', '/api/admin/reminders/run', { asOf: '2030-01-01' });
    expect(res.status).toBe(403);
    expect((await stack.call('baiyun', 'POST', '/api/admin/reminders/run', {})).status).toBe(403);
  });
});
