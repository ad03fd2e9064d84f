import type { ErrorResponse } from '@contract/common';
import { ErrorCode } from '@contract/errors';

/**
 * The code of a failed call: one of the contract's, or NETWORK_ERROR, the client's own, for a call
 * that got no answer at all. Screens branch on it, so a misspelt code fails the type check.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

/**
 * The contract code that fits an error answer carrying none of its own: a proxy's HTML page for a
 * 502, an empty 429 from a load balancer, a server newer than this app.
 */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 408:
      return 'REQUEST_TIMEOUT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}

/** A failed API call, carrying the contract's error code so screens can explain it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds from a Retry-After header (429), when there was one. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer at all: offline, DNS, connection refused. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Field errors of a VALIDATION_FAILED answer, keyed by the field name (`body.price` → `price`). */
  fieldErrors(): Record<string, string> {
    const fields = (this.details.fields ?? []) as Array<{ path: string; message: string }>;
    const out: Record<string, string> = {};
    for (const f of fields) {
      const key = f.path.replace(/^(body|querystring|params|headers)\./, '');
      out[key] ??= f.message;
    }
    return out;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called on a 401 from an authenticated call (expired or revoked token). */
  onUnauthorized?: (error: ApiError) => void;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Skip the bearer token (sign-in calls). */
  anonymous?: boolean;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** fetch with the bearer token, JSON in and out, and errors turned into ApiError. */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '/api/v1';

  async function request<T>(method: string, path: string, init: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    const token = init.anonymous ? null : options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData) {
      body = init.body;
    } else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }

    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: init.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached');
    }
    if (res.status === 204 || res.status === 304) return undefined as T;
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const error = (json as ErrorResponse | null)?.error;
      const code = ErrorCode.safeParse(error?.code);
      const retry = Number(res.headers.get('retry-after'));
      const apiError = new ApiError(
        res.status,
        code.success ? code.data : codeForStatus(res.status),
        error?.message ?? res.statusText,
        error?.details ?? {},
        Number.isFinite(retry) && retry > 0 ? retry : null,
      );
      if (res.status === 401 && token) options.onUnauthorized?.(apiError);
      throw apiError;
    }
    return json as T;
  }

  /**
   * A file answer (an export) with the bearer token in its header, never in the URL: its bytes and
   * the name the server gave it (Content-Disposition), or `fallbackName`. Errors as `request`.
   */
  async function download(path: string, fallbackName: string, init: RequestOptions = {}) {
    const headers: Record<string, string> = { ...init.headers };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, { headers, signal: init.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached');
    }
    if (!res.ok) {
      let error: ErrorResponse['error'] | undefined;
      try {
        error = ((await res.json()) as ErrorResponse | null)?.error;
      } catch {
        error = undefined;
      }
      const code = ErrorCode.safeParse(error?.code);
      const apiError = new ApiError(
        res.status,
        code.success ? code.data : codeForStatus(res.status),
        error?.message ?? res.statusText,
        error?.details ?? {},
      );
      if (res.status === 401 && token) options.onUnauthorized?.(apiError);
      throw apiError;
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: await res.blob(), filename };
  }

  return {
    request,
    download,
    get: <T>(path: string, init?: RequestOptions) => request<T>('GET', path, init),
    post: <T>(path: string, body?: unknown, init?: RequestOptions) => request<T>('POST', path, { ...init, body }),
    put: <T>(path: string, body?: unknown, init?: RequestOptions) => request<T>('PUT', path, { ...init, body }),
    patch: <T>(path: string, body?: unknown, init?: RequestOptions) => request<T>('PATCH', path, { ...init, body }),
    delete: <T = void>(path: string, init?: RequestOptions) => request<T>('DELETE', path, init),
  };
}
