/**
 * A small running scenario shared by tests that need real data behind every route: the request → review forms,
 * workflow and programme published, and one Guangzhou case whose first step is submitted and whose review is
 * open, plus a declared file.
 */
import { requestFlow, requestForm, reviewForm } from '../fixtures/lowcode';
import type { TestStack } from './stack';

export interface Scenario {
  caseId: string;
  /** The open review task (the administrator's). */
  taskId: string;
  submissionId: string;
  fileId: string;
}

export async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function publishLowcode(stack: TestStack): Promise<void> {
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
}

export async function openReviewCase(stack: TestStack): Promise<Scenario> {
  const caseId = (await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' })).body
    .id as string;
  const first = await until(async () =>
    (await stack.call('mingzhu', 'GET', '/api/tasks')).body.items.find(
      (t: { caseId: string }) => t.caseId === caseId,
    ),
  );
  const submitted = await stack.call('mingzhu', 'POST', `/api/tasks/${first.id}/submit`, {
    data: requestForm.examples[0],
  });
  const review = await until(async () =>
    (await stack.call('gz.admin', 'GET', '/api/tasks')).body.items.find(
      (t: { caseId: string }) => t.caseId === caseId,
    ),
  );
  const file = await stack.call('mingzhu', 'POST', '/api/files', {
    name: '报告.pdf',
    size: 4,
    contentType: 'application/pdf',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  });
  return { caseId, taskId: review.id, submissionId: submitted.body.submission.id, fileId: file.body.fileId };
}
