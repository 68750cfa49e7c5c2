/**
 * The administrators' dashboard and management pages (expert pool, banks, reward rules, reference tables,
 * reminders); spread into the route table (routes.tsx). Each loads on demand — the dashboard with its charts.
 */
import { lazy } from 'react';
import type { RouteDef } from '../../routes';

const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));

const ADMIN = ['admin'] as const;

export const ADMIN_ROUTES: RouteDef[] = [
  { path: '/admin/dashboard', roles: ADMIN, render: () => <DashboardPage /> },
];
