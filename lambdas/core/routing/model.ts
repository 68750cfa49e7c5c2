/** The payload and result of `cp-classify`, and the filing fields the code itself reads. */
import { z } from 'zod';
import type { Route, Sector } from '../reference/tables/routing';

/** The special-audit focus kinds of the seed's 3.2(2) (专项清洁生产审核). */
export const SPECIAL_FOCUS_TYPES = [
  'water',
  'energy',
  'material',
  'water-pollutant',
  'air-pollutant',
  'solid-waste',
  'ghg',
  'ods',
] as const;
export type SpecialFocusType = (typeof SPECIAL_FOCUS_TYPES)[number];

export const INDUSTRY_CODE = /^[A-T](\d{2}(\d{1,2})?)?$/;

/**
 * The filing fields classification reads. Other fields of the filing form pass through untouched: the rules are
 * JSON Logic over the whole filing, so an administrator may write a rule on any field.
 */
export const Filing = z.looseObject({
  industryCode: z.string().regex(INDUSTRY_CODE, 'a GB/T 4754 code such as C3360').optional(),
  size: z.enum(['large', 'medium', 'small', 'micro']).optional(),
  triggers: z
    .looseObject({
      mandatedList: z.boolean().optional(),
      keyMonitoringList: z.boolean().optional(),
      fiscalFunds: z.boolean().optional(),
      energyQuotaExceeded: z.boolean().optional(),
      dischargeExceeded: z.boolean().optional(),
      toxicSubstances: z.boolean().optional(),
    })
    .optional(),
  specialFocus: z
    .looseObject({
      type: z.enum(SPECIAL_FOCUS_TYPES).optional(),
      detail: z.string().max(500).optional(),
    })
    .nullable()
    .optional(),
  consultancyId: z.string().max(64).optional(),
});
export type FilingData = z.infer<typeof Filing>;

export const ClassifyPayload = z.looseObject({
  caseId: z.string().min(1),
  organisationId: z.string().min(1).optional(),
  filing: Filing,
});
export type ClassifyInput = z.infer<typeof ClassifyPayload>;

export interface FiredRule {
  ruleId: string;
  route: Route;
  title: { zh: string; en: string };
  source: string;
}

export interface Classification {
  route: Route;
  programmeId: string;
  sector: Sector;
  industryCode: string;
  fired: FiredRule[];
  /** The special audit's focus, when the route is `special`. */
  focus?: { type: SpecialFocusType; detail?: string };
  /** Why the route was chosen when no rule fired (the default's source). */
  defaultApplied?: { title: { zh: string; en: string }; source: string };
  reference: { rules: string; sectors: string };
}
