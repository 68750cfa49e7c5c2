/** `panel-rules` and `score-sheets`: expert panels (size, leader, industry match, 回避, load) and scoring. */
import { z } from 'zod';
import { header, LocalText, Slug, Source, uniqueBy, valued } from './common';

export const PanelRule = z
  .strictObject({
    id: Slug,
    title: LocalText,
    /** Experts on the panel, one of whom leads; odd so a vote cannot tie. */
    size: z.number().int().min(3).max(15),
    /** At least this many members whose industries match the enterprise's industry code. */
    minIndustryMatches: z.number().int().min(0),
    /** A match needs a shared GB/T 4754 prefix of at least this many characters (3 = division, `C33`). */
    industryMatchLength: z.number().int().min(1).max(5),
    /** Who may lead: experts whose profile says `canLead`, or anyone. */
    leaderFrom: z.enum(['can-lead', 'any']),
    source: Source,
  })
  .superRefine((r, ctx) => {
    if (r.size % 2 === 0) ctx.addIssue({ code: 'custom', path: ['size'], message: 'an odd number' });
    if (r.minIndustryMatches > r.size)
      ctx.addIssue({ code: 'custom', path: ['minIndustryMatches'], message: 'more than the panel size' });
  });
export type PanelRuleSpec = z.infer<typeof PanelRule>;

export const POOL_SCOPES = ['all', 'province', 'city'] as const;

export const PanelRulesTable = z.strictObject({
  ...header,
  panels: z
    .array(PanelRule)
    .min(1)
    .superRefine(uniqueBy((p) => p.id, 'panel')),
  exclusions: z.strictObject({
    /** The expert works for the audited enterprise. */
    employerIsEnterprise: valued(z.boolean()),
    /** The expert works for the enterprise's consultancy. */
    employerIsConsultancy: valued(z.boolean()),
    /** The expert advised the enterprise within this many years (0: never excluded for advice). */
    advisedWithinYears: valued(z.number().int().min(0).max(50)),
    /** Exclude the experts who reviewed the enterprise's previous round, looking back this many years. */
    previousRound: z.strictObject({
      exclude: z.boolean(),
      lookbackYears: z.number().int().min(1).max(50),
      source: Source,
    }),
    /** The expert declared a conflict with the enterprise or its consultancy. */
    declaredConflicts: valued(z.boolean()),
  }),
  load: z.strictObject({
    /** Most panels one expert sits on within `periodDays`. */
    maxAssignments: z.number().int().min(1),
    periodDays: z.number().int().min(1).max(3660),
    /** `least-loaded`: the draw prefers the least loaded eligible experts; `none`: a uniform draw. */
    balance: z.enum(['least-loaded', 'none']),
    source: Source,
  }),
  /** Which pools a case draws from: all, or those of the case's province or city. */
  poolScope: valued(z.enum(POOL_SCOPES)),
});
export type PanelRules = z.infer<typeof PanelRulesTable>;

const Points = z.number().finite().min(0).max(1000);

export const ScoreSheet = z
  .strictObject({
    id: Slug,
    title: LocalText,
    items: z
      .array(z.strictObject({ id: Slug, title: LocalText, max: Points, source: Source }))
      .min(1)
      .superRefine(uniqueBy((i) => i.id, 'item')),
    /** Bonus points (加分项) added to the items' sum. */
    bonus: z
      .array(z.strictObject({ id: Slug, title: LocalText, max: Points, source: Source }))
      .superRefine(uniqueBy((i) => i.id, 'bonus item')),
    /** Veto items (否决项): one that holds fails the review whatever the score. */
    vetoes: z
      .array(z.strictObject({ id: Slug, title: LocalText, source: Source }))
      .superRefine(uniqueBy((i) => i.id, 'veto')),
    /** Whose veto counts: any expert's, a majority of the panel's, or the leader's. */
    vetoRule: valued(z.enum(['any', 'majority', 'leader'])),
    aggregation: valued(z.enum(['mean', 'trimmed-mean', 'median'])),
    /** For `trimmed-mean`: how many of the highest and of the lowest totals are dropped. */
    trim: z.number().int().min(0).max(3),
    passLine: valued(Points),
    /** Grade bands above the pass line, highest first; a pass below every band is `pass`. */
    grades: z.strictObject({
      excellent: Points,
      good: Points,
      source: Source,
    }),
    decimals: z.number().int().min(0).max(4),
    source: Source,
  })
  .superRefine((s, ctx) => {
    if (s.grades.good > s.grades.excellent)
      ctx.addIssue({ code: 'custom', path: ['grades'], message: 'good above excellent' });
  });
export type ScoreSheetSpec = z.infer<typeof ScoreSheet>;

export const ScoreSheetsTable = z.strictObject({
  ...header,
  sheets: z
    .array(ScoreSheet)
    .min(1)
    .superRefine(uniqueBy((s) => s.id, 'sheet')),
});
export type ScoreSheets = z.infer<typeof ScoreSheetsTable>;
