/**
 * Account changes as an auditor reads them (QA auditor report 12): a profile or user patch that
 * changes nothing leaves no audit entry; disabling a user revokes their API tokens for good, so
 * enabling the account again does not bring old tokens back (ADR 0003, addendum).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { findUser, updateUser as updateUserRow } from '../store/repositories/users.js';
import { listAudit } from './audit.js';
import { authenticateToken } from './auth.js';
import { createToken, listTokens } from './tokens.js';
import { updateOwnProfile, updateUser } from './users.js';

describeEachDialect('user changes in the audit log', (env) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
  });
  const entriesAbout = async (entityId: string) => {
    const page = await listAudit(env().ctx, t.admin, { entityId }, { limit: 500, offset: 0 });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.items;
  };

  it('a profile patch that changes nothing (the web app on every language switch) is not written or audited', async () => {
    const ctx = env().ctx;
    const id = t.viewer.userId!;
    const first = await updateOwnProfile(ctx, t.viewer, id, { locale: 'ja' });
    expect(first).toMatchObject({ ok: true, value: { locale: 'ja' } });
    const count = (await entriesAbout(id)).length;
    const stored = await findUser(ctx.store.db, t.organizationId, id);
    const again = await updateOwnProfile(ctx, t.viewer, id, {
      locale: 'ja',
      displayName: ` ${stored!.displayName} `,
    });
    expect(again).toEqual({ ok: true, value: stored });
    expect(await findUser(ctx.store.db, t.organizationId, id)).toEqual(stored);
    expect((await entriesAbout(id)).length).toBe(count);
    // A real change still is.
    expect(await updateOwnProfile(ctx, t.viewer, id, { locale: 'en' })).toMatchObject({
      ok: true,
      value: { locale: 'en' },
    });
    const after = await entriesAbout(id);
    expect(after.length).toBe(count + 1);
    expect(after[0]).toMatchObject({
      action: 'user.profile_update',
      before: { locale: 'ja' },
      after: { locale: 'en' },
    });
  });

  it('an admin patch that changes nothing is not audited either', async () => {
    const ctx = env().ctx;
    const id = t.editor.userId!;
    const count = (await entriesAbout(id)).length;
    const stored = await findUser(ctx.store.db, t.organizationId, id);
    expect(
      await updateUser(ctx, t.admin, id, {
        role: 'editor',
        disabled: false,
        displayName: stored!.displayName,
      }),
    ).toEqual({ ok: true, value: stored });
    expect((await entriesAbout(id)).length).toBe(count);
  });

  it('disabling revokes the tokens: enabling the account again does not revive them', async () => {
    const ctx = env().ctx;
    const seeded = await seedTenant(ctx);
    const id = seeded.viewer.userId!;
    const token = await createToken(ctx, seeded.viewer, id, { name: 'audit 2025', expiresAt: null });
    if (!token.ok) throw new Error(token.error.message);
    expect(await authenticateToken(ctx, token.value.secret)).not.toBeNull();

    expect((await updateUser(ctx, seeded.admin, id, { disabled: true })).ok).toBe(true);
    expect(await authenticateToken(ctx, token.value.secret)).toBeNull();
    expect((await listTokens(ctx, id))[0]!.revokedAt).not.toBeNull();

    expect((await updateUser(ctx, seeded.admin, id, { disabled: false })).ok).toBe(true);
    expect(await authenticateToken(ctx, token.value.secret)).toBeNull();
    // A new token works.
    const next = await createToken(ctx, seeded.viewer, id, { name: 'audit 2026', expiresAt: null });
    if (!next.ok) throw new Error(next.error.message);
    expect(await authenticateToken(ctx, next.value.secret)).not.toBeNull();

    const page = await listAudit(
      ctx,
      seeded.admin,
      { entityId: token.value.token.id },
      { limit: 50, offset: 0 },
    );
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.items.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    expect(page.value.items[0]).toMatchObject({
      actorName: seeded.admin.name,
      before: { revokedAt: null },
      after: { revokedAt: expect.any(String) as unknown },
    });
  });

  it('enabling an account disabled before this rule revokes the tokens it still has', async () => {
    const ctx = env().ctx;
    const seeded = await seedTenant(ctx);
    const id = seeded.viewer.userId!;
    const token = await createToken(ctx, seeded.viewer, id, { name: 'old audit', expiresAt: null });
    if (!token.ok) throw new Error(token.error.message);
    // Disabled the old way: the account only, its tokens left as they were.
    const user = await findUser(ctx.store.db, seeded.organizationId, id);
    await updateUserRow(ctx.store.db, { ...user!, disabledAt: ctx.clock().toISOString() });
    expect(await authenticateToken(ctx, token.value.secret)).toBeNull();
    expect((await updateUser(ctx, seeded.admin, id, { disabled: false })).ok).toBe(true);
    expect(await authenticateToken(ctx, token.value.secret)).toBeNull();
  });
});
