// The one door to the eISO JSON API: same-origin cookie session, the CSRF token on every
// mutating request, the UI language as Accept-Language (the server localizes error messages),
// and every non-2xx reply turned into an ApiError carrying the server's code, message and field.
import { getLanguage } from '../i18n/language';

export class ApiError extends Error {
  readonly status: number;   // HTTP status; 0 when the server could not be reached
  readonly code: string;     // e.g. "org.name_required"; "network" or "http.<status>" without a body
  readonly field: string | null;   // the form field at fault, as named in the request body
  readonly payload: unknown;       // the parsed reply body, for replies that carry a report (422 import)

  constructor(status: number, code: string, message: string, field: string | null = null, payload: unknown = undefined) {
    super(message);
    this.payload = payload;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken: string | null = null;

// Set from the login and /api/auth/me replies; cleared on logout.
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json');
}

// A file as the raw request body (uploads), with its own content type.
export function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>('POST', path, file, contentType || 'application/octet-stream');
}

async function send<T>(method: string, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLanguage(),
  };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body,
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;   // a proxy's HTML page, or an empty body
  }
  const error = (payload as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object') {
    const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown };
    return new ApiError(
      response.status,
      typeof code === 'string' && code ? code : `http.${response.status}`,
      typeof message === 'string' ? message : '',
      typeof field === 'string' && field ? field : null,
      payload,
    );
  }
  return new ApiError(response.status, `http.${response.status}`, '', null, payload);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
