/**
 * How fresh each feed in the vulnerability database is (`mamori feeds status`, the server's feeds
 * status), whatever filled it: `feeds import` of files carried in (the air-gapped route) or `feeds sync`.
 *
 * A feed is `osv:<Ecosystem>` (the base ecosystem, as the package index keys it: `Debian:12` records
 * count under `osv:Debian`), `nvd`, `jvn`, `kev` or `epss`. Its state says:
 * - `records`: OSV records naming the ecosystem, NVD or JVN records, KEV entries, EPSS scores;
 * - `newest`, the date of the data: the newest record `modified` (NVD `lastModified`, JVN
 *   `dateLastUpdated`), the KEV catalog's date, the EPSS `score_date` (src/vulndb/feed-versions.ts),
 *   so that a file carried in months late does not look fresh because it was imported today;
 * - `lastImportedAt`: the end of the last import (file or sync) that read data of the feed;
 * - `lastFailure`: the last sync of the feed that failed after it (a 404 on a mirror), so a feed
 *   that was never imported is listed instead of missing.
 *
 * A date before 1990 or more than a day ahead of the clock is not the date of any feed's data (the Go
 * vulnerability database writes Go's zero time `0001-01-01T00:00:00Z` as every record's `modified`;
 * a record dated months ahead made a feed look fresh, QA secops 10): such dates are left out of
 * `newest` (the newest plausible date counts, null when none is) and counted in `implausibleDates`,
 * which the status shows.
 *
 * Speed: a status must stay fast on a database of 200,000 records. The newest `modified` of each OSV
 * ecosystem would need every package row joined with its record (0.7 s there), so every import logs
 * what it read of each feed (`counts_json.feeds` of the `imports` row: records and newest date,
 * `FeedTallies`) and the status reads that; only ecosystems whose records came in before imports
 * logged it are computed from the records. NVD and JVN (which `feeds sync` imports page by page,
 * without an import log row) are read from their records.
 */
import type Database from 'better-sqlite3';
import { instantOf } from '../core/vulns/record-dates.js';
import { baseEcosystem } from './keys.js';

export interface FeedState {
  /** `osv:<Ecosystem>` (base ecosystem), `nvd`, `jvn`, `kev` or `epss`. */
  readonly feed: string;
  /** OSV records naming the ecosystem, NVD or JVN records, KEV entries, EPSS scores in the database. */
  readonly records: number;
  /** The date of the data (see above); null when none is known. */
  readonly newest: string | null;
  /** The end of the last import (feeds import or sync) that read data of this feed; null when none is logged. */
  readonly lastImportedAt: string | null;
  /**
   * Records (or the feed's own date) dated before 1990 or more than a day ahead of the clock, left
   * out of `newest` (see above): present only when there are some.
   */
  readonly implausibleDates?: number;
  /** The last sync of this feed that failed, when it came after `lastImportedAt`. */
  readonly lastFailure: { readonly at: string; readonly error: string } | null;
}

/** What one import read of one feed, kept in its import log row (`counts_json.feeds`). */
export interface FeedTally {
  readonly records: number;
  readonly newest: string | null;
  /** Dates read that are implausible (see above): present only when there are some. */
  readonly implausible?: number;
}

/** The days after which a feed whose newest data is older is flagged stale (`feeds status --stale-days`). */
export const defaultStaleDays = 7;

const dayMs = 24 * 3600 * 1000;

/** The earliest plausible date of feed data (no vulnerability feed has data from before), as text and instant. */
const earliestPlausibleText = '1990';
const earliestPlausible = Date.UTC(1990, 0, 1);

/**
 * Whether a feed date (as written) can be the date of the data: readable, not before 1990, not more
 * than a day after `now` (milliseconds; a day covers clocks and zones).
 */
export function plausibleDataDate(text: string, now: number = Date.now()): boolean {
  const at = instantOf(text);
  return at !== null && at >= earliestPlausible && at <= now + dayMs;
}

/** The import log and sync state name a feed: `osv:Debian:12` → `osv:Debian`; other names are not feeds. */
export function feedOfSource(source: string): string | null {
  if (source.startsWith('osv:')) return source.length > 4 ? `osv:${baseEcosystem(source.slice(4))}` : null;
  return ['nvd', 'jvn', 'kev', 'epss'].includes(source) ? source : null;
}

