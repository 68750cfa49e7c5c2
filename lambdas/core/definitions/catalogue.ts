/**
 * The starter catalogue (forms/, workflows/, the programme list) loaded into the store: on first start, by the
 * `cpflow seed` CLI and by the AWS deploy. It never overwrites an administrator's work: a definition is (re)loaded
 * only when it is absent, or when everything published so far came from the catalogue and the draft is untouched.
 */
import { hashOf } from '../canonical';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { FormContent } from './forms';
import { checkForm } from './forms';
import type { ProgrammeInput } from './programmes';
import { findProgramme, putProgramme } from './programmes';
import type { DefinitionKind } from './store';
import { findDraft, latestPublished, publishVersion, saveDraft } from './store';
import type { WorkflowContent, WorkflowPorts } from './workflows';
import { publishWorkflow, references, saveWorkflowDraft, validateWorkflow } from './workflows';
import { checkTable, isTableId } from '../reference/registry';

export const CATALOGUE_AUTHOR = 'catalogue';

export interface Catalogue {
  forms: (FormContent & { id: string })[];
  workflows: (WorkflowContent & { id: string })[];
  programmes: (ProgrammeInput & { id: string })[];
  /** Reference tables (reference/*.json: factors, panel rules, score sheets …), each `{ id, ...content }`. */
  references?: ({ id: string } & Record<string, unknown>)[];
}

export type Outcome = 'published' | 'unchanged' | 'kept-administrator-version' | `failed: ${string}`;

export interface CatalogueReport {
  forms: Record<string, Outcome>;
  workflows: Record<string, Outcome>;
  programmes: Record<string, 'created' | 'exists'>;
  references?: Record<string, Outcome>;
  at: string;
}

/** Whether the catalogue may write this definition, and whether it needs to. */
async function plan(
  ports: Ports,
  kind: DefinitionKind,
  id: string,
  content: unknown,
): Promise<Outcome | 'load'> {
  const draft = await findDraft(ports, kind, id);
  if (!draft) return 'load';
  const latest = await latestPublished(ports, kind, id);
  const ours = draft.updatedBy === CATALOGUE_AUTHOR && (!latest || latest.author === CATALOGUE_AUTHOR);
  if (!ours) return 'kept-administrator-version';
  if (latest && latest.hash === (await hashOf(content))) return 'unchanged';
  return 'load';
}

/** Child workflows before their parents. */
function ordered(workflows: Catalogue['workflows']): Catalogue['workflows'] {
  const byId = new Map(workflows.map((w) => [w.id, w]));
  const out: Catalogue['workflows'] = [];
  const seen = new Set<string>();
  const visit = (w: Catalogue['workflows'][number]) => {
    if (seen.has(w.id)) return;
    seen.add(w.id);
    for (const child of references(w.definition).workflows) {
      const c = byId.get(child);
      if (c) visit(c);
    }
    out.push(w);
  };
  workflows.forEach(visit);
  return out;
}

export async function loadCatalogue(ports: WorkflowPorts, catalogue: Catalogue): Promise<CatalogueReport> {
  const report: CatalogueReport = {
    forms: {},
    workflows: {},
    programmes: {},
    at: isoTime(ports.clock.now()),
  };
  for (const { id, ...content } of catalogue.forms) {
    const decision = await plan(ports, 'FORM', id, content);
    if (decision !== 'load') {
      report.forms[id] = decision;
      continue;
    }
    const problems = checkForm(id, content);
    if (problems.length) {
      report.forms[id] = `failed: ${summary(problems)}`;
      continue;
    }
    await saveDraft(ports, 'FORM', id, content, CATALOGUE_AUTHOR);
    await publishVersion(ports, 'FORM', id, content, CATALOGUE_AUTHOR, 'starter catalogue');
    report.forms[id] = 'published';
  }
  for (const { id, ...content } of ordered(catalogue.workflows)) {
    const decision = await plan(ports, 'WORKFLOW', id, content);
    if (decision !== 'load') {
      report.workflows[id] = decision;
      continue;
    }
    // Checked before anything is saved: a catalogue entry that cannot be published leaves no trace.
    const problems = await validateWorkflow(ports, content);
    if (problems.length) {
      report.workflows[id] = `failed: ${summary(problems)}`;
      continue;
    }
    await saveWorkflowDraft(ports, id, content, CATALOGUE_AUTHOR);
    try {
      await publishWorkflow(ports, id, CATALOGUE_AUTHOR, 'starter catalogue');
      report.workflows[id] = 'published';
    } catch (err) {
      const details = (err as { details?: { path: string; message: string }[] }).details ?? [];
      report.workflows[id] = `failed: ${details.length ? summary(details) : String(err)}`;
    }
  }
  if (catalogue.references?.length) report.references = await loadReferences(ports, catalogue.references);
  for (const { id, ...programme } of catalogue.programmes) {
    if (await findProgramme(ports, id)) {
      report.programmes[id] = 'exists';
      continue;
    }
    await putProgramme(ports, id, programme);
    report.programmes[id] = 'created';
  }
  return report;
}

/** Reference tables like forms: loaded when absent or still the catalogue's own, checked against their schema. */
async function loadReferences(
  ports: Ports,
  tables: NonNullable<Catalogue['references']>,
): Promise<Record<string, Outcome>> {
  const out: Record<string, Outcome> = {};
  for (const { id, ...content } of tables) {
    if (!isTableId(id)) {
      out[id] = 'failed: not a reference table cpflow reads';
      continue;
    }
    const decision = await plan(ports, 'REFERENCE', id, content);
    if (decision !== 'load') {
      out[id] = decision;
      continue;
    }
    const problems = checkTable(id, content);
    if (problems.length) {
      out[id] = `failed: ${problems
        .slice(0, 3)
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}`;
      continue;
    }
    await saveDraft(ports, 'REFERENCE', id, content, CATALOGUE_AUTHOR);
    await publishVersion(ports, 'REFERENCE', id, content, CATALOGUE_AUTHOR, 'starter catalogue');
    out[id] = 'published';
  }
  return out;
}

const summary = (problems: { path: string; message: string }[]) =>
  problems
    .slice(0, 3)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
