import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nvdApiRecord } from '../../test/support/vulns.js';
import { instantOf } from '../core/vulns/record-dates.js';
import { openVulnDb } from './database.js';
import { defaultStaleDays, feedAge, feedOfSource, FeedTallies } from './feed-states.js';
import { importPath } from './import.js';
import { tempVulnDbs } from './temp-db.test-helper.js';
import { buildZip } from './zip-writer.test-helper.js';

const { file, freshDb, opened } = tempVulnDbs('mamori-feed-states-');

function osv(id: string, modified: string, ecosystem = 'PyPI'): Record<string, unknown> {
  return {
    id,
    modified,
    summary: id,
    affected: [{ package: { ecosystem, name: `pkg-${id}` }, versions: ['1.0'] }],
  };
}
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const kevCatalog = (version: string, dateReleased: string) =>
  JSON.stringify({
    catalogVersion: version,
    dateReleased,
    count: 2,
    vulnerabilities: ['CVE-2024-0001', 'CVE-2024-0002'].map((cveID) => ({
      cveID,
      vendorProject: 'v',
      product: 'p',
      vulnerabilityName: 'n',
      dateAdded: '2024-01-05',
      shortDescription: 'd',
      requiredAction: 'a',
      dueDate: '2024-01-26',
      knownRansomwareCampaignUse: 'Unknown',
    })),
  });
const epssFile = (scoreDate: string) =>
  gzipSync(
    `#model_version:v2025.03.14,score_date:${scoreDate}\ncve,epss,percentile\nCVE-2024-0001,0.5,0.97\n`,
  );
const jvnXml = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:status="http://jvndb.jvn.jp/myjvn/Status" xml:lang="ja">
  <item rdf:about="https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-000001.html">
    <title>Tiny RTOS における脆弱性</title>
    <link>https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-000001.html</link>
    <sec:identifier>JVNDB-2025-000001</sec:identifier>
    <sec:references source="CVE" id="CVE-2024-0001">https://www.cve.org/CVERecord?id=CVE-2024-0001</sec:references>
    <dcterms:modified>2025-01-04T00:00:00+09:00</dcterms:modified>
  </item>
  <status:Status version="3.3" retCd="0" totalRes="1" totalResRet="1" firstRes="1" />
