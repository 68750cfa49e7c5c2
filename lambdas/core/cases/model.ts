/**
 * A case: one enterprise's run of one programme, bound to one execution of the programme's workflow (execution
 * name = case id) and pinned to the workflow version it started on. The case item carries what lists need
 * (status, stage, the steps it waits on) and the head of its event chain.
 */
import type { Item } from '../db/port';
import type { CaseEvent } from './events';
import { caseKey } from './events';

export const CASE_STATUSES = ['running', 'completed', 'failed', 'stopped'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CurrentStep {
  taskId: string;
  title: string;
  formId: string;
  stage?: string;
  assignee: Assignee;
  openedAt: string;
  dueAt: string;
}

export interface Assignee {
  role: string;
  organisationId?: string;
  userIds?: string[];
}

export interface Case {
  id: string;
  programmeId: string;
  programmeTitle: { zh: string; en: string };
  kind: string;
  workflowId: string;
  workflowVersion: number;
  versionArn: string;
  executionArn?: string;
  organisationId: string;
  organisationName: string;
  regionPath: string;
  /** The district-level region code (the seed's 区/县), for filters. */
  district?: string;
  industryCode?: string;
  status: CaseStatus;
  stage?: string;
  currentSteps: Record<string, CurrentStep>;
  parentCaseId?: string;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  result?: unknown;
  lastSeq: number;
  lastHash: string;
  lastEvent?: CaseEvent;
  /** The event before `lastEvent` (the case item keeps both: either may not be written as an item yet). */
  prevEvent?: CaseEvent;
}

/** The keys that place a case in the list indexes; recomputed whenever status changes. */
export function caseIndexKeys(
  c: Pick<Case, 'id' | 'organisationId' | 'programmeId' | 'status' | 'regionPath' | 'createdAt'>,
) {
  const tail = `${c.createdAt}#${c.id}`;
  return {
    GSI1PK: `CASEORG#${c.organisationId}`,
    GSI1SK: tail,
    GSI2PK: `CASEPROG#${c.programmeId}`,
    GSI2SK: `${c.status}#${c.regionPath}#${tail}`,
    GSI3PK: `CASESTATUS#${c.status}`,
    GSI3SK: `${c.regionPath}#${tail}`,
  };
}

export const caseToItem = (c: Case): Item => ({ ...caseKey(c.id), type: 'case', ...c, ...caseIndexKeys(c) });

export function caseFromItem(item: Item): Case {
  const {
    PK: _pk,
    SK: _sk,
    type: _t,
    GSI1PK: _a,
    GSI1SK: _b,
    GSI2PK: _c,
    GSI2SK: _d,
    GSI3PK: _e,
    GSI3SK: _f,
    openedTasks: _o,
    ...rest
  } = item;
  const c = rest as unknown as Case;
  return { ...c, currentSteps: c.currentSteps ?? {} };
}

/** The district code on a region path `86/440000/440100/440112/440112400/` → `440112` (level 4 of the path). */
export function districtOf(regionPath: string): string | undefined {
  const parts = regionPath.split('/').filter(Boolean);
  return parts[3];
}
