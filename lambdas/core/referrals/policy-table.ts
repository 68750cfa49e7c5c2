/**
 * `referral-policy`: the banks' answer SLA and its timeout, the enterprise's time to supply information, the
 * green-credit categories products and requests name, and the data scopes an enterprise consents to per bank
 * (DOMAIN §8: the minimal data package, released only with consent).
 */
import { z } from 'zod';
import { header, LocalText, Slug, Source, uniqueBy, valued } from '../reference/tables/common';

/** The parts of a referral package; the package builder knows each (package.ts). */
export const SCOPES = ['profile', 'certificate', 'performance', 'options'] as const;
export type Scope = (typeof SCOPES)[number];

const Days = valued(z.number().int().min(1).max(365));

export const ReferralPolicyTable = z.strictObject({
  ...header,
  answerDays: Days,
  answerTimeoutDays: Days,
  infoDays: Days,
  infoTimeoutDays: Days,
  categories: z
    .array(z.strictObject({ id: Slug, title: LocalText }))
    .min(1)
    .superRefine(uniqueBy((c) => c.id, 'category')),
  scopes: z
    .array(
      z.strictObject({
        id: z.enum(SCOPES),
        title: LocalText,
        description: LocalText,
        required: z.boolean(),
        source: Source,
      }),
    )
    .superRefine(uniqueBy((s) => s.id, 'scope'))
    .refine((scopes) => SCOPES.every((id) => scopes.some((s) => s.id === id)), 'every scope described'),
});
export type ReferralPolicy = z.infer<typeof ReferralPolicyTable>;
