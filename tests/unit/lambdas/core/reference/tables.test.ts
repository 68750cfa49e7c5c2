import { describe, expect, it } from 'vitest';
import { checkTable, starterContent, TABLE_IDS } from '../../../../../lambdas/core/reference/registry';
import { copyOf } from './starter';

/** Every object in a table that holds a policy `value` must say where the value comes from. */
function valuesWithoutSource(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((x, i) => valuesWithoutSource(x, `${path}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  const obj = node as Record<string, unknown>;
  const own = 'value' in obj && typeof obj.source !== 'string' ? [path] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => valuesWithoutSource(v, `${path}/${k}`))];
}

describe('reference tables', () => {
  it.each(TABLE_IDS)('ships a valid starter %s with a source on the table and on every value', (id) => {
    const content = starterContent(id);
    expect(checkTable(id, content)).toEqual([]);
    expect(typeof content.source).toBe('string');
    expect(valuesWithoutSource(content)).toEqual([]);
  });

  it('names every unconfirmed default as such', () => {
    const panel = JSON.stringify(starterContent('panel-rules'));
    expect(panel).toMatch(/unconfirmed/i);
    expect(JSON.stringify(starterContent('coherence-policy').balanceLimitPct)).toMatch(/unconfirmed/i);
  });

  it('refuses an even panel size, naming the path', () => {
    const t = copyOf('panel-rules');
    t.panels[0]!.size = 4;
    expect(checkTable('panel-rules', t)).toContainEqual({ path: '/panels/0/size', message: 'an odd number' });
  });

  it('refuses a coherence policy that leaves a finding without a severity', () => {
    const t = copyOf('coherence-policy') as unknown as { findings: Record<string, unknown> };
    delete t.findings.BALANCE_DEVIATION;
    expect(checkTable('coherence-policy', t).map((p) => p.path)).toContain('/findings/BALANCE_DEVIATION');
  });

  it('refuses a sector table that leaves a GB/T 4754 section out', () => {
    const t = copyOf('industry-sectors');
    t.sectors = t.sectors.filter((s) => s.id !== 'transport');
    expect(checkTable('industry-sectors', t)[0]?.message).toMatch(/sections without a sector: G/);
  });

  it('refuses a routing rule with an unknown JSON Logic operation', () => {
    const t = copyOf('routing-rules');
    t.rules[0]!.logic = { nvp: [1] };
    expect(checkTable('routing-rules', t)[0]?.message).toMatch(/unknown JSON Logic operation "nvp"/);
  });

  it('refuses a grid table without a national factor and duplicate years', () => {
    const t = copyOf('grid-emission-factors');
    t.factors = t.factors.filter((f) => f.scope !== 'national');
    t.factors.push({ ...t.factors[0]! });
    const messages = checkTable('grid-emission-factors', t).map((p) => p.message);
    expect(messages).toContain('at least one national factor');
    expect(messages.some((m) => m.startsWith('duplicate factor'))).toBe(true);
  });
});
