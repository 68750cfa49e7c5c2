/**
 * What the custom renderers share: the upload and download services and flush registry the form page provides, a draft
 * hook that keeps typing local and commits to JSON Forms after a pause (or on blur, or when the page flushes
 * before submitting), and helpers for labels and per-cell errors.
 */
import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { FileRef } from '../../api/types';

export interface FormServices {
  /** Uploads a file, reporting progress in [0, 1]; resolves to the reference the field stores. */
  upload(file: File, onProgress: (fraction: number) => void): Promise<FileRef>;
  /** Renderers holding uncommitted input register a flush here; the page calls them before submitting. */
  registerFlush(flush: () => void): () => void;
  /** Saves a stored file to the user's downloads; where absent, a file shows as its name only. */
  download?(file: FileRef): Promise<void>;
}

const noServices: FormServices = {
  upload: () => Promise.reject(new Error('uploads are not available here')),
  registerFlush: () => () => undefined,
};

export const FormServicesContext = createContext<FormServices>(noServices);
export const useFormServices = () => useContext(FormServicesContext);

/** A registry of flush functions, for the page that owns the form. */
export function createFlushRegistry() {
  const flushers = new Set<() => void>();
  return {
    register(flush: () => void) {
      flushers.add(flush);
      return () => void flushers.delete(flush);
    },
    flushAll() {
      for (const f of flushers) f();
    },
  };
}

/**
 * Local draft of a value: `change` updates it at once (a cheap local render) and commits it after `delay` ms
 * of quiet; `flush` commits now. A new `value` from outside (another edit, a reset) replaces the draft.
 */
export function useDraft<T>(value: T, commit: (next: T) => void, delay = 300) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef(value);
  const pending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
    // An outside change replaced the draft: nothing of ours is pending any more.
    if (!pending.current) latest.current = value;
  });

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!pending.current) return;
    pending.current = false;
    commitRef.current(latest.current);
  }, []);

  const change = useCallback(
    (next: T | ((prev: T) => T)) => {
      const value = typeof next === 'function' ? (next as (p: T) => T)(latest.current) : next;
      latest.current = value;
      pending.current = true;
      setDraft(value);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    },
    [delay, flush],
  );

  const { registerFlush } = useFormServices();
  useEffect(() => registerFlush(flush), [registerFlush, flush]);
  // Commit what is pending when the control goes away (e.g. a row removed, the page left).
  useEffect(() => flush, [flush]);

  return [draft, change, flush] as const;
}

/** `applicant.options` → `/applicant/options` */
export const toPointer = (path: string) => (path ? '/' + path.split('.').join('/') : '');

/**
 * Errors under a data path, keyed by the pointer relative to it (`/3/investment`), from AJV's and the
 * server's errors alike. Rows without errors get `NO_ERRORS`, so memoised rows do not re-render for nothing.
 */
export const NO_ERRORS: Readonly<Record<string, string>> = Object.freeze({});

export function useErrorsUnder(path: string): Readonly<Record<string, string>> {
  const ctx = useJsonForms();
  // As JSON Forms' own controls do: in ValidateAndHide only the additional (server, rule) errors show.
  const hide = ctx.core?.validationMode === 'ValidateAndHide';
  const errors = hide ? undefined : ctx.core?.errors;
  const additional = (ctx.core as { additionalErrors?: ErrorObject[] } | undefined)?.additionalErrors;
  const translateError = ctx.i18n?.translateError;
  const translate = ctx.i18n?.translate;
  return useMemo(() => {
    const prefix = toPointer(path);
    const out: Record<string, string> = {};
    for (const e of [...(errors ?? []), ...(additional ?? [])]) {
      let at = e.instancePath;
      if (e.keyword === 'required') {
        at = `${at}/${String((e.params as { missingProperty?: string }).missingProperty)}`;
      }
      if (!at.startsWith(prefix + '/')) continue;
      const rel = at.slice(prefix.length);
      const message = translateError && translate ? translateError(e, translate) : (e.message ?? '');
      out[rel] = out[rel] ? out[rel] : message;
    }
    return Object.keys(out).length ? out : NO_ERRORS;
  }, [errors, additional, path, translateError, translate]);
}

/** The errors of one row (`/3/…` → `/…`), `NO_ERRORS` when it has none. */
export function rowErrors(all: Readonly<Record<string, string>>, index: number): Readonly<Record<string, string>> {
  if (all === NO_ERRORS) return NO_ERRORS;
  const prefix = `/${index}/`;
  let out: Record<string, string> | null = null;
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(prefix)) (out ??= {})['/' + k.slice(prefix.length)] = v;
  }
  return out ?? NO_ERRORS;
}

/** Properties of an object schema (after the `items` of an array). */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const s = schema?.type === 'array' ? (schema.items as JsonSchema | undefined) : schema;
  return (s?.properties ?? {}) as Record<string, JsonSchema>;
}

/** Label of a property: the form's i18n text for `<prefix>.<prop>.label`, else the schema title, else the name. */
export function useLabeller(i18nPrefix: string) {
  const ctx = useJsonForms();
  const translate = ctx.i18n?.translate;
  return useCallback(
    (prop: string, schema: JsonSchema | undefined) => {
      const fallback = schema?.title ?? prop;
      return translate ? translate(`${i18nPrefix}.${prop}.label`, fallback) : fallback;
    },
    [translate, i18nPrefix],
  );
}

/** `options.0.name` → `options` (JSON Forms' i18n keys drop array indices). */
export const i18nPrefixOf = (path: string) =>
  path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .join('.') || 'root';

export const isNumberSchema = (s: JsonSchema | undefined) => s?.type === 'number' || s?.type === 'integer';

export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '' || t === '-' || t === '.') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The widget a control asks for: `options.widget` in the UI schema, else `x-widget` on its schema. */
export function widgetOf(uischema: { options?: Record<string, unknown> } | undefined, schema: unknown): string | undefined {
  const fromUi = uischema?.options?.widget;
  if (typeof fromUi === 'string') return fromUi;
  const fromSchema = (schema as Record<string, unknown> | undefined)?.['x-widget'];
  return typeof fromSchema === 'string' ? fromSchema : undefined;
}

/** The unit of a field (`x-unit`), if any. */
export const unitOf = (schema: unknown): string | undefined => {
  const u = (schema as Record<string, unknown> | undefined)?.['x-unit'];
  return typeof u === 'string' ? u : undefined;
};

/** True for a schema that holds a file reference `{ fileId, name, sha256 }`. */
export const isFileSchema = (s: JsonSchema | undefined): boolean =>
  !!s &&
  ((s as Record<string, unknown>)['x-widget'] === 'file' ||
    (s.type === 'object' && !!s.properties && 'fileId' in s.properties && 'sha256' in s.properties));
