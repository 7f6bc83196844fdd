/**
 * The only place that talks HTTP. Every call goes to /api/v1 with the session cookie; state-changing
 * calls carry the CSRF token. Failures become ApiError with the server's stable problem code.
 */
import type {
  ApiTokenT,
  Archived,
  AuditEntryT,
  Locale,
  PageT,
  PasswordResetT,
  ProductCreateT,
  ProductPatchT,
  ProductT,
  ReleaseCreateT,
  ReleasePatchT,
  ReleaseT,
  SessionT,
  TokenCreatedT,
  TokenCreateT,
  UserCreatedT,
  UserCreateT,
  UserPatchT,
  UserT,
} from './types.js';

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the session has expired or was ended elsewhere (401 on an authenticated call). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | undefined>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function isProblem(body: unknown): body is { code: string; detail?: string; issues?: Issue[] } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network.unreachable', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const problem = isProblem(body)
      ? body
      : { code: 'http.error', detail: `HTTP ${response.status}`, issues: [] };
    if (response.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw new ApiError(response.status, problem.code, problem.detail ?? '', problem.issues ?? []);
  }
  return body as T;
}

export const api = {
  // Session and own account
  getSession: () => request<SessionT>('GET', '/session', { quiet401: true }),
  login: (email: string, password: string) =>
    request<SessionT>('POST', '/session', { body: { email, password }, quiet401: true }),
  logout: () => request<void>('DELETE', '/session', { quiet401: true }),
  updateMe: (patch: { displayName?: string; locale?: Locale | null }) =>
    request<UserT>('PATCH', '/me', { body: patch }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/me/password', { body: { currentPassword, newPassword } }),
  listTokens: () => request<{ items: ApiTokenT[] }>('GET', '/me/tokens'),
  createToken: (body: TokenCreateT) => request<TokenCreatedT>('POST', '/me/tokens', { body }),
  revokeToken: (id: string) => request<ApiTokenT>('DELETE', `/me/tokens/${encodeURIComponent(id)}`),

  // Products and releases
  listProducts: (query: { q?: string; archived?: Archived; limit?: number; offset?: number }) =>
    request<PageT<ProductT>>('GET', '/products', { query }),
  getProduct: (id: string) => request<ProductT>('GET', `/products/${encodeURIComponent(id)}`),
  createProduct: (body: ProductCreateT) => request<ProductT>('POST', '/products', { body }),
  updateProduct: (id: string, body: ProductPatchT) =>
    request<ProductT>('PATCH', `/products/${encodeURIComponent(id)}`, { body }),
  setProductArchived: (id: string, archived: boolean) =>
    request<ProductT>('POST', `/products/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`),
  listReleases: (productId: string, query: { archived?: Archived; limit?: number; offset?: number }) =>
    request<PageT<ReleaseT>>('GET', `/products/${encodeURIComponent(productId)}/releases`, { query }),
  getRelease: (id: string) => request<ReleaseT>('GET', `/releases/${encodeURIComponent(id)}`),
  createRelease: (productId: string, body: ReleaseCreateT) =>
    request<ReleaseT>('POST', `/products/${encodeURIComponent(productId)}/releases`, { body }),
  updateRelease: (id: string, body: ReleasePatchT) =>
    request<ReleaseT>('PATCH', `/releases/${encodeURIComponent(id)}`, { body }),
  setReleaseArchived: (id: string, archived: boolean) =>
    request<ReleaseT>('POST', `/releases/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`),

  // Users (admin)
  listUsers: (query: { limit?: number; offset?: number }) =>
    request<PageT<UserT>>('GET', '/users', { query }),
  createUser: (body: UserCreateT) => request<UserCreatedT>('POST', '/users', { body }),
  updateUser: (id: string, body: UserPatchT) =>
    request<UserT>('PATCH', `/users/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id: string) =>
    request<PasswordResetT>('POST', `/users/${encodeURIComponent(id)}/password-reset`),

  // Audit
  listAudit: (query: { limit?: number; offset?: number; entityType?: string; entityId?: string }) =>
    request<PageT<AuditEntryT>>('GET', '/audit', { query }),
};
