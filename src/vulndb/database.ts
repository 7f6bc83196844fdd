/**
 * The local vulnerability database (docs/adr/0010-vulnerability-database.md): one SQLite file opened
 * with better-sqlite3 directly, WAL, its own forward-only schema versions (`PRAGMA user_version`).
 *
 * Tables:
 * - `records (source, id)`: OSV advisories as read (validated on import, re-validated by
 *   parseOsvRecord on every read), NVD CVEs and JVN records as the JSON of their parsed model;
 *   `modified`, withdrawn flag.
 * - `packages (ecosystem, name, source, id)`: OSV base ecosystem + normalised name (src/vulndb/keys.ts).
 * - `match_records (entry)`: per OSV record that is not withdrawn and package it names, what the
 *   matcher reads (src/vulndb/match-records.ts; schema version 2), pointed at by `packages.match_rowid`.
 * - `alias_groups (grp, ids, cvss)`, `alias_members (id, grp)`: every component of the alias graph
 *   and every record id, with its CVSS summaries scored, and the group of every member other than
 *   the group's key (src/vulndb/alias-groups.ts; schema version 3), kept current by the importer;
 *   `derived`: which CVSS scorer computed them.
 * - `cpe_products (vendor, product, id)`: vendor/product of every NVD `cpeMatch.criteria`.
 * - `aliases (id, alias)`: OSV aliases, and upstream ids and a JVN record's CVE only when they name
 *   the record's own vulnerability (`upstreamAliases`; schema version 5); read in both directions.
 * - `related_ids (id, source, record)`: the ids a record names as related (upstream ids that are not
 *   aliases, a JVN record's several CVEs), by id: who names an id that has no record of its own
 *   (src/vulndb/related-ids.ts; schema version 6). Not an alias edge.
 * - `kev`, `epss`: enrichment by CVE id; `feed_versions`: the date and version of the stored KEV
 *   catalog and EPSS scores (src/vulndb/feed-versions.ts; schema version 4).
 * - `origins (origin, source, id)`: which snapshot (an OSV all.zip) holds a record, so a record that
 *   leaves every snapshot it came from is recorded as removed.
 * - `changes`: the change log (monotonic `seq`), one row per package or CPE product a change touched,
 *   one per KEV entry added, changed or removed, one (`epss`) per batch of EPSS scores that moved.
 * - `imports`, `sources`: the import log and per-source sync state.
 *
 * Reads (`VulnDbReader`) are prepared statements through a memory map; match records per package are cached (read once),
 * and the cache is dropped when this connection writes. Alias groups and enrichment are read from
 * the stored groups (`idsOfMany`, `enrichmentMany`; EPSS and KEV by CVE id), else computed as
 * before (`idsOf`: one recursive query; CVSS scored once per vector, src/vulns/cvss.ts), cached too,
 * and also dropped when another connection commits (`PRAGMA data_version`: a commit need not move
 * the change log's sequence number, an unchanged KEV catalog or EPSS file moves nothing).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Advisory, parseOsvRecord } from '../core/vulns/advisory.js';
import type { Enrichment } from '../core/vulns/finding.js';
import type { NvdCve } from '../feeds/parse/nvd-cve.js';
import type { JvnRecord } from '../feeds/parse/jvn-record.js';
import { cvssScorerId } from '../vulns/cvss.js';
import {
  aliasGroupCap,
  aliasGroupTables,
  AliasGroupWriter,
  aliasAdjacency,
  cvssSummaries,
  decodeGroupCvss,
  separateRelatedUpstream,
  storedGroupsOfIds,
  storedCvssScorer,
  walkAliasEdges,
} from './alias-groups.js';
import { type FeedState, readFeedStates } from './feed-states.js';
import { addFeedVersions, type FeedVersion, storedFeedVersion } from './feed-versions.js';
import {
  besideFilesExist,
  describeFileFailure,
  fileAccessProblem,
  folderWritable,
  madeBeside,
  type MadeBeside,
  readAsSnapshot,
  readSnapshot,
  removeMadeBeside,
  SnapshotRefused,
  sqliteCode,
  whyNotWritable,
} from './file-access.js';
import { baseEcosystem, normalisePackageName } from './keys.js';
import { addRelatedIds, relatedByQuery } from './related-ids.js';
import {
  decodeMatchRecord,
  encodeMatchRecord,
  packageMatchRecords,
  type PackageMatchRecord,
} from './match-records.js';
import type { AdvisoryChange, VulnDbReader } from './reader.js';

export type RecordSource = 'osv' | 'nvd' | 'jvn';

/** A schema step: SQL, or a function for steps that compute data (run inside the step's transaction). */
type Migration = string | ((db: Database.Database, progress: (message: string) => void) => void);

/**
 * Migration 2: match records (src/vulndb/match-records.ts) of every OSV record that is not
 * withdrawn, one per package it names, filled from the stored records. `match_records` is a plain
 * rowid table that only grows at its end; the package index row points at its match record
 * (`packages.match_rowid`). An index of its own over `(ecosystem, name, id)`, written in record
 * order, made the 200,000-record import about 25 % slower (random index pages in every commit), and
 * the match records as a column of `packages` made `hasPackage`, asked once per component, twice as
 * slow (wide rows in a WITHOUT ROWID table).
 */
function addMatchRecords(db: Database.Database, progress: (message: string) => void): void {
  db.exec(`
    ALTER TABLE packages ADD COLUMN match_rowid INTEGER;
    CREATE TABLE match_records (entry TEXT NOT NULL);
  `);
  const total = db
    .prepare(`SELECT COUNT(*) FROM records WHERE source = 'osv' AND withdrawn = 0`)
    .pluck()
    .get() as number;
  const page = db.prepare(
    `SELECT rowid, json FROM records WHERE source = 'osv' AND withdrawn = 0 AND rowid > ? ORDER BY rowid LIMIT 2000`,
  );
  const addEntry = db.prepare(`INSERT INTO match_records (entry) VALUES (?)`);
  const link = db.prepare(
    `UPDATE packages SET match_rowid = ? WHERE ecosystem = ? AND name = ? AND source = 'osv' AND id = ?`,
  );
  if (total > 0) progress(`Adding match records for ${total} OSV records (once, for faster scans)…`);
  let after = 0;
  let done = 0;
  let reported = Date.now();
  for (;;) {
    const rows = page.all(after) as { rowid: number; json: string }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const a = advisoryFromStored(r.json);
      if (a)
        for (const [key, rec] of packageMatchRecords(a)) {
          const [ecosystem, name] = key.split('\u0000') as [string, string];
          link.run(addEntry.run(encodeMatchRecord(rec)).lastInsertRowid, ecosystem, name, a.id);
        }
    }
    after = rows[rows.length - 1]!.rowid;
    done += rows.length;
    if (Date.now() - reported > 2000) {
      reported = Date.now();
      progress(`  ${done} / ${total}`);
    }
  }
}

