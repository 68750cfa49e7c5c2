/**
 * Typed resource functions over the {@link ApiClient}: one function per API route the pages use. Paths follow
 * the OpenAPI document (/api/openapi.json); issue 4's routes (programmes, cases, tasks, files, designers) are
 * called by their fixed paths and read defensively.
 */
import { sha256HexSync } from '../util/sha256';
import type { ApiClient, Query } from './client';
import { lifecycleEndpoints } from './lifecycle';
import type {
  CaseDetail,
  CaseSummary,
  DefinitionSummary,
  DraftOf,
  DryRunResult,
  FileDownload,
  FileMeta,
  FileRef,
  FileUploadTicket,
  FormContent,
  LoginResult,
  Me,
  Organisation,
  OrganisationProfile,
  OrgKind,
  Page,
  Programme,
  Region,
  TaskDetail,
  TaskSummary,
  User,
  Submission,
  ValidateResult,
  VerifyResult,
  VersionInfo,
  WorkflowContent,
} from './types';

const enc = encodeURIComponent;

export interface NewOrganisation {
  kind: OrgKind;
  name: string;
  regionCode: string;
  profile?: OrganisationProfile;
}

export interface OrganisationPatch {
  name?: string;
  regionCode?: string;
  profile?: OrganisationProfile;
  status?: 'active' | 'inactive';
  version: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string;
  password: string;
}

export interface UserPatch {
  displayName?: string;
  email?: string;
  status?: 'active' | 'disabled';
  password?: string;
  version: number;
}

export interface CaseFilter extends Query {
  programmeId?: string;
  status?: string;
  district?: string;
  industry?: string;
  cursor?: string;
  limit?: number;
}

