import type { LabelNeed } from './definition-uischema';
import { childPointer } from './pointer';
import { isRecord } from './schema-walk';
import type { FieldError } from './types';

const LANGUAGES = ['zh', 'en'] as const;

/**
 * Problems in a form's translations, with pointers under `/i18n`: both languages present, every key in one
 * present in the other, every text non-empty, and every Control that takes its label from the translations
 * (see `uischemaProblems`) finding `<key>.label` in both. Without `i18n`, labels come from the schema and
 * nothing is checked.
 * @example i18nProblems({ zh: { 'a.label': '甲' }, en: {} }, []) // [{ path: '/i18n/en/a.label', message: 'missing (present in zh)', … }]
 */
export function i18nProblems(i18n: unknown, labels: readonly LabelNeed[]): FieldError[] {
  if (i18n === undefined) return [];
  if (!isRecord(i18n)) return [{ path: '/i18n', message: 'must be { zh, en }', keyword: 'i18n' }];
  const problems: FieldError[] = [];
  const tables: Record<string, Record<string, unknown>> = {};
  for (const lang of LANGUAGES) {
    const table = i18n[lang];
    if (isRecord(table)) tables[lang] = table;
    else problems.push({ path: `/i18n/${lang}`, message: 'must map keys to texts', keyword: 'i18n' });
  }
  const { zh, en } = tables;
  if (zh === undefined || en === undefined) return problems;
  for (const [lang, table, other, otherLang] of [['zh', zh, en, 'en'], ['en', en, zh, 'zh']] as const) {
    for (const [key, text] of Object.entries(table)) {
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push({ path: childPointer(`/i18n/${lang}`, key), message: 'must be non-empty text', keyword: 'i18n' });
      }
      if (!Object.prototype.hasOwnProperty.call(other, key)) {
        const message = `missing (present in ${lang})`;
        problems.push({ path: childPointer(`/i18n/${otherLang}`, key), message, keyword: 'i18n' });
      }
    }
  }
  return [...problems, ...labelProblems(tables, labels)];
}

function labelProblems(tables: Record<string, Record<string, unknown>>, labels: readonly LabelNeed[]): FieldError[] {
  const problems: FieldError[] = [];
  const reported = new Set<string>();
  for (const { key, control } of labels) {
    for (const lang of LANGUAGES) {
      const path = childPointer(`/i18n/${lang}`, key);
      if (reported.has(path) || Object.prototype.hasOwnProperty.call(tables[lang] ?? {}, key)) continue;
      // A key missing in one language only is already reported by the cross-check above.
      const otherLang = lang === 'zh' ? 'en' : 'zh';
      if (Object.prototype.hasOwnProperty.call(tables[otherLang] ?? {}, key)) continue;
      reported.add(path);
      problems.push({ path, message: `missing label for the control at ${control}`, keyword: 'i18n' });
    }
  }
  return problems;
}
