/**
 * Import into the vulnerability database: OSV (per-ecosystem all.zip, a folder of .json files, one
 * .json, JSON lines, optionally .gz), NVD CVE API 2.0 pages and 2.0 feed files, the CISA KEV
 * catalog, EPSS CSV (.csv or .csv.gz) and MyJVN (HND XML, OKA JSON). The format is detected from
 * the file name and the content.
 *
 * - Streams: a zip is read entry by entry, JSON lines and EPSS line by line; at most one batch of
 *   records is pending at a time.
 * - Incremental and idempotent: a record is stored as the canonical JSON of its parsed model; when
 *   the stored text is identical the record is `unchanged` and nothing is written. Only real
 *   changes reach the change log (one row per package or CPE product of the old AND new version).
 * - Never backwards: a record whose `modified` is before the stored version's (same source and id) is
 *   not applied (`older`); a snapshot older than the stored records removes nothing (`finishSnapshot`).
 * - Crash-safe: records are written in batches, one transaction each, and every write is a pure
 *   function of the record and the database state; a run killed at any point and run again leaves
 *   the same content as one clean run (test/conformance/vulndb-crash.test.ts). The alias groups of
 *   the records a batch changed (src/vulndb/alias-groups.ts) are recomputed in the same transaction.
 * - Untrusted input: invalid records are skipped, unsafe archive entries refused; both are counted
 *   with their reasons (src/vulndb/zip.ts for the archive rules).
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { cpeValueText, parseCpe23 } from '../core/identity/cpe.js';
import { type Advisory, parseOsvRecord } from '../core/vulns/advisory.js';
import { advisoryAliases, relatedCves, relatedUpstream, upstreamAliases } from '../core/vulns/aliases.js';
import { parseKevEntry } from '../feeds/parse/cisa-kev.js';
import { isKevCsvHeader, readKevCsv } from '../feeds/parse/cisa-kev-csv.js';
import { EpssLineParser } from '../feeds/parse/epss.js';
import { parseJvnJson, parseJvnXml, type JvnRecord } from '../feeds/parse/jvn.js';
import { startCheckpointer, type CheckpointResult } from '../store/sqlite-checkpointer.js';
import { type NvdCve, parseNvdCve } from '../feeds/parse/nvd-cve.js';
import type { VulnDb, RecordSource } from './database.js';
import { epssChangeKind } from './reader.js';
import { baseEcosystem, cpeProductKey, normalisePackageName } from './keys.js';
import { defaultZipLimits, readZipFile, ZipError, type ZipLimits } from './zip.js';
import { AliasGroupWriter } from './alias-groups.js';
import { instantOf } from '../core/vulns/record-dates.js';
import { FeedTallies } from './feed-states.js';
import { type FeedVersion, kevCatalogDate, latestKevDateAdded, olderThanStored, recordFeedVersion, storedFeedVersion } from './feed-versions.js';
import { encodeMatchRecord, osvCvssVectors, packageMatchRecords } from './match-records.js';
import { archiveSnapshotKey, foldArchiveOrigins, moveOrigins, namedEcosystems, narrowEcosystems, readingKey } from './snapshots.js';

export type ImportFormat =
  'osv-zip' | 'osv-json' | 'json-lines' | 'folder' | 'nvd' | 'kev' | 'kev-csv' | 'epss' | 'jvn-xml' | 'jvn-json' | 'json';

export interface ImportCounts {
  /** new + changed + withdrawn records (and KEV entries added or changed). */
  imported: number;
  new: number;
  changed: number;
  withdrawn: number;
  /** Records removed (they left every snapshot that held them). */
  removed: number;
  unchanged: number;
  /**
   * Records not applied because the stored version of the same source and id was modified later
   * (`modified`, NVD `lastModified`, JVN `dateLastUpdated`, compared as instants): the stored one is
   * kept. The same `modified` with other content is applied (`changed`).
   */
  older: number;
  /** Invalid records and unrecognised documents. */
  skipped: number;
  /** Archive entries refused for safety (zip slip, zip bomb, corrupt, encrypted). */
  refused: number;
  /** Entries of the KEV catalog read (all of them: the catalog is complete). */
  kev: number;
  /** KEV entries removed: no longer listed by the catalog that replaced the stored one. */
  kevRemoved: number;
  epss: number;
}

export interface ImportProblem {
  readonly kind: 'skipped' | 'refused';
  readonly where: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly location: string;
  readonly formats: readonly ImportFormat[];
  readonly counts: ImportCounts;
  /**
   * `kind: reason` → count, for every skipped and refused item. Reasons that differ only in quoted
   * values and numbers are counted under the first one's text, marked "(and similar)" when they differed.
   */
  readonly reasons: Readonly<Record<string, number>>;
  /** The first problems with their location (at most 100). */
  readonly problems: readonly ImportProblem[];
  /** What people should know about what was applied (a KEV catalog or EPSS file without a date). */
  readonly notes: readonly string[];
  /**
   * Records, KEV catalogs and EPSS files read as a feed (applied, unchanged, or skipped as older
   * than what is stored). 0 when nothing in the path was a feed mamori reads.
   */
  readonly recognised: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number;
  readonly durationMs: number;
  /**
   * Present when the import was stopped part-way (`ImportOptions.signal`): the batch being written
   * was rolled back, the batches committed before it are kept, and the import log says `interrupted`.
   * The counts are those of the committed batches. Running the same import again finishes it.
   */
  readonly interrupted?: { readonly committedRecords: number };
  /**
   * KEV catalogs and EPSS files skipped because they are older than the stored ones (each is also a
   * skipped problem); absent when there was none. `feeds sync` reports such a download as stale.
   */
  readonly olderFeedFiles?: readonly OlderFeedFile[];
  /**
   * KEV catalogs and EPSS files without a date skipped because the stored ones are dated (each is also
   * a skipped problem; `ImportOptions.allowUndated` applies them); absent when there was none.
   */
  readonly undatedFeedFiles?: readonly UndatedFeedFile[];
}

/** A KEV catalog or EPSS file without a date, not applied because the stored one has a date. */
export interface UndatedFeedFile {
  readonly feed: 'kev' | 'epss';
  readonly where: string;
  /** The stored one's date, as written. */
  readonly storedDate: string;
}

/** A KEV catalog or EPSS file not applied because the stored one is newer. */
export interface OlderFeedFile {
  readonly feed: 'kev' | 'epss';
  readonly where: string;
  /** The file's date and the stored one's, as written. */
  readonly date: string;
  readonly storedDate: string;
}

export interface ImportOptions {
  /** Records per transaction. */
  readonly batchSize?: number;
  readonly zipLimits?: ZipLimits;
  /** Largest single .json / .xml document read in one piece. */
  readonly maxDocumentBytes?: number;
  /** Progress lines for people (stderr). */
  readonly onProgress?: (line: string) => void;
  /** Milliseconds between progress lines. */
  readonly progressEveryMs?: number;
  /**
   * A full snapshot name (e.g. `osv:PyPI` for PyPI/all.zip). Records of an earlier import of the same
   * snapshot that are missing now are removed (unless another snapshot still holds them). Zip
   * archives are snapshots by default, named by the ecosystem their records name
   * (src/vulndb/snapshots.ts); null: not a snapshot (the archives in a folder).
   */
  readonly snapshot?: string | null;
  /** Source recorded in the import log (`feeds sync` passes the source name). */
  readonly source?: string;
  /** Test hook: called after each committed batch. */
  readonly afterBatch?: (committedRecords: number) => void;
  /** Test hook: told the outcome of each background WAL checkpoint (importPath). */
  readonly onCheckpoint?: (result: CheckpointResult) => void;
  /** Injected clock (tests). */
  readonly now?: () => string;
  /**
   * A KEV catalog or EPSS file without a date replaces a stored one that has a date (`feeds import
   * --allow-undated`). Without it such a file is skipped and listed in `undatedFeedFiles`: an undated
   * file may be older than the dated data it would replace (QA secops 14; ADR 0010 addendum 5).
   */
  readonly allowUndated?: boolean;
  /**
   * Stops the import before its next record, line, archive entry or file once aborted (Ctrl-C in
   * `feeds import`): the open batch is rolled back, committed batches stay, as after `kill -9` but
   * with the import log saying `interrupted`; a snapshot is not completed, so nothing is removed.
   */
  readonly signal?: AbortSignal;
}

