/**
 * An OSV record's `upstream` ids, and a JVN record's CVE ids, are aliases only when they name the
 * record's own vulnerability (core/vulns/aliases.ts `upstreamAliases`; docs/adr/0010-vulnerability-
 * database.md, addendum 10; QA air-gap report H1): a record naming several CVEs keeps them apart.
 * The import, the stored alias groups (equal to a rebuild), the match records, the in-memory reader
 * and migration 5 (a schema 4 database as earlier versions wrote it) all agree.
 *
 * The ids named only as related are found through `related_ids` (src/vulndb/related-ids.ts; ADR 0010
 * addendum 14): `relatedBy`, `vuln show` of such an id, kept right by every import, removal and
 * withdrawal, and built by migration 6 as an import writes it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsvRecord, type Advisory } from '../core/vulns/advisory.js';
import type { ComponentIdentity } from '../core/vulns/finding.js';
import { readSample } from '../feeds/parse/shared-samples.test-helper.js';
import { vulnerabilityView } from '../cli/commands/vuln.js';
import { matchComponents } from '../vulns/match.js';
import { nvdApiRecord } from '../../test/support/vulns.js';
import { AliasGroupWriter } from './alias-groups.js';
import { contentDigest, openVulnDb, type VulnDb, vulnDbSchemaVersion } from './database.js';
import { importPath } from './import.js';
import { encodeMatchRecord, packageMatchRecords } from './match-records.js';
import { memoryVulnDb } from './memory-reader.js';
import { fillRelatedIds } from './related-ids.js';
import { tempVulnDbs } from './temp-db.test-helper.js';
import { buildZip } from './zip-writer.test-helper.js';

const { dir, file, freshDb, opened } = tempVulnDbs('mamori-related-upstream-');

const rsec8Cves = [
  'CVE-2023-37463',
  'CVE-2023-26485',
  'CVE-2023-24824',
  'CVE-2023-22486',
  'CVE-2023-22485',
  'CVE-2023-22484',
  'CVE-2023-22483',
];

/** RSEC-2023-8 (conformance/advisories/r-rsec.jsonl.gz), details and references shortened. */
const rsec8 = {
  id: 'RSEC-2023-8',
  details:
    "cmark-gfm, GitHub's extended version of the CommonMark library in C, suffers from multiple vulnerabilities affecting versions prior to 0.29.0.gfm.12. …",
  summary: 'Denial of Service (DoS) vulnerabilities',
  affected: [
    {
      package: { name: 'commonmark', ecosystem: 'CRAN' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.2' }, { fixed: '1.9.2' }] }],
      versions: [
        '0.2',
        '0.4',
        '0.5',
        '0.6',
        '0.7',
        '0.8',
        '0.9',
        '1.0',
        '1.1',
        '1.2',
        '1.4',
        '1.5',
        '1.6',
        '1.7',
        '1.8',
        '1.9',
        '1.9.1',
      ],
    },
  ],
  references: [{ type: 'WEB', url: 'https://github.com/r-lib/commonmark/issues/26' }],
  upstream: rsec8Cves,
  modified: '2025-05-16T00:12:44Z',
  published: '2023-10-06T05:00:00.600Z',
};

/** RSEC-2023-6 (r-rsec.jsonl.gz), shortened: one upstream CVE. */
const rsec6 = {
  id: 'RSEC-2023-6',
  summary: 'commonmark: CVE-2020-5238',
  affected: [
    {
      package: { name: 'commonmark', ecosystem: 'CRAN' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.2' }, { fixed: '1.8' }] }],
    },
  ],
  upstream: ['CVE-2020-5238'],
  modified: '2025-05-16T00:12:44Z',
};

/** x_RUBYSEC-commonmarker-CVE-2023-37463 (rubysec.jsonl.gz), shortened. */
const rubysec = {
  schema_version: '1.6.0',
  id: 'x_RUBYSEC-commonmarker-CVE-2023-37463',
  modified: '2026-07-05T18:23:37Z',
  published: '2023-08-08T00:00:00Z',
  aliases: ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87'],
  summary: 'Several quadratic complexity bugs may lead to denial of service in Commonmarker',
  affected: [
    {
      package: { ecosystem: 'RubyGems', name: 'commonmarker', purl: 'pkg:gem/commonmarker' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.23.10' }] }],
    },
  ],
};

/** HSEC-2025-0007 (haskell-hsec.jsonl.gz), shortened: CVE-2023-24824, one of RSEC-2023-8's, with a high CVSS. */
const hsec = {
  id: 'HSEC-2025-0007',
  modified: '2025-06-01T00:00:00Z',
  aliases: ['CVE-2023-24824', 'GHSA-66g8-4hjf-77xh'],
  affected: [
    {
      package: { ecosystem: 'Hackage', name: 'cmark-gfm' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.1.0' }, { fixed: '0.2.6' }] }],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    },
  ],
};

/** JLSEC-2025-184 (julia-jlsec.jsonl.gz), shortened: one vulnerability named in NVD and ENISA's EUVD. */
const jlsec = {
  schema_version: '1.8.0',
  id: 'JLSEC-2025-184',
  modified: '2026-07-17T23:50:43.660Z',
  upstream: ['CVE-2023-22742', 'EUVD-2023-26860'],
  affected: [
    {
      package: { ecosystem: 'Julia', name: 'LibGit2_jll' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.1+0' }] }],
    },
  ],
};

const osvRecords = [rsec8, rsec6, rubysec, hsec, jlsec];
const lines = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

function advisory(record: unknown): Advisory {
  const r = parseOsvRecord(record);
  if (!r.ok) throw new Error(r.reason);
  return r.advisory;
}

const tables = (db: VulnDb) =>
  JSON.stringify([
    db.sqlite.prepare('SELECT grp, ids, cvss FROM alias_groups ORDER BY grp').raw().all(),
    db.sqlite.prepare('SELECT id, grp FROM alias_members ORDER BY id').raw().all(),
  ]);

/** The groups as `rebuild` computes them from the records and aliases alone (rolled back after). */
function rebuilt(db: VulnDb): string {
  db.sqlite.exec('SAVEPOINT rebuilt');
  try {
    new AliasGroupWriter(db.sqlite).rebuild(() => {});
    return tables(db);
  } finally {
    db.sqlite.exec('ROLLBACK TO rebuilt; RELEASE rebuilt');
  }
}

/** The `related_ids` rows, as `id source:record`. */
const relatedRows = (db: VulnDb) =>
  (
    db.sqlite
      .prepare('SELECT id, source, record FROM related_ids ORDER BY id, source, record')
      .raw()
      .all() as string[][]
  ).map(([id, source, record]) => `${id} ${source}:${record}`);

/** The rows as migration 6 builds them from the stored records alone (rolled back after). */
function refilled(db: VulnDb): string[] {
  db.sqlite.exec('SAVEPOINT refilled');
  try {
    db.sqlite.exec('DELETE FROM related_ids');
    fillRelatedIds(db.sqlite, () => {});
    return relatedRows(db);
  } finally {
    db.sqlite.exec('ROLLBACK TO refilled; RELEASE refilled');
  }
}

/** Stored groups holding more than one CVE id. */
function groupsWithSeveralCves(db: VulnDb): string[][] {
  return (db.sqlite.prepare('SELECT ids FROM alias_groups').pluck().all() as string[])
    .map((t) => (JSON.parse(t) as string[]).filter((id) => id.startsWith('CVE-')))
    .filter((cves) => cves.length > 1);
}

const component = (key: string, purl: string): ComponentIdentity => ({
  key,
  bomRef: key,
  name: key,
  version: purl.split('@')[1]!,
  purl,
  cpe: null,
  cpeMatching: false,
});
const components = [
  component('commonmarker', 'pkg:gem/commonmarker@0.23.9'),
  component('commonmark', 'pkg:cran/commonmark@1.8'),
  component('cmark-gfm', 'pkg:hackage/cmark-gfm@0.2.5'),
];

describe('upstream ids and JVN CVE ids that name several vulnerabilities are not aliases', () => {
  it('keeps the seven CVEs of RSEC-2023-8 apart; a one-id upstream list, and one id per database, stay aliases', async () => {
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines(osvRecords)), { batchSize: 2 });
    expect(db.idsOf('RSEC-2023-8')).toEqual(['RSEC-2023-8']);
    expect(db.idsOf('CVE-2023-37463')).toEqual([
      'CVE-2023-37463',
      'GHSA-7vh7-fw88-wj87',
      'x_RUBYSEC-commonmarker-CVE-2023-37463',
    ]);
    expect(db.idsOf('CVE-2023-24824')).toEqual(['CVE-2023-24824', 'GHSA-66g8-4hjf-77xh', 'HSEC-2025-0007']);
    expect(db.idsOf('CVE-2023-22486')).toEqual(['CVE-2023-22486']);
    expect(db.idsOf('RSEC-2023-6')).toEqual(['CVE-2020-5238', 'RSEC-2023-6']);
    expect(db.idsOf('JLSEC-2025-184')).toEqual(['CVE-2023-22742', 'EUVD-2023-26860', 'JLSEC-2025-184']);
    expect(groupsWithSeveralCves(db)).toEqual([]);
    expect(tables(db)).toBe(rebuilt(db));
    // The match records carry the same ids (the matcher groups hits by them).
    expect(db.packageRecords('CRAN', 'commonmark').map((r) => [r.id, r.ids])).toEqual([
      ['RSEC-2023-6', ['RSEC-2023-6', 'CVE-2020-5238']],
      ['RSEC-2023-8', ['RSEC-2023-8']],
    ]);
    // `vuln show` names the upstream CVEs as related.
    expect(vulnerabilityView(db, 'RSEC-2023-8')).toMatchObject({
      id: 'RSEC-2023-8',
      ids: ['RSEC-2023-8'],
      related: [...rsec8Cves].sort(),
    });
    expect(vulnerabilityView(db, 'RSEC-2023-6')).toMatchObject({ id: 'CVE-2020-5238', related: [] });

    // Findings keep the advisory's own CVE and severity, with the database and in memory alike.
    const memory = memoryVulnDb({ advisories: osvRecords.map(advisory) });
    const reader = openVulnDb(db.file, { readonly: true });
    opened.push(reader);
    const findings = (r: Parameters<typeof matchComponents>[0]) =>
      matchComponents(r, components).findings.map((f) => [f.componentKey, f.vulnerabilityId, f.severity]);
    expect(findings(reader)).toEqual([
      ['commonmarker', 'CVE-2023-37463', 'unknown'],
      ['commonmark', 'RSEC-2023-8', 'unknown'],
      ['cmark-gfm', 'CVE-2023-24824', 'high'],
    ]);
    expect(findings(memory)).toEqual(findings(reader));
    for (const id of [...rsec8Cves, ...osvRecords.map((r) => r.id), 'CVE-2020-5238', 'EUVD-2023-26860'])
      expect(memory.idsOf(id), id).toEqual(reader.idsOf(id));
  });

  it('splits the group when a record’s upstream list grows from one CVE to several, as a rebuild does', async () => {
    const db = freshDb();
    const one = { ...rsec8, upstream: ['CVE-2023-37463'], modified: '2024-01-01T00:00:00Z' };
    await importPath(db, file('a.jsonl', lines([rubysec, hsec, one])));
    expect(db.idsOf('RSEC-2023-8')).toEqual([
      'CVE-2023-37463',
      'GHSA-7vh7-fw88-wj87',
      'RSEC-2023-8',
      'x_RUBYSEC-commonmarker-CVE-2023-37463',
    ]);
    await importPath(db, file('b.jsonl', lines([rsec8])));
    expect(db.idsOf('RSEC-2023-8')).toEqual(['RSEC-2023-8']);
    expect(db.idsOf('CVE-2023-37463')).toEqual([
      'CVE-2023-37463',
      'GHSA-7vh7-fw88-wj87',
      'x_RUBYSEC-commonmarker-CVE-2023-37463',
    ]);
    expect(tables(db)).toBe(rebuilt(db));
    expect(groupsWithSeveralCves(db)).toEqual([]);
  });

  it('keeps the three CVEs of JVNDB-2022-000097 apart; a JVN record with one CVE is its alias', async (ctx) => {
    const three = readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml', ctx);
    const one = readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2021-002774.xml', ctx);
    if (three === undefined || one === undefined) return;
    const db = freshDb();
    await importPath(db, file('j1.xml', three));
    await importPath(db, file('j2.xml', one));
    const nvd = ['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288', 'CVE-2021-36745'].map((id) =>
      nvdApiRecord(id),
    );
    await importPath(
      db,
      file(
        'nvd.json',
        JSON.stringify({
          resultsPerPage: 4,
          startIndex: 0,
          totalResults: 4,
          format: 'NVD_CVE',
          version: '2.0',
          timestamp: '2024-01-01T00:00:00.000',
          vulnerabilities: nvd.map((cve) => ({ cve })),
        }),
      ),
    );
    expect(db.status().records).toEqual({ jvn: 2, nvd: 4 });
    expect(db.idsOf('JVNDB-2022-000097')).toEqual(['JVNDB-2022-000097']);
    expect(db.idsOf('CVE-2022-46288')).toEqual(['CVE-2022-46288']);
    expect(db.idsOf('CVE-2022-41993')).toEqual(['CVE-2022-41993']);
    expect(db.idsOf('CVE-2021-36745')).toEqual(['CVE-2021-36745', 'JVNDB-2021-002774']);
    expect(groupsWithSeveralCves(db)).toEqual([]);
    expect(tables(db)).toBe(rebuilt(db));
    expect(vulnerabilityView(db, 'CVE-2022-46288')).toMatchObject({
      id: 'CVE-2022-46288',
      ids: ['CVE-2022-46288'],
    });
    expect(vulnerabilityView(db, 'JVNDB-2022-000097')).toMatchObject({
      ids: ['JVNDB-2022-000097'],
      related: ['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288'],
      relatedBy: [],
    });
    // Each CVE's own view names the JVN record that names it as related; the one-CVE record is its alias.
    expect(db.relatedBy(['CVE-2022-46288'])).toEqual(['JVNDB-2022-000097']);
    expect(db.relatedBy(['CVE-2021-36745'])).toEqual([]);
    expect(vulnerabilityView(db, 'CVE-2022-46288')).toMatchObject({
      records: [{ source: 'nvd', id: 'CVE-2022-46288' }],
      relatedBy: [{ id: 'JVNDB-2022-000097', source: 'jvn', withdrawn: false }],
    });
    expect(relatedRows(db)).toEqual([
      'CVE-2022-41993 jvn:JVNDB-2022-000097',
      'CVE-2022-46287 jvn:JVNDB-2022-000097',
      'CVE-2022-46288 jvn:JVNDB-2022-000097',
    ]);
    expect(refilled(db)).toEqual(relatedRows(db));
  });

  it('upgrades a schema 4 database (every upstream and JVN CVE an alias) to what a fresh import stores', async (ctx) => {
    const jvn = readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml', ctx);
    if (jvn === undefined) return;
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines(osvRecords)));
    await importPath(db, file('j.xml', jvn));
    const digest = contentDigest(db);
    // As schema 4 wrote them: every upstream id and every JVN CVE an alias, in the rows, the match
    // records' ids and the groups.
    const s = db.sqlite;
    const add = s.prepare('INSERT OR IGNORE INTO aliases (source, id, alias) VALUES (?, ?, ?)');
    for (const record of osvRecords) {
      const a = advisory(record);
      for (const x of a.upstream) add.run('osv', a.id, x);
      for (const [key, entry] of packageMatchRecords(a)) {
        const [ecosystem, name] = key.split('\u0000');
        s.prepare(
          `UPDATE match_records SET entry = ? WHERE rowid = (SELECT match_rowid FROM packages WHERE source = 'osv' AND id = ? AND ecosystem = ? AND name = ?)`,
        ).run(
          encodeMatchRecord({ ...entry, ids: [a.id, ...a.aliases, ...a.upstream] }),
          a.id,
          ecosystem,
          name,
        );
      }
    }
    for (const cve of ['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288'])
      add.run('jvn', 'JVNDB-2022-000097', cve);
    new AliasGroupWriter(s).rebuild(() => {});
    expect(db.idsOf('CVE-2023-37463')).toContain('CVE-2023-22483');
    expect(contentDigest(db)).not.toBe(digest);
    s.exec('DROP TABLE related_ids');
    s.pragma('user_version = 4');
    db.close();
    expect(() => openVulnDb(db.file, { readonly: true })).toThrow(/schema 4, older than this mamori uses/);
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(vulnDbSchemaVersion);
    expect(messages).toEqual([
      'Checking the aliases of 4 records that name upstream or several CVE ids (once)…',
      '  2 records named ids of other vulnerabilities as aliases; computing their alias groups again…',
      'Indexing the related ids of 4 records that name upstream or several CVE ids (once)…',
      '  10 related ids of 2 records indexed.',
    ]);
    expect(contentDigest(upgraded)).toBe(digest);
    expect(upgraded.idsOf('CVE-2023-37463')).toEqual([
      'CVE-2023-37463',
      'GHSA-7vh7-fw88-wj87',
      'x_RUBYSEC-commonmarker-CVE-2023-37463',
    ]);
  });

  it('leaves a schema 4 database without such records as it is, and says nothing', async () => {
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines([rubysec, hsec, rsec6])));
    const digest = contentDigest(db);
    db.sqlite.exec('DROP TABLE related_ids');
    db.sqlite.pragma('user_version = 4');
    db.close();
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(vulnDbSchemaVersion);
    expect(messages).toEqual([
      'Checking the aliases of 1 records that name upstream or several CVE ids (once)…',
      'Indexing the related ids of 1 records that name upstream or several CVE ids (once)…',
    ]);
    expect(contentDigest(upgraded)).toBe(digest);
  });
});

