/**
 * Submission references in task payloads (lambdas/core/tasks/refs.ts), resolved against the embedded store: a
 * step result's inline data, or the stored submission its `dataRef` names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ports } from '../../../../lambdas/core/ports';
import { resolveSubmissionRefs, valueAt } from '../../../../lambdas/core/tasks/refs';
import { submissionToItem } from '../../../../lambdas/core/tasks/submissions';
import { startStorePorts } from '../../../support/store-ports';

let ports: Ports;
let close: (() => Promise<void>) | undefined;

const report = {
  summary: { options: [{ id: 'F01', cost: 'no-low' }], focus: { name: '涂装线' } },
  performance: { year: 2025 },
  revisionNote: '说明'.repeat(20_000),
};
const stored = {
  submissionId: 'sub_big',
  formId: 'report-submission',
  formVersion: 3,
  dataRef: { submissionId: 'sub_big' },
};

beforeAll(async () => {
  ({ ports, close } = await startStorePorts('cpflow-refs'));
  await ports.db.batchWrite({
    puts: [
      submissionToItem({
        id: 'sub_big',
        caseId: 'case_a',
        taskId: 'task_big',
        formId: 'report-submission',
        formVersion: 3,
        data: report,
        submittedBy: { userId: 'u1', username: 'mingzhu', role: 'enterprise', organisationId: 'org_a' },
        submittedAt: '2026-03-01T08:00:00.000Z',
      }),
    ],
  });
});
afterAll(async () => {
  await close?.();
});

describe('submission references', () => {
  it('reads a dotted path from inline data, leaving the rest of the payload as it is', async () => {
    const payload = {
      caseId: 'case_a',
      year: 2025,
      options: { fromSubmission: { submissionId: 's1', data: report }, path: 'summary.options' },
      list: [{ fromSubmission: { data: report }, path: 'summary.options.0.id' }, 'x'],
    };
    expect(await resolveSubmissionRefs(ports, payload)).toEqual({
      caseId: 'case_a',
      year: 2025,
      options: report.summary.options,
      list: ['F01', 'x'],
    });
  });

  it('reads a submission the step result only names, from the store', async () => {
    const resolved = (await resolveSubmissionRefs(ports, {
      caseId: 'case_a',
      report: {
        focus: { fromSubmission: stored, path: 'summary.focus' },
        year: { fromSubmission: stored, path: 'performance.year' },
      },
      prefill: { fromSubmission: stored, merge: { coherenceFindings: [{ code: 'X' }] } },
    })) as any;
    expect(resolved.report).toEqual({ focus: { name: '涂装线' }, year: 2025 });
    expect(resolved.prefill).toEqual({ ...report, coherenceFindings: [{ code: 'X' }] });
  });

  it('refuses a submission of another case, and a reference that is not a step result', async () => {
    await expect(
      resolveSubmissionRefs(ports, { caseId: 'case_b', x: { fromSubmission: stored, path: 'summary' } }),
    ).rejects.toMatchObject({ name: 'Submission.InvalidReference' });
    await expect(
      resolveSubmissionRefs(ports, { caseId: 'case_a', x: { fromSubmission: { formId: 'f' } } }),
    ).rejects.toMatchObject({ name: 'Submission.InvalidReference' });
    await expect(
      resolveSubmissionRefs(ports, {
        caseId: 'case_a',
        x: { fromSubmission: { dataRef: { submissionId: 'sub_none' } } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives undefined for a missing path, so the task function reports the missing field itself', () => {
    expect(valueAt(report, 'summary.missing.deeper')).toBeUndefined();
    expect(valueAt(report, 'summary.options.7')).toBeUndefined();
    expect(valueAt(report, 'summary.options.0.cost')).toBe('no-low');
    expect(valueAt({ a: 1 }, 'constructor')).toBeUndefined();
  });

  it('passes a payload without references through untouched', async () => {
    const payload = { caseId: 'case_a', nested: { fromSubmission: 'not an object' } };
    expect(await resolveSubmissionRefs(ports, payload)).toBe(payload);
  });
});