/** Thrown inside an import when `ImportOptions.signal` is aborted; `importPath` turns it into its report. */
class ImportStopped extends Error {}

/** How often an import that can be stopped gives the event loop a turn while reading an archive. */
const stopCheckMs = 100;

const maxProblemsKept = 100;

/** The grouping key of a reason: without record-specific values in quotes and numbers. */
function reasonKey(kind: string, reason: string): string {
  return `${kind}: ${reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 200)}`;
}

/** Text from the input as a report shows it: control characters escaped as `\\uXXXX`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The OSV packages (base ecosystem, normalised name) an advisory names. */
export function advisoryPackages(a: Advisory): { ecosystem: string; name: string }[] {
  const out = new Map<string, { ecosystem: string; name: string }>();
  for (const af of a.affected) {
    if (!af.package) continue;
    const ecosystem = baseEcosystem(af.package.ecosystem);
    const name = normalisePackageName(ecosystem, af.package.name);
    out.set(`${ecosystem}\u0000${name}`, { ecosystem, name });
  }
  return [...out.values()];
}

/** The CPE vendor/product pairs an NVD record's configurations name (lower case). */
export function nvdCpeProducts(c: NvdCve): { vendor: string; product: string }[] {
  const out = new Map<string, { vendor: string; product: string }>();
  for (const conf of c.configurations) {
    for (const node of conf.nodes) {
      for (const m of node.cpeMatch) {
        const p = parseCpe23(m.criteria);
        if (!p.ok) continue;
        const vendor = cpeValueText(p.value.vendor);
        const product = cpeValueText(p.value.product);
        if (vendor === undefined || product === undefined) continue;
        const v = vendor.toLowerCase();
        const pr = product.toLowerCase();
        out.set(`${v}:${pr}`, { vendor: v, product: pr });
      }
    }
  }
  return [...out.values()];
}

interface Indexed {
  /** `matchRowid`: the package row's match record, as read from the database (old index only). */
  packages: { ecosystem: string; name: string; matchRowid?: number | null }[];
  /** Encoded match records by `packageKey` (OSV records that are not withdrawn; match-records.ts). */
  entries?: ReadonlyMap<string, string>;
  cpes: { vendor: string; product: string }[];
  aliases: string[];
  /** Ids the record names as related, not aliases (src/vulndb/related-ids.ts); absent: none. */
  related?: readonly string[];
  /** CVSS vectors of an OSV record (`osvCvssVectors`). */
  vectors?: readonly string[];
}

type Row = Record<string, unknown>;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A snapshot being read (src/vulndb/snapshots.ts). */
interface SnapshotRun {
  /** The records seen (`source\u0000id`), read or kept. */
  readonly seen: Set<string>;
  /** Records skipped but kept by their id. */
  kept: number;
  /** Its records not applied because the stored version is newer (`ImportCounts.older`). */
  older: number;
  /** Its newest `modified` (as written, and as an instant); null before a record with a readable one. */
  newest: { readonly text: string; readonly at: number } | null;
  /** Why it is not complete; null while it is. */
  incomplete: string | null;
  /** The ecosystems (and the names they are scoped under) every record so far names; null before one does. */
  common: Set<string> | null;
  /** The archive's absolute path when the records name the snapshot (`feeds import`), else null (named by the caller). */
  readonly byContentOf: string | null;
}

/** One import run: the batched writer and the counters. */
export class Importer {
  readonly counts: ImportCounts = {
    imported: 0,
    new: 0,
    changed: 0,
    withdrawn: 0,
    removed: 0,
    unchanged: 0,
    older: 0,
    skipped: 0,
    refused: 0,
    kev: 0,
    kevRemoved: 0,
    epss: 0,
  };
  /** Skipped and refused items by `reasonKey`: the first reason's text, the count, and whether others differed. */
  private readonly reasons = new Map<string, { kind: string; reason: string; count: number; similar: boolean }>();
  readonly problems: ImportProblem[] = [];
  readonly notes: string[] = [];
  /** See `ImportReport.olderFeedFiles`. */
  private readonly olderFeedFiles: OlderFeedFile[] = [];
  /** See `ImportReport.undatedFeedFiles`. */
  private readonly undatedFeedFiles: UndatedFeedFile[] = [];
  /** See `ImportReport.recognised`. */
  private recognised = 0;
  /** The first record not applied as older than the stored version: the report's note names it. */
  private olderExample: { source: string; id: string; modified: string; stored: string } | null = null;
  readonly formats = new Set<ImportFormat>();
  /** What was read of each feed (records, newest date): logged with the import for `feeds status` (src/vulndb/feed-states.ts). */
  readonly feeds = new FeedTallies();
  private readonly batchSize: number;
  private pending = 0;
  private committed = 0;
  /** The counts and first change when the last batch was committed: what an interrupted import reports. */
  private committedCounts: ImportCounts | null = null;
  private committedFirstSeq: number | null = null;
  /** When the event loop last had a turn (`pause`), and whether a batch was committed since. */
  private lastTurn = Date.now();
  private committedSinceTurn = false;
  private inTransaction = false;
  private firstSeq: number | null = null;
  private lastProgress = Date.now();
  private finalProgress = false;
  private readonly started = Date.now();
  /** The snapshots being read, by the key their origins are written under meanwhile. */
  private readonly snapshots = new Map<string, SnapshotRun>();
  private readonly now: () => string;
  private readonly s;
  private readonly groups: AliasGroupWriter;
  /** Whether this transaction changed an EPSS score (it then logs one `epss` change). */
  private epssMoved = false;
  /** Called after each committed batch (importPath: the background checkpoint). */
  afterCommit: () => void = () => {};
  /** Ids of the records this transaction wrote or deleted: their alias groups are recomputed before it commits. */
  private readonly dirty = new Set<string>();
  /** CVSS vectors of the OSV records this transaction wrote (the group refresh need not read them back). */
  private readonly dirtyVectors = new Map<string, readonly string[]>();
  /** The sources under which this transaction stored a record with the id (the group refresh need not ask). */
  private readonly dirtySources = new Map<string, Set<string>>();
  /** The aliases of the records this transaction wrote, while none lost an alias (null once one did, or was removed). */
  private addedEdges: Map<string, string[]> | null = new Map();

