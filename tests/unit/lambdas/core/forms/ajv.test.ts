import { describe, expect, it } from 'vitest';
import { createAjv, getValidator, sharedAjv } from '../../../../../lambdas/core/forms';
import { auditSchema, copy } from './fixtures';

const valid = (format: string, value: string) => createAjv().validate({ type: 'string', format }, value);

describe('createAjv', () => {
  it.each([
    ['uscc', '91350100M000100Y43', true],
    ['uscc', '91350100M000100Y44', false],
    ['industry-code', 'C', true],
    ['industry-code', 'C26', true],
    ['industry-code', 'C261', true],
    ['industry-code', 'C2614', true],
    ['industry-code', 'C2', false],
    ['industry-code', 'C26145', false],
    ['industry-code', 'U26', false],
    ['region-code', '44', true],
    ['region-code', '440112001001', true],
    ['region-code', '4', false],
    ['region-code', '4401120010011', false],
    ['mobile-cn', '13800138000', true],
    ['mobile-cn', '12800138000', false],
    ['mobile-cn', '1380013800', false],
    ['phone-cn', '020-83331234', true],
    ['phone-cn', '02083331234', true],
    ['phone-cn', '0755-8333123-801', true],
    ['phone-cn', '13800138000', true],
    ['phone-cn', '83331234', false],
    ['phone-cn', '020-03331234', false],
  ])('format %s: %s is %s', (format, value, expected) => expect(valid(format, value)).toBe(expected));

  it('accepts cpflow keywords and JSON Forms i18n as annotations', () => {
    expect(() => createAjv().compile(auditSchema)).not.toThrow();
    const ajv = createAjv();
    expect(ajv.validate({ type: 'number', 'x-unit': 'tce', 'x-source': 'GB/T 2589', i18n: 'energy' }, 3)).toBe(true);
  });

  it('still refuses unknown keywords, bad keyword values and unknown formats in strict mode', () => {
    const ajv = createAjv();
    expect(() => ajv.compile({ type: 'number', 'x-unti': 'tce' })).toThrow(/unknown keyword/);
    expect(() => ajv.compile({ type: 'string', 'x-widget': 'carousel' })).toThrow(/x-widget/);
    expect(() => ajv.compile({ type: 'string', 'x-file': { maxBytes: -1 } })).toThrow(/x-file/);
    expect(() => ajv.compile({ type: 'string', format: 'usc' })).toThrow(/unknown format/);
    expect(() => ajv.compile({ type: 'number', 'x-unit': 5 })).toThrow(/x-unit/);
  });
});

describe('getValidator', () => {
  it('compiles a schema once, whether the same object or an equal one arrives', () => {
    const first = getValidator(auditSchema);
    expect(getValidator(auditSchema)).toBe(first);
    expect(getValidator(copy(auditSchema))).toBe(first);
  });

  it('keeps AJV compiled-schema cache from growing with equal schemas sent again', () => {
    const ajv = sharedAjv() as unknown as { _cache: Map<unknown, unknown> };
    getValidator({ type: 'object', properties: { n: { type: 'integer' } } });
    const size = ajv._cache.size;
    for (let i = 0; i < 50; i++) getValidator({ type: 'object', properties: { n: { type: 'integer' } } });
    expect(ajv._cache.size).toBe(size);
  });
});
