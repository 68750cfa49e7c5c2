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

export interface CaseSummary {
  id: string;
  programmeId: string;
  programmeTitle?: Localised;
  organisationId?: string;
  organisationName?: string;
  status: CaseStatus;
  workflowVersion?: number | string;
  stage?: string | Localised;
  progress?: number;
  district?: string;
  industry?: string;
  startedAt?: string;
  createdAt?: string;
  updatedAt?: string;
  parentCaseId?: string;
}

export interface CaseEvent {
  seq: number;
  at: string;
  type: string;
  actor?: string | { userId?: string; displayName?: string; role?: string };
  summary?: string | Localised;
  hash?: string;
  prevHash?: string;
}

export interface CurrentStep {
  taskId: string;
  title?: string | Localised;
  formId?: string;
  assignee?: unknown;
  dueAt?: string;
}

export interface CaseDetail extends CaseSummary {
  timeline: CaseEvent[];
  currentSteps: CurrentStep[];
  children?: CaseSummary[];
  /** State names visited, when the server exposes them (drawn on the graph). */
  visitedStates?: string[];
}

export interface VerifyResult {
  valid: boolean;
  events: number;
  brokenAt?: number;
}

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
  draft?: { data: unknown; savedAt?: string } | unknown;
  assignee?: unknown;
  claimedBy?: string;
}

export interface FileRef {
  fileId: string;
  name: string;
  sha256: string;
  size?: number;
  contentType?: string;
}

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
  version?: number;
  updatedAt?: string;
  draftUpdatedAt?: string;
}

export interface VersionInfo {
  version: number;
  author?: string;
  publishedAt?: string;
  at?: string;
  changeNote?: string;
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
  states: { name: string; output?: unknown; input?: unknown }[];
  status: string;
  error?: string;
  cause?: string;
}

export interface WorkflowDefinition {
  id: string;
  title: Localised | string;
  definition: AslDefinition;
  version?: number;
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
