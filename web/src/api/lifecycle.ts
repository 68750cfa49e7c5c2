/**
 * Typed resource functions for the lifecycle routes (issue 6): certificates, green-credit referrals and
 * requests, incentive applications, notifications and the published reference tables. Spread into
 * {@link createApi} (endpoints.ts), so pages call `api.referrals.list()` like any other resource.
 */
import type { ApiClient } from './client';
import type {
  Certificate,
  FinancingRequest,
  IncentiveApplication,
  NotificationPage,
  AppNotification,
  ReferenceTable,
  Referral,
} from './lifecycleTypes';
import type { Page } from './types';

const enc = encodeURIComponent;

export function lifecycleEndpoints(client: ApiClient) {
  return {
    certificates: {
      list: (cursor?: string) => client.get<Page<Certificate>>('/api/certificates', { cursor }),
      get: (id: string) => client.get<Certificate>(`/api/certificates/${enc(id)}`),
    },
    referrals: {
      /** A bank's inbox (its own bank's), or an enterprise's referrals; without packages. */
      list: (cursor?: string) => client.get<Page<Referral>>('/api/referrals', { cursor }),
      /** One referral with its package (and, for the enterprise, the webhook delivery log). */
      get: (id: string) => client.get<Referral>(`/api/referrals/${enc(id)}`),
      requests: (cursor?: string) =>
        client.get<Page<FinancingRequest>>('/api/referrals/requests', { cursor }),
      request: (caseId: string) =>
        client.get<{ request: FinancingRequest; referrals: Referral[] }>(
          `/api/referrals/requests/${enc(caseId)}`,
        ),
      /** Withdraws the consent for the banks named (all when none are named). */
      withdraw: (caseId: string, input: { bankIds?: string[]; reason?: string }) =>
        client.post<{ withdrawn: string[]; kept: string[] }>(
          `/api/referrals/requests/${enc(caseId)}/withdraw`,
          input,
        ),
    },
    incentives: {
      list: (cursor?: string) => client.get<Page<IncentiveApplication>>('/api/incentives', { cursor }),
      get: (caseId: string) => client.get<IncentiveApplication>(`/api/incentives/${enc(caseId)}`),
    },
    notifications: {
      list: (q: { unread?: boolean; cursor?: string; limit?: number } = {}) =>
        client.get<NotificationPage>('/api/notifications', {
          ...(q.unread ? { unread: 'true' } : {}),
          cursor: q.cursor,
          limit: q.limit,
        }),
      markRead: (id: string) => client.post<AppNotification>(`/api/notifications/${enc(id)}/read`),
      markAllRead: () => client.post<{ marked: number }>('/api/notifications/read-all'),
    },
    reference: {
      get: <C>(tableId: string) => client.get<ReferenceTable<C>>(`/api/reference/${enc(tableId)}`),
    },
  };
}
