/**
 * Human-task actions beyond submit: drafts (and a consultant drafting for the enterprise it acts for), claim and
 * release, transfer, remind (催办), withdrawing a submission while the next step is untouched, and files.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { requestFlow, requestForm, reviewForm } from '../../../fixtures/lowcode';

let stack: TestStack;

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}
const taskOf = (user: string, caseId: string, not: string[] = []) =>
  until(async () =>
    (await stack.call(user, 'GET', '/api/tasks')).body.items.find(
      (t: any) => t.caseId === caseId && !not.includes(t.id),
    ),
  );

beforeAll(async () => {
  stack = await startStack();
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
    startRoles: ['enterprise', 'consultant'],
  });
  // a second administrator in Guangzhou, for transfers
  await stack.call('admin', 'POST', '/api/admin/users', {
    username: 'gz.admin2',
    displayName: '广州管理员二',
    organisationId: 'org_gzgxj0001',
    password: 'a-long-password-2',
  });
  stack.remember('gz.admin2', 'a-long-password-2');
});
afterAll(async () => stack?.close());

describe('drafts', () => {
  it('lets the consultant the enterprise authorised save drafts but not submit; the enterprise submits', async () => {
    const started = await stack.call('lvyuan', 'POST', '/api/cases', {
      programmeId: 'test-programme',
      organisationId: 'org_mzdd00001',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const task = await taskOf('lvyuan', started.body.id);
    expect(task.access).toBe('draft');
    const saved = await stack.call('lvyuan', 'PUT', `/api/tasks/${task.id}/draft`, {
      data: { subject: '咨询起草', amount: 2 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draftVersion).toBe(1);
    const stale = await stack.call('mingzhu', 'PUT', `/api/tasks/${task.id}/draft`, {
      data: { subject: 'x' },
      draftVersion: 0,
    });
    expect(stale.status).toBe(409);
    const denied = await stack.call('lvyuan', 'POST', `/api/tasks/${task.id}/submit`, {
      data: { subject: '咨询起草', amount: 2 },
    });
    expect(denied.status).toBe(403);
    const seen = await stack.call('mingzhu', 'GET', `/api/tasks/${task.id}`);
    expect(seen.body.draft.data).toEqual({ subject: '咨询起草', amount: 2 });
    expect(seen.body.form.examples[0]).toEqual(requestForm.examples[0]);
    const sub = await stack.call('mingzhu', 'POST', `/api/tasks/${task.id}/submit`, {
      data: seen.body.draft.data,
    });
    expect(sub.status).toBe(200);
    expect(sub.body.submission.submittedBy.username).toBe('mingzhu');
    // a retry with the same data gets the stored submission back; other data is refused
    const retry = await stack.call('mingzhu', 'POST', `/api/tasks/${task.id}/submit`, {
      data: seen.body.draft.data,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ created: false, submission: { id: sub.body.submission.id } });
    const other = await stack.call('mingzhu', 'POST', `/api/tasks/${task.id}/submit`, {
      data: { subject: '别的', amount: 9 },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('TASK_CLOSED');
  });
});

describe('submit', () => {
  it('closes a task exactly once under concurrent submits, keeping the submission with the closed task', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const caseId = started.body.id as string;
    const task = await taskOf('mingzhu', caseId);
    const a = { subject: '甲方申请', amount: 1 };
    const b = { subject: '乙方申请', amount: 2 };
    const answers = await Promise.all(
      [a, b, a, b].map((data) => stack.call('mingzhu', 'POST', `/api/tasks/${task.id}/submit`, { data })),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(ok.filter((r) => r.body.created)).toHaveLength(1);
    const winner = ok[0]!.body.submission;
    for (const r of answers) {
      if (r.status === 200) expect(r.body.submission).toEqual(winner);
      else expect(r.body.error.code).toBe('TASK_CLOSED');
    }
    expect(answers.filter((r) => r.status === 200)).toHaveLength(2); // the winner's data, twice
    // stored once, readable by id and in the case's list; the task left the inbox and shows no submission field
    expect((await stack.call('mingzhu', 'GET', `/api/submissions/${winner.id}`)).body).toEqual(winner);
    const list = await stack.call('mingzhu', 'GET', `/api/cases/${caseId}/submissions`);
    expect(list.body.items).toEqual([winner]);
    const inbox = await stack.call('mingzhu', 'GET', '/api/tasks');
    expect(inbox.body.items.map((t: any) => t.id)).not.toContain(task.id);
    const closed = await stack.call('mingzhu', 'GET', `/api/tasks/${task.id}`);
    expect(closed.body).toMatchObject({ status: 'submitted', submissionId: winner.id });
    expect(closed.body).not.toHaveProperty('submission');
    expect(closed.body).not.toHaveProperty('token');
    const detail = await until(async () => {
      const d = await stack.call('mingzhu', 'GET', `/api/cases/${caseId}`);
      return d.body.timeline.some((e: any) => e.kind === 'task.opened' && e.data.taskId !== task.id)
        ? d
        : undefined;
    });
    expect(detail.body.timeline.filter((e: any) => e.kind === 'task.submitted')).toHaveLength(1);
    expect((await stack.call('mingzhu', 'GET', `/api/cases/${caseId}/verify`)).body.valid).toBe(true);
  });

  it('still reads a submission stored in its own item, as before submissions moved into the task', async () => {
    const { db } = stack.runtime.deps;
    const legacy = {
      id: 'sub_0123456789abcdef0123456789',
      caseId: 'case_legacy0001',
      taskId: 'task_0123456789abcdef0123456789',
      formId: 'test-request',
      formVersion: 1,
      data: { subject: '旧', amount: 3 },
      submittedBy: { userId: 'usr_x', username: 'x', role: 'enterprise', organisationId: 'org_mzdd00001' },
      submittedAt: '2026-01-01T00:00:00.000Z',
    };
    await db.put({
      Item: {
        PK: `SUB#${legacy.id}`,
        SK: 'SUB',
        type: 'submission',
        ...legacy,
        GSI1PK: `CASESUBS#${legacy.caseId}`,
        GSI1SK: `${legacy.submittedAt}#${legacy.id}`,
      },
    });
    const { getSubmissionItem, listSubmissions } = await import('../../../../lambdas/core/tasks/submissions');
    expect(await getSubmissionItem({ db }, legacy.id)).toEqual(legacy);
    expect(await listSubmissions({ db }, legacy.caseId)).toEqual([legacy]);
  });
});

describe('claim, release, transfer, remind', () => {
  it('claims, blocks others, releases, transfers and reminds at most hourly', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const t = await taskOf('mingzhu', started.body.id);
    await stack.call('mingzhu', 'POST', `/api/tasks/${t.id}/submit`, { data: requestForm.examples[0] });
    const review = await taskOf('gz.admin', started.body.id);
    const claimed = await stack.call('gz.admin', 'POST', `/api/tasks/${review.id}/claim`);
    expect(claimed.body.claimedBy).toBe('usr_gzadmin001');
    const other = await stack.call('gz.admin2', 'POST', `/api/tasks/${review.id}/submit`, {
      data: { decision: 'approve' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('TASK_CLAIMED');
    expect((await stack.call('gz.admin', 'POST', `/api/tasks/${review.id}/release`)).status).toBe(200);
    const me2 = await stack.call('gz.admin2', 'GET', '/api/me');
    const moved = await stack.call('gz.admin', 'POST', `/api/tasks/${review.id}/transfer`, {
      userId: me2.body.id,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.assignee.userIds).toEqual([me2.body.id]);
    const inbox1 = await stack.call('gz.admin', 'GET', '/api/tasks');
    expect(inbox1.body.items.map((x: any) => x.id)).not.toContain(review.id);
    const inbox2 = await stack.call('gz.admin2', 'GET', '/api/tasks');
    expect(inbox2.body.items.map((x: any) => x.id)).toContain(review.id);
    expect((await stack.call('mingzhu', 'POST', `/api/tasks/${review.id}/remind`)).status).toBe(204);
    const twice = await stack.call('gz.admin', 'POST', `/api/tasks/${review.id}/remind`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_REMINDED');
    const timeline = (await stack.call('mingzhu', 'GET', `/api/cases/${started.body.id}`)).body.timeline.map(
      (e: any) => e.kind,
    );
    expect(timeline).toEqual(
      expect.arrayContaining(['task.claimed', 'task.released', 'task.transferred', 'task.reminded']),
    );
  });
});

describe('withdraw', () => {
  it('withdraws a submission while the next step is untouched, and the workflow returns to the submitter', async () => {
    const started = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    const first = await taskOf('mingzhu', started.body.id);
    const sub = await stack.call('mingzhu', 'POST', `/api/tasks/${first.id}/submit`, {
      data: requestForm.examples[0],
    });
    const review = await taskOf('gz.admin', started.body.id);
    const w = await stack.call('mingzhu', 'POST', `/api/submissions/${sub.body.submission.id}/withdraw`);
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.cancelledTaskId).toBe(review.id);
    const again = await taskOf('mingzhu', started.body.id, [first.id]);
    expect(again.formId).toBe('test-request');
    // the submission is still there, unchanged
    const stored = await stack.call('mingzhu', 'GET', `/api/submissions/${sub.body.submission.id}`);
    expect(stored.body.data).toEqual(requestForm.examples[0]);
    // once the next step has started (a draft saved), withdrawing is refused
    const sub2 = await stack.call('mingzhu', 'POST', `/api/tasks/${again.id}/submit`, {
      data: requestForm.examples[0],
    });
    const review2 = await taskOf('gz.admin', started.body.id, [review.id]);
    await stack.call('gz.admin', 'PUT', `/api/tasks/${review2.id}/draft`, { data: { decision: 'approve' } });
    const refused = await stack.call(
      'mingzhu',
      'POST',
      `/api/submissions/${sub2.body.submission.id}/withdraw`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CANNOT_WITHDRAW');
    expect((await stack.call('mingzhu', 'GET', `/api/cases/${started.body.id}/verify`)).body.valid).toBe(
      true,
    );
  });
});

describe('files', () => {
  it('takes a declared file whose bytes match, refuses one that does not, and limits types', async () => {
    const bytes = Buffer.from('%PDF-1.4 清洁生产审核报告');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const declared = await stack.call('mingzhu', 'POST', '/api/files', {
      name: '审核报告.pdf',
      size: bytes.length,
      contentType: 'application/pdf',
      sha256,
    });
    expect(declared.status).toBe(201);
    const token = await stack.token('mingzhu');
    const wrong = await stack.app.request(declared.body.uploadUrl, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4 tampered bytes!!'),
    });
    expect(wrong.status).toBe(422);
    const ok = await stack.app.request(declared.body.uploadUrl, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(ok.status).toBe(204);
    const meta = await stack.call('mingzhu', 'GET', `/api/files/${declared.body.fileId}`);
    expect(meta.body).toMatchObject({ status: 'stored', sha256, name: '审核报告.pdf' });
    const got = await stack.app.request(meta.body.downloadUrl, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    const exe = await stack.call('mingzhu', 'POST', '/api/files', {
      name: 'a.exe',
      size: 10,
      contentType: 'application/x-msdownload',
      sha256,
    });
    expect(exe.status).toBe(422);
    const huge = await stack.call('mingzhu', 'POST', '/api/files', {
      name: 'a.pdf',
      size: 60 * 1024 * 1024,
      contentType: 'application/pdf',
      sha256,
    });
    expect(huge.status).toBe(422);
  });
});
