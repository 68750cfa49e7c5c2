/**
 * The role-aware navigation: which entries each portal shows, in order. An entry with `requires` appears only
 * when the server offers that route (see capabilities.tsx).
 */
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/zh';

export type NavIcon =
  | 'home'
  | 'dashboard'
  | 'programmes'
  | 'cases'
  | 'tasks'
  | 'organisations'
  | 'forms'
  | 'workflows'
  | 'certificates'
  | 'referrals'
  | 'notifications'
  | 'financing'
  | 'incentives'
  | 'experts'
  | 'reference'
  | 'reminders';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: NavIcon;
  roles: readonly Role[];
  requires?: string;
}

const ALL: readonly Role[] = ['admin', 'enterprise', 'consultant', 'expert', 'bank'];

/** The administrators' management pages, after the designers. */
const ADMIN_MANAGEMENT: readonly NavItem[] = (
  [
    ['/admin/experts', 'nav.experts', 'experts', 'GET /api/admin/experts'],
    ['/admin/banks', 'nav.banks', 'financing', 'GET /api/admin/banks'],
    ['/admin/reward-rules', 'nav.rewardRules', 'incentives', 'GET /api/incentives/rules'],
    ['/admin/reference', 'nav.reference', 'reference', 'GET /api/admin/reference'],
    ['/admin/reminders', 'nav.reminders', 'reminders', 'GET /api/admin/reminders/lists'],
  ] as const
).map(([path, label, icon, requires]) => ({ path, label, icon, roles: ['admin'] as const, requires }));

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: 'home', roles: ALL },
  {
    path: '/programmes',
    label: 'nav.programmes',
    icon: 'programmes',
    roles: ['enterprise', 'consultant'],
    requires: 'GET /api/programmes',
  },
  { path: '/tasks', label: 'nav.tasks', icon: 'tasks', roles: ALL, requires: 'GET /api/tasks' },
  {
    path: '/cases',
    label: 'nav.myCases',
    icon: 'cases',
    roles: ['enterprise', 'consultant'],
    requires: 'GET /api/cases',
  },
  { path: '/reviews', label: 'nav.reviews', icon: 'cases', roles: ['expert'], requires: 'GET /api/tasks' },
  {
    path: '/referrals',
    label: 'nav.referrals',
    icon: 'referrals',
    roles: ['bank'],
    requires: 'GET /api/referrals',
  },
  {
    path: '/certificates',
    label: 'nav.certificates',
    icon: 'certificates',
    roles: ['enterprise'],
    requires: 'GET /api/certificates',
  },
  {
    path: '/financing',
    label: 'nav.financing',
    icon: 'financing',
    roles: ['enterprise'],
    requires: 'GET /api/referrals/requests',
  },
  {
    path: '/incentives',
    label: 'nav.incentives',
    icon: 'incentives',
    roles: ['enterprise'],
    requires: 'GET /api/incentives',
  },
  {
    path: '/admin/dashboard',
    label: 'nav.dashboard',
    icon: 'dashboard',
    roles: ['admin'],
    requires: 'GET /api/admin/dashboard',
  },
  { path: '/cases', label: 'nav.cases', icon: 'cases', roles: ['admin'], requires: 'GET /api/cases' },
  { path: '/admin/organisations', label: 'nav.organisations', icon: 'organisations', roles: ['admin'] },
  {
    path: '/admin/forms',
    label: 'nav.forms',
    icon: 'forms',
    roles: ['admin'],
    requires: 'GET /api/admin/forms',
  },
  {
    path: '/admin/workflows',
    label: 'nav.workflows',
    icon: 'workflows',
    roles: ['admin'],
    requires: 'GET /api/admin/workflows',
  },
  ...ADMIN_MANAGEMENT,
];

export function navFor(role: Role, has: (route: string) => boolean): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles.includes(role) && (!i.requires || has(i.requires)));
}

export const PORTAL_OF_ROLE: Record<Role, MessageKey> = {
  admin: 'portal.admin',
  enterprise: 'portal.enterprise',
  consultant: 'portal.consultant',
  expert: 'portal.expert',
  bank: 'portal.bank',
};
