/** Request and response schemas shared by several routes. Objects are strict: unknown fields are refused. */
import { z } from '@hono/zod-openapi';
import { ORG_KINDS, ROLES } from '../core/identity/roles';

export const Id = z.string().regex(/^[a-z]{2,12}_[0-9a-z]{6,40}$/, 'not an id');
export const Text = (max = 200) => z.string().trim().min(1).max(max);
export const Version = z.number().int().min(1);
export const Limit = z.coerce.number().int().min(1).max(200).optional();
export const Cursor = z.string().max(2000).optional();

export const Contact = z.strictObject({
  name: Text(100),
  phone: z
    .string()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .optional(),
  email: z.email().max(200).optional(),
  title: Text(100).optional(),
});

export const Profile = z
  .strictObject({
    creditCode: z.string().length(18).optional(),
    industryCode: z.string().max(5).optional(),
    size: z.enum(['large', 'medium', 'small', 'micro']).optional(),
    address: Text(300).optional(),
    legalRepresentative: Text(100).optional(),
    contacts: z.array(Contact).max(20).optional(),
    website: z.url().max(300).optional(),
    description: Text(2000).optional(),
  })
  .openapi('OrganisationProfile');

export const Organisation = z
  .object({
    id: z.string(),
    kind: z.enum(ORG_KINDS),
    name: z.string(),
    regionCode: z.string(),
    regionPath: z.string(),
    profile: Profile,
    status: z.enum(['active', 'inactive']),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Organisation');

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().optional(),
    role: z.enum(ROLES),
    organisationId: z.string(),
    status: z.enum(['active', 'disabled']),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().optional() });

/** Definition ids: lower-case words joined by hyphens, e.g. `audit-full`, `quick-checklist`. */
export const DefinitionId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
  .max(64);

export const LocalText = z.strictObject({ zh: Text(200), en: Text(200) });

/** Any JSON value (validated further by the domain). */
export const Json: z.ZodType<unknown> = z.unknown();
