import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentDigest, openVulnDb, vulnDbApplicationId } from './database.js';
import { importPath } from './import.js';
import { defaultZipLimits } from './zip.js';
import { tempVulnDbs } from './temp-db.test-helper.js';
import { buildZip } from './zip-writer.test-helper.js';
import { readSample } from '../feeds/parse/shared-samples.test-helper.js';
import { cpeBelow, nvdApiRecord } from '../../test/support/vulns.js';

const { dir, file, freshDb, opened } = tempVulnDbs('mamori-vulndb-');

function osv(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    summary: `summary of ${id}`,
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Django_Thing' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }],
      },
    ],
    ...over,
  };
}
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('vulnerability database import and reader', () => {
  it('indexes packages under the normalised name, so purl-derived lookups hit', async () => {
    const db = freshDb();
    const r = await importPath(
      db,
      file(
        'a.jsonl',
        lines([
          osv('PYSEC-1'),
          osv('GHSA-aaaa-bbbb-cccc', {
            affected: [{ package: { ecosystem: 'Debian:12', name: 'OpenSSL' }, versions: ['1.0'] }],
          }),
        ]),
      ),
    );
    expect(r.counts).toMatchObject({ new: 2, skipped: 0 });
    expect(db.hasPackage('PyPI', 'django-thing')).toBe(true);
    expect(db.hasPackage('PyPI', 'Django.Thing')).toBe(true);
    expect(db.hasPackage('PyPI', 'django')).toBe(false);
    expect(db.hasPackage('Debian', 'openssl')).toBe(true);
    expect(db.hasPackage('Debian:11', 'openssl')).toBe(true);
    expect(db.packageRecords('PyPI', 'django-thing').map((a) => a.id)).toEqual(['PYSEC-1']);
    expect(db.packageRecords('npm', 'django-thing')).toEqual([]);
    // Records are kept from the second time a package is asked for (a scan asks for most once).
    const [first, second, third] = [0, 1, 2].map(() => db.packageRecords('Debian', 'openssl'));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    // Both answers from one lookup, the same as asking twice (another connection, nothing cached).
    const other = openVulnDb(db.sqlite.name, { readonly: true });
    opened.push(other);
    for (const [eco, name] of [
      ['PyPI', 'Django.Thing'],
      ['PyPI', 'django'],
      ['Debian:11', 'openssl'],
      ['npm', 'django-thing'],
    ] as const)
      expect(db.packageRecordsIfKnown(eco, name), `${eco} ${name}`).toEqual(
        other.hasPackage(eco, name) ? other.packageRecords(eco, name) : null,
      );
    expect(db.packageRecordsIfKnown('PyPI', 'django')).toBeNull();
    expect((db.recordById('PYSEC-1') as { summary: string }).summary).toBe('summary of PYSEC-1');
    expect(db.recordById('NOPE-1')).toBeNull();
  });

  it('knows which ecosystems it holds advisories for, cached per database state (QA PSIRT M2)', async () => {
    const db = freshDb();
    expect([...db.ecosystems()]).toEqual([]);
    await importPath(
      db,
      file(
        'eco.jsonl',
        lines([
          osv('PYSEC-1'),
          osv('GHSA-aaaa-bbbb-cccc', { affected: [{ package: { ecosystem: 'Debian:12', name: 'OpenSSL' }, versions: ['1.0'] }] }),
          // Withdrawn, it still names its ecosystem's package: the ecosystem's feed was imported.
          osv('RUSTSEC-1', { withdrawn: '2024-02-01T00:00:00Z', affected: [{ package: { ecosystem: 'crates.io', name: 'x' }, versions: ['1.0'] }] }),
        ]),
      ),
    );
    expect([...db.ecosystems()].sort()).toEqual(['Debian', 'PyPI', 'crates.io']);
    // The same answer until the database changes.
    expect(db.ecosystems()).toBe(db.ecosystems());
    // A reader on another connection sees an import made through this one at its next question.
    const other = openVulnDb(db.sqlite.name, { readonly: true });
    opened.push(other);
    const before = other.ecosystems();
    expect([...before].sort()).toEqual(['Debian', 'PyPI', 'crates.io']);
    await importPath(db, file('npm.jsonl', lines([osv('GHSA-dddd-eeee-ffff', { affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0'] }] })])));
    expect([...db.ecosystems()].sort()).toEqual(['Debian', 'PyPI', 'crates.io', 'npm']);
    expect([...other.ecosystems()].sort()).toEqual(['Debian', 'PyPI', 'crates.io', 'npm']);
    expect(other.ecosystems()).not.toBe(before);
  });

  it('skips invalid records and unparseable lines with reasons, and keeps going', async () => {
    const db = freshDb();
    const f = file(
      'b.jsonl',
      `${JSON.stringify(osv('PYSEC-2'))}\n{not json\n${JSON.stringify({ id: 'X-1' })}\n${JSON.stringify(osv('PYSEC-3', { modified: 'yesterday' }))}\n` +
        // An id of the wrong type is an invalid OSV record, like any other field (QA L7), not an unknown document.
        `${JSON.stringify({ id: 7, modified: '2020-01-01T00:00:00Z' })}\n${JSON.stringify({ name: 'no id' })}\n`,
    );
    const r = await importPath(db, f);
    expect(r.counts).toMatchObject({ new: 1, skipped: 5 });
    expect(r.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/modified: is required/),
      expect.stringMatching(/modified: "yesterday"/),
      'invalid OSV record: id: must be a string',
      'not a recognised document (OSV record, NVD CVE 2.0, CISA KEV, MyJVN)',
    ]);
  });

  it('reports skipped and refused reasons with their real text, grouped, control characters escaped', async () => {
    const db = freshDb();
    const folder = path.join(dir, 'reasons');
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'a.zip'),
      buildZip([
        { name: '../a.json', data: '{}' },
        { name: '../../b.json', data: '{}' },
      ]),
    );
    writeFileSync(path.join(folder, 'b.json'), '{"x": 1}');
    writeFileSync(path.join(folder, 'c.jsonl'), `\u0001\n${lines([osv('PYSEC-4', { modified: 'yesterday' }), osv('PYSEC-5', { modified: 'today' })])}`);
    const r = await importPath(db, folder);
    expect(r.reasons).toEqual({
      'refused: ".." path segment (zip slip)': 2,
      'skipped: invalid OSV record: modified: "yesterday" is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.frac]Z) (and similar)': 2,
      'skipped: not a recognised document (OSV record, NVD CVE 2.0, CISA KEV, MyJVN)': 1,
      'skipped: not valid JSON: Unexpected token \'\\u0001\', "\\u0001" is not valid JSON': 1,
    });
  });

  it('refuses a gzipped document that decompresses past the size limit (a gzip bomb) and goes on', async () => {
    const db = freshDb();
    // 2 MiB of records compressed to a few KiB, against a 1 MiB limit; then a good file in the same folder.
    const bomb = gzipSync(JSON.stringify(Array.from({ length: 2000 }, (_, i) => osv(`PYSEC-B${i}`, { details: 'y'.repeat(1000) }))));
    const folder = path.join(dir, 'bombs');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.json.gz'), bomb);
    writeFileSync(path.join(folder, 'b.jsonl'), lines([osv('PYSEC-AFTER')]));
    const r = await importPath(db, folder, { maxDocumentBytes: 1 << 20 });
    expect(bomb.byteLength).toBeLessThan(1 << 20);
    expect(r.counts).toMatchObject({ new: 1, refused: 1 });
    expect(r.problems).toEqual([
      { kind: 'refused', where: path.join(folder, 'a.json.gz'), reason: `gzip data refused: it decompresses to more than ${1 << 20} bytes` },
    ]);
  });

  it('refuses gzip data that inflates beyond the archive ratio, and lines longer than one record may be', async () => {
    const db = freshDb();
    // QA M5: a gzipped document of spaces, about 1,030:1 (the QA's 300 KB file took 1 GB of memory).
    const bomb = file('bomb.json.gz', gzipSync(`{"id":"X","summary":"${' '.repeat(40 * 1024 * 1024)}"}`));
    const r = await importPath(db, bomb);
    expect(r.counts).toMatchObject({ refused: 1, skipped: 0 });
    expect(r.problems).toEqual([{ kind: 'refused', where: bomb, reason: 'gzip data refused: it inflates to more than 1000 times its compressed size (gzip bomb?)' }]);
    // The same for gzipped JSON lines and EPSS scores; the limits are those of the archive reader.
    const limits = { ...defaultZipLimits, maxRatio: 20 };
    const records = lines(Array.from({ length: 3000 }, (_, i) => osv(`PYSEC-G${i}`, { details: 'z'.repeat(2000) })));
    const jsonl = file('many.jsonl.gz', gzipSync(records));
    expect(gzipSync(records).length * 20).toBeLessThan(records.length);
    const j = await importPath(db, jsonl, { zipLimits: limits });
    expect(j.problems.map((p) => p.reason)).toEqual(['gzip data refused: it inflates to more than 20 times its compressed size (gzip bomb?)']);
    expect(j.counts.new).toBeLessThan(3000);
    const epss = file('epss.csv.gz', gzipSync(`cve,epss,percentile\n${'CVE-2026-0001,0.1,0.5\n'.repeat(200_000)}`));
    expect((await importPath(db, epss, { zipLimits: limits })).problems.map((p) => p.reason)).toEqual([
      'gzip data refused: it inflates to more than 20 times its compressed size (gzip bomb?)',
    ]);
    // Within the ratio, the same files are read.
    expect((await importPath(freshDb(), jsonl)).counts).toMatchObject({ new: 3000, refused: 0 });
    // A line longer than one record may be (maxEntryBytes) is refused, gzipped or not; the others are read.
    const long = lines([osv('PYSEC-L1'), osv('PYSEC-L2', { details: 'w'.repeat(3 * 1024 * 1024) }), osv('PYSEC-L3')]);
    for (const f of [file('long.jsonl', long), file('long.jsonl.gz', gzipSync(long))]) {
      const l = await importPath(freshDb(), f, { zipLimits: { ...defaultZipLimits, maxEntryBytes: 1024 * 1024 } });
      expect(l.counts, f).toMatchObject({ new: 2, refused: 1 });
      expect(l.problems, f).toEqual([{ kind: 'refused', where: `${f}:2`, reason: 'a line longer than 1048576 bytes (the limit of one record, as for an archive entry)' }]);
    }
  });

  it('is incremental: unchanged records are not rewritten; changes log old and new packages', async () => {
    const db = freshDb();
    const v1 = file('v1.jsonl', lines([osv('PYSEC-10'), osv('PYSEC-11')]));
    await importPath(db, v1);
    const seq = db.lastSeq();
    const again = await importPath(db, v1);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(db.lastSeq()).toBe(seq);
    const moved = osv('PYSEC-10', {
      modified: '2024-02-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }],
    });
    const withdrawn = osv('PYSEC-11', {
      modified: '2024-02-01T00:00:00Z',
      withdrawn: '2024-02-01T00:00:00Z',
    });
    const r = await importPath(db, file('v2.jsonl', lines([moved, withdrawn])));
    expect(r.counts).toMatchObject({ changed: 1, withdrawn: 1 });
    const changes = db.changesSince(seq);
    expect(changes.map((c) => [c.recordId, c.kind, c.ecosystem, c.name])).toEqual([
      ['PYSEC-10', 'changed', 'PyPI', 'django-thing'],
      ['PYSEC-10', 'changed', 'npm', 'left-pad'],
      ['PYSEC-11', 'withdrawn', 'PyPI', 'django-thing'],
    ]);
    expect(changes.every((c) => c.seq > seq)).toBe(true);
    expect(db.hasPackage('npm', 'left-pad')).toBe(true);
    expect(
      db.packageRecords('npm', 'left-pad').map((a) => [a.id, a.affected[0]!.versions.includes('1.0.0')]),
    ).toEqual([['PYSEC-10', true]]);
    // A withdrawn record stays in the package index (its change was logged) but has no match record.
    expect(db.packageRecords('PyPI', 'django-thing')).toEqual([]);
    expect(db.hasPackage('PyPI', 'django-thing')).toBe(true);
    expect(
      db.sqlite.prepare(`SELECT id, match_rowid FROM packages WHERE name = 'django-thing'`).all(),
    ).toEqual([{ id: 'PYSEC-11', match_rowid: null }]);
    // Match records replaced or dropped with their records: none is left behind.
    expect(db.sqlite.prepare('SELECT COUNT(*) FROM match_records').pluck().get()).toBe(1);
  });

  it('treats the same record in another JSON layout as unchanged', async () => {
    const db = freshDb();
    await importPath(db, file('c.jsonl', lines([osv('PYSEC-20')])));
    const r = await importPath(db, file('PYSEC-20.json', JSON.stringify(osv('PYSEC-20'), null, 2)));
    expect(r.counts).toMatchObject({ unchanged: 1, changed: 0 });
  });

  it('does not apply a record older than the stored version; the rest of the file imports (QA airgap 3)', async () => {
    const db = freshDb();
    // The QA report's case: x_NSWG-ECO-368 with a newer and an older `modified`.
    const newer = osv('NSWG-ECO-368', { modified: '2026-11-01T00:00:00Z', summary: 'NEWER', aliases: ['CVE-2018-3721'] });
    const older = osv('NSWG-ECO-368', { modified: '2019-01-01T00:00:00Z', summary: 'OLDER', aliases: ['CVE-2018-3721'] });
    expect((await importPath(db, file('new.jsonl', lines([newer])))).counts).toMatchObject({ new: 1, older: 0 });
    const digest = contentDigest(db);
    const seq = db.lastSeq();

    const r = await importPath(db, file('old.jsonl', lines([older])));
    expect(r.counts).toMatchObject({ new: 0, changed: 0, unchanged: 0, older: 1, skipped: 0, imported: 0 });
    expect(r.notes).toEqual([
      '1 record older than the stored version was not applied (the stored version is kept), e.g. osv NSWG-ECO-368 modified 2019-01-01T00:00:00Z: the stored version of 2026-11-01T00:00:00Z is newer',
    ]);
    expect(r.recognised).toBe(1);
    expect(r.firstSeq).toBeNull();
    expect(contentDigest(db)).toBe(digest);
    expect(db.lastSeq()).toBe(seq);
    expect((db.recordById('NSWG-ECO-368') as { summary: string }).summary).toBe('NEWER');
    // Again: the same (idempotent).
    expect((await importPath(db, file('old-again.jsonl', lines([older])))).counts).toMatchObject({ older: 1, changed: 0 });
    expect(contentDigest(db)).toBe(digest);

    // In a file with other records: those are applied, the older ones counted; the note names the first.
    const mixed = await importPath(
      db,
      file('mixed.jsonl', lines([osv('PYSEC-30', { modified: '2019-01-01T00:00:00Z' }), older, osv('NSWG-ECO-368', { modified: '2026-10-31T23:59:59.999Z' })])),
    );
    expect(mixed.counts).toMatchObject({ new: 1, older: 2 });
    expect(mixed.notes).toEqual([
      '2 records older than the stored versions were not applied (the stored versions are kept), e.g. osv NSWG-ECO-368 modified 2019-01-01T00:00:00Z: the stored version of 2026-11-01T00:00:00Z is newer',
    ]);

    // The same `modified` with other content is applied (a correction without a new date), a later one too.
    const corrected = await importPath(db, file('same-date.jsonl', lines([osv('NSWG-ECO-368', { modified: '2026-11-01T00:00:00Z', summary: 'CORRECTED' })])));
    expect(corrected.counts).toMatchObject({ changed: 1, older: 0 });
    expect((db.recordById('NSWG-ECO-368') as { summary: string }).summary).toBe('CORRECTED');
    // Dates compare as instants, not as text (`.001Z` sorts before `Z`): a millisecond later applies.
    expect((await importPath(db, file('later.jsonl', lines([osv('NSWG-ECO-368', { modified: '2026-11-01T00:00:00.001Z', summary: 'LATER' })])))).counts).toMatchObject({ changed: 1 });

    // NVD records are compared by their lastModified (no zone: UTC).
    const page = (lastModified: string, description: string) =>
      file('nvd.json', JSON.stringify({ format: 'NVD_CVE', vulnerabilities: [{ cve: nvdApiRecord('CVE-2024-9999', { lastModified, description }) }] }));
    await importPath(db, page('2025-03-01T10:00:00.000', 'new'));
    const nvdOld = await importPath(db, page('2025-02-01T10:00:00.000', 'old'));
    expect(nvdOld.counts).toMatchObject({ older: 1, changed: 0 });
    expect(nvdOld.notes[0]).toMatch(/e\.g\. nvd CVE-2024-9999 modified 2025-02-01T10:00:00\.000: the stored version of 2025-03-01T10:00:00\.000 is newer$/);
  });

  it('merges ids through aliases, upstream and JVN, and enriches with CVSS, EPSS and KEV', async () => {
    const db = freshDb();
    await importPath(
      db,
      file(
        'd.jsonl',
        lines([
          osv('GHSA-1111-2222-3333', {
            aliases: ['CVE-2024-0001'],
            severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          }),
          osv('PYSEC-30', { upstream: ['GHSA-1111-2222-3333'] }),
        ]),
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
              cveID: 'CVE-2024-0001',
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
    await importPath(
      db,
      file(
        'epss.csv.gz',
        gzipSync(
          '#model_version:v2025.03.14,score_date:2025-01-02T00:00:00Z\ncve,epss,percentile\nCVE-2024-0001,0.5,0.97\nbad,row,here\n',
        ),
      ),
    );
    expect(db.idsOf('PYSEC-30')).toEqual(['CVE-2024-0001', 'GHSA-1111-2222-3333', 'PYSEC-30']);
    expect(db.idsOf('CVE-2024-0001')).toEqual(['CVE-2024-0001', 'GHSA-1111-2222-3333', 'PYSEC-30']);
    const e = db.enrichment(db.idsOf('CVE-2024-0001'));
    expect(e.cvss).toEqual([
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: 9.8,
        severity: 'critical',
        source: 'GHSA-1111-2222-3333',
      },
    ]);
    expect(e.epss).toEqual({ score: 0.5, percentile: 0.97, date: '2025-01-02' });
    expect(e.kev).toEqual({ dateAdded: '2024-01-05', dueDate: '2024-01-26', ransomware: true });
    // KEV is a complete catalog: an entry that disappears is removed.
    const seq = db.lastSeq();
    const r = await importPath(
      db,
      file(
        'kev2.json',
        JSON.stringify({
          catalogVersion: '2',
          dateReleased: '2024-02-01T00:00:00Z',
          count: 0,
          vulnerabilities: [],
        }),
      ),
    );
    expect(r.counts).toMatchObject({ removed: 0, kevRemoved: 1 });
    expect(db.enrichment(['CVE-2024-0001']).kev).toBeNull();
    expect(db.changesSince(seq).map((c) => [c.recordId, c.ecosystem])).toEqual([['CVE-2024-0001', null]]);
  });

  it('does not apply a KEV catalog older than the stored one; same or newer dates apply; no date is noted', async (ctx) => {
    const db = freshDb();
    const entry = (cveID: string, dateAdded: string) => ({
      cveID,
      vendorProject: 'v',
      product: 'p',
      vulnerabilityName: 'n',
      dateAdded,
      shortDescription: 'd',
      requiredAction: 'a',
      dueDate: '2025-09-15',
    });
    const catalog = (over: Record<string, unknown>, entries: unknown[]) =>
      file('kev.json', JSON.stringify({ title: 'CISA Catalog of Known Exploited Vulnerabilities', count: entries.length, vulnerabilities: entries, ...over }));
    const newer = catalog({ catalogVersion: '2025.08.25', dateReleased: '2025-08-25T17:04:19.9796Z' }, [
      entry('CVE-2014-0160', '2022-05-04'),
      entry('CVE-2025-48384', '2025-08-25'),
    ]);
    expect((await importPath(db, newer)).counts).toMatchObject({ kev: 2, skipped: 0 });
    const digest = contentDigest(db);
    const seq = db.lastSeq();

    // The 2022 catalog (conformance kev/older-shape): skipped, the reason names both dates, nothing changes.
    const older = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    if (older === undefined) return;
    const olderFile = file('older.json', older);
    const r = await importPath(db, olderFile);
    expect(r.counts).toMatchObject({ kev: 0, removed: 0, imported: 0, skipped: 1 });
    expect(r.problems).toEqual([
      {
        kind: 'skipped',
        where: olderFile,
        reason:
          'older KEV catalog 2022.05.13 of 2022-05-13T19:57:27.2727Z: the stored KEV catalog 2025.08.25 of 2025-08-25T17:04:19.9796Z is newer; nothing changed',
      },
    ]);
    expect(contentDigest(db)).toBe(digest);
    expect(db.lastSeq()).toBe(seq);
    expect(db.status().kevCatalog).toEqual({ version: '2025.08.25', date: '2025-08-25T17:04:19.9796Z' });
    // Without dateReleased the catalogVersion's day is the date.
    const olderByVersion = await importPath(db, catalog({ catalogVersion: '2025.08.24' }, []));
    expect(olderByVersion.counts).toMatchObject({ kevRemoved: 0, skipped: 1 });
    expect(olderByVersion.problems[0]!.reason).toMatch(/^older KEV catalog 2025\.08\.24 of 2025-08-24: the stored/);

    // The same catalog again applies (unchanged); a newer one applies and replaces.
    expect((await importPath(db, newer)).counts).toMatchObject({ kev: 2, imported: 0, skipped: 0 });
    const next = await importPath(db, catalog({ catalogVersion: '2025.08.26', dateReleased: '2025-08-26T10:00:00Z' }, [entry('CVE-2025-48384', '2025-08-25')]));
    expect(next.counts).toMatchObject({ kev: 1, kevRemoved: 1, removed: 0, skipped: 0 });
    expect(next.notes).toEqual([]);
    expect(db.status().kevCatalog).toEqual({ version: '2025.08.26', date: '2025-08-26T10:00:00Z' });

    // A catalog without any date does not replace the dated one unless allowed (QA secops 14): it
    // may be older. Allowed, it is applied, and the report says its date is unknown.
    const undated = file('undated.json', JSON.stringify({ catalogVersion: 'latest', count: 1, vulnerabilities: [entry('CVE-2014-0160', '2022-05-04')] }));
    const refused = await importPath(db, undated);
    expect(refused.counts).toMatchObject({ kev: 0, kevRemoved: 0, skipped: 1 });
    expect(refused.undatedFeedFiles).toEqual([{ feed: 'kev', where: undated, storedDate: '2025-08-26T10:00:00Z' }]);
    expect(refused.problems[0]!.reason).toBe(
      'KEV catalog latest without a date (no dateReleased or catalogVersion date): the stored KEV catalog of 2025-08-26T10:00:00Z is dated and may be newer; nothing changed (feeds import --allow-undated replaces them)',
    );
    expect(db.status().kevCatalog).toEqual({ version: '2025.08.26', date: '2025-08-26T10:00:00Z' });
    const u = await importPath(db, undated, { allowUndated: true });
    expect(u.counts).toMatchObject({ kev: 1, kevRemoved: 1, removed: 0, skipped: 0 });
    expect(u.notes).toEqual([`${undated}: the KEV catalog's date is unknown (no dateReleased or catalogVersion date); it replaced the stored catalog`]);
    expect(db.status().kevCatalog).toEqual({ version: 'latest', date: null });
    // Then any dated catalog applies.
    expect((await importPath(db, olderFile)).counts).toMatchObject({ kev: 2, skipped: 0 });
  });

  it('does not apply EPSS scores older than the stored ones, nor without score_date over dated ones unless allowed', async () => {
    const db = freshDb();
    const epss = (head: string, rows: string) => file('epss.csv', `${head}\ncve,epss,percentile\n${rows}`);
    await importPath(db, epss('#model_version:v2025.03.14,score_date:2025-12-26T12:55:00Z', 'CVE-1999-0001,0.01151,0.7802\nCVE-2025-9999,0.00044,0.13444\n'));
    const digest = contentDigest(db);
    const older = epss('#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000', 'CVE-1999-0001,0.00383,0.73075\n');
    const r = await importPath(db, older);
    expect(r.counts).toMatchObject({ epss: 0, skipped: 1 });
    expect(r.problems).toEqual([
      {
        kind: 'skipped',
        where: older,
        reason: 'older EPSS scores of 2025-02-20T00:00:00+0000: the stored EPSS scores of 2025-12-26T12:55:00Z are newer; nothing changed',
      },
    ]);
    expect(contentDigest(db)).toBe(digest);
    expect(db.enrichment(['CVE-2025-9999']).epss).toEqual({ score: 0.00044, percentile: 0.13444, date: '2025-12-26' });
    // The same day applies; a later one replaces.
    const later = await importPath(db, epss('#model_version:v2025.03.14,score_date:2025-12-27T12:55:00Z', 'CVE-1999-0001,0.02,0.8\n'));
    expect(later.counts).toMatchObject({ epss: 1, skipped: 0 });
    expect(db.enrichment(['CVE-2025-9999']).epss).toBeNull();
    expect(db.status().epssScores).toEqual({ version: 'v2025.03.14', date: '2025-12-27T12:55:00Z' });
    // No score_date: not applied over the dated scores (QA secops 14), unless allowed; then noted.
    const undated = epss('#model_version:v2023.03.01', 'CVE-1999-0001,0.00383,0.73075\n');
    const dated = contentDigest(db);
    const refused = await importPath(db, undated);
    expect(refused.counts).toMatchObject({ epss: 0, skipped: 1 });
    expect(refused.undatedFeedFiles).toEqual([{ feed: 'epss', where: undated, storedDate: '2025-12-27T12:55:00Z' }]);
    expect(refused.problems).toEqual([
      {
        kind: 'skipped',
        where: undated,
        reason: 'EPSS scores without a date (no score_date): the stored EPSS scores of 2025-12-27T12:55:00Z are dated and may be newer; nothing changed (feeds import --allow-undated replaces them)',
      },
    ]);
    expect(contentDigest(db)).toBe(dated);
    expect(db.status().epssScores).toEqual({ version: 'v2025.03.14', date: '2025-12-27T12:55:00Z' });
    const u = await importPath(db, undated, { allowUndated: true });
    expect(u.counts).toMatchObject({ epss: 1, skipped: 0 });
    expect(u.notes).toEqual([`${undated}: the EPSS scores' date is unknown (no score_date); they replaced the stored scores`]);
    expect(db.status().epssScores).toEqual({ version: 'v2023.03.01', date: null });
  });

  it('logs one epss change per committed batch that moved a score, not one per CVE, and none when nothing moved', async () => {
    const db = freshDb();
    const day = (date: string, rows: [string, number][]) =>
      file('epss.csv', `#model_version:v2025.03.14,score_date:${date}T00:00:00Z\ncve,epss,percentile\n${rows.map(([c, s]) => `${c},${s},0.5`).join('\n')}\n`);
    const cves = ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003', 'CVE-2026-0004', 'CVE-2026-0005'];
    const epssChanges = (after: number) => db.changesSince(after).map((c) => [c.recordId, c.kind, c.ecosystem, c.name, c.cpeProduct]);
    const first = await importPath(db, day('2026-11-29', cves.map((c) => [c, 0.1])), { batchSize: 2 });
    // Three batches of scores, each with its change in its own transaction.
    expect(epssChanges(0)).toEqual(Array.from({ length: 3 }, () => ['EPSS', 'epss', null, null, null]));
    expect([first.firstSeq, first.lastSeq]).toEqual([1, 3]);
    // The same file again: nothing moved, nothing logged.
    const again = await importPath(db, day('2026-11-29', cves.map((c) => [c, 0.1])), { batchSize: 2 });
    expect([again.firstSeq, db.lastSeq()]).toEqual([null, 3]);
    // The same day again with one score moved (in the second batch): one change.
    await importPath(db, day('2026-11-29', cves.map((c, i) => [c, i === 2 ? 0.9 : 0.1])), { batchSize: 2 });
    expect(epssChanges(3)).toEqual([['EPSS', 'epss', null, null, null]]);
    // The next day without CVE-2026-0005: its two batches (every row takes the new day) and the
    // removal of the score it no longer lists.
    await importPath(db, day('2026-11-30', cves.slice(0, 4).map((c) => [c, 0.1])), { batchSize: 2 });
    expect(epssChanges(4)).toEqual(Array.from({ length: 3 }, () => ['EPSS', 'epss', null, null, null]));
    expect(db.enrichment(['CVE-2026-0005']).epss).toBeNull();
  });

  it('imports the CSV form of the KEV catalog as the JSON catalog; other CSV files are not taken for EPSS', async (ctx) => {
    const csv = readSample('kev/known_exploited_vulnerabilities.csv', ctx);
    const json = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    if (csv === undefined || json === undefined) return;
    const fromJson = freshDb();
    await importPath(fromJson, file('kev.json', json));
    const fromCsv = freshDb();
    const csvFile = file('known_exploited_vulnerabilities.csv', csv);
    const r = await importPath(fromCsv, csvFile);
    expect(r.formats).toEqual(['kev-csv']);
    expect(r.counts).toMatchObject({ kev: 1404, skipped: 0 });
    expect(r.recognised).toBe(1);
    expect(r.notes).toEqual([
      `${csvFile}: the CSV form of the KEV catalog carries no release date; it is dated by its latest dateAdded, 2025-08-25 (a lower bound: the catalog was released that day or later)`,
    ]);
    expect(fromCsv.status().kevCatalog).toEqual({ version: null, date: '2025-08-25' });
    const kev = 'SELECT cve, date_added, due_date, ransomware, json FROM kev ORDER BY cve';
    expect(fromCsv.sqlite.prepare(kev).all()).toEqual(fromJson.sqlite.prepare(kev).all());
    // The JSON catalog after the CSV: nothing changes.
    expect((await importPath(fromCsv, file('kev.json', json))).counts).toMatchObject({ kev: 1404, imported: 0, kevRemoved: 0 });
    // The CSV after the JSON of the same day applies (it may have been released later that day).
    expect((await importPath(fromJson, csvFile)).counts).toMatchObject({ kev: 1404, imported: 0, kevRemoved: 0, skipped: 0 });

    // A CSV that is neither EPSS nor KEV: one reason, not one per row.
    const other = await importPath(freshDb(), file('other.csv', 'name,value\na,1\nb,2\n'));
    expect(other.counts).toMatchObject({ epss: 0, skipped: 1 });
    expect(other.recognised).toBe(0);
    expect(other.problems.map((p) => p.reason)).toEqual(['not a CSV mamori reads (EPSS scores: cve,epss,percentile; the CISA KEV catalog: cveID,vendorProject,…)']);
  });

  it('dates the CSV form of the KEV catalog by its latest dateAdded, so an older catalog does not replace it', async (ctx) => {
    const csv = readSample('kev/known_exploited_vulnerabilities.csv', ctx);
    const json = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    const older = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    if (csv === undefined || json === undefined || older === undefined) return;
    const db = freshDb();
    await importPath(db, file('kev.json', json));
    await importPath(db, file('known_exploited_vulnerabilities.csv', csv));
    const digest = contentDigest(db);
    // The 2022 catalog after the CSV of 2025 (QA: it replaced the catalog and removed 1,402 entries).
    const olderFile = file('older.json', older);
    const r = await importPath(db, olderFile);
    expect(r.counts).toMatchObject({ kev: 0, kevRemoved: 0, removed: 0, skipped: 1 });
    expect(r.problems[0]!.reason).toBe('older KEV catalog 2022.05.13 of 2022-05-13T19:57:27.2727Z: the stored KEV catalog of 2025-08-25 is newer; nothing changed');
    expect(contentDigest(db)).toBe(digest);
    expect(db.status().kev).toBe(1404);
    // A CSV whose entries end on an earlier day than the stored catalog's is older too.
    const lines = csv.split('\n');
    const earlier = [lines[0], ...lines.slice(1).filter((l) => l.trim() !== '' && !/,2025-08-2\d,/.test(l))].join('\n');
    const c = await importPath(db, file('known_exploited_vulnerabilities.csv', earlier));
    expect(c.counts).toMatchObject({ kev: 0, kevRemoved: 0, skipped: 1 });
    expect(c.problems[0]!.reason).toMatch(/^older KEV catalog of 2025-08-1\d \(its latest dateAdded: the CSV form has no release date\): the stored KEV catalog of 2025-08-25 is newer; nothing changed$/);
    expect(contentDigest(db)).toBe(digest);
  });

  it('upgrades a schema 3 database: the stored KEV catalog and EPSS scores get the dates their rows show', async (ctx) => {
    const kev = readSample('kev/known_exploited_vulnerabilities.json', ctx);
    const older = readSample('kev/older-shape/vuln-list-update-kev-2022-05-13.json', ctx);
    const epss = readSample('epss/epss_scores-2025-12-26-excerpt.csv', ctx);
    if (kev === undefined || older === undefined || epss === undefined) return;
    const db = freshDb();
    await importPath(db, file('kev.json', kev));
    await importPath(db, file('epss.csv', epss));
    db.sqlite.exec('DROP TABLE feed_versions; DROP TABLE related_ids');
    db.sqlite.pragma('user_version = 3');
    db.close();
    const upgraded = openVulnDb(db.file);
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(6);
    // The catalog was released on or after its latest dateAdded.
    expect(upgraded.status()).toMatchObject({ kevCatalog: { date: '2025-08-25', version: null }, epssScores: { date: '2025-12-26', version: null } });
    const r = await importPath(upgraded, file('older.json', older));
    expect(r.counts).toMatchObject({ removed: 0, skipped: 1 });
    expect(r.problems[0]!.reason).toMatch(/the stored KEV catalog of 2025-08-25 is newer; nothing changed$/);
    expect(upgraded.status().kev).toBe(1404);
    // The same catalog applies (it was released later that day).
    const same = await importPath(upgraded, file('kev.json', kev));
    expect(same.counts).toMatchObject({ kev: 1404, imported: 0, skipped: 0 });
    expect(upgraded.status().kevCatalog).toEqual({ version: '2025.08.25', date: '2025-08-25T17:04:19.9796Z' });
  });

  it('answers batched lookups (idsOfMany, enrichmentMany) exactly as the one-at-a-time ones', async () => {
    // A random alias graph: 300 records linked to 120 CVE ids and to each other (upstream), some chains long.
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const vectors = [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    ];
    const records = Array.from({ length: 300 }, (_, i) =>
      osv(`GHSA-${String(i).padStart(4, '0')}-aaaa-bbbb`, {
        aliases: Array.from({ length: rand(3) }, () => `CVE-2024-${String(rand(120)).padStart(4, '0')}`),
        upstream: i > 0 && rand(4) === 0 ? [`GHSA-${String(rand(i)).padStart(4, '0')}-aaaa-bbbb`] : [],
        severity:
          rand(3) === 0
            ? []
            : [
                {
                  type: vectors[rand(3)]!.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3',
                  score: vectors[rand(3)]!,
                },
              ],
      }),
    );
    const writer = freshDb();
    await importPath(writer, file('g.jsonl', lines(records)));
    const epss = Array.from(
      { length: 120 },
      (_, i) => `CVE-2024-${String(i).padStart(4, '0')},0.${rand(100)},0.${rand(100)}`,
    ).join('\n');
    await importPath(
      writer,
      file('epss.csv', `#model_version:v1,score_date:2025-01-02T00:00:00Z\ncve,epss,percentile\n${epss}\n`),
    );
    const one = openVulnDb(writer.file, { readonly: true });
    const many = openVulnDb(writer.file, { readonly: true });
    opened.push(one, many);
    const ids = [
      ...records.map((r) => r.id as string),
      ...Array.from({ length: 130 }, (_, i) => `CVE-2024-${String(i).padStart(4, '0')}`),
    ];
    const batched = many.idsOfMany(ids);
    const groups = new Set<string>();
    for (const id of ids) {
      expect(batched.get(id), id).toEqual(one.idsOf(id));
      groups.add(one.idsOf(id).join(' '));
    }
    expect(groups.size).toBeGreaterThan(20);
    expect([...groups].some((g) => g.split(' ').length > 3)).toBe(true);
    // Enrichment: a fresh connection (nothing parsed yet) and one whose advisories were parsed by package lookups.
    const sets = [...groups].map((g) => g.split(' '));
    const fresh = openVulnDb(writer.file, { readonly: true });
    opened.push(fresh);
    expect(fresh.enrichmentMany(sets)).toEqual(sets.map((s) => one.enrichment(s)));
    many.packageRecords('PyPI', 'django-thing');
    expect(many.enrichmentMany(sets)).toEqual(sets.map((s) => one.enrichment(s)));
    expect(sets.map((s) => one.enrichment(s)).some((e) => e.cvss.length > 1 && e.epss !== null)).toBe(true);
  });

  it('imports an OSV all.zip as a snapshot: records that leave it are removed, hostile entries refused', async () => {
    const db = freshDb();
    const zipPath = path.join(dir, 'all.zip');
    writeFileSync(
      zipPath,
      buildZip([
        { name: 'PYSEC-40.json', data: JSON.stringify(osv('PYSEC-40'), null, 2) },
        { name: 'PYSEC-41.json', data: JSON.stringify(osv('PYSEC-41')) },
        { name: '../../etc/evil.json', data: '{}' },
        { name: 'bad.json', data: '{"id": 1}' },
      ]),
    );
    const first = await importPath(db, zipPath);
    expect(first.counts).toMatchObject({ new: 2, refused: 1, skipped: 1 });
    expect(first.problems.find((p) => p.kind === 'refused')?.reason).toMatch(/zip slip/);
    writeFileSync(
      zipPath,
      buildZip([{ name: 'PYSEC-40.json', data: JSON.stringify(osv('PYSEC-40'), null, 2) }]),
    );
    const seq = db.lastSeq();
    const second = await importPath(db, zipPath);
    expect(second.counts).toMatchObject({ unchanged: 1, removed: 1 });
    expect(db.recordById('PYSEC-41')).toBeNull();
    expect(db.changesSince(seq).map((c) => [c.recordId, c.kind, c.name])).toEqual([
      ['PYSEC-41', 'removed', 'django-thing'],
    ]);
  });

  it('removes nothing when an entry of the snapshot was refused or unreadable; a record skipped by its id is kept', async () => {
    const db = freshDb();
    const zipPath = path.join(dir, 'damaged', 'all.zip');
    mkdirSync(path.dirname(zipPath), { recursive: true });
    const entry = (id: string, over: Record<string, unknown> = {}) => ({ name: `${id}.json`, data: JSON.stringify(osv(id, over)) });
    writeFileSync(zipPath, buildZip(['PYSEC-50', 'PYSEC-51', 'PYSEC-52', 'PYSEC-53'].map((id) => entry(id))));
    expect((await importPath(db, zipPath)).counts).toMatchObject({ new: 4 });
    const stored = (id: string) => db.sqlite.prepare(`SELECT json FROM records WHERE id = ?`).pluck().get(id);
    const before = stored('PYSEC-51');

    // PYSEC-51's entry is damaged (CRC mismatch) and PYSEC-53 is not in the archive: the refused
    // entry could be any record, so the snapshot is not complete and nothing is removed.
    const damaged = [entry('PYSEC-50'), { ...entry('PYSEC-51', { summary: 'changed' }), crc: 1 }, entry('PYSEC-52')];
    writeFileSync(zipPath, buildZip(damaged));
    const seq = db.lastSeq();
    const r = await importPath(db, zipPath);
    expect(r.counts).toMatchObject({ unchanged: 2, refused: 1, removed: 0 });
    expect(r.notes).toEqual([`${zipPath}: not a complete snapshot of osv:PyPI (PYSEC-51.json was refused); nothing was removed`]);
    expect(stored('PYSEC-51')).toBe(before);
    expect(db.recordById('PYSEC-53')).not.toBeNull();
    expect(db.lastSeq()).toBe(seq);

    // An entry that is not JSON, or not a record with an id, makes it incomplete too.
    for (const bad of [{ name: 'x.json', data: '{"id": ' }, { name: 'x.json', data: '{"id": 7}' }, { name: 'x.json', data: '[1]' }]) {
      writeFileSync(zipPath, buildZip([entry('PYSEC-50'), bad]));
      const b = await importPath(db, zipPath);
      expect(b.counts, bad.data).toMatchObject({ removed: 0, skipped: 1 });
      expect(b.notes[0], bad.data).toMatch(/x\.json (could not be read|is not valid JSON)\); nothing was removed$/);
    }

    // A record that is invalid now but names its id: the stored version is kept, the others that
    // left the archive are removed.
    writeFileSync(zipPath, buildZip([entry('PYSEC-50'), entry('PYSEC-51', { modified: 'yesterday' }), { name: 'README.txt', data: 'not a record' }]));
    const kept = await importPath(db, zipPath);
    expect(kept.counts).toMatchObject({ unchanged: 1, skipped: 2, removed: 2 });
    expect(kept.notes).toEqual([]);
    expect(stored('PYSEC-51')).toBe(before);
    expect([db.recordById('PYSEC-52'), db.recordById('PYSEC-53')]).toEqual([null, null]);
  });

  it('names an archive snapshot by the ecosystem its records name, wherever the file lies', async () => {
    const db = freshDb();
    const usb = path.join(dir, 'usb');
    const zipAt = (folder: string, ids: readonly string[], over: (id: string) => Record<string, unknown> = () => ({})) => {
      const f = path.join(usb, folder, 'all.zip');
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, buildZip(ids.map((id) => ({ name: `${id}.json`, data: JSON.stringify(osv(id, over(id))) }))));
      return f;
    };
    const origins = () => db.sqlite.prepare('SELECT DISTINCT origin FROM origins ORDER BY origin').pluck().all();
    // Each week's PyPI all.zip from its own dated folder (QA M4: nothing was ever removed).
    expect((await importPath(db, zipAt('2026-11-30/PyPI', ['PYSEC-60', 'PYSEC-61', 'PYSEC-62']))).counts).toMatchObject({ new: 3 });
    const week2 = await importPath(db, zipAt('2026-12-07/PyPI', ['PYSEC-60', 'PYSEC-61']));
    expect(week2.counts).toMatchObject({ unchanged: 2, removed: 1 });
    expect(db.recordById('PYSEC-62')).toBeNull();
    expect(origins()).toEqual(['osv:PyPI']);
    // `feeds sync` names the same snapshot: its download of PyPI/all.zip removes what left it.
    const synced = await importPath(db, zipAt('feeds/PyPI', ['PYSEC-60']), { snapshot: 'osv:PyPI' });
    expect(synced.counts).toMatchObject({ unchanged: 1, removed: 1 });
    // A record naming another ecosystem too does not change the snapshot PyPI/all.zip is.
    const both = (id: string) => (id === 'GHSA-both' ? { affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1'] }, { package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1'] }] } : {});
    expect((await importPath(db, zipAt('2026-12-14/PyPI', ['PYSEC-60', 'GHSA-both'], both))).counts).toMatchObject({ new: 1, removed: 0 });
    expect(origins()).toEqual(['osv:PyPI']);

    // Debian/all.zip names Debian:11 and Debian:12 records: osv:Debian. Debian:12/all.zip is
    // osv:Debian:12 and removes nothing of osv:Debian.
    const deb = (id: string) => ({ affected: [{ package: { ecosystem: id.endsWith('1') ? 'Debian:11' : 'Debian:12', name: 'openssl' }, versions: ['1.0'] }] });
    await importPath(db, zipAt('2026-11-30/Debian', ['DSA-1', 'DSA-2'], deb));
    const deb12 = await importPath(db, zipAt('2026-12-07/Debian:12', ['DSA-2'], deb));
    expect(deb12.counts).toMatchObject({ unchanged: 1, removed: 0 });
    expect(origins()).toEqual(['osv:Debian', 'osv:Debian:12', 'osv:PyPI']);

    // An archive of several ecosystems is the snapshot of its file only.
    const mixed = (id: string) => ({ affected: [{ package: { ecosystem: id === 'MIX-1' ? 'npm' : 'Go', name: 'm' }, versions: ['1'] }] });
    const m1 = zipAt('2026-11-30/mixed', ['MIX-1', 'MIX-2', 'MIX-3'], mixed);
    await importPath(db, m1);
    expect(origins()).toContain(`archive:${m1}`);
    expect((await importPath(db, zipAt('2026-12-07/mixed', ['MIX-1', 'MIX-2'], mixed))).counts).toMatchObject({ removed: 0 });
    expect(db.recordById('MIX-3')).not.toBeNull();
    zipAt('2026-11-30/mixed', ['MIX-1', 'MIX-2'], mixed);
    expect((await importPath(db, m1)).counts).toMatchObject({ removed: 1 });
    expect(db.recordById('MIX-3')).toBeNull();

    // A download said to be npm's all.zip whose records are PyPI's is not npm's snapshot.
    const wrong = await importPath(db, zipAt('feeds/npm', ['PYSEC-60']), { snapshot: 'osv:npm' });
    expect(wrong.counts.removed).toBe(0);
    expect(wrong.notes).toEqual([`${path.join(usb, 'feeds/npm/all.zip')}: not a complete snapshot of osv:npm (its records do not all name the ecosystem npm); nothing was removed`]);
  });

  it('names the snapshots of archives imported by an earlier version, keyed by their path, by their records', async () => {
    const db = freshDb();
    const old = path.join(dir, 'legacy', 'old-usb', 'PyPI', 'all.zip');
    mkdirSync(path.dirname(old), { recursive: true });
    writeFileSync(old, buildZip(['PYSEC-70', 'PYSEC-71', 'PYSEC-72'].map((id) => ({ name: `${id}.json`, data: JSON.stringify(osv(id)) }))));
    await importPath(db, old);
    // As an earlier version stored it: the origins under the archive's path.
    db.sqlite.prepare(`UPDATE origins SET origin = ?`).run(`zip:${old}`);
    const digest = contentDigest(db);
    const next = path.join(dir, 'legacy', 'new-usb', 'PyPI', 'all.zip');
    mkdirSync(path.dirname(next), { recursive: true });
    writeFileSync(next, buildZip(['PYSEC-70', 'PYSEC-71'].map((id) => ({ name: `${id}.json`, data: JSON.stringify(osv(id)) }))));
    const lines: string[] = [];
    const r = await importPath(db, next, { onProgress: (l) => lines.push(l) });
    expect(r.counts).toMatchObject({ unchanged: 2, removed: 1 });
    expect(db.recordById('PYSEC-72')).toBeNull();
    expect(lines[0]).toBe('Naming 1 snapshot of archives imported earlier by their ecosystem (once)…');
    expect(db.sqlite.prepare('SELECT DISTINCT origin FROM origins').pluck().all()).toEqual(['osv:PyPI']);
    expect(contentDigest(db)).not.toBe(digest);
  });

  it('removes nothing with a snapshot older than the stored records; a newer one still removes (QA airgap 3)', async () => {
    const db = freshDb();
    const week = (folder: string, records: Record<string, string>) => {
      const f = path.join(dir, 'weeks', folder, 'npm', 'all.zip');
      mkdirSync(path.dirname(f), { recursive: true });
      const npm = { affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, versions: ['2.4.2'] }] };
      writeFileSync(f, buildZip(Object.entries(records).map(([id, modified]) => ({ name: `${id}.json`, data: JSON.stringify(osv(id, { ...npm, modified })) }))));
      return f;
    };
    // Last week's npm/all.zip: A and B. This week's: A changed, B deleted upstream, C new.
    const lastWeek = week('2026-11-23', { 'GHSA-a': '2026-11-01T00:00:00Z', 'GHSA-b': '2026-11-02T00:00:00Z' });
    const thisWeek = week('2026-11-30', { 'GHSA-a': '2026-11-25T00:00:00Z', 'GHSA-c': '2026-11-26T00:00:00Z' });
    expect((await importPath(db, lastWeek)).counts).toMatchObject({ new: 2 });
    expect((await importPath(db, thisWeek)).counts).toMatchObject({ new: 1, changed: 1, removed: 1 });
    expect(db.recordById('GHSA-b')).toBeNull();
    const modifiedOf = (id: string) => db.sqlite.prepare(`SELECT modified FROM records WHERE id = ?`).pluck().get(id);

    // Last week's folder imported after this week's: A is older than stored (not applied), so the
    // snapshot is older than the stored records and removes nothing (C stays). B, which the stored
    // snapshot no longer holds, comes back as new: mamori cannot tell it from a record never stored.
    const seq = db.lastSeq();
    const again = await importPath(db, lastWeek);
    expect(again.counts).toMatchObject({ older: 1, new: 1, removed: 0 });
    expect(again.notes).toEqual([
      `${lastWeek}: older than the stored records: 1 of its records is older than the stored version (not applied); nothing was removed`,
      '1 record older than the stored version was not applied (the stored version is kept), e.g. osv GHSA-a modified 2026-11-01T00:00:00Z: the stored version of 2026-11-25T00:00:00Z is newer',
    ]);
    expect(modifiedOf('GHSA-a')).toBe('2026-11-25T00:00:00Z');
    expect(db.recordById('GHSA-c')).not.toBeNull();
    expect(db.changesSince(seq).map((c) => [c.recordId, c.kind])).toEqual([['GHSA-b', 'new']]);

    // The QA report's case: an older snapshot without a record the stored one has. With A older
    // than stored it removes nothing; with B alone (none of its records older than stored), A and C
    // were modified after its newest record: they appeared or changed later, so they stay.
    const before = week('2026-11-16', { 'GHSA-a': '2026-11-01T00:00:00Z' });
    await importPath(db, thisWeek);
    const digest = contentDigest(db);
    const old = await importPath(db, before);
    expect(old.counts).toMatchObject({ older: 1, removed: 0 });
    expect(contentDigest(db)).toBe(digest);
    const onlyB = week('2026-11-09', { 'GHSA-b': '2026-11-02T00:00:00Z' });
    const b = await importPath(db, onlyB);
    expect(b.counts).toMatchObject({ new: 1, older: 0, removed: 0 });
    expect(b.notes).toEqual([
      `${onlyB}: older than the stored records: 2 stored records it does not hold were modified after its newest record (2026-11-02T00:00:00Z), e.g. GHSA-a of 2026-11-25T00:00:00Z; nothing was removed`,
    ]);
    expect(db.recordById('GHSA-a')).not.toBeNull();
    expect(db.recordById('GHSA-c')).not.toBeNull();

    // Next week's snapshot: C changed, A and B deleted upstream (both last modified before its
    // newest record): removed, as before.
    const nextWeek = week('2026-12-07', { 'GHSA-c': '2026-12-03T00:00:00Z' });
    const next = await importPath(db, nextWeek);
    expect(next.counts).toMatchObject({ changed: 1, removed: 2, older: 0 });
    expect(next.notes).toEqual([]);
    expect([db.recordById('GHSA-a'), db.recordById('GHSA-b')]).toEqual([null, null]);
    // `feeds sync` names the same snapshot: an older download removes nothing either.
    const synced = await importPath(db, week('feeds', { 'GHSA-d': '2026-11-20T00:00:00Z' }), { snapshot: 'osv:npm' });
    expect(synced.counts).toMatchObject({ new: 1, removed: 0 });
    expect(db.recordById('GHSA-c')).not.toBeNull();
    // An empty download has no date to tell it from an older one: it removes nothing either.
    const empty = path.join(dir, 'weeks', 'empty', 'all.zip');
    mkdirSync(path.dirname(empty), { recursive: true });
    writeFileSync(empty, buildZip([]));
    const none = await importPath(db, empty, { snapshot: 'osv:npm' });
    expect(none.counts).toMatchObject({ removed: 0 });
    expect(none.notes).toEqual([
      `${empty}: none of its records has a readable modified date, so it cannot be dated against the stored records; nothing was removed`,
    ]);
  });

  it('imports NVD CVE API pages with a CPE index', async () => {
    const db = freshDb();
    const cve = nvdApiRecord('CVE-2024-1234', {
      description: 'An RTOS bug',
      configurations: [cpeBelow('cpe:2.3:o:Acme:Tiny_RTOS:*:*:*:*:*:*:*:*', '2.0')],
    });
    const r = await importPath(
      db,
      file(
        'nvd.json',
        JSON.stringify({
          resultsPerPage: 1,
          startIndex: 0,
          totalResults: 1,
          format: 'NVD_CVE',
          version: '2.0',
          timestamp: 'x',
          vulnerabilities: [{ cve }],
        }),
      ),
    );
    expect(r.counts.new).toBe(1);
    expect(db.cvesForCpeProduct('acme', 'tiny_rtos').map((c) => c.id)).toEqual(['CVE-2024-1234']);
    expect(db.cvesForCpeProduct('ACME', 'Tiny_RTOS')).toHaveLength(1);
    expect(db.changesSince(0).map((c) => c.cpeProduct)).toEqual(['acme:tiny_rtos']);
    expect(db.enrichment(['CVE-2024-1234']).cvss[0]).toMatchObject({ baseScore: 7.5, severity: 'high' });
  });

  it('gives the same content whatever the batch size and however often it runs', async () => {
    const records = Array.from({ length: 50 }, (_, i) =>
      osv(`PYSEC-${100 + i}`, { aliases: [`CVE-2024-${1000 + i}`] }),
    );
    const f = file('e.jsonl', lines(records));
    const a = freshDb();
    await importPath(a, f, { batchSize: 7 });
    await importPath(a, f, { batchSize: 3 });
    const b = freshDb();
    await importPath(b, f);
    expect(contentDigest(a)).toBe(contentDigest(b));
  });

  it('upgrades a schema 1 database: match records are built from the stored records, as an import makes them', async () => {
    const records = [
      ...Array.from({ length: 30 }, (_, i) => osv(`PYSEC-${200 + i}`, { aliases: [`CVE-2024-${2000 + i}`] })),
      osv('PYSEC-300', { withdrawn: '2024-02-01T00:00:00Z' }),
      osv('PYSEC-301', {
        affected: [
          { package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0', '1.0.1'] },
          {
            package: { ecosystem: 'Debian:12', name: 'OpenSSL' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
          },
        ],
      }),
    ];
    const db = freshDb();
    await importPath(db, file('m.jsonl', lines(records)));
    const all =
      'SELECT p.ecosystem, p.name, p.id, m.entry FROM packages p JOIN match_records m ON m.rowid = p.match_rowid ORDER BY 1, 2, 3';
    const imported = db.sqlite.prepare(all).all();
    expect(imported).toHaveLength(32);
    const digest = contentDigest(db);
    db.sqlite.exec(
      'DROP TABLE match_records; ALTER TABLE packages DROP COLUMN match_rowid; DROP TABLE alias_groups; DROP TABLE alias_members; DROP TABLE derived; DROP TABLE feed_versions; DROP TABLE related_ids',
    );
    db.sqlite.pragma('user_version = 1');
    db.close();
    expect(() => openVulnDb(db.file, { readonly: true })).toThrow(
      /schema 1, older than this mamori uses \(6\); upgrade it once with `mamori feeds status --vuln-db /,
    );
    const messages: string[] = [];
    const upgraded = openVulnDb(db.file, { onMigrate: (m) => messages.push(m) });
    opened.push(upgraded);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(6);
    expect(messages[0]).toMatch(/match records for 31 OSV records/);
    expect(upgraded.sqlite.prepare(all).all()).toEqual(imported);
    expect(contentDigest(upgraded)).toBe(digest);
    expect(upgraded.packageRecords('Debian:11', 'openssl').map((r) => r.id)).toEqual(['PYSEC-301']);
  });

  it('refuses to open a database written by a newer mamori', () => {
    const f = path.join(dir, 'newer.sqlite');
    const db = openVulnDb(f);
    db.sqlite.pragma('user_version = 99');
    db.close();
    expect(() => openVulnDb(f)).toThrow(/newer than this mamori supports/);
    expect(() => openVulnDb(f, { readonly: true })).toThrow(/newer than this mamori supports/);
  });

  it('refuses a file that is not a vulnerability database, and leaves it as it was', () => {
    const notSqlite = path.join(dir, 'notes.sqlite');
    writeFileSync(notSqlite, 'some notes, not a database');
    for (const readonly of [false, true])
      expect(() => openVulnDb(notSqlite, { readonly })).toThrow(/notes\.sqlite is not a mamori vulnerability database \(not an SQLite database: file is not a database\); point --vuln-db/);
    expect(readFileSync(notSqlite, 'utf8')).toBe('some notes, not a database');
    // The platform store given by mistake: no vulnerability table is created in it.
    const store = path.join(dir, 'mamori.db');
    const other = new Database(store);
    other.exec('CREATE TABLE products (id TEXT PRIMARY KEY); CREATE TABLE releases (id TEXT PRIMARY KEY)');
    other.close();
    for (const readonly of [false, true])
      expect(() => openVulnDb(store, { readonly })).toThrow(/mamori\.db is not a mamori vulnerability database \(it holds other tables: products, releases\)/);
    const after = new Database(store, { readonly: true });
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all()).toEqual(['products', 'releases']);
    expect(after.pragma('application_id', { simple: true })).toBe(0);
    after.close();
    // Another application's file.
    const foreign = path.join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.pragma('application_id = 1234');
    f.close();
    expect(() => openVulnDb(foreign)).toThrow(/application id is 1234/);
  });

  it('marks new files, recognises ones made before the mark, and will not read an empty file', () => {
    const empty = path.join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(() => openVulnDb(empty, { readonly: true })).toThrow(/empty\.sqlite is not a mamori vulnerability database \(the file is empty\); fill it with `mamori feeds import PATH --vuln-db /);
    const made = openVulnDb(empty);
    expect(made.sqlite.pragma('application_id', { simple: true })).toBe(vulnDbApplicationId);
    // As an earlier mamori left it: the same tables and schema version, no mark.
    made.sqlite.pragma('application_id = 0');
    made.close();
    const read = openVulnDb(empty, { readonly: true });
    expect(read.sqlite.pragma('application_id', { simple: true })).toBe(0);
    read.close();
    const written = openVulnDb(empty);
    opened.push(written);
    expect(written.sqlite.pragma('application_id', { simple: true })).toBe(vulnDbApplicationId);
  });
});
