/**
 * Logging in and out, and turning a session cookie or an API token back into an actor.
 * Secrets are never stored: sessions and tokens are kept as SHA-256 hashes, passwords as argon2id.
 */
import type { Actor } from '../core/domain/actor.js';
import { normalizeEmail, passwordProblem, type User } from '../core/domain/user.js';
import { err, ok, type Result } from '../core/result.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  insertSession,
  touchSession,
} from '../store/repositories/sessions.js';
import { findLiveToken, touchToken } from '../store/repositories/tokens.js';
import { findPasswordHash, findUserByEmail, setPasswordHash } from '../store/repositories/users.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { apiTokenPrefix, dummyPasswordHash, hashPassword, randomSecret, verifyPassword } from './secrets.js';

export function actorFor(user: User, via: Actor['via']): Actor {
  return { userId: user.id, organizationId: user.organizationId, role: user.role, name: user.email, via };
}

export interface LoginResult {
  /** The secret for the session cookie; only its hash is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly user: User;
}

function addMinutes(date: Date, minutes: number): string {
  return new Date(date.getTime() + minutes * 60_000).toISOString();
}

export async function login(ctx: ServiceContext, email: string, password: string): Promise<Result<LoginResult>> {
  const found = await findUserByEmail(ctx.store.db, normalizeEmail(email));
  // Spend the same work whether or not the account exists, so timing does not reveal accounts.
  const valid = found
    ? await verifyPassword(found.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  if (!found || !valid || found.user.disabledAt !== null) {
    if (found) {
      // Failed attempts on a real account are security-relevant: record them (login is rate-limited).
      const user = found.user;
      await ctx.store.transaction((trx) =>
        recordAudit(ctx, trx, actorFor(user, 'session'), {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: user.disabledAt !== null ? 'disabled' : 'wrong_password' },
        }),
      );
    }
    return err('auth.invalid_credentials', 'The email address or password is wrong.');
  }
  const sessionToken = randomSecret(32);
  const csrfToken = randomSecret(32);
  const now = ctx.clock();
  const expiresAt = addMinutes(now, ctx.sessionTtlMinutes);
  const user = found.user;
  await ctx.store.transaction(async (trx) => {
    await deleteExpiredSessions(trx, now.toISOString());
    await insertSession(trx, {
      idHash: ctx.sha256(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
      lastSeenAt: now.toISOString(),
    });
    await recordAudit(ctx, trx, actorFor(user, 'session'), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return ok({ sessionToken, csrfToken, expiresAt, user });
}

export interface SessionAuth {
  readonly actor: Actor;
  readonly user: User;
  readonly csrfToken: string;
  readonly sessionIdHash: string;
  readonly expiresAt: string;
  /** True when this request moved the expiry forward (the cookie should be renewed). */
  readonly renewed?: boolean;
}

/** Resolves a session cookie; slides the expiry forward at most once a minute. */
export async function authenticateSession(ctx: ServiceContext, sessionToken: string): Promise<SessionAuth | null> {
  const idHash = ctx.sha256(sessionToken);
  const now = ctx.clock();
  const found = await findLiveSession(ctx.store.db, idHash, now.toISOString());
  if (!found) return null;
  let expiresAt = found.session.expiresAt;
  let renewed = false;
  if (now.getTime() - Date.parse(found.session.lastSeenAt) > 60_000) {
    expiresAt = addMinutes(now, ctx.sessionTtlMinutes);
    renewed = true;
    await touchSession(ctx.store.db, idHash, now.toISOString(), expiresAt);
  }
  return {
    actor: actorFor(found.user, 'session'),
    user: found.user,
    csrfToken: found.session.csrfToken,
    sessionIdHash: idHash,
    expiresAt,
    renewed,
  };
}

export async function authenticateToken(
  ctx: ServiceContext,
  token: string,
): Promise<{ actor: Actor; user: User } | null> {
  if (!token.startsWith(apiTokenPrefix)) return null;
  const now = nowIso(ctx);
  const found = await findLiveToken(ctx.store.db, ctx.sha256(token), now);
  if (!found) return null;
  if (found.token.lastUsedAt === null || Date.parse(now) - Date.parse(found.token.lastUsedAt) > 60_000)
    await touchToken(ctx.store.db, found.token.id, now);
  return { actor: actorFor(found.user, 'token'), user: found.user };
}

export async function logout(ctx: ServiceContext, auth: SessionAuth): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    await deleteSession(trx, auth.sessionIdHash);
    await recordAudit(ctx, trx, auth.actor, { action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
  });
}

/**
 * Changes the caller's own password after checking the current one. Other sessions of the user are
 * ended; the current one (if any) stays.
 */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  user: User,
  currentPassword: string,
  newPassword: string,
  keepSessionIdHash?: string,
): Promise<Result<true>> {
  const hash = await findPasswordHash(ctx.store.db, user.id);
  if (!hash || !(await verifyPassword(hash, currentPassword)))
    return err('auth.invalid_credentials', 'The current password is wrong.', {
      issues: [{ path: 'currentPassword', message: 'The current password is wrong.' }],
    });
  const problem = passwordProblem(newPassword, user.email);
  if (problem) return err('auth.password_weak', problem, { issues: [{ path: 'newPassword', message: problem }] });
  if (newPassword === currentPassword)
    return err('auth.password_weak', 'Choose a password different from the current one.', {
      issues: [{ path: 'newPassword', message: 'Choose a password different from the current one.' }],
    });
  const newHash = await hashPassword(newPassword);
  await ctx.store.transaction(async (trx) => {
    await setPasswordHash(trx, user.id, newHash, false, nowIso(ctx));
    await deleteUserSessions(trx, user.id, keepSessionIdHash);
    await recordAudit(ctx, trx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
  return ok(true);
}
