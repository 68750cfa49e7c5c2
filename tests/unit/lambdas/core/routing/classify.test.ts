import { describe, expect, it } from 'vitest';
import { classify, decideRoute, sectorOf } from '../../../../../lambdas/core/routing/classify';
import { emptyDb, starter } from '../reference/starter';

const rules = starter('routing-rules').content;
const sectors = starter('industry-sectors').content;

describe('decideRoute', () => {
  it.each([
    ['mandatedList', 'mandated-list'],
    ['keyMonitoringList', 'key-monitoring-list'],
    ['fiscalFunds', 'fiscal-funds'],
    ['energyQuotaExceeded', 'energy-quota-exceeded'],
    ['dischargeExceeded', 'discharge-exceeded'],
    ['toxicSubstances', 'toxic-substances'],
  ])('routes a filing with %s to the full audit, naming rule %s', (trigger, ruleId) => {
    const { route, fired, defaulted } = decideRoute(rules, { triggers: { [trigger]: true } });
    expect(route).toBe('full');
    expect(defaulted).toBe(false);
    expect(fired.map((f) => f.ruleId)).toEqual([ruleId]);
    expect(fired[0]!.source).toMatch(/3\.2\(2\)|art\. 27/);
  });

  it('routes a filing with no trigger to the quick audit by default', () => {
    const all = { mandatedList: false, keyMonitoringList: false, fiscalFunds: false };
    expect(decideRoute(rules, { triggers: all })).toEqual({ route: 'quick', fired: [], defaulted: true });
    expect(decideRoute(rules, {}).route).toBe('quick');
  });

  it('routes a targeted resource or pollutant to the special audit', () => {
    const r = decideRoute(rules, { triggers: {}, specialFocus: { type: 'water-pollutant', detail: 'COD' } });
    expect(r.route).toBe('special');
    expect(r.fired.map((f) => f.ruleId)).toEqual(['special-focus']);
  });

  it('lets a full-audit trigger win over a special focus, listing both', () => {
    const r = decideRoute(rules, { triggers: { toxicSubstances: true }, specialFocus: { type: 'ghg' } });
    expect(r.route).toBe('full');
    expect(r.fired.map((f) => f.ruleId)).toEqual(['toxic-substances', 'special-focus']);
  });

  it('treats a truthy non-boolean as not a trigger (only `true` fires)', () => {
    expect(decideRoute(rules, { triggers: { toxicSubstances: 'yes' } }).route).toBe('quick');
  });
});

describe('sectorOf', () => {
  it.each([
    ['A0111', 'agriculture'],
    ['B06', 'industrial'],
    ['C3360', 'industrial'],
    ['C2319', 'industrial'],
    ['D4411', 'industrial'],
    ['E47', 'construction'],
    ['G5411', 'transport'],
    ['F51', 'services'],
    ['H61', 'services'],
    ['T', 'services'],
  ])('puts %s in %s', (code, sector) => expect(sectorOf(sectors, code)).toBe(sector));
});

describe('classify', () => {
  const ports = { db: emptyDb };

  it('returns the route, programme, sector, fired rules and the table versions used', async () => {
    const out = await classify(ports, {
      caseId: 'case_x',
      organisationId: 'org_x',
      filing: { industryCode: 'C3360', size: 'medium', triggers: { dischargeExceeded: true }, extra: 'kept' },
    });
    expect(out).toMatchObject({
      route: 'full',
      programmeId: 'audit-full',
      sector: 'industrial',
      industryCode: 'C3360',
      reference: { rules: 'routing-rules@0', sectors: 'industry-sectors@0' },
    });
    expect(out.fired.map((f) => f.ruleId)).toEqual(['discharge-exceeded']);
    expect(out.focus).toBeUndefined();
  });

  it('returns the focus of a special audit', async () => {
    const out = await classify(ports, {
      caseId: 'case_x',
      filing: { industryCode: 'C2319', specialFocus: { type: 'air-pollutant', detail: 'VOCs' } },
    });
    expect(out).toMatchObject({
      route: 'special',
      programmeId: 'audit-special',
      focus: { type: 'air-pollutant', detail: 'VOCs' },
    });
  });

  it('says why when no rule fired', async () => {
    const out = await classify(ports, { caseId: 'case_x', filing: { industryCode: 'H6110', triggers: {} } });
    expect(out).toMatchObject({ route: 'quick', programmeId: 'audit-quick', sector: 'services' });
    expect(out.defaultApplied?.source).toMatch(/快速清洁生产审核/);
  });

  it('refuses a filing without an industry code as Routing.InvalidFiling', async () => {
    await expect(classify(ports, { caseId: 'case_x', filing: { triggers: {} } })).rejects.toMatchObject({
      name: 'Routing.InvalidFiling',
      details: [{ path: '/filing/industryCode' }],
    });
    await expect(
      classify(ports, { caseId: 'case_x', filing: { industryCode: 'Z99' } }),
    ).rejects.toMatchObject({ name: 'Routing.InvalidFiling' });
  });
});