  constructor(
    readonly db: VulnDb,
    readonly options: ImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 10_000;
    this.now = options.now ?? (() => new Date().toISOString());
    const p = (sql: string) => db.sqlite.prepare(sql);
    this.groups = new AliasGroupWriter(db.sqlite);
    this.s = {
      get: p('SELECT modified, withdrawn, json FROM records WHERE source = ? AND id = ?'),
      put: p(
        'INSERT INTO records (source, id, modified, withdrawn, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, id) DO UPDATE SET modified = excluded.modified, withdrawn = excluded.withdrawn, json = excluded.json',
      ),
      del: p('DELETE FROM records WHERE source = ? AND id = ?'),
      pkgsOf: p('SELECT ecosystem, name, match_rowid FROM packages WHERE source = ? AND id = ?'),
      delPkgs: p('DELETE FROM packages WHERE source = ? AND id = ?'),
      addPkg: p(
        'INSERT OR IGNORE INTO packages (ecosystem, name, source, id, match_rowid) VALUES (?, ?, ?, ?, ?)',
      ),
      delMatch: p('DELETE FROM match_records WHERE rowid = ?'),
      addMatch: p('INSERT INTO match_records (entry) VALUES (?)'),
      cpesOf: p('SELECT vendor, product FROM cpe_products WHERE id = ?'),
      delCpes: p('DELETE FROM cpe_products WHERE id = ?'),
      addCpe: p('INSERT OR IGNORE INTO cpe_products (vendor, product, id) VALUES (?, ?, ?)'),
      delAliases: p('DELETE FROM aliases WHERE source = ? AND id = ?'),
      addAlias: p('INSERT OR IGNORE INTO aliases (source, id, alias) VALUES (?, ?, ?)'),
      aliasesOf: p('SELECT alias FROM aliases WHERE source = ? AND id = ?').pluck(),
      delRelated: p('DELETE FROM related_ids WHERE source = ? AND record = ?'),
      addRelated: p('INSERT OR IGNORE INTO related_ids (id, source, record) VALUES (?, ?, ?)'),
      change: p(
        'INSERT INTO changes (record_id, kind, ecosystem, name, cpe_product, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      addOrigin: p('INSERT OR IGNORE INTO origins (origin, source, id) VALUES (?, ?, ?)'),
      originsOf: p(
        'SELECT o.source, o.id, r.modified FROM origins o LEFT JOIN records r ON r.source = o.source AND r.id = o.id WHERE o.origin = ?',
      ),
      delOrigin: p('DELETE FROM origins WHERE origin = ? AND source = ? AND id = ?'),
      hasOrigin: p('SELECT 1 FROM origins WHERE source = ? AND id = ? LIMIT 1').pluck(),
      kevGet: p('SELECT json FROM kev WHERE cve = ?').pluck(),
      kevPut: p(
        'INSERT INTO kev (cve, date_added, due_date, ransomware, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cve) DO UPDATE SET date_added = excluded.date_added, due_date = excluded.due_date, ransomware = excluded.ransomware, json = excluded.json',
      ),
      kevAll: p('SELECT cve FROM kev').pluck(),
      kevDel: p('DELETE FROM kev WHERE cve = ?'),
      epssPut: p(
        'INSERT INTO epss (cve, score, percentile, date) VALUES (?, ?, ?, ?) ON CONFLICT (cve) DO UPDATE SET score = excluded.score, percentile = excluded.percentile, date = excluded.date WHERE epss.score IS NOT excluded.score OR epss.percentile IS NOT excluded.percentile OR epss.date IS NOT excluded.date',
      ),
    };
  }

  // ---- batching -------------------------------------------------------------------------------

  private at = '';

  private begin(): void {
    if (!this.inTransaction) {
      this.at = this.now();
      this.db.sqlite.exec('BEGIN IMMEDIATE');
      this.inTransaction = true;
    }
  }

  /** Counts one written record and commits when the batch is full. */
  private tick(): void {
    this.pending++;
    if (this.pending >= this.batchSize) this.commit();
    this.progress();
  }

  commit(): void {
    if (this.inTransaction) {
      // One change for the scores of the batch, in its transaction: a refresh after any commit, or
      // after an import stopped between two, sees that EPSS moved (reader.ts, `epssChangeKind`).
      if (this.epssMoved) this.logChange('EPSS', epssChangeKind, null, null, null);
      this.epssMoved = false;
      if (this.dirty.size > 0)
        this.groups.refresh(this.dirty, this.dirtyVectors, this.addedEdges, this.dirtySources);
      this.dirty.clear();
      this.dirtyVectors.clear();
      this.dirtySources.clear();
      this.addedEdges = new Map();
      this.db.sqlite.exec('COMMIT');
      this.afterCommit();
      this.inTransaction = false;
      this.committed += this.pending;
      this.pending = 0;
      if (this.options.signal) {
        this.committedCounts = { ...this.counts };
        this.committedFirstSeq = this.firstSeq;
        this.committedSinceTurn = true;
      }
      this.db.invalidate();
      this.options.afterBatch?.(this.committed);
    }
  }

  /** Throws `ImportStopped` once the import was asked to stop (`ImportOptions.signal`). */
  checkStop(): void {
    if (this.options.signal?.aborted) throw new ImportStopped();
  }

  /**
   * Between two items of an archive or a folder (read synchronously): gives the event loop a turn
   * after each committed batch and at least every 100 ms, so that a signal (Ctrl-C) is delivered,
   * then checks whether the import was asked to stop. Nothing happens without `signal`.
   */
  async pause(): Promise<void> {
    if (!this.options.signal) return;
    if (this.committedSinceTurn || Date.now() - this.lastTurn >= stopCheckMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastTurn = Date.now();
      this.committedSinceTurn = false;
    }
    this.checkStop();
  }

  rollback(): void {
    this.epssMoved = false;
    this.dirty.clear();
    this.dirtyVectors.clear();
    this.dirtySources.clear();
    this.addedEdges = new Map();
    if (this.inTransaction) {
      this.db.sqlite.exec('ROLLBACK');
      this.inTransaction = false;
      this.pending = 0;
    }
  }

  private progress(force = false): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const t = Date.now();
    if (!force && t - this.lastProgress < (this.options.progressEveryMs ?? 2000)) return;
    this.lastProgress = t;
    const c = this.counts;
    onProgress(
      `… ${((t - this.started) / 1000).toFixed(0)} s: new ${c.new}, changed ${c.changed}, withdrawn ${c.withdrawn}, unchanged ${c.unchanged}${c.older ? `, older than stored ${c.older}` : ''}, skipped ${c.skipped}, refused ${c.refused}` +
        (c.kev ? `, KEV ${c.kev}` : '') +
        (c.epss ? `, EPSS ${c.epss}` : ''),
    );
  }

  problem(kind: 'skipped' | 'refused', where: string, reason: string): void {
    this.counts[kind]++;
    // Reasons that differ only in record-specific values (quoted text, numbers) are counted
    // together, under the first one's real text (`reasonKey` is only the grouping key).
    const key = reasonKey(kind, reason);
    const group = this.reasons.get(key);
    if (group) {
      group.count++;
      if (reason !== group.reason) group.similar = true;
    } else this.reasons.set(key, { kind, reason, count: 1, similar: false });
    if (this.problems.length < maxProblemsKept) this.problems.push({ kind, where, reason });
  }

  private logChange(
    recordId: string,
    kind: string,
    ecosystem: string | null,
    name: string | null,
    cpe: string | null,
  ): void {
    const r = this.s.change.run(recordId, kind, ecosystem, name, cpe, this.at || this.now());
    if (this.firstSeq === null) this.firstSeq = Number(r.lastInsertRowid);
  }

  // ---- records --------------------------------------------------------------------------------

  private oldIndex(source: RecordSource, id: string): Indexed {
    return {
      packages: (this.s.pkgsOf.all(source, id) as Row[]).map((r) => ({
        ecosystem: r.ecosystem as string,
        name: r.name as string,
        matchRowid: (r.match_rowid as number | null) ?? null,
      })),
      cpes:
        source === 'nvd'
          ? (this.s.cpesOf.all(id) as Row[]).map((r) => ({
              vendor: r.vendor as string,
              product: r.product as string,
            }))
          : [],
      aliases: [],
    };
  }

  /** Replaces the index rows of a record; `before` is its old index (null for a new record). */
  private writeIndex(source: RecordSource, id: string, idx: Indexed, before: Indexed | null): void {
    const existed = before !== null;
    if (existed) this.s.delPkgs.run(source, id);
    for (const p of before?.packages ?? []) if (p.matchRowid != null) this.s.delMatch.run(p.matchRowid);
    for (const p of idx.packages) {
      const entry = idx.entries?.get(`${p.ecosystem}\u0000${p.name}`);
      const matchRowid = entry === undefined ? null : this.s.addMatch.run(entry).lastInsertRowid;
      this.s.addPkg.run(p.ecosystem, p.name, source, id, matchRowid);
    }
    if (source === 'nvd') {
      if (existed) this.s.delCpes.run(id);
      for (const c of idx.cpes) this.s.addCpe.run(c.vendor, c.product, id);
    }
    if (existed) this.s.delAliases.run(source, id);
    for (const a of idx.aliases) if (a !== id) this.s.addAlias.run(source, id, a);
    // NVD records name no related ids; OSV and JVN ones replace theirs with the record.
    if (existed && source !== 'nvd') this.s.delRelated.run(source, id);
    for (const r of idx.related ?? []) this.s.addRelated.run(r, source, id);
  }

  private logRecordChange(id: string, kind: string, before: Indexed, after: Indexed): void {
    const pkgs = new Map<string, { ecosystem: string; name: string }>();
    for (const p of [...before.packages, ...after.packages]) pkgs.set(`${p.ecosystem}\u0000${p.name}`, p);
    const cpes = new Set<string>();
    for (const c of [...before.cpes, ...after.cpes]) cpes.add(cpeProductKey(c.vendor, c.product));
    const sortedPkgs = [...pkgs.values()].sort((a, b) =>
      a.ecosystem + '\u0000' + a.name < b.ecosystem + '\u0000' + b.name ? -1 : 1,
    );
    for (const p of sortedPkgs) this.logChange(id, kind, p.ecosystem, p.name, null);
    for (const c of [...cpes].sort()) this.logChange(id, kind, null, null, c);
    if (pkgs.size === 0 && cpes.size === 0) this.logChange(id, kind, null, null, null);
  }

