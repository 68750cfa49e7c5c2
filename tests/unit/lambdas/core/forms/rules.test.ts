import { describe, expect, it } from 'vitest';
import {
  applyComputed,
  evaluate,
  contextFor,
  hiddenPaths,
  requiredIfErrors,
} from '../../../../../lambdas/core/forms';
import type { JsonSchema } from '../../../../../lambdas/core/forms';
import { auditExample, auditForm, auditSchema, auditUischema, copy } from './fixtures';

const withoutComputed = () => {
  const data = copy(auditExample) as Record<string, unknown> & { options: Record<string, unknown>[] };
  for (const row of data.options) for (const k of ['annualCashFlow', 'npv', 'irr', 'payback']) delete row[k];
  delete data.totals;
  return data;
};

describe('JSON Logic context', () => {
  it('reads siblings by name and the whole document under $root', () => {
    const root = { enterprise: { size: '大型' } };
    const ctx = contextFor({ investment: 10 }, root);
    expect(evaluate({ var: 'investment' }, ctx)).toBe(10);
    expect(evaluate({ var: '$root.enterprise.size' }, ctx)).toBe('大型');
    expect(evaluate({ npv: [150, 32.5, 10, 0.05] }, ctx)).toBeCloseTo(100.956, 3);
  });

  it('turns a rule that throws into "no value"', () => {
    expect(evaluate({ nope: [1] }, {})).toBeUndefined();
  });
});

describe('applyComputed', () => {
  it('computes every row of the options table, and the missing totals over the computed rows', () => {
    const { data, changed, converged } = applyComputed(auditSchema, withoutComputed());
    expect(data).toEqual(auditExample);
    expect(converged).toBe(true);
    expect(changed).toEqual(
      expect.arrayContaining(['/options/1/npv', '/options/0/annualCashFlow', '/totals/npv', '/totals/investment']),
    );
  });

  it('overwrites values the client made up and reports them as changed', () => {
    const forged = copy(auditExample);
    forged.options[1]!.npv = 999;
    forged.totals.npv = 1000;
    const { data, changed } = applyComputed(auditSchema, forged);
    expect(data).toEqual(auditExample);
    expect(changed.sort()).toEqual(['/options/1/npv', '/totals/npv']);
  });

  it('leaves a computed field absent while its inputs are missing', () => {
    const data = withoutComputed();
    delete data.options[1]!.investment;
    const result = applyComputed(auditSchema, data).data as typeof auditExample;
    expect(result.options[1]).not.toHaveProperty('npv');
    expect(result.options[1]).not.toHaveProperty('payback');
    expect(result.options[0]).toHaveProperty('npv', 4.99);
  });

  it('orders siblings and iterates to a fixed point across levels', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        // Declared before the fields it reads: ordering must not depend on declaration order.
        c: { type: 'number', 'x-computed': { '*': [{ var: 'b' }, 2] } },
        b: { type: 'number', 'x-computed': { '+': [{ var: 'a' }, 1] } },
        a: { type: 'number' },
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: { share: { type: 'number', 'x-computed': { '/': [{ var: 'v' }, { var: '$root.c' }] } } },
          },
        },
      },
    };
    const { data } = applyComputed(schema, { a: 1, rows: [{ v: 2 }, { v: 8 }] });
    expect(data).toEqual({ a: 1, b: 2, c: 4, rows: [{ v: 2, share: 0.5 }, { v: 8, share: 2 }] });
  });

  it('reports rules that never settle instead of looping', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { a: { type: 'number', 'x-computed': { '+': [{ var: 'a' }, 1] } } },
    };
    expect(applyComputed(schema, { a: 0 }).converged).toBe(false);
  });

  it('follows $ref and allOf to the computed fields', () => {
    const schema: JsonSchema = {
      type: 'object',
      definitions: { pair: { type: 'object', properties: { total: { 'x-computed': { '+': [{ var: 'x' }, 1] } } } } },
      allOf: [{ properties: { p: { $ref: '#/definitions/pair' } } }],
    };
    expect(applyComputed(schema, { p: { x: 1 } }).data).toEqual({ p: { x: 1, total: 2 } });
  });

  it('creates a missing section only when one of its computed fields has a value, and never rows', () => {
    expect(applyComputed(auditSchema, {}).data).toEqual({});
    expect(applyComputed(auditSchema, { options: 'x' }).data).toEqual({ options: 'x' });
    expect(applyComputed(auditSchema, { options: [] }).data).toEqual({ options: [], totals: { investment: 0, npv: 0 } });
    expect(applyComputed(auditSchema, 'text').data).toBe('text');
  });
});

