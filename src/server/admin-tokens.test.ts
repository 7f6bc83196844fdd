/**
 * Admins list every API token of their organisation (owner, name, created, last used, expiry,
 * revoked; never the secret) and revoke any of them (GET /tokens, DELETE /tokens/:id): the token
 * stops working at once, and the audit log records `token.revoke` by the admin with the owner.
 * Editors and viewers are refused (403); another organisation's tokens are invisible (404). On
 * SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../services/tokens.js';
import { tokenFor, testApp } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, type Tenant } from '../../test/support/fixtures.js';

interface OwnedToken {
  id: string;
  userId: string;
  userEmail: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

describeEachDialect('admin: API tokens of the organisation', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let other: Tenant;
  const secrets: Record<'admin' | 'editor' | 'viewer' | 'ci' | 'other', string> = {
    admin: '',
    editor: '',
    viewer: '',
    ci: '',
    other: '',
  };
  let ciTokenId: string;
  let otherTokenId: string;

  beforeAll(async () => {
    const ctx = env().ctx;
    ({ app } = await testApp(ctx));
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    secrets.admin = await tokenFor(ctx, t.admin);
    secrets.editor = await tokenFor(ctx, t.editor);
    secrets.viewer = await tokenFor(ctx, t.viewer);
    const ci = await createToken(ctx, t.editor, t.editor.userId!, {
      name: 'CI – firmware build',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    if (!ci.ok) throw new Error(ci.error.message);
    secrets.ci = ci.value.secret;
    ciTokenId = ci.value.token.id;
    const o = await createToken(ctx, other.editor, other.editor.userId!, {
      name: 'other CI',
      expiresAt: null,
    });
    if (!o.ok) throw new Error(o.error.message);
    secrets.other = o.value.secret;
    otherTokenId = o.value.token.id;
  });
  afterAll(async () => app.close());

  const as = (who: keyof typeof secrets, method: 'GET' | 'DELETE', url: string) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${secrets[who]}` } });

  it("lists every user's tokens with owner, dates and status, and never the secret", async () => {
    // Used once, so "last used" is set.
    expect((await as('ci', 'GET', '/api/v1/products')).statusCode).toBe(200);
    const res = await as('admin', 'GET', '/api/v1/tokens');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: OwnedToken[] }>().items;
    expect(items.map((i) => [i.userEmail, i.name]).sort()).toEqual(
      [
        [t.emails.admin, 'test'],
        [t.emails.editor, 'test'],
        [t.emails.editor, 'CI – firmware build'],
        [t.emails.viewer, 'test'],
      ].sort(),
    );
    const ci = items.find((i) => i.id === ciTokenId)!;
    expect(ci).toMatchObject({
      userId: t.editor.userId,
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    expect(ci.lastUsedAt).not.toBeNull();
    expect(ci.prefix).toBe(secrets.ci.slice(0, 13));
    for (const s of Object.values(secrets)) expect(res.body).not.toContain(s);
    expect(res.body).not.toMatch(/token_?hash|secret/i);
    expect(items.some((i) => i.id === otherTokenId)).toBe(false);
  });

  it("filters by user; another organisation's user has no tokens here", async () => {
    const mine = await as('admin', 'GET', `/api/v1/tokens?userId=${t.editor.userId}`);
    expect(
      mine
        .json<{ items: OwnedToken[] }>()
        .items.map((i) => i.name)
        .sort(),
    ).toEqual(['CI – firmware build', 'test']);
    const theirs = await as('admin', 'GET', `/api/v1/tokens?userId=${other.editor.userId}`);
    expect(theirs.json<{ items: OwnedToken[] }>().items).toEqual([]);
  });

  it('refuses editors and viewers (403), and requests without a login (401)', async () => {
    for (const who of ['editor', 'viewer'] as const) {
      const list = await as(who, 'GET', '/api/v1/tokens');
      expect(list.statusCode, who).toBe(403);
      expect(list.json<{ code: string }>().code).toBe('auth.forbidden');
      const revoke = await as(who, 'DELETE', `/api/v1/tokens/${ciTokenId}`);
      expect(revoke.statusCode, who).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/tokens' })).statusCode).toBe(401);
    expect((await as('ci', 'GET', '/api/v1/products')).statusCode).toBe(200);
  });

  it("cannot revoke another organisation's token: not found, and it keeps working", async () => {
    const res = await as('admin', 'DELETE', `/api/v1/tokens/${otherTokenId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('token.not_found');
    expect((await as('other', 'GET', '/api/v1/products')).statusCode).toBe(200);
  });

  it("revokes another user's token: it stops at once, and the audit log says who revoked whose token", async () => {
    const res = await as('admin', 'DELETE', `/api/v1/tokens/${ciTokenId}`);
    expect(res.statusCode, res.body).toBe(200);
    const revoked = res.json<OwnedToken>();
    expect(revoked).toMatchObject({ id: ciTokenId, userEmail: t.emails.editor });
    expect(revoked.revokedAt).not.toBeNull();
    expect((await as('ci', 'GET', '/api/v1/products')).statusCode).toBe(401);

    const audit = await as('viewer', 'GET', `/api/v1/audit?entityType=api_token&entityId=${ciTokenId}`);
    const entries = audit.json<{
      items: {
        action: string;
        actorUserId: string;
        actorName: string;
        before: OwnedToken;
        after: OwnedToken;
      }[];
    }>().items;
    expect(entries.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    const entry = entries[0]!;
    expect(entry).toMatchObject({ actorUserId: t.admin.userId, actorName: t.emails.admin });
    expect(entry.before).toMatchObject({
      userId: t.editor.userId,
      userEmail: t.emails.editor,
      revokedAt: null,
    });
    expect(entry.after).toMatchObject({
      userId: t.editor.userId,
      userEmail: t.emails.editor,
      revokedAt: revoked.revokedAt,
    });

    // Again: nothing changes, nothing more is recorded.
    const again = await as('admin', 'DELETE', `/api/v1/tokens/${ciTokenId}`);
    expect(again.statusCode).toBe(200);
    expect(again.json<OwnedToken>().revokedAt).toBe(revoked.revokedAt);
    const after = await as('viewer', 'GET', `/api/v1/audit?entityType=api_token&entityId=${ciTokenId}`);
    expect(after.json<{ total: number }>().total).toBe(2);
    const listed = (await as('admin', 'GET', '/api/v1/tokens')).json<{ items: OwnedToken[] }>().items;
    expect(listed.find((i) => i.id === ciTokenId)!.revokedAt).toBe(revoked.revokedAt);
  });
});
