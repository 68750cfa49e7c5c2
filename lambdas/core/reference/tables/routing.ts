/** `routing-rules` and `industry-sectors`: which audit a filing leads to, and the sector of an industry code. */
import { z } from 'zod';
import { header, JsonLogicRule, LocalText, Slug, Source, uniqueBy } from './common';

export const ROUTES = ['full', 'quick', 'special'] as const;
export type Route = (typeof ROUTES)[number];

export const RoutingRulesTable = z
  .strictObject({
    ...header,
    rules: z
      .array(
        z.strictObject({
          id: Slug,
          route: z.enum(ROUTES),
          title: LocalText,
          /** JSON Logic over the filing form data; the rule fires when the result is truthy. */
          logic: JsonLogicRule,
          source: Source,
        }),
      )
      .min(1)
      .superRefine(uniqueBy((r) => r.id, 'rule')),
    /** When several routes fire, the first in this list wins. */
    precedence: z.array(z.enum(ROUTES)).length(3),
    /** The route when no rule fires. */
    default: z.strictObject({ route: z.enum(ROUTES), title: LocalText, source: Source }),
    /** The programme each route leads to (workflows/programmes.json ids). */
    programmes: z.strictObject({ full: Slug, quick: Slug, special: Slug }),
  })
  .superRefine((t, ctx) => {
    if (new Set(t.precedence).size !== 3)
      ctx.addIssue({ code: 'custom', path: ['precedence'], message: 'name each route once' });
  });
export type RoutingRules = z.infer<typeof RoutingRulesTable>;

export const SECTORS = ['industrial', 'services', 'agriculture', 'construction', 'transport'] as const;
export type Sector = (typeof SECTORS)[number];
const SECTIONS = 'ABCDEFGHIJKLMNOPQRST'.split('');

export const IndustrySectorsTable = z
  .strictObject({
    ...header,
    sectors: z
      .array(
        z.strictObject({
          id: z.enum(SECTORS),
          title: LocalText,
          /** GB/T 4754-2017 section letters (门类). */
          sections: z.array(z.enum(SECTIONS as [string, ...string[]])).min(1),
          source: Source,
        }),
      )
      .min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    for (const s of t.sectors) {
      for (const letter of s.sections) {
        if (seen.has(letter))
          ctx.addIssue({
            code: 'custom',
            path: ['sectors'],
            message: `section ${letter} is in ${seen.get(letter)} and ${s.id}`,
          });
        seen.set(letter, s.id);
      }
    }
    const missing = SECTIONS.filter((l) => !seen.has(l));
    if (missing.length)
      ctx.addIssue({
        code: 'custom',
        path: ['sectors'],
        message: `sections without a sector: ${missing.join(', ')}`,
      });
  });
export type IndustrySectors = z.infer<typeof IndustrySectorsTable>;
