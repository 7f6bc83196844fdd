/**
 * `download` (feeds sync): the response is written to a part file and renamed when complete; a
 * failure on either side ends the download with its reason and keeps the part file to resume from.
 * A part file is resumed only against the file it began with (If-Range with its ETag or
 * Last-Modified date, against a local HTTP server that honours them as RFC 9110 says).
 *
 * `syncFeeds` against local mirrors (QA air-gap report 2, 6, 10): a static web server that answers
 * every NVD / MyJVN page request with the same saved page fails the source instead of being counted
 * up to the total, and leaves the cursor; a failed connection says why (refused, an untrusted
 * certificate of an internal CA, with how to trust it); a KEV catalog or EPSS file older than the
 * stored one is `stale`, not `ok`, and does not move the source's last import.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSample } from '../feeds/parse/shared-samples.test-helper.js';
import { importPath } from './import.js';
import { download, syncFeeds, type FeedSource, type SyncOptions } from './sync.js';
import { tempVulnDbs } from './temp-db.test-helper.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-download-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
const options = (body: () => BodyInit) => ({
  fetch: (async () =>
    new Response(body(), {
      status: 200,
      headers: { 'content-length': String(bytes.byteLength) },
    })) as typeof fetch,
  log: () => undefined,
});

describe('download', () => {
  it('writes the whole response and renames the part file', async () => {
    const file = path.join(dir, 'ok', 'all.zip');
    expect(
      await download(
        'http://mirror/all.zip',
        file,
        options(() => bytes),
      ),
    ).toBe(file);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('fails with the reason when the file cannot be written (disk full), without crashing', async () => {
    if (!existsSync('/dev/full')) return;
    const file = path.join(dir, 'full', 'all.zip');
    await download(
      'http://mirror/x',
      path.join(dir, 'full', 'x'),
      options(() => new Uint8Array(0)),
    ).catch(() => undefined);
    symlinkSync('/dev/full', `${file}.part`);
    await expect(
      download(
        'http://mirror/all.zip',
        file,
        options(() => bytes),
      ),
    ).rejects.toThrow(/cannot write .*all\.zip\.part: ENOSPC/);
    expect(existsSync(file)).toBe(false);
  }, 5_000);

  it('fails with the reason when the connection drops, keeping what arrived to resume from', async () => {
    const file = path.join(dir, 'drop', 'all.zip');
    const dropping = () => {
      let sent = false;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new Error('socket hang up'));
          else controller.enqueue(bytes.subarray(0, 1024 * 1024));
          sent = true;
        },
      });
    };
    await expect(download('http://mirror/all.zip', file, options(dropping))).rejects.toThrow(
      /download of http:\/\/mirror\/all\.zip stopped after 1\.0 MiB: socket hang up; run sync again to resume/,
    );
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.part`).byteLength).toBe(1024 * 1024);
  });
});

/**
 * A static file server with byte ranges and If-Range (RFC 9110 13.1.5, 14.2): a Range request is
 * answered with 206 only when its If-Range names the current file (its strong ETag, or its
 * Last-Modified date); otherwise, and without If-Range when `ifRangeRequired` is off, as
 * configured. `cutAfter` ends the connection after that many bytes of the body.
 */