  /**
   * Stores one record (or counts it unchanged, or older than the stored version); logs the change.
   * A record whose `modified` is before the stored version's is not applied, whatever its content:
   * feeds only move forward (OSV: `modified` is updated with every change), so it is an older copy
   * (last week's folder imported after this week's). The same `modified` with other content is
   * applied. A date that cannot be read (a JVN record without dates) is not compared.
   */
  private put(
    source: RecordSource,
    id: string,
    modified: string,
    withdrawn: boolean,
    json: string,
    idx: Indexed,
    snapshot: string | null,
    sameContent?: (oldJson: string) => boolean,
  ): void {
    this.recognised++;
    this.snapshotModified(snapshot, modified);
    const old = this.s.get.get(source, id) as Row | undefined;
    if (
      old &&
      (old.json === json || (old.modified === modified && sameContent?.(old.json as string) === true))
    ) {
      this.unchanged(source, id, snapshot);
      return;
    }
    if (old && isBefore(modified, old.modified as string)) {
      this.skipOlder(source, id, modified, old.modified as string, snapshot);
      return;
    }
    this.begin();
    if (snapshot !== null) {
      this.s.addOrigin.run(snapshot, source, id);
      this.snapshots.get(snapshot)?.seen.add(`${source}\u0000${id}`);
    }
    const kind = withdrawn && (!old || old.withdrawn !== 1) ? 'withdrawn' : old ? 'changed' : 'new';
    const before = old ? this.oldIndex(source, id) : { packages: [], cpes: [], aliases: [] };
    if (this.addedEdges) {
      const oldAliases = old ? (this.s.aliasesOf.all(source, id) as string[]) : [];
      if (oldAliases.some((a) => !idx.aliases.includes(a))) this.addedEdges = null;
      else {
        const l = this.addedEdges.get(id) ?? [];
        for (const a of idx.aliases) if (a !== id) l.push(a);
        this.addedEdges.set(id, l);
      }
    }
    this.s.put.run(source, id, modified, withdrawn ? 1 : 0, json);
    this.writeIndex(source, id, idx, old ? before : null);
    this.dirty.add(id);
    const sources = this.dirtySources.get(id);
    if (sources) sources.add(source);
    else this.dirtySources.set(id, new Set([source]));
    if (source === 'osv' && idx.vectors) this.dirtyVectors.set(id, idx.vectors);
    else this.dirtyVectors.delete(id);
    this.logRecordChange(id, kind, before, idx);
    this.counts[kind]++;
    this.counts.imported++;
    this.tick();
  }

  /**
   * One OSV record. `text` is the record's JSON text as read (stored as is: reads re-validate it
   * with parseOsvRecord, so nothing unchecked reaches the matcher); identical text is unchanged
   * without re-validation, and text that differs only in form (same `modified`, same parsed model)
   * is unchanged too.
   */
  osvRecord(value: unknown, text: string | null, where: string, snapshot: string | null): void {
    const raw = text ?? JSON.stringify(value);
    this.feeds.osv(value);
    const id =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : undefined;
    const run = snapshot === null ? undefined : this.snapshots.get(snapshot);
    if (run) run.common = narrowEcosystems(run.common, namedEcosystems(value));
    if (typeof id === 'string') {
      const old = this.s.get.get('osv', id) as Row | undefined;
      if (old && old.json === raw) {
        this.formats.add('osv-json');
        this.recognised++;
        this.snapshotModified(snapshot, old.modified as string);
        this.unchanged('osv', id, snapshot);
        return;
      }
    }
    const parsed = parseOsvRecord(value);
    if (!parsed.ok) {
      this.problem('skipped', where, `invalid OSV record: ${parsed.reason}`);
      // In a snapshot, the stored record of that id (if any) is kept as it was: the snapshot still
      // names it, only this version could not be read.
      if (run && typeof id === 'string') {
        run.seen.add(`osv\u0000${id}`);
        run.kept++;
      }
      return;
    }
    const a = parsed.advisory;
    this.formats.add('osv-json');
    this.put(
      'osv',
      a.id,
      a.modified,
      a.withdrawn !== null,
      raw,
      {
        packages: advisoryPackages(a),
        entries: new Map([...packageMatchRecords(a)].map(([k, r]) => [k, encodeMatchRecord(r)])),
        cpes: [],
        // `upstream` only where it names the record's own vulnerability (ADR 0010 addendum 10);
        // the rest is related (addendum 14).
        aliases: advisoryAliases(a),
        ...(a.upstream.length > 0 ? { related: relatedUpstream(a) } : {}),
        vectors: osvCvssVectors(a),
      },
      snapshot,
      (oldJson) => {
        const o = parseOsvRecord(JSON.parse(oldJson) as unknown);
        return o.ok && JSON.stringify(o.advisory) === JSON.stringify(a);
      },
    );
  }

  private unchanged(source: RecordSource, id: string, snapshot: string | null): void {
    this.begin();
    if (snapshot !== null) {
      this.s.addOrigin.run(snapshot, source, id);
      this.snapshots.get(snapshot)?.seen.add(`${source}\u0000${id}`);
    }
    this.counts.unchanged++;
    this.tick();
  }

  /**
   * A record older than the stored version: not applied, counted. A snapshot still holds its id (its
   * origin is written, so it is not removed), and is then older than the stored records in part.
   */
  private skipOlder(source: RecordSource, id: string, modified: string, stored: string, snapshot: string | null): void {
    this.begin();
    if (snapshot !== null) {
      this.s.addOrigin.run(snapshot, source, id);
      const run = this.snapshots.get(snapshot);
      if (run) {
        run.seen.add(`${source}\u0000${id}`);
        run.older++;
      }
    }
    this.olderExample ??= { source, id, modified, stored };
    this.counts.older++;
    this.tick();
  }

  /** A record of a snapshot was read with this `modified`: the snapshot's newest is kept. */
  private snapshotModified(snapshot: string | null, modified: string): void {
    const run = snapshot === null ? undefined : this.snapshots.get(snapshot);
    if (!run) return;
    const at = instantOf(modified);
    if (at !== null && (run.newest === null || at > run.newest.at)) run.newest = { text: modified, at };
  }

  nvdRecord(value: unknown, where: string): void {
    const r = parseNvdCve(value);
    if (!r.ok) {
      this.problem('skipped', where, `invalid NVD CVE record: ${r.error}`);
      return;
    }
    const c = r.value;
    this.formats.add('nvd');
    this.feeds.add('nvd', c.lastModified);
    this.put(
      'nvd',
      c.id,
      c.lastModified,
      c.vulnStatus === 'Rejected',
      JSON.stringify(c),
      { packages: [], cpes: nvdCpeProducts(c), aliases: [] },
      null,
    );
  }

  jvnRecord(j: JvnRecord): void {
    this.feeds.add('jvn', j.dateLastUpdated ?? j.dateFirstPublished);
    this.put(
      'jvn',
      j.id,
      j.dateLastUpdated ?? j.dateFirstPublished ?? '',
      false,
      JSON.stringify(j),
      // Its CVE when it names one; several CVEs are related, not aliases (ADR 0010 addendum 10).
      { packages: [], cpes: [], aliases: upstreamAliases(j.id, [], j.cves), related: relatedCves(j.id, j.cves) },
      null,
    );
  }

