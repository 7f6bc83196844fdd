/**
 * Alias groups stored at import (src/vulndb/alias-groups.ts, ADR 0010 addendum 3): after every kind
 * of import (new records, aliases gained and lost, withdrawn and removed records, NVD records, KEV
 * and EPSS) the stored groups equal groups rebuilt from scratch, and a reader answers from them
 * exactly what the walk and the computed enrichment answer.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AliasGroupWriter,
  aliasGroupCap,
  cvssSummaries,
  type CvssLookup,
  encodeGroupCvss,
  groupCvssText,
} from './alias-groups.js';
import { contentDigest, openVulnDb, type VulnDb } from './database.js';
import { importPath } from './import.js';
import { tempVulnDbs } from './temp-db.test-helper.js';
import { buildZip } from './zip-writer.test-helper.js';
import { nvdApiRecord } from '../../test/support/vulns.js';

const { dir, file, freshDb, opened } = tempVulnDbs('mamori-alias-groups-');

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function osv(id: string, aliases: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases,
    summary: `summary of ${id}`,
    severity: [{ type: id.endsWith('1') ? 'CVSS_V4' : 'CVSS_V3', score: id.endsWith('1') ? v4 : v31 }],
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }],
    ...over,
  };
}
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const tables = (db: VulnDb) =>
  JSON.stringify([
    db.sqlite.prepare('SELECT grp, ids, cvss FROM alias_groups ORDER BY grp').raw().all(),
    db.sqlite.prepare('SELECT id, grp FROM alias_members ORDER BY id').raw().all(),
  ]);

/**
 * The layout: a member row for every id of a group except its key (the smallest id, found as `grp`
 * itself), pointing at that key.
 */
function expectMemberRows(db: VulnDb): void {
  const expected: [string, string][] = [];
  for (const [grp, text] of db.sqlite.prepare('SELECT grp, ids FROM alias_groups').raw().all() as [
    string,
    string,
  ][])
    for (const id of JSON.parse(text) as string[]) if (id !== grp) expected.push([id, grp]);
  expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  expect(db.sqlite.prepare('SELECT id, grp FROM alias_members ORDER BY id').raw().all()).toEqual(expected);
}

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

/** A reader's answers from the stored groups equal the walk's and the computed enrichment. */
function expectReaderAgrees(db: VulnDb, ids: readonly string[]): void {
  const stored = openVulnDb(db.file, { readonly: true });
  const walked = openVulnDb(db.file, { readonly: true });
  opened.push(stored, walked);
  const many = stored.idsOfMany(ids);
  const sets = new Map<string, readonly string[]>();
  for (const id of ids) {
    expect(many.get(id), id).toEqual(walked.idsOf(id));
    sets.set(walked.idsOf(id).join(' '), walked.idsOf(id));
  }
  // Every group, and every id alone (a set that is part of a group is not answered from the group).
  const list = [...sets.values(), ...ids.map((id) => [id])];
  stored.idsOfMany(ids.map((id) => walked.idsOf(id)[0]!));
  expect(stored.enrichmentMany(list)).toEqual(list.map((s) => walked.enrichment(s)));
}

const ids = (k: number, prefix = 'GHSA-') => Array.from({ length: k }, (_, i) => `${prefix}${i}`);