describe('ids named only as related are found (related_ids, schema 6)', () => {
  it('answers who names an id as related, without making it an alias; vuln show lists those records', async () => {
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines(osvRecords)), { batchSize: 2 });
    expect(db.relatedBy(['CVE-2023-22486'])).toEqual(['RSEC-2023-8']);
    expect(db.relatedBy(['CVE-2023-37463', 'CVE-2023-24824'])).toEqual(['RSEC-2023-8']);
    // One upstream id, or one per database, is an alias: nothing names it as related.
    expect(db.relatedBy(['CVE-2020-5238', 'CVE-2023-22742', 'EUVD-2023-26860', 'RSEC-2023-8'])).toEqual([]);
    expect(relatedRows(db)).toEqual(rsec8Cves.map((c) => `${c} osv:RSEC-2023-8`).sort());
    expect(refilled(db)).toEqual(relatedRows(db));
    // Not an alias edge: the groups are what the records and aliases alone make.
    expect(db.idsOf('CVE-2023-22486')).toEqual(['CVE-2023-22486']);
    expect(tables(db)).toBe(rebuilt(db));

    // The in-memory reader answers the same.
    const memory = memoryVulnDb({ advisories: osvRecords.map(advisory) });
    for (const id of [
      ...rsec8Cves,
      ...osvRecords.map((r) => r.id),
      'CVE-2020-5238',
      'EUVD-2023-26860',
      'CVE-0000-0000',
    ])
      expect(memory.relatedBy([id]), id).toEqual(db.relatedBy([id]));

    // An id with no record of its own: the records naming it, not "not found".
    const rsec8Named = {
      id: 'RSEC-2023-8',
      source: 'osv',
      summary: 'Denial of Service (DoS) vulnerabilities',
      withdrawn: false,
      packages: [{ ecosystem: 'CRAN', name: 'commonmark' }],
    };
    expect(vulnerabilityView(db, 'CVE-2023-22486')).toMatchObject({
      id: 'CVE-2023-22486',
      ids: ['CVE-2023-22486'],
      records: [],
      related: [],
      relatedBy: [rsec8Named],
    });
    expect(vulnerabilityView(db, 'cve-2023-22486')?.relatedBy).toEqual([rsec8Named]);
    // An id with records of its own lists them too; RSEC-2023-8 itself is named by nobody.
    expect(vulnerabilityView(db, 'CVE-2023-37463')).toMatchObject({
      id: 'CVE-2023-37463',
      records: [{ source: 'osv', id: 'x_RUBYSEC-commonmarker-CVE-2023-37463' }],
      relatedBy: [rsec8Named],
    });
    expect(vulnerabilityView(db, 'RSEC-2023-8')?.relatedBy).toEqual([]);
    expect(vulnerabilityView(db, 'CVE-2023-99999')).toBeNull();
  });

  it('keeps the rows right when a record changes, is withdrawn, turns its upstream into an alias, or leaves its snapshot', async () => {
    const db = freshDb();
    const snapshot = path.join(dir, 'cran', 'all.zip');
    const zip = (records: readonly unknown[]) =>
      buildZip(records.map((r) => ({ name: `${(r as { id: string }).id}.json`, data: JSON.stringify(r) })));
    mkdirSync(path.dirname(snapshot), { recursive: true });
    writeFileSync(snapshot, zip([rsec8, rsec6]));
    await importPath(db, snapshot);
    expect(relatedRows(db)).toHaveLength(7);
    const check = (expected: readonly string[]) => {
      expect(relatedRows(db)).toEqual(expected);
      expect(refilled(db)).toEqual(expected);
    };
    // A newer version names three of the CVEs.
    const three = { ...rsec8, upstream: rsec8Cves.slice(0, 3), modified: '2025-06-01T00:00:00Z' };
    await importPath(db, file('three.jsonl', lines([three])));
    check([
      'CVE-2023-24824 osv:RSEC-2023-8',
      'CVE-2023-26485 osv:RSEC-2023-8',
      'CVE-2023-37463 osv:RSEC-2023-8',
    ]);
    // Withdrawn: the record still says so (as it keeps its aliases), and readers show it withdrawn.
    const withdrawn = { ...three, withdrawn: '2025-07-01T00:00:00Z', modified: '2025-07-01T00:00:00Z' };
    await importPath(db, file('withdrawn.jsonl', lines([withdrawn])));
    check([
      'CVE-2023-24824 osv:RSEC-2023-8',
      'CVE-2023-26485 osv:RSEC-2023-8',
      'CVE-2023-37463 osv:RSEC-2023-8',
    ]);
    expect(vulnerabilityView(db, 'CVE-2023-26485')?.relatedBy).toMatchObject([
      { id: 'RSEC-2023-8', withdrawn: true },
    ]);
    // One upstream CVE is the record's alias: no longer related.
    const one = { ...rsec8, upstream: ['CVE-2023-26485'], modified: '2025-08-01T00:00:00Z' };
    await importPath(db, file('one.jsonl', lines([one])));
    check([]);
    expect(db.idsOf('CVE-2023-26485')).toEqual(['CVE-2023-26485', 'RSEC-2023-8']);
    // Several again, then the snapshot without it removes the record and its rows.
    const again = { ...rsec8, modified: '2025-09-01T00:00:00Z' };
    await importPath(db, file('again.jsonl', lines([again])));
    check(rsec8Cves.map((c) => `${c} osv:RSEC-2023-8`).sort());
    writeFileSync(snapshot, zip([{ ...rsec6, modified: '2025-09-01T00:00:00Z' }]));
    const removal = await importPath(db, snapshot);
    expect(removal.counts).toMatchObject({ removed: 1 });
    check([]);
    expect(vulnerabilityView(db, 'CVE-2023-22486')).toBeNull();
  });

  it('upgrades a schema 5 database to what a fresh import stores, with progress', async (ctx) => {
    const jvn = readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml', ctx);
    if (jvn === undefined) return;
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines(osvRecords)));
    await importPath(db, file('j.xml', jvn));
    const digest = contentDigest(db);
    expect(relatedRows(db)).toHaveLength(10);
    // As schema 5 left it: no reverse index.
    db.sqlite.exec('DROP TABLE related_ids');
    db.sqlite.pragma('user_version = 5');
    db.close();
    expect(() => openVulnDb(db.file, { readonly: true })).toThrow(
      /schema 5, older than this mamori uses \(6\)/,
    );
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(messages).toEqual([
      'Indexing the related ids of 4 records that name upstream or several CVE ids (once)…',
      '  10 related ids of 2 records indexed.',
    ]);
    expect(contentDigest(upgraded)).toBe(digest);
    expect(upgraded.relatedBy(['CVE-2023-22486', 'CVE-2022-46288'])).toEqual([
      'JVNDB-2022-000097',
      'RSEC-2023-8',
    ]);
  });

  it('upgrades a schema 5 database without such records silently, to what a fresh import stores', async () => {
    const db = freshDb();
    await importPath(db, file('o.jsonl', lines([rubysec, hsec])));
    const digest = contentDigest(db);
    db.sqlite.exec('DROP TABLE related_ids');
    db.sqlite.pragma('user_version = 5');
    db.close();
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(messages).toEqual([]);
    expect(contentDigest(upgraded)).toBe(digest);
  });
});
