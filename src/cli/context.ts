/** Shared plumbing for commands: configuration from global flags, and the local store for operator commands. */
import os from 'node:os';
import type { Config } from '../config.js';
import { createServiceContext, type ServiceContext } from '../services/context.js';
import { openStore } from '../store/connect.js';
import { migrateToLatest } from '../store/migrate.js';
import type { CliIo } from './io.js';

export { configFrom, type GlobalOptions } from './config-from.js';

/** Opens (and migrates) the local database for an operator command, and always closes it. */
export async function withLocalStore<T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const store = openStore(config.databaseUrl);
  try {
    await migrateToLatest(store.db, store.dialect);
    return await fn(createServiceContext(store, { sessionTtlMinutes: config.sessionTtlMinutes }));
  } finally {
    await store.close();
  }
}

export function operatorName(io: CliIo): string {
  try {
    return io.env.USER ?? os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
