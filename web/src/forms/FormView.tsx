/**
 * One form on JSON Forms: the material renderers plus cpflow's custom ones, the shared AJV and rule layer
 * (computed fields recomputed in JSON Forms' reducer on every change, see middleware.ts; `x-requiredIf` shown as
 * errors on its fields), the form's own
 * texts in the current language, and the server's 422 problems placed on their fields.
 */
import type { JsonFormsRendererRegistryEntry, JsonSchema, UISchemaElement } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import type { ErrorObject } from 'ajv';
import { useCallback, useMemo, useState } from 'react';
import type { FieldProblem } from '../api/client';
import type { FormDefinition } from '../api/types';
import type { Locale } from '../i18n/I18nContext';
import { useI18n } from '../i18n/I18nContext';
import { formI18nState } from './formI18n';
import { cells as defaultCells, renderers as defaultRenderers } from './registry';
import type { FormServices } from './renderers/common';
import { FormServicesContext } from './renderers/common';
import { createFormMiddleware } from './middleware';
import { conditionalRequired, createAjv } from './rules';
import { toAjvErrors } from './serverErrors';

let ajv: ReturnType<typeof createAjv> | undefined;
/** One AJV for every form on the page (it caches compiled schemas). */
export const formAjv = () => (ajv ??= createAjv());

// Building the strict AJV (cpflow's keywords and formats) takes tens of milliseconds: do it while the page waits
// for its task or definition to load, not in the form's first render.
if (typeof window !== 'undefined') {
  const idle = (window as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback;
  if (idle) idle(() => formAjv());
  else setTimeout(() => formAjv(), 0);
}

export interface FormViewProps {
  form: Pick<FormDefinition, 'schema' | 'uischema' | 'i18n'>;
  data: unknown;
  onChange(data: unknown, errors: readonly ErrorObject[]): void;
  /** Problems the server named (422), shown on their fields. */
  serverProblems?: readonly FieldProblem[];
  /** Show every client-side error (after a first submit attempt); before that only server problems show. */
  showErrors?: boolean;
  readonly?: boolean;
  locale?: Locale;
  services?: FormServices;
  renderers?: JsonFormsRendererRegistryEntry[];
}

const noServices: FormServices = {
  upload: () => Promise.reject(new Error('no upload service')),
  registerFlush: () => () => undefined,
};

/** The pointer of the field an AJV error is about (a `required` error names its missing property). */
function errorPath(e: ErrorObject): string {
  const missing = (e.params as { missingProperty?: string }).missingProperty;
  return e.keyword === 'required' && missing ? `${e.instancePath}/${missing}` : e.instancePath;
}

function samePaths(a: ReadonlySet<string>, b: ReadonlySet<string>) {
  return a.size === b.size && [...a].every((p) => b.has(p));
}

function sameErrors(a: readonly ErrorObject[], b: readonly ErrorObject[]) {
  return (
    a.length === b.length &&
    a.every((e, i) => e.instancePath === b[i]!.instancePath && e.keyword === b[i]!.keyword && e.message === b[i]!.message)
  );
}

export function FormView({
  form,
  data,
  onChange,
  serverProblems,
  showErrors = false,
  readonly = false,
  locale,
  services = noServices,
  renderers = defaultRenderers,
}: FormViewProps) {
  const i18n = useI18n();
  const lang = locale ?? i18n.locale;
  const schema = form.schema as JsonSchema;
  const uischema = form.uischema as UISchemaElement | undefined;
  const translations = useMemo(() => formI18nState(form.i18n, lang), [form.i18n, lang]);

  // Conditional-required errors change with the data; keep the previous array while equal, since a new
  // `additionalErrors` makes JSON Forms revalidate and re-render everything.
  // Paths where the browser's own validation already speaks; a server problem there would repeat it.
  const [clientPaths, setClientPaths] = useState<ReadonlySet<string>>(() => new Set());
  const fresh = useMemo(() => {
    const rules = showErrors ? conditionalRequired(schema, data) : [];
    const covered = new Set([...(showErrors ? clientPaths : []), ...rules.map((e) => e.instancePath)]);
    const server = (serverProblems ?? []).filter((p) => !covered.has(p.path));
    return [...toAjvErrors(server), ...rules];
  }, [serverProblems, showErrors, schema, data, clientPaths]);
  const [additionalErrors, setAdditionalErrors] = useState<ErrorObject[]>(fresh);
  if (additionalErrors !== fresh && !sameErrors(fresh, additionalErrors)) setAdditionalErrors(fresh);

  const handle = useCallback(
    ({ data: next, errors }: { data: unknown; errors?: ErrorObject[] }) => {
      const paths = new Set((errors ?? []).map(errorPath));
      setClientPaths((prev) => (samePaths(prev, paths) ? prev : paths));
      // Already computed (by the middleware): the parent gets the object JSON Forms holds, and passing it back
      // is recognised as an echo.
      onChange(next, errors ?? []);
    },
    [onChange],
  );
  const middleware = useMemo(() => createFormMiddleware(), []);

  return (
    <FormServicesContext.Provider value={services}>
      <JsonForms
        schema={schema}
        uischema={uischema}
        data={data}
        renderers={renderers}
        cells={defaultCells}
        ajv={formAjv()}
        i18n={translations}
        readonly={readonly}
        validationMode={showErrors ? 'ValidateAndShow' : 'ValidateAndHide'}
        additionalErrors={additionalErrors}
        middleware={middleware}
        onChange={handle}
      />
    </FormServicesContext.Provider>
  );
}
