/**
 * The domain Lambdas in a workflow published through the admin API and run by cases on the embedded runtime:
 * classification, the performance table stored in the results record, the coherence check, a panel drawn with the
 * demo pool's exclusions (回避) and made participants, the scores, and a certificate that the public can verify.
 * A panel that cannot be drawn raises Panel.NotEnoughExperts, which the workflow catches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { findResults } from '../../../../lambdas/core/results/results';
import { caseData, publishDomainFlow, runCase } from './support';

let stack: TestStack;
let mingzhuCase: any;

beforeAll(async () => {
  stack = await startStack();
  await publishDomainFlow(stack);
  mingzhuCase = await runCase(stack, 'mingzhu', caseData());
});
afterAll(async () => stack?.close());

describe('the domain Lambdas in a workflow', () => {
  it('runs the case to completion through all six functions', () => {
    expect(mingzhuCase.status, JSON.stringify(mingzhuCase.result)).toBe('completed');
    const out = mingzhuCase.result;
    expect(out.classification.result).toMatchObject({
      route: 'full',
      programmeId: 'audit-full',
      sector: 'industrial',
      fired: [{ ruleId: 'toxic-substances' }],
      reference: { rules: 'routing-rules@1', sectors: 'industry-sectors@1' },
    });
    expect(out.coherence.result).toMatchObject({ blocking: false, findings: [] });
    expect(out.score.result).toMatchObject({
      total: 88,
      passed: true,
      grade: 'good',
      leaderConclusion: '同意通过',
    });
    expect(out.certificate.result.number).toMatch(/^CP-440100-\d{4}-0001$/);
    const kinds = mingzhuCase.timeline.map((e: any) => e.kind);
    for (const k of ['performance.recorded', 'panel.drawn', 'certificate.issued']) expect(kinds).toContain(k);
  });

  it('stores the performance table with the factor versions it used, and the options’ appraisal', async () => {
    const perf = mingzhuCase.result.performance.result;
    // 10 × 10⁴ kWh: 40.4 tce equivalent, 12.29 calorific; 200 t raw coal 142.86 tce
    expect(perf.tce).toEqual({ equivalent: 183.26, calorific: 155.15 });
    // Guangzhou → South grid; 2023 not in the table → 2022's 0.3869: 38.69 t, plus 380.06 t from the coal
    expect(perf.co2T).toBe(418.75);
    expect(perf.factors).toEqual({
      coal: 'energy-coefficients@1',
      grid: 'grid-emission-factors@1 south 2022',
      policy: 'performance-policy@1',
    });
    const results = await findResults(stack.runtime.deps, mingzhuCase.id);
    expect(results).toMatchObject({
      organisationId: 'org_mzdd00001',
      performance: { economicBenefit: 42.1, factors: perf.factors },
      certificate: { number: mingzhuCase.result.certificate.result.number, grade: 'good', score: 88 },
    });
    const z1 = (results!.options as any[]).find((o) => o.id === 'Z1');
    expect(z1).toMatchObject({
      investment: 150,
      cashFlow: 32.5,
      payback: 4.6154,
      lifeYears: 10,
      discountRate: 0.05,
    });
    expect(z1.npv).toBeCloseTo(100.96, 2); // DOMAIN §2 worked example 1: NPV ≈ 101
    expect(z1.irr).toBeCloseTo(17.26, 2); // IRR ≈ 17.3 %
  });

  it('draws the quick panel without anyone the enterprise must avoid, reproducibly, and lets the members see the case', async () => {
    const panel = mingzhuCase.result.panel.result;
    expect(panel.panel).toHaveLength(3);
    expect(panel.panel.filter((m: any) => m.leader)).toHaveLength(1);
    expect(panel.userIds).not.toContain('usr_expert003'); // works for the consultancy 绿源
    expect(panel.userIds).not.toContain('usr_expert007'); // works for 明珠电镀 itself
    const draw = await stack.call('gz.admin', 'GET', `/api/admin/experts/draws/${panel.drawId}`);
    expect(draw.status).toBe(200);
    expect(draw.body.verification.reproducible).toBe(true);
    expect(draw.body.seed).toBe(panel.seed);
    expect(draw.body.excluded).toEqual(
      expect.arrayContaining([
        { userId: 'usr_expert003', reasons: ['employer-is-consultancy'] },
        { userId: 'usr_expert007', reasons: ['employer-is-enterprise'] },
      ]),
    );
    const memberName = await expertUsername(panel.userIds[0]);
    expect((await stack.call(memberName, 'GET', `/api/cases/${mingzhuCase.id}`)).status).toBe(200);
    expect((await stack.call('expert.wu', 'GET', `/api/cases/${mingzhuCase.id}`)).status).toBe(404);
  });

  it('applies the declared-conflict and advisory exclusions for 白云印刷 (C2319)', async () => {
    const c = await runCase(stack, 'baiyun', caseData({ filing: { industryCode: 'C2319', triggers: {} } }));
    expect(c.status, JSON.stringify(c.result)).toBe('completed');
    expect(c.result.classification.result).toMatchObject({ route: 'quick', programmeId: 'audit-quick' });
    const panel = c.result.panel.result;
    const draw = await stack.call('gz.admin', 'GET', `/api/admin/experts/draws/${panel.drawId}`);
    expect(draw.body.excluded).toEqual(
      expect.arrayContaining([
        { userId: 'usr_expert008', reasons: ['declared-conflict'] },
        { userId: 'usr_expert009', reasons: ['advised-enterprise'] },
      ]),
    );
    // the only C23 expert eligible must be on the panel to meet the industry match
    expect(panel.userIds).toContain('usr_expert002');
    expect(c.result.certificate.result.number).toMatch(/^CP-440100-\d{4}-0002$/);
  });

  it('raises Panel.NotEnoughExperts, which the workflow catches, when no valid panel exists', async () => {
    const rules = await stack.call('admin', 'GET', '/api/admin/reference/panel-rules');
    const content = structuredClone(rules.body.content);
    content.panels.push({ ...content.panels[0], id: 'huge', size: 15 });
    expect(
      (
        await stack.call('admin', 'PUT', '/api/admin/reference/panel-rules', {
          content,
          version: rules.body.version,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await stack.call('admin', 'POST', '/api/admin/reference/panel-rules/publish', {
          changeNote: 'huge panel',
        })
      ).body.version,
    ).toBe(2);
    const c = await runCase(stack, 'jingmi', caseData({ panel: 'huge', filing: { industryCode: 'C3389' } }));
    expect(c.status).toBe('completed');
    expect(c.result.outcome).toBe('no panel');
    expect(c.result.panelError.Error).toBe('Panel.NotEnoughExperts');
    const cause = JSON.parse(c.result.panelError.Cause);
    expect(cause.errorType).toBe('Panel.NotEnoughExperts');
    expect(cause.errorMessage).toMatch(/too few eligible experts for the huge panel/);
    expect(c.result.certificate).toBeUndefined();
  });
});

describe('certificates through the API', () => {
  it('verifies a number publicly, showing nothing but the certificate’s own facts', async () => {
    const number = mingzhuCase.result.certificate.result.number;
    const res = await stack.call(null, 'GET', `/api/certificates/verify/${number}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      number,
      holderName: '广州明珠电镀有限公司',
      auditType: expect.objectContaining({ zh: expect.any(String) }),
      grade: 'good',
      validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: 'valid',
    });
    expect(Number(res.body.validUntil.slice(0, 4)) - Number(res.body.validFrom.slice(0, 4))).toBe(5);
    expect((await stack.call(null, 'GET', '/api/certificates/verify/CP-440100-1999-9999')).status).toBe(404);
  });

  it('lists certificates for their holder and the region’s administrator only', async () => {
    const id = mingzhuCase.result.certificate.result.certificateId;
    const own = await stack.call('mingzhu', 'GET', '/api/certificates');
    expect(own.body.items.map((c: any) => c.id)).toEqual([id]);
    const region = await stack.call('gz.admin', 'GET', '/api/certificates?limit=1');
    expect(region.body.items).toHaveLength(1);
    expect(region.body.cursor).toBeDefined();
    const next = await stack.call(
      'gz.admin',
      'GET',
      `/api/certificates?limit=1&cursor=${region.body.cursor}`,
    );
    expect(next.body.items).toHaveLength(1);
    expect((await stack.call('sz.admin', 'GET', '/api/certificates')).body.items).toEqual([]);
    expect((await stack.call('baiyun', 'GET', `/api/certificates/${id}`)).status).toBe(404);
    expect((await stack.call('mingzhu', 'GET', `/api/certificates/${id}`)).body).toMatchObject({
      holderOrgId: 'org_mzdd00001',
      currentStatus: 'valid',
      policy: 'certificate-policy@1',
    });
    expect((await stack.call('expert.wang', 'GET', '/api/certificates')).status).toBe(403);
  });
});

async function expertUsername(userId: string): Promise<string> {
  const res = await stack.call('gz.admin', 'GET', `/api/admin/users/${userId}`);
  return res.body.username;
}