  /**
   * A complete KEV catalog replaces the stored one, unless it is older (its `dateReleased`, else its
   * `catalogVersion`, before the stored catalog's): then nothing changes and it is skipped.
   */
  kevCatalog(root: Record<string, unknown>, where: string, form: 'json' | 'csv' = 'json'): void {
    this.formats.add(form === 'csv' ? 'kev-csv' : 'kev');
    this.recognised++;
    // The CSV form has no release date: its latest dateAdded dates it (released that day or later).
    const lowerBound = form === 'csv';
    const date = lowerBound ? latestKevDateAdded(Array.isArray(root.vulnerabilities) ? root.vulnerabilities : []) : kevCatalogDate(root);
    const version = typeof root.catalogVersion === 'string' ? root.catalogVersion : null;
    const stored = storedFeedVersion(this.db.sqlite, 'kev');
    if (olderThanStored(date, stored, { lowerBound })) {
      this.olderFeedFiles.push({ feed: 'kev', where, date: date ?? '', storedDate: stored?.date ?? '' });
      this.problem(
        'skipped',
        where,
        `older KEV catalog${version ? ` ${version}` : ''} of ${date}${lowerBound ? ' (its latest dateAdded: the CSV form has no release date)' : ''}: the stored KEV catalog${stored?.version ? ` ${stored.version}` : ''} of ${stored?.date} is newer; nothing changed`,
      );
      return;
    }
    if (date === null && this.undatedOverDated('kev', where, stored, `KEV catalog${version ? ` ${version}` : ''} without a date (${form === 'csv' ? 'the CSV form carries no release date, and no entry a dateAdded' : 'no dateReleased or catalogVersion date'})`))
      return;
    if (date === null)
      this.notes.push(
        `${where}: the KEV catalog's date is unknown (${form === 'csv' ? 'the CSV form carries no release date, and no entry a dateAdded' : 'no dateReleased or catalogVersion date'}); it replaced the stored catalog`,
      );
    else if (lowerBound)
      this.notes.push(
        `${where}: the CSV form of the KEV catalog carries no release date; it is dated by its latest dateAdded, ${date} (a lower bound: the catalog was released that day or later)`,
      );
    const items = Array.isArray(root.vulnerabilities) ? (root.vulnerabilities as unknown[]) : [];
    this.feeds.add('kev', date);
    this.commit();
    this.begin();
    const inCatalog = new Set<string>();
    items.forEach((item, i) => {
      const r = parseKevEntry(item);
      if (!r.ok) {
        this.problem('skipped', `${where} vulnerabilities[${i}]`, `invalid KEV entry: ${r.error}`);
        return;
      }
      const e = r.value;
      if (inCatalog.has(e.cveID)) {
        this.problem('skipped', `${where} vulnerabilities[${i}]`, `duplicate KEV entry for ${e.cveID}`);
        return;
      }
      inCatalog.add(e.cveID);
      const json = JSON.stringify(e);
      const old = this.s.kevGet.get(e.cveID) as string | undefined;
      this.counts.kev++;
      if (old === json) return;
      this.s.kevPut.run(
        e.cveID,
        e.dateAdded,
        e.dueDate,
        e.knownRansomwareCampaignUse === 'Known' ? 1 : 0,
        json,
      );
      this.logChange(e.cveID, 'changed', null, null, null);
      this.counts.imported++;
    });
    // The catalog is complete: entries no longer listed were removed by CISA.
    for (const cve of this.s.kevAll.all() as string[]) {
      if (inCatalog.has(cve)) continue;
      this.s.kevDel.run(cve);
      this.logChange(cve, 'changed', null, null, null);
      this.counts.kevRemoved++;
    }
    recordFeedVersion(this.db.sqlite, 'kev', { date, version, location: where, at: this.at });
    this.commit();
  }

  epssScore(cve: string, score: number, percentile: number, date: string): void {
    this.begin();
    if (this.s.epssPut.run(cve, score, percentile, date).changes > 0) this.epssMoved = true;
    this.counts.epss++;
    this.tick();
  }

  /**
   * Whether EPSS scores of `scoreDate` (the file's `score_date`, null if it has none) may replace the
   * stored ones: not when they are older (then the file is skipped); a file without a date is applied.
   */
  epssStart(where: string, scoreDate: string | null): boolean {
    this.recognised++;
    const stored = storedFeedVersion(this.db.sqlite, 'epss');
    if (olderThanStored(scoreDate, stored)) {
      this.olderFeedFiles.push({ feed: 'epss', where, date: scoreDate ?? '', storedDate: stored?.date ?? '' });
      this.problem('skipped', where, `older EPSS scores of ${scoreDate}: the stored EPSS scores of ${stored?.date} are newer; nothing changed`);
      return false;
    }
    if (scoreDate === null && this.undatedOverDated('epss', where, stored, 'EPSS scores without a date (no score_date)')) return false;
    if (scoreDate === null)
      this.notes.push(`${where}: the EPSS scores' date is unknown (no score_date); they replaced the stored scores`);
    this.feeds.add('epss', scoreDate);
    return true;
  }

  /**
   * Whether a file without a date (`what`) is kept from replacing the stored feed data of `stored`
   * because that has a date, unless `ImportOptions.allowUndated`: then it is skipped, with a reason
   * that names the stored date and the option, and listed in `undatedFeedFiles`.
   */
  private undatedOverDated(feed: 'kev' | 'epss', where: string, stored: FeedVersion | null, what: string): boolean {
    if (this.options.allowUndated || stored?.date == null) return false;
    this.undatedFeedFiles.push({ feed, where, storedDate: stored.date });
    this.problem(
      'skipped',
      where,
      `${what}: the stored ${feed === 'kev' ? 'KEV catalog' : 'EPSS scores'} of ${stored.date} ${feed === 'kev' ? 'is' : 'are'} dated and may be newer; nothing changed (feeds import --allow-undated replaces them)`,
    );
    return true;
  }

  /** EPSS rows of an earlier day that the complete file of `date` no longer lists. */
  epssFinish(date: string, version: { where: string; scoreDate: string | null; modelVersion: string | null }): void {
    this.commit();
    this.db.sqlite.transaction(() => {
      if (this.db.sqlite.prepare('DELETE FROM epss WHERE date <> ?').run(date).changes > 0)
        this.logChange('EPSS', epssChangeKind, null, null, null);
      recordFeedVersion(this.db.sqlite, 'epss', {
        date: version.scoreDate,
        version: version.modelVersion,
        location: version.where,
        at: this.now(),
      });
    })();
  }

  /**
   * Starts reading a snapshot whose origins are written under `name` meanwhile. With `byContentOf`
   * (the archive's absolute path) its key is decided by its records when it is finished
   * (src/vulndb/snapshots.ts). Snapshots still keyed by the path of an archive (an earlier version,
   * a stopped import) are named by their records first.
   */
  startSnapshot(name: string, byContentOf: string | null = null): void {
    this.commit();
    foldArchiveOrigins(this.db.sqlite, this.options.onProgress);
    this.snapshots.set(name, { seen: new Set(), kept: 0, older: 0, newest: null, incomplete: null, common: null, byContentOf });
  }

  /** The snapshot cannot be taken as complete (an entry refused or unreadable): nothing will be removed. */
  snapshotIncomplete(name: string, reason: string): void {
    const run = this.snapshots.get(name);
    if (run && run.incomplete === null) run.incomplete = reason;
  }

  /**
   * Reads one entry of a snapshot: a record skipped without an id to keep (not JSON, not an object,
   * no string id) makes the snapshot incomplete, since the list of what it holds is then not known.
   */
  snapshotEntry(name: string | null, where: string, read: () => void): void {
    const run = name === null ? undefined : this.snapshots.get(name);
    const problems = this.counts.skipped + this.counts.refused;
    const kept = run?.kept ?? 0;
    read();
    if (run && this.counts.skipped + this.counts.refused - problems > run.kept - kept)
      this.snapshotIncomplete(name!, `${where} could not be read`);
  }

