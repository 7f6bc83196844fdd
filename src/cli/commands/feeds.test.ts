import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { cpeBelow, nvdApiRecord } from '../../../test/support/vulns.js';
import Database from 'better-sqlite3';
import { readSample } from '../../feeds/parse/shared-samples.test-helper.js';
import { openVulnDb } from '../../vulndb/database.js';
import { buildZip } from '../../vulndb/zip-writer.test-helper.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-cli-'));

function osv(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    modified: '2025-01-01T00:00:00Z',
    aliases: ['CVE-2025-0001'],
    summary: 'Prototype pollution in left-pad',
    details: 'Long description.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
      },
    ],
    references: [{ type: 'ADVISORY', url: 'https://example.com/advisory' }],
    ...over,
  };
}
const kevJson = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2025.01.01',
  dateReleased: '2025-01-01T00:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2025-0001',
      vendorProject: 'left',
      product: 'pad',
      vulnerabilityName: 'n',
      dateAdded: '2025-01-02',
      shortDescription: 'd',
      requiredAction: 'a',
      dueDate: '2025-01-23',
      knownRansomwareCampaignUse: 'Unknown',
    },
  ],
});
const epssGz = gzipSync(
  '#model_version:v2025.03.14,score_date:2025-01-03T00:00:00Z\ncve,epss,percentile\nCVE-2025-0001,0.25,0.9\nCVE-2025-0002,0.01,0.1\n',
);
function nvdCve(id: string) {
  return nvdApiRecord(id, {
    published: '2025-01-01T00:00:00.000',
    lastModified: '2025-01-02T00:00:00.000',
    description: `RTOS flaw ${id}`,
    references: [{ url: `https://example.com/${id}`, tags: ['Patch'] }],
    cvss: { vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', baseScore: 6.5, baseSeverity: 'MEDIUM' },
    configurations: [cpeBelow('cpe:2.3:o:acme:tiny_rtos:*:*:*:*:*:*:*:*', '2.0')],
  });
}
const jvnXml = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:status="http://jvndb.jvn.jp/myjvn/Status" xml:lang="ja">
  <item rdf:about="https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-000001.html">
    <title>Tiny RTOS における脆弱性</title>
    <link>https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-000001.html</link>
    <sec:identifier>JVNDB-2025-000001</sec:identifier>
    <sec:references source="CVE" id="CVE-2025-1000">https://www.cve.org/CVERecord?id=CVE-2025-1000</sec:references>
    <dcterms:modified>2025-01-04T00:00:00+09:00</dcterms:modified>
  </item>
  <status:Status version="3.3" retCd="0" totalRes="1" totalResRet="1" firstRes="1" />
</rdf:RDF>`;

let zipBytes = buildZip([
  { name: 'GHSA-aaaa-bbbb-cccc.json', data: JSON.stringify(osv('GHSA-aaaa-bbbb-cccc'), null, 2) },
  {
    name: 'GHSA-dddd-eeee-ffff.json',
    data: JSON.stringify(
      osv('GHSA-dddd-eeee-ffff', {
        aliases: [],
        affected: [{ package: { ecosystem: 'npm', name: 'right-pad' }, versions: ['1.0.0'] }],
      }),
    ),
  },
]);

const requests: { url: string; range: string | undefined }[] = [];
let failKev = false;
/** Every request answered with a portal's HTML page and status 200. */
let htmlPages = false;
let server: Server;
let base = '';

/** A static answer with its ETag, byte ranges and If-Range (a range of another version is the whole file). */
function send(res: ServerResponse, req: IncomingMessage, body: Buffer | string, type: string): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
  res.setHeader('etag', etag);
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const ifRange = req.headers['if-range'];
  if (range && (ifRange === undefined || ifRange === etag)) {
    const start = Number(range[1]);
    if (start >= bytes.length) {
      res.writeHead(416).end();
      return;
    }
    res.writeHead(206, {
      'content-type': type,
      'content-length': bytes.length - start,
      'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
    });
    res.end(bytes.subarray(start));
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ url: `${url.pathname}${url.search}`, range: req.headers.range });
    if (htmlPages) return send(res, req, '<html><body><h1>Error</h1>Proxy says: resource unavailable</body></html>', 'text/html');
    if (url.pathname === '/osv/npm/all.zip') return send(res, req, zipBytes, 'application/zip');
    if (url.pathname === '/kev/known_exploited_vulnerabilities.json') {
      if (failKev) return void res.writeHead(503).end();
      return send(res, req, kevJson, 'application/json');
    }
    if (url.pathname === '/epss/epss_scores-current.csv.gz')
      return send(res, req, epssGz, 'application/gzip');
    if (url.pathname === '/nvd/cves/2.0') {
      const start = Number(url.searchParams.get('startIndex') ?? 0);
      const page = {
        resultsPerPage: 1,
        startIndex: start,
        totalResults: 2,
        format: 'NVD_CVE',
        version: '2.0',
        timestamp: '2025-01-05T00:00:00.000',
        vulnerabilities: [{ cve: nvdCve(start === 0 ? 'CVE-2025-1000' : 'CVE-2025-1001') }],
      };
      return send(res, req, JSON.stringify(page), 'application/json');
    }
    if (url.pathname === '/jvn/myjvn') return send(res, req, jvnXml, 'application/xml');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, {
    env: { MAMORI_DATA_DIR: path.join(dir, 'data'), ...env },
    cwd: dir,
    fetch: globalThis.fetch,
  });

describe('mamori feeds and vuln show', () => {
  it('imports a file into the default database in the data dir, reports counts and status', async () => {
    const f = path.join(dir, 'records.jsonl');
    writeFileSync(f, `${JSON.stringify(osv('GHSA-aaaa-bbbb-cccc'))}\n{broken\n`);
    const r = await cli(['feeds', 'import', 'records.jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new 1, changed 0, withdrawn 0, removed 0, unchanged 0, skipped 1, refused 0/);
    expect(r.stderr).toMatch(/skipped: .*records\.jsonl:2: not valid JSON/);
    expect(existsSync(path.join(dir, 'data', 'vulndb.sqlite'))).toBe(true);
    const again = await cli(['feeds', 'import', 'records.jsonl', '--format', 'json']);
    expect((JSON.parse(again.stdout) as { counts: unknown }).counts).toMatchObject({
      new: 0,
      unchanged: 1,
      skipped: 1,
    });
    const status = await cli(['feeds', 'status', '--format', 'json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      records: { osv: 1 },
      lastSeq: 1,
      lastImports: [{ status: 'done' }, { status: 'done' }],
    });
  });

  it('rejects a missing path (2) and exits 1 when archive entries are refused', async () => {
    expect((await cli(['feeds', 'import', 'nope.zip'])).code).toBe(2);
    writeFileSync(
      path.join(dir, 'evil.zip'),
      buildZip([
        { name: '../../evil.json', data: '{}' },
        { name: 'ok.json', data: JSON.stringify(osv('GHSA-1234-5678-9abc')) },
      ]),
    );
    const r = await cli(['feeds', 'import', 'evil.zip', '--vuln-db', 'evil.sqlite']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/new 1, .*refused 1/);
    // The table shows the reason as stderr does (not with its quoted text and numbers masked).
    expect(r.stdout).toMatch(/1 +refused: "\.\." path segment \(zip slip\)\n/);
    expect(r.stderr).toMatch(/refused: .*\.\.\/\.\.\/evil\.json: ".." path segment \(zip slip\)/);
  });

  it('skips documents nested too deeply to read and goes on with the rest', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    writeFileSync(
      path.join(dir, 'deep.jsonl'),
      [
        JSON.stringify(osv('GHSA-deep-0001-aaaa')),
        // An OSV record whose free-form field nests 20,000 levels (its reader refuses it), and a list
        // of records whose second element does (the list's elements are written out again to be stored).
        `{"id":"GHSA-deep-0002-bbbb","modified":"2025-01-01T00:00:00Z","database_specific":${deepObject(20_000)}}`,
        `[${JSON.stringify(osv('GHSA-deep-0003-cccc'))},${deep(20_000)}]`,
        JSON.stringify(osv('GHSA-deep-0004-dddd')),
      ].join('\n') + '\n',
    );
    const r = await cli(['feeds', 'import', 'deep.jsonl', '--vuln-db', 'deep.sqlite', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; problems: { where: string; reason: string }[] };
    expect(report.counts).toMatchObject({ new: 3, skipped: 2 });
    expect(report.problems.map((p) => p.where.replace(/^.*deep\.jsonl/, 'deep.jsonl'))).toEqual(['deep.jsonl:2', 'deep.jsonl:3[1]']);
    expect(report.problems.map((p) => p.reason)).toEqual([
      'invalid OSV record: database_specific: is nested deeper than 64 levels',
      'cannot be read: Maximum call stack size exceeded (nested too deeply or too large)',
    ]);
  });

  it('refuses damaged gzip files (exit 1) and keeps what was read before the damage', async () => {
    writeFileSync(path.join(dir, 'not-gzip.jsonl.gz'), 'plain text, not gzip');
    const notGzip = await cli(['feeds', 'import', 'not-gzip.jsonl.gz', '--vuln-db', 'gz.sqlite', '--format', 'json']);
    expect(notGzip.code).toBe(1);
    type Report = { counts: Record<string, number>; problems: { kind: string; reason: string }[] };
    const first = JSON.parse(notGzip.stdout) as Report;
    expect(first.counts).toMatchObject({ new: 0, refused: 1 });
    expect(first.problems.map((p) => [p.kind, p.reason])).toEqual([['refused', 'gzip data refused: it is damaged or not gzip (incorrect header check)']]);
    // Two records, then the gzip stream cut short: the first record arrives whole before the cut.
    const whole = gzipSync(`${JSON.stringify(osv('GHSA-gzip-0001-aaaa'))}\n${JSON.stringify(osv('GHSA-gzip-0002-bbbb', { details: 'x'.repeat(200_000) }))}\n`);
    writeFileSync(path.join(dir, 'cut.jsonl.gz'), whole.subarray(0, whole.length - 40));
    const cut = await cli(['feeds', 'import', 'cut.jsonl.gz', '--vuln-db', 'gz.sqlite', '--format', 'json']);
    expect(cut.code).toBe(1);
    const second = JSON.parse(cut.stdout) as Report;
    expect(second.counts).toMatchObject({ new: 1, refused: 1 });
    expect(second.problems.map((p) => [p.kind, p.reason])).toEqual([['refused', 'gzip data refused: it is truncated (unexpected end of file)']]);
    const status = await cli(['feeds', 'status', '--vuln-db', 'gz.sqlite', '--format', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ records: { osv: 1 } });
  });

  it('leaves the stored KEV catalog and EPSS scores alone when the file is older, saying so', async () => {
    writeFileSync(path.join(dir, 'kev-2025.json'), kevJson);
    writeFileSync(path.join(dir, 'kev-2024.json'), JSON.stringify({ ...JSON.parse(kevJson), catalogVersion: '2024.12.31', dateReleased: '2024-12-31T09:00:00.000Z', count: 0, vulnerabilities: [] }));
    writeFileSync(path.join(dir, 'epss-new.csv.gz'), epssGz);
    writeFileSync(path.join(dir, 'epss-old.csv'), '#model_version:v2023.03.01,score_date:2025-01-02T00:00:00Z\ncve,epss,percentile\nCVE-2025-0001,0.5,0.9\n');
    for (const f of ['kev-2025.json', 'epss-new.csv.gz']) expect((await cli(['feeds', 'import', f, '--vuln-db', 'dated.sqlite'])).code).toBe(0);
    const kev = await cli(['feeds', 'import', 'kev-2024.json', '--vuln-db', 'dated.sqlite']);
    expect(kev.code, kev.stderr).toBe(0);
    expect(kev.stdout).toMatch(/removed 0, unchanged 0, skipped 1, refused 0\n/);
    expect(kev.stdout).toMatch(
      /1 +skipped: older KEV catalog 2024\.12\.31 of 2024-12-31T09:00:00\.000Z: the stored KEV catalog 2025\.01\.01 of 2025-01-01T00:00:00\.000Z is newer; nothing changed\n/,
    );
    const epss = await cli(['feeds', 'import', 'epss-old.csv', '--vuln-db', 'dated.sqlite']);
    expect(epss.code, epss.stderr).toBe(0);
    expect(epss.stdout).toMatch(/skipped: older EPSS scores of 2025-01-02T00:00:00Z: the stored EPSS scores of 2025-01-03T00:00:00Z are newer; nothing changed/);
    const status = await cli(['feeds', 'status', '--vuln-db', 'dated.sqlite']);
    expect(status.stdout).toMatch(/KEV entries +1 \(catalog 2025\.01\.01 of 2025-01-01T00:00:00\.000Z\)\n/);
    // --db, the old name of --vuln-db, still works with one deprecation line on stderr.
    const old = await cli(['feeds', 'status', '--db', 'dated.sqlite']);
    expect([old.code, old.stdout]).toEqual([0, status.stdout]);
    expect(old.stderr).toBe('Warning: "mamori feeds status --db" is deprecated; use --vuln-db (the old name will be removed in a later version).\n');
    const oldImport = await cli(['feeds', 'import', 'kev-2025.json', '--db', 'dated.sqlite']);
    expect(oldImport.code).toBe(0);
    expect(oldImport.stderr).toMatch(/^Warning: "mamori feeds import --db" is deprecated; use --vuln-db/);
    expect(status.stdout).toMatch(/EPSS scores +2 \(model v2025\.03\.14 of 2025-01-03T00:00:00Z\)\n/);
  });

  it('refuses a .json file that is not JSON at all (exit 1), as a cut-short .gz; invalid lines stay skipped (QA secops 13)', async () => {
    mkdirSync(path.join(dir, 'cut-json'), { recursive: true });
    writeFileSync(path.join(dir, 'cut-json', 'trunc.json'), '{"id": "TRUNC');
    writeFileSync(path.join(dir, 'cut-json', 'bad-record.json'), JSON.stringify(osv('GHSA-bad0-0000-0000', { modified: 'not-a-date' })));
    writeFileSync(path.join(dir, 'cut-json', 'good.json'), JSON.stringify(osv('GHSA-good-0000-0000')));
    const r = await cli(['feeds', 'import', 'cut-json', '--vuln-db', 'cut-json.sqlite', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; problems: { kind: string; where: string; reason: string }[] };
    expect(report.counts).toMatchObject({ new: 1, skipped: 1, refused: 1 });
    expect(report.problems.map((p) => [p.kind, path.basename(p.where), p.reason.slice(0, 30)]).sort()).toEqual([
      ['refused', 'trunc.json', expect.stringMatching(/^not valid JSON: /)],
      ['skipped', 'bad-record.json', 'invalid OSV record: modified: '],
    ]);
    // Without the damaged file: the invalid record alone is skipped, exit 0.
    rmSync(path.join(dir, 'cut-json', 'trunc.json'));
    expect((await cli(['feeds', 'import', 'cut-json', '--vuln-db', 'cut-json.sqlite'])).code).toBe(0);
  });

  it('refuses EPSS scores without a date over dated ones (exit 1) unless --allow-undated (QA secops 14)', async () => {
    writeFileSync(path.join(dir, 'epss-dated.csv.gz'), epssGz);
    writeFileSync(path.join(dir, 'epss-undated.csv'), '#model_version:v2023.03.01\ncve,epss,percentile\nCVE-2025-0001,0.5,0.9\n');
    expect((await cli(['feeds', 'import', 'epss-dated.csv.gz', '--vuln-db', 'undated.sqlite'])).code).toBe(0);
    const refused = await cli(['feeds', 'import', 'epss-undated.csv', '--vuln-db', 'undated.sqlite']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/skipped: EPSS scores without a date \(no score_date\): the stored EPSS scores of 2025-01-03T00:00:00Z are dated and may be newer; nothing changed \(feeds import --allow-undated replaces them\)/);
    expect(refused.stderr).toMatch(/Not applied: \S*epss-undated\.csv \(EPSS scores without a date; the stored ones are of 2025-01-03T00:00:00Z\)\. .*--allow-undated/);
    const kept = await cli(['feeds', 'status', '--vuln-db', 'undated.sqlite']);
    expect(kept.stdout).toMatch(/EPSS scores +2 \(model v2025\.03\.14 of 2025-01-03T00:00:00Z\)\n/);
    const forced = await cli(['feeds', 'import', 'epss-undated.csv', '--vuln-db', 'undated.sqlite', '--allow-undated']);
    expect(forced.code, forced.stderr).toBe(0);
    const replaced = await cli(['feeds', 'status', '--vuln-db', 'undated.sqlite']);
    expect(replaced.stdout).toMatch(/EPSS scores +1 /);
  });

  it('leaves a stored record alone when the file has an older version of it, counting and naming it (QA airgap 3)', async () => {
    mkdirSync(path.join(dir, 'weekly', 'new'), { recursive: true });
    mkdirSync(path.join(dir, 'weekly', 'old'), { recursive: true });
    const nswg = (modified: string, summary: string) => JSON.stringify(osv('NSWG-ECO-368', { modified, summary, aliases: ['CVE-2018-3721'] }));
    writeFileSync(path.join(dir, 'weekly', 'new', 'NSWG-ECO-368.json'), nswg('2026-11-01T00:00:00Z', 'NEWER'));
    writeFileSync(path.join(dir, 'weekly', 'old', 'NSWG-ECO-368.json'), nswg('2019-01-01T00:00:00Z', 'OLDER'));
    writeFileSync(path.join(dir, 'weekly', 'old', 'GHSA-other.json'), JSON.stringify(osv('GHSA-other', { aliases: [] })));
    expect((await cli(['feeds', 'import', 'weekly/new', '--vuln-db', 'weekly.sqlite'])).code).toBe(0);
    const r = await cli(['feeds', 'import', 'weekly/old', '--vuln-db', 'weekly.sqlite']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Records +new 1, changed 0, withdrawn 0, removed 0, unchanged 0, older than stored 1, skipped 0, refused 0$/m);
    expect(r.stdout).toMatch(
      /^Note +1 record older than the stored version was not applied \(the stored version is kept\), e\.g\. osv NSWG-ECO-368 modified 2019-01-01T00:00:00Z: the stored version of 2026-11-01T00:00:00Z is newer$/m,
    );
    const json = await cli(['feeds', 'import', 'weekly/old', '--vuln-db', 'weekly.sqlite', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ counts: { older: 1, unchanged: 1, changed: 0 }, notes: [expect.stringMatching(/^1 record older than the stored version was not applied/)] });
    const show = await cli(['vuln', 'show', 'NSWG-ECO-368', '--vuln-db', 'weekly.sqlite']);
    expect(show.stdout).toMatch(/NEWER/);
    expect(show.stdout).not.toMatch(/OLDER/);
  });

  it('exits 2 when the path holds no feed mamori reads, and names what it reads', async () => {
    // The platform store, a vulnerability database, a binary file: each skipped, so nothing was imported.
    const platform = new Database(path.join(dir, 'mamori.db'));
    platform.exec('CREATE TABLE users (id TEXT)');
    platform.close();
    writeFileSync(path.join(dir, 'random.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect((await cli(['feeds', 'import', 'records.jsonl', '--vuln-db', 'other-vulndb.sqlite'])).code).toBe(0);
    for (const f of ['mamori.db', 'other-vulndb.sqlite', 'random.csv']) {
      const r = await cli(['feeds', 'import', f, '--vuln-db', 'nothing.sqlite']);
      expect(r.code, f).toBe(2);
      expect(r.stderr).toContain(`Nothing imported: ${f} is not a feed mamori reads (see the reasons above). mamori reads OSV records`);
      expect(r.stderr).toMatch(/the CISA KEV catalog \(JSON or CSV\), EPSS scores/);
    }
    // A folder where nothing is recognised: 2; with one feed file among others: 0, with the report.
    mkdirSync(path.join(dir, 'no-feeds'));
    writeFileSync(path.join(dir, 'no-feeds', 'notes.txt'), 'hello');
    const none = await cli(['feeds', 'import', 'no-feeds', '--vuln-db', 'nothing.sqlite']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Nothing imported: nothing in no-feeds is a feed mamori reads');
    writeFileSync(path.join(dir, 'no-feeds', 'kev.json'), kevJson);
    const some = await cli(['feeds', 'import', 'no-feeds', '--vuln-db', 'nothing.sqlite']);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/skipped 1, refused 0, KEV entries 1/);
  });

  it('imports the CISA KEV catalog in its CSV form, not as EPSS', async (ctx) => {
    const csv = readSample('kev/known_exploited_vulnerabilities.csv', ctx);
    if (csv === undefined) return;
    writeFileSync(path.join(dir, 'known_exploited_vulnerabilities.csv'), csv);
    const r = await cli(['feeds', 'import', 'known_exploited_vulnerabilities.csv', '--vuln-db', 'kev-csv.sqlite']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Formats +kev-csv\n/);
    expect(r.stdout).toMatch(/skipped 0, refused 0, KEV entries 1404\n/);
    expect(r.stdout).toMatch(/Note +.*known_exploited_vulnerabilities\.csv: the CSV form of the KEV catalog carries no release date; it is dated by its latest dateAdded, 2025-08-25 \(a lower bound/);
    expect(r.stderr).not.toMatch(/EPSS/);
    // An older catalog does not replace it (QA: the 2022 catalog removed 1,402 entries).
    const older = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    if (older === undefined) return;
    writeFileSync(path.join(dir, 'kev-2022.json'), older);
    const old = await cli(['feeds', 'import', 'kev-2022.json', '--vuln-db', 'kev-csv.sqlite']);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stdout).toMatch(/removed 0, unchanged 0, skipped 1, refused 0\n/);
    expect(old.stdout).toMatch(/skipped: older KEV catalog 2022\.05\.13 of 2022-05-13T19:57:27\.2727Z: the stored KEV catalog of 2025-08-25 is newer; nothing changed/);
    // KEV entries a newer catalog no longer lists are counted with KEV, not as removed records.
    writeFileSync(path.join(dir, 'kev-2025-09.json'), JSON.stringify({ ...JSON.parse(older), catalogVersion: '2025.09.01', dateReleased: '2025-09-01T00:00:00Z' }));
    const newer = await cli(['feeds', 'import', 'kev-2025-09.json', '--vuln-db', 'kev-csv.sqlite']);
    expect(newer.code, newer.stderr).toBe(0);
    expect(newer.stdout).toMatch(/removed 0, unchanged 0, skipped 0, refused 0, KEV entries 2 \(1402 removed\)\n/);
  });

  it('vuln show gives the earliest published date among the records and the latest modified date', async () => {
    // CVE-2024-3094: NVD published 2024-03-29; an alias record (JLSEC-2026-62) published in 2026 comes first in the group.
    writeFileSync(
      path.join(dir, 'xz.jsonl'),
      `${JSON.stringify(osv('JLSEC-2026-62', { aliases: ['CVE-2024-3094'], published: '2026-04-08T16:01:54Z', modified: '2026-04-09T00:00:00Z' }))}\n`,
    );
    writeFileSync(
      path.join(dir, 'xz-nvd.json'),
      JSON.stringify({ format: 'NVD_CVE', vulnerabilities: [{ cve: nvdApiRecord('CVE-2024-3094', { published: '2024-03-29T17:15:21.150', lastModified: '2026-07-17T23:50:43.660' }) }] }),
    );
    for (const f of ['xz.jsonl', 'xz-nvd.json']) expect((await cli(['feeds', 'import', f, '--vuln-db', 'xz.sqlite'])).code).toBe(0);
    const r = await cli(['vuln', 'show', 'CVE-2024-3094', '--vuln-db', 'xz.sqlite']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Published +2024-03-29T17:15:21\.150 \(nvd:CVE-2024-3094\)\n/);
    expect(r.stdout).toMatch(/Modified +2026-07-17T23:50:43\.660\n/);
    const json = JSON.parse((await cli(['vuln', 'show', 'JLSEC-2026-62', '--vuln-db', 'xz.sqlite', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ published: '2024-03-29T17:15:21.150', publishedFrom: { source: 'nvd', id: 'CVE-2024-3094' }, modified: '2026-07-17T23:50:43.660' });
  });

  it('vuln show never gives a Published date later than the day CISA added the vulnerability to KEV', async () => {
    // CVE-2023-46604 (QA PSIRT M6): Bitnami's record published 2025-12-03, no NVD record, KEV added 2023-11-02.
    writeFileSync(
      path.join(dir, 'amq.jsonl'),
      `${JSON.stringify(osv('BIT-activemq-2023-46604', { aliases: ['CVE-2023-46604'], published: '2025-12-03T14:35:38Z' }))}\n`,
    );
    const catalog = JSON.parse(kevJson) as { vulnerabilities: Record<string, unknown>[] };
    catalog.vulnerabilities = [{ ...catalog.vulnerabilities[0], cveID: 'CVE-2023-46604', dateAdded: '2023-11-02', dueDate: '2023-11-23' }];
    writeFileSync(path.join(dir, 'amq-kev.json'), JSON.stringify(catalog));
    for (const f of ['amq.jsonl', 'amq-kev.json']) expect((await cli(['feeds', 'import', f, '--vuln-db', 'amq.sqlite'])).code).toBe(0);
    const r = await cli(['vuln', 'show', 'BIT-activemq-2023-46604', '--vuln-db', 'amq.sqlite']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Published +2023-11-02 \(CISA KEV date added, CVE-2023-46604\)\n/);
    const json = JSON.parse((await cli(['vuln', 'show', 'CVE-2023-46604', '--vuln-db', 'amq.sqlite', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ published: '2023-11-02', publishedFrom: { source: 'kev', id: 'CVE-2023-46604' } });
  });

  it('vuln show finds an id typed in any case, as the API and vuln affected do', async () => {
    // The QA spellings: ghsa-x88j-93vc-wpmp, cve-2011-4136, pysec-2011-1 (PYSEC-2011-1, conformance/advisories/pypa-advisory-db).
    writeFileSync(
      path.join(dir, 'django.jsonl'),
      `${JSON.stringify(osv('PYSEC-2011-1', { aliases: ['CVE-2011-4136', 'GHSA-x88j-93vc-wpmp'] }))}\n`,
    );
    expect((await cli(['feeds', 'import', 'django.jsonl', '--vuln-db', 'case.sqlite'])).code).toBe(0);
    for (const typed of ['ghsa-x88j-93vc-wpmp', 'GHSA-X88J-93VC-WPMP', 'cve-2011-4136', 'pysec-2011-1', ' Cve-2011-4136 ']) {
      const r = await cli(['vuln', 'show', typed, '--vuln-db', 'case.sqlite', '--format', 'json']);
      expect(r.code, `${typed}: ${r.stderr}`).toBe(0);
      // Shown as the records spell the ids, never as typed.
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 'CVE-2011-4136', ids: ['CVE-2011-4136', 'GHSA-x88j-93vc-wpmp', 'PYSEC-2011-1'] });
    }
    const unknown = await cli(['vuln', 'show', 'cve-2011-9999', '--vuln-db', 'case.sqlite']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('No vulnerability "cve-2011-9999"')]);
  });

  it('vuln show finds an id only named as related, with the records naming it (exit 0); unknown ids stay exit 2', async () => {
    // RSEC-2023-8 (conformance/advisories/r-rsec) names seven cmark-gfm CVEs in upstream: related, not aliases (ADR 0010 addenda 10, 13).
    const rsec8 = osv('RSEC-2023-8', {
      aliases: [],
      summary: 'Denial of Service (DoS) vulnerabilities',
      severity: [],
      upstream: ['CVE-2023-37463', 'CVE-2023-22486', 'CVE-2023-22483'],
      affected: [{ package: { ecosystem: 'CRAN', name: 'commonmark' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.2' }, { fixed: '1.9.2' }] }] }],
    });
    const rubysec = osv('x_RUBYSEC-commonmarker-CVE-2023-37463', { aliases: ['CVE-2023-37463'], summary: 'Quadratic complexity in Commonmarker', affected: [{ package: { ecosystem: 'RubyGems', name: 'commonmarker' }, versions: ['0.23.9'] }] });
    writeFileSync(path.join(dir, 'rsec.jsonl'), `${JSON.stringify(rsec8)}\n${JSON.stringify(rubysec)}\n`);
    expect((await cli(['feeds', 'import', 'rsec.jsonl', '--vuln-db', 'related.sqlite'])).code).toBe(0);

    const table = await cli(['vuln', 'show', 'cve-2023-22486', '--vuln-db', 'related.sqlite']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Vulnerability\s+CVE-2023-22486\n/);
    expect(table.stdout).toMatch(/Advisory\s+none of its own in the vulnerability database\n/);
    expect(table.stdout).toMatch(/Named as related by\s+RSEC-2023-8\n/);
    expect(table.stdout).toMatch(/RSEC-2023-8\s+osv\s+CRAN commonmark\s+Denial of Service \(DoS\) vulnerabilities/);
    expect(table.stderr).toContain('CVE-2023-22486 has no advisory of its own in');
    expect(table.stderr).toContain('1 record names it as related: RSEC-2023-8.');
    const json = await cli(['vuln', 'show', 'CVE-2023-22486', '--vuln-db', 'related.sqlite', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: 'CVE-2023-22486',
      ids: ['CVE-2023-22486'],
      records: [],
      relatedBy: [{ id: 'RSEC-2023-8', source: 'osv', summary: 'Denial of Service (DoS) vulnerabilities', withdrawn: false, packages: [{ ecosystem: 'CRAN', name: 'commonmark' }] }],
    });
    // A CVE with its own record also says who names it as related; the record's own view is unchanged.
    const own = await cli(['vuln', 'show', 'CVE-2023-37463', '--vuln-db', 'related.sqlite']);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/Ids\s+CVE-2023-37463, x_RUBYSEC-commonmarker-CVE-2023-37463\n/);
    expect(own.stdout).toMatch(/Named as related by\s+RSEC-2023-8\n/);
    expect(own.stdout).toMatch(/Summary\s+Quadratic complexity in Commonmarker/);
    expect(own.stderr).toBe('');
    const rsec = JSON.parse((await cli(['vuln', 'show', 'RSEC-2023-8', '--vuln-db', 'related.sqlite', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(rsec).toMatchObject({ id: 'RSEC-2023-8', related: ['CVE-2023-22483', 'CVE-2023-22486', 'CVE-2023-37463'], relatedBy: [] });
    const unknown = await cli(['vuln', 'show', 'CVE-2023-22487', '--vuln-db', 'related.sqlite']);
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', expect.stringContaining('No vulnerability "CVE-2023-22487"')]);
  });

  it('syncs every source from a mirror, resuming a partial download', async () => {
    const dbFile = path.join(dir, 'sync', 'vulndb.sqlite');
    // A partial download of the OSV archive from an interrupted run.
    mkdirSync(path.join(dir, 'sync', 'feeds', 'osv', 'npm'), { recursive: true });
    writeFileSync(path.join(dir, 'sync', 'feeds', 'osv', 'npm', 'all.zip.part'), zipBytes.subarray(0, 100));
    // What it was a part of (written when that download began).
    const etag = `"${createHash('sha256').update(zipBytes).digest('hex').slice(0, 16)}"`;
    writeFileSync(path.join(dir, 'sync', 'feeds', 'osv', 'npm', 'all.zip.part.validator'), JSON.stringify({ url: `${base}/osv/npm/all.zip`, etag, lastModified: null }));
    requests.length = 0;
    const r = await cli([
      'feeds',
      'sync',
      '--vuln-db',
      dbFile,
      '--mirror',
      `${base}/`,
      '--ecosystem',
      'npm',
      '--format',
      'json',
    ]);
    expect(r.stderr).toMatch(/resuming .*all\.zip at/);
    expect(r.code).toBe(0);
    expect(requests.find((q) => q.url === '/osv/npm/all.zip')?.range).toBe('bytes=100-');
    expect(
      requests
        .filter((q) => q.url.startsWith('/nvd/cves/2.0'))
        .map((q) => new URL(q.url, base).searchParams.get('startIndex')),
    ).toEqual(['0', '1']);
    const out = JSON.parse(r.stdout) as { results: { source: string; ok: boolean }[] };
    expect(out.results.map((x) => [x.source, x.ok])).toEqual([
      ['osv:npm', true],
      ['nvd', true],
      ['kev', true],
      ['epss', true],
      ['jvn', true],
    ]);
    const db = openVulnDb(dbFile, { readonly: true });
    try {
      expect(db.status().records).toEqual({ jvn: 1, nvd: 2, osv: 2 });
      expect(db.cvesForCpeProduct('acme', 'tiny_rtos').map((c) => c.id)).toEqual([
        'CVE-2025-1000',
        'CVE-2025-1001',
      ]);
      expect(db.idsOf('JVNDB-2025-000001')).toEqual(['CVE-2025-1000', 'JVNDB-2025-000001']);
      expect(db.enrichment(['CVE-2025-0001'])).toMatchObject({
        epss: { score: 0.25 },
        kev: { dueDate: '2025-01-23' },
      });
      expect(db.sourceState('nvd')?.cursor).toBeTruthy();
    } finally {
      db.close();
    }
    // Second sync: NVD is incremental from the cursor; a record removed from all.zip is removed; a failing source gives exit 1.
    zipBytes = buildZip([
      { name: 'GHSA-aaaa-bbbb-cccc.json', data: JSON.stringify(osv('GHSA-aaaa-bbbb-cccc'), null, 2) },
      { name: '../evil.json', data: '{}' },
    ]);
    failKev = true;
    requests.length = 0;
    const again = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--ecosystem', 'npm']);
    failKev = false;
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Sync incomplete: (.*, )?kev/);
    // A refused archive entry: the source is incomplete, the refusal is listed as by `feeds import`,
    // and nothing is removed (the refused entry could have been any record).
    expect(again.stdout).toMatch(/^osv:npm +incomplete: input refused +new 0, changed 0, withdrawn 0, removed 0, unchanged 1, skipped 0, refused 1$/m);
    expect(again.stderr).toMatch(/^osv:npm: refused: .*!\.\.\/evil\.json: ".." path segment \(zip slip\)$/m);
    expect(again.stderr).toMatch(/^osv:npm: note: .*all\.zip: not a complete snapshot of osv:npm \(\.\.\/evil\.json was refused\); nothing was removed$/m);
    expect(again.stderr).toMatch(/Sync incomplete: .*osv:npm/);
    expect(
      new URL(requests.find((q) => q.url.startsWith('/nvd/'))!.url, base).searchParams.get(
        'lastModStartDate',
      ),
    ).toBeTruthy();
    const db1 = openVulnDb(dbFile, { readonly: true });
    try {
      expect(db1.recordById('GHSA-dddd-eeee-ffff')).not.toBeNull();
    } finally {
      db1.close();
    }
    // The archive without the hostile entry is complete: the record that left it is removed.
    zipBytes = buildZip([{ name: 'GHSA-aaaa-bbbb-cccc.json', data: JSON.stringify(osv('GHSA-aaaa-bbbb-cccc'), null, 2) }]);
    const third = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--ecosystem', 'npm', '--source', 'osv']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/^osv:npm +ok +new 0, changed 0, withdrawn 0, removed 1, unchanged 1, skipped 0, refused 0$/m);
    const db2 = openVulnDb(dbFile, { readonly: true });
    try {
      expect(db2.recordById('GHSA-dddd-eeee-ffff')).toBeNull();
      expect(
        db2
          .changesSince(0)
          .filter((c) => c.kind === 'removed')
          .map((c) => [c.recordId, c.name]),
      ).toEqual([['GHSA-dddd-eeee-ffff', 'right-pad']]);
    } finally {
      db2.close();
    }
  });

  it('fails every source whose download is not the feed (an HTML page with status 200), and keeps its state', async () => {
    const dbFile = path.join(dir, 'html', 'vulndb.sqlite');
    const ok = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--source', 'kev', '--source', 'jvn']);
    expect(ok.code, ok.stderr).toBe(0);
    const state = () => {
      const db = openVulnDb(dbFile, { readonly: true });
      try {
        return db.status().sources;
      } finally {
        db.close();
      }
    };
    const before = state();
    expect(before.map((s) => s.source)).toEqual(['jvn', 'kev']);
    htmlPages = true;
    try {
      const r = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--ecosystem', 'npm', '--format', 'json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { results: { source: string; ok: boolean; error: string }[] };
      expect(out.results.map((x) => [x.source, x.ok])).toEqual([
        ['osv:npm', false],
        ['nvd', false],
        ['kev', false],
        ['epss', false],
        ['jvn', false],
      ]);
      expect(out.results.map((x) => x.error)).toEqual([
        expect.stringMatching(/^the download is not an OSV archive of records \(refused: archive refused: not a ZIP archive/),
        expect.stringMatching(/did not return JSON$/),
        expect.stringMatching(/^the download is not the CISA KEV catalog \(refused: not valid JSON: Unexpected token '<'/),
        expect.stringMatching(/^the download is not an EPSS score file \(refused: gzip data refused: it is damaged or not gzip/),
        expect.stringMatching(/did not return a MyJVN document: MyJVN document: /),
      ]);
      const table = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--source', 'kev']);
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(/^kev +failed: the download is not the CISA KEV catalog/m);
      expect(table.stderr).toMatch(/Sync incomplete: kev\./);
    } finally {
      htmlPages = false;
    }
    // No source looks freshly imported.
    expect(state()).toEqual(before);
  });

  it('takes OSV ecosystem names in any letter case and refuses unknown ones with the list', async () => {
    const dbFile = path.join(dir, 'eco', 'vulndb.sqlite');
    requests.length = 0;
    const r = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--source', 'osv', '--ecosystem', 'NPM', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(requests.map((q) => q.url)).toEqual(['/osv/npm/all.zip']);
    expect((JSON.parse(r.stdout) as { results: { source: string }[] }).results.map((x) => x.source)).toEqual(['osv:npm']);
    const bad = await cli(['feeds', 'sync', '--vuln-db', dbFile, '--mirror', base, '--source', 'osv', '--ecosystem', 'npm,pipy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown ecosystem "pipy"\. Use an OSV ecosystem name, optionally with a suffix \(e\.g\. "Debian:12"\): AlmaLinux, .*, PyPI, .*Wolfi/);
    expect(requests).toHaveLength(1);
  });

  it('rejects a mirror that is not an http(s) URL', async () => {
    const r = await cli(['feeds', 'sync', '--mirror', 'ftp://x', '--vuln-db', path.join(dir, 'x.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mirror must be an http\(s\) URL/);
  });

  it('vuln show prints one vulnerability under any of its ids, with CVSS, EPSS, KEV and affected packages', async () => {
    const dbFile = path.join(dir, 'sync', 'vulndb.sqlite');
    const byCve = await cli(['vuln', 'show', 'CVE-2025-0001', '--vuln-db', dbFile]);
    expect(byCve.code).toBe(0);
    expect(byCve.stdout).toMatch(/Vulnerability\s+CVE-2025-0001/);
    expect(byCve.stdout).toMatch(/Ids\s+CVE-2025-0001, GHSA-aaaa-bbbb-cccc/);
    expect(byCve.stdout).toMatch(/EPSS\s+0\.25 \(percentile 0\.9, 2025-01-03\)/);
    expect(byCve.stdout).toMatch(/KEV\s+known exploited since 2025-01-02, due 2025-01-23/);
    expect(byCve.stdout).toMatch(/3\.1\s+9\.8\s+CRITICAL/);
    expect(byCve.stdout).toMatch(/npm\s+left-pad\s+SEMVER: introduced 0, fixed 1\.3\.0/);
    const json = await cli(['vuln', 'show', 'GHSA-aaaa-bbbb-cccc', '--vuln-db', dbFile, '--format', 'json']);
    const view = JSON.parse(json.stdout) as { cvss: unknown[]; references: unknown[] };
    expect(view).toMatchObject({
      id: 'CVE-2025-0001',
      ids: ['CVE-2025-0001', 'GHSA-aaaa-bbbb-cccc'],
      summary: 'Prototype pollution in left-pad',
      kev: { cveID: 'CVE-2025-0001' },
    });
    expect(view.cvss[0]).toMatchObject({
      version: '3.1',
      baseScore: 9.8,
      baseSeverity: 'CRITICAL',
      nomenclature: 'base',
    });
    expect(view.references).toEqual([{ type: 'ADVISORY', url: 'https://example.com/advisory' }]);
    const nvd = JSON.parse(
      (await cli(['vuln', 'show', 'JVNDB-2025-000001', '--vuln-db', dbFile, '--format', 'json'])).stdout,
    ) as { cpe: unknown[]; cvss: unknown[] };
    expect(nvd).toMatchObject({ id: 'CVE-2025-1000', ids: ['CVE-2025-1000', 'JVNDB-2025-000001'] });
    expect(nvd.cpe).toEqual([
      {
        record: 'CVE-2025-1000',
        criteria: 'cpe:2.3:o:acme:tiny_rtos:*:*:*:*:*:*:*:*',
        vulnerable: true,
        bounds: '< 2.0',
      },
    ]);
    expect(nvd.cvss[0]).toMatchObject({ baseScore: 6.5, baseSeverity: 'MEDIUM' });
    const missing = await cli(['vuln', 'show', 'CVE-1900-0001', '--vuln-db', dbFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No vulnerability "CVE-1900-0001"/);
    const noDb = await cli(['vuln', 'show', 'CVE-2025-0001', '--vuln-db', path.join(dir, 'absent.sqlite')]);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/No vulnerability database at/);
  });
});
