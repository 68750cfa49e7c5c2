/**
 * Locale state (zh-CN by default, English on demand, remembered in localStorage) and the typed `t()`.
 * `pick()` chooses the right side of a `{ zh, en }` text from the API; `formatNumber` and friends keep units
 * next to their numbers.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { en } from './en';
import type { MessageKey, Messages } from './zh';
import { zh } from './zh';

export type Locale = 'zh' | 'en';

const DICTIONARIES: Record<Locale, Messages> = { zh, en };
const STORAGE_KEY = 'cpflow.locale';

export type Vars = Record<string, string | number>;

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  // An unknown key (a server value used as a key) reads as itself rather than failing.
  return format(DICTIONARIES[locale][key] ?? key, vars);
}

/** The side of a localised text for the locale; plain strings pass through. */
export function pickText(locale: Locale, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Partial<Record<Locale, unknown>>;
    const own = v[locale];
    const other = v[locale === 'zh' ? 'en' : 'zh'];
    if (typeof own === 'string' && own) return own;
    if (typeof other === 'string') return other;
  }
  return '';
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  pick(value: unknown): string;
  /** A number in the locale's format, with an optional unit after it. */
  number(value: number | null | undefined, options?: Intl.NumberFormatOptions & { unit?: string }): string;
  dateTime(iso: string | number | undefined): string;
  date(iso: string | number | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage unavailable (private mode): fall through to the default
    return 'zh';
  }
  return 'zh';
}

// Intl formatters are costly to build: one per locale and option set for the page's life (the tables format on
// every keystroke).
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(tag: string, o: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(o)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, ...o })));
  return f;
}

function dateFormat(tag: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${tag}|${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      tag,
      withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
    );
    dateFormats.set(key, f);
  }
  return f;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void = () => undefined): I18n {
  const tag = locale === 'zh' ? 'zh-CN' : 'en-GB';
  const toDate = (v: string | number | undefined) => {
    if (v === undefined || v === '') return undefined;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  return {
    locale,
    setLocale,
    t: (key, vars) => translate(locale, key, vars),
    pick: (value) => pickText(locale, value),
    number: (value, options = {}) => {
      if (value === null || value === undefined || !Number.isFinite(value)) return '–';
      const { unit, ...rest } = options;
      const text = numberFormat(tag, rest).format(value);
      if (!unit) return text;
      return unit === '%' ? `${text}%` : `${text} ${unit}`;
    },
    dateTime: (v) => {
      const d = toDate(v);
      return d ? dateFormat(tag, true).format(d) : '–';
    },
    date: (v) => {
      const d = toDate(v);
      return d ? dateFormat(tag, false).format(d) : '–';
    },
  };
}

/**
 * `scoped` providers (a preview in another language) leave the page's `lang` and the stored choice alone.
 */
export function I18nProvider({
  children,
  initial,
  scoped = false,
}: {
  children: ReactNode;
  initial?: Locale;
  scoped?: boolean;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => initial ?? initialLocale());
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted: the switch still applies to this page
      return;
    }
  }, []);
  useEffect(() => {
    if (!scoped) document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale, scoped]);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
