/**
 * The audit catalogue as published data (forms/, workflows/, workflows/programmes.json): every form passes the
 * publish-time checks and its examples validate; every workflow is valid ASL and passes cpflow's workflow checks
 * against the real forms and the registered task Lambdas; programmes point at workflows; the round leads into the
 * full, quick, special and integrated audits, and every form is used by some step.
 */
import { describe, expect, it } from 'vitest';
import { escape, isHumanStep, payloadOf, scopes } from '../../../lambdas/core/definitions/asl';
import { PROGRAMME_KINDS } from '../../../lambdas/core/definitions/programmes';
import { checkWorkflow } from '../../../lambdas/core/definitions/workflow-checks';
import { references, resolveDefinition } from '../../../lambdas/core/definitions/workflows';
import type { FormDefinition } from '../../../lambdas/core/forms';
import { validateFormDefinition, validateSubmissionSync } from '../../../lambdas/core/forms';
import { workflowFunctionNames } from '../../../lambdas/registry';
import { readCatalogue } from '../../../local/catalogue';
import { validateDefinition } from '../../../local/stepfunctions/asl/validate';

const catalogue = readCatalogue('.');
const forms = new Map(catalogue.forms.map((f) => [f.id, f as unknown as FormDefinition]));
const workflows = new Map(catalogue.workflows.map((w) => [w.id, w]));
/** The six domain Lambdas the catalogue calls, whether or not the registry has them yet. */
const DOMAIN = [
  'cp-classify',
  'cp-performance',
  'cp-coherence',
  'cp-assign-experts',
  'cp-score-panel',
  'cp-issue-certificate',
];
const functions = new Set([...workflowFunctionNames, ...DOMAIN]);

describe('forms', () => {
  it('holds the catalogue’s forms', () => {
    expect(catalogue.forms.length).toBeGreaterThanOrEqual(30);
  });

  it.each(catalogue.forms.map((f) => [f.id, f] as const))(
    '%s passes every publish-time check',
    (_id, form) => {
      expect(validateFormDefinition(form as unknown as FormDefinition)).toEqual([]);
    },
  );

  it.each(catalogue.forms.map((f) => [f.id, f] as const))(
    '%s: every example validates as a submission',
    (_id, form) => {
      const examples = (form as { examples?: unknown[] }).examples ?? [];
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const result = validateSubmissionSync(form as unknown as FormDefinition, example);
        expect(result.errors).toEqual([]);
        expect(result.data).toEqual(example); // computed values in the example are the server's own
      }
    },
  );

  it('speaks Chinese and English: titles and every label in both', () => {
    for (const form of catalogue.forms) {
      expect(form.title).toEqual({ zh: expect.any(String), en: expect.any(String) });
      const i18n = form.i18n as { zh: Record<string, string>; en: Record<string, string> };
      expect(Object.keys(i18n.zh).sort()).toEqual(Object.keys(i18n.en).sort());
    }
  });
});

describe('workflows', () => {
  const ctx = {
    functions,
    forms: forms as Map<string, { schema: unknown }>,
    workflows: new Set(workflows.keys()),
  };

  it.each(catalogue.workflows.map((w) => [w.id, w] as const))(
    '%s passes cpflow’s workflow checks',
    (_id, w) => {
      expect(checkWorkflow(w.definition, ctx)).toEqual([]);
    },
  );

  it.each(catalogue.workflows.map((w) => [w.id, w] as const))('%s is valid ASL', async (_id, w) => {
    const resolved = resolveDefinition(
      w.definition,
      (name) => name,
      (id) => `arn:aws:states:us-east-1:123456789012:stateMachine:cpflow-${id}`,
    );
    const { diagnostics } = await validateDefinition(JSON.stringify(resolved));
    expect(diagnostics).toEqual([]);
  });

  it('names only forms and child workflows of the catalogue, and calls only known functions', () => {
    for (const w of catalogue.workflows) {
      const refs = references(w.definition);
      for (const f of refs.forms) expect(forms.has(f), `${w.id} → form ${f}`).toBe(true);
      for (const c of refs.workflows) expect(workflows.has(c), `${w.id} → workflow ${c}`).toBe(true);
    }
  });

  it('gives every human step of the audit programmes a timeout, a due date, a stage and a bilingual title', () => {
    for (const w of catalogue.workflows.filter((x) => x.id.startsWith('audit-'))) {
      for (const { pointer, scope } of scopes(w.definition as never)) {
        for (const [name, state] of Object.entries(scope.States ?? {})) {
          if (!isHumanStep(state)) continue;
          const at = `${w.id}${pointer}/${escape(name)}`;
          const p = payloadOf(state);
          expect(state.TimeoutSeconds, at).toBeGreaterThan(0);
          expect(p.dueInDays, at).toBeGreaterThan(0);
          expect(p.stage, at).toEqual(expect.any(String));
          expect(p.title, at).toEqual({ zh: expect.any(String), en: expect.any(String) });
        }
      }
    }
  });

  it('uses every form in some step', () => {
    const used = new Set(catalogue.workflows.flatMap((w) => references(w.definition).forms));
    expect([...forms.keys()].filter((id) => !used.has(id))).toEqual([]);
  });
});

describe('programmes', () => {
  it('point at workflows of the catalogue, with bilingual titles', () => {
    for (const p of catalogue.programmes) {
      expect(workflows.has(p.workflowId), p.id).toBe(true);
      expect(p.title).toEqual({ zh: expect.any(String), en: expect.any(String) });
      expect(PROGRAMME_KINDS).toContain(p.kind);
    }
  });

  it('are complete: filing and routing lead into the full, quick, special and integrated audits', () => {
    const byId = new Map(catalogue.programmes.map((p) => [p.id, p]));
    const round = byId.get('audit-round')!;
    expect(round.startRoles).toEqual(expect.arrayContaining(['enterprise', 'consultant']));
    expect(round.hidden).toBeFalsy();
    const children = references(workflows.get(round.workflowId)!.definition).workflows.sort();
    expect(children).toEqual(['audit-full', 'audit-integrated', 'audit-quick', 'audit-special']);
    expect(references(workflows.get('audit-integrated')!.definition).workflows).toEqual(['audit-member']);
    // the integrated audit may also be led directly by an authority or a supply-chain core enterprise
    expect(byId.get('audit-integrated')!.startRoles).toEqual(expect.arrayContaining(['admin', 'enterprise']));
    // every workflow a child case runs has a programme (the runtime registers the child case under it)
    for (const id of ['audit-full', 'audit-quick', 'audit-special', 'audit-member'])
      expect(byId.get(id)?.workflowId, id).toBe(id);
    // child-only programmes are hidden and cannot be started by hand
    for (const id of ['audit-full', 'audit-quick', 'audit-special', 'audit-member']) {
      expect(byId.get(id)!.hidden).toBe(true);
      expect(byId.get(id)!.startRoles).toEqual([]);
    }
  });

  it('runs each child under an id the API accepts (the parent id plus a suffix)', () => {
    const idPattern = /^[a-z]{2,12}_[0-9a-z]{6,40}$/;
    const parent = 'case_01m8j4c4xcbhrcp839vk1dstg3';
    for (const suffix of ['full', 'quick', 'special', 'integ', 'integm0', 'integm199'])
      expect(`${parent}${suffix}`).toMatch(idPattern);
  });
});
