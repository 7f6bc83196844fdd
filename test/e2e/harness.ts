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
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';

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
        // Analysis after uploads stays on; the periodic check of the vulnerability database runs at
        // start only, so that a suite's own "re-analyse" steps see the feed changes they made.
        MAMORI_FEED_CHECK_SECONDS: '86400',
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

// ------------------------------------------------------------------------------- browser suites

/**
 * `describe(title, body)` for a suite that drives Chromium, with the policy every browser suite
 * shares when Chromium is missing: locally the suite is skipped with one warning naming what to
 * install; in CI (`CI=true`) a failing `<title> (CI)` test is registered instead, so a CI image
 * without Chromium cannot pass silently. Call useBrowserSuite first thing in body.
 */
export function describeInBrowser(title: string, body: () => void): void {
  const missing = chromiumMissing();
  if (missing !== null) {
    if (process.env.CI === 'true') {
      describe(`${title} (CI)`, () => {
        it('needs Chromium', () => {
          throw new Error(missing);
        });
      });
    } else {
      console.warn(`Skipping the browser end-to-end tests "${title}": ${missing}`);
    }
  }
  describe.skipIf(missing !== null)(title, body);
}

export type Lang = 'ja' | 'en';
export const otherLang = (l: Lang): Lang => (l === 'ja' ? 'en' : 'ja');

/**
 * Hides what would otherwise spoil every screenshot: the "language changed" toast, and the sticky
 * header that a full-page screenshot would paint mid-page.
 */
const screenshotStyle = '.toast-region { display: none !important; } .topbar { position: static !important; }';

export interface BrowserSuiteOptions {
  /** The browser context's locale. Default 'ja-JP'. */
  locale?: string;
  /** Default 1440×900. */
  viewport?: { width: number; height: number };
  /** Allow file downloads (page.waitForEvent('download')). Default false. */
  acceptDownloads?: boolean;
  /** Browser permissions to grant, e.g. ['clipboard-read', 'clipboard-write']. */
  permissions?: string[];
  /** Prepended to every name given to shot/shootBoth: `<prefix><name>-<lang>.png`. Default ''. */
  screenshotPrefix?: string;
  /** The screenshot saved at the first failure. Default `FAILED-<name>.png`. */
  failureScreenshot?: string;
}

export interface ShotOptions {
  /** The whole page rather than the viewport (ignored with element). Default true. */
  fullPage?: boolean;
  /** A selector: screenshot only the first element it matches. */
  element?: string;
}

/** What useBrowserSuite gives a suite; page, context, browser, server and workDir exist from its beforeAll on. */
export interface BrowserSuite {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly browser: Browser;
  readonly server: RunningServer;
  /** The suite's throw-away folder; the server's data folder is `<workDir>/data`. */
  readonly workDir: string;
  /** Console errors and uncaught page errors seen so far; a suite may empty it (`length = 0`). */
  readonly consoleErrors: string[];
  /** The page's level-1 heading with this accessible name. */
  h1: (name: string | RegExp) => ReturnType<Page['getByRole']>;
  /** The document's current language. */
  lang: () => Promise<Lang>;
  /** Switches the UI language with the header's switcher; waits for <html lang> and the pressed button. */
  switchTo: (l: Lang) => Promise<void>;
  /** The session's CSRF token. */
  csrf: () => Promise<string>;
  /** POST /api/v1<pathname> with the CSRF token (and the body as JSON, when given); throws unless 2xx. */
  apiPost: <T>(pathname: string, body?: unknown) => Promise<T>;
  /** GET /api/v1<pathname>; throws unless 2xx. */
  apiGet: <T>(pathname: string) => Promise<T>;
  /** The first login as the bootstrap admin, through the forced password change, ending on the product list. */
  firstLogin: (newPassword: string) => Promise<void>;
  /**
   * Another user's session: a new browser context (Japanese, 1440×900 unless `viewport`) logged in
   * with the login form as `email`; the caller closes the context.
   */
  loginInNewContext: (email: string, password: string, viewport?: { width: number; height: number }) => Promise<{ context: BrowserContext; page: Page }>;
  /** Screenshot in the current language to test-results/e2e/<prefix><name>-<lang>.png. */
  shot: (name: string, options?: ShotOptions) => Promise<void>;
  /** shot() in the current language, then in the other, then switch back. */
  shootBoth: (name: string, options?: ShotOptions) => Promise<void>;
}

/**
 * Registers, inside the calling describe, everything a browser suite needs around its tests:
 * - beforeAll: a throw-away work folder, a server on the shared web build, Chromium, a context
 *   (baseURL = the server, locale, viewport, downloads, permissions; 15 s default timeout) and one
 *   page whose console errors and page errors are collected into consoleErrors;
 * - beforeEach/afterEach: the tests of a suite build on each other, so after the first failure the
 *   rest are skipped instead of piling up timeouts that hide the cause; that failure leaves
 *   test-results/e2e/FAILED-<name>.png and prints the page's ARIA snapshot;
 * - afterAll: closes the browser, stops the server and removes the work folder.
 *
 * Register it before the suite's own hooks (they then run after its beforeAll). The returned object's
 * getters are only valid from beforeAll on (they throw before); its helpers and consoleErrors are
 * safe to destructure at collection time. Per-suite differences go in options.
 *
 * @param name Names the failure screenshot (`FAILED-<name>.png`) and errors about the suite.
 * @example
 * describeInBrowser('release page end to end', () => {
 *   const suite = useBrowserSuite('sbom', { acceptDownloads: true });
 *   const { consoleErrors, h1, firstLogin, shootBoth } = suite;
 *   let page: Page;
 *   beforeAll(() => {
 *     page = suite.page;
 *   });
 *   it('logs in', async () => {
 *     await firstLogin('Correct-Horse-Battery-42');
 *     await shootBoth('products'); // test-results/e2e/products-ja.png and products-en.png
 *   });
 * });
 */
