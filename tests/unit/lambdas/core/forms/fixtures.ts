/**
 * A realistic audit form shared by the forms tests: an enterprise profile (credit code, industry code),
 * economic assumptions, a table of cleaner-production options whose cash flow, NPV, IRR and payback are
 * computed per row, totals computed over the rows, a checklist whose reason is required when an item is
 * 不符合, and HIDE/SHOW rules (a whole section, and a per-row field).
 */
import type { FormDefinition, JsonSchema } from '../../../../../lambdas/core/forms';

const row = (name: string) => ({ var: name });
const assumption = (name: string) => ({ var: `$root.assumptions.${name}` });

export const optionsSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['name', 'category', 'fundingSource', 'investment', 'annualSaving'],
    properties: {
      name: { type: 'string', minLength: 1 },
      category: { type: 'string', enum: ['无/低费', '中/高费'] },
      fundingSource: { type: 'string', minLength: 1 },
      investment: { type: 'number', minimum: 0, 'x-unit': '万元' },
      annualSaving: { type: 'number', 'x-unit': '万元/a' },
      annualCashFlow: {
        type: 'number',
        'x-unit': '万元/a',
        'x-source': '《清洁生产审核指南》方案经济评估',
        'x-computed': {
          round: [
            {
              annualCashFlow: [
                row('investment'),
                row('annualSaving'),
                assumption('depreciationYears'),
                assumption('taxRate'),
              ],
            },
            4,
          ],
        },
      },
      npv: {
        type: 'number',
        'x-unit': '万元',
        'x-computed': {
          round: [
            {
              npv: [
                row('investment'),
                row('annualCashFlow'),
                assumption('depreciationYears'),
                assumption('discountRate'),
              ],
            },
            2,
          ],
        },
      },
      irr: {
        type: 'number',
        'x-unit': '%',
        'x-computed': {
          round: [{ irr: [row('investment'), row('annualCashFlow'), assumption('depreciationYears')] }, 2],
        },
      },
      payback: {
        type: 'number',
        'x-unit': 'a',
        'x-computed': { round: [{ payback: [row('investment'), row('annualCashFlow')] }, 2] },
      },
    },
    additionalProperties: false,
  },
};

export const auditSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['enterprise', 'assumptions', 'options', 'checklist', 'hasWastewater', 'wastewater'],
  definitions: {
    fraction: { type: 'number', minimum: 0, maximum: 1 },
  },
  properties: {
    enterprise: {
      type: 'object',
      required: ['name', 'uscc', 'industryCode', 'region'],
      properties: {
        name: { type: 'string', minLength: 2 },
        uscc: { type: 'string', format: 'uscc', examples: ['91350100M000100Y43'] },
        industryCode: { type: 'string', format: 'industry-code', examples: ['C2614', 'C26'] },
        region: { type: 'string', format: 'region-code', examples: ['440112'] },
        contactMobile: { type: 'string', format: 'mobile-cn', examples: ['13800138000'] },
        phone: { type: 'string', format: 'phone-cn', examples: ['020-83331234', '13800138000'] },
        size: { type: 'string', enum: ['大型', '中型', '小型', '微型'] },
        postcode: { type: 'string', pattern: '^\\d{6}$', examples: ['510000'] },
      },
    },
    assumptions: {
      type: 'object',
      required: ['discountRate', 'taxRate', 'depreciationYears'],
      properties: {
        discountRate: { $ref: '#/definitions/fraction' },
        taxRate: { $ref: '#/definitions/fraction' },
        depreciationYears: { type: 'integer', minimum: 1, maximum: 50, 'x-unit': 'a' },
      },
    },
    options: optionsSchema,
    totals: {
      type: 'object',
      properties: {
        investment: { type: 'number', 'x-computed': { sum: [{ var: '$root.options' }, 'investment'] } },
        npv: { type: 'number', 'x-computed': { round: [{ sum: [{ var: '$root.options' }, 'npv'] }, 2] } },
      },
    },
    checklist: {
      type: 'array',
      items: {
        type: 'object',
        required: ['item', 'result'],
        properties: {
          item: { type: 'string' },
          result: { type: 'string', enum: ['符合', '不符合', '不适用'], 'x-widget': 'checklist-item' },
          reason: { type: 'string', 'x-requiredIf': { '==': [{ var: 'result' }, '不符合'] } },
          evidence: {
            type: 'object',
            'x-widget': 'file',
            'x-file': { maxBytes: 10485760, accept: ['application/pdf', 'image/*'] },
            properties: { fileId: { type: 'string' }, name: { type: 'string' }, sha256: { type: 'string' } },
          },
        },
      },
    },
    hasWastewater: { type: 'boolean' },
    wastewater: {
      type: 'object',
      required: ['volume'],
      properties: {
        volume: { type: 'number', minimum: 0, 'x-unit': 't/a' },
        permitNo: {
          type: 'string',
          'x-requiredIf': { '==': [{ var: '$root.enterprise.size' }, '大型'] },
        },
      },
    },
  },
};

