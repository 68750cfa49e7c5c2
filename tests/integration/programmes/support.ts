/**
 * Drives the audit catalogue through the HTTP API on the embedded runtime: the starter catalogue (forms/,
 * workflows/, reference/) is loaded as on `npm start`, and each open step is done by the user its assignee names —
 * the enterprise (with its authorised consultant drafting first), the region's administrator, or the drawn expert —
 * filling the task with its form's first example unless the test says otherwise.
 */
import { expect } from 'vitest';
import { loadCatalogue } from '../../../lambdas/core/definitions/catalogue';
import { readCatalogue } from '../../../local/catalogue';
import { actorFor, consultantFor } from '../../support/programme-steps';
import type { TestStack } from '../../support/stack';
import { startStack } from '../../support/stack';

export interface Done {
  caseId: string;
  taskId: string;
  formId: string;
  stateName?: string;
  username: string;
  role: string;
  drafter?: string;
}

/** What a test may do with a step: give other data, or let the default (the form's first example) stand. */
export type Answer = (step: {
  caseId: string;
  formId: string;
  stateName?: string;
  username: string;
  example: any;
  prefill: any;
  visit: number;
}) => any;

/** The reference tables the audit programmes' Lambdas read. */
const NEEDED_TABLES = [
  'routing-rules',
  'industry-sectors',
  'coherence-policy',
  'performance-policy',
  'energy-coefficients',
  'grid-emission-factors',
  'panel-rules',
  'score-sheets',
  'certificate-policy',
];

export async function catalogueStack(): Promise<TestStack> {
  const stack = await startStack();
  const report = await loadCatalogue(stack.runtime.deps, readCatalogue('.'));
  const needed = Object.entries(report.references ?? {}).filter(([id]) => NEEDED_TABLES.includes(id));
  const failed = [...Object.entries(report.forms), ...Object.entries(report.workflows), ...needed].filter(
    ([, outcome]) => outcome.startsWith('failed'),
  );
  expect(failed).toEqual([]);
  expect(needed.map(([id]) => id).sort()).toEqual([...NEEDED_TABLES].sort());
  return stack;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

export class Driver {
  readonly done: Done[] = [];
  private readonly visits = new Map<string, number>();

  constructor(readonly stack: TestStack) {}

  async getCase(id: string) {
    const res = await this.stack.call('gz.admin', 'GET', `/api/cases/${id}`);
    return res.status === 200 ? res.body : undefined;
  }

  /** Who acts on a step: the named user, the enterprise of the organisation, or the region's administrator. */
  userFor(step: { assignee: { role: string; organisationId?: string; userIds?: string[] } }, c: any): string {
    return actorFor(step.assignee, c.organisationId);
  }

  /**
   * Does every open step of the given cases until `stop` says so (or the cases stop running), answering each
   * with `answer` or the form's first example. Returns what was done, in order.
   */
  async run(
    caseIds: () => string[],
    stop: () => Promise<boolean>,
    answer: Answer = () => undefined,
    ms = 60_000,
  ) {
    const deadline = Date.now() + ms;
    const before = this.done.length;
    for (;;) {
      if (await stop()) return this.done.slice(before);
      if (Date.now() > deadline)
        throw new Error(`steps still open after ${ms} ms: ${JSON.stringify(this.done.slice(-3))}`);
      let acted = false;
      for (const id of caseIds()) {
        const c = await this.getCase(id);
        if (!c || c.status !== 'running') continue;
        for (const step of Object.values<any>(c.currentSteps ?? {})) {
          if (this.done.some((d) => d.taskId === step.taskId)) continue;
          await this.act(c, step, answer);
          acted = true;
        }
      }
      if (!acted) await new Promise((r) => setTimeout(r, 40));
    }
  }

  private async act(c: any, step: any, answer: Answer) {
    const username = this.userFor(step, c);
    // A step shows on the case (its UpdateItem) a moment before its task item is written (the BatchWrite after it).
    let task = await this.stack.call(username, 'GET', `/api/tasks/${step.taskId}`);
    for (let i = 0; i < 100 && task.status === 404; i++) {
      await new Promise((r) => setTimeout(r, 20));
      task = await this.stack.call(username, 'GET', `/api/tasks/${step.taskId}`);
    }
    expect(task.status, `${username} reads ${step.formId}: ${JSON.stringify(task.body)}`).toBe(200);
    expect(task.body.access).toBe('act');
    const example = task.body.form.examples[0];
    const key = `${c.id}/${task.body.stateName ?? step.formId}`;
    const visit = this.visits.get(key) ?? 0;
    this.visits.set(key, visit + 1);
    const data =
      answer({
        caseId: c.id,
        formId: step.formId,
        stateName: task.body.stateName,
        username,
        example,
        prefill: task.body.prefill,
        visit,
      }) ?? example;
    let drafter: string | undefined;
    const consultant = step.assignee.role === 'enterprise' ? consultantFor(c.organisationId) : undefined;
    if (consultant) {
      // the authorised consultancy drafts, the enterprise submits
      const draft = await this.stack.call(consultant, 'PUT', `/api/tasks/${step.taskId}/draft`, { data });
      expect(draft.status, JSON.stringify(draft.body)).toBe(200);
      drafter = consultant;
    }
    const sub = await this.stack.call(username, 'POST', `/api/tasks/${step.taskId}/submit`, { data });
    expect(sub.status, `${username} submits ${step.formId}: ${JSON.stringify(sub.body).slice(0, 600)}`).toBe(
      200,
    );
    this.done.push({
      caseId: c.id,
      taskId: step.taskId,
      formId: step.formId,
      ...(task.body.stateName ? { stateName: task.body.stateName } : {}),
      username,
      role: step.assignee.role,
      ...(drafter ? { drafter } : {}),
    });
  }

  async status(id: string, wanted: string[], ms = 20_000) {
    return until(
      `case ${id} ${wanted.join('|')}`,
      async () => {
        const c = await this.getCase(id);
        return c && wanted.includes(c.status) ? c : undefined;
      },
      ms,
    );
  }
}

/** The forms done on a case, in order. */
export const formsOf = (done: Done[], caseId: string) =>
  done.filter((d) => d.caseId === caseId).map((d) => d.formId);
