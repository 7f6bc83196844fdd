/**
 * Configuration is read once, here, from (highest first) command-line flags, the environment
 * (`MAMORI_*`) and a JSON config file (`MAMORI_CONFIG`, else `mamori.config.json` in the working
 * folder if present). Every problem is reported at once. Nothing else reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof logLevels)[number];

/**
 * The settings as given (flags, environment, file): strings from the environment and the command
 * line, JSON values from the file. `loadConfig` checks and converts them.
 */
export interface ConfigInput {
  host?: string;
  port?: number | string;
  dataDir?: string;
  databaseUrl?: string;
  logLevel?: string;
  /** Mark cookies Secure. Turn on whenever mamori is reached over HTTPS (directly or via a proxy). */
  cookieSecure?: boolean | string;
  trustProxy?: boolean | string;
  sessionTtlMinutes?: number | string;
  loginAttemptsPerMinute?: number | string;
  /** Largest SBOM accepted, in MiB (uploads and CLI). */
  sbomMaxMegabytes?: number | string;
  /** Folder with the built web app (index.html and assets). */
  webRoot?: string;
  /** The vulnerability database file (SQLite, docs/adr/0010-vulnerability-database.md). */
  vulnDb?: string;
  /**
   * Server: analyse a release after its inventory changes, and re-analyse after the vulnerability
   * database changes (docs/adr/0015-automatic-analysis.md). Default on.
   */
  autoAnalysis?: boolean | string;
  /** Server: how often the vulnerability database is checked for changes, in seconds (default 60). */
  feedCheckSeconds?: number | string;
  /** Client-side: the server a CLI command talks to, and its API token. */
  server?: string;
  token?: string;
}

/**
 * Checks of one setting: the converted value, or what is wrong with the given one. Written out
 * rather than with a schema library: the configuration is read by every command, and loading zod
 * cost each one 60–90 ms of its start (ADR 0001, addendum of 2026-11-30).
 */
type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; problem: string };

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value));

const text: Check<string> = (v) =>
  typeof v !== 'string'
    ? { ok: false, problem: `must be text, got ${shown(v)}` }
    : v === ''
      ? { ok: false, problem: 'must not be empty' }
      : { ok: true, value: v };

function integer(min: number, max: number): Check<number> {
  return (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, problem: `must be a whole number from ${min} to ${max}, got ${shown(v)}` };
  };
}

const flag: Check<boolean> = (v) => {
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (v === 'true' || v === '1') return { ok: true, value: true };
  if (v === 'false' || v === '0') return { ok: true, value: false };
  return { ok: false, problem: `must be true or false (or 1 or 0), got ${shown(v)}` };
};

const logLevel: Check<LogLevel> = (v) =>
  typeof v === 'string' && (logLevels as readonly string[]).includes(v)
    ? { ok: true, value: v as LogLevel }
    : { ok: false, problem: `must be one of ${logLevels.join(', ')}, got ${shown(v)}` };

const url: Check<string> = (v) => {
  if (typeof v === 'string' && URL.canParse(v)) return { ok: true, value: v };
  return { ok: false, problem: `must be a URL such as https://mamori.example.org, got ${shown(v)}` };
};

/**
 * `postgres://…` or `postgresql://…` (PostgreSQL), `sqlite:PATH` or a plain file path (SQLite).
 * Anything else with a scheme (`mysql://…`, a typo such as `postgress://…`) is refused: taken as a
 * file path it would silently create a new SQLite database under a strange name.
 */
const databaseUrl: Check<string> = (v) => {
  const t = text(v);
  if (!t.ok) return t;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(t.value)?.[1];
  if (scheme === undefined || scheme === 'sqlite' || (/^postgres(ql)?$/.test(scheme) && t.value.startsWith(`${scheme}://`))) return t;
  return {
    ok: false,
    problem: `must be postgres://USER:PASSWORD@HOST:PORT/DATABASE (PostgreSQL), or sqlite:PATH or a file path (SQLite); "${scheme}:" is not a database mamori supports, got ${shown(v)}`,
  };
};

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** `sqlite:<absolute path>` or `postgres://…`. */
  readonly databaseUrl: string;
  readonly logLevel: LogLevel;
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly sessionTtlMinutes: number;
  readonly loginAttemptsPerMinute: number;
  readonly sbomMaxBytes: number;
  readonly webRoot: string;
  /** Absolute path of the vulnerability database; default `<dataDir>/vulndb.sqlite`. */
  readonly vulnDbPath: string;
  readonly autoAnalysis: boolean;
  readonly feedCheckSeconds: number;
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
  autoAnalysis: 'MAMORI_AUTO_ANALYSIS',
  feedCheckSeconds: 'MAMORI_FEED_CHECK_SECONDS',
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
  // Where each given value came from, for the problem messages.
  const origin: Partial<Record<keyof ConfigInput, string>> = {};
  for (const key of Object.keys(envNames) as (keyof ConfigInput)[]) {
    const fromFlag = options.flags?.[key];
    const fromEnv = env[envNames[key]];
    const fromFile = file[key];
    let from: string;
    if (fromFlag !== undefined) {
      merged[key] = fromFlag;
      from = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      merged[key] = fromEnv;
      from = envNames[key];
    } else if (fromFile !== undefined) {
      merged[key] = fromFile;
      from = `"${key}" in ${filePath}`;
    } else continue;
    origin[key] = from;
  }
  for (const key of Object.keys(file)) {
    if (!(key in envNames)) problems.push(`${filePath}: unknown setting "${key}"`);
  }

  const check = <T>(key: keyof ConfigInput, test: Check<T>, fallback: T): T => {
    const given = merged[key];
    if (given === undefined) return fallback;
    const r = test(given);
    if (r.ok) return r.value;
    problems.push(`${key} (${origin[key]}): ${r.problem}`);
    return fallback;
  };
  const optional = <T>(key: keyof ConfigInput, test: Check<T>): T | undefined => check<T | undefined>(key, test, undefined);
  const c = {
    host: check('host', text, '127.0.0.1'),
    port: check('port', integer(0, 65535), 8080),
    dataDir: check('dataDir', text, '.mamori'),
    databaseUrl: optional('databaseUrl', databaseUrl),
    logLevel: check('logLevel', logLevel, 'info'),
    cookieSecure: check('cookieSecure', flag, false),
    trustProxy: check('trustProxy', flag, false),
    sessionTtlMinutes: check('sessionTtlMinutes', integer(5, 60 * 24 * 30), 12 * 60),
    loginAttemptsPerMinute: check('loginAttemptsPerMinute', integer(1, 1000), 10),
    sbomMaxMegabytes: check('sbomMaxMegabytes', integer(1, 2048), 200),
    webRoot: optional('webRoot', text),
    vulnDb: optional('vulnDb', text),
    autoAnalysis: check('autoAnalysis', flag, true),
    feedCheckSeconds: check('feedCheckSeconds', integer(5, 24 * 60 * 60), 60),
    server: optional('server', url),
    token: optional('token', text),
  };
  if (problems.length > 0) throw new ConfigError(problems);

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
    autoAnalysis: c.autoAnalysis,
    feedCheckSeconds: c.feedCheckSeconds,
    server: c.server,
    token: c.token,
  };
}
