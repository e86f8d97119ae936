/**
 * The one way the UI talks to the API: same-origin cookies, the CSRF token on every
 * state-changing request, and RFC 9457 problem+json turned into an ApiError that forms
 * can show per field.
 */

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly errors: FieldError[];
  /** Extra members of the problem (e.g. `errors` with line numbers of a CSV import). */
  readonly problem: Record<string, unknown>;
  constructor(status: number, problem: Record<string, unknown>) {
    const detail = typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
    this.detail = detail;
    this.field = typeof problem.field === 'string' && problem.field ? problem.field : undefined;
    this.errors = Array.isArray(problem.errors)
      ? problem.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
      : [];
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
/** Set from the session response (login, GET /session, TOTP confirmation). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when any call answers 401 (session expired or logged out elsewhere). */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export type RequestOptions = {
  /** Send the body as-is with this content type (e.g. text/csv) instead of JSON. */
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not notify the session on 401 (the login call itself answers 401 for a wrong password). */
  quiet401?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key` on a creating command. */
  headers?: Record<string, string>;
  /** The version of the record this change is based on, sent as If-Match (docs/architecture.md "Versions and If-Match"). */
  version?: number;
  /** Reads the headers of a successful answer, e.g. `X-Total-Count` beside a page of a list. */
  onHeaders?: (headers: Headers) => void;
};

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (opts.contentType) {
      headers['content-type'] = opts.contentType;
      payload = body as BodyInit;
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  let url = path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    if (s) url += `?${s}`;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'network', detail: 'network error' });
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => ({})) : await res.text();
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? (data as Record<string, unknown>) : { detail: String(data) };
    const err = new ApiError(res.status, problem);
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthenticatedListeners) fn();
    throw err;
  }
  opts.onHeaders?.(res.headers);
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** Field name → message, from a problem: `errors[]` first, else the single `field`. */
export function fieldErrors(err: ApiError, localise: (message: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const f = e.field.split('.')[0];
    if (f && !out[f]) out[f] = localise(e.message);
  }
  if (err.field && !out[err.field]) out[err.field] = localise(err.detail);
  return out;
}
