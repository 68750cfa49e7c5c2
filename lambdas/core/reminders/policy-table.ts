/**
 * `reminder-policy`: when the daily sweep (`cp-reminders`) reminds whom. Certificate expiry offsets (T-180/90/30 by
 * default) and the day the renewal round opens; task reminders before the due date and the escalation to an
 * administrator after it; the list deadlines counted from a list's publication (DOMAIN §1.2: register within 1 month,
 * start within 2, finish within 12); how far back a sweep looks, so a missed day is caught up.
 */
import { z } from 'zod';
import { header, Slug, valued } from '../reference/tables/common';

const Days = (max: number) => valued(z.number().int().min(0).max(max));
const Months = valued(z.number().int().min(1).max(60));

export const ReminderPolicyTable = z.strictObject({
  ...header,
  certificateExpiry: z.strictObject({
    offsetsDays: valued(
      z
        .array(z.number().int().min(1).max(1095))
        .min(1)
        .refine((a) => new Set(a).size === a.length, 'offsets must differ'),
    ),
  }),
  renewal: z.strictObject({
    /** The programme a renewal round starts. */
    programmeId: Slug,
    /** 0: on the last day of validity. */
    openDaysBeforeExpiry: Days(365),
  }),
  tasks: z.strictObject({
    dueSoonDays: Days(60),
    escalateAfterDays: Days(365),
  }),
  listDeadlines: z.strictObject({
    registerMonths: Months,
    startMonths: Months,
    finishMonths: Months,
    dueSoonDays: Days(60),
    escalateAfterDays: Days(365),
  }),
  catchUpDays: valued(z.number().int().min(1).max(60)),
  mail: z.strictObject({ maxAttempts: valued(z.number().int().min(1).max(20)) }),
});
export type ReminderPolicy = z.infer<typeof ReminderPolicyTable>;
