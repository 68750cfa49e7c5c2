/**
 * What the audit forms promise the domain (DOMAIN.md, the seed paper): filing deadlines from the list publication
 * date, the routing rules fed the filing as the workflow feeds it, the report the coherence check reads, the
 * options register's economics at 50 rows, the status-survey checklists per sector (precise hazardous-waste wording,
 * utilities, VOCs, digitalisation; every 不符合 needs an improvement), score sheets that fit the score-sheets table,
 * and performance data cp-performance accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../../lambdas/core/coherence/check';
import { Report } from '../../../lambdas/core/coherence/model';
import { scorePanel } from '../../../lambdas/core/experts/score';
import type { FormDefinition } from '../../../lambdas/core/forms';
import { validateSubmissionSync } from '../../../lambdas/core/forms';
import { decideRoute } from '../../../lambdas/core/routing/classify';
import { readCatalogue } from '../../../local/catalogue';

const catalogue = readCatalogue('.');
const form = (id: string) =>
  catalogue.forms.find((f) => f.id === id) as unknown as FormDefinition & { examples: any[] };
const reference = (id: string) => JSON.parse(readFileSync(`reference/${id}.json`, 'utf8'));
const example = (id: string) => structuredClone(form(id).examples[0]);
const errorsOf = (id: string, data: unknown) =>
  validateSubmissionSync(form(id), data).errors.map((e) => e.path);

describe('filing (备案)', () => {
  it.each([
    ['2025-03-31', '2025-04-30', '2025-05-31', '2026-03-31'],
    ['2024-01-31', '2024-02-29', '2024-03-31', '2025-01-31'],
    ['2023-12-15', '2024-01-15', '2024-02-15', '2024-12-15'],
    ['2024-02-29', '2024-03-29', '2024-04-29', '2025-02-28'],
  ])('list published %s: register by %s, start by %s, finish by %s', (published, register, start, finish) => {
    const data = example('filing');
    data.batch = { listName: data.batch.listName, listType: 'mandatory', listPublishedOn: published };
    const { valid, data: computed } = validateSubmissionSync(form('filing'), data) as {
      valid: boolean;
      data: any;
    };
    expect(valid).toBe(true);
    expect([computed.batch.registerBy, computed.batch.startBy, computed.batch.finishBy]).toEqual([
      register,
      start,
      finish,
    ]);
  });

  it('checks the credit code’s check character and asks for the substances when 双有 applies', () => {
    const data = example('filing');
    data.enterprise.creditCode = '91440112MA59ABCD1C';
    delete data.triggers.toxicDetail;
    expect(errorsOf('filing', data)).toEqual(
      expect.arrayContaining(['/enterprise/creditCode', '/triggers/toxicDetail']),
    );
  });

  it('routes by the routing-rules table as the workflow feeds it (the filing with the enterprise merged in)', () => {
    const rules = reference('routing-rules');
    const merged = (f: any) => ({ ...f, ...f.enterprise });
    const filing = example('filing');
    expect(decideRoute(rules, merged(filing)).route).toBe('full');
    const none = structuredClone(filing);
    for (const k of Object.keys(none.triggers))
      if (typeof none.triggers[k] === 'boolean') none.triggers[k] = false;
    expect(decideRoute(rules, merged(none))).toMatchObject({ route: 'quick', fired: [] });
    const special = { ...none, specialFocus: { type: 'water-pollutant', detail: 'COD' } };
    expect(errorsOf('filing', special)).toEqual([]);
    expect(decideRoute(rules, merged(special)).route).toBe('special');
  });
});

describe('the report and its coherence (seed 2.2(2), 3.2(1))', () => {
  const policy = reference('coherence-policy');
  const ctx = {
    factors: policy.factors.map((f: { id: string }) => f.id),
    balanceLimitPct: policy.balanceLimitPct.value,
    tolerance: policy.totalsTolerance,
    benefitCounts: 'implemented' as const,
  };
  const check = (summary: unknown) =>
    checkReport(Report.parse(summary), ctx, { label: 'coherence-policy@test', content: policy } as never);

  it('the example report is coherent: no finding at all', () => {
    expect(check(example('report-submission').summary).findings).toEqual([]);
  });

  it('an option dropped for a key problem blocks the submission', () => {
    const summary = example('report-submission').summary;
    summary.options = summary.options.filter((o: any) => !o.problemIds.includes('P02'));
    const result = check(summary);
    expect(result.blocking).toBe(true);
    expect(result.findings.map((f) => f.code)).toContain('KEY_PROBLEM_WITHOUT_OPTION');
  });

  it('problems use the coherence policy’s eight production factors', () => {
    const factors = new Set(ctx.factors);
    const problems = example('report-submission').summary.problems as { factor: string }[];
    expect(new Set(problems.map((p) => p.factor))).toEqual(factors);
  });
});

describe('options register (方案汇总表)', () => {
  const base = example('fa-options');
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: `F${String(i + 1).padStart(2, '0')}`,
    name: `方案 ${i + 1}`,
    problemId: `P${String((i % 8) + 1).padStart(2, '0')}`,
    factor: 'process',
    cost: i % 2 ? 'mid-high' : 'no-low',
    status: 'planned',
    investment: 150,
    annualSaving: 115 / 3, // F = (P − I/Y)(1 − 25 %) + I/Y = 32.5 with I = 150, Y = 10
    life: 10,
  }));

  it('holds 50 rows of 16 columns with NPV, NPVR, IRR and payback computed per row (DOMAIN §2 worked example)', () => {
    const data = { ...base, options: rows };
    const result = validateSubmissionSync(form('fa-options'), data) as { valid: boolean; data: any };
    expect(result.valid).toBe(true);
    expect(result.data.options).toHaveLength(50);
    for (const row of result.data.options) {
      expect(Object.keys(row).length).toBeGreaterThanOrEqual(14);
      expect(row).toMatchObject({ annualCashFlow: 32.5, npv: 100.96, irr: 17.26, payback: 4.62 });
    }
    expect(result.data.summary).toMatchObject({ noLowCount: 25, midHighCount: 25, totalInvestment: 7500 });
    const columns = (form('fa-options').uischema as any).elements.find(
      (e: any) => e.options?.widget === 'options-table',
    ).options.columns as string[];
    expect(columns.length).toBeGreaterThanOrEqual(10);
  });

  it('the second worked example: I = 10, P = 1.58 → payback ≈ 6.97 years', () => {
    const data = { ...base, options: [{ ...rows[0], investment: 10, annualSaving: 1.58 }] };
    const result = validateSubmissionSync(form('fa-options'), data) as { data: any };
    expect(result.data.options[0]).toMatchObject({ annualCashFlow: 1.44, payback: 6.97 });
  });

  it('feasibility computes D, F, N, NPV, NPVR, IRR and whether the option pays', () => {
    const result = validateSubmissionSync(form('fa-feasibility'), example('fa-feasibility')) as { data: any };
    expect(result.data.options[0]).toMatchObject({
      depreciation: 15,
      npv: 100.99,
      irr: 17.26,
      economicallyFeasible: true,
    });
  });
});

describe('status-survey checklists (现状调查清单)', () => {
  const sectors = reference('industry-sectors').sectors.map((s: { id: string }) => s.id) as string[];
  const checklistItems = (id: string) => {
    const props = form(id).schema.properties as Record<string, any>;
    return Object.entries(props).flatMap(([aspect, node]) =>
      Object.entries<any>(node.properties ?? {})
        .filter(([, item]) => item['x-widget'] === 'checklist-item')
        .map(([key, item]) => ({ aspect, key, item })),
    );
  };

  it('there is one per sector, and the quick audit picks it by cp-classify’s sector', () => {
    const quick = catalogue.workflows.find((w) => w.id === 'audit-quick')!.definition as any;
    const choices = quick.States.Sector.Choices as { StringEquals: string; Next: string }[];
    expect(choices.map((c) => c.StringEquals).sort()).toEqual([...sectors].sort());
    for (const c of choices)
      expect(quick.States[c.Next].Parameters.Payload.formId).toBe(`quick-checklist-${c.StringEquals}`);
  });

  it.each(['industrial', 'services', 'agriculture', 'construction', 'transport'])(
    '%s: every item is 符合 / 不符合 / 不涉及 with evidence, and a 不符合 needs an improvement',
    (sector) => {
      const id = `quick-checklist-${sector}`;
      const items = checklistItems(id);
      expect(items.length).toBeGreaterThanOrEqual(15);
      for (const { item } of items) {
        expect(item.properties.result.enum).toEqual(['符合', '不符合', '不涉及']);
        expect(item.properties.evidence).toBeDefined();
        expect(item.properties.improvement['x-requiredIf']).toBeDefined();
      }
      const { aspect, key } = items[0]!;
      const data = example(id);
      data[aspect][key] = { result: '不符合', evidence: '现场发现问题' };
      expect(errorsOf(id, data)).toEqual([`/${aspect}/${key}/improvement`]);
      data[aspect][key].improvement = '制定整改方案';
      expect(errorsOf(id, data)).toEqual([]);
    },
  );

  it('the industrial checklist has the seed’s additions and spells out hazardous-waste storage', () => {
    const i18n = (form('quick-checklist-industrial').i18n as { zh: Record<string, string> }).zh;
    const aspects = Object.keys(form('quick-checklist-industrial').schema.properties!);
    expect(aspects).toEqual(expect.arrayContaining(['utilities', 'vocs', 'hazardousWaste', 'digital']));
    const utilities = Object.entries(i18n)
      .filter(([k]) => k.startsWith('utilities.ut') && k.endsWith('.label') && k.split('.').length === 3)
      .map(([, v]) => v)
      .join(' ');
    for (const word of ['空调', '照明', '空压', '锅炉']) expect(utilities).toContain(word);
    const hw = Object.entries(i18n)
      .filter(([k]) => k.startsWith('hazardousWaste.hw') && k.split('.').length === 3)
      .map(([, v]) => v)
      .join(' ');
    for (const word of ['防渗', '防雨', '标识', '台账', '分区存放', '泄漏']) expect(hw).toContain(word);
    const vocs = Object.entries(i18n)
      .filter(([k]) => k.startsWith('vocs.vo') && k.split('.').length === 3)
      .map(([, v]) => v)
      .join(' ');
    expect(vocs).toContain('密闭');
  });
});

describe('expert steps', () => {
  it('a declared conflict of interest means declining the invitation', () => {
    const data = {
      ...example('expert-invitation'),
      conflict: { hasConflict: true, relationship: 'advised', details: '2024 年曾提供咨询' },
    };
    expect(errorsOf('expert-invitation', data)).toContain('/decision');
    expect(errorsOf('expert-invitation', { ...data, decision: 'decline', declineReason: '回避' })).toEqual(
      [],
    );
  });

  it.each([
    ['evaluation-score-sheet', 'evaluation'],
    ['acceptance-score-sheet', 'acceptance'],
    ['quick-score-sheet', 'quick'],
  ])('%s fits the %s sheet of the score-sheets table and its example passes', (formId, sheetId) => {
    const sheet = reference('score-sheets').sheets.find((s: { id: string }) => s.id === sheetId);
    const props = form(formId).schema.properties as Record<string, any>;
    const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();
    expect(Object.keys(props.items.properties).sort()).toEqual(ids(sheet.items));
    expect(Object.keys(props.vetoes.properties).sort()).toEqual(ids(sheet.vetoes));
    expect(Object.keys(props.bonus?.properties ?? {}).sort()).toEqual(ids(sheet.bonus));
    for (const item of sheet.items) expect(props.items.properties[item.id].maximum).toBe(item.max);
    const data = example(formId);
    const panel = ['a', 'b', 'c'].map((userId, i) => ({ userId, leader: i === 0, data }));
    expect(scorePanel(sheet, panel, 'score-sheets@test')).toMatchObject({ passed: true, vetoed: [] });
  });
});

describe('performance data (绩效表)', () => {
  it('uses the energy types and pollutant codes cp-performance knows', () => {
    const types = new Set(reference('energy-coefficients').coefficients.map((c: { type: string }) => c.type));
    const codes = new Set(reference('performance-policy').pollutants.map((p: { code: string }) => p.code));
    for (const id of [
      'report-submission',
      'midhigh-implementation',
      'member-checklist',
      'integrated-analysis',
    ]) {
      const block = (form(id).schema.properties as any)[
        id === 'integrated-analysis' ? 'parkPerformance' : 'performance'
      ];
      for (const t of block.properties.energy.items.properties.type.enum)
        expect(types.has(t), `${id} ${t}`).toBe(true);
      for (const c of block.properties.pollutants.items.properties.code.enum)
        expect(codes.has(c), `${id} ${c}`).toBe(true);
    }
  });
});
