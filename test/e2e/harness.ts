/**
 * End-to-end harness: builds the web app with Vite, starts a real mamori server on a free port with
 * a throw-away data folder, and launches Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const chromiumPath = '/usr/bin/chromium';
/**
 * Where the server is started from: the repository itself, unless MAMORI_E2E_SERVER_ROOT points at
 * another checkout (useful while src/ is mid-edit: run the web tests against a known-good server).
 */
const serverRoot = process.env.MAMORI_E2E_SERVER_ROOT ?? repoRoot;
export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(chromiumPath)
    ? null
    : `${chromiumPath} is missing: install it with \`apt-get install -y chromium fonts-ipaexfont\` to run the browser tests.`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  readonly baseUrl: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

export async function buildWeb(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which Vite would honour (bundling React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** A digest of everything the web build reads, so a build can be reused while nothing changed. */
function webSourceDigest(): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    else hash.update(path.relative(repoRoot, p)).update('\0').update(readFileSync(p)).update('\0');
  };
  for (const p of ['web', 'vite.config.ts', 'package-lock.json', 'src/contract']) {
    const full = path.join(repoRoot, p);
    if (existsSync(full)) visit(full);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The built web app, shared by every end-to-end file of a run (and later runs while the sources are
 * unchanged): built once into a temporary folder named after the sources' digest, then renamed into
 * place, so parallel test files never see half a build.
 */
export async function sharedWebRoot(): Promise<string> {
  const root = path.join(tmpdir(), `mamori-e2e-web-${webSourceDigest()}`);
  if (existsSync(path.join(root, 'index.html'))) return root;
  const staging = mkdtempSync(path.join(tmpdir(), 'mamori-e2e-web-build-'));
  await buildWeb(staging);
  try {
    renameSync(staging, root);
  } catch {
    // Another test file finished the same build first; use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  return root;
}

export async function startServer(workDir: string, webRoot: string): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = path.join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: serverRoot,
      env: {
        // The server reads only its own MAMORI_* settings: do not inherit the caller's.
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MAMORI_'))),
        MAMORI_DATA_DIR: dataDir,
        MAMORI_WEB_ROOT: webRoot,
        MAMORI_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let password: string | null = null;
  let healthy = false;
  while (Date.now() < deadline && (!password || !healthy)) {
    if (child.exitCode !== null) throw new Error(`mamori serve exited with ${child.exitCode}:\n${stderr}`);
    password ??= /One-time password:\s+(\S+)/.exec(stderr)?.[1] ?? null;
    if (!healthy) {
      try {
        const res = await fetch(`${baseUrl}/api/v1/health`);
        healthy = res.ok;
      } catch {
        healthy = false;
      }
    }
    if (!password || !healthy) await new Promise((r) => setTimeout(r, 200));
  }
  if (!password || !healthy) {
    child.kill('SIGKILL');
    throw new Error(
      `mamori serve did not start in time (password: ${password ? 'seen' : 'missing'}, healthy: ${healthy}):\n${stderr}`,
    );
  }
  return {
    baseUrl,
    adminEmail: 'admin@mamori.local',
    adminPassword: password,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Playwright gives every launch a fresh, temporary profile of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function makeWorkDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'mamori-e2e-'));
}

export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
