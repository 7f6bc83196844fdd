/**
 * An app instance over a test database, helpers to act as a logged-in browser or a token client, and
 * to set up a product with a release and its SBOM through the API as the web app does.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Actor } from '../../src/core/domain/actor.js';
import type { ProductInput } from '../../src/core/domain/product.js';
import type { Role } from '../../src/core/domain/role.js';
import { buildApp, type RouteInfo } from '../../src/server/app.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { FindingsMonitor } from '../../src/services/findings-monitor.js';
import { createToken } from '../../src/services/tokens.js';
import type { VulnDbSource } from '../../src/services/vulndb-source.js';
import { productInput, seedTenant, strongPassword, type Tenant } from './fixtures.js';

export interface TestAppOptions {
  readonly loginAttemptsPerMinute?: number;
  readonly webRoot?: string;
  readonly sbomMaxBytes?: number;
  /** The vulnerability database the server reads (see `testVulnDb`); by default none is configured. */
  readonly vulnDb?: VulnDbSource;
  /** The findings monitor, instead of the server's own (which does no automatic analysis here). */
  readonly monitor?: FindingsMonitor;
}

/** The server over `ctx`, ready to answer inject(); close it with `app.close()`. */
export async function testApp(
  ctx: ServiceContext,
  options: TestAppOptions = {},
): Promise<{ app: FastifyInstance; routes: RouteInfo[] }> {
  const routes: RouteInfo[] = [];
  const app = await buildApp(
    {
      cookieSecure: false,
      trustProxy: false,
      loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 1000,
      webRoot: options.webRoot ?? '/nonexistent-web-root',
      logLevel: 'silent',
      sbomMaxBytes: options.sbomMaxBytes ?? 200 * 1024 * 1024,
    },
    ctx,
    {
      logger: false,
      onRoute: (r) => routes.push(r),
      ...(options.vulnDb ? { vulnDb: options.vulnDb } : {}),
      ...(options.monitor ? { monitor: options.monitor } : {}),
    },
  );
  await app.ready();
  return { app, routes };
}

export interface BrowserSession {
  readonly cookie: string;
  readonly csrf: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Logs in like the web app does: session cookie plus the CSRF header on writes. */
export async function browserLogin(app: FastifyInstance, email: string, password: string): Promise<BrowserSession> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'mamori_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  const header = `mamori_session=${cookie.value}`;
  return {
    cookie: header,
    csrf,
    request: (method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: header, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}

/** Logs in as the tenant's user of `role` (seedTenant's `strongPassword`). */
export function loginAs(app: FastifyInstance, tenant: Tenant, role: Role): Promise<BrowserSession> {
  return browserLogin(app, tenant.emails[role], strongPassword);
}

/**
 * A tenant and another organisation (seedTenant), and browser sessions: the tenant's users of `roles`
 * logged in in that order, then the other organisation's admin (`outsider`), who must see nothing.
 */
export async function tenantSessions<R extends Role>(
  app: FastifyInstance,
  ctx: ServiceContext,
  roles: readonly R[],
): Promise<{ tenant: Tenant; other: Tenant; outsider: BrowserSession } & Record<R, BrowserSession>> {
  const tenant = await seedTenant(ctx);
  const other = await seedTenant(ctx);
  const sessions = {} as Record<R, BrowserSession>;
  for (const role of roles) sessions[role] = await loginAs(app, tenant, role);
  return { tenant, other, ...sessions, outsider: await loginAs(app, other, 'admin') };
}

/** Uploads an SBOM the web app's way (the file as the request body); the answer as it comes. */
export function postSbom(
  app: FastifyInstance,
  session: BrowserSession,
  releaseId: string,
  sbom: string | Buffer,
  fileName = 'bom.json',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/v1/releases/${releaseId}/sboms?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    payload: sbom,
  });
}

/** The answer's `id`, when its status is `status`; anything else throws with the answer's body. */
async function createdId(what: string, res: Promise<LightMyRequestResponse>, status: number): Promise<string> {
  const answer = await res;
  if (answer.statusCode !== status) throw new Error(`${what}: ${answer.statusCode} ${answer.body}`);
  return answer.json<{ id: string }>().id;
}

/** Through the API as `editor`: a product (`productInput()`'s, with `overrides`); its id. A refusal throws. */
export function seedProduct(editor: BrowserSession, overrides: Partial<ProductInput> = {}): Promise<string> {
  return createdId('product', editor.request('POST', '/api/v1/products', productInput(overrides)), 201);
}

export interface SeedReleaseOptions {
  /** The product, over `productInput()`'s; or the id of one to add the release to. */
  readonly product?: Partial<ProductInput> | string;
  /** The release's fields (version 1.0.0 unless given). */
  readonly release?: Record<string, unknown>;
  /** An SBOM to upload to the release, */
  readonly sbom?: string | Buffer;
  /** under this file name (bom.json unless given), */
  readonly fileName?: string;
  /** and analyse the release after it. */
  readonly analyse?: boolean;
}

/**
 * Through the API as `editor`: a product (unless one is given), a release of it and, when given, its
 * SBOM uploaded and analysed. Every step must succeed: a refusal throws with the server's answer.
 */
export async function seedRelease(
  app: FastifyInstance,
  editor: BrowserSession,
  options: SeedReleaseOptions = {},
): Promise<{ productId: string; releaseId: string; sbomId: string | null }> {
  const productId = typeof options.product === 'string' ? options.product : await seedProduct(editor, options.product);
  const releaseId = await createdId(
    'release',
    editor.request('POST', `/api/v1/products/${productId}/releases`, options.release ?? { version: '1.0.0' }),
    201,
  );
  const sbomId =
    options.sbom === undefined
      ? null
      : await createdId('SBOM upload', postSbom(app, editor, releaseId, options.sbom, options.fileName), 201);
  if (options.analyse) {
    const analysed = await editor.request('POST', `/api/v1/releases/${releaseId}/analyze`);
    if (analysed.statusCode !== 200) throw new Error(`analysis: ${analysed.statusCode} ${analysed.body}`);
  }
  return { productId, releaseId, sbomId };
}

export async function tokenFor(ctx: ServiceContext, actor: Actor): Promise<string> {
  const created = await createToken(ctx, actor, actor.userId!, { name: 'test', expiresAt: null });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.secret;
}

/** A fetch() that answers from the app in-process, for CLI tests of server-backed commands. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const body = init?.body instanceof Blob ? Buffer.from(await init.body.arrayBuffer()) : (init?.body as string | undefined);
    const res = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(body ? { payload: body } : {}),
    });
    return new Response(res.statusCode === 204 ? null : res.body, {
      status: res.statusCode,
      headers: res.headers as Record<string, string>,
    });
  });
}
