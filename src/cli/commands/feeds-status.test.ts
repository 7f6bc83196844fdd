/**
 * `mamori feeds status` through run(): how fresh each feed is after the air-gapped route (`feeds
 * import` of files carried in) as after `feeds sync` (QA air-gap report 7), a source whose sync failed
 * listed as such, and the KEV entries and EPSS scores of the logged imports (QA air-gap report 11).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nvdApiRecord } from '../../../test/support/vulns.js';
import { runCli } from '../../../test/support/cli.js';
import { buildZip } from '../../vulndb/zip-writer.test-helper.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-status-'));
let server: Server;
let base = '';
beforeAll(async () => {
  // A mirror that has nothing: every download is a 404.
  server = createServer((_req, res) => void res.writeHead(404).end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const cli = (argv: string[]) =>
  runCli(argv, { env: { MAMORI_DATA_DIR: path.join(dir, 'data') }, cwd: dir, fetch: globalThis.fetch });

const day = 24 * 3600 * 1000;
/** A timestamp `days` before now: the status measures the age of the data from the real clock. */
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
const osv = (id: string, modified: string, ecosystem: string) =>
  JSON.stringify({
    id,
    modified,
    affected: [{ package: { ecosystem, name: `p-${id}` }, versions: ['1.0'] }],
  });
const kev = (dateReleased: string, cves: readonly string[]) =>
  JSON.stringify({
    catalogVersion: dateReleased.slice(0, 10).replaceAll('-', '.'),
    dateReleased,
    count: cves.length,
    vulnerabilities: cves.map((cveID) => ({
      cveID,
      vendorProject: 'v',
      product: 'p',
      vulnerabilityName: 'n',
      dateAdded: '2025-01-02',
      shortDescription: 'd',
      requiredAction: 'a',
      dueDate: '2025-01-23',
      knownRansomwareCampaignUse: 'Unknown',
    })),
  });

type Feed = {
  feed: string;
  records: number;
  newest: string | null;
  lastImportedAt: string | null;
  ageDays: number | null;
  stale: boolean;
  lastFailure: { error: string } | null;
};