const control = (scope: string, extra: Record<string, unknown> = {}) => ({ type: 'Control', scope, ...extra });

export const auditUischema = {
  type: 'Categorization',
  elements: [
    {
      type: 'Category',
      label: '企业概况',
      elements: [
        control('#/properties/enterprise/properties/name'),
        control('#/properties/enterprise/properties/uscc'),
        control('#/properties/enterprise/properties/industryCode'),
        control('#/properties/enterprise/properties/region'),
        control('#/properties/enterprise/properties/contactMobile', { label: '联系人手机 / Mobile' }),
        control('#/properties/enterprise/properties/phone', { i18n: 'contact.phone' }),
        control('#/properties/enterprise/properties/size'),
      ],
    },
    {
      type: 'Category',
      label: '方案',
      elements: [
        {
          type: 'HorizontalLayout',
          elements: [
            control('#/properties/assumptions/properties/discountRate'),
            control('#/properties/assumptions/properties/taxRate'),
            control('#/properties/assumptions/properties/depreciationYears'),
          ],
        },
        control('#/properties/options', {
          options: {
            detail: {
              type: 'VerticalLayout',
              elements: [
                control('#/properties/name'),
                control('#/properties/category'),
                control('#/properties/fundingSource', {
                  rule: {
                    effect: 'HIDE',
                    condition: { scope: '#/properties/category', schema: { const: '无/低费' } },
                  },
                }),
                control('#/properties/investment'),
                control('#/properties/annualSaving'),
                control('#/properties/annualCashFlow'),
                control('#/properties/npv'),
                control('#/properties/irr'),
                control('#/properties/payback'),
              ],
            },
          },
        }),
        control('#/properties/totals/properties/investment'),
        control('#/properties/totals/properties/npv'),
      ],
    },
    {
      type: 'Category',
      label: '审核清单',
      elements: [
        control('#/properties/checklist', {
          options: {
            detail: {
              type: 'VerticalLayout',
              elements: [
                control('#/properties/item'),
                control('#/properties/result'),
                control('#/properties/reason', {
                  rule: {
                    effect: 'SHOW',
                    condition: { type: 'LEAF', scope: '#/properties/result', expectedValue: '不符合' },
                  },
                }),
                control('#/properties/evidence'),
              ],
            },
          },
        }),
      ],
    },
    {
      type: 'Category',
      label: '废水',
      elements: [
        control('#/properties/hasWastewater'),
        {
          type: 'Group',
          label: '废水',
          rule: {
            effect: 'HIDE',
            condition: {
              type: 'OR',
              conditions: [
                { scope: '#/properties/hasWastewater', schema: { const: false } },
                { scope: '#/properties/hasWastewater', schema: { not: { type: 'boolean' } } },
              ],
            },
          },
          elements: [
            control('#/properties/wastewater/properties/volume'),
            control('#/properties/wastewater/properties/permitNo'),
          ],
        },
      ],
    },
  ],
};

