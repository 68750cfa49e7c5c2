/**
 * Workflow definitions: drafts, validation (ASL through the Step Functions API plus cpflow's own checks),
 * publishing through the Step Functions API (the same code against the embedded engine and AWS), versions.
 */
import { hashOf } from '../canonical';
import { NotFoundError, ValidationError } from '../errors';
import type { Ports } from '../ports';
import { childWorkflow, isHumanStep, payloadOf, scopes } from './asl';
import type { Problem, WorkflowEngine } from './engine';
import type { Published } from './store';
import { findDraft, getPublished, latestPublished, publishVersion, saveDraft } from './store';
import { checkWorkflow } from './workflow-checks';

export interface WorkflowContent {
  title: { zh: string; en: string } | string;
  definition: Record<string, unknown>;
}

export interface WorkflowMeta {
  stateMachineArn: string;
  versionArn: string;
}

export interface WorkflowPorts extends Ports {
  engine: WorkflowEngine;
  /** Logical names of the registered task Lambdas. */
  functions: ReadonlySet<string>;
  /** Logical function name → what Step Functions should call (the name locally, the deployed ARN on AWS). */
  resolveFunction(name: string): string;
}

export const saveWorkflowDraft = (
  ports: Ports,
  id: string,
  content: WorkflowContent,
  author: string,
  expectVersion?: number,
) => saveDraft(ports, 'WORKFLOW', id, content, author, expectVersion);

export async function getWorkflowDraft(ports: Ports, id: string) {
  const draft = await findDraft<WorkflowContent>(ports, 'WORKFLOW', id);
  if (!draft) throw new NotFoundError('workflow', id);
  return draft;
}

export const latestWorkflow = (ports: Ports, id: string) =>
  latestPublished<WorkflowContent>(ports, 'WORKFLOW', id) as Promise<
    (Published<WorkflowContent> & { meta: Partial<WorkflowMeta> }) | undefined
  >;

export async function getWorkflowVersion(ports: Ports, id: string, n: number) {
  return getPublished<WorkflowContent>(ports, 'WORKFLOW', id, n);
}

/** The ids of forms and child workflows a definition references. */
export function references(definition: unknown): { forms: string[]; workflows: string[] } {
  const forms = new Set<string>();
  const workflows = new Set<string>();
  if (typeof definition === 'object' && definition !== null) {
    for (const { scope } of scopes(definition as never)) {
      for (const state of Object.values(scope.States ?? {})) {
        if (isHumanStep(state)) {
          const formId = payloadOf(state).formId;
          if (typeof formId === 'string') forms.add(formId);
        }
        const child = childWorkflow(state);
        if (child) workflows.add(child);
      }
    }
  }
  return { forms: [...forms], workflows: [...workflows] };
}

/**
 * Replaces logical names with what the engine calls: FunctionName → resolveFunction(name), and
 * `workflow:<id>` → the child's state machine ARN. Never mutates its input.
 */
export function resolveDefinition(
  definition: unknown,
  resolveFunction: (name: string) => string,
  childArn: (workflowId: string) => string,
): unknown {
  const walk = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n));
    if (typeof node !== 'object' || node === null) {
      if (key === 'FunctionName' && typeof node === 'string' && !node.startsWith('arn:'))
        return resolveFunction(node);
      if (key === 'StateMachineArn' && typeof node === 'string' && node.startsWith('workflow:')) {
        return childArn(node.slice('workflow:'.length));
      }
      return node;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(definition);
}

const PLACEHOLDER_ARN = (id: string) =>
  `arn:aws:states:us-east-1:123456789012:stateMachine:unpublished-${id}`;

/** Every problem with the content, each with its path; empty when it may be published. */
export async function validateWorkflow(ports: WorkflowPorts, content: WorkflowContent): Promise<Problem[]> {
  const refs = references(content.definition);
  const forms = new Map<string, { schema: unknown }>();
  for (const formId of refs.forms) {
    const form = await latestPublished<{ schema: unknown }>(ports, 'FORM', formId);
    if (form) forms.set(formId, { schema: form.content.schema });
  }
  const workflows = new Map<string, string>();
  for (const id of refs.workflows) {
    const wf = await latestWorkflow(ports, id);
    if (wf?.meta.stateMachineArn) workflows.set(id, wf.meta.stateMachineArn);
  }
  const own = checkWorkflow(content.definition, {
    functions: ports.functions,
    forms,
    workflows: new Set(workflows.keys()),
  });
  const resolved = resolveDefinition(
    content.definition,
    ports.resolveFunction,
    (id) => workflows.get(id) ?? PLACEHOLDER_ARN(id),
  );
  const asl = await ports.engine.validate(resolved);
  return [...asl, ...own];
}

/**
 * Publishes the draft (or, for a rollback, the content of an older version) as a new version: validated first,
 * then created or updated as a state machine version through the Step Functions API. Publishing content equal to
 * the latest version returns that version.
 */
export async function publishWorkflow(
  ports: WorkflowPorts,
  id: string,
  author: string,
  changeNote: string,
  fromVersion?: number,
): Promise<Published<WorkflowContent>> {
  const content =
    fromVersion !== undefined
      ? (await getWorkflowVersion(ports, id, fromVersion)).content
      : (await getWorkflowDraft(ports, id)).content;
  const problems = await validateWorkflow(ports, content);
  if (problems.length)
    throw new ValidationError(`workflow ${id} has ${problems.length} problem(s)`, problems);
  const latest = await latestWorkflow(ports, id);
  const refs = references(content.definition);
  const childArns = new Map<string, string>();
  for (const child of refs.workflows) {
    const wf = await latestWorkflow(ports, child);
    if (wf?.meta.stateMachineArn) childArns.set(child, wf.meta.stateMachineArn);
  }
  const resolved = resolveDefinition(content.definition, ports.resolveFunction, (c) => childArns.get(c)!);
  if (latest && latest.hash === (await hashOf(content)) && latest.meta.versionArn) return latest;
  const meta = await ports.engine.publish(
    id,
    resolved,
    changeNote || `version by ${author}`,
    latest?.meta.stateMachineArn,
  );
  const { version } = await publishVersion(ports, 'WORKFLOW', id, content, author, changeNote, { ...meta });
  return version;
}