/**
 * Migration 3: alias groups (src/vulndb/alias-groups.ts) of every record, computed from the stored
 * records and aliases, CVSS scored.
 */
function addAliasGroups(db: Database.Database, progress: (message: string) => void): void {
  db.exec(aliasGroupTables);
  new AliasGroupWriter(db).rebuild(progress);
}

const migrations: readonly Migration[] = [
  // 1: initial schema
  `
  CREATE TABLE records (
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    modified TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    json TEXT NOT NULL
  );
  CREATE UNIQUE INDEX records_key ON records (source, id);
  CREATE TABLE packages (
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (ecosystem, name, source, id)
  ) WITHOUT ROWID;
  CREATE INDEX packages_record ON packages (source, id);
  CREATE TABLE cpe_products (
    vendor TEXT NOT NULL,
    product TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (vendor, product, id)
  ) WITHOUT ROWID;
  CREATE INDEX cpe_products_record ON cpe_products (id);
  CREATE TABLE aliases (
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (source, id, alias)
  ) WITHOUT ROWID;
  CREATE INDEX aliases_alias ON aliases (alias);
  CREATE TABLE kev (
    cve TEXT PRIMARY KEY,
    date_added TEXT NOT NULL,
    due_date TEXT,
    ransomware INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE TABLE epss (
    cve TEXT PRIMARY KEY,
    score REAL NOT NULL,
    percentile REAL NOT NULL,
    date TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE origins (
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (origin, source, id)
  ) WITHOUT ROWID;
  CREATE INDEX origins_record ON origins (source, id);
  CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ecosystem TEXT,
    name TEXT,
    cpe_product TEXT,
    at TEXT NOT NULL
  );
  CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    location TEXT NOT NULL,
    format TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    counts_json TEXT,
    first_seq INTEGER,
    last_seq INTEGER
  );
  CREATE TABLE sources (
    source TEXT PRIMARY KEY,
    last_import_at TEXT,
    cursor TEXT,
    detail_json TEXT
  ) WITHOUT ROWID;
  `,
  // 2: match records beside the package index
  addMatchRecords,
  // 3: alias groups with their CVSS
  addAliasGroups,
  // 4: the date of the stored KEV catalog and EPSS scores
  addFeedVersions,
  // 5: upstream ids and JVN CVE ids that name other vulnerabilities are no longer aliases
  separateRelatedUpstream,
  // 6: the reverse index of those related ids
  addRelatedIds,
];

export const vulnDbSchemaVersion = migrations.length;

/** `PRAGMA application_id` of a vulnerability database: "mVdb". */
export const vulnDbApplicationId = 0x6d566462;

export class VulnDbError extends Error {}

export interface StoredRecord {
  readonly source: RecordSource;
  readonly id: string;
  readonly modified: string;
  readonly withdrawn: boolean;
  readonly json: string;
}

export interface SourceState {
  readonly source: string;
  readonly lastImportAt: string | null;
  readonly cursor: string | null;
  readonly detail: Record<string, unknown> | null;
}

export interface ImportLogEntry {
  readonly id: number;
  readonly source: string;
  readonly location: string;
  readonly format: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: string;
  readonly counts: Record<string, unknown> | null;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
}

export interface VulnDbStatus {
  readonly file: string;
  readonly schemaVersion: number;
  readonly records: Readonly<Record<string, number>>;
  readonly withdrawn: number;
  readonly packages: number;
  readonly cpeProducts: number;
  readonly aliases: number;
  readonly kev: number;
  readonly epss: number;
  /** The stored KEV catalog's `dateReleased` and `catalogVersion` (null: none imported). */
  readonly kevCatalog: FeedVersion | null;
  /** The stored EPSS scores' `score_date` and `model_version` (null: none imported). */
  readonly epssScores: FeedVersion | null;
  readonly lastSeq: number;
  /**
   * One state per feed (OSV per ecosystem, NVD, JVN, KEV, EPSS): records, the date of the data, the
   * last import and a later failed sync, whatever filled the database (src/vulndb/feed-states.ts).
   */
  readonly feeds: readonly FeedState[];
  readonly sources: readonly SourceState[];
  readonly lastImports: readonly ImportLogEntry[];
}

type Row = Record<string, unknown>;

/** Where `computeEnrichment` reads records (`json` null when the caller already holds the OSV record's vectors), KEV and EPSS. */
interface EnrichmentLookup {
  records(id: string): readonly { readonly source: string; readonly json: string | null }[];
  kev(id: string): Row | undefined;
  epss(id: string): Row | undefined;
}

/** OSV records are stored as read; every read validates and rebuilds them (parseOsvRecord). */
export function advisoryFromStored(json: string): Advisory | null {
  const r = parseOsvRecord(JSON.parse(json) as unknown);
  return r.ok ? r.advisory : null;
}

/** The vulnerability database: the reader the matcher uses, plus what import, sync and `vuln show` need. */
export class VulnDb implements VulnDbReader {
  readonly sqlite: Database.Database;
  private readonly cache = new Map<string, readonly PackageMatchRecord[]>();
  /** Packages whose records have been read once and not kept (see `packageRecords`). */
  private readonly readOnce = new Set<string>();
  private readonly hasCache = new Map<string, boolean>();
  private readonly idsCache = new Map<string, readonly string[]>();
  private readonly enrichmentCache = new Map<string, Enrichment>();
  /** CVSS vectors of the OSV records read by `packageRecords`, by id: enrichment uses them instead of parsing the record. */
  private readonly cvssById = new Map<string, readonly string[]>();
  /**
   * Stored alias groups read by `idsOfMany` (sorted ids and the stored CVSS text, null for a capped
   * group), by group key (smallest id): `enrichmentMany` answers the groups it is asked about from them.
   */
  private readonly storedGroups = new Map<
    string,
    { readonly ids: readonly string[]; readonly cvss: string | null }
  >();
  /** `ecosystems()` for the cached database state (null: not asked since the caches were dropped). */
  private ecosystemSet: ReadonlySet<string> | null = null;
  /** Whether the stored CVSS summaries were scored by this mamori's scorer (else they are recomputed). */
  private readonly storedCvssUsable: boolean;
  /** `PRAGMA data_version` when the caches were filled: another connection's commit changes it. */
  private cachedDataVersion = -1;
  /** Inside `snapshot()`: the data version was checked when it began and cannot move. */
  private inSnapshot = false;
  private readonly stmts: {
    packageLookup: Database.Statement;
    ecosystems: Database.Statement;
    cpeRecords: Database.Statement;
    aliasGroup: Database.Statement;
    storedGroups: Database.Statement;
    dataVersion: Database.Statement;
    aliasEdges: Database.Statement;
    recordsByIds: Database.Statement;
    recordKeysByIds: Database.Statement;
    osvCvssByIds: Database.Statement;
    kevByIds: Database.Statement;
    epssByIds: Database.Statement;
    recordsById: Database.Statement;
    recordKeysById: Database.Statement;
    kev: Database.Statement;
    epss: Database.Statement;
    changesSince: Database.Statement;
    lastSeq: Database.Statement;
    relatedBy: Database.Statement;
  };

