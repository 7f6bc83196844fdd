/** Shared plumbing for commands: configuration from global flags, and the local store for operator commands. */
import os from 'node:os';
import type { Config } from '../config.js';
import { createServiceContext, type ServiceContext } from '../services/context.js';
import { existsSync } from 'node:fs';
import type { MigrationResultSet } from 'kysely';
import { dialectOf, openStore, type Store } from '../store/connect.js';
import { CliFailure, exitCodes } from './exit-codes.js';
import { migrateToLatest } from '../store/migrate.js';
import type { CliIo } from './io.js';

export { configFrom, type GlobalOptions } from './config-from.js';

/**
 * Opens (and migrates) the local database for an operator command, and always closes it. A SQLite
 * database that does not exist yet is an error (a mistyped --data-dir would otherwise get a new,
 * empty installation), unless `create` (serve, db migrate).
 */
export async function withLocalStore<T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>, options: { create?: boolean } = {}): Promise<T> {
  const store = openLocalStore(config, options);
  try {
    await migrateForCommand(store, config.databaseUrl);
    return await fn(createServiceContext(store, { sessionTtlMinutes: config.sessionTtlMinutes }));
  } finally {
    await store.close();
  }
}

/** `openStore` for a command: refuses a SQLite file that does not exist unless `create`. */
export function openLocalStore(config: Config, options: { create?: boolean } = {}): Store {
  if (dialectOf(config.databaseUrl) === 'sqlite' && options.create !== true) {
    const file = config.databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:' && !existsSync(file))
      throw new CliFailure(
        `No mamori database at ${file}. Check --data-dir (MAMORI_DATA_DIR) or MAMORI_DATABASE_URL; a new installation is created by \`mamori serve\` or \`mamori db migrate\`.`,
        exitCodes.usage,
      );
  }
  return openStore(config.databaseUrl);
}

const unreachableCodes: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '28P01': 'password authentication failed',
  '28000': 'the server refused the login',
  '3D000': 'the database does not exist',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_NOTADB: 'the file is not an SQLite database',
};

/** The URL without its password, for messages. */
function shownUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url.replace(/^sqlite:/, '');
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL server';
  }
}

/**
 * Applies pending migrations for a command. A database that cannot be reached (server down, wrong
 * host, password or database name, a file that is not a database) is an input error, exit 2; a
 * migration that fails on a reachable database is an internal error, exit 3.
 */
export async function migrateForCommand(store: Store, databaseUrl: string): Promise<MigrationResultSet> {
  const result = await migrateToLatest(store.db, store.dialect);
  if (result.error !== undefined) {
    const e = result.error as Error & { code?: string };
    const why = e.code !== undefined ? unreachableCodes[e.code] : undefined;
    if (why !== undefined)
      throw new CliFailure(`Cannot use the database ${shownUrl(databaseUrl)}: ${why} (${e.message}).`, exitCodes.usage);
    throw new CliFailure(`Migration failed: ${e.message}`, exitCodes.internal);
  }
  return result;
}

export function operatorName(io: CliIo): string {
  try {
    return io.env.USER ?? os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
