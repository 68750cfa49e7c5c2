/** The payload and result of `cp-performance` (the performance table, 绩效表). */
import { z } from 'zod';

const Num = z.number().finite();
const NonNeg = z.number().finite().min(0);

export const OPTION_COSTS = ['no-low', 'mid-high'] as const;
export type OptionCost = (typeof OPTION_COSTS)[number];

/** One option of the options register, with what its economic appraisal needs. Amounts in 万元. */
export const OptionInput = z.looseObject({
  id: z.string().min(1).max(64),
  cost: z.enum(OPTION_COSTS),
  investment: NonNeg.default(0),
  /** Annual net saving in operating cost P (万元/a): energy/consumption savings + pollution-reduction benefit. */
  annualBenefit: Num.default(0),
  implemented: z.boolean().default(false),
  /** Annual net cash flow F (万元/a) when the appraisal states it; otherwise F is derived from P. */
  cashFlow: Num.optional(),
  lifeYears: z.number().int().min(1).max(100).optional(),
  discountRate: z.number().min(0).max(1).optional(),
  depreciationYears: z.number().int().min(1).max(100).optional(),
  taxRate: z.number().min(0).max(1).optional(),
});
export type OptionInputData = z.infer<typeof OptionInput>;

export const PerformancePayload = z.looseObject({
  caseId: z.string().min(1),
  /** GB/T 2260 code (any level), a grid id (`south`) or `national`; default: the case's region. */
  regionCode: z.string().min(1).max(20).optional(),
  year: z.number().int().min(1990).max(2100),
  energy: z
    .array(z.looseObject({ type: z.string().min(1), savedQuantity: Num, unit: z.string().min(1) }))
    .default([]),
  water: z.looseObject({ freshWaterSavedT: Num.default(0) }).default({ freshWaterSavedT: 0 }),
  materials: z.array(z.looseObject({ name: z.string().min(1), savedT: Num })).default([]),
  pollutants: z.array(z.looseObject({ code: z.string().min(1), reducedT: Num })).default([]),
  options: z.array(OptionInput).default([]),
});
export type PerformanceInput = z.infer<typeof PerformancePayload>;

export interface EnergyLine {
  type: string;
  savedQuantity: number;
  unit: string;
  tceEquivalent: number;
  tceCalorific: number;
  /** null when the energy type has no CO2 factor (counted nowhere). */
  co2T: number | null;
}

export interface GridFactorUsed {
  value: number;
  scope: 'national' | 'grid' | 'province';
  region: string;
  year: number;
  requested: { region: string; year: number };
  /** How the factor was found, in order: e.g. `grid south has no factor for 2023 or earlier`. */
  fallback: string[];
}

export interface OptionAppraisal {
  id: string;
  cost: OptionCost;
  implemented: boolean;
  investment: number;
  annualBenefit: number;
  cashFlow: number | null;
  lifeYears: number;
  discountRate: number;
  npv: number | null;
  npvr: number | null;
  irr: number | null;
  payback: number | null;
}

export interface CostClassSummary {
  count: number;
  implemented: number;
  investment: number;
  implementedInvestment: number;
}

export interface Performance {
  tce: { equivalent: number; calorific: number };
  co2T: number;
  co2: { electricityT: number; fuelsT: number; uncounted: string[] };
  waterT: number;
  materialsT: number;
  pollutants: Record<string, number>;
  economicBenefit: number;
  options: { noLow: CostClassSummary; midHigh: CostClassSummary };
  energy: EnergyLine[];
  appraisal: OptionAppraisal[];
  grid: GridFactorUsed;
  factors: { coal: string; grid: string; policy: string };
  year: number;
}