describe('requiredIfErrors', () => {
  it('requires the reason of each checklist row marked 不符合, at that row', () => {
    const data = copy(auditExample);
    data.checklist.push({ item: '是否有环评批复', result: '不符合', reason: '  ' });
    delete (data.checklist[1] as { reason?: string }).reason;
    const errors = requiredIfErrors(auditSchema, data);
    expect(errors.map((e) => [e.instancePath, e.keyword, e.message])).toEqual([
      ['/checklist/1/reason', 'requiredIf', 'required'],
      ['/checklist/2/reason', 'requiredIf', 'required'],
    ]);
    expect(errors[0]?.schemaPath).toBe('#/properties/checklist/items/properties/reason/x-requiredIf');
  });

  it('evaluates $root conditions from nested objects', () => {
    const data = { ...copy(auditExample), enterprise: { ...auditExample.enterprise, size: '大型' }, wastewater: {} };
    expect(requiredIfErrors(auditSchema, data).map((e) => e.instancePath)).toEqual(['/wastewater/permitNo']);
  });

  it('says nothing about objects that are absent', () => {
    expect(requiredIfErrors(auditSchema, { enterprise: { size: '大型' } })).toEqual([]);
  });
});

describe('hiddenPaths', () => {
  it('uses the uischema rules per row of a detail layout, and hides sections whose controls are all hidden', () => {
    const hidden = hiddenPaths(auditUischema, auditSchema, auditExample);
    expect([...hidden].sort()).toEqual([
      '/checklist/0/reason',
      '/options/0/fundingSource',
      '/wastewater',
      '/wastewater/permitNo',
      '/wastewater/volume',
    ]);
  });

  it('shows the wastewater group once the enterprise says it has wastewater (OR of schema conditions)', () => {
    const hidden = hiddenPaths(auditUischema, auditSchema, { ...auditExample, hasWastewater: true });
    expect(hidden.has('/wastewater/volume')).toBe(false);
    expect(hiddenPaths(auditUischema, auditSchema, { ...auditExample, hasWastewater: undefined }).has('/wastewater')).toBe(
      true,
    );
  });

  it('evaluates AND conditions and DISABLE rules as JSON Forms does (disabled is not hidden)', () => {
    const uischema = {
      type: 'VerticalLayout',
      elements: [
        {
          type: 'Control',
          scope: '#/properties/a',
          rule: {
            effect: 'SHOW',
            condition: {
              type: 'AND',
              conditions: [
                { type: 'LEAF', scope: '#/properties/x', expectedValue: 1 },
                { scope: '#/properties/y', schema: { minimum: 5, type: 'number' } },
              ],
            },
          },
        },
        {
          type: 'Control',
          scope: '#/properties/b',
          rule: { effect: 'DISABLE', condition: { scope: '#', schema: {} } },
        },
      ],
    };
    const schema: JsonSchema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };
    expect([...hiddenPaths(uischema, schema, { x: 1, y: 3 })]).toEqual(['/a']);
    expect([...hiddenPaths(uischema, schema, { x: 1, y: 7 })]).toEqual([]);
  });

  it('agrees with the form fixture used by the web app', () => {
    expect(hiddenPaths(auditForm.uischema, auditForm.schema, {}).has('/wastewater')).toBe(true);
  });
});
