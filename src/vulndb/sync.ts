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
 * interrupted download resumes with an HTTP Range request checked by `If-Range` against the ETag or
 * Last-Modified date the download began with (kept in `.part.validator`), else starts again. NVD and JVN are API pages imported one
 * by one; the NVD cursor (the start time of the last complete sync) is saved only when every page
 * was imported, so an interrupted sync starts over from the previous cursor (imports are idempotent).
 * Every page must be the one asked for (NVD `startIndex`, MyJVN `firstRes`): a mirror that answers
 * every query with one saved page (a static web server) fails the source instead of being counted up
 * to the total and taken for the whole feed.
 *
 * A KEV catalog or EPSS file older than the stored one is not applied by the import; its sync is
 * `stale` (not ok), and the source's state does not move. A failed request says why (the `cause` of
 * fetch's "fetch failed": src/vulndb/fetch-failure.ts).
 *
 * Asked to stop (`signal`: Ctrl-C or SIGTERM in `feeds sync`), a sync ends at the next safe point: a
 * download keeps its `.part`, an import keeps its committed batches (src/vulndb/import.ts), an API
 * sync the pages it imported; the result of the source it was working on says `interrupted`, and the
 * sources after it are not started.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { VulnDb } from './database.js';
import { fetchFailureText } from './fetch-failure.js';
import { importDocumentText, Importer, type ImportFormat, importPath, type ImportReport } from './import.js';

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
  /**
   * The downloaded KEV catalog or EPSS file is older than the stored one, so it was not applied
   * (`ok` is false, `error` names both dates): the mirror was not refreshed. The source's state
   * (its last import) does not move.
   */
  readonly stale?: true;
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

/** A source that failed after it imported part of its pages (`report` says what was kept). */
class SourceFailed extends Error {
  constructor(
    message: string,
    readonly report: ImportReport,
  ) {
    super(message);
  }
}

/**
 * A page of a paged API (NVD, MyJVN) that is not the one asked for: the server does not answer the
 * paging parameters, as a static web server serving one saved page for every query does. Going on
 * would count the same page again and again up to the total and take it for the whole feed.
 * `asked`: `startIndex=200`; `got`: what the page says it is.
 */