/** Whole days from the data date to `now` (null: no date), and whether that is more than `staleDays`. */
export function feedAge(
  state: Pick<FeedState, 'newest'>,
  now: Date,
  staleDays = defaultStaleDays,
): { readonly ageDays: number | null; readonly stale: boolean } {
  const at = state.newest === null ? null : instantOf(state.newest);
  if (at === null) return { ageDays: null, stale: false };
  const age = now.getTime() - at;
  return { ageDays: Math.max(0, Math.floor(age / dayMs)), stale: age > staleDays * dayMs };
}

/** Counts what an import reads of each feed, and the newest date of each (compared as instants). */
export class FeedTallies {
  /** `below`: dates whose text sorts before it (a day two days before the newest) are older: not parsed. */
  private readonly feeds = new Map<
    string,
    { records: number; newest: string | null; at: number; below: string; implausible: number }
  >();
  /** Dates after this instant are implausible (a day after the tallies began). */
  private readonly latest: number;

  constructor(now: number = Date.now()) {
    this.latest = now + dayMs;
  }

  /**
   * One record or file of a feed; `date` is its date as written (ignored when it is not one; counted
   * and ignored when it is implausible, see `plausibleDataDate`).
   */
  add(feed: string, date: unknown): void {
    let t = this.feeds.get(feed);
    if (!t)
      this.feeds.set(feed, (t = { records: 0, newest: null, at: -Infinity, below: '', implausible: 0 }));
    t.records++;
    if (typeof date !== 'string') return;
    // Every form of date starts with its year: one before 1990 sorts before "1990".
    if (date < earliestPlausibleText) {
      if (instantOf(date) !== null) t.implausible++;
      return;
    }
    if (date < t.below || date === t.newest) return;
    const at = instantOf(date);
    if (at !== null && at > this.latest) {
      t.implausible++;
      return;
    }
    if (at !== null && at > t.at) {
      t.newest = date;
      t.at = at;
      // Every form of date starts with its day (whatever its zone, within a day of the instant).
      t.below = at > 2 * dayMs ? new Date(at - 2 * dayMs).toISOString().slice(0, 10) : '';
    }
  }

  /** One OSV record as read (valid or not: its file holds data of that date): each base ecosystem it names. */
  osv(record: unknown): void {
    if (typeof record !== 'object' || record === null) return;
    const { modified, affected } = record as { modified?: unknown; affected?: unknown };
    if (!Array.isArray(affected)) return;
    let first: string | null = null;
    let seen: Set<string> | null = null;
    for (const a of affected as unknown[]) {
      const pkg = typeof a === 'object' && a !== null ? (a as { package?: unknown }).package : undefined;
      const eco =
        typeof pkg === 'object' && pkg !== null ? (pkg as { ecosystem?: unknown }).ecosystem : undefined;
      if (typeof eco !== 'string' || eco === '') continue;
      const base = baseEcosystem(eco);
      // Most records name one ecosystem: a set only for the others.
      if (first === null) first = base;
      else if (base === first || seen?.has(base)) continue;
      else (seen ??= new Set([first])).add(base);
      this.add(`osv:${base}`, modified);
    }
  }