describe('download against an HTTP server, resuming only the same file', () => {
  let server: Server;
  let url = '';
  const served = {
    body: Buffer.alloc(0),
    etag: null as string | null,
    lastModified: null as string | null,
    cutAfter: null as number | null,
  };
  const requests: { range?: string; ifRange?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined });
      const headers: Record<string, string> = {};
      if (served.etag) headers.etag = served.etag;
      if (served.lastModified) headers['last-modified'] = served.lastModified;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const ifRange = req.headers['if-range'] as string | undefined;
      const current = ifRange === undefined || (ifRange.startsWith('"') ? ifRange === served.etag : ifRange === served.lastModified);
      let body = served.body;
      if (range && current) {
        const start = Number(range[1]);
        if (start >= body.length) {
          res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
          return;
        }
        res.writeHead(206, { ...headers, 'content-length': String(body.length - start), 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
        body = body.subarray(start);
      } else res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      if (served.cutAfter !== null && served.cutAfter < body.length) {
        res.write(body.subarray(0, served.cutAfter), () => res.destroy());
        return;
      }
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv/PyPI/all.zip`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const yesterday = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 7));
  const today = Buffer.from(Array.from({ length: 280_000 }, (_, i) => i % 11));
  const quiet = { fetch: globalThis.fetch, log: () => undefined };

  /**
   * Starts a download of `body` that the connection cuts after about 100,000 bytes: the part file
   * (its size returned) and its validator stay.
   */
  async function interrupted(file: string, body: Buffer, validators: { etag?: string; lastModified?: string }): Promise<number> {
    Object.assign(served, { body, etag: validators.etag ?? null, lastModified: validators.lastModified ?? null, cutAfter: 100_000 });
    await expect(download(url, file, quiet)).rejects.toThrow(/run sync again to resume/);
    served.cutAfter = null;
    const size = readFileSync(`${file}.part`).byteLength;
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(body.length);
    return size;
  }

  it('resumes the same file with If-Range and its ETag', async () => {
    const file = path.join(dir, 'same', 'all.zip');
    const have = await interrupted(file, yesterday, { etag: '"v1"' });
    requests.length = 0;
    const lines: string[] = [];
    await download(url, file, { ...quiet, log: (l) => lines.push(l) });
    expect(requests).toEqual([{ range: `bytes=${have}-`, ifRange: '"v1"' }]);
    expect(lines[0]).toMatch(/^resuming .*all\.zip at [\d.]+ MiB$/);
    expect(readFileSync(file).equals(yesterday)).toBe(true);
    expect(existsSync(`${file}.part`) || existsSync(`${file}.part.validator`)).toBe(false);
  });

  it('downloads the whole new file when the file changed since the part was made (ETag or Last-Modified)', async () => {
    for (const [name, before, after] of [
      ['etag', { etag: '"v1"' }, { etag: '"v2"' }],
      ['date', { lastModified: 'Mon, 30 Nov 2026 00:00:00 GMT' }, { lastModified: 'Mon, 07 Dec 2026 00:00:00 GMT' }],
    ] as const) {
      const file = path.join(dir, `changed-${name}`, 'all.zip');
      const have = await interrupted(file, yesterday, before);
      Object.assign(served, { body: today, etag: null, lastModified: null }, after);
      requests.length = 0;
      await download(url, file, quiet);
      expect(requests, name).toEqual([{ range: `bytes=${have}-`, ifRange: Object.values(before)[0] }]);
      // Not the start of yesterday's file followed by the rest of today's.
      expect(readFileSync(file).equals(today), name).toBe(true);
    }
  });

  it('starts again when nothing tells which file a part file belongs to', async () => {
    // A server without ETag and Last-Modified, and a part file left by an earlier version.
    const file = path.join(dir, 'unknown', 'all.zip');
    await interrupted(file, yesterday, {});
    expect(existsSync(`${file}.part.validator`)).toBe(false);
    Object.assign(served, { body: today, etag: '"v2"', lastModified: null });
    requests.length = 0;
    const lines: string[] = [];
    await download(url, file, { ...quiet, log: (l) => lines.push(l) });
    expect(requests).toEqual([{ range: undefined, ifRange: undefined }]);
    expect(lines[0]).toMatch(/[\d.]+ MiB of an earlier download cannot be checked against the server's file .*; downloading again$/);
    expect(readFileSync(file).equals(today)).toBe(true);
    // A weak ETag cannot be used for If-Range: the next part file is not resumed either.
    const weak = path.join(dir, 'weak', 'all.zip');
    await interrupted(weak, yesterday, { etag: 'W/"v1"' });
    expect(existsSync(`${weak}.part.validator`)).toBe(false);
  });

  it('takes a complete part file of the same file as the download (416)', async () => {
    const file = path.join(dir, 'complete', 'all.zip');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.part`, today.subarray(0, 100_000));
    writeFileSync(`${file}.part.validator`, JSON.stringify({ url, etag: '"v3"', lastModified: null }));
    Object.assign(served, { body: today.subarray(0, 100_000), etag: '"v3"', lastModified: null });
    await download(url, file, quiet);
    expect(readFileSync(file).equals(today.subarray(0, 100_000))).toBe(true);
    // A part kept for another URL (another mirror) is not resumed.
    writeFileSync(`${file}.part`, yesterday.subarray(0, 100_000));
    writeFileSync(`${file}.part.validator`, JSON.stringify({ url: 'http://elsewhere/all.zip', etag: '"v3"', lastModified: null }));
    requests.length = 0;
    await download(url, file, quiet);
    expect(requests).toEqual([{ range: undefined, ifRange: undefined }]);
    expect(readFileSync(file).equals(today.subarray(0, 100_000))).toBe(true);
  });
});