  /**
   * After a snapshot was read: remove what it held before and no longer does. Only a complete
   * snapshot removes anything: removal needs the full list, and a refused or unreadable entry may be
   * any record (a damaged archive, or a download resumed onto another file), so then nothing is removed.
   *
   * Only a snapshot that is not older than the stored records removes anything (docs/adr/0010,
   * addendum of 2026-12-01 on older records): not when one of its records was older than the stored
   * version (not applied), nor when a stored record it does not hold was modified after its newest
   * record (that record appeared, or changed, after the snapshot was made), nor when none of its
   * records has a readable date. Last week's all.zip after this week's removes nothing; a newer one
   * removes what upstream deleted, since the records it deleted were last modified before its newest.
   */
  finishSnapshot(reading: string, where: string): void {
    const run = this.snapshots.get(reading);
    if (!run) return;
    this.snapshots.delete(reading);
    this.commit();
    let name = reading;
    if (run.byContentOf !== null) {
      // The records name the snapshot: their origins move to its key.
      name = archiveSnapshotKey(run.common, run.byContentOf);
      this.db.sqlite.transaction(() => moveOrigins(this.db.sqlite, reading, name))();
    } else if (name.startsWith('osv:') && run.common !== null && !run.common.has(name.slice(4)))
      // A download of one ecosystem's all.zip that holds records of another is not that snapshot.
      run.incomplete ??= `its records do not all name the ecosystem ${name.slice(4)}`;
    if (run.incomplete !== null) {
      this.notes.push(`${where}: not a complete snapshot of ${name} (${run.incomplete}); nothing was removed`);
      return;
    }
    const seen = run.seen;
    const gone = (this.s.originsOf.all(name) as Row[]).filter(
      (r) => !seen.has(`${r.source as string}\u0000${r.id as string}`),
    );
    const older = gone.length === 0 ? null : this.olderSnapshot(run, gone);
    if (older !== null) {
      this.notes.push(`${where}: ${older}; nothing was removed`);
      return;
    }
    for (const r of gone) {
      const source = r.source as RecordSource;
      const id = r.id as string;
      this.begin();
      this.s.delOrigin.run(name, source, id);
      if (this.s.hasOrigin.get(source, id) === undefined) {
        const before = this.oldIndex(source, id);
        this.s.del.run(source, id);
        this.writeIndex(source, id, { packages: [], cpes: [], aliases: [] }, before);
        this.logRecordChange(id, 'removed', before, { packages: [], cpes: [], aliases: [] });
        this.dirty.add(id);
        this.dirtyVectors.delete(id);
        this.dirtySources.get(id)?.delete(source);
        this.addedEdges = null;
        this.counts.removed++;
      }
      this.tick();
    }
    this.commit();
  }

  /**
   * Why a complete snapshot is older than the stored records it would remove (`gone`: its origins it
   * no longer holds, with their stored `modified`), or null when it is not.
   */
  private olderSnapshot(run: SnapshotRun, gone: readonly Row[]): string | null {
    if (run.older > 0)
      return `older than the stored records: ${run.older} of its records ${run.older === 1 ? 'is' : 'are'} older than the stored version${run.older === 1 ? '' : 's'} (not applied)`;
    const newest = run.newest;
    if (newest === null) return 'none of its records has a readable modified date, so it cannot be dated against the stored records';
    const later = gone.filter((r) => {
      const at = typeof r.modified === 'string' ? instantOf(r.modified) : null;
      return at !== null && at > newest.at;
    });
    if (later.length === 0) return null;
    const e = later[0]!;
    return `older than the stored records: ${later.length} stored record${later.length === 1 ? '' : 's'} it does not hold ${later.length === 1 ? 'was' : 'were'} modified after its newest record (${newest.text}), e.g. ${e.id as string} of ${e.modified as string}`;
  }

  // ---- documents ------------------------------------------------------------------------------

  /**
   * Runs the import of one record or document. One nested too deeply for the recursive steps of
   * reading it (the stack runs out: JSON.parse itself is not recursive) or too large for a string is
   * skipped and reported, not the end of the import: those steps all come before its first write.
   */
  guarded(where: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.problem('skipped', where, `cannot be read: ${e.message} (nested too deeply or too large)`);
    }
  }

  /** One parsed JSON document of any supported kind. */
  jsonDocument(value: unknown, text: string | null, where: string, snapshot: string | null): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        const at = `${where}[${i}]`;
        this.guarded(at, () => this.osvRecord(v, null, at, snapshot));
      });
      return;
    }
    if (typeof value !== 'object' || value === null) {
      this.problem('skipped', where, 'not a JSON object');
      return;
    }
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.vulnerabilities) && typeof o.catalogVersion === 'string')
      return this.guarded(where, () => this.kevCatalog(o, where));
    if (isObj(o.feed) || (isObj(o.document) && isObj(o.document.tracking)))
      return this.guarded(where, () => this.jvnParsed(parseJvnJson(JSON.stringify(o)), where, 'jvn-json'));
    const isNvdItem = (v: unknown) => isObj(v) && isObj(v.cve);
    if (Array.isArray(o.vulnerabilities) && (o.format === 'NVD_CVE' || o.vulnerabilities.some(isNvdItem))) {
      // A list of NVD records (API 2.0 page or file): each record on its own.
      o.vulnerabilities.forEach((v: unknown, i) => {
        const at = `${where} vulnerabilities[${i}]`;
        this.guarded(at, () => this.nvdRecord(isNvdItem(v) ? (v as { cve: unknown }).cve : v, at));
      });
      return;
    }
    this.guarded(where, () => this.oneRecord(o, text, where, snapshot));
  }

  /** A JSON object that is one record: NVD (wrapped in `cve`, or bare) or OSV. */
  private oneRecord(o: Record<string, unknown>, text: string | null, where: string, snapshot: string | null): void {
    if (isObj(o.cve)) return this.nvdRecord(o.cve, where);
    if (
      typeof o.id === 'string' &&
      /^CVE-/.test(o.id) &&
      typeof o.lastModified === 'string' &&
      o.modified === undefined
    )
      return this.nvdRecord(o, where);
    // An object with an id is taken as an OSV record, so an id of the wrong type is reported as an
    // invalid record field ("id: must be a string"), as the other fields are.
    if (o.id !== undefined) return this.osvRecord(o, text, where, snapshot);
    this.problem('skipped', where, 'not a recognised document (OSV record, NVD CVE 2.0, CISA KEV, MyJVN)');
  }

  jvnParsed(parsed: ReturnType<typeof parseJvnXml>, where: string, format: ImportFormat): void {
    if (parsed.documentError) {
      this.problem('skipped', where, `MyJVN document: ${parsed.documentError}`);
      return;
    }
    this.formats.add(format);
    for (const r of parsed.rejects)
      this.problem('skipped', `${where} item ${r.index}`, `invalid JVN record: ${r.reason}`);
    for (const j of parsed.records) this.jvnRecord(j);
  }

  /** The note on the records not applied as older than the stored versions, naming the first. */
  private olderNote(n: number): string {
    const e = this.olderExample;
    const one = n === 1;
    return `${n} record${one ? '' : 's'} older than the stored version${one ? ' was' : 's were'} not applied (the stored version${one ? ' is' : 's are'} kept)${
      e ? `, e.g. ${e.source} ${e.id} modified ${e.modified}: the stored version of ${e.stored} is newer` : ''
    }`;
  }

  /**
   * The outcome so far; the last progress line is written once, however often it is asked for.
   * `interrupted`: the import was stopped, and the counts are those of the committed batches.
   */
  report(location: string, interrupted = false): ImportReport {
    if (!this.finalProgress) {
      this.finalProgress = true;
      this.progress(true);
    }
    const counts = interrupted ? (this.committedCounts ?? emptyCounts()) : this.counts;
    return {
      location,
      formats: [...this.formats].sort(),
      counts: { ...counts },
      reasons: Object.fromEntries(
        [...this.reasons.values()]
          .map((g): [string, number] => [
            `${g.kind}: ${printable(g.reason.length > 200 ? `${g.reason.slice(0, 200)}…` : g.reason)}${g.similar ? ' (and similar)' : ''}`,
            g.count,
          ])
          .sort((a, b) => b[1] - a[1]),
      ),
      problems: this.problems,
      notes: counts.older > 0 ? [...this.notes, this.olderNote(counts.older)] : this.notes,
      recognised: this.recognised,
      firstSeq: interrupted ? this.committedFirstSeq : this.firstSeq,
      lastSeq: this.db.lastSeq(),
      durationMs: Date.now() - this.started,
      ...(interrupted ? { interrupted: { committedRecords: this.committed } } : {}),
      ...(this.olderFeedFiles.length > 0 ? { olderFeedFiles: [...this.olderFeedFiles] } : {}),
      ...(this.undatedFeedFiles.length > 0 ? { undatedFeedFiles: [...this.undatedFeedFiles] } : {}),
    };
  }
}

function emptyCounts(): ImportCounts {
  return { imported: 0, new: 0, changed: 0, withdrawn: 0, removed: 0, unchanged: 0, older: 0, skipped: 0, refused: 0, kev: 0, kevRemoved: 0, epss: 0 };
}