  toJSON(): Record<string, FeedTally> {
    const out: Record<string, FeedTally> = {};
    for (const [feed, t] of [...this.feeds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      out[feed] = {
        records: t.records,
        newest: t.newest,
        ...(t.implausible > 0 ? { implausible: t.implausible } : {}),
      };
    return out;
  }
}

type Row = Record<string, unknown>;

/** Whether date `a` is after `b` (compared as instants; an unreadable date is never after). */
function isAfter(a: string, b: string | null): boolean {
  if (b === null) return instantOf(a) !== null;
  const ta = instantOf(a);
  const tb = instantOf(b);
  return ta !== null && (tb === null || ta > tb);
}

/** The later of two dates (compared as instants). */
function later(a: string | null, b: string | null): string | null {
  return b !== null && isAfter(b, a) ? b : a;
}

function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string | null): Row | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return isRow(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The feeds a logged import read, for rows logged before imports kept `feeds`: by its source (a sync)
 * or its formats (a file), and the OSV ecosystems of a file by the changes it made (`ecosystemsChanged`).
 */
function legacyFeeds(
  source: string,
  formats: readonly string[],
  counts: Row,
  ecosystemsChanged: () => readonly string[],
): string[] {
  const n = (k: string) => {
    const v = counts[k];
    return typeof v === 'number' ? v : 0;
  };
  const feed = feedOfSource(source);
  if (feed !== null) {
    // A sync of one source: it read that feed when its counts say so.
    if (feed.startsWith('osv:'))
      return n('new') + n('changed') + n('withdrawn') + n('unchanged') > 0 ? [feed] : [];
    if (feed === 'kev') return n('kev') > 0 ? [feed] : [];
    if (feed === 'epss') return n('epss') > 0 ? [feed] : [];
    return [feed];
  }
  // A file import: its formats name the feeds, except the OSV ecosystems.
  const out = new Set<string>();
  for (const f of formats) {
    if (f === 'nvd') out.add('nvd');
    else if (f === 'jvn-xml' || f === 'jvn-json') out.add('jvn');
    else if ((f === 'kev' || f === 'kev-csv') && n('kev') > 0) out.add('kev');
    else if (f === 'epss' && n('epss') > 0) out.add('epss');
    else if (f === 'osv-json') for (const e of ecosystemsChanged()) out.add(`osv:${e}`);
  }
  return [...out];
}

/** Order of the feeds: OSV ecosystems by name, then as `feeds sync` takes the sources. */
function feedOrder(feed: string): [number, string] {
  if (feed.startsWith('osv:')) return [0, feed];
  return [1 + ['nvd', 'kev', 'epss', 'jvn'].indexOf(feed), feed];
}

/** The state of every feed the database holds, has logged an import of, or has tried to sync. */
export function readFeedStates(db: Database.Database, now: number = Date.now()): FeedState[] {
  const states = new Map<
    string,
    {
      records: number;
      newest: string | null;
      lastImportedAt: string | null;
      lastFailure: { at: string; error: string } | null;
      implausible: number;
    }
  >();
  const state = (feed: string) => {
    let s = states.get(feed);
    if (!s)
      states.set(
        feed,
        (s = { records: 0, newest: null, lastImportedAt: null, lastFailure: null, implausible: 0 }),
      );
    return s;
  };
  // Record dates compared as text against the plausible bounds (every form starts with its day).
  const latestText = new Date(now + dayMs).toISOString();
  // What the database holds. One pass over the package index (no record read) for the OSV ecosystems.
  for (const [eco, n] of db
    .prepare(`SELECT ecosystem, COUNT(DISTINCT id) FROM packages WHERE source = 'osv' GROUP BY ecosystem`)
    .raw()
    .all() as [string, number][])
    state(`osv:${eco}`).records = n;
  for (const [source, n, newest, implausible] of db
    .prepare(
      `SELECT source, COUNT(*), MAX(CASE WHEN modified >= @earliest AND modified <= @latest THEN modified END),
        SUM(CASE WHEN modified <> '' AND (modified < @earliest OR modified > @latest) THEN 1 ELSE 0 END)
       FROM records WHERE source IN ('nvd', 'jvn') GROUP BY source`,
    )
    .raw()
    .all({ earliest: earliestPlausibleText, latest: latestText }) as [
    string,
    number,
    string | null,
    number | null,
  ][]) {
    const s = state(source);
    s.records = n;
    s.newest = newest;
    s.implausible = implausible ?? 0;
  }
  for (const feed of ['kev', 'epss'] as const) {
    const n = db.prepare(`SELECT COUNT(*) FROM ${feed}`).pluck().get() as number;
    const version = db.prepare(`SELECT date FROM feed_versions WHERE feed = ?`).raw().get(feed) as
      [string | null] | undefined;
    if (n > 0 || version !== undefined) {
      const s = state(feed);
      s.records = n;
      const date = version?.[0] ?? null;
      s.newest = date !== null && plausibleDataDate(date, now) ? date : null;
      if (date !== null && s.newest === null) s.implausible = 1;
    }
  }
  // The import log: what each complete import read, and the syncs that failed.
  const osvNewest = new Map<string, string | null>();
  const changedEcosystems = db
    .prepare(`SELECT DISTINCT ecosystem FROM changes WHERE seq BETWEEN ? AND ? AND ecosystem IS NOT NULL`)
    .pluck();
  for (const [source, format, finishedAt, status, countsJson, firstSeq, lastSeq] of db
    .prepare(
      `SELECT source, format, finished_at, status, counts_json, first_seq, last_seq FROM imports WHERE status IN ('done', 'failed') AND finished_at IS NOT NULL ORDER BY id`,
    )
    .raw()
    .all() as [string, string | null, string, string, string | null, number | null, number | null][]) {
    const counts = parseJson(countsJson) ?? {};
    if (status === 'failed') {
      const feed = feedOfSource(source);
      if (feed !== null)
        state(feed).lastFailure = {
          at: finishedAt,
          error: typeof counts.error === 'string' ? counts.error : 'the import failed',
        };
      continue;
    }
    const tallies = isRow(counts.feeds) ? counts.feeds : null;
    const read: [string, string | null, number][] = tallies
      ? Object.entries(tallies).map(([feed, t]) => {
          const newest = isRow(t) && typeof t.newest === 'string' ? t.newest : null;
          const implausible = isRow(t) && typeof t.implausible === 'number' ? t.implausible : 0;
          // Logged before implausible dates were left out (or plausible then, not now): not a data date.
          return newest !== null && !plausibleDataDate(newest, now)
            ? [feed, null, Math.max(1, implausible)]
            : [feed, newest, implausible];
        })
      : legacyFeeds(source, (format ?? '').split(','), counts, () =>
          firstSeq === null || lastSeq === null ? [] : (changedEcosystems.all(firstSeq, lastSeq) as string[]),
        ).map((feed) => [feed, null, 0]);
    for (const [feed, newest, implausible] of read) {
      const s = state(feed);
      s.lastImportedAt = later(s.lastImportedAt, finishedAt);
      if (feed.startsWith('osv:') && tallies) {
        osvNewest.set(feed, later(osvNewest.get(feed) ?? null, newest));
        s.implausible = Math.max(s.implausible, implausible);
      }
    }
  }
  // Sync state: when each source was last synced (NVD and JVN syncs log no import row).
  for (const [source, at] of db.prepare(`SELECT source, last_import_at FROM sources`).raw().all() as [
    string,
    string | null,
  ][]) {
    const feed = feedOfSource(source);
    if (feed !== null && at !== null) state(feed).lastImportedAt = later(state(feed).lastImportedAt, at);
  }
  // The newest OSV record of each ecosystem: logged by the imports, else (records imported before
  // imports logged it) read from the records, for those ecosystems only.
  const unlogged: string[] = [];
  for (const [feed, s] of states)
    if (feed.startsWith('osv:') && s.records > 0) {
      const logged = osvNewest.get(feed);
      if (logged != null) s.newest = logged;
      else unlogged.push(feed.slice(4));
    }
  // One pass over the records in file order, each joined with its package rows (covering index):
  // the other way round reads the records in id order, at random places in the file (twice as slow).
  // (Filtering the ecosystems in the query makes it probe the index once per ecosystem: 5 times slower.)
  if (unlogged.length > 0)
    for (const [eco, newest, implausible] of db
      .prepare(
        `SELECT p.ecosystem, MAX(CASE WHEN r.modified >= @earliest AND r.modified <= @latest THEN r.modified END),
          COUNT(DISTINCT CASE WHEN r.modified <> '' AND (r.modified < @earliest OR r.modified > @latest) THEN r.id END)
         FROM records r NOT INDEXED CROSS JOIN packages p ON p.source = r.source AND p.id = r.id WHERE r.source = 'osv' GROUP BY p.ecosystem`,
      )
      .raw()
      .all({ earliest: earliestPlausibleText, latest: latestText }) as [string, string | null, number][])
      if (unlogged.includes(eco)) {
        const s = state(`osv:${eco}`);
        s.newest = newest;
        s.implausible = Math.max(s.implausible, implausible);
      }
  return [...states]
    .sort(([a], [b]) => {
      const [ka, na] = feedOrder(a);
      const [kb, nb] = feedOrder(b);
      return ka - kb || (na < nb ? -1 : na > nb ? 1 : 0);
    })
    .map(([feed, s]) => ({
      feed,
      records: s.records,
      // The text bounds of the queries are a day wide at most: the instant decides.
      newest: s.newest !== null && plausibleDataDate(s.newest, now) ? s.newest : null,
      ...(s.implausible > 0 || (s.newest !== null && !plausibleDataDate(s.newest, now))
        ? { implausibleDates: Math.max(1, s.implausible) }
        : {}),
      lastImportedAt: s.lastImportedAt,
      // A failure before the last import is over.
      lastFailure:
        s.lastFailure !== null && isAfter(s.lastFailure.at, s.lastImportedAt) ? s.lastFailure : null,
    }));
}
