import type { TErrorResponse } from '../../../contracts/common.ts';

/** A coded error from the API (or a stand-in when the body is not one), with both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(code);
    this.name = 'ApiError';
  }

  text(lang: 'zh' | 'en'): string {
    const base = lang === 'en' ? this.messageEn : this.messageZh;
    const detail = this.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return detail ? `${base} (${detail})` : base;
  }
}

let csrfToken: string | undefined;
let onUnauthenticated: () => void = () => {};

/** The `me` response carries the token; the cookie is the fallback after a reload races `me`. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

/** The shell decides where a lapsed session goes (the login page); the client only reports it. */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

function readCookie(name: string): string | undefined {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<TErrorResponse> | null;
  const error = body?.error;
  if (error?.code) {
    return new ApiError(
      response.status,
      error.code,
      error.message,
      error.messageEn,
      error.field,
      error.issues,
    );
  }
  if (response.status === 429) {
    return new ApiError(
      429,
      'auth.rate_limited',
      '请求过于频繁，请稍后再试',
      'Too many requests: try again later',
    );
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    `请求失败（${response.status}）`,
    `Request failed (${response.status})`,
  );
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // FormData sets its own multipart content-type with the boundary.
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie('edugov_csrf') ?? csrfToken;
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined || body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器', 'Cannot reach the server');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // A wrong password on the login form is also a 401: that one belongs to the form, not a redirect.
    if (response.status === 401 && url !== '/api/auth/login') onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  /** A multipart POST (file uploads); the fields' order is the FormData's order. */
  upload: <T>(url: string, form: FormData) => request<T>('POST', url, form),
};

/** Builds a query string from list parameters, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  return search.toString();
}
