/**
 * `mamori feeds sync`: downloads the feeds from their official locations (or a mirror) and imports
 * them.
 *
 * | source | official location | mirror layout (`--mirror BASE`) |
 * |---|---|---|
 * | osv  | https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip | BASE/osv/<Ecosystem>/all.zip |
 * | kev  | https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json | BASE/kev/known_exploited_vulnerabilities.json |
 * | epss | https://epss.empiricalsecurity.com/epss_scores-current.csv.gz | BASE/epss/epss_scores-current.csv.gz |
 * | nvd  | https://services.nvd.nist.gov/rest/json/cves/2.0 (paged, `lastModStartDate` when incremental) | BASE/nvd/cves/2.0 |
 * | jvn  | https://jvndb.jvn.jp/myjvn (getVulnOverviewList, HND) | BASE/jvn/myjvn |
 *
 * Files (OSV, KEV, EPSS) are downloaded to `<feeds dir>/<source>/…`, first as `.part`; an
 * interrupted download resumes with an HTTP Range request. NVD and JVN are API pages imported one
 * by one; the NVD cursor (the start time of the last complete sync) is saved only when every page
 * was imported, so an interrupted sync starts over from the previous cursor (imports are idempotent).
 *
 * Asked to stop (`signal`: Ctrl-C or SIGTERM in `feeds sync`), a sync ends at the next safe point: a
 * download keeps its `.part`, an import keeps its committed batches (src/vulndb/import.ts), an API
 * sync the pages it imported; the result of the source it was working on says `interrupted`, and the
 * sources after it are not started.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { VulnDb } from './database.js';
import { importDocumentText, Importer, importPath, type ImportReport } from './import.js';

export const feedSources = ['osv', 'nvd', 'kev', 'epss', 'jvn'] as const;
export type FeedSource = (typeof feedSources)[number];

/** OSV ecosystems synced when none is named: the ones a device maker's software usually uses. */
export const defaultOsvEcosystems = [
  'npm',
  'PyPI',
  'Maven',
  'Go',
  'crates.io',
  'RubyGems',
  'NuGet',
  'Packagist',
  'Debian',
  'Ubuntu',
  'Alpine',
];

export const officialUrls = {
  osv: 'https://osv-vulnerabilities.storage.googleapis.com',
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  nvd: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  jvn: 'https://jvndb.jvn.jp/myjvn',
} as const;

export interface SyncOptions {
  readonly sources: readonly FeedSource[];
  readonly ecosystems: readonly string[];
  readonly mirror: string | null;
  /** Folder for downloads (`<data dir>/feeds`). */
  readonly downloadDir: string;
  readonly fetch: typeof fetch;
  readonly log: (line: string) => void;
  /** NVD API key (NVD_API_KEY): 50 instead of 5 requests per 30 s. */
  readonly nvdApiKey?: string;
  /** Pause between NVD / JVN API requests; default 6 s for NVD without a key, 0.6 s with, 0 with a mirror. */
  readonly requestDelayMs?: number;
  readonly now?: () => Date;
  /** Stops the sync at the next safe point once aborted (see above). */
  readonly signal?: AbortSignal;
}

export interface SyncResult {
  readonly source: string;
  readonly url: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly report?: ImportReport;
  /** The sync was stopped while working on this source (`error` says what was kept). */
  readonly interrupted?: true;
}

/** A sync asked to stop (`SyncOptions.signal`); the message says what was kept. */
class SyncStopped extends Error {
  constructor(
    message: string,
    readonly report?: ImportReport,
  ) {
    super(message);
  }
}