function pagingFailure(api: 'NVD' | 'MyJVN', asked: string, got: string, options: Pick<SyncOptions, 'mirror'>): string {
  const what = api === 'NVD' ? 'NVD CVE API' : 'MyJVN API';
  const kept = `the pages before it were imported, ${api === 'NVD' ? 'the cursor was not moved' : 'the sync was not recorded'}`;
  if (!options.mirror) return `the ${what} did not answer its paging parameters: asked for ${asked}, got ${got}; ${kept}`;
  const location = api === 'NVD' ? 'BASE/nvd/cves/2.0' : 'BASE/jvn/myjvn';
  const params = api === 'NVD' ? 'startIndex and resultsPerPage (and lastModStartDate)' : 'startItem and maxCountItem';
  return `the mirror does not answer the ${what}'s paging parameters: asked for ${asked}, got ${got} (a static web server returns the same file for every query); ${kept}. Serve ${location} with a server that answers ${params} as the ${what} does, or import the saved pages with "mamori feeds import FOLDER"`;
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

/** What a partial download was started against, kept beside it (`<file>.part.validator`). */
interface PartValidator {
  readonly url: string;
  /** A strong ETag of the response the part file began with, or null. */
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/**
 * The `If-Range` value for resuming a part file: the strong ETag, else the Last-Modified date of the
 * response it began with; null when no validator of this URL is known (then the download restarts).
 */
function ifRangeOf(validatorFile: string, url: string): string | null {
  let v: Partial<PartValidator>;
  try {
    v = JSON.parse(readFileSync(validatorFile, 'utf8')) as Partial<PartValidator>;
  } catch {
    return null;
  }
  if (v.url !== url) return null;
  if (typeof v.etag === 'string' && v.etag !== '') return v.etag;
  if (typeof v.lastModified === 'string' && v.lastModified !== '') return v.lastModified;
  return null;
}

/** The validator of a response that starts a part file (a weak ETag cannot be used with If-Range). */
function validatorOf(url: string, res: Response): PartValidator | null {
  const etag = res.headers.get('etag');
  const strong = etag !== null && etag !== '' && !etag.startsWith('W/') ? etag : null;
  const lastModified = res.headers.get('last-modified');
  return strong === null && !lastModified ? null : { url, etag: strong, lastModified: lastModified || null };
}

/**
 * Downloads `url` to `file` through `file.part`. An interrupted download is resumed with a Range
 * request only when the validator (ETag or Last-Modified) of the response it began with is known
 * (stored beside the part file when it began): the request carries `If-Range`, so a server whose file
 * changed since answers with the whole new file (200), which replaces the part file, instead of the
 * rest of the new file after the start of the old one. Without a validator the download restarts.
 * Returns the file; throws with a message naming the URL on failure.
 */
export async function download(
  url: string,
  file: string,
  options: Pick<SyncOptions, 'fetch' | 'log' | 'signal'>,
): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  const validatorFile = `${part}.validator`;
  const partSize = existsSync(part) ? statSync(part).size : 0;
  const ifRange = partSize > 0 ? ifRangeOf(validatorFile, url) : null;
  if (partSize > 0 && ifRange === null)
    options.log(`${url}: ${mib(partSize)} of an earlier download cannot be checked against the server's file (no ETag or Last-Modified kept); downloading again`);
  const have = ifRange === null ? 0 : partSize;
  const headers: Record<string, string> = ifRange !== null ? { Range: `bytes=${have}-`, 'If-Range': ifRange } : {};
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
    throw new Error(`cannot download ${url}: ${fetchFailureText(e)}`);
  }
  const restart = async (why: string): Promise<string> => {
    await res.body?.cancel().catch(() => undefined);
    options.log(`${url}: ${why}; downloading again`);
    rmSync(part, { force: true });
    rmSync(validatorFile, { force: true });
    return download(url, file, options);
  };
  if (res.status === 416 && have > 0) {
    // The same file (If-Range held) has nothing after the part: it is complete, unless the server
    // names another length.
    const length = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
    if (length && Number(length[1]) !== have) return restart(`the server's file has ${length[1]} bytes, the partial download ${have}`);
    renameSync(part, file);
    rmSync(validatorFile, { force: true });
    return file;
  }
  if (res.status !== 200 && res.status !== 206) throw new Error(`cannot download ${url}: HTTP ${res.status}`);
  const resumed = res.status === 206 && have > 0;
  if (res.status === 206) {
    const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
    if (!resumed || !start || Number(start[1]) !== have) {
      if (have === 0) throw new Error(`cannot download ${url}: a partial answer (HTTP 206) to a request for the whole file`);
      return restart(`the server resumed at ${start ? start[1] : 'an unknown position'}, not at byte ${have}`);
    }
  }
  if (have > 0)
    options.log(
      resumed ? `resuming ${url} at ${mib(have)}` : `${url}: the file changed on the server since the partial download, or the server does not resume; downloading again`,
    );
  if (!resumed) {
    // A new part file: keep what it is a part of, for resuming it later.
    const validator = validatorOf(url, res);
    if (validator) writeFileSync(validatorFile, JSON.stringify(validator));
    else rmSync(validatorFile, { force: true });
  }
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
        `download of ${url} stopped after ${mib(done)}: ${fetchFailureText(e)}; run sync again to resume`,
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
  rmSync(validatorFile, { force: true });
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
      lastError = fetchFailureText(e);
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
    let page: { totalResults?: unknown; resultsPerPage?: unknown; startIndex?: unknown };
    try {
      page = JSON.parse(text) as typeof page;
    } catch {
      throw new Error(`${url} did not return JSON`);
    }
    // A portal's or proxy's page is not the feed: the sync fails and the cursor stays.
    if (typeof page?.totalResults !== 'number' || !Array.isArray((page as { vulnerabilities?: unknown }).vulnerabilities))
      throw new Error(`${url} did not return an NVD CVE API 2.0 page (no totalResults and vulnerabilities)`);
    // Every page says where it starts: one that is not the page asked for (a static server's one
    // file for every startIndex) fails the sync before it is imported, and the cursor stays.
    if (page.startIndex !== start)
      throw new SourceFailed(
        pagingFailure(
          'NVD',
          `startIndex=${start}`,
          typeof page.startIndex === 'number' ? `the page at startIndex ${page.startIndex}` : 'a page without startIndex',
          options,
        ),
        im.report(base),
      );
    importDocumentText(im, text, url, 'json');
    im.commit();
    total = page.totalResults;
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
    // The status says from which item the answer starts (firstRes): an answer with items that does
    // not start at the item asked for (a static server's one file for every startItem) fails the sync
    // before it is imported.
    if (totalMatch && countMatch && Number(countMatch[1]) > 0) {
      const first = /firstRes="(\d*)"/.exec(text);
      if (!first || first[1] === '' || Number(first[1]) !== startItem)
        throw new SourceFailed(
          pagingFailure(
            'MyJVN',
            `startItem=${startItem}`,
            first && first[1] !== '' ? `the items from firstRes ${first[1]}` : 'items without firstRes',
            options,
          ),
          im.report(base),
        );
    }
    const problems = im.problems.length;
    importDocumentText(im, text, url, 'xml');
    im.commit();
    // A page that is not a MyJVN document (a portal's or proxy's HTML page): the sync fails.
    if (!im.formats.has('jvn-xml'))
      throw new Error(`${url} did not return a MyJVN document${im.problems.length > problems ? `: ${im.problems[im.problems.length - 1]!.reason}` : ''}`);
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
  // Keep the last complete download for the next sync's comparison only as long as it is needed.
  rmSync(file, { force: true });
  // A download in which nothing was read as this feed (a portal's or proxy's HTML page, another
  // file) is a failed sync, not an empty one: the source's state does not move.
  const what = feedFormats[source];
  if (report.recognised === 0 || !report.formats.some((f) => what.formats.includes(f))) {
    const reason = Object.keys(report.reasons)[0];
    return { source: key, url, ok: false, error: `the download is not ${what.name}${reason ? ` (${reason})` : ''}`, report };
  }
  // A KEV catalog or EPSS file older than the stored one was not applied (the import skipped it):
  // the mirror was not refreshed. The sync of the source did not happen, so its state stays.
  const older = report.olderFeedFiles?.[0];
  if (older)
    return {
      source: key,
      url,
      ok: false,
      stale: true,
      error: `not applied: the ${options.mirror ? "mirror's" : 'downloaded'} file is older than the stored one (${olderDates(older.date, older.storedDate)})${options.mirror ? '; refresh the mirror' : ''}`,
      report,
    };
  // A KEV catalog or EPSS file without a date was not applied over dated data (QA secops 14).
  const undated = report.undatedFeedFiles?.[0];
  if (undated)
    return {
      source: key,
      url,
      ok: false,
      stale: true,
      error: `not applied: the ${options.mirror ? "mirror's" : 'downloaded'} file has no date and the stored one is of ${undated.storedDate}${options.mirror ? '; refresh the mirror' : ''}`,
      report,
    };
  // The last import of a source is its last complete one: one with refused input is incomplete.
  if (report.counts.refused === 0)
    db.setSourceState(key, { lastImportAt: new Date().toISOString(), detail: { url, counts: report.counts } });
  return { source: key, url, ok: true, report };
}

/** `2022-05-13 < 2025-08-25`: the days, or the whole dates when they name the same day. */
function olderDates(date: string, stored: string): string {
  const day = (d: string) => (/^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : d);
  return day(date) !== day(stored) ? `${day(date)} < ${day(stored)}` : `${date} < ${stored}`;
}

/** What a downloaded file must be read as. */
const feedFormats: Record<'osv' | 'kev' | 'epss', { name: string; formats: readonly ImportFormat[] }> = {
  osv: { name: 'an OSV archive of records', formats: ['osv-json'] },
  kev: { name: 'the CISA KEV catalog', formats: ['kev', 'kev-csv'] },
  epss: { name: 'an EPSS score file', formats: ['epss'] },
};

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
      results.push({ source, url, ok: false, error: (e as Error).message, ...(e instanceof SourceFailed ? { report: e.report } : {}) });
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
  // A failed source is logged as a failed import, so `feeds status` lists it (src/vulndb/feed-states.ts).
  for (const r of results) if (!r.ok && !r.interrupted) db.logSyncFailure(r.source, r.url, r.error ?? 'failed');
  return results;
}
