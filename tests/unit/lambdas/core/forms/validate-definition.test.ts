import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '../../../../../lambdas/core/forms';
import type { FormDefinition } from '../../../../../lambdas/core/forms';
import { auditForm, copy } from './fixtures';

/** The fixture form with one change applied to a private copy. */
const formWith = (change: (form: any) => void): FormDefinition => {
  const form = copy(auditForm);
  change(form);
  return form;
};

const paths = (form: FormDefinition) => validateFormDefinition(form).map((p) => p.path);

describe('validateFormDefinition', () => {
  it('accepts the fixture form', () => {
    expect(validateFormDefinition(auditForm)).toEqual([]);
  });

  it('requires an id and a bilingual title', () => {
    expect(paths(formWith((f) => ((f.id = ''), (f.title = { zh: '方案' }))))).toEqual(['/id', '/title/en']);
  });

  describe('schema', () => {
    it('must be draft-07 with an object at the root', () => {
      const problems = validateFormDefinition(
        formWith((f) => {
          f.schema.$schema = 'https://json-schema.org/draft/2020-12/schema';
          f.schema.type = 'array';
        }),
      );
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/schema/$schema', '/schema/type']));
    });

    it('locates unknown keywords, meta-schema violations and bad patterns', () => {
      const problems = validateFormDefinition(
        formWith((f) => {
          f.schema.properties.enterprise.properties.name.maxLenght = 5;
          f.schema.properties.enterprise.properties.size.type = 'strin';
          f.schema.properties.enterprise.properties.postcode.pattern = '^(\\d{6}$';
        }),
      );
      expect(problems.map((p) => p.path)).toEqual(
        expect.arrayContaining([
          '/schema/properties/enterprise/properties/name/maxLenght',
          '/schema/properties/enterprise/properties/size/type',
          '/schema/properties/enterprise/properties/postcode/pattern',
        ]),
      );
    });

    it('reports what AJV strict mode refuses, where it says', () => {
      const problems = validateFormDefinition(
        formWith((f) => {
          f.schema.properties.assumptions.properties.depreciationYears = { minimum: 1 };
        }),
      );
      expect(problems).toEqual([
        expect.objectContaining({
          path: '/schema/properties/assumptions/properties/depreciationYears',
          keyword: 'compile',
          message: expect.stringMatching(/strictTypes/),
        }),
      ]);
    });

    it('asks fields with a pattern or a custom format for matching examples', () => {
      const problems = validateFormDefinition(
        formWith((f) => {
          delete f.schema.properties.enterprise.properties.uscc.examples;
          f.schema.properties.enterprise.properties.industryCode.examples = ['C26', 'C2'];
          f.schema.properties.enterprise.properties.postcode.examples = ['51000'];
        }),
      );
      expect(problems.map((p) => [p.path, p.message])).toEqual([
        ['/schema/properties/enterprise/properties/uscc/examples', 'a field with a pattern or format needs examples'],
        ['/schema/properties/enterprise/properties/industryCode/examples/1', 'is not a valid industry-code'],
        ['/schema/properties/enterprise/properties/postcode/examples/0', 'does not match the pattern'],
      ]);
    });

    it('refuses unknown JSON Logic operations and misplaced rules', () => {
      const problems = validateFormDefinition(
        formWith((f) => {
          f.schema.properties.options.items.properties.npv['x-computed'] = { round: [{ nvp: [1, 2, 3, 4] }, 2] };
          f.schema.properties.options.items['x-requiredIf'] = true;
          f.schema.properties.checklist.items.properties.reason['x-requiredIf'] = { var: '__proto__.x' };
        }),
      );
      expect(problems.map((p) => p.path)).toEqual([
        '/schema/properties/options/items/x-requiredIf',
        '/schema/properties/options/items/properties/npv/x-computed/round/0/nvp',
        '/schema/properties/checklist/items/properties/reason/x-requiredIf/var',
      ]);
    });

    it('refuses property names that reach for prototypes', () => {
      const form = formWith((f) => {
        f.schema.properties.enterprise.properties = JSON.parse('{"__proto__": {"type": "string"}}');
        f.schema.properties.enterprise.required = [];
      });
      expect(paths(form)).toContain('/schema/properties/enterprise/properties/__proto__');
    });
  });

  describe('uischema', () => {
    it('resolves every scope, through layouts, categories, groups and detail layouts', () => {
      const form = formWith((f) => {
        f.uischema.elements[0].elements[1].scope = '#/properties/enterprise/properties/usc';
        f.uischema.elements[1].elements[1].options.detail.elements[3].scope = '#/properties/invest';
        f.uischema.elements[3].elements[1].elements[0].scope = '#/properties/wastewater/properties/flow';
      });
      expect(paths(form)).toEqual([
        '/uischema/elements/0/elements/1/scope',
        '/uischema/elements/1/elements/1/options/detail/elements/3/scope',
        '/uischema/elements/3/elements/1/elements/0/scope',
      ]);
    });

    it('refuses scopes JSON Forms cannot bind, rules without effect, and condition schemas AJV refuses', () => {
      const form = formWith((f) => {
        f.uischema.elements[1].elements[2].scope = '#/properties/options/items/properties/npv';
        f.uischema.elements[3].elements[1].rule.effect = 'FADE';
        f.uischema.elements[1].elements[1].options.detail.elements[2].rule.condition.schema = { cnst: 1 };
      });
      expect(paths(form)).toEqual([
        '/uischema/elements/1/elements/1/options/detail/elements/2/rule/condition/schema',
        '/uischema/elements/1/elements/2/scope',
        '/uischema/elements/3/elements/1/rule/effect',
      ]);
    });
  });

  describe('i18n', () => {
    it('requires every key in both languages', () => {
      const form = formWith((f) => {
        delete f.i18n.en['options.npv.label'];
        f.i18n.zh['extra.label'] = '多余';
      });
      expect(validateFormDefinition(form)).toEqual([
        { path: '/i18n/en/options.npv.label', message: 'missing (present in zh)', keyword: 'i18n' },
        { path: '/i18n/en/extra.label', message: 'missing (present in zh)', keyword: 'i18n' },
      ]);
    });

    it("requires a label for every control without a literal one, under JSON Forms' key", () => {
      const form = formWith((f) => {
        for (const lang of ['zh', 'en']) {
          delete f.i18n[lang]['contact.phone.label'];
          delete f.i18n[lang]['checklist.reason.label'];
        }
      });
      expect(validateFormDefinition(form)).toEqual([
        {
          path: '/i18n/zh/contact.phone.label',
          message: 'missing label for the control at /uischema/elements/0/elements/5',
          keyword: 'i18n',
        },
        {
          path: '/i18n/en/contact.phone.label',
          message: 'missing label for the control at /uischema/elements/0/elements/5',
          keyword: 'i18n',
        },
        {
          path: '/i18n/zh/checklist.reason.label',
          message: 'missing label for the control at /uischema/elements/2/elements/0/options/detail/elements/2',
          keyword: 'i18n',
        },
        {
          path: '/i18n/en/checklist.reason.label',
          message: 'missing label for the control at /uischema/elements/2/elements/0/options/detail/elements/2',
          keyword: 'i18n',
        },
      ]);
    });
  });

  it("takes the key from the schema node's i18n when the control has none", () => {
    const form = formWith((f) => {
      f.schema.properties.enterprise.properties.name.i18n = 'company.name';
    });
    expect(paths(form)).toEqual(['/i18n/zh/company.name.label', '/i18n/en/company.name.label']);
  });

  describe('examples', () => {
    it('requires at least one example document', () => {
      expect(paths(formWith((f) => (f.examples = [])))).toEqual(['/examples']);
    });

    it('validates each example and locates its errors inside it', () => {
      const form = formWith((f) => {
        f.examples!.push({ ...copy(f.examples![0] as object), enterprise: { name: '甲' } });
      });
      expect(paths(form)).toEqual(
        expect.arrayContaining(['/examples/1/enterprise/name', '/examples/1/enterprise/uscc']),
      );
    });

    it('requires the computed values in examples to be right', () => {
      const form = formWith((f) => {
        (f.examples![0] as any).options[1].npv = 0.57;
      });
      expect(validateFormDefinition(form)).toEqual([
        { path: '/examples/0/options/1/npv', message: 'computed value should be 0.56', keyword: 'computed' },
      ]);
    });
  });
});
