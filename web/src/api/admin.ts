/**
 * The administrators' management resources (dashboard, expert pool, banks, reference tables, reward rules,
 * reminders), typed over the same {@link ApiClient} as api/endpoints.ts. Kept apart so the pages that use them
 * load them with their own chunk.
 */
import { useApi } from './ApiContext';
import type { ApiClient } from './client';
import type { Organisation } from './types';

const enc = encodeURIComponent;

export type Counts = Record<string, number>;

export interface SavingsTotals {
  cases: number;
  tce: number;
  waterT: number;
  co2T: number;
  pollutants: Counts;
}

export interface ConsultancyQuality {
  consultancyId: string;
  name?: string;
  cases: number;
  passed: number;
  failed: number;
  revisionLoops: number;
  findings: { block: number; warn: number };
}

export interface Dashboard {
  regionPath: string;
  asOf: string;
  cases: {
    total: number;
    byStatus: Counts;
    byProgramme: Counts;
    byStage: Counts;
    byDistrict: Counts;
    byIndustry: Counts;
  };
  overdue: { tasks: number; cases: number; byProgramme: Counts };
  certificates: { expiring: { days30: number; days90: number; days180: number } };
  savings: { byYear: Record<string, SavingsTotals> };
  consultancies: ConsultancyQuality[];
}

export interface ExpertHistoryEntry {
  kind: 'review' | 'advisory';
  organisationId: string;
  date: string;
  note?: string;
}

export interface ExpertProfile {
  userId: string;
  name: string;
  industries: string[];
  specialities: string[];
  region?: string;
  employerOrgId?: string;
  employerName?: string;
  title?: string;
  canLead: boolean;
  status: 'active' | 'on-leave';
  declaredConflicts: string[];
  history: ExpertHistoryEntry[];
  poolOrgId: string;
  poolRegionPath: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  assignments?: unknown[];
}

export type ExpertInput = Omit<
  ExpertProfile,
  'userId' | 'poolOrgId' | 'poolRegionPath' | 'version' | 'updatedAt' | 'updatedBy' | 'assignments'
> & { version?: number };

export interface GreenCreditProduct {
  id: string;
  bankId: string;
  name: string;
  description?: string;
  categories: string[];
  regionCodes: string[];
  minAmount: number;
  maxAmount: number;
  maxTermMonths: number;
  excludedIndustries: string[];
  indicativeRate?: string;
  active: boolean;
  version: number;
}

export type ProductInput = Omit<GreenCreditProduct, 'id' | 'bankId' | 'version'> & { version?: number };

export interface BankWebhook {
  bankId: string;
  url: string;
  active: boolean;
  secretHint: string;
  version: number;
}

export interface BankEntry {
  bank: Organisation;
  products: GreenCreditProduct[];
  webhook?: BankWebhook;
}

