/** An app instance over a test database, and helpers to act as a logged-in browser or a token client. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type RouteInfo } from '../../src/server/app.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createToken } from '../../src/services/tokens.js';
import type { Actor } from '../../src/core/domain/actor.js';

export async function testApp(
  ctx: ServiceContext,
  options: { loginAttemptsPerMinute?: number; webRoot?: string; sbomMaxBytes?: number } = {},
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
    { logger: false, onRoute: (r) => routes.push(r) },
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