/** A mirror whose answers each test sets: pathname → handler; anything else is 404. */
describe('syncFeeds against a mirror', () => {
  const { dir: tmp, file, freshDb } = tempVulnDbs('mamori-sync-mirror-');
  let server: Server;
  let base = '';
  const routes = new Map<string, (req: IncomingMessage, url: URL, res: ServerResponse) => void>();
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${url.pathname}${url.search}`);
      const route = routes.get(url.pathname);
      if (route) route(req, url, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const staticFile = (body: string | Buffer, type: string) => (_req: IncomingMessage, _url: URL, res: ServerResponse) =>
    void res.writeHead(200, { 'content-type': type }).end(body);
  const options = (sources: FeedSource[], over: Partial<SyncOptions> = {}): SyncOptions => ({
    sources,
    ecosystems: [],
    mirror: base,
    downloadDir: path.join(tmp, 'feeds'),
    fetch: globalThis.fetch,
    log: () => undefined,
    ...over,
  });

  it('fails NVD and leaves the cursor when the mirror answers every startIndex with the same saved page (static server)', async (ctx) => {
    const page = readSample('nvd/api-pages/pablotron-cves-1999-page.json', ctx);
    if (page === undefined) return;
    routes.clear();
    routes.set('/nvd/cves/2.0', staticFile(page, 'application/json'));
    requests.length = 0;
    const db = freshDb();
    const [r] = await syncFeeds(db, options(['nvd']));
    // The first page (startIndex 0) is the page asked for and is imported; the second is not.
    expect(requests.map((q) => new URL(q, base).searchParams.get('startIndex'))).toEqual(['0', '200']);
    // 197 CVEs and 3 rejected ones (withdrawn), as the QA run counted them.
    expect(r).toMatchObject({ source: 'nvd', ok: false, report: { counts: { new: 197, withdrawn: 3, unchanged: 0 } } });
    expect(r!.error).toBe(
      `the mirror does not answer the NVD CVE API's paging parameters: asked for startIndex=200, got the page at startIndex 0 (a static web server returns the same file for every query); the pages before it were imported, the cursor was not moved. Serve BASE/nvd/cves/2.0 with a server that answers startIndex and resultsPerPage (and lastModStartDate) as the NVD CVE API does, or import the saved pages with "mamori feeds import FOLDER"`,
    );
    expect(db.sourceState('nvd')).toBeNull();
    expect(db.status().records).toEqual({ nvd: 200 });
    // The next sync is a full one again (no lastModStartDate).
    requests.length = 0;
    await syncFeeds(db, options(['nvd']));
    expect(requests[0]).not.toMatch(/lastModStartDate/);
  });

  it('fails NVD when a page does not say where it starts, before importing it', async () => {
    routes.clear();
    routes.set(
      '/nvd/cves/2.0',
      staticFile(JSON.stringify({ resultsPerPage: 0, totalResults: 0, format: 'NVD_CVE', version: '2.0', vulnerabilities: [] }), 'application/json'),
    );
    const db = freshDb();
    const [r] = await syncFeeds(db, options(['nvd']));
    expect(r?.ok).toBe(false);
    expect(r?.error).toMatch(/: asked for startIndex=0, got a page without startIndex \(/);
    expect(db.sourceState('nvd')).toBeNull();
  });

  it('fails JVN when the mirror answers every startItem with the same saved page, and reads a mirror that pages', async (ctx) => {
    const sample = readSample('jvn/myjvn-np/examples/hnd/getVulnOverviewList_hnd.xml', ctx);
    if (sample === undefined) return;
    // The real answer: items 1-2 of 6 (totalRes="6" totalResRet="2" firstRes="1").
    expect(sample).toMatch(/totalRes="6"\s+totalResRet="2"\s+firstRes="1"/);
    routes.clear();
    routes.set('/jvn/myjvn', staticFile(sample, 'application/xml'));
    requests.length = 0;
    const db = freshDb();
    const [r] = await syncFeeds(db, options(['jvn']));
    expect(requests.map((q) => new URL(q, base).searchParams.get('startItem'))).toEqual(['1', '3']);
    expect(r).toMatchObject({ source: 'jvn', ok: false, report: { counts: { new: 2, unchanged: 0 } } });
    expect(r!.error).toBe(
      `the mirror does not answer the MyJVN API's paging parameters: asked for startItem=3, got the items from firstRes 1 (a static web server returns the same file for every query); the pages before it were imported, the sync was not recorded. Serve BASE/jvn/myjvn with a server that answers startItem and maxCountItem as the MyJVN API does, or import the saved pages with "mamori feeds import FOLDER"`,
    );
    expect(db.sourceState('jvn')).toBeNull();
    // A server that answers startItem: every page is read once, and the sync is complete.
    routes.set('/jvn/myjvn', (_req, url, res) => {
      const start = Number(url.searchParams.get('startItem'));
      const body = sample.replace(/firstRes="1"/, `firstRes="${start}"`).replace(/(<sec:identifier>JVNDB-\d+-)(\d+)/g, (_m, p: string, n: string) => `${p}${String(Number(n) + start * 1000).padStart(6, '0')}`);
      res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    requests.length = 0;
    const [ok] = await syncFeeds(freshDb(), options(['jvn']));
    expect(requests.map((q) => new URL(q, base).searchParams.get('startItem'))).toEqual(['1', '3', '5']);
    expect(ok).toMatchObject({ ok: true, report: { counts: { new: 6 } } });
  });

  it('says why a download failed: a refused connection, for files and for API pages', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const results = await syncFeeds(freshDb(), options(['kev', 'nvd'], { mirror: `http://127.0.0.1:${port}/` }));
    expect(results.map((r) => r.error)).toEqual([
      `cannot download http://127.0.0.1:${port}/kev/known_exploited_vulnerabilities.json: the connection was refused: nothing listens on this host and port, or a firewall refuses it (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port})`,
      `cannot fetch http://127.0.0.1:${port}/nvd/cves/2.0?resultsPerPage=2000&startIndex=0: the connection was refused: nothing listens on this host and port, or a firewall refuses it (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port})`,
    ]);
  });

  it('says when the certificate of an HTTPS mirror is not trusted (self-signed, internal CA), and how to trust the CA', async (ctx) => {
    const pki = path.join(tmp, 'pki');
    mkdirSync(pki, { recursive: true });
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: 'pipe' });
    try {
      openssl(['version']);
    } catch {
      ctx.skip();
      return;
    }
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    // A self-signed server certificate, and an internal CA with a server certificate it issued.
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(['req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', ...subject]);
    openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Hospital Internal CA']);
    openssl(['req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', ...subject]);
    writeFileSync(path.join(pki, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '2', '-extfile', 'ext.cnf']);
    const read = (name: string) => readFileSync(path.join(pki, name));
    const servers = [
      { key: read('self.key'), cert: read('self.pem'), code: 'DEPTH_ZERO_SELF_SIGNED_CERT', words: 'it is self-signed' },
      { key: read('leaf.key'), cert: read('leaf.pem'), code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', words: 'it is issued by a CA this machine does not know (an internal CA?)' },
      {
        key: read('leaf.key'),
        cert: Buffer.concat([read('leaf.pem'), read('ca.pem')]),
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
        words: 'its chain ends in a self-signed certificate (an internal CA?)',
      },
    ];
    for (const s of servers) {
      const https = createHttpsServer({ key: s.key, cert: s.cert }, (_req, res) => void res.writeHead(404).end());
      await new Promise<void>((r) => https.listen(0, '127.0.0.1', () => r()));
      const mirror = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
      try {
        const [r] = await syncFeeds(freshDb(), options(['kev'], { mirror }));
        const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(r!.error, s.code).toMatch(
          new RegExp(
            `^${escaped(`cannot download ${mirror}/kev/known_exploited_vulnerabilities.json: the server's TLS certificate is not trusted by this machine: ${s.words} (${s.code}: `)}[^)]+${escaped(`); to trust it, set NODE_EXTRA_CA_CERTS=/path/ca.pem (the certificate of the internal CA, or the self-signed certificate, in PEM) and run the command again`)}$`,
          ),
        );
        // What the message advises works: the internal CA's certificate in NODE_EXTRA_CA_CERTS.
        if (s.code !== 'DEPTH_ZERO_SELF_SIGNED_CERT') {
          const { stdout } = await promisify(execFile)(
            process.execPath,
            ['-e', `fetch(${JSON.stringify(`${mirror}/x`)}).then((r) => console.log(r.status), (e) => console.log(e.cause?.code))`],
            { env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(pki, 'ca.pem') } },
          );
          expect(stdout.trim(), s.code).toBe('404');
        }
      } finally {
        await new Promise<void>((r) => https.close(() => r()));
      }
    }
  }, 30_000);

  it('reports a KEV catalog or EPSS file older than the stored one as stale, not applied, and keeps the last import', async (ctx) => {
    const kevNew = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    const kevOld = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    const epssNew = readSample('epss/epss_scores-2025-12-26-excerpt.csv', ctx);
    const epssOld = readSample('epss/epss_scores-2025-02-20-head.csv', ctx);
    if (kevNew === undefined || kevOld === undefined || epssNew === undefined || epssOld === undefined) return;
    const db = freshDb();
    // The stored data: a newer catalog and newer scores, synced once from the mirror.
    routes.clear();
    routes.set('/kev/known_exploited_vulnerabilities.json', staticFile(kevNew, 'application/json'));
    routes.set('/epss/epss_scores-current.csv.gz', staticFile(gzipSync(epssNew), 'application/gzip'));
    const first = await syncFeeds(db, options(['kev', 'epss']));
    expect(first.map((r) => [r.source, r.ok, r.stale])).toEqual([
      ['kev', true, undefined],
      ['epss', true, undefined],
    ]);
    const state = { kev: db.sourceState('kev'), epss: db.sourceState('epss') };
    expect(state.kev?.lastImportAt).toBeTruthy();
    const stored = db.status();
    // The mirror was not refreshed since an older copy was put there.
    routes.set('/kev/known_exploited_vulnerabilities.json', staticFile(kevOld, 'application/json'));
    routes.set('/epss/epss_scores-current.csv.gz', staticFile(gzipSync(epssOld), 'application/gzip'));
    const results = await syncFeeds(db, options(['kev', 'epss']));
    expect(results.map((r) => [r.source, r.ok, r.stale, r.error])).toEqual([
      ['kev', false, true, "not applied: the mirror's file is older than the stored one (2022-05-13 < 2025-08-25); refresh the mirror"],
      ['epss', false, true, "not applied: the mirror's file is older than the stored one (2025-02-20 < 2025-12-26); refresh the mirror"],
    ]);
    expect(results[0]!.report?.counts).toMatchObject({ skipped: 1, kev: 0 });
    expect({ kev: db.sourceState('kev'), epss: db.sourceState('epss') }).toEqual(state);
    expect(db.status()).toMatchObject({ kev: stored.kev, kevCatalog: stored.kevCatalog, epss: stored.epss, epssScores: stored.epssScores });
    // `feeds import` of the same older file still skips it with its note, as before.
    const imported = await importPath(db, file('known_exploited_vulnerabilities.json', kevOld));
    expect(imported.counts).toMatchObject({ skipped: 1 });
    expect(imported.olderFeedFiles).toEqual([
      expect.objectContaining({ feed: 'kev', date: '2022-05-13T19:57:27.2727Z', storedDate: '2025-08-25T17:04:19.9796Z' }),
    ]);
  });
});