  constructor(
    readonly file: string,
    readonly readonly: boolean,
    private readonly onMigrate: (message: string) => void = () => {},
  ) {
    this.sqlite = openConnection(file, readonly);
    this.checkIdentity();
    if (!readonly) {
      // Marks a new file, or one made before the mark, as a vulnerability database.
      if (this.sqlite.pragma('application_id', { simple: true }) !== vulnDbApplicationId)
        this.sqlite.pragma(`application_id = ${vulnDbApplicationId}`);
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.pragma('synchronous = NORMAL');
      this.migrate();
      // Scores stored by another scorer (a library upgrade that changed scores) are recomputed once.
      if (storedCvssScorer(this.sqlite) !== cvssScorerId) {
        // Under the write lock, and again only if no other process did it meanwhile.
        this.sqlite
          .transaction(() => {
            if (storedCvssScorer(this.sqlite) === cvssScorerId) return;
            this.onMigrate('Re-scoring the CVSS of the alias groups (the CVSS scorer changed)…');
            new AliasGroupWriter(this.sqlite).rebuild(this.onMigrate);
          })
          .immediate();
      }
    } else {
      const v = this.sqlite.pragma('user_version', { simple: true }) as number;
      if (v !== vulnDbSchemaVersion) {
        closeSqlite(this.sqlite);
        if (v > vulnDbSchemaVersion)
          throw new VulnDbError(
            `${file} has vulnerability database schema ${v}, newer than this mamori supports (${vulnDbSchemaVersion}); upgrade mamori`,
          );
        const older = `${file} has vulnerability database schema ${v}, older than this mamori uses (${vulnDbSchemaVersion})`;
        const upgrade = `\`mamori feeds status --vuln-db ${file}\` (it shows its progress)`;
        // The upgrade writes to the file: say so when this process cannot, instead of naming a
        // command that would fail too.
        const why = whyNotWritable(file);
        throw new VulnDbError(
          why === null
            ? `${older}; upgrade it once with ${upgrade}`
            : `${older}; upgrading it writes to it, and ${why}: make it writable and upgrade it once with ${upgrade}, or copy it to a folder you can write and upgrade the copy that way`,
        );
      }
    }
    this.storedCvssUsable = storedCvssScorer(this.sqlite) === cvssScorerId;
    this.sqlite.pragma('cache_size = -65536');
    // Reads through a memory map instead of a read() per page: a scan touches tens of megabytes of
    // records that are in the OS cache but not yet in SQLite's, and copying them page by page was
    // most of its time (measured: 430 ms → 140 ms for the match records of 1,665 packages).
    this.sqlite.pragma(`mmap_size = ${2 ** 31}`);
    const s = (sql: string) => this.sqlite.prepare(sql);
    this.stmts = {
      // packageRecords and hasPackage in one: every row of the package (any source), in primary-key
      // order, with the match record of the OSV ones (LEFT JOIN keeps packages outermost).
      packageLookup: s(
        `SELECT p.source, p.id, m.entry FROM packages p LEFT JOIN match_records m ON m.rowid = p.match_rowid WHERE p.ecosystem = ? AND p.name = ? ORDER BY p.source, p.id`,
      ).raw(),
      // The distinct ecosystems of the package index, one primary-key search each (a skip scan: the
      // index holds hundreds of thousands of packages, and a handful of ecosystems).
      ecosystems: s(
        `WITH RECURSIVE e(x) AS (SELECT MIN(ecosystem) FROM packages UNION ALL SELECT (SELECT MIN(ecosystem) FROM packages WHERE ecosystem > e.x) FROM e WHERE e.x IS NOT NULL) SELECT x FROM e WHERE x IS NOT NULL`,
      ).pluck(),
      cpeRecords: s(
        `SELECT r.json FROM cpe_products c JOIN records r ON r.source = 'nvd' AND r.id = c.id WHERE c.vendor = ? AND c.product = ? ORDER BY c.id`,
      ),
      // The connected component of the alias graph (both directions) in one recursive query; UNION
      // (not UNION ALL) drops ids already reached, so cycles end. Capped like the walk it replaces.
      aliasGroup: s(
        // CROSS JOIN keeps g outermost, so each step is a primary-key / alias-index search.
        `WITH RECURSIVE g(x) AS (SELECT ? UNION SELECT a.alias FROM g CROSS JOIN aliases a WHERE a.source IN ('osv', 'nvd', 'jvn') AND a.id = g.x UNION SELECT a.id FROM g CROSS JOIN aliases a WHERE a.alias = g.x) SELECT x FROM g LIMIT 1000`,
      ).pluck(),
      // Each id's group through its member row, or the group it is the key of; each group once.
      storedGroups: s(storedGroupsOfIds).raw(),
      dataVersion: s('PRAGMA data_version').pluck(),
      // The alias edges touching a set of ids (JSON array), both directions: one step of idsOfMany's walk.
      aliasEdges: s(
        `SELECT id, alias FROM aliases WHERE source IN ('osv', 'nvd', 'jvn') AND id IN (SELECT value FROM json_each(?)) UNION ALL SELECT id, alias FROM aliases WHERE alias IN (SELECT value FROM json_each(?))`,
      ).raw(),
      recordsByIds: s(
        `SELECT source, id, modified, withdrawn, json FROM records WHERE source IN ('osv', 'nvd', 'jvn') AND id IN (SELECT value FROM json_each(?))`,
      ),
      // CROSS JOIN keeps packages outermost (its (source, id) index), then a rowid lookup.
      osvCvssByIds: s(
        `SELECT p.id, json_extract(m.entry, '$.cvss') FROM packages p CROSS JOIN match_records m ON m.rowid = p.match_rowid WHERE p.source = 'osv' AND p.id IN (SELECT value FROM json_each(?))`,
      ).raw(),
      recordKeysByIds: s(
        `SELECT source, id FROM records WHERE source IN ('osv', 'nvd', 'jvn') AND id IN (SELECT value FROM json_each(?))`,
      ).raw(),
      kevByIds: s(
        `SELECT cve, date_added, due_date, ransomware FROM kev WHERE cve IN (SELECT value FROM json_each(?))`,
      ),
      epssByIds: s(
        `SELECT cve, score, percentile, date FROM epss WHERE cve IN (SELECT value FROM json_each(?))`,
      ),
      recordsById: s(
        `SELECT source, id, modified, withdrawn, json FROM records WHERE source IN ('osv', 'nvd', 'jvn') AND id = ? ORDER BY CASE source WHEN 'osv' THEN 0 WHEN 'nvd' THEN 1 ELSE 2 END`,
      ),
      recordKeysById: s(
        `SELECT source, id FROM records WHERE source IN ('osv', 'nvd', 'jvn') AND id = ? ORDER BY CASE source WHEN 'osv' THEN 0 WHEN 'nvd' THEN 1 ELSE 2 END`,
      ),
      kev: s(`SELECT cve, date_added, due_date, ransomware FROM kev WHERE cve = ?`),
      epss: s(`SELECT score, percentile, date FROM epss WHERE cve = ?`),
      changesSince: s(
        `SELECT seq, record_id, kind, ecosystem, name, cpe_product, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
      lastSeq: s(`SELECT COALESCE(MAX(seq), 0) FROM changes`).pluck(),
      relatedBy: s(relatedByQuery).pluck(),
    };
  }

  /**
   * Refuses a file that is not a vulnerability database before anything is read or written
   * (`notVulnDbReason`).
   */
  private checkIdentity(): void {
    let reason: ReturnType<typeof notVulnDbReason>;
    try {
      reason = notVulnDbReason(this.sqlite, this.file, this.readonly);
    } catch (e) {
      closeSqlite(this.sqlite);
      throw e;
    }
    if (reason === null) return;
    closeSqlite(this.sqlite);
    throw new VulnDbError(
      `${this.file} is not a mamori vulnerability database (${reason.why}); ${reason.advice ?? 'point --vuln-db (or MAMORI_VULNDB) at the vulnerability database, by default vulndb.sqlite in the data folder, or at a new file'}`,
    );
  }

  /**
   * Runs the schema steps the file lacks, one transaction each. Every step takes the write lock first
   * (BEGIN IMMEDIATE, waiting up to the busy timeout) and reads the schema version inside it: another
   * process opening the same new or older file at the same time (two `feeds` commands) has either done
   * the step already, and it is skipped, or waits for this one.
   */
  private migrate(): void {
    const version = () => this.sqlite.pragma('user_version', { simple: true }) as number;
    for (;;) {
      const current = version();
      if (current > vulnDbSchemaVersion) {
        this.sqlite.close();
        throw new VulnDbError(
          `${this.file} has vulnerability database schema ${current}, newer than this mamori supports (${vulnDbSchemaVersion}); upgrade mamori`,
        );
      }
      if (current === vulnDbSchemaVersion) return;
      this.sqlite
        .transaction(() => {
          const v = version();
          if (v !== current) return;
          const m = migrations[v]!;
          if (typeof m === 'string') this.sqlite.exec(m);
          else m(this.sqlite, this.onMigrate);
          this.sqlite.pragma(`user_version = ${v + 1}`);
        })
        .immediate();
    }
  }

  /** Drops the caches (after a write through this connection). */
  invalidate(): void {
    this.cache.clear();
    this.readOnce.clear();
    this.hasCache.clear();
    this.idsCache.clear();
    this.enrichmentCache.clear();
    this.cvssById.clear();
    this.storedGroups.clear();
    this.ecosystemSet = null;
  }

  /**
   * The caches of ids and enrichment hold for one database state: a commit by another connection
   * (an import in another process, KEV and EPSS included) drops them. Writes through this connection
   * call `invalidate()`.
   */
  private checkDataVersion(): void {
    if (this.inSnapshot) return;
    const v = this.stmts.dataVersion.get() as number;
    if (v !== this.cachedDataVersion) {
      if (this.cachedDataVersion !== -1) this.invalidate();
      this.cachedDataVersion = v;
    }
  }

  snapshot<T>(fn: () => T): T {
    if (this.inSnapshot || this.sqlite.inTransaction) return fn();
    this.sqlite.exec('BEGIN');
    try {
      this.checkDataVersion();
      this.inSnapshot = true;
      return fn();
    } finally {
      this.inSnapshot = false;
      if (this.sqlite.inTransaction) this.sqlite.exec('COMMIT');
    }
  }

  packageRecords(ecosystem: string, name: string): readonly PackageMatchRecord[] {
    return this.packageRecordsIfKnown(ecosystem, name) ?? [];
  }

  /** The ecosystems any record names a package of; read once per database state. */
  ecosystems(): ReadonlySet<string> {
    this.checkDataVersion();
    this.ecosystemSet ??= new Set(this.stmts.ecosystems.all() as string[]);
    return this.ecosystemSet;
  }

  hasPackage(ecosystem: string, name: string): boolean {
    const eco = baseEcosystem(ecosystem);
    const n = normalisePackageName(eco, name);
    const key = `${eco}\u0000${n}`;
    if (this.cache.has(key)) return true;
    const known = this.hasCache.get(key);
    if (known !== undefined) return known;
    return this.rememberKnown(key, this.stmts.packageLookup.all(eco, n).length > 0);
  }

  packageRecordsIfKnown(ecosystem: string, name: string): readonly PackageMatchRecord[] | null {
    const eco = baseEcosystem(ecosystem);
    const n = normalisePackageName(eco, name);
    const key = `${eco}\u0000${n}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.hasCache.get(key) === false) return null;
    const rows = this.stmts.packageLookup.all(eco, n) as [string, string, string | null][];
    if (!this.rememberKnown(key, rows.length > 0)) return null;
    const list: PackageMatchRecord[] = [];
    for (const [source, id, entry] of rows)
      if (source === 'osv' && entry !== null) list.push(decodeMatchRecord(id, entry));
    return this.remember(key, Object.freeze(list));
  }

  private rememberKnown(key: string, known: boolean): boolean {
    if (this.hasCache.size > 200_000) this.hasCache.clear();
    this.hasCache.set(key, known);
    return known;
  }

  /**
   * A package's records, kept from the second time it is asked for. A scan asks for most packages
   * once: keeping the records of all of them (30,000 for the 10,000-component benchmark SBOM) only
   * made the garbage collector copy them, a third of the matching time. Re-analysis asks for the
   * same packages release after release, and keeps them from the second release on.
   */
  private remember(key: string, list: readonly PackageMatchRecord[]): readonly PackageMatchRecord[] {
    if (this.readOnce.has(key)) {
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(key, list);
    } else {
      if (this.readOnce.size > 200_000) this.readOnce.clear();
      this.readOnce.add(key);
    }
    if (this.cvssById.size > 200_000) this.cvssById.clear();
    for (const r of list) this.cvssById.set(r.id, r.cvss);
    return list;
  }

  cvesForCpeProduct(vendor: string, product: string): readonly NvdCve[] {
    return (this.stmts.cpeRecords.pluck().all(vendor.toLowerCase(), product.toLowerCase()) as string[]).map(
      (j) => JSON.parse(j) as NvdCve,
    );
  }

  /** Every id linked to `id` through the alias graph (itself included), sorted; cached per database state. */
  idsOf(id: string): readonly string[] {
    this.checkDataVersion();
    const hit = this.idsCache.get(id);
    if (hit) return hit;
    const ids = Object.freeze([...new Set([id, ...(this.stmts.aliasGroup.all(id) as string[])])].sort());
    if (this.idsCache.size > 200_000) this.idsCache.clear();
    this.idsCache.set(id, ids);
    return ids;
  }

  /**
   * `idsOf` for many ids at once: from the stored alias groups (src/vulndb/alias-groups.ts, a
   * primary-key search per id for its member row, or for the group it is the key of; each group read
   * once), and for ids without one, or in a group of 1,000 ids or more, by walking the alias graph
   * breadth-first for all of them together, one query per step. Every id of a walked group is
   * cached. Same answer as `idsOf` for each id (including the 1,000-id cap per group).
   */
  idsOfMany(ids: readonly string[]): ReadonlyMap<string, readonly string[]> {
    this.checkDataVersion();
    const out = new Map<string, readonly string[]>();
    const asked: string[] = [];
    for (const id of ids) {
      const hit = this.idsCache.get(id);
      if (hit) out.set(id, hit);
      else if (!out.has(id)) asked.push(id);
    }
    if (asked.length === 0) return out;
    if (this.idsCache.size > 200_000) this.idsCache.clear();
    if (this.storedGroups.size > 200_000) this.storedGroups.clear();
    const wanted = new Set(asked);
    for (let i = 0; i < asked.length; i += 5000)
      for (const [grp, text, cvss] of this.stmts.storedGroups.all(
        JSON.stringify(asked.slice(i, i + 5000)),
      ) as [string, string, string | null][]) {
        let g = this.storedGroups.get(grp);
        if (g === undefined)
          this.storedGroups.set(grp, (g = { ids: Object.freeze(JSON.parse(text) as string[]), cvss }));
        // A capped group's answer depends on where the walk begins: walked below.
        if (g.ids.length >= aliasGroupCap) continue;
        for (const id of g.ids)
          if (wanted.has(id)) {
            out.set(id, g.ids);
            this.idsCache.set(id, g.ids);
          }
      }
    const missing = asked.filter((id) => !out.has(id));
    if (missing.length === 0) return out;
    for (const [id, group] of this.walkAliases(missing)) out.set(id, group);
    return out;
  }

  /** `idsOfMany` by walking the alias graph (ids without a stored group, or in a capped one). */
  private walkAliases(missing: readonly string[]): Map<string, readonly string[]> {
    const out = new Map<string, readonly string[]>();
    const wanted = new Set(missing);
    const { adjacency, link } = aliasAdjacency();
    const reached = new Set<string>(missing);
    walkAliasEdges(this.stmts.aliasEdges, reached, [...reached], link);
    for (const id of missing) {
      if (out.has(id)) continue;
      // The group of `id`, breadth-first in memory (in the order the recursive query would reach it).
      const group = new Set<string>([id]);
      const queue = [id];
      for (let q = 0; q < queue.length && group.size < aliasGroupCap; q++)
        for (const x of adjacency.get(queue[q]!) ?? [])
          if (!group.has(x) && group.size < aliasGroupCap) {
            group.add(x);
            queue.push(x);
          }
      const sorted = Object.freeze([...group].sort());
      // A capped group depends on where the walk began: cache it for its own id only.
      if (group.size >= aliasGroupCap) {
        out.set(id, sorted);
        this.idsCache.set(id, sorted);
        continue;
      }
      for (const member of group) {
        this.idsCache.set(member, sorted);
        if (wanted.has(member)) out.set(member, sorted);
      }
    }
    return out;
  }

  /** The records naming any of `ids` as related (`related_ids`, one query), sorted, each once. */
  relatedBy(ids: readonly string[]): readonly string[] {
    if (ids.length === 0) return [];
    return [...new Set(this.stmts.relatedBy.all(JSON.stringify(ids)) as string[])];
  }

  /** Every stored record under one of `ids` (OSV first, then NVD, then JVN). */
  recordsFor(ids: readonly string[]): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const id of ids) {
      for (const r of this.stmts.recordsById.all(id) as Row[]) {
        out.push({
          source: r.source as RecordSource,
          id: r.id as string,
          modified: r.modified as string,
          withdrawn: r.withdrawn === 1,
          json: r.json as string,
        });
      }
    }
    return out;
  }

  /** CVSS summaries of every record under `ids`, the highest EPSS, the earliest KEV entry; cached per database state. */
  enrichment(ids: readonly string[]): Enrichment {
    this.checkDataVersion();
    const key = ids.join('\u0000');
    const hit = this.enrichmentCache.get(key);
    if (hit) return hit;
    const e = this.readEnrichment(ids);
    if (this.enrichmentCache.size > 100_000) this.enrichmentCache.clear();
    this.enrichmentCache.set(key, e);
    return e;
  }

  /**
   * `enrichment` for many id sets at once. A set that is a stored alias group (read by `idsOfMany`,
   * or here) takes its CVSS summaries from the group; the others read the records of every id with
   * one query each (instead of several per id). KEV and EPSS entries of every CVE id are read with
   * one query each. Same answers as `enrichment` for each set.
   */
  enrichmentMany(idSets: readonly (readonly string[])[]): readonly Enrichment[] {
    this.checkDataVersion();
    const out: (Enrichment | undefined)[] = idSets.map((ids) => this.enrichmentCache.get(ids.join('\u0000')));
    const stored: (string | undefined)[] = [];
    if (this.storedCvssUsable) {
      const unread = new Set<string>();
      idSets.forEach((ids, i) => {
        if (out[i] === undefined && ids.length > 0 && !this.storedGroups.has(ids[0]!)) unread.add(ids[0]!);
      });
      if (unread.size > 0) this.idsOfMany([...unread]);
      idSets.forEach((ids, i) => {
        if (out[i] !== undefined || ids.length === 0) return;
        const g = this.storedGroups.get(ids[0]!);
        if (g?.cvss != null && sameIds(g.ids, ids)) stored[i] = g.cvss;
      });
    }
    const needed = new Set<string>();
    const cves = new Set<string>();
    idSets.forEach((ids, i) => {
      if (out[i] !== undefined) return;
      for (const id of ids) {
        if (stored[i] === undefined) needed.add(id);
        if (id.startsWith('CVE-')) cves.add(id);
      }
    });
    if (needed.size === 0 && cves.size === 0) return out as Enrichment[];
    const records = new Map<string, { source: string; json: string | null }[]>();
    const all = [...needed];
    for (let i = 0; i < all.length; i += 5000) {
      const chunk = all.slice(i, i + 5000);
      // Records not parsed yet are read whole; parsed OSV ones only need their keys (is there an NVD/JVN twin?).
      // OSV records of other packages (alias group members): their CVSS vectors from a match record.
      const unknown = chunk.filter((id) => !this.cvssById.has(id));
      if (unknown.length > 0)
        for (const [id, cvss] of this.stmts.osvCvssByIds.all(JSON.stringify(unknown)) as [string, string][])
          if (!this.cvssById.has(id)) this.cvssById.set(id, JSON.parse(cvss) as string[]);
      const parsed = chunk.filter((id) => this.cvssById.has(id));
      const unparsed = chunk.filter((id) => !this.cvssById.has(id));
      for (const r of this.stmts.recordsByIds.all(JSON.stringify(unparsed)) as Row[]) {
        const row = { source: r.source as string, json: r.json as string };
        const l = records.get(r.id as string);
        if (l) l.push(row);
        else records.set(r.id as string, [row]);
      }
      for (const [source, id] of this.stmts.recordKeysByIds.all(JSON.stringify(parsed)) as [
        string,
        string,
      ][]) {
        const r = { source, json: null };
        const l = records.get(id);
        if (l) l.push(r);
        else records.set(id, [r]);
      }
    }
    const kev = new Map<string, Row>();
    const epss = new Map<string, Row>();
    const cveList = [...cves];
    for (let i = 0; i < cveList.length; i += 5000) {
      const chunk = JSON.stringify(cveList.slice(i, i + 5000));
      for (const r of this.stmts.kevByIds.all(chunk) as Row[]) kev.set(r.cve as string, r);
      for (const r of this.stmts.epssByIds.all(chunk) as Row[]) epss.set(r.cve as string, r);
    }
    const rank = (r: { source: string }) => (r.source === 'osv' ? 0 : r.source === 'nvd' ? 1 : 2);
    for (const l of records.values()) l.sort((x, y) => rank(x) - rank(y));
    const lookup: EnrichmentLookup = {
      records: (id) => records.get(id) ?? [],
      kev: (id) => kev.get(id),
      epss: (id) => epss.get(id),
    };
    if (this.enrichmentCache.size > 100_000) this.enrichmentCache.clear();
    return idSets.map((ids, i) => {
      const hit = out[i];
      if (hit !== undefined) return hit;
      const text = stored[i];
      const e =
        text === undefined
          ? this.computeEnrichment(ids, lookup)
          : this.withEpssAndKev(ids, decodeGroupCvss(text), lookup);
      this.enrichmentCache.set(ids.join('\u0000'), e);
      return e;
    });
  }

  private readEnrichment(ids: readonly string[]): Enrichment {
    return this.computeEnrichment(ids, {
      records: (id) =>
        this.cvssById.has(id)
          ? (this.stmts.recordKeysById.all(id) as Row[]).map((k) => ({
              source: k.source as string,
              json: null,
            }))
          : (this.stmts.recordsById.all(id) as Row[]).map((r) => ({
              source: r.source as string,
              json: r.json as string,
            })),
      kev: (id) => this.stmts.kev.get(id) as Row | undefined,
      epss: (id) => this.stmts.epss.get(id) as Row | undefined,
    });
  }

  /**
   * CVSS summaries of the records under `ids` (per id: OSV, then NVD, then JVN; the vectors of an
   * OSV record already read as a match record are taken from it), the highest EPSS, the earliest KEV entry.
   */
  private computeEnrichment(ids: readonly string[], lookup: EnrichmentLookup): Enrichment {
    const cvss = cvssSummaries(ids, {
      records: (id) => lookup.records(id),
      vectors: (id) => this.cvssById.get(id),
      recordJson: (source, id) => this.recordJson(source, id),
    });
    return this.withEpssAndKev(ids, cvss, lookup);
  }

  /** The enrichment of `ids` with these CVSS summaries: the highest EPSS and the earliest KEV entry of its CVE ids. */
  private withEpssAndKev(
    ids: readonly string[],
    cvss: Enrichment['cvss'],
    lookup: EnrichmentLookup,
  ): Enrichment {
    let epss: Enrichment['epss'] = null;
    let kev: Enrichment['kev'] = null;
    for (const id of ids) {
      if (!id.startsWith('CVE-')) continue;
      const e = lookup.epss(id);
      if (e && (epss === null || (e.score as number) > epss.score))
        epss = { score: e.score as number, percentile: e.percentile as number, date: e.date as string };
      const k = lookup.kev(id);
      if (k && (kev === null || (k.date_added as string) < kev.dateAdded))
        kev = {
          dateAdded: k.date_added as string,
          dueDate: (k.due_date as string | null) ?? null,
          ransomware: k.ransomware === 1,
        };
    }
    return { cvss, epss, kev };
  }

  /** The stored JSON of one record, or null. */
  private recordJson(source: string, id: string): string | null {
    const r = (this.stmts.recordsById.all(id) as Row[]).find((x) => x.source === source);
    return r ? (r.json as string) : null;
  }

  recordById(id: string): Advisory | NvdCve | null {
    for (const r of this.stmts.recordsById.all(id) as Row[]) {
      if (r.source === 'osv') return advisoryFromStored(r.json as string);
      if (r.source === 'nvd') return JSON.parse(r.json as string) as NvdCve;
    }
    return null;
  }

  /** A JVN iPedia record by its JVNDB id, or null. */
  jvnById(id: string): JvnRecord | null {
    const r = (this.stmts.recordsById.all(id) as Row[]).find((x) => x.source === 'jvn');
    return r ? (JSON.parse(r.json as string) as JvnRecord) : null;
  }

  kevEntry(cve: string): Record<string, unknown> | null {
    const r = this.sqlite.prepare('SELECT json FROM kev WHERE cve = ?').pluck().get(cve) as
      string | undefined;
    return r === undefined ? null : (JSON.parse(r) as Record<string, unknown>);
  }

  changesSince(seq: number, limit = 100_000): readonly AdvisoryChange[] {
    return (this.stmts.changesSince.all(seq, limit) as Row[]).map((r) => ({
      seq: r.seq as number,
      recordId: r.record_id as string,
      kind: r.kind as AdvisoryChange['kind'],
      ecosystem: (r.ecosystem as string | null) ?? null,
      name: (r.name as string | null) ?? null,
      cpeProduct: (r.cpe_product as string | null) ?? null,
      at: r.at as string,
    }));
  }

  lastSeq(): number {
    return this.stmts.lastSeq.get() as number;
  }

  sourceState(source: string): SourceState | null {
    const r = this.sqlite
      .prepare('SELECT source, last_import_at, cursor, detail_json FROM sources WHERE source = ?')
      .get(source) as Row | undefined;
    return r ? toSourceState(r) : null;
  }

  setSourceState(
    source: string,
    state: { lastImportAt?: string; cursor?: string | null; detail?: Record<string, unknown> },
  ): void {
    const prev = this.sourceState(source);
    this.sqlite
      .prepare(
        'INSERT INTO sources (source, last_import_at, cursor, detail_json) VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET last_import_at = excluded.last_import_at, cursor = excluded.cursor, detail_json = excluded.detail_json',
      )
      .run(
        source,
        state.lastImportAt ?? prev?.lastImportAt ?? null,
        state.cursor !== undefined ? state.cursor : (prev?.cursor ?? null),
        JSON.stringify(state.detail ?? prev?.detail ?? null),
      );
  }

  /**
   * Logs a sync of `source` that failed before anything of it was imported (a 404 on a mirror, a
   * download that is not the feed): an import log row with status `failed`, so that `feeds status`
   * lists the feed as failed rather than leaving it out (src/vulndb/feed-states.ts).
   */
  logSyncFailure(source: string, location: string, error: string, at = new Date().toISOString()): void {
    this.sqlite
      .prepare(`INSERT INTO imports (source, location, started_at, finished_at, status, counts_json) VALUES (?, ?, ?, ?, 'failed', ?)`)
      .run(source, location, at, at, JSON.stringify({ error }));
  }

  /** The state of every feed (`readFeedStates`), read once per database state. */
  feedStates(): readonly FeedState[] {
    const key = `${String(this.stmts.dataVersion.get())}:${String(this.sqlite.prepare('SELECT total_changes()').pluck().get())}`;
    if (this.feedStateCache?.key !== key) this.feedStateCache = { key, states: readFeedStates(this.sqlite) };
    return this.feedStateCache.states;
  }

  private feedStateCache: { readonly key: string; readonly states: readonly FeedState[] } | null = null;

  status(): VulnDbStatus {
    const q = (sql: string) => this.sqlite.prepare(sql).pluck().get() as number;
    const records: Record<string, number> = {};
    for (const r of this.sqlite
      .prepare('SELECT source, COUNT(*) AS n FROM records GROUP BY source ORDER BY source')
      .all() as Row[])
      records[r.source as string] = r.n as number;
    return {
      file: this.file,
      schemaVersion: this.sqlite.pragma('user_version', { simple: true }) as number,
      records,
      withdrawn: q('SELECT COUNT(*) FROM records WHERE withdrawn = 1'),
      packages: q('SELECT COUNT(*) FROM (SELECT DISTINCT ecosystem, name FROM packages)'),
      cpeProducts: q('SELECT COUNT(*) FROM (SELECT DISTINCT vendor, product FROM cpe_products)'),
      aliases: q('SELECT COUNT(*) FROM aliases'),
      kev: q('SELECT COUNT(*) FROM kev'),
      epss: q('SELECT COUNT(*) FROM epss'),
      kevCatalog: storedFeedVersion(this.sqlite, 'kev'),
      epssScores: storedFeedVersion(this.sqlite, 'epss'),
      lastSeq: this.lastSeq(),
      feeds: this.feedStates(),
      sources: (
        this.sqlite
          .prepare('SELECT source, last_import_at, cursor, detail_json FROM sources ORDER BY source')
          .all() as Row[]
      ).map(toSourceState),
      lastImports: (
        this.sqlite.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT 10').all() as Row[]
      ).map((r) => ({
        id: r.id as number,
        source: r.source as string,
        location: r.location as string,
        format: (r.format as string | null) ?? null,
        startedAt: r.started_at as string,
        finishedAt: (r.finished_at as string | null) ?? null,
        status: r.status as string,
        counts: r.counts_json ? (JSON.parse(r.counts_json as string) as Record<string, unknown>) : null,
        firstSeq: (r.first_seq as number | null) ?? null,
        lastSeq: (r.last_seq as number | null) ?? null,
      })),
    };
  }

  close(): void {
    closeSqlite(this.sqlite);
  }
}

