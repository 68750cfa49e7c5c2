/**
 * A 300-field form for the throughput figure of issue 4 (≥ 100 submissions/s on 2 cores): eight sections
 * of 25 assorted fields (text, patterns, formats, ranges, enums, booleans), the options table of the audit
 * fixture with 8 rows of computed columns, and an 11-row checklist with conditional reasons, plus HIDE rules.
 */
import type { FormDefinition, JsonSchema } from '../../../../../lambdas/core/forms';
import { applyComputed } from '../../../../../lambdas/core/forms';
import { auditSchema, auditUischema, optionsSchema } from './fixtures';

const SECTIONS = 8;
const FIELDS = 25;

type Kind = { schema: JsonSchema; value: unknown };

const kinds: Kind[] = [
  { schema: { type: 'string', minLength: 1, maxLength: 200 }, value: '示例文本' },
  { schema: { type: 'number', minimum: 0, maximum: 1e9, 'x-unit': 't/a' }, value: 1234.5 },
  { schema: { type: 'integer', minimum: 0 }, value: 42 },
  { schema: { type: 'string', enum: ['是', '否', '不适用'] }, value: '是' },
  { schema: { type: 'boolean' }, value: true },
  { schema: { type: 'string', pattern: '^\\d{6}$', examples: ['510000'] }, value: '510000' },
  { schema: { type: 'string', format: 'mobile-cn', examples: ['13800138000'] }, value: '13900139000' },
  { schema: { type: 'string', format: 'date' }, value: '2026-03-01' },
  { schema: { type: 'string', format: 'uscc', examples: ['91350100M000100Y43'] }, value: '91350100M000100Y43' },
  { schema: { type: 'number', minimum: 0, maximum: 100, 'x-unit': '%' }, value: 87.5 },
];

const kindOf = (s: number, f: number): Kind => kinds[(s * FIELDS + f) % kinds.length]!;

function section(s: number): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (let f = 0; f < FIELDS; f++) properties[`f${f}`] = kindOf(s, f).schema;
  return { type: 'object', required: Object.keys(properties).slice(0, 10), properties, additionalProperties: false };
}

export function bigForm(): FormDefinition {
  const properties: Record<string, JsonSchema> = {};
  for (let s = 0; s < SECTIONS; s++) properties[`section${s}`] = section(s);
  const schema: JsonSchema = {
    type: 'object',
    required: [...Object.keys(properties), 'assumptions', 'options'],
    properties: {
      ...properties,
      hasExtra: { type: 'boolean' },
      assumptions: {
        type: 'object',
        required: ['discountRate', 'taxRate', 'depreciationYears'],
        properties: {
          discountRate: { type: 'number', minimum: 0, maximum: 1 },
          taxRate: { type: 'number', minimum: 0, maximum: 1 },
          depreciationYears: { type: 'integer', minimum: 1 },
        },
      },
      options: optionsSchema,
      totals: auditSchema.properties!.totals!,
      checklist: auditSchema.properties!.checklist!,
    },
  };
  const categories = Object.keys(properties).map((name, s) => ({
    type: 'Category',
    label: name,
    ...(s === SECTIONS - 1
      ? { rule: { effect: 'SHOW', condition: { scope: '#/properties/hasExtra', schema: { const: true } } } }
      : {}),
    elements: Array.from({ length: FIELDS }, (_, f) => ({
      type: 'Control',
      scope: `#/properties/${name}/properties/f${f}`,
    })),
  }));
  const fixtureCategories = (auditUischema.elements as { elements: unknown[] }[]).slice(1, 3);
  return {
    id: 'big-form',
    title: { zh: '大表单', en: 'Big form' },
    schema,
    uischema: { type: 'Categorization', elements: [...categories, ...fixtureCategories] } as never,
    examples: [applyComputed(schema, bigExample()).data],
  };
}

const ROWS = 8;
const CHECKS = 11;

/** A valid document before its computed fields: the last section is shown, every option row complete. */
export function bigExample(): Record<string, unknown> {
  const data: Record<string, unknown> = { hasExtra: true };
  for (let s = 0; s < SECTIONS; s++) {
    const fields: Record<string, unknown> = {};
    for (let f = 0; f < FIELDS; f++) fields[`f${f}`] = kindOf(s, f).value;
    data[`section${s}`] = fields;
  }
  data.assumptions = { discountRate: 0.06, taxRate: 0.25, depreciationYears: 10 };
  data.options = Array.from({ length: ROWS }, (_, i) => ({
    name: `方案${i + 1}`,
    category: i % 2 === 0 ? '无/低费' : '中/高费',
    ...(i % 2 === 0 ? {} : { fundingSource: '企业自筹' }),
    investment: 10 + i,
    annualSaving: 1.58 + i / 10,
  }));
  data.checklist = Array.from({ length: CHECKS }, (_, i) => ({
    item: `检查项${i + 1}`,
    result: i % 3 === 0 ? '不符合' : '符合',
    ...(i % 3 === 0 ? { reason: '整改中' } : {}),
  }));
  return data;
}

/** How many leaf values (fields) a document holds. */
export function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countFields(v), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce((n: number, v) => n + countFields(v), 0);
  }
  return 1;
}