export function useBrowserSuite(name: string, options: BrowserSuiteOptions = {}): BrowserSuite {
  let work = '';
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  const consoleErrors: string[] = [];
  const ready = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`useBrowserSuite(${name}): no ${what} yet (it is set up in beforeAll)`);
    return value;
  };
  const currentPage = () => ready(page, 'page');

  beforeAll(async () => {
    work = makeWorkDir();
    const webRoot = await sharedWebRoot();
    server = await startServer(work, webRoot);
    browser = await launchBrowser();
    const contextOptions: BrowserContextOptions = {
      baseURL: server.baseUrl,
      locale: options.locale ?? 'ja-JP',
      viewport: options.viewport ?? { width: 1440, height: 900 },
    };
    if (options.permissions) contextOptions.permissions = options.permissions;
    if (options.acceptDownloads) contextOptions.acceptDownloads = true;
    context = await browser.newContext(contextOptions);
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);

  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || failed || !page) return;
    failed = true;
    const p = page;
    const file = options.failureScreenshot ?? `FAILED-${name}.png`;
    await p.screenshot({ path: path.join(screenshotDir, file), fullPage: true }).catch(() => undefined);
    console.error(`Page at failure (${p.url()}):\n${await p.locator('body').ariaSnapshot().catch(() => '?')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (work) removeWorkDir(work);
  });

  const h1 = (heading: string | RegExp) => currentPage().getByRole('heading', { level: 1, name: heading });
  const lang = () => currentPage().evaluate(() => document.documentElement.lang) as Promise<Lang>;

  async function switchTo(l: Lang) {
    const p = currentPage();
    await p
      .locator('.lang-switch')
      .getByRole('button', { name: l === 'ja' ? '日本語' : 'English' })
      .click();
    await p.waitForFunction((want) => document.documentElement.lang === want, l);
    await p.locator(`.lang-option[lang="${l}"][aria-pressed="true"]`).waitFor();
  }

  async function csrf(): Promise<string> {
    const res = await currentPage().request.get('/api/v1/session');
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async function apiPost<T>(pathname: string, body?: unknown): Promise<T> {
    const res = await currentPage().request.post(`/api/v1${pathname}`, {
      ...(body === undefined ? {} : { data: body as never }),
      headers: { 'x-csrf-token': await csrf() },
    });
    if (!res.ok()) throw new Error(`${pathname}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function apiGet<T>(pathname: string): Promise<T> {
    const res = await currentPage().request.get(`/api/v1${pathname}`);
    if (!res.ok()) throw new Error(`${pathname}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function firstLogin(newPassword: string) {
    const p = currentPage();
    const srv = ready(server, 'server');
    await p.goto('/login');
    await h1('ログイン').waitFor();
    await p.getByLabel('メールアドレス').fill(srv.adminEmail);
    await p.getByLabel('パスワード').fill(srv.adminPassword);
    await p.getByRole('button', { name: 'ログイン', exact: true }).click();
    await h1('新しいパスワードの設定').waitFor();
    await p.getByLabel('現在のパスワード').fill(srv.adminPassword);
    await p.getByLabel('新しいパスワード', { exact: true }).fill(newPassword);
    await p.getByLabel('新しいパスワード（確認）').fill(newPassword);
    await p.getByRole('button', { name: 'パスワードを変更' }).click();
    await h1('製品').waitFor();
  }

  async function loginInNewContext(email: string, password: string, viewport = { width: 1440, height: 900 }) {
    const other = await ready(browser, 'browser').newContext({ baseURL: ready(server, 'server').baseUrl, locale: 'ja-JP', viewport });
    const p = await other.newPage();
    await p.goto('/login');
    await p.getByLabel('メールアドレス').fill(email);
    await p.getByLabel('パスワード').fill(password);
    await p.getByRole('button', { name: 'ログイン', exact: true }).click();
    return { context: other, page: p };
  }

  async function shot(shotName: string, { fullPage = true, element }: ShotOptions = {}) {
    const p = currentPage();
    const file = path.join(screenshotDir, `${options.screenshotPrefix ?? ''}${shotName}-${await lang()}.png`);
    const common = { path: file, animations: 'disabled' as const, style: screenshotStyle };
    if (element) await p.locator(element).first().screenshot(common);
    else await p.screenshot({ ...common, fullPage });
  }

  async function shootBoth(shotName: string, shotOptions?: ShotOptions) {
    const l = await lang();
    await shot(shotName, shotOptions);
    await switchTo(otherLang(l));
    await shot(shotName, shotOptions);
    await switchTo(l);
  }

  return {
    get page() {
      return currentPage();
    },
    get context() {
      return ready(context, 'context');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get server() {
      return ready(server, 'server');
    },
    get workDir() {
      return ready(work || null, 'work folder');
    },
    consoleErrors,
    h1,
    lang,
    switchTo,
    csrf,
    apiPost,
    apiGet,
    firstLogin,
    loginInNewContext,
    shot,
    shootBoth,
  };
}
