/**
 * The administrators' dashboard and management pages (expert pool, banks, reward rules, reference tables,
 * reminders); spread into the route table (routes.tsx). Each loads on demand — the dashboard with its charts.
 */
import { lazy } from 'react';
import type { RouteDef } from '../../routes';

const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const ExpertsPage = lazy(() => import('./manage/ExpertsPage'));
const BanksPage = lazy(() => import('./manage/BanksPage'));
const RewardRulesPage = lazy(() => import('./manage/RewardRulesPage'));
const RemindersPage = lazy(() => import('./manage/RemindersPage'));
const ReferenceListPage = lazy(() =>
  import('./manage/ReferencePage').then((m) => ({ default: m.ReferenceListPage })),
);
const ReferenceTablePage = lazy(() =>
  import('./manage/ReferencePage').then((m) => ({ default: m.ReferenceTablePage })),
);

const ADMIN = ['admin'] as const;

export const ADMIN_ROUTES: RouteDef[] = [
  { path: '/admin/dashboard', roles: ADMIN, render: () => <DashboardPage /> },
  { path: '/admin/experts', roles: ADMIN, render: () => <ExpertsPage /> },
  { path: '/admin/banks', roles: ADMIN, render: () => <BanksPage /> },
  { path: '/admin/reward-rules', roles: ADMIN, render: () => <RewardRulesPage /> },
  { path: '/admin/reference', roles: ADMIN, render: () => <ReferenceListPage /> },
  { path: '/admin/reference/:id', roles: ADMIN, render: (p) => <ReferenceTablePage id={p.id!} /> },
  { path: '/admin/reminders', roles: ADMIN, render: () => <RemindersPage /> },
];
