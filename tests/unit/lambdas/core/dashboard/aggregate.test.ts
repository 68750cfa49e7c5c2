import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../../../lambdas/core/dashboard/aggregate';
import type { CaseFacts, CertificateFacts } from '../../../../../lambdas/core/dashboard/model';
import { ancestorPaths, industryDivision } from '../../../../../lambdas/core/dashboard/model';
import { qualityOf, savingsOf } from '../../../../../lambdas/core/dashboard/quality';

const NOW = Date.parse('2026-03-01T04:00:00Z'); // 2026-03-01 12:00 in China
const TIANHE = '86/440000/440100/440106/';
const PANYU = '86/440000/440100/440113/';
const SHENZHEN = '86/440000/440300/440304/';

const facts = (over: Partial<CaseFacts> & Pick<CaseFacts, 'id'>): CaseFacts => ({
  programmeId: 'audit-quick',
  kind: 'audit',
  status: 'running',
  stage: '现状调查',
  regionPath: TIANHE,
  district: '440106',
  industryCode: 'C3360',
  organisationId: 'org_ent1',
  updatedAt: '2026-02-01T00:00:00.000Z',
  dueAts: [],
  ...over,
});

const run = (cases: CaseFacts[], extra: { certificates?: CertificateFacts[] } = {}) =>
  aggregate({
    root: '86/',
    asOf: NOW,
    cases,
    certificates: extra.certificates ?? [],
    consultanciesOf: new Map([['org_ent1', ['org_cons1']]]),
    consultancyNames: new Map([['org_cons1', '绿源咨询']]),
  });

