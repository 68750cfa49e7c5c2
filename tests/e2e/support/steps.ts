/**
 * Arranging the steps a browser test is not about, through `npm start`'s HTTP API: every open step of the given
 * cases is done by the user its assignee names (tests/support/programme-steps.ts), with its form's first example
 * unless `answer` says otherwise, until `stop` picks a step the test will do in the browser (or the first case
 * stops running). As in the browser, the agency's formal check keeps the coherence findings it was prefilled with.
 */
import { expect } from 'vitest';
import type { StepAssignee } from '../../support/programme-steps';
import { actorFor } from '../../support/programme-steps';
import type { App } from './app';

export interface OpenStep {
  caseId: string;
  taskId: string;
  formId: string;
  assignee: StepAssignee;
}

export type Answer = (step: OpenStep, example: any, prefill: any) => unknown;

const keepFindings: Answer = (step, example, prefill) =>
  step.formId === 'report-formal-check' ? { ...example, findings: prefill?.findings ?? [] } : undefined;

/**
 * Does the open steps of `caseIds` until `stop` accepts one (returned, not done) or the first case ends
 * (undefined). Steps already done are remembered in `done`, so a later call can go on.
 */
export async function driveUntil(
  app: App,
  caseIds: readonly string[],
  stop: (step: OpenStep) => boolean,
  answer: Answer = () => undefined,
  ms = 180_000,
  done: Set<string> = new Set(),
): Promise<OpenStep | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`steps of ${caseIds.join(', ')} still open after ${ms} ms`);
    let acted = false;
    for (const [i, id] of caseIds.entries()) {
      const c = (await app.api('gz.admin', 'GET', `/api/cases/${id}`)).body;
      if (!c?.status) continue;
      if (c.status !== 'running') {
        if (i === 0) return undefined;
        continue;
      }
      for (const s of Object.values<any>(c.currentSteps ?? {})) {
        const step: OpenStep = { caseId: id, taskId: s.taskId, formId: s.formId, assignee: s.assignee };
        if (done.has(step.taskId)) continue;
        if (stop(step)) return step;
        const user = actorFor(step.assignee, c.organisationId);
        const task = await app.api(user, 'GET', `/api/tasks/${step.taskId}`);
        expect(task.status, `${user} reads ${step.formId}: ${JSON.stringify(task.body)}`).toBe(200);
        const example = task.body.form.examples[0];
        const data =
          answer(step, example, task.body.prefill) ??
          keepFindings(step, example, task.body.prefill) ??
          example;
        const sub = await app.api(user, 'POST', `/api/tasks/${step.taskId}/submit`, { data });
        expect(sub.status, `${user} submits ${step.formId}: ${JSON.stringify(sub.body).slice(0, 600)}`).toBe(
          200,
        );
        done.add(step.taskId);
        acted = true;
      }
    }
    if (!acted) await new Promise((r) => setTimeout(r, 150));
  }
}
