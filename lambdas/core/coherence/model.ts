/**
 * The report `cp-coherence` checks: flat lists linked by ids, which a workflow assembles from the full audit's
 * steps with Parameters. Unknown fields are ignored, so whole form rows may be passed. See README.md.
 */
import { z } from 'zod';
import type { CoherenceCode, Severity } from '../reference/tables/coherence';

const Id = z.string().min(1).max(64);
const Ids = z.array(Id).default([]);
const Num = z.number().finite();

export const Problem = z.looseObject({
  id: Id,
  /** A production factor id from coherence-policy (`materials-energy`, `process`, … `employees`). */
  factor: z.string().optional(),
  /** A key problem (重点问题) must have an option. */
  key: z.boolean().default(false),
});

export const Cause = z.looseObject({ id: Id.optional(), problemId: Id.optional(), problemIds: Ids });

export const Option = z.looseObject({
  id: Id,
  problemIds: Ids,
  cost: z.enum(['no-low', 'mid-high']).optional(),
  implemented: z.boolean().default(false),
  investment: Num.optional(),
  annualBenefit: Num.optional(),
  tce: Num.optional(),
  co2T: Num.optional(),
  waterT: Num.optional(),
  verifiedResult: z
    .looseObject({ value: Num.optional(), unit: z.string().optional(), dataSource: z.string().optional() })
    .nullable()
    .optional(),
});

export const Target = z.looseObject({ id: Id, problemIds: Ids, focus: z.boolean().default(false) });

export const Balance = z.looseObject({
  id: z.string().max(64).optional(),
  input: Num,
  output: Num,
  /** Tightens the configured limit for this balance; it can never loosen it. */
  limitPct: z.number().positive().optional(),
});

const ClassTotals = z.looseObject({
  count: Num.optional(),
  implemented: Num.optional(),
  investment: Num.optional(),
});

/** The totals the performance table claims; the shape of `cp-performance`'s result, so it may be piped in. */
export const PerformanceTotals = z.looseObject({
  tce: z.union([Num, z.looseObject({ equivalent: Num.optional() })]).optional(),
  co2T: Num.optional(),
  waterT: Num.optional(),
  economicBenefit: Num.optional(),
  options: z.looseObject({ noLow: ClassTotals.optional(), midHigh: ClassTotals.optional() }).optional(),
});

export const Report = z.looseObject({
  problems: z.array(Problem).default([]),
  causes: z.array(Cause).optional(),
  options: z.array(Option).default([]),
  targets: z.array(Target).default([]),
  focus: z.looseObject({ ids: Ids }).optional(),
  balance: z
    .union([Balance, z.array(Balance)])
    .nullable()
    .optional(),
  performance: PerformanceTotals.nullable().optional(),
});
export type ReportData = z.infer<typeof Report>;

export const CoherencePayload = z.looseObject({ caseId: z.string().min(1).optional(), report: Report });

/** A finding before the policy gives it a severity and a message. */
export interface RawFinding {
  code: CoherenceCode;
  path: string;
  params: Record<string, string | number>;
}

export interface Finding {
  code: CoherenceCode;
  severity: Severity;
  message: { zh: string; en: string };
  path: string;
  params: Record<string, string | number>;
}

export interface CoherenceResult {
  findings: Finding[];
  blocking: boolean;
  counts: { block: number; warn: number };
  policy: string;
}