</rdf:RDF>`;

describe('feed states', () => {
  it('names the feed of an import log source or sync state: OSV by base ecosystem', () => {
    expect(
      ['osv:PyPI', 'osv:Debian:12', 'nvd', 'jvn', 'kev', 'epss', 'file', 'osv:', 'other'].map(feedOfSource),
    ).toEqual(['osv:PyPI', 'osv:Debian', 'nvd', 'jvn', 'kev', 'epss', null, null, null]);
  });

  it('flags a feed stale when its newest data is older than the threshold (default 7 days)', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(defaultStaleDays).toBe(7);
    expect(feedAge({ newest: '2025-03-03T12:00:00Z' }, now)).toEqual({ ageDays: 7, stale: false });
    expect(feedAge({ newest: '2025-03-03T11:59:59Z' }, now)).toEqual({ ageDays: 7, stale: true });
    // NVD (no zone: UTC), JVN (an offset), a KEV or EPSS day.
    expect(feedAge({ newest: '2025-03-09T12:00:00.000' }, now)).toEqual({ ageDays: 1, stale: false });
    expect(feedAge({ newest: '2025-01-01T09:00+09:00' }, now)).toEqual({ ageDays: 68, stale: true });
    expect(feedAge({ newest: '2025-03-01' }, now, 30)).toEqual({ ageDays: 9, stale: false });
    expect(feedAge({ newest: '2025-03-01' }, now, 0)).toEqual({ ageDays: 9, stale: true });
    // A date in the future is not stale; no date or an unreadable one has no age.
    expect(feedAge({ newest: '2025-04-01T00:00:00Z' }, now)).toEqual({ ageDays: 0, stale: false });
    expect(feedAge({ newest: null }, now)).toEqual({ ageDays: null, stale: false });
    expect(feedAge({ newest: 'yesterday' }, now)).toEqual({ ageDays: null, stale: false });
  });

  it('tallies the records of each feed read by an import and the newest date of each, as instants', () => {
    const t = new FeedTallies();
    const osv = (modified: unknown, ...ecosystems: string[]) => ({
      id: 'X',
      modified,
      affected: ecosystems.map((ecosystem) => ({ package: { ecosystem, name: 'p' } })),
    });
    t.osv(osv('2024-05-01T00:00:00Z', 'PyPI'));
    t.osv(osv('2024-06-01T00:00:00Z', 'PyPI', 'PyPI', 'npm'));
    t.osv(osv('2024-04-01T00:00:00Z', 'Debian:12', 'Debian:11'));
    t.osv(osv('not a date', 'npm'));
    t.osv(osv('2024-07-01T00:00:00Z'));
    t.osv('not an object');
    t.add('nvd', '2024-03-29T17:15:21.150');
    // Text order is wrong across zones: 09:00+09:00 is midnight UTC, before 2024-03-29T17:15:21.150.
    t.add('nvd', '2024-03-30T01:00+09:00');
    t.add('kev', null);
    expect(t.toJSON()).toEqual({
      kev: { records: 1, newest: null },
      nvd: { records: 2, newest: '2024-03-29T17:15:21.150' },
      'osv:Debian': { records: 1, newest: '2024-04-01T00:00:00Z' },
      'osv:PyPI': { records: 2, newest: '2024-06-01T00:00:00Z' },
      'osv:npm': { records: 2, newest: '2024-06-01T00:00:00Z' },
    });
  });

  it('finds the newest date whatever the order and form of the dates (texts far older are not parsed)', () => {
    // Pseudo-random dates in the forms the feeds write, against a plain maximum of their instants.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const forms = [
      (d: Date) => d.toISOString(),
      (d: Date) => d.toISOString().replace('Z', ''),
      (d: Date) => `${d.toISOString().slice(0, 16)}+09:00`,
      (d: Date) => `${d.toISOString().slice(0, 16)}-11:30`,
      (d: Date) => d.toISOString().slice(0, 10),
    ];
    for (let run = 0; run < 20; run++) {
      const t = new FeedTallies();
      const dates = Array.from({ length: 200 }, () =>
        forms[Math.floor(next() * forms.length)]!(
          new Date(Date.UTC(2024, 0, 1) + next() * 10 * 24 * 3600 * 1000),
        ),
      );
      for (const d of dates) t.add('f', d);
      const best = Math.max(...dates.map((d) => instantOf(d)!));
      expect(instantOf(t.toJSON().f!.newest!)).toBe(best);
    }
  });
});

describe('feed states of the vulnerability database (QA air-gap 7)', () => {
  it('says how fresh each feed is after file imports: records, data date, last import, whatever the route', async () => {
    const db = freshDb();
    const at = (t: string) => ({ now: () => t });
    // The air-gapped route: files carried in and imported, one per feed.
    await importPath(
      db,
      file(
        'PyPI-all.zip',
        buildZip([
          { name: 'PYSEC-1.json', data: JSON.stringify(osv('PYSEC-1', '2025-01-10T00:00:00Z')) },
          { name: 'PYSEC-2.json', data: JSON.stringify(osv('PYSEC-2', '2025-01-12T08:00:00Z')) },
        ]),
      ),
      at('2025-02-01T00:00:00.000Z'),
    );
    await importPath(
      db,
      file(
        'mixed.jsonl',
        lines([
          osv('DSA-1', '2024-11-01T00:00:00Z', 'Debian:12'),
          osv('GHSA-1', '2024-12-01T00:00:00Z', 'npm'),
        ]),
      ),
      at('2025-02-01T01:00:00.000Z'),
    );
    await importPath(
      db,
      file(
        'nvd.json',
        JSON.stringify({
          format: 'NVD_CVE',
          vulnerabilities: [
            { cve: nvdApiRecord('CVE-2024-0001', { lastModified: '2025-01-20T10:00:00.000' }) },
            { cve: nvdApiRecord('CVE-2024-0002', { lastModified: '2025-01-21T10:00:00.000' }) },
          ],
        }),
      ),
      at('2025-02-01T02:00:00.000Z'),
    );
    await importPath(db, file('jvn.xml', jvnXml), at('2025-02-01T03:00:00.000Z'));
    await importPath(
      db,
      file('kev.json', kevCatalog('2025.01.30', '2025-01-30T12:00:00Z')),
      at('2025-02-01T04:00:00.000Z'),
    );
    // Ten daily EPSS files later, the OSV and NVD imports are far out of the last ten: still listed.
    for (let d = 1; d <= 10; d++) {
      const day = `2025-02-${String(d + 1).padStart(2, '0')}`;
      await importPath(db, file('epss.csv.gz', epssFile(`${day}T00:00:00Z`)), at(`${day}T06:00:00.000Z`));
    }
    const s = db.status();
    expect(s.lastImports).toHaveLength(10);
    expect(s.feeds).toEqual([
      {
        feed: 'osv:Debian',
        records: 1,
        newest: '2024-11-01T00:00:00Z',
        lastImportedAt: '2025-02-01T01:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'osv:PyPI',
        records: 2,
        newest: '2025-01-12T08:00:00Z',
        lastImportedAt: '2025-02-01T00:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'osv:npm',
        records: 1,
        newest: '2024-12-01T00:00:00Z',
        lastImportedAt: '2025-02-01T01:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'nvd',
        records: 2,
        newest: '2025-01-21T10:00:00.000',
        lastImportedAt: '2025-02-01T02:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'kev',
        records: 2,
        newest: '2025-01-30T12:00:00Z',
        lastImportedAt: '2025-02-01T04:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'epss',
        records: 1,
        newest: '2025-02-11T00:00:00Z',
        lastImportedAt: '2025-02-11T06:00:00.000Z',
        lastFailure: null,
      },
      {
        feed: 'jvn',
        records: 1,
        newest: '2025-01-04T00:00:00+09:00',
        lastImportedAt: '2025-02-01T03:00:00.000Z',
        lastFailure: null,
      },
    ]);
    // An OSV file carried in months late: imported today, its data date is still its own.
    await importPath(
      db,
      file('late.jsonl', lines([osv('PYSEC-1', '2025-01-10T00:00:00Z')])),
      at('2025-05-01T00:00:00.000Z'),
    );
    expect(db.status().feeds.find((f) => f.feed === 'osv:PyPI')).toMatchObject({
      newest: '2025-01-12T08:00:00Z',
      lastImportedAt: '2025-05-01T00:00:00.000Z',
    });
    expect(
      feedAge(
        db.status().feeds.find((f) => f.feed === 'osv:PyPI')!,
        new Date('2025-05-01T00:00:00Z'),
      ),
    ).toEqual({ ageDays: 108, stale: true });
    // An older KEV catalog is not applied: it is not an import of KEV data.
    await importPath(
      db,
      file('kev-old.json', kevCatalog('2025.01.01', '2025-01-01T00:00:00Z')),
      at('2025-05-02T00:00:00.000Z'),
    );
    expect(db.status().feeds.find((f) => f.feed === 'kev')).toMatchObject({
      newest: '2025-01-30T12:00:00Z',
      lastImportedAt: '2025-02-01T04:00:00.000Z',
    });
  });

  it('leaves zero and future dates out of the data date and says how many it saw (QA secops 10)', async () => {
    const db = freshDb();
    const future = new Date(Date.now() + 200 * 24 * 3600 * 1000).toISOString();
    // The Go vulnerability database writes Go's zero time as every record's modified date.
    await importPath(
      db,
      file(
        'mixed.jsonl',
        lines([
          osv('GO-1', '0001-01-01T00:00:00Z', 'Go'),
          osv('GO-2', '0001-01-01T00:00:00Z', 'Go'),
          osv('PYSEC-1', '2025-01-10T00:00:00Z'),
          osv('PYSEC-2', future),
        ]),
      ),
    );
    await importPath(
      db,
      file(
        'nvd.json',
        JSON.stringify({
          format: 'NVD_CVE',
          vulnerabilities: [
            { cve: nvdApiRecord('CVE-2024-0001', { lastModified: '2025-01-20T10:00:00.000' }) },
            { cve: nvdApiRecord('CVE-2024-0002', { lastModified: future.replace('Z', '') }) },
          ],
        }),
      ),
    );
    const feeds = db.status().feeds;
    expect(feeds.find((f) => f.feed === 'osv:Go')).toMatchObject({
      records: 2,
      newest: null,
      implausibleDates: 2,
    });
    expect(feeds.find((f) => f.feed === 'osv:PyPI')).toMatchObject({
      records: 2,
      newest: '2025-01-10T00:00:00Z',
      implausibleDates: 1,
    });
    expect(feeds.find((f) => f.feed === 'nvd')).toMatchObject({
      records: 2,
      newest: '2025-01-20T10:00:00.000',
      implausibleDates: 1,
    });
    // No age from a zero date; the newest plausible date is stale.
    expect(
      feedAge(
        feeds.find((f) => f.feed === 'osv:Go')!,
        new Date(),
      ),
    ).toEqual({ ageDays: null, stale: false });
    expect(
      feedAge(
        feeds.find((f) => f.feed === 'osv:PyPI')!,
        new Date(),
      ).stale,
    ).toBe(true);
    // What an import logs of each feed leaves them out the same way, and counts them.
    const tallies = new FeedTallies();
    tallies.add('osv:Go', '0001-01-01T00:00:00Z');
    tallies.add('osv:Go', future);
    tallies.add('osv:Go', '2024-05-01');
    expect(tallies.toJSON()).toEqual({ 'osv:Go': { records: 3, newest: '2024-05-01', implausible: 2 } });
  });

  it('lists a feed whose sync failed, until an import of it follows; NVD and JVN syncs count by their sync state', async () => {
    const db = freshDb();
    await importPath(db, file('a.jsonl', lines([osv('PYSEC-1', '2025-01-10T00:00:00Z')])), {
      now: () => '2025-02-01T00:00:00.000Z',
    });
    db.logSyncFailure(
      'osv:Maven',
      'https://mirror/osv/Maven/all.zip',
      'cannot download https://mirror/osv/Maven/all.zip: HTTP 404',
      '2025-02-02T00:00:00.000Z',
    );
    db.logSyncFailure('osv:PyPI', 'https://mirror/osv/PyPI/all.zip', 'HTTP 503', '2025-02-02T00:00:00.000Z');
    db.logSyncFailure('nvd', 'https://mirror/nvd/cves/2.0', 'HTTP 500', '2025-02-02T00:00:00.000Z');
    expect(db.status().feeds).toEqual([
      {
        feed: 'osv:Maven',
        records: 0,
        newest: null,
        lastImportedAt: null,
        lastFailure: {
          at: '2025-02-02T00:00:00.000Z',
          error: 'cannot download https://mirror/osv/Maven/all.zip: HTTP 404',
        },
      },
      {
        feed: 'osv:PyPI',
        records: 1,
        newest: '2025-01-10T00:00:00Z',
        lastImportedAt: '2025-02-01T00:00:00.000Z',
        lastFailure: { at: '2025-02-02T00:00:00.000Z', error: 'HTTP 503' },
      },
      {
        feed: 'nvd',
        records: 0,
        newest: null,
        lastImportedAt: null,
        lastFailure: { at: '2025-02-02T00:00:00.000Z', error: 'HTTP 500' },
      },
    ]);
    // The next import of PyPI (file or sync) and a complete NVD sync (its sync state) end the failures.
    await importPath(db, file('b.jsonl', lines([osv('PYSEC-2', '2025-02-02T00:00:00Z')])), {
      now: () => '2025-02-03T00:00:00.000Z',
    });
    db.setSourceState('nvd', {
      lastImportAt: '2025-02-03T01:00:00.000Z',
      cursor: '2025-02-03T01:00:00.000Z',
    });
    expect(db.status().feeds.map((f) => [f.feed, f.lastImportedAt, f.lastFailure?.error ?? null])).toEqual([
      ['osv:Maven', null, 'cannot download https://mirror/osv/Maven/all.zip: HTTP 404'],
      ['osv:PyPI', '2025-02-03T00:00:00.000Z', null],
      ['nvd', '2025-02-03T01:00:00.000Z', null],
    ]);
  });

  it('reads imports logged before imports kept what they read of each feed: by source, format and change log', async () => {
    const db = freshDb();
    await importPath(
      db,
      file(
        'a.jsonl',
        lines([osv('PYSEC-1', '2025-01-10T00:00:00Z'), osv('DSA-1', '2024-11-01T00:00:00Z', 'Debian:12')]),
      ),
      { now: () => '2025-02-01T00:00:00.000Z' },
    );
    await importPath(db, file('kev.json', kevCatalog('2025.01.30', '2025-01-30T12:00:00Z')), {
      now: () => '2025-02-01T01:00:00.000Z',
      source: 'kev',
    });
    await importPath(db, file('epss.csv.gz', epssFile('2025-01-31T00:00:00Z')), {
      now: () => '2025-02-01T02:00:00.000Z',
    });
    const logged = db.status().feeds;
    db.sqlite.exec(`UPDATE imports SET counts_json = json_remove(counts_json, '$.feeds')`);
    // What the records hold, and the ecosystems the OSV file changed.
    expect(db.status().feeds).toEqual(logged);
    // An import with nothing new names no ecosystem in the change log.
    await importPath(db, file('a.jsonl', lines([osv('PYSEC-1', '2025-01-10T00:00:00Z')])), {
      now: () => '2025-03-01T00:00:00.000Z',
    });
    db.sqlite.exec(`UPDATE imports SET counts_json = json_remove(counts_json, '$.feeds')`);
    expect(db.status().feeds).toEqual(logged);
  });

  it('reads the states once per database state, again after a write here or in another connection', async () => {
    const db = freshDb();
    await importPath(db, file('a.jsonl', lines([osv('PYSEC-1', '2025-01-10T00:00:00Z')])));
    const reader = openVulnDb(db.file, { readonly: true });
    opened.push(reader);
    const first = reader.feedStates();
    expect(reader.feedStates()).toBe(first);
    await importPath(db, file('b.jsonl', lines([osv('GHSA-1', '2025-01-11T00:00:00Z', 'npm')])));
    expect(reader.feedStates().map((f) => f.feed)).toEqual(['osv:PyPI', 'osv:npm']);
    const before = db.feedStates();
    db.logSyncFailure('kev', 'https://mirror/kev', 'HTTP 404');
    expect(db.feedStates()).not.toBe(before);
    expect(db.feedStates().map((f) => f.feed)).toEqual(['osv:PyPI', 'osv:npm', 'kev']);
  });
});