const labels: [string, string, string][] = [
  ['enterprise.name', '企业名称', 'Enterprise name'],
  ['enterprise.uscc', '统一社会信用代码', 'Unified social credit code'],
  ['enterprise.industryCode', '行业代码', 'Industry code'],
  ['enterprise.region', '行政区划', 'Region'],
  ['contact.phone', '联系电话', 'Phone'],
  ['enterprise.size', '企业规模', 'Size'],
  ['assumptions.discountRate', '折现率', 'Discount rate'],
  ['assumptions.taxRate', '所得税率', 'Income tax rate'],
  ['assumptions.depreciationYears', '折旧年限', 'Depreciation years'],
  ['options', '清洁生产方案', 'Options'],
  ['options.name', '方案名称', 'Option'],
  ['options.category', '方案类别', 'Category'],
  ['options.fundingSource', '资金来源', 'Funding source'],
  ['options.investment', '总投资', 'Investment'],
  ['options.annualSaving', '年运行费用总节省金额', 'Annual saving'],
  ['options.annualCashFlow', '年净现金流量', 'Annual net cash flow'],
  ['options.npv', '净现值', 'NPV'],
  ['options.irr', '内部收益率', 'IRR'],
  ['options.payback', '投资偿还期', 'Payback period'],
  ['totals.investment', '总投资合计', 'Total investment'],
  ['totals.npv', '净现值合计', 'Total NPV'],
  ['checklist', '审核清单', 'Checklist'],
  ['checklist.item', '检查项', 'Item'],
  ['checklist.result', '结果', 'Result'],
  ['checklist.reason', '原因', 'Reason'],
  ['checklist.evidence', '证明材料', 'Evidence'],
  ['hasWastewater', '是否产生废水', 'Produces wastewater'],
  ['wastewater.volume', '废水量', 'Wastewater volume'],
  ['wastewater.permitNo', '排污许可证号', 'Discharge permit no.'],
];

/**
 * The happy path. Assumptions are the training material's second worked example: 6 % discount rate,
 * 25 % income tax, 10-year straight-line depreciation; option B is that example (I = 10, P = 1.58).
 */
export const auditExample = {
  enterprise: {
    name: '广州市示例化工有限公司',
    uscc: '91350100M000100Y43',
    industryCode: 'C2614',
    region: '440112',
    contactMobile: '13800138000',
    phone: '020-83331234',
    size: '中型',
  },
  assumptions: { discountRate: 0.06, taxRate: 0.25, depreciationYears: 10 },
  options: [
    {
      name: '冷凝水回收',
      category: '无/低费',
      investment: 2,
      annualSaving: 1.2,
      annualCashFlow: 0.95,
      npv: 4.99,
      irr: 46.45,
      payback: 2.11,
    },
    {
      name: '余热锅炉改造',
      category: '中/高费',
      fundingSource: '企业自筹',
      investment: 10,
      annualSaving: 1.58,
      annualCashFlow: 1.435,
      npv: 0.56,
      irr: 7.17,
      payback: 6.97,
    },
  ],
  totals: { investment: 12, npv: 5.55 },
  checklist: [
    { item: '是否建立能源计量台账', result: '符合' },
    { item: '是否淘汰落后设备', result: '不符合', reason: '两台燃煤锅炉计划于2027年淘汰' },
  ],
  hasWastewater: false,
};

export const auditForm: FormDefinition = {
  id: 'audit-options',
  title: { zh: '清洁生产方案汇总', en: 'Cleaner-production options' },
  schema: auditSchema,
  uischema: auditUischema,
  i18n: {
    zh: Object.fromEntries(labels.map(([k, zh]) => [`${k}.label`, zh])),
    en: Object.fromEntries(labels.map(([k, , en]) => [`${k}.label`, en])),
  },
  examples: [auditExample],
};

/** A deep copy, so a test can change a fixture without touching the others. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
