import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../../../../lambdas/core/forms';
import { auditExample, auditForm, copy } from './fixtures';

describe('validateSubmission', () => {
  it('accepts the happy-path example and returns it with computed fields', async () => {
    const result = await validateSubmission(auditForm, auditExample);
    expect(result).toEqual({ valid: true, data: auditExample, errors: [] });
  });

  it('recomputes computed fields instead of trusting the client', async () => {
    const forged = copy(auditExample);
    forged.options[1]!.npv = 50;
    forged.options[1]!.irr = 30;
    const result = await validateSubmission(auditForm, forged);
    expect(result.valid).toBe(true);
    expect(result.data).toEqual(auditExample);
    expect(forged.options[1]!.npv).toBe(50);
  });

  it('names the missing field itself for required, and the row for a conditional reason', async () => {
    const data = copy(auditExample) as Record<string, any>;
    delete data.enterprise.uscc;
    delete data.checklist[1].reason;
    delete data.options[1].fundingSource;
    const { valid, errors } = await validateSubmission(auditForm, data);
    expect(valid).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/enterprise/uscc', message: 'required', keyword: 'required' },
        { path: '/options/1/fundingSource', message: 'required', keyword: 'required' },
        { path: '/checklist/1/reason', message: 'required', keyword: 'requiredIf' },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('reports formats, types and ranges with short messages at the field', async () => {
    const data = copy(auditExample) as Record<string, any>;
    data.enterprise.uscc = '91350100M000100Y44';
    data.enterprise.industryCode = 'C2';
    data.enterprise.contactMobile = '1380013800';
    data.assumptions.taxRate = 1.5;
    data.options[0].investment = 'two';
    const { errors } = await validateSubmission(auditForm, data);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/enterprise/uscc', message: 'invalid unified social credit code', keyword: 'format' },
        { path: '/enterprise/industryCode', message: 'invalid industry code (GB/T 4754)', keyword: 'format' },
        { path: '/enterprise/contactMobile', message: 'invalid mobile number', keyword: 'format' },
        { path: '/assumptions/taxRate', message: 'must be at most 1', keyword: 'maximum' },
        { path: '/options/0/investment', message: 'must be a number', keyword: 'type' },
      ]),
    );
  });

  it('neither requires nor validates hidden fields', async () => {
    const data = copy(auditExample) as Record<string, any>;
    // 无/低费 rows hide fundingSource; 符合 rows hide the reason; no wastewater hides the whole section.
    data.options[0].fundingSource = '';
    data.checklist[0].reason = 42;
    data.wastewater = { volume: -1 };
    const result = await validateSubmission(auditForm, data);
    expect(result.errors).toEqual([]);
    data.hasWastewater = true;
    const shown = await validateSubmission(auditForm, data);
    expect(shown.errors).toEqual([{ path: '/wastewater/volume', message: 'must be at least 0', keyword: 'minimum' }]);
  });

  it('requires a shown section and its conditional fields', async () => {
    const data = { ...copy(auditExample), hasWastewater: true, enterprise: { ...auditExample.enterprise, size: '大型' } };
    const missing = await validateSubmission(auditForm, data);
    expect(missing.errors).toEqual([{ path: '/wastewater', message: 'required', keyword: 'required' }]);
    const partial = await validateSubmission(auditForm, { ...data, wastewater: { volume: 10 } });
    expect(partial.errors).toEqual([{ path: '/wastewater/permitNo', message: 'required', keyword: 'requiredIf' }]);
  });

  it('refuses prototype-pollution keys anywhere, before any rule runs', async () => {
    const data = JSON.parse(
      '{"enterprise":{"__proto__":{"admin":true}},"options":[{"constructor":{"prototype":{"x":1}}}]}',
    ) as unknown;
    const { valid, errors } = await validateSubmission(auditForm, data);
    expect(valid).toBe(false);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/enterprise/__proto__', message: 'forbidden key', keyword: 'forbiddenKey' },
        { path: '/options/0/constructor', message: 'forbidden key', keyword: 'forbiddenKey' },
      ]),
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses absurdly nested data', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    const { errors } = await validateSubmission(auditForm, { enterprise: deep });
    expect(errors[0]?.keyword).toBe('maxDepth');
  });

  it('answers non-object documents with a type error at the root', async () => {
    for (const data of [null, 'text', 3, []]) {
      const { valid, errors } = await validateSubmission(auditForm, data);
      expect(valid).toBe(false);
      expect(errors).toContainEqual({ path: '', message: 'must be an object', keyword: 'type' });
    }
  });
});
