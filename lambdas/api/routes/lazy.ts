/**
 * The route modules app.ts mounts, in the same order (it decides which route wins where paths overlap), each
 * loaded on first use: the api Lambda's lazy app (lazy-app.ts) loads a module when a request first reaches one
 * of its routes. A route module added to app.ts must be added here too; tests/integration/lambdas/api/lazy-app.test.ts
 * compares the two.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../deps';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's route schema type differs
export type RouteModule = Hono<AppEnv, any, any>;

export const LAZY_ROUTES = {
  health: () => import('./health').then((m) => m.health),
  auth: () => import('./auth').then((m) => m.auth),
  regions: () => import('./regions').then((m) => m.regions),
  'admin-organisations': () => import('./admin-organisations').then((m) => m.adminOrganisations),
  'admin-users': () => import('./admin-users').then((m) => m.adminUsers),
  'admin-forms': () => import('./admin-forms').then((m) => m.adminForms),
  'admin-workflows': () => import('./admin-workflows').then((m) => m.adminWorkflows),
  'admin-catalogue': () => import('./admin-catalogue').then((m) => m.adminCatalogue),
  programmes: () => import('./programmes').then((m) => m.programmes),
  cases: () => import('./cases').then((m) => m.cases),
  tasks: () => import('./tasks').then((m) => m.tasks),
  files: () => import('./files').then((m) => m.files),
  experts: () => import('./experts').then((m) => m.experts),
  certificates: () => import('./certificates').then((m) => m.certificates),
  reference: () => import('./reference').then((m) => m.reference),
  notifications: () => import('./notifications').then((m) => m.notifications),
  'admin-reminders': () => import('./admin-reminders').then((m) => m.adminReminders),
  'admin-banks': () => import('./admin-banks').then((m) => m.adminBanks),
  referrals: () => import('./referrals').then((m) => m.referrals),
  incentives: () => import('./incentives').then((m) => m.incentives),
  exports: () => import('./exports').then((m) => m.exportsRoutes),
  library: () => import('./library').then((m) => m.library),
  dashboard: () => import('./dashboard').then((m) => m.dashboard),
} as const satisfies Record<string, () => Promise<RouteModule>>;

export type RouteModuleName = keyof typeof LAZY_ROUTES;
