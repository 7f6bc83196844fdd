/**
 * Use-case tests on both dialects: roles, validation, tenant isolation, audit trail, auth.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../test/support/databases.js';
import { productInput, seedTenant, strongPassword, unique, type Tenant } from '../../test/support/fixtures.js';
import { describeAuditProblem } from '../core/domain/audit.js';
import { listAudit, verifyAuditChain } from './audit.js';
import { authenticateSession, authenticateToken, changePassword, login, logout } from './auth.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { createProduct, getProduct, listProducts, setProductArchived, updateProduct } from './products.js';
import { createRelease, listReleases, setReleaseArchived, updateRelease } from './releases.js';
import { oneTimePassword } from './secrets.js';
import { createToken, revokeToken } from './tokens.js';
import { createUser, updateUser } from './users.js';

describe('oneTimePassword', () => {
  it('is four groups of five unambiguous characters, different each time', () => {
    const a = oneTimePassword();
    expect(a).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(a).not.toMatch(/[01ilIoOB]/);
    expect(oneTimePassword()).not.toBe(a);
  });
});

/** What an attacker with database access would do first. */
async function dropAuditTriggers(env: TestEnv) {
  if (env.dialect === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(env.store.db);
    await sql`drop trigger audit_log_no_delete`.execute(env.store.db);
  } else {
    await sql`drop trigger audit_log_append_only on audit_log`.execute(env.store.db);
  }
}