/** Two sorted id lists with the same ids. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toSourceState(r: Row): SourceState {
  return {
    source: r.source as string,
    lastImportAt: (r.last_import_at as string | null) ?? null,
    cursor: (r.cursor as string | null) ?? null,
    detail: r.detail_json ? (JSON.parse(r.detail_json as string) as Record<string, unknown> | null) : null,
  };
}

/**
 * Why an open SQLite file is not a vulnerability database, or null when it is one: not an SQLite
 * file, or one with other tables (the platform store given as `--vuln-db` by mistake would otherwise
 * get the vulnerability tables created in it, or be replaced by `feeds install`). A vulnerability
 * database carries `vulnDbApplicationId`; one made before that mark is recognised by its schema
 * version and tables. An empty file is one for writing (`readonly` false), not for reading.
 */
export function notVulnDbReason(
  sqlite: Database.Database,
  file: string,
  readonly: boolean,
): { readonly why: string; readonly advice?: string } | null {
  let applicationId: number;
  let version: number;
  let tables: string[];
  try {
    applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    version = sqlite.pragma('user_version', { simple: true }) as number;
    tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  } catch (e) {
    if (sqliteCode(e) === 'SQLITE_NOTADB') return { why: `not an SQLite database: ${(e as Error).message}` };
    // Not a question of what the file is: no permission, a read-only folder, a damaged file, ….
    const problem = describeFileFailure(e, file, !readonly);
    if (problem === null) throw e;
    throw new VulnDbError(`${file} cannot be ${readonly ? 'read' : 'opened for writing'}: ${problem}`, { cause: e });
  }
  if (applicationId === vulnDbApplicationId) return null;
  if (applicationId !== 0) return { why: `its SQLite application id is ${applicationId}` };
  if (tables.length === 0)
    return readonly
      ? { why: 'the file is empty', advice: `fill it with \`mamori feeds import PATH --vuln-db ${file}\` or \`mamori feeds sync --vuln-db ${file}\`` }
      : null;
  const earlier = version >= 1 && ['records', 'packages', 'changes', 'imports'].every((t) => tables.includes(t));
  return earlier ? null : { why: `it holds other tables: ${tables.slice(0, 4).join(', ')}${tables.length > 4 ? ', …' : ''}` };
}

