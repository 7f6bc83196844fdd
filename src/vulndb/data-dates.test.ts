/**
 * The data dates of a vulnerability database and what would go back if one file replaced another
 * (`mamori feeds install`, QA airgap 4): read from files of any schema version, dates compared as
 * instants (by the day when one is only a day), unknown dates not compared.
 */
import { describe, expect, it } from 'vitest';
import { type DataDates, dataDates, goingBack, replacementLines } from './data-dates.js';
import { importPath } from './import.js';
import { tempVulnDbs } from './temp-db.test-helper.js';

const t = tempVulnDbs('mamori-data-dates-');

const kevEntry = (cveID: string, dateAdded: string) => ({
  cveID,
  vendorProject: 'v',
  product: 'p',
  vulnerabilityName: 'n',
  dateAdded,
  shortDescription: 'd',
  requiredAction: 'a',
  dueDate: '2025-09-15',
});

const dates = (over: Partial<DataDates>): DataDates => ({
  kevCatalog: null,
  epssScores: null,
  records: {},
  ...over,
});

describe('data dates of a vulnerability database', () => {
  it('reads the KEV and EPSS dates and the newest record of each source, in every date form the feeds write', async () => {
    const db = t.freshDb();
    await importPath(
      db,
      t.file(
        'kev.json',
        JSON.stringify({
          catalogVersion: '2025.08.25',
          dateReleased: '2025-08-25T17:04:19.9796Z',
          count: 1,
          vulnerabilities: [kevEntry('CVE-2014-0160', '2022-05-04')],
        }),
      ),
    );
    const osv = (id: string, modified: string) =>
      JSON.stringify({
        id,
        modified,
        affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1'] }],
      });
    // `.5Z` sorts before `Z` as text; the later instant is the newest.
    await importPath(
      db,
      t.file(
        'osv.jsonl',
        `${osv('GHSA-1', '2026-01-01T00:00:00.5Z')}\n${osv('GHSA-2', '2026-01-01T00:00:00Z')}\n`,
      ),
    );
    expect(dataDates(db.sqlite)).toEqual({
      kevCatalog: { date: '2025-08-25T17:04:19.9796Z', version: '2025.08.25' },
      epssScores: null,
      records: { osv: { count: 2, newest: '2026-01-01T00:00:00.5Z' } },
    });

    // A file made before schema 4 (no feed_versions) is dated from its rows, as migration 4 would.
    db.sqlite.exec('DROP TABLE feed_versions');
    expect(dataDates(db.sqlite).kevCatalog).toEqual({ date: '2022-05-04', version: null });
  });

  it('says what would go back: older or missing KEV, EPSS and newest records; by the day when a date is only a day', () => {
    const installed = dates({
      kevCatalog: { date: '2025-09-01T17:00:00Z', version: '2025.09.01' },
      epssScores: { date: '2025-12-26T00:00:00Z', version: 'v2025.03.14' },
      records: {
        osv: { count: 3, newest: '2026-02-01T00:00:00Z' },
        nvd: { count: 1, newest: '2025-03-01T10:00:00.000' },
        jvn: { count: 1, newest: null },
      },
    });
    expect(goingBack(installed, installed)).toEqual([]);
    const copy = dates({
      // The CSV form of the same catalog, dated by its latest dateAdded: the same day is not older.
      kevCatalog: { date: '2025-09-01', version: null },
      epssScores: { date: '2025-12-25T00:00:00Z', version: 'v2025.03.14' },
      // NVD writes no zone (UTC); JVN's date is unknown in the installed file, so not compared.
      records: {
        osv: { count: 9, newest: '2026-02-01T09:00:00+09:00' },
        nvd: { count: 1, newest: '2025-03-01T09:59:59.999' },
        jvn: { count: 1, newest: '2020-01-01T00:00+09:00' },
      },
    });
    expect(goingBack(installed, copy)).toEqual([
      { what: 'EPSS scores', copy: '2025-12-25T00:00:00Z', installed: '2025-12-26T00:00:00Z' },
      { what: 'newest nvd record', copy: '2025-03-01T09:59:59.999', installed: '2025-03-01T10:00:00.000' },
    ]);
    expect(
      goingBack(
        installed,
        dates({
          kevCatalog: { date: '2025-08-31', version: null },
          epssScores: installed.epssScores,
          records: { osv: installed.records.osv! },
        }),
      ),
    ).toEqual([
      { what: 'KEV catalog', copy: '2025-08-31', installed: '2025.09.01' },
      { what: 'newest nvd record', copy: 'none', installed: '2025-03-01T10:00:00.000' },
      { what: 'newest jvn record', copy: 'none', installed: 'of an unknown date (1 record)' },
    ]);
    expect(
      replacementLines(
        dates({ records: { osv: { count: 1, newest: '2026-01-01T00:00:00Z' } } }),
        dates({
          kevCatalog: { date: null, version: 'latest' },
          records: { nvd: { count: 2, newest: '2025-01-01T00:00:00.000' } },
        }),
      ),
    ).toEqual([
      'KEV catalog: none → latest',
      'newest nvd record: none → 2025-01-01T00:00:00.000 (2 records)',
      'newest osv record: 2026-01-01T00:00:00Z (1 record) → none (older)',
    ]);
  });
});
