/**
 * The routes of the expert and bank portals and the enterprise's lifecycle pages (certificates, financing,
 * incentives) and everyone's notifications; spread into the route table (routes.tsx). Loaded on demand.
 */
import { lazy } from 'react';
import type { RouteDef } from '../routes';

const ReviewsPage = lazy(() => import('./reviews/ReviewsPage').then((m) => ({ default: m.ReviewsPage })));
const ReferralsPage = lazy(() =>
  import('./referrals/ReferralsPage').then((m) => ({ default: m.ReferralsPage })),
);
const ReferralDetailPage = lazy(() =>
  import('./referrals/ReferralDetailPage').then((m) => ({ default: m.ReferralDetailPage })),
);
const CertificatesPage = lazy(() =>
  import('./certificates/CertificatesPage').then((m) => ({ default: m.CertificatesPage })),
);
const FinancingPage = lazy(() =>
  import('./financing/FinancingPage').then((m) => ({ default: m.FinancingPage })),
);
const FinancingDetailPage = lazy(() =>
  import('./financing/FinancingDetailPage').then((m) => ({ default: m.FinancingDetailPage })),
);
const IncentivesPage = lazy(() =>
  import('./incentives/IncentivesPage').then((m) => ({ default: m.IncentivesPage })),
);
const NotificationsPage = lazy(() =>
  import('./notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);

export const PORTAL_ROUTES: RouteDef[] = [
  { path: '/reviews', roles: ['expert'], render: () => <ReviewsPage /> },
  { path: '/referrals', roles: ['bank'], render: () => <ReferralsPage /> },
  {
    path: '/referrals/:id',
    roles: ['bank', 'enterprise', 'admin'],
    render: (p) => <ReferralDetailPage id={p.id!} />,
  },
  { path: '/certificates', roles: ['enterprise', 'admin'], render: () => <CertificatesPage /> },
  { path: '/financing', roles: ['enterprise'], render: () => <FinancingPage /> },
  {
    path: '/financing/:caseId',
    roles: ['enterprise', 'admin'],
    render: (p) => <FinancingDetailPage caseId={p.caseId!} />,
  },
  { path: '/incentives', roles: ['enterprise', 'admin'], render: () => <IncentivesPage /> },
  { path: '/notifications', render: () => <NotificationsPage /> },
];
