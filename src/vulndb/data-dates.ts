/**
 * How recent the data of a vulnerability database file is, and what would go back if one file
 * replaced another (`mamori feeds install`, docs/adr/0010-vulnerability-database.md, addendum
 * "older records and older databases"): the stored CISA KEV catalog's date, the EPSS scores' date,
 * and per record source the newest `modified` (NVD `lastModified`, JVN `dateLastUpdated`).
 *
 * Read from an open SQLite connection of any schema version, without upgrading it (the file to
 * install may have been made by an older mamori): a file made before schema 4 has no
 * `feed_versions`, and its KEV catalog and EPSS scores are dated as migration 4 dates them.
 * Dates are compared as instants (src/core/vulns/record-dates.ts); a date that is only a day (a KEV
 * catalog dated by its latest `dateAdded`) is compared by its day. An unknown date is not compared.
 */
import type Database from 'better-sqlite3';
import { type FeedVersion, olderThanStored, storedFeedVersion } from './feed-versions.js';

export interface RecordDates {
  readonly count: number;
  /** The newest `modified` as written; null when none can be read as a date. */
  readonly newest: string | null;
}

export interface DataDates {
  /** The stored KEV catalog's date and version; null when the file holds no catalog. */
  readonly kevCatalog: FeedVersion | null;
  /** The stored EPSS scores' date and model version; null when the file holds no scores. */
  readonly epssScores: FeedVersion | null;
  /** Per record source (`osv`, `nvd`, `jvn`). */
  readonly records: Readonly<Record<string, RecordDates>>;
}

/** One thing that would go back: `KEV catalog 2025.08.25 < 2025.09.01 (installed)`. */
export interface GoingBack {
  /** `KEV catalog`, `EPSS scores`, `newest osv record`. */
  readonly what: string;
  readonly copy: string;
  readonly installed: string;
}

export function goingBackText(g: GoingBack): string {
  return `${g.what} ${g.copy} < ${g.installed} (installed)`;
}

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(name) !==
    undefined
  );
}

function feedDates(db: Database.Database, feed: 'kev' | 'epss', versions: boolean): FeedVersion | null {
  if (versions) {
    const v = storedFeedVersion(db, feed);
    if (v !== null) return v;
  }
  if ((db.prepare(`SELECT EXISTS (SELECT 1 FROM ${feed})`).pluck().get() as number) === 0) return null;
  // As migration 4 dates a file made before it (src/vulndb/feed-versions.ts).
  const date =
    feed === 'kev'
      ? (db.prepare(`SELECT MAX(date_added) FROM kev`).pluck().get() as string | null)
      : (db
          .prepare(`SELECT MAX(date) FROM epss WHERE date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`)
          .pluck()
          .get() as string | null);
  return { date, version: null };
}

/** The data dates of an open vulnerability database (one scan of `records`, two small lookups). */
export function dataDates(db: Database.Database): DataDates {
  const versions = hasTable(db, 'feed_versions');
  const records: Record<string, RecordDates> = {};
  // SQLite's julianday reads every form the feeds write (Z, an offset, no zone as UTC); with max(),
  // the bare column `modified` is the row of the maximum. A table scan, not the (source, id) index.
  for (const r of db
    .prepare(
      `SELECT source, COUNT(*) AS n, modified, MAX(julianday(modified)) AS at FROM records NOT INDEXED GROUP BY source ORDER BY source`,
    )
    .all() as { source: string; n: number; modified: string | null; at: number | null }[])
    records[r.source] = { count: r.n, newest: r.at === null ? null : r.modified };
  return { kevCatalog: feedDates(db, 'kev', versions), epssScores: feedDates(db, 'epss', versions), records };
}

const dayOnly = /^\d{4}-\d{2}-\d{2}$/;

/** Whether date `a` is before `b` (by the day when either is only a day); false when either is unknown. */
function before(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return olderThanStored(a, { date: b, version: null }, { lowerBound: dayOnly.test(a) || dayOnly.test(b) });
}

/** A KEV catalog as people name it: its version (`2025.08.25`), else its date. */
function kevName(v: FeedVersion): string {
  return v.version ?? v.date ?? 'of an unknown date';
}

function epssName(v: FeedVersion): string {
  return v.date ?? 'of an unknown date';
}

/**
 * What would go back if `copy` replaced `installed`: a KEV catalog or EPSS scores older than the
 * installed ones or missing, and per record source a newest record older than the installed one's,
 * or no record of a source the installed file has. Empty when nothing would.
 */
export function goingBack(installed: DataDates, copy: DataDates): GoingBack[] {
  const out: GoingBack[] = [];
  const feed = (
    what: string,
    i: FeedVersion | null,
    c: FeedVersion | null,
    name: (v: FeedVersion) => string,
  ) => {
    if (i === null) return;
    if (c === null) out.push({ what, copy: 'none', installed: name(i) });
    else if (before(c.date, i.date)) out.push({ what, copy: name(c), installed: name(i) });
  };
  feed('KEV catalog', installed.kevCatalog, copy.kevCatalog, kevName);
  feed('EPSS scores', installed.epssScores, copy.epssScores, epssName);
  for (const [source, i] of Object.entries(installed.records)) {
    if (i.count === 0) continue;
    const c = copy.records[source];
    const what = `newest ${source} record`;
    if (c === undefined || c.count === 0)
      out.push({
        what,
        copy: 'none',
        installed: i.newest ?? `of an unknown date (${i.count} record${i.count === 1 ? '' : 's'})`,
      });
    else if (c.newest !== null && i.newest !== null && before(c.newest, i.newest))
      out.push({ what, copy: c.newest, installed: i.newest });
  }
  return out;
}

/**
 * Lines for people on what replacing `installed` by `copy` changes: `KEV catalog: 2025.09.01 →
 * 2025.08.25 (older)`, one per feed and record source either file holds.
 */
export function replacementLines(installed: DataDates, copy: DataDates): string[] {
  const back = new Set(goingBack(installed, copy).map((g) => g.what));
  const mark = (what: string) => (back.has(what) ? ' (older)' : '');
  const lines: string[] = [];
  const feed = (
    what: string,
    i: FeedVersion | null,
    c: FeedVersion | null,
    name: (v: FeedVersion) => string,
  ) => {
    if (i === null && c === null) return;
    lines.push(`${what}: ${i ? name(i) : 'none'} → ${c ? name(c) : 'none'}${mark(what)}`);
  };
  feed('KEV catalog', installed.kevCatalog, copy.kevCatalog, kevName);
  feed('EPSS scores', installed.epssScores, copy.epssScores, epssName);
  const records = (r: RecordDates | undefined) =>
    r === undefined || r.count === 0
      ? 'none'
      : `${r.newest ?? 'of an unknown date'} (${r.count} record${r.count === 1 ? '' : 's'})`;
  for (const source of [
    ...new Set([...Object.keys(installed.records), ...Object.keys(copy.records)]),
  ].sort()) {
    const what = `newest ${source} record`;
    lines.push(
      `${what}: ${records(installed.records[source])} → ${records(copy.records[source])}${mark(what)}`,
    );
  }
  return lines;
}
