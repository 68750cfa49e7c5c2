/**
 * Form fixtures for the renderer tests, in the shapes the shared rule layer (lambdas/core/forms) and the
 * starter catalogue use: `x-widget`, `x-computed` JSON Logic over the row and `$root`, `x-unit`, `x-file`.
 * The options rows reproduce DOMAIN §2's worked example (I = 10, P = 1.58, 6 %, 25 % tax, 10 years).
 */
import type { JsonSchema } from '@jsonforms/core';

const row = (name: string) => ({ var: name });
const assumption = (name: string) => ({ var: `$root.assumptions.${name}` });

export const optionsItem = {
  type: 'object',
  required: ['name', 'investment', 'annualSaving'],
  properties: {
    name: { type: 'string', minLength: 1 },
    category: { type: 'string', enum: ['无/低费', '中/高费'] },
    investment: { type: 'number', minimum: 0, 'x-unit': '万元' },
    annualSaving: { type: 'number', 'x-unit': '万元/a' },
    annualCashFlow: {
      type: 'number',
      'x-unit': '万元/a',
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
} as JsonSchema;

export const optionsSchema = {
  type: 'object',
  properties: {
    assumptions: {
      type: 'object',
      properties: {
        discountRate: { type: 'number' },
        taxRate: { type: 'number' },
        depreciationYears: { type: 'integer' },
      },
    },
    options: { type: 'array', items: optionsItem },
  },
} as JsonSchema;

export const assumptions = { discountRate: 0.06, taxRate: 0.25, depreciationYears: 10 };

/** `n` rows of options, for the speed checks. */
export function optionRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `方案 ${i + 1}`,
    category: i % 3 ? '无/低费' : '中/高费',
    investment: 10 + i,
    annualSaving: 1.58 + i / 10,
  }));
}

export const checklistSchema = {
  type: 'object',
  properties: {
    checklist: {
      type: 'array',
      items: {
        type: 'object',
        required: ['item', 'result'],
        properties: {
          aspect: { type: 'string' },
          item: { type: 'string' },
          result: { type: 'string', enum: ['符合', '不符合', '不涉及'], 'x-widget': 'checklist-item' },
          reason: { type: 'string', 'x-requiredIf': { '==': [{ var: 'result' }, '不符合'] } },
          evidence: {
            type: 'object',
            'x-widget': 'file',
            'x-file': { maxBytes: 1024, accept: ['application/pdf', 'image/*'] },
            properties: { fileId: { type: 'string' }, name: { type: 'string' }, sha256: { type: 'string' } },
          },
        },
      },
    },
  },
} as JsonSchema;

export const checklistData = {
  checklist: [
    { aspect: '废弃物', item: '危险废物贮存场所符合 GB 18597 要求（防渗、防雨、分区、标识）' },
    { aspect: '废弃物', item: '危险废物转移执行联单制度' },
    { aspect: '公用工程', item: '空压机系统无明显泄漏（泄漏率 ≤ 10%）' },
  ],
};

export const balanceSchema = {
  type: 'object',
  properties: {
    waterBalance: {
      type: 'object',
      'x-widget': 'balance-table',
      properties: {
        inputs: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, quantity: { type: 'number', 'x-unit': 't/a' }, unit: { type: 'string' } },
          },
        },
        outputs: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, quantity: { type: 'number' }, unit: { type: 'string' } },
          },
        },
        deviation: {
          type: 'number',
          'x-unit': '%',
          'x-computed': {
            round: [{ deviationPct: [{ sum: [{ var: 'inputs' }, 'quantity'] }, { sum: [{ var: 'outputs' }, 'quantity'] }] }, 2],
          },
        },
      },
    },
  },
} as JsonSchema;

export const fileSchema = {
  type: 'object',
  properties: {
    report: {
      type: 'object',
      'x-widget': 'file',
      'x-file': { maxBytes: 4096, accept: ['application/pdf'] },
      properties: { fileId: { type: 'string' }, name: { type: 'string' }, sha256: { type: 'string' } },
    },
  },
} as JsonSchema;
