/** Shared plumbing for commands: configuration from global flags, and the local store for operator commands. */
import os from 'node:os';
import { loadConfig, ConfigError, type Config, type ConfigInput } from '../config.js';
import { createServiceContext, type ServiceContext } from '../services/context.js';
import { openStore } from '../store/connect.js';
import { migrateToLatest } from '../store/migrate.js';
import { CliFailure, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { OutputFormat } from './output.js';

export interface GlobalOptions {
  format?: OutputFormat;
  server?: string;
  token?: string;
  dataDir?: string;
  databaseUrl?: string;
}

export function configFrom(io: CliIo, global: GlobalOptions, extra: Partial<ConfigInput> = {}): Config {
  try {
    return loadConfig({
      env: io.env,
      cwd: io.cwd,
      flags: {
        ...(global.server ? { server: global.server } : {}),
        ...(global.token ? { token: global.token } : {}),
        ...(global.dataDir ? { dataDir: global.dataDir } : {}),
        ...(global.databaseUrl ? { databaseUrl: global.databaseUrl } : {}),
        ...extra,
      },
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new CliFailure(e.message, exitCodes.usage);
    throw e;
  }
}

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
