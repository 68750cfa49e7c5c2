/**
 * The one place the web app talks HTTP. Components never call `fetch`: they get an {@link ApiClient} from
 * `useApi()` (api/ApiContext.tsx) and call the typed resource functions in api/endpoints.ts.
 *
 * Errors are normalised to {@link ApiError} with the API's `{ error: { code, message, details? } }` body, so a
 * 422 carries its field problems in `details`. Network failures become `ApiError` with code `NETWORK`.
 */

export interface FieldProblem {
  /** JSON pointer of the field, e.g. `/applicant/creditCode`. */
  path: string;
  message: string;
  /** The rule that failed (`required`, `format`, …), when the server names it. */
  keyword?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field problems of a 422 (or 400) answer, when the server named them. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldProblem).path === 'string' &&
        typeof (d as FieldProblem).message === 'string',
    );
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Makes a POST safe to retry (the API replays the first answer). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del<T = void>(path: string): Promise<T>;
  /** PUTs bytes to an upload URL with progress (fetch cannot report upload progress, XHR can). */
  upload(target: UploadTarget, body: Blob, onProgress?: (fraction: number) => void): Promise<void>;
  /** GETs bytes from a same-origin API path (a file's content), with the bearer token. */
  blob(path: string): Promise<Blob>;
}

export interface UploadTarget {
  url: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface ClientOptions {
  baseUrl?: string;
  getToken?: () => string | null;
  /** Called on every 401 from an authenticated call (expired or revoked token). */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
  /** Replaces XHR for uploads (tests). */
  uploadImpl?: ApiClient['upload'];
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  const code = typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`;
  const message = typeof err?.message === 'string' ? err.message : res.statusText || code;
  return new ApiError(res.status, code, message, err?.details);
}

export function createApiClient(options: ClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const token = options.getToken?.() ?? null;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    let res: Response;
    try {
      res = await doFetch(buildUrl(baseUrl, path, o.query), {
        method,
        headers,
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network error');
    }
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && token) options.onUnauthorized?.();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function blob(path: string): Promise<Blob> {
    const token = options.getToken?.() ?? null;
    let res: Response;
    try {
      res = await doFetch(
        buildUrl(baseUrl, path),
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      );
    } catch (e) {
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network error');
    }
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && token) options.onUnauthorized?.();
      throw error;
    }
    return res.blob();
  }

  return {
    request,
    blob,
    get: (path, query, signal) => request('GET', path, { query, ...(signal ? { signal } : {}) }),
    post: (path, body, o) => request('POST', path, { ...o, body }),
    put: (path, body) => request('PUT', path, { body }),
    del: (path) => request('DELETE', path),
    upload: (target, body, onProgress) => {
      // A same-origin upload URL (the local runtime's) is an API route and wants the bearer token; a pre-signed
      // S3 URL must not get it.
      const token = options.getToken?.() ?? null;
      const sameOrigin = target.url.startsWith('/') || target.url.startsWith(baseUrl + '/api/');
      const headers = { ...target.headers };
      if (token && sameOrigin && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
        headers.authorization = `Bearer ${token}`;
      }
      const send = options.uploadImpl ?? xhrUpload;
      return send({ ...target, headers }, body, onProgress);
    },
  };
}

function xhrUpload(target: UploadTarget, body: Blob, onProgress?: (fraction: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method ?? 'PUT', target.url);
    for (const [k, v] of Object.entries(target.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.statusText || 'upload failed'));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'upload failed'));
    xhr.send(body);
  });
}
