/** Personal API tokens for the CLI and CI pipelines. The secret is shown once, stored as a hash. */
import type { Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import {
  findUserToken,
  insertToken,
  listUserTokens,
  revokeToken as revokeTokenRow,
  type ApiToken,
} from '../store/repositories/tokens.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { newApiToken } from './secrets.js';

export type { ApiToken };

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