/**
 * The connection to the file. For writing, refused up front when this process cannot write the file
 * or its folder (an SQLite error halfway through an import said much less). For reading, a database
 * in WAL mode in a folder this process cannot write (a read-only share or mount) is read as a
 * snapshot, as SQLite's `immutable=1` would read it (src/vulndb/file-access.ts).
 */
function openConnection(file: string, readonly: boolean): Database.Database {
  if (readonly) return openReadOnlySqlite(file);
  const folder = path.dirname(path.resolve(file));
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new VulnDbError(
      `cannot create the folder ${folder} for the vulnerability database ${file} (${(e as Error).message}); check the permissions of the folders above it, or name a file in a folder you can write`,
      { cause: e },
    );
  }
  const problem = fileAccessProblem(file, true);
  if (problem !== null) throw new VulnDbError(`${file} cannot be written: ${problem}`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (e) {
    throw new VulnDbError(`cannot open ${file}: ${describeFileFailure(e, file, true) ?? (e as Error).message}`, { cause: e });
  }
  sqlite.pragma('busy_timeout = 10000');
  return sqlite;
}

/**
 * A read-only SQLite connection to `file` (a vulnerability database, or one to install), read as a
 * snapshot when SQLite cannot use the WAL files in its folder (see `openConnection`); `VulnDbError`
 * with what to do when it cannot be opened.
 */
