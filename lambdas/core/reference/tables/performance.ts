/**
 * `energy-coefficients`, `grid-emission-factors` and `performance-policy`: what the performance table (绩效表)
 * computes tce, CO2 and the option appraisal with.
 */
import { z } from 'zod';
import { UNIT_IDS } from '../../performance/units';
import { header, LocalText, Slug, Source, uniqueBy, valued } from './common';

const Unit = z.enum(UNIT_IDS as [string, ...string[]]);
const Positive = z.number().finite().positive();

export const EnergyCoefficientsTable = z.strictObject({
  ...header,
  coefficients: z
    .array(
      z.strictObject({
        type: Slug,
        name: LocalText,
        /** The unit the coefficients are per (t, 10^4 m3, 10^4 kWh, GJ …). */
        unit: Unit,
        /** tce per unit, calorific-equivalent value (当量值). */
        calorific: Positive,
        /** tce per unit, equivalent value (等价值); the calorific value when absent (fuels). */
        equivalent: Positive.optional(),
        /** Dated equivalent values (electricity's follows the grid's coal rate); the nearest earlier year wins. */
        equivalentByYear: z
          .array(
            z.strictObject({ year: z.number().int().min(1990).max(2100), value: Positive, source: Source }),
          )
          .optional(),
        /** tCO2 per unit from burning the fuel on site; absent for electricity (grid factors apply). */
        co2: valued(z.number().finite().min(0)).optional(),
        source: Source,
      }),
    )
    .min(1)
    .superRefine(uniqueBy((c) => c.type, 'energy type')),
  /** The energy type whose CO2 comes from the grid emission factors. */
  gridElectricityType: Slug,
});
export type EnergyCoefficients = z.infer<typeof EnergyCoefficientsTable>;

export const GRID_SCOPES = ['national', 'grid', 'province'] as const;

export const GridEmissionFactorsTable = z.strictObject({
  ...header,
  unit: z.literal('kgCO2/kWh'),
  factors: z
    .array(
      z.strictObject({
        scope: z.enum(GRID_SCOPES),
        /** `national`, a grid id (`south` …) or a GB/T 2260 province code (`440000`). */
        region: z.string().min(1).max(20),
        year: z.number().int().min(1990).max(2100),
        value: Positive,
        source: Source,
      }),
    )
    .min(1)
    .superRefine(uniqueBy((f) => `${f.scope}/${f.region}/${f.year}`, 'factor'))
    .refine((fs) => fs.some((f) => f.scope === 'national'), 'at least one national factor'),
  grids: z
    .array(
      z.strictObject({
        id: Slug,
        name: LocalText,
        /** GB/T 2260 province codes (six digits) the grid supplies. */
        provinces: z.array(z.string().regex(/^\d{2}0000$/)),
        source: Source,
      }),
    )
    .superRefine(uniqueBy((g) => g.id, 'grid')),
});
export type GridEmissionFactors = z.infer<typeof GridEmissionFactorsTable>;

export const PerformancePolicyTable = z.strictObject({
  ...header,
  /** Which options the economic benefit sums: the implemented ones, or all that were proposed. */
  economicBenefit: z.strictObject({ counts: z.enum(['implemented', 'all']), source: Source }),
  appraisal: z.strictObject({
    discountRate: valued(z.number().min(0).max(1)),
    lifeYears: valued(z.number().int().min(1).max(100)),
    depreciationYears: valued(z.number().int().min(1).max(100)),
    taxRate: valued(z.number().min(0).max(1)),
  }),
  pollutants: z
    .array(z.strictObject({ code: z.string().min(1).max(32), name: LocalText, source: Source }))
    .min(1)
    .superRefine(uniqueBy((p) => p.code, 'pollutant')),
});
export type PerformancePolicy = z.infer<typeof PerformancePolicyTable>;
