import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyComputed,
  applyMigration,
  hiddenPaths,
  isAtOrUnder,
  validateSubmission,
} from '../../../../../lambdas/core/forms';
import { auditForm, auditSchema } from './fixtures';
import { bigForm } from './big-form';

/** Numbers as a half-filled form holds them: real values, blanks, text typed into a number box. */
const cell = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 60 }),
  fc.constant(null),
  fc.constant('12'),
);

const optionRow = fc.record(
  {
    name: fc.string(),
    category: fc.constantFrom('无/低费', '中/高费', 'other'),
    fundingSource: fc.string(),
    investment: cell,
    annualSaving: cell,
    npv: cell,
    irr: cell,
  },
  { requiredKeys: [] },
);

const checklistRow = fc.record(
  { item: fc.string(), result: fc.constantFrom('符合', '不符合', '不适用'), reason: fc.oneof(fc.string(), cell) },
  { requiredKeys: [] },
);

/** Documents shaped like the audit form, so the rules actually fire. */
const auditish = fc.record(
  {
    enterprise: fc.record(
      { name: fc.string(), uscc: fc.string(), size: fc.constantFrom('大型', '中型', 1) },
      { requiredKeys: [] },
    ),
    assumptions: fc.record({ discountRate: cell, taxRate: cell, depreciationYears: cell }, { requiredKeys: [] }),
    options: fc.oneof(fc.array(optionRow, { maxLength: 4 }), cell),
    totals: fc.record({ npv: cell, investment: cell }, { requiredKeys: [] }),
    checklist: fc.array(checklistRow, { maxLength: 4 }),
    hasWastewater: fc.oneof(fc.boolean(), cell),
    wastewater: fc.record({ volume: cell, permitNo: fc.oneof(fc.string(), cell) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const anyDocument = fc.oneof(auditish, fc.jsonValue());

describe('applyComputed (properties)', () => {
  it('never modifies its input', () => {
    fc.assert(
      fc.property(anyDocument, (data) => {
        const before = structuredClone(data);
        applyComputed(auditSchema, data);
        expect(data).toEqual(before);
      }),
    );
  });

  it('is idempotent: a recomputed document recomputes to itself with nothing changed', () => {
    fc.assert(
      fc.property(anyDocument, (data) => {
        const once = applyComputed(auditSchema, data);
        const twice = applyComputed(auditSchema, once.data);
        expect(twice.data).toEqual(once.data);
        expect(twice.changed).toEqual([]);
      }),
    );
  });
});

describe('validateSubmission (properties)', () => {
  it('never throws, and never reports an error on a hidden field', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, async (data) => {
        const result = await validateSubmission(auditForm, data);
        if (result.errors.some((e) => e.keyword === 'forbiddenKey' || e.keyword === 'maxDepth')) return;
        const hidden = [...hiddenPaths(auditForm.uischema, auditForm.schema, result.data)];
        for (const error of result.errors) expect(hidden.filter((h) => isAtOrUnder(error.path, h))).toEqual([]);
        expect(result.valid).toBe(result.errors.length === 0);
      }),
    );
  });

  it('never throws on arbitrary JSON against the 300-field form', async () => {
    const form = bigForm();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (data) => {
        const result = await validateSubmission(form, data);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('applyMigration (properties)', () => {
  const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !['a', 'b', 'c', 'd', '__proto__'].includes(k));

  it('preserves every field the migration does not name', () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), fc.jsonValue(), fc.jsonValue(), (rest, a, c) => {
        const data = { ...rest, a, c };
        const migrated = applyMigration(data, {
          rename: [{ from: '/a', to: '/b' }],
          drop: ['/c'],
          defaults: [{ path: '/d', value: 0 }],
        }) as Record<string, unknown>;
        const { b, d, ...untouched } = migrated;
        expect(untouched).toEqual(rest);
        expect(b).toEqual(a);
        expect(d).toBe(0);
      }),
    );
  });

  it('never modifies its input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const before = structuredClone(data);
        applyMigration(data, { rename: [{ from: '/x/*/y', to: '/x/*/z' }], defaults: [{ path: '/n/m', value: [] }] });
        expect(data).toEqual(before);
      }),
    );
  });
});
