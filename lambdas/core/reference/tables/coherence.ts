/** `coherence-policy`: the report coherence check's limits, production factors and which findings block. */
import { z } from 'zod';
import { header, LocalText, Slug, Source, uniqueBy, valued } from './common';

/** Every finding the check can produce; the policy must give each a severity and a message. */
export const COHERENCE_CODES = [
  'DUPLICATE_ID',
  'UNKNOWN_PROBLEM_REFERENCE',
  'KEY_PROBLEM_WITHOUT_OPTION',
  'KEY_PROBLEM_WITHOUT_CAUSE',
  'OPTION_WITHOUT_PROBLEM',
  'FOCUS_MISSING',
  'TARGETS_MISSING',
  'TARGET_WITHOUT_PROBLEM',
  'TARGET_OUTSIDE_FOCUS',
  'IMPLEMENTED_OPTION_UNVERIFIED',
  'VERIFIED_RESULT_WITHOUT_SOURCE',
  'BALANCE_MISSING',
  'BALANCE_INVALID',
  'BALANCE_DEVIATION',
  'PERFORMANCE_TOTALS_MISMATCH',
  'FACTOR_NOT_EXAMINED',
  'UNKNOWN_FACTOR',
] as const;
export type CoherenceCode = (typeof COHERENCE_CODES)[number];

export const SEVERITIES = ['block', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];

const Finding = z.strictObject({
  severity: z.enum(SEVERITIES),
  /** Message templates; `{id}`, `{ids}`, `{value}`, `{limit}`, `{metric}` … are filled in. */
  message: LocalText,
  source: Source,
});

export const CoherencePolicyTable = z.strictObject({
  ...header,
  /** Largest acceptable |input − output| / input of a balance, in percent. */
  balanceLimitPct: valued(z.number().positive().max(100)),
  /** How far a performance total may stray from the sum over options before it is a mismatch. */
  totalsTolerance: z.strictObject({
    absolute: z.number().min(0),
    relativePct: z.number().min(0).max(100),
    source: Source,
  }),
  /** The production factors (生产要素) problems are filed under. */
  factors: z
    .array(z.strictObject({ id: Slug, name: LocalText }))
    .min(1)
    .superRefine(uniqueBy((f) => f.id, 'factor')),
  factorsSource: Source,
  findings: z.strictObject(
    Object.fromEntries(COHERENCE_CODES.map((c) => [c, Finding])) as Record<CoherenceCode, typeof Finding>,
  ),
});
export type CoherencePolicy = z.infer<typeof CoherencePolicyTable>;
