/**
 * API tests through inject(): authentication on every route, tenant isolation, CSRF, rate limits,
 * problem details, security headers, the committed OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { browserLogin, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { productInput, seedTenant, strongPassword, unique, type Tenant } from '../../test/support/fixtures.js';
import type { RouteInfo } from './app.js';
import { openApiDocument } from './openapi-document.js';
import { createUser } from '../services/users.js';

const publicApiRoutes = ['GET /api/v1/health', 'HEAD /api/v1/health', 'POST /api/v1/session'];

function concrete(url: string): string {
  return url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');
}

describeEachDialect('API', (env) => {
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let t: Tenant;
  let editor: BrowserSession;

  beforeAll(async () => {
    ({ app, routes } = await testApp(env().ctx));
    t = await seedTenant(env().ctx);
    editor = await browserLogin(app, t.emails.editor, strongPassword);
  });
  afterAll(async () => app.close());

  describe('authentication on every route', () => {
    it('only health and login are public under /api; everything else outside /api is static files', () => {
      const api = routes.filter((r) => r.url.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(25);
      expect(api.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual(publicApiRoutes.sort());
      for (const r of routes.filter((x) => !x.url.startsWith('/api/'))) expect(['/', '/*']).toContain(r.url);
    });

    it('every non-public route answers 401 problem+json without credentials and with a bad token', async () => {
      const failures: string[] = [];
      for (const route of routes) {
        if (route.public || route.method === 'OPTIONS') continue;
        for (const headers of [{}, { authorization: 'Bearer mamori_not-a-real-token' }, { cookie: 'mamori_session=forged' }]) {
          const res = await app.inject({ method: route.method as 'GET', url: concrete(route.url), headers });
          const body = route.method === 'HEAD' ? null : (res.json<{ code?: string }>());
          const okCode = body === null || body.code === 'auth.unauthenticated' || body.code === 'auth.token_invalid';
          if (res.statusCode !== 401 || !okCode) failures.push(`${route.method} ${route.url} ${JSON.stringify(headers)} → ${res.statusCode}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('health is public and reports the database dialect', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: env().dialect });
    });
  });

  describe('sessions, CSRF and tokens', () => {
    it('sets an HttpOnly SameSite=Strict session cookie and never returns secrets', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: t.emails.viewer, password: strongPassword } });
      expect(res.statusCode).toBe(200);
      const cookie = res.headers['set-cookie'] as string;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(res.body).not.toMatch(/password_hash|passwordHash|\$argon2/);
    });

    it('refuses cookie-authenticated writes without the CSRF token', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/products', headers: { cookie: editor.cookie }, payload: productInput() });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'auth.csrf_invalid' });
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/products', headers: { cookie: editor.cookie, 'x-csrf-token': `${editor.csrf}x` }, payload: productInput() });
      expect(wrong.statusCode).toBe(403);
      const good = await editor.request('POST', '/api/v1/products', productInput());
      expect(good.statusCode).toBe(201);
    });

    it('accepts API tokens (Bearer and X-Api-Key) without CSRF', async () => {
      const token = await tokenFor(env().ctx, t.editor);
      const a = await app.inject({ method: 'POST', url: '/api/v1/products', headers: { authorization: `Bearer ${token}` }, payload: productInput() });
      expect(a.statusCode).toBe(201);
      const b = await app.inject({ method: 'GET', url: '/api/v1/products', headers: { 'x-api-key': token } });
      expect(b.statusCode).toBe(200);
    });

    it('logout ends the session', async () => {
      const s = await browserLogin(app, t.emails.viewer, strongPassword);
      expect((await s.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
      expect((await s.request('GET', '/api/v1/session')).statusCode).toBe(401);
    });

    it('a user with a one-time password can do nothing but change it', async () => {
      const created = await createUser(env().ctx, t.admin, { email: `${unique('otp')}@x.example`, displayName: '', role: 'editor' });
      if (!created.ok) throw new Error('setup');
      const s = await browserLogin(app, created.value.user.email, created.value.oneTimePassword!);
      expect((await s.request('GET', '/api/v1/session')).json()).toMatchObject({ user: { mustChangePassword: true } });
      expect((await s.request('GET', '/api/v1/products')).json()).toMatchObject({ code: 'auth.password_change_required' });
      const changed = await s.request('POST', '/api/v1/me/password', { currentPassword: created.value.oneTimePassword, newPassword: strongPassword });
      expect(changed.statusCode).toBe(204);
      expect((await s.request('GET', '/api/v1/products')).statusCode).toBe(200);
    });

    it('remembers the UI language per user', async () => {
      const s = await browserLogin(app, t.emails.viewer, strongPassword);
      expect((await s.request('PATCH', '/api/v1/me', { locale: 'ja' })).json()).toMatchObject({ locale: 'ja' });
      const again = await browserLogin(app, t.emails.viewer, strongPassword);
      expect((await again.request('GET', '/api/v1/session')).json()).toMatchObject({ user: { locale: 'ja' } });
      expect((await s.request('PATCH', '/api/v1/me', { locale: 'fr' })).statusCode).toBe(400);
    });
  });

  describe('tenant isolation', () => {
    it('a user never sees or changes another organisation’s records', async () => {
      const created = await editor.request('POST', '/api/v1/products', productInput());
      const product = created.json<{ id: string }>();
      const release = (await editor.request('POST', `/api/v1/products/${product.id}/releases`, { version: '1.0' })).json<{ id: string }>();

      const other = await seedTenant(env().ctx);
      const intruder = await browserLogin(app, other.emails.admin, strongPassword);
      const attempts: [string, string, unknown?][] = [
        ['GET', `/api/v1/products/${product.id}`],
        ['PATCH', `/api/v1/products/${product.id}`, { name: 'x' }],
        ['POST', `/api/v1/products/${product.id}/archive`],
        ['POST', `/api/v1/products/${product.id}/restore`],
        ['GET', `/api/v1/products/${product.id}/releases`],
        ['POST', `/api/v1/products/${product.id}/releases`, { version: '9' }],
        ['GET', `/api/v1/releases/${release.id}`],
        ['PATCH', `/api/v1/releases/${release.id}`, { notes: 'x' }],
        ['POST', `/api/v1/releases/${release.id}/archive`],
        ['GET', `/api/v1/users/${t.editor.userId}`],
        ['PATCH', `/api/v1/users/${t.editor.userId}`, { role: 'viewer' }],
        ['POST', `/api/v1/users/${t.editor.userId}/password-reset`],
      ];
      for (const [method, url, body] of attempts) {
        const res = await intruder.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      const lists = ['/api/v1/products?archived=include&limit=500', '/api/v1/users?limit=500', '/api/v1/audit?limit=500'];
      for (const url of lists) {
        const body = JSON.stringify((await intruder.request('GET', url)).json());
        expect(body, url).not.toContain(product.id);
        expect(body, url).not.toContain(t.emails.editor);
      }
      expect((await intruder.request('GET', '/api/v1/organization')).json<{ id: string }>().id).toBe(other.organizationId);
    });
  });

  describe('roles', () => {
    it('viewers (auditors) read but cannot write; only admins manage users', async () => {
      const viewer = await browserLogin(app, t.emails.viewer, strongPassword);
      expect((await viewer.request('GET', '/api/v1/products')).statusCode).toBe(200);
      expect((await viewer.request('GET', '/api/v1/audit')).statusCode).toBe(200);
      const denied = await viewer.request('POST', '/api/v1/products', productInput());
      expect(denied.statusCode).toBe(403);
      expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(denied.json()).toMatchObject({ code: 'auth.forbidden', type: 'urn:mamori:problem:auth.forbidden' });
      expect((await editor.request('POST', '/api/v1/users', { email: 'e@x.example', role: 'admin' })).statusCode).toBe(403);
      const admin = await browserLogin(app, t.emails.admin, strongPassword);
      const made = await admin.request('POST', '/api/v1/users', { email: `${unique('u')}@x.example`, role: 'viewer' });
      expect(made.statusCode).toBe(201);
      expect(made.json<{ oneTimePassword: string }>().oneTimePassword).toMatch(/^\w{5}-/);
    });
  });

  describe('problem details and pagination', () => {
    it('names every invalid field of a request body', async () => {
      const res = await editor.request('POST', '/api/v1/products', { name: '', deviceClass: 'V', connectivity: ['carrier-pigeon'] });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ code: string; issues: { path: string }[] }>();
      expect(body.code).toBe('request.invalid');
      expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'manufacturer', 'deviceClass', 'connectivity.0']));
    });

    it('reports malformed JSON and unknown ids as problems', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/products', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' }, payload: '{"name":' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'request.invalid' });
      const missing = await editor.request('GET', '/api/v1/products/00000000-0000-4000-8000-000000000000');
      expect(missing.json()).toMatchObject({ status: 404, code: 'product.not_found' });
      // An unknown API path is an API not-found, not a missing static file; a missing asset still is.
      expect((await editor.request('GET', '/api/v1/nothing-here?x=1')).json()).toMatchObject({ status: 404, code: 'request.not_found', detail: 'No route GET /api/v1/nothing-here.' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/event/nothing' })).json()).toMatchObject({ status: 404, detail: 'No route GET /api/v1/event/nothing.' });
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).json()).toMatchObject({ status: 404, code: 'request.not_found', detail: 'No file /assets/missing.js.' });
    });

    it('paginates every list with limit, offset and total', async () => {
      for (let i = 0; i < 3; i++) await editor.request('POST', '/api/v1/products', productInput());
      const page = (await editor.request('GET', '/api/v1/products?limit=2&offset=1')).json<{ items: unknown[]; total: number; limit: number; offset: number }>();
      expect(page.items).toHaveLength(2);
      expect(page).toMatchObject({ limit: 2, offset: 1 });
      expect(page.total).toBeGreaterThanOrEqual(3);
      expect((await editor.request('GET', '/api/v1/products?limit=5000')).statusCode).toBe(400);
      for (const url of ['/api/v1/users', '/api/v1/audit']) {
        const body = (await editor.request('GET', `${url}?limit=1`)).json<{ items: unknown[]; total: number }>();
        expect(body.items).toHaveLength(1);
        expect(body.total).toBeGreaterThan(1);
      }
    });
  });

  describe('security headers', () => {
    it('sets CSP, nosniff, frame and referrer policies, and no-store on the API', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });
});

describe('login rate limit', () => {
  it('answers 429 auth.rate_limited after the configured number of attempts', async () => {
    const { openTestEnv } = await import('../../test/support/databases.js');
    const env = await openTestEnv('sqlite');
    const { app } = await testApp(env.ctx, { loginAttemptsPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'x@y.z', password: 'nope' } });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json()).toMatchObject({ code: 'auth.rate_limited' });
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await app.close();
    await env.close();
  });
});

describe('OpenAPI', () => {
  it('the committed openapi.json matches the code (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
    expect(await openApiDocument()).toBe(committed);
  });

  it('is OpenAPI 3.1 and documents every API route', async () => {
    const doc = JSON.parse(await openApiDocument()) as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/products', '/api/v1/products/{id}/releases', '/api/v1/session']));
  });
});
