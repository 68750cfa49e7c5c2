/**
 * Pieces every reference table shares: a bilingual title, a table-level source, and values that carry their own
 * `source` (DOMAIN.md section and source tag, or "unconfirmed: …" for a design default an administrator may change).
 */
import { z } from 'zod';
import { logicProblems } from '../../forms/logic';

export const Source = z.string().trim().min(3).max(2000);
export const LocalText = z.strictObject({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens')
  .max(64);

/** Fields at the top of every table. */
export const header = {
  title: LocalText,
  description: LocalText.optional(),
  source: Source,
};

/** A single policy value with its source. */
export const valued = <T extends z.ZodType>(value: T) => z.strictObject({ value, source: Source });

/** A JSON Logic rule, checked with the forms rule layer (unknown operations refused). */
export const JsonLogicRule = z.unknown().superRefine((logic, ctx) => {
  for (const p of logicProblems(logic, ''))
    ctx.addIssue({ code: 'custom', message: `${p.path} ${p.message}` });
});

/** Ids in a list must be unique: a refinement for arrays of `{ [key]: string }`. */
export function uniqueBy<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} ${k}` });
      seen.add(k);
    });
  };
}
