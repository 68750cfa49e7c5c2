/**
 * Shapes of the API's answers, as far as the web app reads them (the OpenAPI document at /api/openapi.json is
 * the reference). Fields the pages do not need are left out; optional fields are read defensively because the
 * case and task routes are still growing.
 */

export type Role = 'admin' | 'enterprise' | 'consultant' | 'expert' | 'bank';
export const ROLES: Role[] = ['admin', 'enterprise', 'consultant', 'expert', 'bank'];
export type OrgKind = 'agency' | 'enterprise' | 'consultancy' | 'bank' | 'expert';
export const ORG_KINDS: OrgKind[] = ['agency', 'enterprise', 'consultancy', 'bank', 'expert'];

export interface Localised {
  zh: string;
  en: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  title?: string;
}

export interface OrganisationProfile {
  creditCode?: string;
  industryCode?: string;
  size?: 'large' | 'medium' | 'small' | 'micro';
  address?: string;
  legalRepresentative?: string;
  contacts?: Contact[];
  website?: string;
  description?: string;
}

export interface Organisation {
  id: string;
  kind: OrgKind;
  name: string;
  regionCode: string;
  regionPath: string;
  profile: OrganisationProfile;
  status: 'active' | 'inactive';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  organisationId: string;
  status: 'active' | 'disabled';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Me extends User {
  organisation: Pick<Organisation, 'id' | 'name' | 'kind' | 'regionPath'>;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: User;
}

export interface Region {
  code: string;
  name: Localised;
  level: string;
  parentCode: string | null;
  path: string;
}

export interface Programme {
  id: string;
  title: Localised;
  kind: string;
  description?: Localised | string;
  workflowId?: string;
  startRoles?: Role[];
  /** Why the caller may (or is advised to) start it — routing explanation, when the server gives one. */
  routing?: { rule?: string; explanation?: Localised | string }[];
}

export type CaseStatus = 'running' | 'completed' | 'failed' | 'stopped' | string;

export interface Assignee {
  role: string;
  organisationId?: string;
  userIds?: string[];
}

export interface CurrentStep {
  taskId: string;
  title?: string | Localised;
  formId?: string;
  stage?: string;
  assignee?: Assignee;
  openedAt?: string;
  dueAt?: string;
}

export interface CaseSummary {
  id: string;
  programmeId: string;
  programmeTitle?: Localised;
  kind?: string;
  organisationId?: string;
  organisationName?: string;
  status: CaseStatus;
  workflowId?: string;
  workflowVersion?: number;
  stage?: string | Localised;
  /** The steps it waits on: a map by task id (the API) or a list. */
  currentSteps?: Record<string, CurrentStep> | CurrentStep[];
  progress?: number;
  district?: string;
  industryCode?: string;
  createdAt?: string;
  updatedAt?: string;
  endedAt?: string;
  parentCaseId?: string;
  children?: string[] | CaseSummary[];
}

export interface CaseEvent {
  caseId?: string;
  seq: number;
  at: string;
  /** `case.started`, `task.opened`, `task.submitted`, … */
  kind?: string;
  type?: string;
  actor?: { userId?: string; role?: string; name?: string } | string;
  summary?: string | Localised;
  data?: Record<string, unknown>;
  hash?: string;
  prevHash?: string;
}

export interface CaseDetail extends CaseSummary {
  timeline: CaseEvent[];
}

export interface Submission {
  id: string;
  caseId: string;
  taskId: string;
  formId: string;
  formVersion: number;
  data?: unknown;
  submittedBy?: { userId?: string; username?: string; role?: string } | string;
  submittedAt: string;
  withdrawnAt?: string;
}

export interface VerifyResult {
  valid: boolean;
  events: number;
  brokenAt?: number;
  reason?: string;
}

export type TaskAccess = 'act' | 'draft' | 'view';

export interface TaskSummary {
  id: string;
  caseId: string;
  formId: string;
  formVersion: number;
  title?: string | Localised;
  dueAt?: string;
  status: string;
  programmeId?: string;
  organisationName?: string;
  stage?: string;
  stateName?: string;
  assignee?: Assignee;
  claimedBy?: string;
  access?: TaskAccess;
  createdAt?: string;
}

export type FormI18n = Record<string, Record<string, string>>;

export interface FormDefinition {
  id: string;
  version?: number;
  title: Localised | string;
  schema: Record<string, unknown>;
  uischema?: Record<string, unknown>;
  i18n?: FormI18n;
  examples?: unknown[];
}

export interface TaskDetail extends TaskSummary {
  form: FormDefinition;
  draft?: { data: unknown; savedAt?: string; savedBy?: string };
  draftVersion?: number;
  /** Data the workflow passed in, shown until a draft exists. */
  prefill?: unknown;
  submissionId?: string;
}

export interface FileRef {
  fileId: string;
  name: string;
  sha256: string;
  size?: number;
  contentType?: string;
}

/** A file's metadata (GET /api/files/{id}) and where its bytes are: an API path here, a pre-signed URL on AWS. */
export interface FileMeta {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  status: string;
  createdAt: string;
  downloadUrl: string;
}

/** A file ready to save: its bytes (fetched with the token), or a URL that downloads by itself (pre-signed). */
export type FileDownload = { name: string; blob: Blob } | { name: string; url: string };

export interface FileUploadTicket {
  fileId: string;
  uploadUrl: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface DefinitionSummary {
  id: string;
  title?: Localised | string;
  latestVersion?: number;
  updatedAt?: string;
}

/** An admin's view of a definition: the mutable draft (`content`, `version` for optimistic saves). */
export interface DraftOf<C> {
  id: string;
  content?: C;
  version: number;
  latestVersion: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface VersionInfo {
  number: number;
  author?: string;
  publishedAt?: string;
  changeNote?: string;
  hash?: string;
}

export interface Problem {
  path: string;
  message: string;
}

export interface ValidateResult {
  valid: boolean;
  problems: Problem[];
}

export interface DryRunResult {
  path: string[];
  states: { name?: string; state?: string; output?: unknown; input?: unknown }[];
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  humanSteps?: number;
}

export interface WorkflowContent {
  title: Localised;
  definition: AslDefinition;
}

export interface FormContent {
  title: Localised;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  i18n?: { zh: Record<string, string>; en: Record<string, string> };
  examples?: unknown[];
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next?: string; Variable?: string }[];
  Catch?: { Next?: string; ErrorEquals?: string[] }[];
  Branches?: AslDefinition[];
  Iterator?: AslDefinition;
  ItemProcessor?: AslDefinition;
  Resource?: string;
  TimeoutSeconds?: number;
  Comment?: string;
  [key: string]: unknown;
}

export interface AslDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
  [key: string]: unknown;
}