export function createApi(client: ApiClient) {
  return {
    client,
    auth: {
      login: (username: string, password: string) =>
        client.post<LoginResult>('/api/auth/login', { username, password }),
      me: () => client.get<Me>('/api/me'),
    },
    regions: {
      children: (parent?: string) => client.get<{ items: Region[] }>('/api/regions', { parent }),
    },
    organisations: {
      list: (q: { kind?: OrgKind; regionCode?: string; cursor?: string; limit?: number } = {}) =>
        client.get<Page<Organisation>>('/api/admin/organisations', q),
      get: (id: string) => client.get<Organisation>(`/api/admin/organisations/${enc(id)}`),
      create: (input: NewOrganisation) => client.post<Organisation>('/api/admin/organisations', input),
      update: (id: string, patch: OrganisationPatch) =>
        client.put<Organisation>(`/api/admin/organisations/${enc(id)}`, patch),
      consultancies: (id: string) =>
        client.get<{ items: string[] }>(`/api/admin/organisations/${enc(id)}/consultancies`),
      authorise: (id: string, consultancyId: string) =>
        client.put<void>(`/api/admin/organisations/${enc(id)}/consultancies/${enc(consultancyId)}`),
      revoke: (id: string, consultancyId: string) =>
        client.del(`/api/admin/organisations/${enc(id)}/consultancies/${enc(consultancyId)}`),
    },
    users: {
      list: (organisationId: string, cursor?: string) =>
        client.get<Page<User>>('/api/admin/users', { organisationId, cursor }),
      get: (id: string) => client.get<User>(`/api/admin/users/${enc(id)}`),
      create: (input: NewUser) => client.post<User>('/api/admin/users', input),
      update: (id: string, patch: UserPatch) => client.put<User>(`/api/admin/users/${enc(id)}`, patch),
    },
    programmes: {
      list: () => client.get<{ items: Programme[] }>('/api/programmes'),
    },
    cases: {
      start: (programmeId: string, extra: { organisationId?: string; data?: unknown } = {}) =>
        client.post<CaseSummary>(
          '/api/cases',
          { programmeId, ...extra },
          { idempotencyKey: newIdempotencyKey() },
        ),
      list: (filter: CaseFilter = {}) => client.get<Page<CaseSummary>>('/api/cases', filter),
      get: (id: string) => client.get<CaseDetail>(`/api/cases/${enc(id)}`),
      verify: (id: string) => client.get<VerifyResult>(`/api/cases/${enc(id)}/verify`),
      submissions: (id: string) => client.get<Page<Submission>>(`/api/cases/${enc(id)}/submissions`),
    },
    tasks: {
      list: () => client.get<Page<TaskSummary>>('/api/tasks'),
      get: (id: string) => client.get<TaskDetail>(`/api/tasks/${enc(id)}`),
      saveDraft: (id: string, data: unknown, draftVersion?: number) =>
        client.put<{ draftVersion: number; savedAt: string }>(`/api/tasks/${enc(id)}/draft`, {
          data,
          ...(draftVersion !== undefined ? { draftVersion } : {}),
        }),
      submit: (id: string, data: unknown) =>
        client.post<{ submission: Submission; created: boolean }>(
          `/api/tasks/${enc(id)}/submit`,
          { data },
          { idempotencyKey: newIdempotencyKey() },
        ),
      claim: (id: string) => client.post<TaskSummary>(`/api/tasks/${enc(id)}/claim`),
      release: (id: string) => client.post<TaskSummary>(`/api/tasks/${enc(id)}/release`),
      remind: (id: string) => client.post<unknown>(`/api/tasks/${enc(id)}/remind`),
      transfer: (id: string, userId: string) =>
        client.post<TaskSummary>(`/api/tasks/${enc(id)}/transfer`, { userId }),
    },
    submissions: {
      get: (id: string) => client.get<Submission>(`/api/submissions/${enc(id)}`),
      withdraw: (id: string) =>
        client.post<{ submissionId: string; cancelledTaskId: string }>(
          `/api/submissions/${enc(id)}/withdraw`,
        ),
    },
    files: {
      /**
       * Registers the file, PUTs its bytes with progress and returns the reference a form field stores. A file for
       * a case's form names the case, so that whoever may see the case may read the file.
       */
      async upload(file: File, onProgress?: (fraction: number) => void, caseId?: string): Promise<FileRef> {
        const sha256 = await sha256Hex(file);
        const ticket = await client.post<FileUploadTicket>('/api/files', {
          name: file.name,
          size: file.size,
          contentType: file.type || 'application/octet-stream',
          sha256,
          ...(caseId ? { caseId } : {}),
        });
        await client.upload(
          { url: ticket.uploadUrl, method: ticket.method ?? 'PUT', headers: ticket.headers ?? {} },
          file,
          onProgress,
        );
        return { fileId: ticket.fileId, name: file.name, sha256 };
      },
      get: (id: string) => client.get<FileMeta>(`/api/files/${enc(id)}`),
      /**
       * A stored file for saving: the local runtime serves the bytes from an API route (which wants the
       * token), AWS answers with a pre-signed S3 URL (which must not get it, and names the download itself).
       */
      async download(ref: FileRef): Promise<FileDownload> {
        const meta = await client.get<FileMeta>(`/api/files/${enc(ref.fileId)}`);
        if (meta.downloadUrl.startsWith('/'))
          return { name: meta.name, blob: await client.blob(meta.downloadUrl) };
        return { name: meta.name, url: meta.downloadUrl };
      },
    },
    forms: {
      list: () => client.get<Page<DefinitionSummary>>('/api/admin/forms'),
      get: (id: string) => client.get<DraftOf<FormContent>>(`/api/admin/forms/${enc(id)}`),
      save: (id: string, content: FormContent, version?: number) =>
        client.put<DraftOf<FormContent>>(`/api/admin/forms/${enc(id)}`, {
          ...content,
          ...(version !== undefined ? { version } : {}),
        }),
      validate: (id: string, content?: FormContent) =>
        client.post<ValidateResult>(`/api/admin/forms/${enc(id)}/validate`, content ?? {}),
      publish: (id: string, options: { changeNote?: string; fromVersion?: number } = {}) =>
        client.post<{ id: string; version: number; evolution?: { pinned: number; failing: unknown[] } }>(
          `/api/admin/forms/${enc(id)}/publish`,
          options,
        ),
      versions: (id: string) => client.get<Page<VersionInfo>>(`/api/admin/forms/${enc(id)}/versions`),
      version: (id: string, n: number) =>
        client.get<FormContent & { id: string; version: number }>(
          `/api/admin/forms/${enc(id)}/versions/${n}`,
        ),
    },
    workflows: {
      list: () => client.get<Page<DefinitionSummary>>('/api/admin/workflows'),
      get: (id: string) => client.get<DraftOf<WorkflowContent>>(`/api/admin/workflows/${enc(id)}`),
      save: (id: string, content: WorkflowContent, version?: number) =>
        client.put<DraftOf<WorkflowContent>>(`/api/admin/workflows/${enc(id)}`, {
          ...content,
          ...(version !== undefined ? { version } : {}),
        }),
      validate: (id: string, content?: WorkflowContent) =>
        client.post<ValidateResult>(`/api/admin/workflows/${enc(id)}/validate`, content ?? {}),
      dryRun: (id: string, input: unknown, decisions: unknown) =>
        client.post<DryRunResult>(`/api/admin/workflows/${enc(id)}/dry-run`, {
          ...(input !== undefined ? { input } : {}),
          ...(decisions !== undefined ? { decisions } : {}),
        }),
      publish: (id: string, options: { changeNote?: string; fromVersion?: number } = {}) =>
        client.post<{ id: string; version: number; versionArn?: string }>(
          `/api/admin/workflows/${enc(id)}/publish`,
          options,
        ),
      versions: (id: string) => client.get<Page<VersionInfo>>(`/api/admin/workflows/${enc(id)}/versions`),
      version: (id: string, n: number) =>
        client.get<Partial<WorkflowContent> & { id: string; number?: number; version?: number }>(
          `/api/admin/workflows/${enc(id)}/versions/${n}`,
        ),
    },
    programmesAdmin: {
      list: () => client.get<{ items: Programme[] }>('/api/admin/programmes'),
    },
    ...lifecycleEndpoints(client),
    meta: {
      openapi: () => client.get<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json'),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Hex SHA-256 of a blob: WebCrypto where the context is secure, plain TypeScript elsewhere. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const buf = await blob.arrayBuffer();
  if (typeof crypto !== 'undefined' && crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', buf);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256HexSync(new Uint8Array(buf));
}