export function openReadOnlySqlite(file: string): Database.Database {
  const besideBefore = besideFilesExist(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new VulnDbError(`cannot open ${file}: ${describeFileFailure(e, file, false) ?? (e as Error).message}`, { cause: e });
  }
  sqlite.pragma('busy_timeout = 10000');
  const readable = readableConnection(sqlite, file);
  if (!besideBefore && !readable.memory) {
    const made = madeBeside(file);
    if (made !== null) madeByReader.set(readable, made);
  }
  return readable;
}

/** The `-wal` and `-shm` files a read-only connection made beside its file (`openReadOnlySqlite`). */
const madeByReader = new WeakMap<Database.Database, MadeBeside>();

/**
 * Closes a connection; for one of `openReadOnlySqlite`, also removes the `-wal` and `-shm` files its
 * first read made beside the file, which a read-only connection leaves behind (`removeMadeBeside`).
 */
export function closeSqlite(sqlite: Database.Database): void {
  if (sqlite.open) sqlite.close();
  const made = madeByReader.get(sqlite);
  if (made === undefined) return;
  madeByReader.delete(sqlite);
  removeMadeBeside(sqlite.name, made);
}

/** `sqlite`, or the snapshot of `file` when its first read failed for want of a writable folder. */
function readableConnection(sqlite: Database.Database, file: string): Database.Database {
  try {
    // The first read of the file: SQLite opens or creates the WAL files beside it now.
    sqlite.pragma('schema_version');
    return sqlite;
  } catch (e) {
    // Anything else is reported by the identity check, which reads the file again.
    if (!readAsSnapshot(sqliteCode(e), folderWritable(file))) return sqlite;
    sqlite.close();
  }
  try {
    return readSnapshot(file);
  } catch (e) {
    if (e instanceof SnapshotRefused) throw new VulnDbError(`${file} cannot be read: ${e.message}`);
    const problem = describeFileFailure(e, file, false);
    if (problem === null) throw e;
    throw new VulnDbError(`${file} cannot be read: ${problem}`, { cause: e });
  }
}