describeEachDialect('services', (env) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
  });

  describe('products', () => {
    it('editors create, viewers may only read', async () => {
      const { ctx } = env();
      const created = await createProduct(ctx, t.editor, productInput());
      expect(created.ok).toBe(true);
      const denied = await createProduct(ctx, t.viewer, productInput());
      expect(denied).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      if (!created.ok) return;
      expect((await getProduct(ctx, t.viewer, created.value.id)).ok).toBe(true);
      expect(await updateProduct(ctx, t.viewer, created.value.id, { name: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'auth.forbidden' },
      });
    });

    it('reports every invalid field at once', async () => {
      const result = await createProduct(
        env().ctx,
        t.editor,
        productInput({ name: '  ', manufacturer: '', modelNumbers: ['A', 'A'], connectivity: ['none', 'usb'] }),
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('product.invalid');
      expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['connectivity', 'manufacturer', 'modelNumbers.1', 'name']);
    });

    it('refuses a duplicate name with a stable code, also on update', async () => {
      const { ctx } = env();
      const name = unique('Ventilator');
      expect((await createProduct(ctx, t.editor, productInput({ name }))).ok).toBe(true);
      expect(await createProduct(ctx, t.editor, productInput({ name: ` ${name} ` }))).toMatchObject({
        ok: false,
        error: { code: 'product.name_taken' },
      });
      const other = await createProduct(ctx, t.editor, productInput());
      if (!other.ok) throw new Error('setup');
      expect(await updateProduct(ctx, t.editor, other.value.id, { name })).toMatchObject({
        ok: false,
        error: { code: 'product.name_taken' },
      });
    });

    it('archives and restores without deleting, and audits each step with before and after', async () => {
      const { ctx } = env();
      const created = await createProduct(ctx, t.editor, productInput());
      if (!created.ok) throw new Error('setup');
      const id = created.value.id;
      const archived = await setProductArchived(ctx, t.editor, id, true);
      expect(archived.ok && archived.value.archivedAt).toBeTruthy();
      expect(await updateProduct(ctx, t.editor, id, { description: 'x' })).toMatchObject({ ok: false, error: { code: 'product.archived' } });
      const list = await listProducts(ctx, t.editor, { archived: 'exclude' }, { limit: 500, offset: 0 });
      expect(list.ok && list.value.items.some((p) => p.id === id)).toBe(false);
      expect((await setProductArchived(ctx, t.editor, id, false)).ok).toBe(true);
      const audit = await listAudit(ctx, t.admin, { entityType: 'product', entityId: id }, { limit: 10, offset: 0 });
      if (!audit.ok) throw new Error('audit');
      expect(audit.value.items.map((e) => e.action)).toEqual(['product.restore', 'product.archive', 'product.create']);
      const archiveEntry = audit.value.items[1]!;
      expect(archiveEntry.actorName).toBe(t.emails.editor);
      expect(archiveEntry.before).toMatchObject({ archivedAt: null });
      expect(archiveEntry.after).toMatchObject({ archivedAt: expect.any(String) as unknown });
    });

    it('keeps organisations apart', async () => {
      const { ctx } = env();
      const other = await seedTenant(ctx);
      const mine = await createProduct(ctx, t.editor, productInput());
      if (!mine.ok) throw new Error('setup');
      expect(await getProduct(ctx, other.admin, mine.value.id)).toMatchObject({ ok: false, error: { code: 'product.not_found' } });
      expect(await updateProduct(ctx, other.admin, mine.value.id, { name: 'stolen' })).toMatchObject({ ok: false });
      expect(await setProductArchived(ctx, other.admin, mine.value.id, true)).toMatchObject({ ok: false });
      expect(await createRelease(ctx, other.admin, mine.value.id, { version: '1', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' })).toMatchObject({ ok: false, error: { code: 'product.not_found' } });
      const theirAudit = await listAudit(ctx, other.admin, { entityId: mine.value.id }, { limit: 10, offset: 0 });
      expect(theirAudit.ok && theirAudit.value.total).toBe(0);
    });
  });

  describe('releases', () => {
    const base = { releaseDate: '2025-04-01', stage: 'support' as const, endOfLife: null, endOfSupport: '2032-03-31', notes: '' };

    it('creates, lists newest first with development releases on top, updates and archives', async () => {
      const { ctx } = env();
      const p = await createProduct(ctx, t.editor, productInput());
      if (!p.ok) throw new Error('setup');
      const r1 = await createRelease(ctx, t.editor, p.value.id, { ...base, version: '1.0' });
      const r2 = await createRelease(ctx, t.editor, p.value.id, { ...base, version: '2.0', releaseDate: '2026-04-01' });
      const dev = await createRelease(ctx, t.editor, p.value.id, { ...base, version: '3.0-dev', releaseDate: null, stage: 'development', endOfSupport: null });
      expect(r1.ok && r2.ok && dev.ok).toBe(true);
      const list = await listReleases(ctx, t.viewer, p.value.id, { archived: 'exclude' }, { limit: 10, offset: 0 });
      expect(list.ok && list.value.items.map((r) => r.version)).toEqual(['3.0-dev', '2.0', '1.0']);
      if (!r1.ok) return;
      const updated = await updateRelease(ctx, t.editor, r1.value.id, { stage: 'end_of_support' });
      expect(updated.ok && updated.value.stage).toBe('end_of_support');
      expect((await setReleaseArchived(ctx, t.editor, r1.value.id, true)).ok).toBe(true);
      const after = await listReleases(ctx, t.viewer, p.value.id, { archived: 'exclude' }, { limit: 10, offset: 0 });
      expect(after.ok && after.value.total).toBe(2);
    });

    it('checks dates and life-cycle rules', async () => {
      const { ctx } = env();
      const p = await createProduct(ctx, t.editor, productInput());
      if (!p.ok) throw new Error('setup');
      const bad = await createRelease(ctx, t.editor, p.value.id, {
        version: '1.0',
        releaseDate: '2025-02-30',
        stage: 'support',
        endOfLife: null,
        endOfSupport: null,
        notes: '',
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'release.invalid', issues: [{ path: 'releaseDate' }] } });
      const before = await createRelease(ctx, t.editor, p.value.id, { ...base, version: '1.0', endOfSupport: '2020-01-01' });
      expect(before).toMatchObject({ ok: false, error: { issues: [{ path: 'endOfSupport' }] } });
      const eos = await createRelease(ctx, t.editor, p.value.id, { ...base, version: '1.0', stage: 'end_of_support', endOfSupport: null });
      expect(eos).toMatchObject({ ok: false, error: { issues: [{ path: 'endOfSupport' }] } });
      expect((await createRelease(ctx, t.editor, p.value.id, { ...base, version: '1.0' })).ok).toBe(true);
      expect(await createRelease(ctx, t.editor, p.value.id, { ...base, version: '1.0' })).toMatchObject({
        ok: false,
        error: { code: 'release.version_taken' },
      });
    });
  });

  describe('users and authentication', () => {
    it('logs in, resolves the session, logs out', async () => {
      const { ctx } = env();
      const bad = await login(ctx, t.emails.viewer, 'wrong password!!');
      expect(bad).toMatchObject({ ok: false, error: { code: 'auth.invalid_credentials' } });
      const unknown = await login(ctx, 'nobody@example.com', strongPassword);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'auth.invalid_credentials' } });
      const ok = await login(ctx, t.emails.viewer.toUpperCase(), strongPassword);
      if (!ok.ok) throw new Error(ok.error.message);
      const session = await authenticateSession(ctx, ok.value.sessionToken);
      expect(session?.actor).toMatchObject({ role: 'viewer', organizationId: t.organizationId });
      expect(await authenticateSession(ctx, `${ok.value.sessionToken}x`)).toBeNull();
      await logout(ctx, session!);
      expect(await authenticateSession(ctx, ok.value.sessionToken)).toBeNull();
    });

    it('expired sessions are refused', async () => {
      const { ctx } = env();
      const ok = await login(ctx, t.emails.viewer, strongPassword);
      if (!ok.ok) throw new Error('login');
      const later = { ...ctx, clock: () => new Date(Date.now() + (ctx.sessionTtlMinutes + 1) * 60_000) };
      expect(await authenticateSession(later, ok.value.sessionToken)).toBeNull();
    });

    it('a one-time password must be replaced; the change ends other sessions', async () => {
      const { ctx } = env();
      const created = await createUser(ctx, t.admin, { email: `${unique('new')}@x.example`, displayName: '', role: 'editor' });
      if (!created.ok) throw new Error(created.error.message);
      const { user, oneTimePassword: otp } = created.value;
      expect(user.mustChangePassword).toBe(true);
      const first = await login(ctx, user.email, otp!);
      const second = await login(ctx, user.email, otp!);
      if (!first.ok || !second.ok) throw new Error('login');
      const s1 = (await authenticateSession(ctx, first.value.sessionToken))!;
      const weak = await changePassword(ctx, s1.actor, s1.user, otp!, 'short', s1.sessionIdHash);
      expect(weak).toMatchObject({ ok: false, error: { code: 'auth.password_weak' } });
      const changed = await changePassword(ctx, s1.actor, s1.user, otp!, strongPassword, s1.sessionIdHash);
      expect(changed.ok).toBe(true);
      expect((await authenticateSession(ctx, first.value.sessionToken))?.user.mustChangePassword).toBe(false);
      expect(await authenticateSession(ctx, second.value.sessionToken)).toBeNull();
    });

    it('API tokens are stored hashed, work until revoked, and carry the user’s role', async () => {
      const { ctx, store } = env();
      const created = await createToken(ctx, t.editor, t.editor.userId!, { name: 'CI', expiresAt: null });
      if (!created.ok) throw new Error('token');
      const stored = await store.db.selectFrom('api_tokens').select('token_hash').where('id', '=', created.value.token.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(created.value.secret.slice(7));
      expect((await authenticateToken(ctx, created.value.secret))?.actor.role).toBe('editor');
      await revokeToken(ctx, t.editor, t.editor.userId!, created.value.token.id);
      expect(await authenticateToken(ctx, created.value.secret)).toBeNull();
      expect(await createToken(ctx, t.editor, t.editor.userId!, { name: 'old', expiresAt: '2000-01-01T00:00:00Z' })).toMatchObject({ ok: false });
    });

    it('an organisation keeps at least one active admin; disabled users cannot log in', async () => {
      const { ctx } = env();
      const other = await seedTenant(ctx);
      expect(await updateUser(ctx, other.admin, other.admin.userId!, { role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'user.last_admin' } });
      expect((await updateUser(ctx, other.admin, other.viewer.userId!, { disabled: true })).ok).toBe(true);
      expect(await login(ctx, other.emails.viewer, strongPassword)).toMatchObject({ ok: false });
      expect(await updateUser(ctx, other.editor, other.viewer.userId!, { disabled: false })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    });

    it('first start creates exactly one admin with a one-time password, once', async () => {
      const { ctx } = env();
      // This database already has organisations, so nothing happens.
      expect(await ensureFirstAdmin(ctx, { email: 'a@b.c', organizationName: 'X', operatorName: 't' })).toBeNull();
    });
  });

  describe('audit chain', () => {
    it('verifies intact, then names the first altered and the first removed entry', async () => {
      const { ctx, store } = env();
      await createProduct(ctx, t.editor, productInput());
      const intact = await verifyAuditChain(ctx);
      expect(intact.problem).toBeNull();
      expect(intact.checked).toBeGreaterThan(5);

      await dropAuditTriggers(env());
      await sql`update audit_log set actor_name = 'mallory' where seq = 3`.execute(store.db);
      const altered = await verifyAuditChain(ctx);
      expect(altered.problem).toEqual({ kind: 'hash_mismatch', seq: 3 });
      expect(describeAuditProblem(altered.problem!)).toContain('entry 3 was altered');
      expect(altered.checked).toBe(2);
    });

    it('detects a removed entry in the middle and at the end', async () => {
      const { ctx, store } = env();
      // Continue on the same (now tampered) log: repair is impossible, so check removal on top of it
      // by looking at what the verifier reports once the altered row is gone.
      await sql`delete from audit_log where seq = 3`.execute(store.db);
      const gap = await verifyAuditChain(ctx);
      expect(gap.problem).toEqual({ kind: 'gap', seq: 4, expectedSeq: 3 });
      expect(describeAuditProblem(gap.problem!)).toContain('entry 3 is missing');
    });
  });
});

describeEachDialect('audit chain: removal of the newest entries', (env) => {
  it('is caught by the head record', async () => {
    const { ctx, store } = env();
    await seedTenant(ctx);
    expect((await verifyAuditChain(ctx)).problem).toBeNull();
    const head = await store.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await dropAuditTriggers(env());
    await sql`delete from audit_log where seq = ${head.seq}`.execute(store.db);
    const result = await verifyAuditChain(ctx);
    expect(result.problem).toMatchObject({ kind: 'head_mismatch', headSeq: Number(head.seq) });
  });
});