/** Whether `modified` is strictly before `stored` (false when either cannot be read as a date). */
function isBefore(modified: string, stored: string): boolean {
  const a = instantOf(modified);
  const b = instantOf(stored);
  return a !== null && b !== null && a < b;
}

// ---- files ----------------------------------------------------------------------------------------

function lowerName(file: string): string {
  return path.basename(file).toLowerCase();
}

/**
 * How a file is read: whether it is gzipped, the largest document read in one piece, and the
 * archive limits, which apply to gzip data as to an archive entry (`maxRatio` beyond 1 MiB,
 * `maxTotalBytes` for a stream, `maxEntryBytes` for one line: one record).
 */
interface Reading {
  readonly file: string;
  readonly gz: boolean;
  readonly maxDocument: number;
  readonly limits: ZipLimits;
}

/** Gzip data over a limit: the file is refused with this reason. */
class GzipLimitError extends Error {}

/** Output below which the compression ratio of gzip data is not checked (as for an archive entry). */
const ratioFloor = 1024 * 1024;

/**
 * A line longer than the limit of one record, left out of a batch of `lineBatches` (its bytes were
 * not kept). A zip entry over `maxEntryBytes` is refused the same way.
 */
const longLine = Symbol('line over the limit');

/**
 * Lines of a byte stream, in batches (one per chunk). node:readline is avoided: it re-concatenates
 * long lines chunk by chunk, and OSV records with long `versions` lists are long lines. A line
 * longer than `maxLine` bytes is given as `longLine`, its bytes dropped as they arrive.
 */
async function* lineBatches(stream: Readable, maxLine: number): AsyncGenerator<(string | typeof longLine)[]> {
  let pieces: Buffer[] = [];
  let pending = 0;
  let tooLong = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const out: (string | typeof longLine)[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      if (tooLong || pending + nl - start > maxLine) out.push(longLine);
      else if (pieces.length > 0) {
        pieces.push(chunk.subarray(start, nl));
        out.push(Buffer.concat(pieces).toString('utf8'));
      } else out.push(chunk.toString('utf8', start, nl));
      pieces = [];
      pending = 0;
      tooLong = false;
      start = nl + 1;
    }
    if (start < chunk.length && !tooLong) {
      pending += chunk.length - start;
      if (pending > maxLine) {
        tooLong = true;
        pieces = [];
      } else pieces.push(chunk.subarray(start));
    }
    if (out.length > 0) yield out;
  }
  if (tooLong) yield [longLine];
  else if (pieces.length > 0) yield [Buffer.concat(pieces).toString('utf8')];
}

async function* lines(stream: Readable, maxLine: number): AsyncGenerator<string | typeof longLine> {
  for await (const batch of lineBatches(stream, maxLine))
    for (const line of batch) yield line !== longLine && line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * The bytes of a file, gunzipped when it is gzipped. Gzip data is counted as it inflates: it is
 * refused (`GzipLimitError`) past `maxOutput` bytes, or once beyond 1 MiB it has inflated to more
 * than `maxRatio` times the compressed bytes zlib has consumed so far (`bytesWritten`), so a gzip
 * bomb is stopped after about a megabyte of output, not after all of it.
 */
function fileStream(r: Reading, maxOutput = r.limits.maxTotalBytes): Readable {
  if (!r.gz) return createReadStream(r.file, { highWaterMark: 1024 * 1024 });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  let inflated = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      if (inflated > maxOutput) return done(new GzipLimitError(`it decompresses to more than ${maxOutput} bytes`));
      if (inflated > ratioFloor && inflated > r.limits.maxRatio * gunzip.bytesWritten)
        return done(new GzipLimitError(`it inflates to more than ${r.limits.maxRatio} times its compressed size (gzip bomb?)`));
      done(null, chunk);
    },
  });
  // An error anywhere (the file, zlib, a limit) ends the last stream with it, which its reader sees.
  return pipeline(createReadStream(r.file, { highWaterMark: 256 * 1024 }), gunzip, limited, () => undefined);
}

function longLineReason(r: Reading): string {
  return `a line longer than ${r.limits.maxEntryBytes} bytes (the limit of one record, as for an archive entry)`;
}

async function importJsonLines(im: Importer, r: Reading, snapshot: string | null): Promise<void> {
  const file = r.file;
  im.formats.add('json-lines');
  let n = 0;
  for await (const batch of lineBatches(fileStream(r), r.limits.maxEntryBytes)) {
    for (const line of batch) {
      im.checkStop();
      n++;
      if (line === longLine) {
        im.problem('refused', `${file}:${n}`, longLineReason(r));
        continue;
      }
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        im.problem('skipped', `${file}:${n}`, `not valid JSON: ${(e as Error).message}`);
        continue;
      }
      im.jsonDocument(value, line, `${file}:${n}`, snapshot);
    }
  }
}

async function importEpss(im: Importer, r: Reading): Promise<void> {
  const file = r.file;
  im.formats.add('epss');
  const parser = new EpssLineParser({ maxRejectsKept: 0 });
  let date: string | null = null;
  let n = 0;
  for await (const line of lines(fileStream(r), r.limits.maxEntryBytes)) {
    im.checkStop();
    n++;
    if (line === longLine) {
      im.problem('refused', `${file}:${n}`, longLineReason(r));
      continue;
    }
    const before = parser.rejectCount;
    const row = parser.line(line);
    if (parser.rejectCount > before) im.problem('skipped', `${file}:${n}`, 'invalid EPSS row');
    if (!row) continue;
    if (date === null) {
      // The score date is in the comment line before the rows.
      if (!im.epssStart(file, parser.meta.scoreDate ?? null)) return;
      date = (parser.meta.scoreDate ?? '').slice(0, 10) || 'unknown';
    }
    im.epssScore(row.cve, row.epss, row.percentile, date);
  }
  if (date !== null)
    im.epssFinish(date, { where: file, scoreDate: parser.meta.scoreDate ?? null, modelVersion: parser.meta.modelVersion ?? null });
}