/** Opens (creating and upgrading when writable) the vulnerability database file. */
/** Opens (and, read-write, creates or upgrades) a database; `onMigrate` hears about long upgrade steps. */
export function openVulnDb(
  file: string,
  options: { readonly?: boolean; onMigrate?: (message: string) => void } = {},
): VulnDb {
  return new VulnDb(file, options.readonly === true, options.onMigrate);
}

/** `<data dir>/vulndb.sqlite` */
export function defaultVulnDbFile(dataDir: string): string {
  return path.join(dataDir, 'vulndb.sqlite');
}

/**
 * A digest of the database content (records, indexes, enrichment, snapshots and the change log
 * without its sequence numbers and times): two databases with the same digest hold the same data.
 * Used by the crash test (kill -9 mid-import, run again, same digest as one clean run).
 */
export function contentDigest(db: VulnDb): string {
  const hash = createHash('sha256');
  const queries = [
    'SELECT source, id, modified, withdrawn, json FROM records ORDER BY source, id',
    'SELECT ecosystem, name, source, id FROM packages ORDER BY ecosystem, name, source, id',
    'SELECT p.ecosystem, p.name, p.id, m.entry FROM packages p JOIN match_records m ON m.rowid = p.match_rowid ORDER BY 1, 2, 3',
    'SELECT COUNT(*) FROM match_records',
    'SELECT grp, ids, cvss FROM alias_groups ORDER BY grp',
    'SELECT id, grp FROM alias_members ORDER BY id',
    'SELECT vendor, product, id FROM cpe_products ORDER BY vendor, product, id',
    'SELECT source, id, alias FROM aliases ORDER BY source, id, alias',
    'SELECT id, source, record FROM related_ids ORDER BY id, source, record',
    'SELECT cve, date_added, due_date, ransomware, json FROM kev ORDER BY cve',
    'SELECT cve, score, percentile, date FROM epss ORDER BY cve',
    'SELECT feed, date, version FROM feed_versions ORDER BY feed',
    'SELECT origin, source, id FROM origins ORDER BY origin, source, id',
    "SELECT record_id, kind, COALESCE(ecosystem, ''), COALESCE(name, ''), COALESCE(cpe_product, '') AS c FROM changes ORDER BY 1, 2, 3, 4, 5",
  ];
  for (const sql of queries) {
    hash.update(`\u0001${sql}\n`);
    for (const row of db.sqlite.prepare(sql).raw().iterate()) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
