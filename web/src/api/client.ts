/**
 * The only place that talks HTTP. Every call goes to /api/v1 with the session cookie; state-changing
 * calls carry the CSRF token. Failures become ApiError with the server's stable problem code.
 */
import type {
  ApiTokenT,
  OwnedApiTokenT,
  Archived,
  AuditEntryT,
  AuditFilterT,
  ComponentCreateT,
  ComponentQueryT,
  ComponentPageT,
  ComponentPatchT,
  ComponentT,
  ExportFormatT,
  ExportVariantT,
  Locale,
  PageT,
  PasswordResetT,
  ProductCreateT,
  ProductPatchT,
  ProductT,
  QualityProfileT,
  QualityReportT,
  ReleaseCreateT,
  ReleasePatchT,
  ReleaseT,
  SbomDetailT,
  SbomDiagnosticT,
  SbomDiffT,
  SbomSummaryT,
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
  /** The kind of problem, for saying it in the UI language (components/issue-text.ts). */
  readonly code?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: readonly Issue[] = [],
    /** The problem's `details` (e.g. `diagnostics` of a refused SBOM). */
    readonly details: Readonly<Record<string, unknown>> = {},
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

type ProblemBody = { code: string; detail?: string; issues?: Issue[]; details?: Record<string, unknown> };

function isProblem(body: unknown): body is ProblemBody {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

export async function request<T>(
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
    throw new ApiError(
      response.status,
      problem.code,
      problem.detail ?? '',
      problem.issues ?? [],
      problem.details,
    );
  }
  return body as T;
}

/** The diagnostics of a refused SBOM upload (problem `details.diagnostics`), when there are any. */
export function problemDiagnostics(error: unknown): SbomDiagnosticT[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details.diagnostics;
  return Array.isArray(list) ? (list as SbomDiagnosticT[]) : [];
}

export interface UploadHandle {
  readonly done: Promise<SbomSummaryT>;
  abort(): void;
}

/**
 * Uploads an SBOM file as the raw request body with XMLHttpRequest (fetch cannot report upload
 * progress), with the session cookie and the CSRF header like every other state-changing call.
 */
export function uploadSbom(
  releaseId: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<SbomSummaryT>((resolve, reject) => {
    xhr.open(
      'POST',
      url(`/releases/${encodeURIComponent(releaseId)}/sboms`, { fileName: file.name || 'sbom' }),
    );
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'network.unreachable', 'The server could not be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'upload.aborted', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as SbomSummaryT);
        return;
      }
      const problem: ProblemBody = isProblem(body)
        ? body
        : { code: 'http.error', detail: `HTTP ${xhr.status}`, issues: [] };
      if (xhr.status === 401) onUnauthenticated?.();
      reject(
        new ApiError(xhr.status, problem.code, problem.detail ?? '', problem.issues ?? [], problem.details),
      );
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Addresses the browser downloads directly (cookie-authenticated GETs; the server names the file). */
export const downloads = {
  sbomOriginal: (sbomId: string) => url(`/sboms/${encodeURIComponent(sbomId)}/original`),
  export: (releaseId: string, format: ExportFormatT, variant: ExportVariantT) =>
    url(`/releases/${encodeURIComponent(releaseId)}/export`, { format, variant }),
  auditExport: (format: 'csv' | 'json', filter: AuditFilterT) => url('/audit/export', { format, ...filter }),
  /** The FDA support table of a release (component support levels and end-of-support dates). */
  supportReport: (releaseId: string, format: 'csv' | 'pdf', lang: 'ja' | 'en') =>
    url(`/releases/${encodeURIComponent(releaseId)}/support-report`, { format, lang }),
};

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

  // SBOMs and components
  listSboms: (releaseId: string, query: { limit?: number; offset?: number }) =>
    request<PageT<SbomSummaryT>>('GET', `/releases/${encodeURIComponent(releaseId)}/sboms`, { query }),
  getSbom: (id: string) => request<SbomDetailT>('GET', `/sboms/${encodeURIComponent(id)}`),
  listComponents: (releaseId: string, query: ComponentQueryT) =>
    request<ComponentPageT>('GET', `/releases/${encodeURIComponent(releaseId)}/components`, { query }),
  createComponent: (releaseId: string, body: ComponentCreateT) =>
    request<ComponentT>('POST', `/releases/${encodeURIComponent(releaseId)}/components`, { body }),
  updateComponent: (id: string, body: ComponentPatchT) =>
    request<ComponentT>('PATCH', `/components/${encodeURIComponent(id)}`, { body }),
  deleteComponent: (id: string) => request<ComponentT>('DELETE', `/components/${encodeURIComponent(id)}`),
  listQualityProfiles: () => request<{ items: QualityProfileT[] }>('GET', '/sbom/profiles'),
  getQuality: (releaseId: string, profile: string) =>
    request<QualityReportT>('GET', `/releases/${encodeURIComponent(releaseId)}/quality`, {
      query: { profile },
    }),
  getDiff: (releaseId: string, against: string) =>
    request<SbomDiffT>('GET', `/releases/${encodeURIComponent(releaseId)}/diff`, { query: { against } }),

  // Users (admin)
  listUsers: (query: { limit?: number; offset?: number }) =>
    request<PageT<UserT>>('GET', '/users', { query }),
  createUser: (body: UserCreateT) => request<UserCreatedT>('POST', '/users', { body }),
  updateUser: (id: string, body: UserPatchT) =>
    request<UserT>('PATCH', `/users/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id: string) =>
    request<PasswordResetT>('POST', `/users/${encodeURIComponent(id)}/password-reset`),
  listOrganizationTokens: (query: { userId?: string } = {}) =>
    request<{ items: OwnedApiTokenT[] }>('GET', '/tokens', { query }),
  revokeOrganizationToken: (id: string) =>
    request<OwnedApiTokenT>('DELETE', `/tokens/${encodeURIComponent(id)}`),

  // Audit
  listAudit: (query: AuditFilterT & { limit?: number; offset?: number }) =>
    request<PageT<AuditEntryT>>('GET', '/audit', { query }),
};
