/**
 * The performance table (绩效表) as a pure function of its inputs and the reference tables it reads; `record.ts`
 * reads the tables and stores the result.
 */
import { round } from '../forms/finance';
import type { ReferenceTable } from '../reference/store';
import type {
  EnergyCoefficients,
  GridEmissionFactors,
  PerformancePolicy,
} from '../reference/tables/performance';
import { appraise } from './appraisal';
import { energyLine } from './energy';
import { PerformanceInputError } from './errors';
import { pickGridFactor } from './grid';
import type { CostClassSummary, OptionAppraisal, Performance, PerformanceInput } from './model';

export interface PerformanceTables {
  coefficients: ReferenceTable<EnergyCoefficients>;
  grid: ReferenceTable<GridEmissionFactors>;
  policy: ReferenceTable<PerformancePolicy>;
}

/** Figures are kept to 4 decimals: enough for tce and t/a, and free of binary noise (0.1 + 0.2). */
const r4 = (x: number) => round(x, 4) ?? 0;
const r4n = (x: number | null) => (x === null ? null : r4(x));
const total = (xs: number[]) => r4(xs.reduce((s, x) => s + x, 0));

function summarise(options: OptionAppraisal[], cost: OptionAppraisal['cost']): CostClassSummary {
  const mine = options.filter((o) => o.cost === cost);
  const done = mine.filter((o) => o.implemented);
  return {
    count: mine.length,
    implemented: done.length,
    investment: total(mine.map((o) => o.investment)),
    implementedInvestment: total(done.map((o) => o.investment)),
  };
}

/**
 * @example computePerformance({ caseId, year: 2023, regionCode: '440112', energy: [{ type: 'raw-coal', savedQuantity: 200, unit: 't' }], … }, tables)
 * // { tce: { equivalent: 142.86, calorific: 142.86 }, co2T: 380.06, … }
 */
export function computePerformance(input: PerformanceInput, tables: PerformanceTables): Performance {
  const { coefficients, grid, policy } = tables;
  const factor = pickGridFactor(grid.content, input.regionCode, input.year);
  const energy = input.energy.map((e, i) =>
    energyLine(coefficients.content, e, input.year, factor.value, `/energy/${i}`),
  );
  const known = new Set(policy.content.pollutants.map((p) => p.code));
  const pollutants: Record<string, number> = Object.fromEntries([...known].map((c) => [c, 0]));
  input.pollutants.forEach((p, i) => {
    if (!known.has(p.code))
      throw new PerformanceInputError(`unknown pollutant ${p.code}`, [
        { path: `/pollutants/${i}/code`, message: `not in performance-policy (${[...known].join(', ')})` },
      ]);
    pollutants[p.code] = r4((pollutants[p.code] ?? 0) + p.reducedT);
  });
  const appraisal = input.options.map((o) => {
    const a = appraise(o, policy.content);
    return {
      ...a,
      cashFlow: r4n(a.cashFlow),
      npv: r4n(a.npv),
      npvr: r4n(a.npvr),
      irr: r4n(a.irr),
      payback: r4n(a.payback),
    };
  });
  const counted =
    policy.content.economicBenefit.counts === 'all'
      ? input.options
      : input.options.filter((o) => o.implemented);
  const electricity = energy.filter((e) => e.type === coefficients.content.gridElectricityType);
  const fuels = energy.filter((e) => e.type !== coefficients.content.gridElectricityType);
  const co2Electricity = total(electricity.map((e) => e.co2T ?? 0));
  const co2Fuels = total(fuels.map((e) => e.co2T ?? 0));
  return {
    tce: {
      equivalent: total(energy.map((e) => e.tceEquivalent)),
      calorific: total(energy.map((e) => e.tceCalorific)),
    },
    co2T: r4(co2Electricity + co2Fuels),
    co2: {
      electricityT: co2Electricity,
      fuelsT: co2Fuels,
      uncounted: [...new Set(energy.filter((e) => e.co2T === null).map((e) => e.type))],
    },
    waterT: r4(input.water.freshWaterSavedT),
    materialsT: total(input.materials.map((m) => m.savedT)),
    pollutants,
    economicBenefit: total(counted.map((o) => o.annualBenefit)),
    options: { noLow: summarise(appraisal, 'no-low'), midHigh: summarise(appraisal, 'mid-high') },
    energy: energy.map((e) => ({
      ...e,
      tceEquivalent: r4(e.tceEquivalent),
      tceCalorific: r4(e.tceCalorific),
      co2T: r4n(e.co2T),
    })),
    appraisal,
    grid: factor,
    factors: {
      coal: coefficients.label,
      grid: `${grid.label} ${factor.region} ${factor.year}`,
      policy: policy.label,
    },
    year: input.year,
  };
}
