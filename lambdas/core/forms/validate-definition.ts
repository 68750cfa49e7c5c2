import { examplesProblems } from './definition-examples';
import { i18nProblems } from './definition-i18n';
import { schemaProblems } from './definition-schema';
import { uischemaProblems } from './definition-uischema';
import { isRecord } from './schema-walk';
import type { FieldError, FormDefinition, JsonSchema } from './types';

/**
 * Everything that must hold before a form is published, each problem with a JSON pointer into the
 * definition (`/schema/properties/x/pattern`, `/uischema/elements/3/scope`, `/i18n/en/x.label`,
 * `/examples/0/options/1/npv`). Empty means publishable. The input is treated as untrusted JSON.
 * @example validateFormDefinition(form) // []
 */
export function validateFormDefinition(form: FormDefinition): FieldError[] {
  const raw = form as unknown;
  if (!isRecord(raw)) return [{ path: '', message: 'a form definition must be an object', keyword: 'type' }];
  const inSchema = schemaProblems(raw.schema);
  const schema = isRecord(raw.schema) ? (raw.schema as JsonSchema) : {};
  const ui = uischemaProblems(raw.uischema, schema);
  const problems = [...headerProblems(raw), ...inSchema, ...ui.problems, ...i18nProblems(raw.i18n, ui.labels)];
  // Examples run the form's own validation, which needs a schema that compiles and a sound uischema.
  if (inSchema.length === 0 && ui.problems.length === 0) problems.push(...examplesProblems(form));
  return problems;
}

function headerProblems(form: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  if (typeof form.id !== 'string' || form.id.trim() === '') {
    problems.push({ path: '/id', message: 'required', keyword: 'required' });
  }
  const title = isRecord(form.title) ? form.title : {};
  for (const lang of ['zh', 'en']) {
    const text = title[lang];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push({ path: `/title/${lang}`, message: 'required', keyword: 'required' });
    }
  }
  return problems;
}
