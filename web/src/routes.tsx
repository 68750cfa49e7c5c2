/**
 * The route table: path pattern, who may open it, what it renders. Heavy pages (designers, graph, charts) are
 * loaded on demand so the inbox and forms stay light.
 */

import type { ReactNode } from 'react';
import type { Role } from './api/types';
import { HomePage } from './pages/HomePage';
import { OrganisationDetailPage } from './pages/admin/OrganisationDetailPage';
import { OrganisationsPage } from './pages/admin/OrganisationsPage';

export interface RouteDef {
  path: string;
  roles?: readonly Role[];
  render(params: Record<string, string>): ReactNode;
}

const ADMIN = ['admin'] as const;

export const ROUTES: RouteDef[] = [
  { path: '/', render: () => <HomePage /> },
  { path: '/admin/organisations', roles: ADMIN, render: () => <OrganisationsPage /> },
  { path: '/admin/organisations/:id', roles: ADMIN, render: (p) => <OrganisationDetailPage id={p.id!} /> },
];
