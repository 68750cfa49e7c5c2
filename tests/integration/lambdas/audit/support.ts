/** A tiny workflow that calls every domain Lambda in turn, and helpers to run cases through it. */
import { expect } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { loadCatalogue } from '../../../../lambdas/core/definitions/catalogue';
import { readCatalogue } from '../../../../local/catalogue';

const invoke = (FunctionName: string, Payload: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName, Payload },
  ResultSelector: { 'result.$': '$.Payload' },
});

/** Filing → classify → performance → coherence → panel (NotEnoughExperts caught) → scores → certificate. */
export const domainFlow = {
  title: { zh: '领域函数测试流程', en: 'Domain Lambdas test flow' },
  definition: {
    StartAt: 'Classify',
    States: {
      Classify: {
        ...invoke('cp-classify', {
          'caseId.$': '$.caseId',
          'organisationId.$': '$.organisationId',
          'filing.$': '$.data.filing',
        }),
        ResultPath: '$.classification',
        Next: 'Performance',
      },
      Performance: {
        ...invoke('cp-performance', {
          'caseId.$': '$.caseId',
          year: 2023,
          'energy.$': '$.data.energy',
          'water.$': '$.data.water',
          'pollutants.$': '$.data.pollutants',
          'options.$': '$.data.report.options',
        }),
        ResultPath: '$.performance',
        Next: 'Coherence',
      },
      Coherence: {
        ...invoke('cp-coherence', {
          'caseId.$': '$.caseId',
          report: {
            'problems.$': '$.data.report.problems',
            'options.$': '$.data.report.options',
            'targets.$': '$.data.report.targets',
            'focus.$': '$.data.report.focus',
            'balance.$': '$.data.report.balance',
            'performance.$': '$.performance.result',
          },
        }),
        ResultPath: '$.coherence',
        Next: 'Assign',
      },
      Assign: {
        ...invoke('cp-assign-experts', {
          'caseId.$': '$.caseId',
          'organisationId.$': '$.organisationId',
          'industryCode.$': '$.classification.result.industryCode',
          'panel.$': '$.data.panel',
        }),
        ResultPath: '$.panel',
        Catch: [{ ErrorEquals: ['Panel.NotEnoughExperts'], ResultPath: '$.panelError', Next: 'NoPanel' }],
        Next: 'Sheets',
      },
      Sheets: {
        Type: 'Map',
        ItemsPath: '$.panel.result.panel',
        ItemSelector: {
          'userId.$': '$$.Map.Item.Value.userId',
          'leader.$': '$$.Map.Item.Value.leader',
          'data.$': '$.data.sheet',
        },
        ItemProcessor: { StartAt: 'Sheet', States: { Sheet: { Type: 'Pass', End: true } } },
        ResultPath: '$.scores',
        Next: 'Score',
      },
      Score: {
        ...invoke('cp-score-panel', {
          'caseId.$': '$.caseId',
          sheet: 'quick',
          'scores.$': '$.scores',
          'panel.$': '$.panel.result',
        }),
        ResultPath: '$.score',
        Next: 'Certificate',
      },
      Certificate: {
        ...invoke('cp-issue-certificate', {
          'caseId.$': '$.caseId',
          'organisationId.$': '$.organisationId',
          'programmeId.$': '$.programmeId',
          'score.$': '$.score.result.total',
          'grade.$': '$.score.result.grade',
        }),
        ResultPath: '$.certificate',
        End: true,
      },
      NoPanel: { Type: 'Pass', Result: 'no panel', ResultPath: '$.outcome', End: true },
    },
  },
};

/** The case data: a full-audit filing, quantities, a coherent report, the quick panel and a passing sheet. */
export function caseData(over: Record<string, unknown> = {}) {
  return {
    filing: { industryCode: 'C3360', size: 'medium', triggers: { toxicSubstances: true } },
    energy: [
      { type: 'electricity', savedQuantity: 10, unit: '10^4 kWh' },
      { type: 'raw-coal', savedQuantity: 200, unit: 't' },
    ],
    water: { freshWaterSavedT: 3200 },
    pollutants: [{ code: 'heavy-metals', reducedT: 0.02 }],
    report: {
      problems: [
        { id: 'P1', factor: 'materials-energy', key: true },
        { id: 'P2', factor: 'process', key: true },
        { id: 'P3', factor: 'equipment', key: false },
        { id: 'P4', factor: 'process-control', key: false },
        { id: 'P5', factor: 'product', key: false },
        { id: 'P6', factor: 'waste', key: false },
        { id: 'P7', factor: 'management', key: false },
        { id: 'P8', factor: 'employees', key: false },
      ],
      options: [
        {
          id: 'F1',
          problemIds: ['P1'],
          cost: 'no-low',
          implemented: true,
          investment: 0.5,
          annualBenefit: 2.1,
          verifiedResult: { value: 3, unit: 'tce/a', dataSource: '电费单' },
        },
        {
          id: 'Z1',
          problemIds: ['P2'],
          cost: 'mid-high',
          implemented: true,
          investment: 150,
          annualBenefit: 40,
          cashFlow: 32.5,
          verifiedResult: { value: 12, unit: 'tce/a', dataSource: '监测报告' },
        },
      ],
      targets: [{ id: 'T1', problemIds: ['P1'], focus: true }],
      focus: { ids: ['P1', 'P2'] },
      balance: { id: '电镀线', input: 4746025, output: 4646377 },
    },
    panel: 'quick',
    sheet: {
      items: { checklist: 36, options: 27, results: 25 },
      vetoes: { falsified: false },
      conclusion: '同意通过',
    },
    ...over,
  };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Loads the reference tables (as `npm start` does), publishes the flow and binds a programme. */
export async function publishDomainFlow(stack: TestStack) {
  const report = await loadCatalogue(stack.runtime.deps, {
    forms: [],
    workflows: [],
    programmes: [],
    references: readCatalogue().references ?? [],
  });
  expect(Object.values(report.references ?? {}).every((o) => o === 'published')).toBe(true);
  const saved = await stack.call('admin', 'PUT', '/api/admin/workflows/test-domain-flow', domainFlow);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await stack.call('admin', 'POST', '/api/admin/workflows/test-domain-flow/publish', {});
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const prog = await stack.call('admin', 'PUT', '/api/admin/programmes/test-domain', {
    title: { zh: '领域函数测试', en: 'Domain test' },
    kind: 'audit',
    workflowId: 'test-domain-flow',
    startRoles: ['enterprise'],
  });
  expect(prog.status, JSON.stringify(prog.body)).toBe(200);
}

/** Starts a case as `user` and waits until its execution ends; returns the case detail. */
export async function runCase(stack: TestStack, user: string, data: Record<string, unknown>) {
  const started = await stack.call(user, 'POST', '/api/cases', { programmeId: 'test-domain', data });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return until(`case ${started.body.id} to end`, async () => {
    const res = await stack.call('admin', 'GET', `/api/cases/${started.body.id}`);
    return res.body.status !== 'running' ? res.body : undefined;
  });
}
