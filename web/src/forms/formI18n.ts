/**
 * Form texts through JSON Forms' i18n: a form definition's `i18n` holds its labels, descriptions and error
 * texts per locale, keyed as JSON Forms asks (`applicant.creditCode.label`, `…description`,
 * `…error.pattern`, or a schema's own `i18n` key). Two shapes are read:
 *   { zh: { key: text }, en: { key: text } }   (by locale)
 *   { key: { zh: text, en: text } }            (by key)
 * Missing texts fall back to the schema's `title` (JSON Forms' default), then to built-in Chinese messages
 * for AJV keywords, so a form without translations still reads well in Chinese.
 */
import type { ErrorObject } from 'ajv';
import type { ErrorTranslator, JsonFormsI18nState, Translator, UISchemaElement } from '@jsonforms/core';
import { defaultErrorTranslator } from '@jsonforms/core';
import type { FormI18n } from '../api/types';
import type { Locale } from '../i18n/I18nContext';

type Dict = Record<string, string>;

export function dictionaryFor(i18n: FormI18n | undefined, locale: Locale): Dict {
  if (!i18n || typeof i18n !== 'object') return {};
  const byLocale = i18n[locale];
  const other = i18n[locale === 'zh' ? 'en' : 'zh'];
  const isDict = (v: unknown): v is Dict =>
    !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
  if (isDict(byLocale) || isDict(other)) return isDict(byLocale) ? byLocale : {};
  const out: Dict = {};
  for (const [key, texts] of Object.entries(i18n)) {
    const text = (texts as Partial<Record<Locale, unknown>>)[locale];
    if (typeof text === 'string') out[key] = text;
  }
  return out;
}

/** Chinese for AJV's keywords (English keeps AJV's own messages). */
function zhKeywordMessage(error: ErrorObject): string | undefined {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return '必填项';
    case 'pattern':
      return '格式不正确';
    case 'format':
      return `格式不正确（${String(p.format)}）`;
    case 'minLength':
      return `至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `最多 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `必须大于 ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `必须小于 ${String(p.limit)}`;
    case 'minItems':
      return `至少 ${String(p.limit)} 项`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    case 'enum':
      return '请从选项中选择';
    case 'type':
      return '类型不正确';
    case 'const':
      return '取值不正确';
    default:
      return undefined;
  }
}

/** Chinese for the server's short English messages (lambdas/core/forms/field-errors.ts), by keyword or text. */
const SERVER_ZH: Record<string, string> = {
  required: '必填项',
  requiredIf: '必填项',
  'invalid unified social credit code': '统一社会信用代码无效（校验位不符）',
  'invalid industry code (GB/T 4754)': '行业代码无效（GB/T 4754）',
  'invalid region code': '行政区划代码无效',
  'invalid mobile number': '手机号码无效',
  'invalid phone number': '电话号码无效',
  'invalid email address': '电子邮箱无效',
  'invalid date': '日期无效',
  'invalid format': '格式不正确',
  'not an allowed value': '请从选项中选择',
  'unknown field': '未知字段',
};

export function serverMessageZh(message: string | undefined, keyword?: string): string | undefined {
  if (keyword && (keyword === 'required' || keyword === 'requiredIf')) return SERVER_ZH[keyword];
  if (!message) return undefined;
  if (SERVER_ZH[message]) return SERVER_ZH[message];
  const limit = /^must be at (least|most) (.+)$/.exec(message);
  if (limit) return `${limit[1] === 'least' ? '不能小于' : '不能大于'} ${limit[2]}`;
  const chars = /^must have at (least|most) (\d+) characters$/.exec(message);
  if (chars) return `${chars[1] === 'least' ? '至少' : '最多'} ${chars[2]} 个字符`;
  return undefined;
}

export function formI18nState(i18n: FormI18n | undefined, locale: Locale): JsonFormsI18nState {
  const dict = dictionaryFor(i18n, locale);
  const translate = ((id: string, defaultMessage?: string) => dict[id] ?? defaultMessage) as Translator;
  const translateError: ErrorTranslator = (error: ErrorObject, t: Translator, uischema?: UISchemaElement) => {
    // Server problems carry their own message (short English), read in Chinese where we know it.
    if (error.keyword === 'server') {
      const keyword = (error.params as { keyword?: string }).keyword;
      return (locale === 'zh' ? serverMessageZh(error.message, keyword) : undefined) ?? error.message ?? '';
    }
    const own = defaultErrorTranslator(error, t, uischema);
    if (own !== error.message && own !== 'is a required property') return own;
    return (locale === 'zh' ? zhKeywordMessage(error) : undefined) ?? own;
  };
  return { locale: locale === 'zh' ? 'zh-CN' : 'en', translate, translateError };
}
