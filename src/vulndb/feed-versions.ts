/**
 * Which CISA KEV catalog and which EPSS score file the database holds (schema version 4): table
 * `feed_versions (feed, date, version, location, imported_at)`, one row per feed (`kev`, `epss`).
 *
 * Both feeds are complete snapshots: an import replaces what is stored. A file older than the stored
 * one (KEV `dateReleased`, else the day of its `catalogVersion`; EPSS `score_date`) is not applied
 * (src/vulndb/import.ts), so an old file imported by mistake cannot take back a newer catalog. The
 * CSV form of the KEV catalog has no release date: it is dated by its latest `dateAdded` (a lower
 * bound, as migration 4 dates a stored catalog). A file without any date is applied as before, and
 * its date is then unknown (`date` null).
 */
import type Database from 'better-sqlite3';
import { instantOf } from '../core/vulns/record-dates.js';

export type DatedFeed = 'kev' | 'epss';

export interface FeedVersion {
  /** KEV `dateReleased` or EPSS `score_date` as the file writes it; null when the file had none. */
  readonly date: string | null;
  /** KEV `catalogVersion` or EPSS `model_version`. */
  readonly version: string | null;
}

export const feedVersionsTable = `
  CREATE TABLE feed_versions (
    feed TEXT PRIMARY KEY,
    date TEXT,
    version TEXT,
    location TEXT,
    imported_at TEXT
  ) WITHOUT ROWID;
`;

/**
 * Migration 4: the table, and for a file made before it the dates its rows show. A KEV catalog was
 * released on or after the latest `dateAdded` of its entries, so that day stands for the stored
 * catalog; EPSS rows carry the day of their scores.
 */
export function addFeedVersions(db: Database.Database): void {
  db.exec(feedVersionsTable);
  const kev = db.prepare(`SELECT MAX(date_added) FROM kev`).pluck().get() as string | null;
  const epss = db
    .prepare(`SELECT MAX(date) FROM epss WHERE date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`)
    .pluck()
    .get() as string | null;
  const put = db.prepare(`INSERT INTO feed_versions (feed, date, version, location, imported_at) VALUES (?, ?, NULL, NULL, NULL)`);
  if (kev !== null) put.run('kev', kev);
  if (epss !== null) put.run('epss', epss);
}

export function storedFeedVersion(db: Database.Database, feed: DatedFeed): FeedVersion | null {
  const r = db.prepare(`SELECT date, version FROM feed_versions WHERE feed = ?`).get(feed) as
    | { date: string | null; version: string | null }
    | undefined;
  return r ? { date: r.date, version: r.version } : null;
}

export function recordFeedVersion(
  db: Database.Database,
  feed: DatedFeed,
  v: FeedVersion & { readonly location: string; readonly at: string },
): void {
  db.prepare(
    `INSERT INTO feed_versions (feed, date, version, location, imported_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (feed) DO UPDATE SET date = excluded.date, version = excluded.version, location = excluded.location, imported_at = excluded.imported_at`,
  ).run(feed, v.date, v.version, v.location, v.at);
}

const day = 24 * 3600 * 1000;

/**
 * Whether a file dated `fileDate` is older than the stored one (false when either date is unknown).
 * A `lowerBound` date (the CSV form of the KEV catalog, dated by its latest `dateAdded`: it was
 * released that day or later) is older only when its day is before the stored date's day (UTC).
 */
export function olderThanStored(fileDate: string | null, stored: FeedVersion | null, options: { lowerBound?: boolean } = {}): boolean {
  if (fileDate === null || stored?.date == null) return false;
  const file = instantOf(fileDate);
  const kept = instantOf(stored.date);
  if (file === null || kept === null) return false;
  return options.lowerBound ? Math.floor(file / day) < Math.floor(kept / day) : file < kept;
}

/**
 * The latest `dateAdded` (YYYY-MM-DD) of a catalog's entries, or null: the date of a catalog that
 * carries no release date (the CSV form), as migration 4 dates a stored catalog. A lower bound.
 */
export function latestKevDateAdded(entries: readonly unknown[]): string | null {
  let latest: string | null = null;
  for (const e of entries) {
    const d = typeof e === 'object' && e !== null ? (e as { dateAdded?: unknown }).dateAdded : undefined;
    if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && instantOf(d) !== null && (latest === null || d > latest)) latest = d;
  }
  return latest;
}

/** The date of a KEV catalog: `dateReleased`, else the day its `catalogVersion` (`2025.08.25`) names. */
export function kevCatalogDate(root: Record<string, unknown>): string | null {
  if (typeof root.dateReleased === 'string' && instantOf(root.dateReleased) !== null) return root.dateReleased;
  const v = typeof root.catalogVersion === 'string' ? /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(root.catalogVersion) : null;
  return v ? `${v[1]}-${v[2]}-${v[3]}` : null;
}
