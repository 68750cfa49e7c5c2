/** The benchmark form: the quick-audit options table (tests/e2e/fixtures/demo.ts) widened to 10 columns, 50 rows. */
import { quickAuditForm } from '../../e2e/fixtures/demo';

const options = quickAuditForm.schema.properties.options;
const item = options.items;

export const benchForm = {
  schema: {
    type: 'object',
    properties: {
      assumptions: quickAuditForm.schema.properties.assumptions,
      options: {
        ...options,
        items: {
          ...item,
          properties: {
            name: item.properties.name,
            category: item.properties.category,
            problem: { type: 'string' },
            department: { type: 'string' },
            investment: item.properties.investment,
            annualSaving: item.properties.annualSaving,
            annualCashFlow: item.properties.annualCashFlow,
            npv: item.properties.npv,
            irr: item.properties.irr,
            payback: item.properties.payback,
          },
        },
      },
    },
  },
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/assumptions/properties/discountRate' },
          { type: 'Control', scope: '#/properties/assumptions/properties/taxRate' },
          { type: 'Control', scope: '#/properties/assumptions/properties/depreciationYears' },
        ],
      },
      { type: 'Control', scope: '#/properties/options' },
    ],
  },
  i18n: quickAuditForm.i18n,
};

export const benchData = {
  assumptions: { discountRate: 0.06, taxRate: 0.25, depreciationYears: 10 },
  options: Array.from({ length: 50 }, (_, i) => ({
    name: `方案 ${i + 1}`,
    category: i % 4 ? '无/低费' : '中/高费',
    problem: `问题 ${i + 1}`,
    department: ['电镀车间', '动力车间', '污水站'][i % 3],
    investment: 10 + i,
    annualSaving: Math.round((1.58 + i / 7) * 100) / 100,
  })),
};
