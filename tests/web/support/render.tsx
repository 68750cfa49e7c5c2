/**
 * Renders one form or control on JSON Forms with cpflow's custom renderers only (no material set, so these
 * tests import little), inside the providers the renderers read: the app's i18n and the form services.
 */
import type { JsonFormsRendererRegistryEntry, JsonSchema, UISchemaElement } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { act, render } from '@testing-library/react';
import type { ErrorObject } from 'ajv';
import type { FileRef } from '../../../web/src/api/types';
import { formI18nState } from '../../../web/src/forms/formI18n';
import { customRenderers } from '../../../web/src/forms/renderers';
import type { FormServices } from '../../../web/src/forms/renderers/common';
import { createFlushRegistry, FormServicesContext } from '../../../web/src/forms/renderers/common';
import { createAjv } from '../../../web/src/forms/rules';
import type { Locale } from '../../../web/src/i18n/I18nContext';
import { I18nProvider } from '../../../web/src/i18n/I18nContext';

export interface Rendered {
  /** The data JSON Forms last reported. */
  data(): unknown;
  flush(): void;
  container: HTMLElement;
  rerender(next: { data?: unknown; additionalErrors?: ErrorObject[] }): void;
}

export interface RenderOptions {
  schema: JsonSchema;
  uischema: UISchemaElement;
  data: unknown;
  additionalErrors?: ErrorObject[];
  upload?: FormServices['upload'];
  download?: FormServices['download'];
  locale?: Locale;
  i18n?: Record<string, Record<string, string>>;
  renderers?: JsonFormsRendererRegistryEntry[];
}

export function renderForm(o: RenderOptions): Rendered {
  let latest: unknown = o.data;
  const registry = createFlushRegistry();
  const services: FormServices = {
    upload: o.upload ?? (() => Promise.reject(new Error('no upload'))),
    registerFlush: registry.register,
    ...(o.download ? { download: o.download } : {}),
  };
  const ajv = createAjv();
  const i18n = formI18nState(o.i18n, o.locale ?? 'zh');
  const tree = (data: unknown, additionalErrors: ErrorObject[] | undefined) => (
    <I18nProvider initial={o.locale ?? 'zh'}>
      <FormServicesContext.Provider value={services}>
        <JsonForms
          schema={o.schema}
          uischema={o.uischema}
          data={data}
          renderers={o.renderers ?? customRenderers}
          ajv={ajv}
          i18n={i18n}
          additionalErrors={additionalErrors ?? []}
          onChange={({ data: d }) => {
            latest = d;
          }}
        />
      </FormServicesContext.Provider>
    </I18nProvider>
  );
  const r = render(tree(o.data, o.additionalErrors));
  return {
    data: () => latest,
    flush: () => act(() => registry.flushAll()),
    container: r.container,
    rerender: (next) => r.rerender(tree(next.data ?? latest, next.additionalErrors ?? o.additionalErrors)),
  };
}

export const fileRef = (name: string): FileRef => ({ fileId: `fil_${name}`, name, sha256: 'ab'.repeat(32) });
