/**
 * Configuration is read once, here, from (highest first) command-line flags, the environment
 * (`MAMORI_*`) and a JSON config file (`MAMORI_CONFIG`, else `mamori.config.json` in the working
 * folder if present). Every problem is reported at once. Nothing else reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

const schema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  dataDir: z.string().min(1).default('.mamori'),
  databaseUrl: z.string().min(1).optional(),
  logLevel: z.enum(logLevels).default('info'),
  /** Mark cookies Secure. Turn on whenever mamori is reached over HTTPS (directly or via a proxy). */
  cookieSecure: boolish.default(false),
  trustProxy: boolish.default(false),
  sessionTtlMinutes: z.coerce.number().int().min(5).max(60 * 24 * 30).default(12 * 60),
  loginAttemptsPerMinute: z.coerce.number().int().min(1).max(1000).default(10),
  /** Largest SBOM accepted, in MiB (uploads and CLI). */
  sbomMaxMegabytes: z.coerce.number().int().min(1).max(2048).default(200),
  /** Folder with the built web app (index.html and assets). */
  webRoot: z.string().min(1).optional(),
  /** The vulnerability database file (SQLite, docs/adr/0010-vulnerability-database.md). */
  vulnDb: z.string().min(1).optional(),
  /** Client-side: the server a CLI command talks to, and its API token. */
  server: z.string().url().optional(),
  token: z.string().min(1).optional(),
});

export type ConfigInput = z.input<typeof schema>;

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** `sqlite:<absolute path>` or `postgres://…`. */
  readonly databaseUrl: string;
  readonly logLevel: (typeof logLevels)[number];
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly sessionTtlMinutes: number;
  readonly loginAttemptsPerMinute: number;
  readonly sbomMaxBytes: number;
  readonly webRoot: string;
  /** Absolute path of the vulnerability database; default `<dataDir>/vulndb.sqlite`. */
  readonly vulnDbPath: string;
  readonly server: string | undefined;
  readonly token: string | undefined;
}

const envNames: Record<keyof ConfigInput, string> = {
  host: 'MAMORI_HOST',
  port: 'MAMORI_PORT',
  dataDir: 'MAMORI_DATA_DIR',
  databaseUrl: 'MAMORI_DATABASE_URL',
  logLevel: 'MAMORI_LOG_LEVEL',
  cookieSecure: 'MAMORI_COOKIE_SECURE',
  trustProxy: 'MAMORI_TRUST_PROXY',
  sessionTtlMinutes: 'MAMORI_SESSION_TTL_MINUTES',
  loginAttemptsPerMinute: 'MAMORI_LOGIN_ATTEMPTS_PER_MINUTE',
  sbomMaxMegabytes: 'MAMORI_SBOM_MAX_MB',
  webRoot: 'MAMORI_WEB_ROOT',
  vulnDb: 'MAMORI_VULNDB',
  server: 'MAMORI_SERVER',
  token: 'MAMORI_TOKEN',
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Where the packaged web app is: dist/web beside the compiled server. */
function defaultWebRoot(): string {
  const here = path.dirname(new URL(import.meta.url).pathname);
  // src/config.ts (tests, tsx) and dist/config.js (built) both sit one level below the package root.
  return path.resolve(here, '..', 'dist', 'web');
}

export function toDatabaseUrl(value: string, cwd: string): string {
  if (/^postgres(ql)?:\/\//.test(value)) return value;
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (file === ':memory:') return 'sqlite::memory:';
  return `sqlite:${path.resolve(cwd, file)}`;
}

export interface LoadConfigOptions {
  readonly flags?: Partial<ConfigInput>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];

  let file: Record<string, unknown> = {};
  const explicitFile = env.MAMORI_CONFIG;
  const filePath = explicitFile ? path.resolve(cwd, explicitFile) : path.resolve(cwd, 'mamori.config.json');
  if (explicitFile || existsSync(filePath)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(filePath, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) file = parsed as Record<string, unknown>;
      else problems.push(`${filePath}: must hold a JSON object`);
    } catch (e) {
      problems.push(`${filePath}: ${(e as Error).message}`);
    }
  }

  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(envNames) as (keyof ConfigInput)[]) {
    const fromFlag = options.flags?.[key];
    const fromEnv = env[envNames[key]];
    const fromFile = file[key];
    const value = fromFlag ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined) ?? fromFile;
    if (value !== undefined) merged[key] = value;
  }
  for (const key of Object.keys(file)) {
    if (!(key in envNames)) problems.push(`${filePath}: unknown setting "${key}"`);
  }

  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const name = key in envNames ? `${key} (${envNames[key as keyof ConfigInput]})` : key;
      problems.push(`${name}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const c = parsed.data;
  const dataDir = path.resolve(cwd, c.dataDir);
  return {
    host: c.host,
    port: c.port,
    dataDir,
    databaseUrl: toDatabaseUrl(c.databaseUrl ?? path.join(dataDir, 'mamori.db'), cwd),
    logLevel: c.logLevel,
    cookieSecure: c.cookieSecure,
    trustProxy: c.trustProxy,
    sessionTtlMinutes: c.sessionTtlMinutes,
    loginAttemptsPerMinute: c.loginAttemptsPerMinute,
    sbomMaxBytes: c.sbomMaxMegabytes * 1024 * 1024,
    webRoot: c.webRoot ? path.resolve(cwd, c.webRoot) : defaultWebRoot(),
    vulnDbPath: path.resolve(cwd, c.vulnDb ?? path.join(dataDir, 'vulndb.sqlite')),
    server: c.server,
    token: c.token,
  };
}