/** Waits `ms`, or less when `signal` is aborted meanwhile. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function join(base: string, rest: string): string {
  return `${base.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

export function feedUrl(source: FeedSource, mirror: string | null, ecosystem?: string): string {
  switch (source) {
    case 'osv':
      return join(
        mirror ? join(mirror, 'osv') : officialUrls.osv,
        `${encodeURIComponent(ecosystem ?? '')}/all.zip`,
      );
    case 'kev':
      return mirror ? join(mirror, 'kev/known_exploited_vulnerabilities.json') : officialUrls.kev;
    case 'epss':
      return mirror ? join(mirror, 'epss/epss_scores-current.csv.gz') : officialUrls.epss;
    case 'nvd':
      return mirror ? join(mirror, 'nvd/cves/2.0') : officialUrls.nvd;
    case 'jvn':
      return mirror ? join(mirror, 'jvn/myjvn') : officialUrls.jvn;
  }
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Downloads `url` to `file`, resuming `file.part` with a Range request when the server allows it.
 * Returns the file; throws with a message naming the URL on failure.
 */
export async function download(
  url: string,
  file: string,
  options: Pick<SyncOptions, 'fetch' | 'log' | 'signal'>,
): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-` } : {};
  const signal = options.signal;
  const stopped = (done: number) =>
    new SyncStopped(
      done > 0
        ? `the download of ${url} was stopped at ${mib(done)}; ${part} is kept and the next sync resumes it`
        : `the download of ${url} was stopped before it began`,
    );
  if (signal?.aborted) throw stopped(have);
  let res: Response;
  try {
    res = await options.fetch(url, { headers, redirect: 'follow', ...(signal ? { signal } : {}) });
  } catch (e) {
    if (signal?.aborted) throw stopped(have);
    throw new Error(`cannot download ${url}: ${(e as Error).message}`);
  }
  if (res.status === 416 && have > 0) {
    // The part file is already complete.
    renameSync(part, file);
    return file;
  }
  if (res.status !== 200 && res.status !== 206) throw new Error(`cannot download ${url}: HTTP ${res.status}`);
  const resumed = res.status === 206 && have > 0;
  if (have > 0)
    options.log(
      resumed ? `resuming ${url} at ${mib(have)}` : `${url}: the server does not resume; downloading again`,
    );
  const total = Number(res.headers.get('content-length') ?? NaN) + (resumed ? have : 0);
  const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
  let done = resumed ? have : 0;
  let last = Date.now();
  // A failed write (the disk is full) is kept here and ends the download with its reason; before,
  // it was an unhandled stream error. Whatever arrived before a failure stays in the part file for
  // the next run to resume from.
  let writeError: Error | null = null;
  out.on('error', (e) => (writeError ??= e));
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (writeError || signal?.aborted) break;
        // events.once rejects on 'error': the error listener above has kept it.
        if (!out.write(chunk)) await once(out, 'drain').catch(() => undefined);
        done += chunk.byteLength;
        if (Date.now() - last > 2000) {
          last = Date.now();
          options.log(
            `… ${path.basename(file)} ${mib(done)}${Number.isFinite(total) ? ` of ${mib(total)} (${((100 * done) / total).toFixed(0)} %)` : ''}`,
          );
        }
      }
    }
  } catch (e) {
    if (!signal?.aborted)
      throw new Error(
        `download of ${url} stopped after ${mib(done)}: ${(e as Error).message}; run sync again to resume`,
      );
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  // Asked to stop: what arrived is in the part file (written and closed above) for the next sync.
  if (signal?.aborted && !writeError) throw stopped(done);
  if (writeError) throw new Error(`cannot write ${part}: ${(writeError as Error).message}`);
  if (Number.isFinite(total) && done !== total)
    throw new Error(`download of ${url} stopped at ${done} of ${total} bytes; run sync again to resume`);
  renameSync(part, file);
  options.log(`downloaded ${url} (${mib(done)})`);
  return file;
}

async function getText(
  url: string,
  options: SyncOptions,
  headers: Record<string, string> = {},
): Promise<string> {
  let lastError = '';
  const signal = options.signal;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await options.fetch(url, { headers, ...(signal ? { signal } : {}) });
      if (res.ok) return await res.text();
      lastError = `HTTP ${res.status}`;
      if (res.status !== 403 && res.status !== 429 && res.status < 500) break;
    } catch (e) {
      lastError = (e as Error).message;
    }
    if (signal?.aborted) throw new SyncStopped(`the request ${url} was stopped`);
    await sleep(options.mirror ? 100 : 6000 * (attempt + 1), signal);
  }
  throw new Error(`cannot fetch ${url}: ${lastError}`);
}

/** NVD CVE API 2.0: all pages (incremental with lastModStartDate when a cursor within 120 days exists). */
async function syncNvd(db: VulnDb, options: SyncOptions): Promise<SyncResult> {
  const base = feedUrl('nvd', options.mirror);
  const now = (options.now ?? (() => new Date()))();
  const cursor = db.sourceState('nvd')?.cursor ?? null;
  const params = new URLSearchParams({ resultsPerPage: '2000' });
  if (cursor !== null && now.getTime() - Date.parse(cursor) < 119 * 24 * 3600 * 1000) {
    params.set('lastModStartDate', cursor);
    params.set('lastModEndDate', now.toISOString());
  }
  const delay = options.requestDelayMs ?? (options.mirror ? 0 : options.nvdApiKey ? 600 : 6000);
  const headers: Record<string, string> = options.nvdApiKey ? { apiKey: options.nvdApiKey } : {};
  const im = new Importer(db, { source: 'nvd', onProgress: options.log });
  let start = 0;
  let total = Infinity;
  let url = base;
  const stoppedAt = () =>
    new SyncStopped(
      `NVD was stopped after ${Math.min(start, total)} of ${Number.isFinite(total) ? total : '?'} CVE records; they are kept, and the next sync reads NVD again from the last complete sync`,
      im.report(base),
    );
  while (start < total) {
    if (options.signal?.aborted) throw stoppedAt();
    params.set('startIndex', String(start));
    url = `${base}?${params.toString()}`;
    let text: string;
    try {
      text = await getText(url, options, headers);
    } catch (e) {
      if (e instanceof SyncStopped) throw stoppedAt();
      throw e;
    }
    let page: { totalResults?: unknown; resultsPerPage?: unknown };
    try {
      page = JSON.parse(text) as typeof page;
    } catch {
      throw new Error(`${url} did not return JSON`);
    }
    importDocumentText(im, text, url, 'json');
    im.commit();
    total = typeof page.totalResults === 'number' ? page.totalResults : 0;
    const per =
      typeof page.resultsPerPage === 'number' && page.resultsPerPage > 0 ? page.resultsPerPage : 2000;
    start += per;
    options.log(`NVD: ${Math.min(start, total)} of ${total} CVE records`);
    if (start < total && delay > 0) await sleep(delay, options.signal);
  }
  db.setSourceState('nvd', { lastImportAt: now.toISOString(), cursor: now.toISOString() });
  return { source: 'nvd', url: base, ok: true, report: im.report(base) };
}

/** MyJVN getVulnOverviewList (HND XML), 50 items per page, records published or updated in the last month. */
async function syncJvn(db: VulnDb, options: SyncOptions): Promise<SyncResult> {
  const base = feedUrl('jvn', options.mirror);
  const im = new Importer(db, { source: 'jvn', onProgress: options.log });
  const delay = options.requestDelayMs ?? (options.mirror ? 0 : 500);
  let startItem = 1;
  let total = Infinity;
  const stoppedAt = () =>
    new SyncStopped(
      `JVN was stopped after ${startItem - 1} records; they are kept, and the next sync reads JVN again`,
      im.report(base),
    );
  while (startItem <= total) {
    if (options.signal?.aborted) throw stoppedAt();
    const params = new URLSearchParams({
      method: 'getVulnOverviewList',
      feed: 'hnd',
      startItem: String(startItem),
      maxCountItem: '50',
      rangeDatePublished: 'm',
      rangeDatePublic: 'n',
      rangeDateFirstPublished: 'n',
    });
    const url = `${base}?${params.toString()}`;
    let text: string;
    try {
      text = await getText(url, options);
    } catch (e) {
      if (e instanceof SyncStopped) throw stoppedAt();
      throw e;
    }
    const totalMatch = /totalRes="(\d+)"/.exec(text);
    const countMatch = /totalResRet="(\d+)"/.exec(text);
    importDocumentText(im, text, url, 'xml');
    im.commit();
    total = totalMatch ? Number(totalMatch[1]) : 0;
    const got = countMatch ? Number(countMatch[1]) : 0;
    if (got === 0) break;
    startItem += got;
    options.log(`JVN: ${Math.min(startItem - 1, total)} of ${total} records`);
    if (startItem <= total && delay > 0) await sleep(delay, options.signal);
  }
  db.setSourceState('jvn', { lastImportAt: new Date().toISOString() });
  return { source: 'jvn', url: base, ok: true, report: im.report(base) };
}

async function syncFile(
  db: VulnDb,
  source: 'osv' | 'kev' | 'epss',
  options: SyncOptions,
  ecosystem?: string,
): Promise<SyncResult> {
  const url = feedUrl(source, options.mirror, ecosystem);
  const file =
    source === 'osv'
      ? path.join(options.downloadDir, 'osv', ecosystem!.replace(/[^A-Za-z0-9._-]/g, '_'), 'all.zip')
      : path.join(
          options.downloadDir,
          source,
          source === 'kev' ? 'known_exploited_vulnerabilities.json' : 'epss_scores-current.csv.gz',
        );
  options.log(`${source}${ecosystem ? ` ${ecosystem}` : ''}: ${url}`);
  await download(url, file, options);
  const key = source === 'osv' ? `osv:${ecosystem}` : source;
  const report = await importPath(db, file, {
    source: key,
    snapshot: source === 'osv' ? key : null,
    onProgress: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (report.interrupted)
    throw new SyncStopped(
      `the import of ${path.basename(file)} was stopped; the ${report.interrupted.committedRecords} records it wrote before are kept, and the next sync downloads and imports it again (unchanged records are skipped)`,
      report,
    );
  db.setSourceState(key, { lastImportAt: new Date().toISOString(), detail: { url, counts: report.counts } });
  // Keep the last complete download for the next sync's comparison only as long as it is needed.
  rmSync(file, { force: true });
  return { source: key, url, ok: true, report };
}

/** Runs the sync of each source in turn; a failing source does not stop the others. */
export async function syncFeeds(db: VulnDb, options: SyncOptions): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  const attempt = async (source: string, url: string, fn: () => Promise<SyncResult>) => {
    if (options.signal?.aborted) return;
    try {
      results.push(await fn());
    } catch (e) {
      if (e instanceof SyncStopped) {
        results.push({ source, url, ok: false, error: e.message, interrupted: true, ...(e.report ? { report: e.report } : {}) });
        return;
      }
      options.log(`${source}: ${(e as Error).message}`);
      results.push({ source, url, ok: false, error: (e as Error).message });
    }
  };
  // Once asked to stop, `attempt` starts no further source.
  for (const source of options.sources) {
    if (source === 'osv') {
      for (const eco of options.ecosystems.length > 0 ? options.ecosystems : defaultOsvEcosystems) {
        await attempt(`osv:${eco}`, feedUrl('osv', options.mirror, eco), () =>
          syncFile(db, 'osv', options, eco),
        );
      }
    } else if (source === 'kev' || source === 'epss')
      await attempt(source, feedUrl(source, options.mirror), () => syncFile(db, source, options));
    else if (source === 'nvd')
      await attempt('nvd', feedUrl('nvd', options.mirror), () => syncNvd(db, options));
    else await attempt('jvn', feedUrl('jvn', options.mirror), () => syncJvn(db, options));
  }
  return results;
}
