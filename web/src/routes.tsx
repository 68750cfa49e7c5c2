/**
 * The route table: path pattern, who may open it, what it renders. Pages that carry JSON Forms' material
 * renderers, the graph or the designers load on demand, so sign-in and the lists stay light.
 */
import { lazy } from 'react';
import type { ReactNode } from 'react';
import type { Role } from './api/types';
import { HomePage } from './pages/HomePage';
import { OrganisationDetailPage } from './pages/admin/OrganisationDetailPage';
import { OrganisationsPage } from './pages/admin/OrganisationsPage';
import { CasesPage } from './pages/cases/CasesPage';
import { ProgrammesPage } from './pages/programmes/ProgrammesPage';
import { InboxPage } from './pages/tasks/InboxPage';
import { PORTAL_ROUTES } from './pages/portalRoutes';
import { ADMIN_ROUTES } from './pages/admin/adminRoutes';

const TaskPage = lazy(() => import('./pages/tasks/TaskPage').then((m) => ({ default: m.TaskPage })));
const CaseDetailPage = lazy(() =>
  import('./pages/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);

const FormDesigner = lazy(() => import('./designer/FormDesigner'));
const WorkflowDesigner = lazy(() => import('./designer/WorkflowDesigner'));
const DefinitionLists = lazy(() => import('./designer/lists'));

export interface RouteDef {
  path: string;
  roles?: readonly Role[];
  render(params: Record<string, string>): ReactNode;
}

const ADMIN = ['admin'] as const;

export const ROUTES: RouteDef[] = [
  { path: '/', render: () => <HomePage /> },
  { path: '/programmes', roles: ['enterprise', 'consultant', 'admin'], render: () => <ProgrammesPage /> },
  { path: '/tasks', render: () => <InboxPage /> },
  { path: '/tasks/:id', render: (p) => <TaskPage id={p.id!} /> },
  { path: '/cases', render: () => <CasesPage /> },
  { path: '/cases/:id', render: (p) => <CaseDetailPage id={p.id!} /> },
  { path: '/admin/organisations', roles: ADMIN, render: () => <OrganisationsPage /> },
  { path: '/admin/forms', roles: ADMIN, render: () => <DefinitionLists kind="forms" /> },
  { path: '/admin/forms/:id', roles: ADMIN, render: (p) => <FormDesigner id={p.id!} /> },
  { path: '/admin/workflows', roles: ADMIN, render: () => <DefinitionLists kind="workflows" /> },
  { path: '/admin/workflows/:id', roles: ADMIN, render: (p) => <WorkflowDesigner id={p.id!} /> },
  { path: '/admin/organisations/:id', roles: ADMIN, render: (p) => <OrganisationDetailPage id={p.id!} /> },
  ...PORTAL_ROUTES,
  ...ADMIN_ROUTES,
];
