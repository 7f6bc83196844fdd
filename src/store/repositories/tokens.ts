import type { User } from '../../core/domain/user.js';
import type { ApiTokensTable, Db } from '../database.js';
import { toUser } from './users.js';

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  /** The first characters of the secret, to recognise a token in lists; never enough to use it. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertToken(db: Db, token: ApiToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: tokenHash,
      prefix: token.prefix,
      created_at: token.createdAt,
      last_used_at: token.lastUsedAt,
      expires_at: token.expiresAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

export async function findLiveToken(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ token: ApiToken; user: User } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as t_id',
      'api_tokens.name as t_name',
      'api_tokens.prefix as t_prefix',
      'api_tokens.created_at as t_created_at',
      'api_tokens.last_used_at as t_last_used_at',
      'api_tokens.expires_at as t_expires_at',
      'api_tokens.revoked_at as t_revoked_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    token: {
      id: row.t_id,
      userId: row.id,
      name: row.t_name,
      prefix: row.t_prefix,
      createdAt: row.t_created_at,
      lastUsedAt: row.t_last_used_at,
      expiresAt: row.t_expires_at,
      revokedAt: row.t_revoked_at,
    },
    user: toUser(row),
  };
}

export async function listUserTokens(db: Db, userId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toToken);
}

export async function findUserToken(db: Db, userId: string, id: string): Promise<ApiToken | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toToken(row);
}

export async function revokeToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/**
 * Revokes every token of a user that is not revoked yet (only those created up to `createdUpTo` when
 * given); returns them as they were before.
 */
export async function revokeUserTokens(
  db: Db,
  userId: string,
  at: string,
  createdUpTo?: string,
): Promise<ApiToken[]> {
  const live = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(createdUpTo !== undefined, (q) => q.where('created_at', '<=', createdUpTo!))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (live.length === 0) return [];
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where(
      'id',
      'in',
      live.map((t) => t.id),
    )
    .execute();
  return live.map(toToken);
}

/** A token with its owner, for the organisation's admins. */
export interface OwnedApiToken extends ApiToken {
  readonly userEmail: string;
  readonly userDisplayName: string;
}

function organizationTokens(db: Db, organizationId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.email as user_email', 'users.display_name as user_display_name'])
    .where('users.organization_id', '=', organizationId);
}

function toOwnedToken(
  row: ApiTokensTable & { user_email: string; user_display_name: string },
): OwnedApiToken {
  return { ...toToken(row), userEmail: row.user_email, userDisplayName: row.user_display_name };
}

/** The tokens of every user of the organisation (optionally of one), by owner, newest first. */
export async function listOrganizationTokens(
  db: Db,
  organizationId: string,
  userId?: string,
): Promise<OwnedApiToken[]> {
  const rows = await organizationTokens(db, organizationId)
    .$if(userId !== undefined, (q) => q.where('api_tokens.user_id', '=', userId!))
    .orderBy('users.email')
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
  return rows.map(toOwnedToken);
}

/** A token of any user of the organisation; undefined for another organisation's. */
export async function findOrganizationToken(
  db: Db,
  organizationId: string,
  id: string,
): Promise<OwnedApiToken | undefined> {
  const row = await organizationTokens(db, organizationId).where('api_tokens.id', '=', id).executeTakeFirst();
  return row && toOwnedToken(row);
}
