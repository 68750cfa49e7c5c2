/**
 * `reward-rules`: the subsidies (奖补) for completed audits, as data an administrator changes. Two kinds (DOMAIN §7):
 * a fixed amount per audit type (Zhanjiang 2017: CNY 20,000 per firm passing acceptance [S54]) and a share of the
 * audit fee with a cap (a Sichuan county: 50 % of the fee, at most CNY 200,000 [S57]). Each rule says where it
 * applies (a region subtree), for which grades, and how long after the certificate an application is accepted.
 */
import { z } from 'zod';
import { GRADES } from '../certificates/model';
import { header, LocalText, Slug, Source, uniqueBy, valued } from '../reference/tables/common';

const Yuan = valued(z.number().finite().min(0).max(100_000_000));

const base = {
  id: Slug,
  title: LocalText,
  /** GB/T 2260 code whose subtree the rule covers (`86`: everywhere). */
  regionCode: z.string().regex(/^\d{2,12}$/),
  grades: z.array(z.enum(GRADES)).min(1),
  applyWithinDays: valued(z.number().int().min(1).max(3650)),
  active: z.boolean(),
  source: Source,
};

export const FixedRule = z.strictObject({
  ...base,
  kind: z.literal('fixed'),
  /** CNY by audit type (the certificate's programme id). */
  amounts: z
    .record(z.string().min(1), Yuan)
    .refine((a) => Object.keys(a).length > 0, 'at least one audit type'),
});

export const FeeShareRule = z.strictObject({
  ...base,
  kind: z.literal('fee-share'),
  auditTypes: z.array(z.string().min(1)).min(1),
  share: valued(z.number().gt(0).max(1)),
  /** CNY. */
  cap: Yuan,
});

export const RewardRule = z.discriminatedUnion('kind', [FixedRule, FeeShareRule]);
export type RewardRule = z.infer<typeof RewardRule>;

export const RewardRulesTable = z.strictObject({
  ...header,
  currency: z.literal('CNY'),
  rules: z
    .array(RewardRule)
    .min(1)
    .superRefine(uniqueBy((r) => r.id, 'rule')),
});
export type RewardRules = z.infer<typeof RewardRulesTable>;
