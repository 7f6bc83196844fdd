/** User accounts inside an organisation: created by an admin (or the operator), never with a default password. */
import { authorize, type Actor } from '../core/domain/actor.js';
import type { Role } from '../core/domain/role.js';
import { normalizeEmail, passwordProblem, type Locale, type User } from '../core/domain/user.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { isUniqueViolation } from '../store/connect.js';
import { deleteUserSessions } from '../store/repositories/sessions.js';
import { revokeUserTokens, type ApiToken } from '../store/repositories/tokens.js';
import {
  countActiveAdmins,
  findUser,
  insertUser,
  listUsers as listUserRows,
  setPasswordHash,
  updateUser as updateUserRow,
} from '../store/repositories/users.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { hashPassword, oneTimePassword } from './secrets.js';

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Omit to generate a one-time password that must be changed at first login. */
  readonly password?: string | undefined;
  readonly locale?: Locale | null | undefined;
}

export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  input: NewUser,
): Promise<Result<{ user: User; oneTimePassword: string | null }>> {
  const auth = authorize(actor, 'user.write');
  if (!auth.ok) return auth;
  const email = normalizeEmail(input.email);
  const issues = [];
  if (!emailPattern.test(email) || email.length > 254)
    issues.push({ path: 'email', message: 'Enter a valid email address.' });
  const displayName = input.displayName.trim() || email;
  if (displayName.length > 200) issues.push({ path: 'displayName', message: 'Use at most 200 characters.' });
  const problem = input.password === undefined ? null : passwordProblem(input.password, email);
  if (problem) issues.push({ path: 'password', message: problem });
  if (issues.length > 0) return err('request.invalid', 'The user has invalid fields.', { issues });

  const generated = input.password === undefined ? oneTimePassword() : null;
  const passwordHash = await hashPassword(input.password ?? generated!);
  const at = nowIso(ctx);
  const user: User = {
    id: ctx.newId(),
    organizationId: actor.organizationId,
    email,
    displayName,
    role: input.role,
    locale: input.locale ?? null,
    mustChangePassword: generated !== null,
    createdAt: at,
    updatedAt: at,
    disabledAt: null,
  };
  try {
    await ctx.store.transaction(async (trx) => {
      await insertUser(trx, user, passwordHash);
      await recordAudit(ctx, trx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: user });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      return err('user.email_taken', `An account for ${email} already exists.`, {
        issues: [{ path: 'email', message: 'An account with this email address already exists.' }],
      });
    throw e;
  }
  return ok({ user, oneTimePassword: generated });
}

export async function listUsers(ctx: ServiceContext, actor: Actor, page: PageRequest): Promise<Result<Page<User>>> {
  const auth = authorize(actor, 'user.read');
  if (!auth.ok) return auth;
  return ok(await listUserRows(ctx.store.db, actor.organizationId, page));
}

export async function getUser(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<User>> {
  const auth = authorize(actor, 'user.read');
  if (!auth.ok) return auth;
  const user = await findUser(ctx.store.db, actor.organizationId, id);
  return user ? ok(user) : err('user.not_found', `No user with id ${id}.`);
}

/**
 * Admin changes to another account: role, name, disabled. The last active admin is protected.
 * Disabling ends the user's sessions and revokes their API tokens for good (ADR 0003, addendum):
 * enabling the account again does not bring old tokens back. A patch that changes nothing is not
 * written and not audited.
 */
export async function updateUser(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  patch: { displayName?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
): Promise<Result<User>> {
  const auth = authorize(actor, 'user.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findUser(trx, actor.organizationId, id);
    if (!before) return err('user.not_found', `No user with id ${id}.`);
    const at = nowIso(ctx);
    const after: User = {
      ...before,
      displayName: patch.displayName?.trim() || before.displayName,
      role: patch.role ?? before.role,
      disabledAt: patch.disabled === undefined ? before.disabledAt : patch.disabled ? (before.disabledAt ?? at) : null,
      updatedAt: at,
    };
    if (after.displayName === before.displayName && after.role === before.role && after.disabledAt === before.disabledAt)
      return ok(before);
    const losesAdmin =
      before.role === 'admin' && before.disabledAt === null && (after.role !== 'admin' || after.disabledAt !== null);
    if (losesAdmin && (await countActiveAdmins(trx, actor.organizationId)) <= 1)
      return err('user.last_admin', 'An organisation needs at least one active admin.');
    await updateUserRow(trx, after);
    await recordAudit(ctx, trx, actor, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    // Disabling revokes every token; enabling again revokes any still live from before the account was
    // disabled (disabled before this rule existed), so no old token comes back to life either way.
    if (after.disabledAt !== null) await deleteUserSessions(trx, id);
    const disabling = before.disabledAt === null && after.disabledAt !== null;
    const enabling = before.disabledAt !== null && after.disabledAt === null;
    if (disabling || enabling) {
      for (const token of await revokeUserTokens(trx, id, at, enabling ? before.disabledAt : undefined)) {
        const revoked: ApiToken = { ...token, revokedAt: at };
        await recordAudit(ctx, trx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: token.id, before: token, after: revoked });
      }
    }
    return ok(after);
  });
}

/** What every user may change about their own account. A patch that changes nothing is not written and not audited. */
export async function updateOwnProfile(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  patch: { displayName?: string | undefined; locale?: Locale | null | undefined },
): Promise<Result<User>> {
  return ctx.store.transaction(async (trx) => {
    const before = await findUser(trx, actor.organizationId, userId);
    if (!before) return err('user.not_found', `No user with id ${userId}.`);
    const displayName = patch.displayName === undefined ? before.displayName : patch.displayName.trim();
    if (displayName === '' || displayName.length > 200)
      return err('request.invalid', 'Use 1 to 200 characters for your name.', {
        issues: [{ path: 'displayName', message: 'Use 1 to 200 characters.' }],
      });
    const after: User = {
      ...before,
      displayName,
      locale: patch.locale === undefined ? before.locale : patch.locale,
      updatedAt: nowIso(ctx),
    };
    if (after.displayName === before.displayName && after.locale === before.locale) return ok(before);
    await updateUserRow(trx, after);
    await recordAudit(ctx, trx, actor, { action: 'user.profile_update', entityType: 'user', entityId: userId, before, after });
    return ok(after);
  });
}

/** Admin reset: a new one-time password; the user's sessions end. */
export async function resetUserPassword(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<Result<{ user: User; oneTimePassword: string }>> {
  const auth = authorize(actor, 'user.write');
  if (!auth.ok) return auth;
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  return ctx.store.transaction(async (trx) => {
    const user = await findUser(trx, actor.organizationId, id);
    if (!user) return err('user.not_found', `No user with id ${id}.`);
    await setPasswordHash(trx, id, hash, true, nowIso(ctx));
    await deleteUserSessions(trx, id);
    await recordAudit(ctx, trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
    return ok({ user: { ...user, mustChangePassword: true }, oneTimePassword: password });
  });
}