/** The first line of a file that is neither empty nor a `#` comment, within its first 64 KiB; or null. */
async function firstDataLine(r: Reading): Promise<string | null> {
  const stream = fileStream(r);
  const limit = 64 * 1024;
  let head = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      head += chunk.toString('utf8', 0, Math.min(chunk.length, limit - head.length));
      if (head.length >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  const lines = head.split('\n');
  // The last piece may be cut short, unless the file ended within the limit.
  if (head.length >= limit) lines.pop();
  return lines.map((l) => l.replace(/\r$/, '')).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? null;
}

/** A CSV file: EPSS scores (`cve,epss,percentile`, or rows of them) or the CISA KEV catalog's CSV form. */
async function importCsv(im: Importer, r: Reading): Promise<void> {
  const file = r.file;
  const first = await firstDataLine(r);
  if (first !== null && isKevCsvHeader(first)) {
    const text = await readDocument(im, r);
    if (text === null) return;
    const csv = readKevCsv(text);
    if (!csv.ok) im.problem('skipped', file, `CISA KEV CSV: ${csv.error}`);
    else im.guarded(file, () => im.kevCatalog({ vulnerabilities: csv.vulnerabilities }, file, 'csv'));
    return;
  }
  const cells = (first ?? '').replace(/^\uFEFF/, '').split(',').map((c) => c.trim());
  if (!['cve', 'epss', 'percentile'].every((c) => cells.includes(c)) && !/^CVE-\d{4}-\d{4,}$/.test(cells[0] ?? '')) {
    im.problem('skipped', file, 'not a CSV mamori reads (EPSS scores: cve,epss,percentile; the CISA KEV catalog: cveID,vendorProject,…)');
    return;
  }
  return importEpss(im, r);
}

/** A document read in one piece (at most `maxDocument` bytes, gunzipped within the same limit). */
async function readDocument(im: Importer, r: Reading): Promise<string | null> {
  const size = statSync(r.file).size;
  if (size > r.maxDocument) {
    im.problem('skipped', r.file, `larger than ${r.maxDocument} bytes; split it or use JSON lines`);
    return null;
  }
  if (!r.gz) return readFileSync(r.file).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of fileStream(r, r.maxDocument) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function importFile(im: Importer, file: string, options: ImportOptions): Promise<void> {
  const name = lowerName(file);
  const gz = name.endsWith('.gz');
  const base = gz ? name.slice(0, -3) : name;
  const max = options.maxDocumentBytes ?? 512 * 1024 * 1024;
  if (base.endsWith('.zip') && !gz) {
    im.formats.add('osv-zip');
    // A snapshot named by the caller (`feeds sync`: `osv:<Ecosystem>`), else by its records.
    const byContent = options.snapshot === undefined;
    const snapshot = byContent ? readingKey(path.resolve(file)) : (options.snapshot ?? null);
    if (snapshot !== null) im.startSnapshot(snapshot, byContent ? path.resolve(file) : null);
    try {
      for (const item of readZipFile(file, {
        limits: options.zipLimits ?? defaultZipLimits,
        accept: (n) => n.toLowerCase().endsWith('.json'),
      })) {
        await im.pause();
        const where = `${file}!${item.name}`;
        if (item.kind === 'refused') {
          im.problem('refused', where, item.reason);
          if (snapshot !== null) im.snapshotIncomplete(snapshot, `${item.name} was refused`);
        } else if (item.kind === 'skipped') im.problem('skipped', where, item.reason);
        else {
          let value: unknown;
          let text: string;
          try {
            text = item.data.toString('utf8');
            value = JSON.parse(text);
          } catch (e) {
            im.problem('skipped', where, `not valid JSON: ${(e as Error).message}`);
            if (snapshot !== null) im.snapshotIncomplete(snapshot, `${item.name} is not valid JSON`);
            continue;
          }
          im.snapshotEntry(snapshot, item.name, () => im.jsonDocument(value, text, where, snapshot));
        }
      }
    } catch (e) {
      if (e instanceof ZipError) {
        im.problem('refused', file, `archive refused: ${e.message}`);
        if (snapshot !== null) {
          im.snapshotIncomplete(snapshot, 'the archive was refused');
          im.finishSnapshot(snapshot, file);
        }
        return;
      }
      throw e;
    }
    // Only a completely read archive is a snapshot: removal needs the full list.
    if (snapshot !== null) im.finishSnapshot(snapshot, file);
    return;
  }
  const reading: Reading = { file, gz, maxDocument: max, limits: options.zipLimits ?? defaultZipLimits };
  if (!gz) return importDocumentFile(im, reading, base);
  try {
    await importDocumentFile(im, reading, base);
  } catch (e) {
    const reason = gzipRefusal(e);
    if (reason === null) throw e;
    // What was read before the damage is imported (as for a damaged archive); an EPSS file is not
    // taken as complete, so no earlier scores are removed.
    im.problem('refused', file, `gzip data refused: ${reason}`);
  }
}

/** Why a gzip stream was refused, from a limit or a zlib error (null for any other error). */
function gzipRefusal(e: unknown): string | null {
  if (e instanceof GzipLimitError) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR') return `it is truncated (${(e as Error).message})`;
  if (code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT' || code === 'Z_STREAM_ERROR') return `it is damaged or not gzip (${(e as Error).message})`;
  return null;
}

/** A file that is not an archive: EPSS CSV, JSON lines, MyJVN XML or one JSON document, gzipped or not. */
async function importDocumentFile(im: Importer, r: Reading, base: string): Promise<void> {
  const file = r.file;
  if (base.endsWith('.csv')) return importCsv(im, r);
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return importJsonLines(im, r, null);
  if (base.endsWith('.xml')) {
    const text = await readDocument(im, r);
    if (text !== null) im.jvnParsed(parseJvnXml(text, { maxBytes: r.maxDocument }), file, 'jvn-xml');
    return;
  }
  if (base.endsWith('.json')) {
    const text = await readDocument(im, r);
    if (text === null) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // A .json file with one complete JSON object per line is JSON lines.
      if (looksLikeJsonLines(text)) return importJsonLines(im, r, null);
      // The whole file is not JSON (cut short, damaged): refused, as a damaged .gz is, so that a
      // nightly import of a corrupt download fails (QA secops 13). Invalid records inside a JSON
      // document, lines of JSON lines and entries of an archive are skipped.
      im.problem('refused', file, `not valid JSON: ${(e as Error).message}`);
      return;
    }
    im.jsonDocument(value, text.trim(), file, null);
    return;
  }
  im.problem('skipped', file, 'unknown file type (expected .zip, .json, .jsonl, .csv, .xml, optionally .gz)');
}

function looksLikeJsonLines(text: string): boolean {
  const trimmed = text.trimStart();
  const nl = trimmed.indexOf('\n');
  if (!trimmed.startsWith('{') || nl === -1) return false;
  try {
    JSON.parse(trimmed.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}

/**
 * The files of a folder, recursively, by name. A symbolic link to a file is read as the file (a
 * folder of links to downloaded feeds, QA pgadmin 10); a link to a folder is not followed (it may
 * lead back up the tree), nor a broken one: both are listed in `skipped` with the reason.
 */
function walk(dir: string, out: string[], skipped: [string, string][]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, skipped);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      let target: ReturnType<typeof statSync> | null = null;
      try {
        target = statSync(p);
      } catch {
        skipped.push([p, 'a symbolic link to nothing (broken link)']);
        continue;
      }
      if (target.isFile()) out.push(p);
      else skipped.push([p, 'a symbolic link to a folder: not followed (import the folder itself)']);
    }
  }
}

/** Imports a file or a folder (recursively) into the database. */
export async function importPath(
  db: VulnDb,
  location: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const im = new Importer(db, options);
  // The WAL is copied into the database by a worker thread while the import goes on (a PASSIVE
  // checkpoint after each batch that grew it), not inside the commits on this thread, nor all at the
  // end: at 200,000 records one checkpoint at the end took 5.6 s of a 33 s import.
  const autoCheckpoint = db.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const checkpointer = db.file === ':memory:' ? null : startCheckpointer(db.sqlite, db.file, options.onCheckpoint ? { onCheckpoint: options.onCheckpoint } : {});
  im.afterCommit = () => checkpointer?.afterCommit();
  // The commits never checkpoint themselves (the checkpointer's safety net would, while it lags).
  if (checkpointer) db.sqlite.pragma('wal_autocheckpoint = 0');
  const now = options.now ?? (() => new Date().toISOString());
  const log = db.sqlite
    .prepare('INSERT INTO imports (source, location, started_at, status) VALUES (?, ?, ?, ?)')
    .run(options.source ?? 'file', location, now(), 'running');
  const logId = Number(log.lastInsertRowid);
  let status = 'failed';
  try {
    const st = statSync(location);
    if (st.isDirectory()) {
      im.formats.add('folder');
      const files: string[] = [];
      const skipped: [string, string][] = [];
      walk(location, files, skipped);
      for (const [where, reason] of skipped) im.problem('skipped', where, reason);
      for (const f of files) {
        await im.pause();
        await importFile(im, f, { ...options, snapshot: options.snapshot ?? null });
      }
    } else {
      im.checkStop();
      await importFile(im, location, options);
    }
    im.checkStop();
    im.commit();
    status = 'done';
  } catch (e) {
    // Asked to stop: the batch being written is rolled back below; the committed ones stay.
    if (!(e instanceof ImportStopped)) throw e;
    status = 'interrupted';
  } finally {
    im.rollback();
    const report = im.report(location, status === 'interrupted');
    db.sqlite
      .prepare(
        'UPDATE imports SET format = ?, finished_at = ?, status = ?, counts_json = ?, first_seq = ?, last_seq = ? WHERE id = ?',
      )
      .run(
        report.formats.join(','),
        now(),
        status,
        JSON.stringify({ ...report.counts, reasons: report.reasons, feeds: im.feeds }),
        report.firstSeq,
        report.lastSeq,
        logId,
      );
    db.invalidate();
    await checkpointer?.close();
    db.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    db.sqlite.pragma('wal_checkpoint(RESTART)');
  }
  return im.report(location, status === 'interrupted');
}

/** Imports one document already in memory (sync: NVD and JVN API pages). */
export function importDocumentText(im: Importer, text: string, where: string, kind: 'json' | 'xml'): void {
  if (kind === 'xml') {
    im.jvnParsed(parseJvnXml(text), where, 'jvn-xml');
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    im.problem('skipped', where, `not valid JSON: ${(e as Error).message}`);
    return;
  }
  im.jsonDocument(value, text, where, null);
}