export interface ReferenceSummary {
  id: string;
  title?: unknown;
  latestVersion: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ReferenceDraft {
  id: string;
  content: unknown;
  version: number;
  latestVersion: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ReferenceVersion {
  id: string;
  version: number;
  label: string;
  content: unknown;
}

export interface ReferenceVersionSummary {
  number: number;
  author: string;
  publishedAt: string;
  changeNote: string;
  hash: string;
}

export interface SweepReport {
  asOf: string;
  [key: string]: unknown;
}

export interface DeadlineList {
  id: string;
  name: string;
  listType?: 'mandatory' | 'voluntary';
  publishedOn: string;
  deadlines: unknown;
  enterprises?: { organisationId: string; name?: string }[];
  progress?: Record<string, unknown>[];
}

export function createAdminApi(client: ApiClient) {
  return {
    dashboard: {
      get: (region?: string) => client.get<Dashboard>('/api/admin/dashboard', { region }),
      refresh: (region?: string) =>
        client.post<{ dashboard: Dashboard; cases: number; snapshots: number }>(
          '/api/admin/dashboard/refresh',
          region ? { region } : {},
        ),
    },
    experts: {
      list: (cursor?: string) =>
        client.get<{ items: ExpertProfile[]; cursor?: string }>('/api/admin/experts', { cursor, limit: 100 }),
      get: (userId: string) => client.get<ExpertProfile>(`/api/admin/experts/${enc(userId)}`),
      save: (userId: string, input: ExpertInput) =>
        client.put<ExpertProfile>(`/api/admin/experts/${enc(userId)}`, input),
    },
    banks: {
      list: () => client.get<{ items: BankEntry[] }>('/api/admin/banks'),
      get: (bankId: string) => client.get<BankEntry>(`/api/admin/banks/${enc(bankId)}`),
      putProduct: (bankId: string, productId: string, input: ProductInput) =>
        client.put<GreenCreditProduct>(`/api/admin/banks/${enc(bankId)}/products/${enc(productId)}`, input),
      putWebhook: (bankId: string, input: { url: string; secret?: string; active: boolean }) =>
        client.put<BankWebhook>(`/api/admin/banks/${enc(bankId)}/webhook`, input),
      deliveries: (bankId: string) =>
        client.get<{ items: Record<string, unknown>[] }>(`/api/admin/banks/${enc(bankId)}/deliveries`),
    },
    reference: {
      list: () => client.get<{ items: ReferenceSummary[] }>('/api/admin/reference'),
      draft: (id: string) => client.get<ReferenceDraft>(`/api/admin/reference/${enc(id)}`),
      save: (id: string, content: unknown, version?: number) =>
        client.put<ReferenceDraft>(`/api/admin/reference/${enc(id)}`, {
          content,
          ...(version !== undefined ? { version } : {}),
        }),
      validate: (id: string, content?: unknown) =>
        client.post<{ valid: boolean; problems: { path: string; message: string }[] }>(
          `/api/admin/reference/${enc(id)}/validate`,
          content !== undefined ? { content } : {},
        ),
      publish: (id: string, changeNote: string, fromVersion?: number) =>
        client.post<{ id: string; version: number }>(`/api/admin/reference/${enc(id)}/publish`, {
          ...(changeNote ? { changeNote } : {}),
          ...(fromVersion !== undefined ? { fromVersion } : {}),
        }),
      versions: (id: string) =>
        client.get<{ items: ReferenceVersionSummary[] }>(`/api/admin/reference/${enc(id)}/versions`),
      version: (id: string, n: number) =>
        client.get<ReferenceVersion>(`/api/admin/reference/${enc(id)}/versions/${n}`),
      inForce: (id: string) => client.get<ReferenceVersion>(`/api/reference/${enc(id)}`),
    },
    incentives: {
      rules: () => client.get<{ label: string; rules: Record<string, unknown>[] }>('/api/incentives/rules'),
      list: () => client.get<{ items: Record<string, unknown>[]; cursor?: string }>('/api/incentives'),
    },
    reminders: {
      run: (asOf?: string) => client.post<SweepReport>('/api/admin/reminders/run', asOf ? { asOf } : {}),
      runs: (cursor?: string) =>
        client.get<{ items: SweepReport[]; cursor?: string }>('/api/admin/reminders/runs', { cursor }),
      records: (day: string, cursor?: string) =>
        client.get<{ items: Record<string, unknown>[]; cursor?: string }>('/api/admin/reminders/records', {
          day,
          cursor,
        }),
      lists: () => client.get<{ items: DeadlineList[] }>('/api/admin/reminders/lists'),
      list: (id: string) => client.get<DeadlineList>(`/api/admin/reminders/lists/${enc(id)}`),
      putList: (
        id: string,
        input: {
          name: string;
          listType: 'mandatory' | 'voluntary';
          publishedOn: string;
          organisationIds: string[];
        },
      ) => client.put<DeadlineList>(`/api/admin/reminders/lists/${enc(id)}`, input),
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

const cache = new WeakMap<ApiClient, AdminApi>();

/** The administrators' resources over the signed-in client. */
export function useAdminApi(): AdminApi {
  const { client } = useApi();
  let api = cache.get(client);
  if (!api) cache.set(client, (api = createAdminApi(client)));
  return api;
}
