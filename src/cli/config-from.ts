/**
 * Configuration for a command from its global flags, the environment and the config file. Kept apart
 * from context.ts, which opens the local store: the offline commands CI pipelines run (`scan`,
 * `sbom`, `version`; light.ts) read their settings without loading Kysely and the migrations.
 */
import { ConfigError, loadConfig, type Config, type ConfigInput } from '../config.js';
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
