/** Personal API tokens for the CLI and CI pipelines. The secret is shown once, stored as a hash. */
import { authorize, type Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import {
  findOrganizationToken,
  findUserToken,
  insertToken,
  listOrganizationTokens as listOrganizationTokenRows,
  listUserTokens,
  revokeToken as revokeTokenRow,
  type ApiToken,
  type OwnedApiToken,
} from '../store/repositories/tokens.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { newApiToken } from './secrets.js';

export type { ApiToken, OwnedApiToken };

export async function createToken(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  input: { name: string; expiresAt: string | null },
): Promise<Result<{ token: ApiToken; secret: string }>> {
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    return err('request.invalid', 'Give the token a name of 1 to 100 characters.', {
      issues: [{ path: 'name', message: 'Give the token a name of 1 to 100 characters.' }],
    });
  if (input.expiresAt !== null && !(Date.parse(input.expiresAt) > ctx.clock().getTime()))
    return err('request.invalid', 'The expiry must be a future date and time.', {
      issues: [{ path: 'expiresAt', message: 'The expiry must be a future date and time.' }],
    });
  const secret = newApiToken();
  const token: ApiToken = {
    id: ctx.newId(),
    userId,
    name,
    prefix: secret.slice(0, 'mamori_'.length + 6),
    createdAt: nowIso(ctx),
    lastUsedAt: null,
    expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt).toISOString(),
    revokedAt: null,
  };
  await ctx.store.transaction(async (trx) => {
    await insertToken(trx, token, ctx.sha256(secret));
    await recordAudit(ctx, trx, actor, { action: 'token.create', entityType: 'api_token', entityId: token.id, after: token });
  });
  return ok({ token, secret });
}

export async function listTokens(ctx: ServiceContext, userId: string): Promise<ApiToken[]> {
  return listUserTokens(ctx.store.db, userId);
}

export async function revokeToken(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  tokenId: string,
): Promise<Result<ApiToken>> {
  return ctx.store.transaction(async (trx) => {
    const before = await findUserToken(trx, userId, tokenId);
    if (!before) return err('token.not_found', `No token with id ${tokenId}.`);
    if (before.revokedAt) return ok(before);
    const after: ApiToken = { ...before, revokedAt: nowIso(ctx) };
    await revokeTokenRow(trx, tokenId, after.revokedAt!);
    await recordAudit(ctx, trx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId, before, after });
    return ok(after);
  });
}

/**
 * Every API token of the organisation's users, with its owner (admins: `user.write`), e.g. to find a
 * leaked CI token. Never the secret: only its hash is stored, and only the prefix is shown.
 */
export async function listOrganizationTokens(
  ctx: ServiceContext,
  actor: Actor,
  filter: { userId?: string | undefined } = {},
): Promise<Result<OwnedApiToken[]>> {
  const auth = authorize(actor, 'user.write');
  if (!auth.ok) return auth;
  return ok(await listOrganizationTokenRows(ctx.store.db, actor.organizationId, filter.userId));
}

/**
 * An admin revokes any user's token of the organisation; it stops working at once. Audited as
 * `token.revoke` by the admin, with the token and its owner (`userId`, `userEmail`) before and after.
 * Another organisation's token is token.not_found; revoking a revoked token changes nothing.
 */
export async function revokeOrganizationToken(
  ctx: ServiceContext,
  actor: Actor,
  tokenId: string,
): Promise<Result<OwnedApiToken>> {
  const auth = authorize(actor, 'user.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findOrganizationToken(trx, actor.organizationId, tokenId);
    if (!before) return err('token.not_found', `No token with id ${tokenId}.`);
    if (before.revokedAt) return ok(before);
    const after: OwnedApiToken = { ...before, revokedAt: nowIso(ctx) };
    await revokeTokenRow(trx, tokenId, after.revokedAt!);
    await recordAudit(ctx, trx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId, before, after });
    return ok(after);
  });
}
