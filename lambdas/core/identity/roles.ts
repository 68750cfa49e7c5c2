/** The five roles (ARCHITECTURE §1) and the organisation kind each belongs to. */
export const ROLES = ['admin', 'enterprise', 'consultant', 'expert', 'bank'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['agency', 'enterprise', 'consultancy', 'bank', 'expert'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Every user belongs to exactly one organisation, and its kind fixes the user's role. */
export const ROLE_OF_KIND: Record<OrgKind, Role> = {
  agency: 'admin',
  enterprise: 'enterprise',
  consultancy: 'consultant',
  bank: 'bank',
  expert: 'expert',
};

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
