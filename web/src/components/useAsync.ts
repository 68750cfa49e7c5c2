/**
 * Loads data for a page: `{ data, error, loading, reload }`. Each load is identified by a key object that
 * changes with the inputs, so a newer load supersedes an older one (a fast filter change never shows stale
 * rows) and no state is set synchronously inside the effect. While reloading, the previous data stays.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replaces the data locally (after a mutation whose answer is the new value). */
  setData(update: T | ((prev: T | undefined) => T)): void;
}

interface Result<T> {
  key: object;
  data: T | undefined;
  error: unknown;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  // A new key when the inputs change (React's "adjust state while rendering" pattern) or on reload.
  const [request, setRequest] = useState({ deps, key: {} as object });
  let key = request.key;
  if (!sameDeps(request.deps, deps)) {
    key = {};
    setRequest({ deps, key });
  }
  const [result, setResult] = useState<Result<T> | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (data) => live && setResult({ key, data, error: undefined }),
      (error: unknown) => live && setResult((prev) => ({ key, data: prev?.data, error })),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const reload = useCallback(() => setRequest((r) => ({ deps: r.deps, key: {} })), []);
  const setData = useCallback((update: T | ((prev: T | undefined) => T)) => {
    setResult((prev) => {
      const data = typeof update === 'function' ? (update as (p: T | undefined) => T)(prev?.data) : update;
      return { key: prev?.key ?? {}, data, error: undefined };
    });
  }, []);
  const current = result?.key === key;
  return {
    data: result?.data,
    error: current ? result.error : undefined,
    loading: !current,
    reload,
    setData,
  };
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
