/**
 * Authorisation before validation, and refused attempts in the audit log (QA auditor report 2 and 11):
 * every state-changing route of the app's route table, called by a role that may never use it with a
 * body that is not even valid, answers 403 auth.forbidden (not 400 with the request schema), and each
 * refusal is an `auth.forbidden` audit entry naming the route and the missing permission.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserLogin, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, strongPassword, type Tenant } from '../../test/support/fixtures.js';
import { can } from '../core/domain/role.js';
import { verifyAuditChain } from '../services/audit.js';
import type { RouteInfo } from './app.js';

/** Routes every signed-in user may call: their own account, logging out, a check that saves nothing. */
const openToEveryRole = [
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/me/tokens',
  'DELETE /api/v1/me/tokens/:id',
  'DELETE /api/v1/session',
  'POST /api/v1/compliance/:scope/applicability',
];

const someId = '0190f0a0-0000-7000-8000-000000000001';
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => (name === 'scope' ? someId : name === 'id' ? someId : 'x'));

interface AuditPage {
  total: number;
  items: {
    actorName: string;
    action: string;
    entityType: string;
    entityId: string;
    after: Record<string, unknown>;
  }[];
}

describeEachDialect('permissions before validation', (env) => {
  let app: FastifyInstance;
  let routes: RouteInfo[];
  let writes: RouteInfo[];
  let t: Tenant;
  let admin: BrowserSession;
  let viewer: BrowserSession;
  let viewerToken: string;
  let editorToken: string;

  const withToken = (token: string, r: RouteInfo): Promise<LightMyRequestResponse> =>
    app.inject({
      method: r.method as 'POST',
      url: concrete(r.url),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ notAField: true }),
    });
  const refusals = async () =>
    (await admin.request('GET', '/api/v1/audit?action=auth.forbidden&limit=500')).json<AuditPage>();

  beforeAll(async () => {
    ({ app, routes } = await testApp(env().ctx));
    writes = routes.filter(
      (r) => r.url.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.public,
    );
    t = await seedTenant(env().ctx);
    admin = await browserLogin(app, t.emails.admin, strongPassword);
    viewer = await browserLogin(app, t.emails.viewer, strongPassword);
    viewerToken = await tokenFor(env().ctx, t.viewer);
    editorToken = await tokenFor(env().ctx, t.editor);
  });
  afterAll(async () => app.close());

  it('every state-changing route declares the permission it needs; only the own-account routes are open to every role', () => {
    expect(writes.length).toBeGreaterThan(80);
    expect(writes.filter((r) => r.permission === undefined).map(key)).toEqual([]);
    const open = writes.filter((r) => r.permission === null || can('viewer', r.permission!)).map(key);
    expect(open.sort()).toEqual([...openToEveryRole].sort());
  });

  it('a viewer with an invalid body gets 403 auth.forbidden on every other write route, and each refusal is audited once', async () => {
    const before = (await refusals()).total;
    const wrong: string[] = [];
    for (const r of writes) {
      const res = await withToken(viewerToken, r);
      const refused = res.statusCode === 403 && res.json<{ code: string }>().code === 'auth.forbidden';
      if (refused === openToEveryRole.includes(key(r)))
        wrong.push(`${key(r)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);

    const refusedRoutes = writes.filter((r) => !openToEveryRole.includes(key(r)));
    const page = await refusals();
    expect(page.total - before).toBe(refusedRoutes.length);
    const entries = page.items.slice(0, refusedRoutes.length);
    expect(new Set(entries.map((e) => e.entityId))).toEqual(new Set(refusedRoutes.map(key)));
    for (const e of entries) {
      const route = refusedRoutes.find((r) => key(r) === e.entityId)!;
      expect(e).toMatchObject({
        actorName: t.emails.viewer,
        action: 'auth.forbidden',
        entityType: 'request',
      });
      expect(e.after).toMatchObject({
        method: route.method,
        route: route.url,
        path: concrete(route.url),
        permission: route.permission,
        role: 'viewer',
        via: 'token',
      });
      // What was sent is not kept: only where it was sent.
      expect(JSON.stringify(e.after)).not.toContain('notAField');
    }
    const product = entries.find((e) => e.entityId === 'PATCH /api/v1/products/:id')!;
    expect(product.after).toMatchObject({ params: { id: someId }, productId: someId });

    // The same refusals again within a minute (now through the browser session): not recorded again.
    for (const r of refusedRoutes.slice(0, 5)) {
      const res = await viewer.request(r.method, concrete(r.url), { notAField: true });
      expect(res.statusCode, key(r)).toBe(403);
    }
    expect((await refusals()).total).toBe(page.total);
    // A session request without its CSRF token is refused for another reason: not an attempt to use a permission.
    const csrf = await app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { cookie: viewer.cookie },
      payload: {},
    });
    expect(csrf.json<{ code: string }>().code).toBe('auth.csrf_invalid');
    expect((await refusals()).total).toBe(page.total);
    expect((await verifyAuditChain(env().ctx)).problem).toBeNull();
  });

  it('an editor is refused before validation exactly where users, roles or organisation settings change', async () => {
    const refused: string[] = [];
    for (const r of writes) {
      const res = await withToken(editorToken, r);
      if (res.statusCode === 403) {
        expect(res.json<{ code: string }>().code, key(r)).toBe('auth.forbidden');
        refused.push(key(r));
      }
    }
    const adminOnly = writes
      .filter((r) => r.permission === 'user.write' || r.permission === 'organization.write')
      .map(key);
    expect(adminOnly).toEqual(
      expect.arrayContaining(['POST /api/v1/users', 'PATCH /api/v1/organization', 'PUT /api/v1/risk-scales']),
    );
    expect(refused.sort()).toEqual(adminOnly.sort());
  });
});