describe('dashboard aggregate', () => {
  it('counts cases by programme, stage, district and industry at every region node above them', () => {
    // Prepare
    const cases = [
      facts({ id: 'case_1' }),
      facts({ id: 'case_2', regionPath: PANYU, district: '440113', stage: '报告提交' }),
      facts({
        id: 'case_3',
        regionPath: SHENZHEN,
        district: '440304',
        programmeId: 'audit-full',
        industryCode: 'D',
      }),
      facts({ id: 'case_4', status: 'completed', stage: '公示' }),
    ];
    // Act
    const out = run(cases);
    // Assess
    const root = out.get('86/')!;
    expect(root.cases.total).toBe(4);
    expect(root.cases.byProgramme).toEqual({ 'audit-quick': 3, 'audit-full': 1 });
    expect(root.cases.byStage).toEqual({ 现状调查: 2, 报告提交: 1 }); // running cases only
    expect(root.cases.byStatus).toEqual({ running: 3, completed: 1 });
    expect(root.cases.byDistrict).toEqual({ '440106': 2, '440113': 1, '440304': 1 });
    expect(root.cases.byIndustry).toEqual({ C33: 3, D: 1 });
    expect(out.get('86/440000/440100/')!.cases.total).toBe(3);
    expect(out.get('86/440000/440300/440304/')!.cases.byProgramme).toEqual({ 'audit-full': 1 });
    expect([...out.keys()].every((p) => p.startsWith('86/'))).toBe(true);
  });

  it('counts a case read twice once — the later copy wins (a case that closed while the roll-up read)', () => {
    const running = facts({ id: 'case_1', updatedAt: '2026-02-01T00:00:00.000Z' });
    const closed = facts({
      id: 'case_1',
      status: 'completed',
      updatedAt: '2026-02-02T00:00:00.000Z',
      quality: { revisionLoops: 2, block: 3, warn: 1 },
    });
    const out = run([running, closed, running]).get('86/')!;
    expect(out.cases.total).toBe(1);
    expect(out.cases.byStatus).toEqual({ completed: 1 });
    expect(out.consultancies).toEqual([
      {
        consultancyId: 'org_cons1',
        name: '绿源咨询',
        cases: 1,
        passed: 1,
        failed: 0,
        revisionLoops: 2,
        findings: { block: 3, warn: 1 },
      },
    ]);
  });

  it('gives the same dashboards when run again on the same facts (a retried roll-up)', () => {
    const cases = [facts({ id: 'case_1' }), facts({ id: 'case_2', status: 'failed' })];
    expect(run(cases)).toEqual(run([...cases, ...cases]));
  });

  it('counts overdue steps of running cases only, as of the roll-up', () => {
    const out = run([
      facts({ id: 'case_1', dueAts: ['2026-02-28T00:00:00.000Z', '2026-03-05T00:00:00.000Z'] }),
      facts({ id: 'case_2', dueAts: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'] }),
      facts({ id: 'case_3', status: 'completed', dueAts: ['2026-01-01T00:00:00.000Z'] }),
    ]).get('86/')!;
    expect(out.overdue).toEqual({ tasks: 3, cases: 2, byProgramme: { 'audit-quick': 2 } });
  });

  it('counts valid certificates expiring within 30, 90 and 180 China days', () => {
    const cert = (id: string, validUntil: string, status = 'valid'): CertificateFacts => ({
      id,
      regionPath: TIANHE,
      validUntil,
      status,
    });
    const out = run([], {
      certificates: [
        cert('c0', '2026-02-28'), // expired yesterday
        cert('c1', '2026-03-01'), // last day today
        cert('c2', '2026-03-31'), // day 30
        cert('c3', '2026-04-01'),
        cert('c4', '2026-05-30'), // day 90
        cert('c5', '2026-08-28'), // day 180
        cert('c6', '2026-08-29'),
        cert('c7', '2026-03-10', 'revoked'),
        cert('c1', '2026-03-01'), // read twice
      ],
    });
    expect(out.get('86/')!.certificates.expiring).toEqual({ days30: 2, days90: 4, days180: 5 });
    expect(out.get('86/440000/440100/440106/')!.certificates.expiring.days180).toBe(5);
  });

  it('sums savings by year and consultancy pass rates from the facts kept at close', () => {
    const savings = (year: number, tce: number) => ({
      year,
      tce,
      waterT: 100,
      co2T: 2 * tce,
      pollutants: { COD: 0.5 },
    });
    const out = run([
      facts({ id: 'case_1', status: 'completed', savings: savings(2024, 10.5) }),
      facts({ id: 'case_2', status: 'completed', savings: savings(2024, 4.5) }),
      facts({ id: 'case_3', status: 'completed', savings: savings(2025, 1) }),
      facts({ id: 'case_4', status: 'failed', quality: { revisionLoops: 3, block: 4, warn: 0 } }),
      facts({ id: 'case_5', status: 'stopped' }),
      facts({ id: 'case_6', organisationId: 'org_other' }),
      facts({ id: 'case_7', kind: 'incentive' }),
    ]).get('86/')!;
    expect(out.savings.byYear).toEqual({
      '2024': { cases: 2, tce: 15, waterT: 200, co2T: 30, pollutants: { COD: 1 } },
      '2025': { cases: 1, tce: 1, waterT: 100, co2T: 2, pollutants: { COD: 0.5 } },
    });
    expect(out.consultancies[0]).toMatchObject({ cases: 5, passed: 3, failed: 1, revisionLoops: 3 });
  });

  it('always has the root node, empty when nothing is there', () => {
    const out = aggregate({
      root: '86/440000/',
      asOf: NOW,
      cases: [facts({ id: 'case_x', regionPath: '86/110000/110100/110101/' })],
      certificates: [],
      consultanciesOf: new Map(),
    });
    expect([...out.keys()]).toEqual(['86/440000/']);
    expect(out.get('86/440000/')!.cases.total).toBe(0);
    expect(out.get('86/440000/')!.asOf).toBe('2026-03-01T04:00:00.000Z');
  });
});

describe('dashboard facts', () => {
  it('lists the region nodes of a path, root first', () => {
    expect(ancestorPaths('86/440000/440100/')).toEqual(['86/', '86/440000/', '86/440000/440100/']);
  });

  it('groups industries by GB/T 4754 division', () => {
    expect([industryDivision('C3360'), industryDivision('C'), industryDivision(undefined)]).toEqual([
      'C33',
      'C',
      'unknown',
    ]);
  });

  it('counts revision requests and their findings from the steps a case opened', () => {
    expect(
      qualityOf([
        { prefill: { coherenceFindings: [{ severity: 'block' }, { severity: 'warn' }] } },
        { prefill: { coherenceFindings: [] } }, // a formal-check return without findings
        { prefill: {} },
        {},
      ]),
    ).toEqual({ revisionLoops: 2, block: 1, warn: 1 });
  });

  it('takes the savings totals of a performance table', () => {
    expect(
      savingsOf({
        performance: {
          year: 2024,
          tce: { equivalent: 40.4 },
          waterT: 3200,
          co2T: 38.69,
          pollutants: { COD: 1.2 },
        },
      }),
    ).toEqual({ year: 2024, tce: 40.4, waterT: 3200, co2T: 38.69, pollutants: { COD: 1.2 } });
    expect(savingsOf(undefined)).toBeUndefined();
    expect(savingsOf({ performance: { tce: 1 } })).toBeUndefined();
  });
});