describe('alias groups stored at import', () => {
  it('stay equal to groups rebuilt from scratch through merges, splits, withdrawals, removals, NVD, KEV and EPSS', async () => {
    const db = freshDb();
    const all = [...ids(12), ...ids(8, 'CVE-2024-100'), 'CVE-2099-1001'];
    // 1. New records (no alias lost: the path without the walk); a chain GHSA-0 … GHSA-3 through CVE ids.
    await importPath(
      db,
      file(
        'a.jsonl',
        lines([
          osv('GHSA-0', ['CVE-2024-1000']),
          osv('GHSA-1', ['CVE-2024-1000', 'CVE-2024-1001']),
          osv('GHSA-2', ['CVE-2024-1001']),
          osv('GHSA-3', ['CVE-2024-1002', 'GHSA-2']),
          osv('GHSA-4', []),
          osv('GHSA-5', ['CVE-2024-1003']),
          osv('GHSA-6', ['CVE-2024-1004']),
        ]),
      ),
      { batchSize: 2 },
    );
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    expect(db.idsOf('GHSA-0')).toEqual([
      'CVE-2024-1000',
      'CVE-2024-1001',
      'CVE-2024-1002',
      'GHSA-0',
      'GHSA-1',
      'GHSA-2',
      'GHSA-3',
    ]);
    expectReaderAgrees(db, all);
    // 2. Aliases gained: two groups merge (GHSA-5 now names CVE-2024-1004).
    await importPath(
      db,
      file(
        'b.jsonl',
        lines([osv('GHSA-5', ['CVE-2024-1003', 'CVE-2024-1004'], { modified: '2024-02-01T00:00:00Z' })]),
      ),
    );
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    expect(db.sqlite.prepare(`SELECT ids FROM alias_groups WHERE grp = 'CVE-2024-1003'`).pluck().get()).toBe(
      JSON.stringify(['CVE-2024-1003', 'CVE-2024-1004', 'GHSA-5', 'GHSA-6']),
    );
    expectReaderAgrees(db, all);
    // 3. An alias lost: the chain splits (GHSA-1 no longer names CVE-2024-1001); GHSA-6 withdrawn (it keeps its group).
    await importPath(
      db,
      file(
        'c.jsonl',
        lines([
          osv('GHSA-1', ['CVE-2024-1000'], { modified: '2024-02-01T00:00:00Z' }),
          osv('GHSA-6', ['CVE-2024-1004'], {
            modified: '2024-02-01T00:00:00Z',
            withdrawn: '2024-02-01T00:00:00Z',
          }),
        ]),
      ),
    );
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    expect(db.idsOf('GHSA-0')).toEqual(['CVE-2024-1000', 'GHSA-0', 'GHSA-1']);
    expect(db.sqlite.prepare(`SELECT grp FROM alias_members WHERE id = 'GHSA-6'`).pluck().get()).toBe(
      'CVE-2024-1003',
    );
    expectReaderAgrees(db, all);
    // 4. NVD records: one joins a group (its CVSS joins the group's), one stands alone.
    await importPath(
      db,
      file(
        'nvd.json',
        JSON.stringify({
          format: 'NVD_CVE',
          vulnerabilities: [{ cve: nvdApiRecord('CVE-2024-1000') }, { cve: nvdApiRecord('CVE-2099-1001') }],
        }),
      ),
    );
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    const cvss = db.sqlite
      .prepare(`SELECT cvss FROM alias_groups WHERE grp = 'CVE-2024-1000'`)
      .pluck()
      .get() as string;
    expect(cvss).toContain('nvd@nist.gov (CVE-2024-1000)');
    expect(db.sqlite.prepare(`SELECT ids FROM alias_groups WHERE grp = 'CVE-2099-1001'`).pluck().get()).toBe(
      '["CVE-2099-1001"]',
    );
    // An OSV record under the id of an NVD record: the writer knows the OSV record it wrote, and still
    // reads the NVD one (the database holds NVD records), whose CVSS the group keeps.
    await importPath(db, file('osv-cve.jsonl', lines([osv('CVE-2099-1001', [])])));
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    const both = db.sqlite
      .prepare(`SELECT cvss FROM alias_groups WHERE grp = 'CVE-2099-1001'`)
      .pluck()
      .get() as string;
    expect(both).toContain('"nvd@nist.gov (CVE-2099-1001)"');
    expect(both).toContain('"CVE-2099-1001"]');
    // 5. KEV and EPSS do not touch the groups; the reader adds them per scan.
    const before = tables(db);
    await importPath(
      db,
      file(
        'epss.csv',
        '#model_version:v1,score_date:2025-01-02T00:00:00Z\ncve,epss,percentile\nCVE-2024-1000,0.4,0.9\nCVE-2024-1003,0.2,0.5\n',
      ),
    );
    await importPath(
      db,
      file(
        'kev.json',
        JSON.stringify({
          catalogVersion: '1',
          dateReleased: '2024-01-01T00:00:00Z',
          count: 1,
          vulnerabilities: [
            {
              cveID: 'CVE-2024-1004',
              vendorProject: 'v',
              product: 'p',
              vulnerabilityName: 'n',
              dateAdded: '2024-01-05',
              shortDescription: 'd',
              requiredAction: 'a',
              dueDate: '2024-01-26',
              knownRansomwareCampaignUse: 'Known',
            },
          ],
        }),
      ),
    );
    expect(tables(db)).toBe(before);
    expectReaderAgrees(db, all);
    // 6. A snapshot that loses records: removed records leave their groups (GHSA-8's alias is no group any more).
    const zip = path.join(dir, 'all.zip');
    const zipped = [osv('GHSA-7', ['GHSA-3']), osv('GHSA-8', ['CVE-2024-1007'])];
    writeFileSync(
      zip,
      buildZip(zipped.map((r) => ({ name: `${r.id as string}.json`, data: JSON.stringify(r) }))),
    );
    await importPath(db, zip);
    expect(db.idsOf('GHSA-2')).toContain('GHSA-7');
    writeFileSync(zip, buildZip([{ name: 'GHSA-8.json', data: JSON.stringify(zipped[1]) }]));
    await importPath(db, zip);
    // As `feeds sync` downloads it, it is npm's (the snapshot the two archives above were, by their
    // records). (An empty one removes nothing: it has no date to tell it from an older one.)
    writeFileSync(zip, buildZip([{ name: 'GHSA-9.json', data: JSON.stringify(osv('GHSA-9', [])) }]));
    await importPath(db, zip, { snapshot: 'osv:npm' });
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    expect(
      db.sqlite
        .prepare(`SELECT COUNT(*) FROM alias_members WHERE id IN ('GHSA-7', 'GHSA-8', 'CVE-2024-1007')`)
        .pluck()
        .get(),
    ).toBe(0);
    expectReaderAgrees(db, [...all, 'GHSA-7', 'GHSA-8', 'CVE-2024-1007']);
  });

  it('encodes the CVSS of a group as encodeGroupCvss(cvssSummaries(…)) does', () => {
    const nvdJson = (id: string, vectors: string[]) =>
      JSON.stringify({
        id,
        metrics: vectors.map((vectorString, i) => ({ source: i ? 'x@y' : '', vectorString })),
      });
    const records: Record<string, { source: string; json: string | null }[]> = {
      'CVE-1': [
        { source: 'osv', json: null },
        { source: 'nvd', json: nvdJson('CVE-1', [v31, v31, 'CVSS:3.1/AV:X', v4]) },
      ],
      'GHSA-"q"': [{ source: 'osv', json: null }],
      'JVNDB-1': [
        {
          source: 'jvn',
          json: JSON.stringify({
            id: 'JVNDB-1',
            cvss: [
              { version: '3.0', vectorString: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
              { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
              { version: '3.0', vectorString: '' },
            ],
          }),
        },
      ],
    };
    const vectors: Record<string, string[]> = {
      'CVE-1': [v4, v31, v4],
      'GHSA-"q"': [v31, 'not a vector', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    };
    const lookup: CvssLookup = {
      records: (id) => records[id] ?? [],
      vectors: (id) => vectors[id],
      recordJson: () => null,
    };
    for (const set of [
      ['CVE-1', 'GHSA-"q"', 'JVNDB-1'],
      ['CVE-1'],
      ['GHSA-"q"'],
      ['JVNDB-1'],
      ['none'],
      [],
    ]) {
      const expected = encodeGroupCvss(cvssSummaries(set, lookup));
      expect(groupCvssText(set, lookup), set.join(' ')).toBe(expected);
    }
    // Duplicates within a source are kept once, across sources each.
    expect(JSON.parse(groupCvssText(['CVE-1'], lookup))).toHaveLength(5);
  });

  it('leaves groups of 1,000 ids or more to the walk, whose answer depends on where it begins', async () => {
    const db = freshDb();
    const big = Array.from({ length: 3 }, (_, r) =>
      osv(`GHSA-big-${r}`, [
        ...Array.from({ length: 400 }, (_, i) => `CVE-2030-${r * 400 + i}`),
        ...(r > 0 ? [`GHSA-big-${r - 1}`] : []),
      ]),
    );
    await importPath(db, file('big.jsonl', lines([...big, osv('GHSA-small', ['CVE-2031-1'])])));
    const row = db.sqlite
      .prepare(`SELECT ids, cvss FROM alias_groups WHERE grp = 'CVE-2030-0'`)
      .raw()
      .get() as [string, string | null];
    expect((JSON.parse(row[0]) as string[]).length).toBe(1203);
    expect(row[1]).toBeNull();
    expect(tables(db)).toBe(rebuilt(db));
    expectMemberRows(db);
    const starts = ['GHSA-big-0', 'GHSA-big-2', 'CVE-2030-5', 'GHSA-small'];
    expectReaderAgrees(db, starts);
    expect(db.idsOf('GHSA-big-0')).toHaveLength(aliasGroupCap);
    expect(db.idsOf('GHSA-big-0')).not.toEqual(db.idsOf('GHSA-big-2'));
  });

  it('does not use stored scores of another CVSS scorer, and re-scores them on a writable open', async () => {
    const db = freshDb();
    await importPath(db, file('s.jsonl', lines([osv('GHSA-0', ['CVE-2024-1000'])])));
    const good = db.sqlite.prepare(`SELECT cvss FROM alias_groups`).pluck().get() as string;
    const group = db.idsOf('GHSA-0');
    const expected = db.enrichment(group);
    // Scores a different scorer would have stored.
    db.sqlite
      .prepare(`UPDATE alias_groups SET cvss = ?`)
      .run(good.replace('9.8', '1.1').replace('critical', 'low'));
    const tampered = openVulnDb(db.file, { readonly: true });
    opened.push(tampered);
    tampered.idsOfMany(['GHSA-0']);
    expect(tampered.enrichmentMany([group])[0]!.cvss[0]!.baseScore).toBe(1.1);
    // Asked by the group's key, which has no member row: answered from the group too.
    expect(db.sqlite.prepare(`SELECT COUNT(*) FROM alias_members`).pluck().get()).toBe(1);
    const byKey = openVulnDb(db.file, { readonly: true });
    opened.push(byKey);
    expect(byKey.idsOfMany(['CVE-2024-1000']).get('CVE-2024-1000')).toEqual(group);
    expect(byKey.enrichmentMany([group])[0]!.cvss[0]!.baseScore).toBe(1.1);
    db.sqlite.prepare(`UPDATE derived SET value = 'another scorer' WHERE name = 'cvss-scorer'`).run();
    const other = openVulnDb(db.file, { readonly: true });
    opened.push(other);
    other.idsOfMany(['GHSA-0']);
    expect(other.enrichmentMany([group])).toEqual([expected]);
    db.close();
    const messages: string[] = [];
    const reopened = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(reopened);
    expect(messages[0]).toMatch(/Re-scoring/);
    expect(reopened.sqlite.prepare(`SELECT cvss FROM alias_groups`).pluck().get()).toBe(good);
  });

  it('upgrades a schema 2 database: the groups are built as an import makes them', async () => {
    const db = freshDb();
    await importPath(
      db,
      file(
        'm.jsonl',
        lines([
          osv('GHSA-0', ['CVE-2024-1000']),
          osv('GHSA-1', ['CVE-2024-1000']),
          osv('GHSA-2', [], { withdrawn: '2024-02-01T00:00:00Z' }),
        ]),
      ),
    );
    const digest = contentDigest(db);
    db.sqlite.exec('DROP TABLE alias_groups; DROP TABLE alias_members; DROP TABLE derived; DROP TABLE feed_versions; DROP TABLE related_ids');
    db.sqlite.pragma('user_version = 2');
    db.close();
    expect(() => openVulnDb(db.file, { readonly: true })).toThrow(
      /schema 2, older than this mamori uses \(6\)/,
    );
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(messages[0]).toMatch(/alias groups for 3 records/);
    expect(contentDigest(upgraded)).toBe(digest);
  });
});