describe('mamori feeds status', () => {
  it('says how old each feed is after file imports, flags stale ones, and shows KEV and EPSS counts of the imports', async () => {
    const npmDate = ago(90);
    const pypiDate = ago(1);
    writeFileSync(path.join(dir, 'npm.jsonl'), `${osv('GHSA-old', npmDate, 'npm')}\n`);
    writeFileSync(
      path.join(dir, 'PyPI-all.zip'),
      buildZip([{ name: 'PYSEC-1.json', data: osv('PYSEC-1', pypiDate, 'PyPI') }]),
    );
    writeFileSync(
      path.join(dir, 'nvd.json'),
      JSON.stringify({
        format: 'NVD_CVE',
        vulnerabilities: [{ cve: nvdApiRecord('CVE-2025-0001', { lastModified: ago(2).replace('Z', '') }) }],
      }),
    );
    writeFileSync(path.join(dir, 'kev.json'), kev(ago(3), ['CVE-2025-0001', 'CVE-2025-0002']));
    writeFileSync(path.join(dir, 'kev-next.json'), kev(ago(2), ['CVE-2025-0001']));
    writeFileSync(
      path.join(dir, 'epss.csv.gz'),
      gzipSync(
        `#model_version:v2025.03.14,score_date:${ago(20)}\ncve,epss,percentile\nCVE-2025-0001,0.25,0.9\nCVE-2025-0002,0.01,0.1\n`,
      ),
    );
    for (const f of ['npm.jsonl', 'PyPI-all.zip', 'nvd.json', 'kev.json', 'kev-next.json', 'epss.csv.gz']) {
      const r = await cli(['feeds', 'import', f]);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
    }

    const table = await cli(['feeds', 'status']);
    expect(table.code, table.stderr).toBe(0);
    const ts = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
    expect(table.stdout).toContain('\nFeeds (stale: newest data older than 7 days):\nFEED ');
    expect(table.stdout).toMatch(new RegExp(`^osv:PyPI +1 +${pypiDate} +${ts} +ok$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^osv:npm +1 +${npmDate} +${ts} +stale \\(90 days old\\)$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^nvd +1 +${ago(2).slice(0, 10)}T[\\d:.]+ +${ts} +ok$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^kev +1 +${ts} +${ts} +ok$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^epss +2 +${ts} +${ts} +stale \\(20 days old\\)$`, 'm'));
    // The logged KEV and EPSS imports show what they read (QA air-gap 11), as the import printed it.
    expect(table.stdout).toMatch(
      /kev\.json +new 0, changed 0, withdrawn 0, removed 0, unchanged 0, skipped 0, refused 0, KEV entries 2$/m,
    );
    expect(table.stdout).toMatch(/kev-next\.json +new 0, .*, refused 0, KEV entries 1 \(1 removed\)$/m);
    expect(table.stdout).toMatch(/epss\.csv\.gz +new 0, .*, refused 0, EPSS scores 2$/m);

    const json = await cli(['feeds', 'status', '--format', 'json']);
    const s = JSON.parse(json.stdout) as {
      staleDays: number;
      feeds: Feed[];
      lastImports: { counts: Record<string, unknown> }[];
    };
    expect(s.staleDays).toBe(7);
    expect(s.feeds.map((f) => [f.feed, f.records, f.ageDays, f.stale])).toEqual([
      ['osv:PyPI', 1, 1, false],
      ['osv:npm', 1, 90, true],
      ['nvd', 1, 2, false],
      ['kev', 1, 2, false],
      ['epss', 2, 20, true],
    ]);
    expect(s.feeds[0]).toMatchObject({ newest: pypiDate, lastFailure: null });
    expect(s.feeds.every((f) => f.lastImportedAt !== null)).toBe(true);

    // Another threshold; a threshold that is not a whole number of days is a usage error.
    const lenient = JSON.parse(
      (await cli(['feeds', 'status', '--format', 'json', '--stale-days', '100'])).stdout,
    ) as { staleDays: number; feeds: Feed[] };
    expect([lenient.staleDays, lenient.feeds.filter((f) => f.stale)]).toEqual([100, []]);
    expect((await cli(['feeds', 'status', '--stale-days', '0'])).stdout).toMatch(
      /^osv:PyPI +.* stale \(1 day old\)$/m,
    );
    for (const bad of ['seven', '-1', '1.5', '']) {
      const r = await cli(['feeds', 'status', '--stale-days', bad]);
      expect([r.code, r.stderr], bad).toEqual([
        2,
        `--stale-days must be a whole number of days, not "${bad}".\n`,
      ]);
    }
  });

  it('lists a source whose sync failed (a 404 on the mirror) as never imported, with the error', async () => {
    const sync = await cli([
      'feeds',
      'sync',
      '--vuln-db',
      'mirror.sqlite',
      '--mirror',
      base,
      '--source',
      'osv',
      '--ecosystem',
      'Maven,npm',
    ]);
    expect(sync.code).toBe(1);
    const table = await cli(['feeds', 'status', '--vuln-db', 'mirror.sqlite']);
    expect(table.stdout).toMatch(
      new RegExp(
        `^osv:Maven +0 +- +- +never imported; sync failed [\\d-]+T[\\d:.]+Z: cannot download ${base}/osv/Maven/all\\.zip: HTTP 404$`,
        'm',
      ),
    );
    expect(table.stdout).toMatch(/^osv:npm +0 +- +- +never imported; sync failed /m);
    expect(table.stdout).toMatch(
      new RegExp(
        `^\\d+ +failed +\\S+ +${base}/osv/Maven/all\\.zip +cannot download ${base}/osv/Maven/all\\.zip: HTTP 404$`,
        'm',
      ),
    );
    const json = JSON.parse(
      (await cli(['feeds', 'status', '--vuln-db', 'mirror.sqlite', '--format', 'json'])).stdout,
    ) as { feeds: Feed[] };
    expect(
      json.feeds.map((f) => [f.feed, f.records, f.lastImportedAt, f.stale, f.lastFailure?.error]),
    ).toEqual([
      ['osv:Maven', 0, null, false, `cannot download ${base}/osv/Maven/all.zip: HTTP 404`],
      ['osv:npm', 0, null, false, `cannot download ${base}/osv/npm/all.zip: HTTP 404`],
    ]);
  });
  it('shows the records of a logged import that were older than the stored ones', async () => {
    // GHSA-old is stored with a date 90 days ago (first test); a copy from 100 days ago is older.
    writeFileSync(path.join(dir, 'npm-older.jsonl'), `${osv('GHSA-old', ago(100), 'npm')}\n`);
    const r = await cli(['feeds', 'import', 'npm-older.jsonl']);
    expect(r.code, r.stderr).toBe(0);
    const table = await cli(['feeds', 'status']);
    expect(table.stdout).toMatch(/npm-older\.jsonl +new 0, changed 0, withdrawn 0, removed 0, unchanged 0, older than stored 1, skipped 0, refused 0$/m);
  });
});
