/**
 * Alias groups stored at import (schema version 3, docs/adr/0010-vulnerability-database.md,
 * addendum 3): every connected component of the alias graph (`aliases`, both directions) and every
 * record id, with its members sorted and the CVSS summaries of its records already scored. A scan
 * reads one row per record hit instead of walking the graph (`idsOfMany`) and reading, parsing and
 * scoring every member's records (`enrichmentMany`): those two were 1.3 s of a 4.2 s benchmark scan.
 *
 * - `alias_groups (grp, ids, cvss)`: `grp` is the smallest member id; `ids` the sorted members (JSON);
 *   `cvss` the summaries `cvssSummaries` gives for `ids` (JSON, `encodeGroupCvss`), or NULL for a
 *   group of `aliasGroupCap` ids or more, whose answers depend on where a walk begins (readers walk).
 * - `alias_members (id, grp)`: the group of every member that is not the group's key (a key is
 *   found as `grp` itself: `storedGroupsOfIds`).
 * - `derived ('cvss-scorer', …)`: the scorer that computed the stored scores (`cvssScorerId`); a
 *   reader with another scorer does not use them, and a writable open recomputes them.
 *
 * EPSS and KEV are not stored here: they are read per scan by CVE id, so their imports (a whole new
 * EPSS table every day) never touch the groups.
 *
 * The importer refreshes the groups of the records it changed in the same transaction
 * (`AliasGroupWriter.refresh`), so the groups are always a function of the records and aliases, and
 * the same whatever the batches were (the crash test compares them with a clean import).
 */
import type Database from 'better-sqlite3';
import { parseOsvRecord } from '../core/vulns/advisory.js';
import { advisoryAliases, upstreamAliases } from '../core/vulns/aliases.js';
import type { CvssSummary, Severity } from '../core/vulns/finding.js';
import { jvnVectorString, type JvnRecord } from '../feeds/parse/jvn-record.js';
import type { NvdCve } from '../feeds/parse/nvd-cve.js';
import { cvssScorerId, scoreCvssVector } from '../vulns/cvss.js';
import { encodeMatchRecord, osvCvssVectors, packageMatchRecords } from './match-records.js';

/** Groups this large are not answered from the table: the walk (`idsOf`) stops at this many ids. */
export const aliasGroupCap = 1000;

/** The tables (migration 3 creates them; `AliasGroupWriter.rebuild` fills them). */
export const aliasGroupTables = `
  CREATE TABLE alias_groups (grp TEXT PRIMARY KEY, ids TEXT NOT NULL, cvss TEXT) WITHOUT ROWID;
  CREATE TABLE alias_members (id TEXT PRIMARY KEY, grp TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE derived (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

function cvssSeverityOf(severity: string): Severity {
  const s = severity.toLowerCase();
  return s === 'none' || s === 'low' || s === 'medium' || s === 'high' || s === 'critical' ? s : 'unknown';
}

/** A scored vector, and its `alias_groups.cvss` entry up to the source (`["3.1","CVSS:3.1/…",9.8,"critical",`). */
type ScoredVector = Omit<CvssSummary, 'source'> & { readonly head: string };

/**
 * Vectors scored once per process: the same vectors recur across records, batches and databases.
 * Scoring is the library's cost (ae-cvss-calculator: CVSS 4.0 0.3–0.6 ms a vector, 3.x ~0.1 ms): the
 * 1,642 distinct vectors of the 50,000-record benchmark file take 0.5 s, once.
 */
const scoredVectors = new Map<string, ScoredVector | null>();

function scored(vector: string): ScoredVector | null {
  let s = scoredVectors.get(vector);
  if (s === undefined) {
    const r = scoreCvssVector(vector);
    if (r.ok) {
      const version = r.value.version;
      const baseScore = r.value.baseScore;
      const severity = cvssSeverityOf(r.value.baseSeverity);
      const head = JSON.stringify([version, r.value.vectorString, baseScore, severity]).slice(0, -1) + ',';
      s = { version, vector: r.value.vectorString, baseScore, severity, head };
    } else s = null;
    if (scoredVectors.size > 100_000) scoredVectors.clear();
    scoredVectors.set(vector, s);
  }
  return s;
}

/** The summary of one vector from one source, or null when the vector does not score. */
export function summaryOf(vector: string, source: string): CvssSummary | null {
  const s = scored(vector);
  return s === null
    ? null
    : { version: s.version, vector: s.vector, baseScore: s.baseScore, severity: s.severity, source };
}

/** A stored record as `cvssSummaries` reads it: `json` null when `vectors` already knows an OSV record's vectors. */
export interface CvssRecordRow {
  readonly source: string;
  readonly json: string | null;
}

/** Where `cvssSummaries` reads: records per id (OSV, then NVD, then JVN), known OSV vectors, one record's JSON. */
export interface CvssLookup {
  records(id: string): readonly CvssRecordRow[];
  vectors(id: string): readonly string[] | undefined;
  recordJson(source: string, id: string): string | null;
}

/**
 * Every (vector, source) of the records under `ids`, in the order of `cvssSummaries`: per id OSV,
 * then NVD, then JVN; per record in its own order. Not scored, not deduplicated.
 */
function eachCvssVector(
  ids: readonly string[],
  lookup: CvssLookup,
  add: (vector: string, source: string) => void,
): void {
  for (const id of ids) {
    const known = lookup.vectors(id);
    for (const r of lookup.records(id)) {
      if (r.source === 'osv') {
        let vectors = known;
        const json = vectors === undefined ? (r.json ?? lookup.recordJson('osv', id)) : null;
        if (json !== null) {
          const p = parseOsvRecord(JSON.parse(json) as unknown);
          if (p.ok) vectors = osvCvssVectors(p.advisory);
        }
        for (const v of vectors ?? []) add(v, id);
        continue;
      }
      const json = typeof r.json === 'string' ? r.json : lookup.recordJson(r.source, id);
      if (json === null) continue;
      if (r.source === 'nvd') {
        const c = JSON.parse(json) as NvdCve;
        for (const m of c.metrics)
          add(m.vectorString, m.source === '' ? `NVD ${c.id}` : `${m.source} (${c.id})`);
        continue;
      }
      const j = JSON.parse(json) as JvnRecord;
      for (const m of j.cvss) {
        const vector = jvnVectorString(m);
        if (vector) add(vector, j.id);
      }
    }
  }
}

/**
 * CVSS summaries of the records under `ids` (per id: OSV, then NVD, then JVN), each vector scored
 * once and kept once per source. What `VulnDb.enrichment` answers, and what `alias_groups.cvss` holds.
 */
export function cvssSummaries(ids: readonly string[], lookup: CvssLookup): CvssSummary[] {
  const cvss: CvssSummary[] = [];
  const seen = new Set<string>();
  eachCvssVector(ids, lookup, (vector, source) => {
    const s = summaryOf(vector, source);
    if (!s) return;
    const key = `${s.vector}\u0000${s.source}`;
    if (seen.has(key)) return;
    seen.add(key);
    cvss.push(s);
  });
  return cvss;
}

/**
 * `encodeGroupCvss(cvssSummaries(ids, lookup))`, the same text, built from each vector's encoded
 * head instead of a summary object per vector and a JSON.stringify per group (the writer encodes
 * ~40,000 groups per 50,000 records; most have no vector at all).
 */
export function groupCvssText(ids: readonly string[], lookup: CvssLookup): string {
  let text = '';
  let seen: Set<string> | undefined;
  eachCvssVector(ids, lookup, (vector, source) => {
    const s = scored(vector);
    if (s === null) return;
    const key = `${s.vector}\u0000${source}`;
    seen ??= new Set();
    if (seen.has(key)) return;
    seen.add(key);
    text += (text === '' ? '' : ',') + s.head + JSON.stringify(source) + ']';
  });
  return `[${text}]`;
}

/** `alias_groups.cvss`: one array per summary, in the order of the summary's properties. */
export function encodeGroupCvss(list: readonly CvssSummary[]): string {
  return JSON.stringify(list.map((s) => [s.version, s.vector, s.baseScore, s.severity, s.source]));
}

export function decodeGroupCvss(text: string): CvssSummary[] {
  return (JSON.parse(text) as [CvssSummary['version'], string, number, Severity, string][]).map(
    ([version, vector, baseScore, severity, source]) => ({ version, vector, baseScore, severity, source }),
  );
}

/** The scorer of the stored scores (`derived`), or null. */
export function storedCvssScorer(sqlite: Database.Database): string | null {
  const v = sqlite.prepare(`SELECT value FROM derived WHERE name = 'cvss-scorer'`).pluck().get() as
    string | undefined;
  return v ?? null;
}

/** Undirected adjacency lists of alias edges, and `link` to add one direction. */
export function aliasAdjacency(): { adjacency: Map<string, string[]>; link: (a: string, b: string) => void } {
  const adjacency = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const l = adjacency.get(a);
    if (l) l.push(b);
    else adjacency.set(a, [b]);
  };
  return { adjacency, link };
}

/**
 * Walks the alias graph breadth-first from `frontier`, one query per step for all of it (5,000 ids a
 * statement): `edges` gives the alias edges touching a JSON array of ids, both directions (bound
 * twice). Every edge is linked both ways; `reached` gains every id met. Used by the reader
 * (`VulnDb.idsOfMany`) and the group writer (`AliasGroupWriter.refresh`).
 */
export function walkAliasEdges(
  edges: Database.Statement,
  reached: Set<string>,
  start: readonly string[],
  link: (a: string, b: string) => void,
): void {
  let frontier = start;
  while (frontier.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += 5000) {
      const chunk = JSON.stringify(frontier.slice(i, i + 5000));
      for (const [a, b] of edges.all(chunk, chunk) as [string, string][]) {
        link(a, b);
        link(b, a);
        for (const x of [a, b])
          if (!reached.has(x)) {
            reached.add(x);
            next.push(x);
          }
      }
    }
    frontier = next;
  }
}

const sources = `source IN ('osv', 'nvd', 'jvn')`;

/**
 * The stored groups of a set of ids (a JSON array), each group once, as `grp, ids, cvss`: an id is
 * its group's key or has a member row. Shared by the writer and the reader (`VulnDb.idsOfMany`).
 */
export const storedGroupsOfIds = `SELECT grp, ids, cvss FROM alias_groups WHERE grp IN (SELECT COALESCE((SELECT m.grp FROM alias_members m WHERE m.id = j.value), j.value) FROM json_each(?) j)`;

const sourceRank = (r: CvssRecordRow) => (r.source === 'osv' ? 0 : r.source === 'nvd' ? 1 : 2);

/** Maintains `alias_groups` and `alias_members` inside the caller's transaction. */
export class AliasGroupWriter {
  private readonly s;

  constructor(private readonly sqlite: Database.Database) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      groupsOf: p(storedGroupsOfIds).raw(),
      // One step of the walk: the alias edges touching a set of ids, both directions.
      edges: p(
        `SELECT id, alias FROM aliases WHERE ${sources} AND id IN (SELECT value FROM json_each(?)) UNION ALL SELECT id, alias FROM aliases WHERE alias IN (SELECT value FROM json_each(?))`,
      ).raw(),
      recordKeys: p(
        `SELECT source, id FROM records WHERE ${sources} AND id IN (SELECT value FROM json_each(?))`,
      ).raw(),
      anyRecord: p(`SELECT 1 FROM records WHERE source = ? LIMIT 1`).pluck(),
      // The vectors of OSV records from their match records (any one of them: they are the same).
      osvVectors: p(
        `SELECT p.id, json_extract(m.entry, '$.cvss') FROM packages p CROSS JOIN match_records m ON m.rowid = p.match_rowid WHERE p.source = 'osv' AND p.id IN (SELECT value FROM json_each(?))`,
      ).raw(),
      recordJson: p(`SELECT json FROM records WHERE source = ? AND id = ?`).pluck(),
      putGroup: p(`INSERT OR REPLACE INTO alias_groups (grp, ids, cvss) VALUES (?, ?, ?)`),
      delGroup: p(`DELETE FROM alias_groups WHERE grp = ?`),
      putMember: p(`INSERT OR REPLACE INTO alias_members (id, grp) VALUES (?, ?)`),
      delMember: p(`DELETE FROM alias_members WHERE id = ?`),
      putScorer: p(`INSERT OR REPLACE INTO derived (name, value) VALUES ('cvss-scorer', ?)`),
    };
  }

  private *chunks(ids: readonly string[]): Generator<string> {
    for (let i = 0; i < ids.length; i += 5000) yield JSON.stringify(ids.slice(i, i + 5000));
  }

  /**
   * Recomputes the groups that records with these ids (written, changed, withdrawn or deleted in
   * this transaction) were or are in. `vectors`: CVSS vectors of OSV records the caller has parsed
   * (saves reading them back). `written`: the sources under which the caller stored a record with
   * the id in this transaction (saves asking which records an id has when those are all the sources
   * the database holds). Rows whose content stays the same are not rewritten.
   *
   * Why the seeds suffice: a group can only change where an edge or a record changed, and the only
   * edges added or removed are those of the dirty records. The walk starts from the dirty ids and
   * every member of their old groups, so it reaches every piece of a group that split; a group that
   * merged is reached through the new edge, and its old row is found through its reached members.
   *
   * `added`: when the caller knows that no edge was removed in this transaction (new records, or
   * records whose aliases only grew), the aliases of each dirty record. Then no group split, and the
   * new groups are the old groups of the dirty ids and their aliases joined by these edges: no walk
   * (the walk was 650 ms of a 50,000-record import).
   */
  refresh(
    dirty: Iterable<string>,
    vectors: ReadonlyMap<string, readonly string[]> = new Map(),
    added: ReadonlyMap<string, readonly string[]> | null = null,
    written: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ): void {
    const seeds = new Set(dirty);
    if (seeds.size === 0) return;
    if (added) for (const aliases of added.values()) for (const a of aliases) seeds.add(a);
    // The old groups, each read and parsed once (one row per group, not per member).
    const oldGrpOf = new Map<string, string>();
    const oldGroups = new Map<
      string,
      { readonly members: readonly string[]; readonly ids: string; readonly cvss: string | null }
    >();
    const lookUp = (ids: readonly string[]) => {
      for (const chunk of this.chunks(ids))
        for (const [grp, text, cvss] of this.s.groupsOf.all(chunk) as [string, string, string | null][]) {
          if (oldGroups.has(grp)) continue;
          const members = JSON.parse(text) as string[];
          oldGroups.set(grp, { members, ids: text, cvss });
          for (const id of members) oldGrpOf.set(id, grp);
        }
    };
    const asked = [...seeds];
    lookUp(asked);
    const { adjacency, link } = aliasAdjacency();
    for (const g of oldGroups.values()) {
      const members = g.members;
      for (let i = 0; i < members.length; i++) {
        seeds.add(members[i]!);
        // Nothing split: an old group stays connected (a chain through its members says so).
        if (added && i > 0) {
          link(members[i - 1]!, members[i]!);
          link(members[i]!, members[i - 1]!);
        }
      }
    }
    if (added)
      for (const [id, aliases] of added)
        for (const a of aliases) {
          link(id, a);
          link(a, id);
        }
    // Else the new components of every seed, breadth-first, one query per step for all of them.
    const reached = new Set(seeds);
    if (!added) walkAliasEdges(this.s.edges, reached, [...reached], link);
    // Ids the walk reached beyond the seeds and their old groups (none without a walk).
    if (!added) {
      const queried = new Set(asked);
      lookUp([...reached].filter((id) => !queried.has(id) && !oldGrpOf.has(id)));
    }
    // Records of every reached id, OSV first: whether a lone id is a group, and what the CVSS is read
    // from. An id the caller wrote under every source the database holds needs no query (in an
    // OSV-only database, every record of the batch: 0.1–0.2 s of a 50,000-record import).
    const present = ['osv', 'nvd', 'jvn'].filter((source) => this.s.anyRecord.get(source) !== undefined);
    const allPresent: readonly CvssRecordRow[] = present.map((source) => ({ source, json: null }));
    const records = new Map<string, readonly CvssRecordRow[]>();
    const unknown: string[] = [];
    for (const id of reached) {
      const w = written.get(id);
      if (w !== undefined && present.every((source) => w.has(source))) records.set(id, allPresent);
      else unknown.push(id);
    }
    const found = new Map<string, CvssRecordRow[]>();
    for (const chunk of this.chunks(unknown))
      for (const [source, id] of this.s.recordKeys.all(chunk) as [string, string][]) {
        const l = found.get(id);
        if (l) l.push({ source, json: null });
        else found.set(id, [{ source, json: null }]);
      }
    for (const [id, l] of found)
      records.set(id, l.length > 1 ? l.sort((x, y) => sourceRank(x) - sourceRank(y)) : l);
    const known = new Map<string, readonly string[]>();
    const unknownOsv: string[] = [];
    for (const [id, rows] of records)
      if (rows[0]!.source === 'osv') {
        const v = vectors.get(id);
        if (v) known.set(id, v);
        else unknownOsv.push(id);
      }
    for (const chunk of this.chunks(unknownOsv))
      for (const [id, cvss] of this.s.osvVectors.all(chunk) as [string, string][])
        if (!known.has(id)) known.set(id, JSON.parse(cvss) as string[]);
    const lookup: CvssLookup = {
      records: (id) => records.get(id) ?? [],
      vectors: (id) => known.get(id),
      recordJson: (source, id) => (this.s.recordJson.get(source, id) as string | undefined) ?? null,
    };
    // Components, written where they differ from what is stored. A member row only for an id that
    // is not its group's key (the key is found as `grp` itself): 41,000 fewer rows per 50,000 records.
    const done = new Set<string>();
    const placed = new Set<string>();
    const newGroups = new Set<string>();
    for (const start of reached) {
      if (done.has(start)) continue;
      const members = [start];
      done.add(start);
      for (let q = 0; q < members.length; q++)
        for (const x of adjacency.get(members[q]!) ?? [])
          if (!done.has(x)) {
            done.add(x);
            members.push(x);
          }
      // A lone id without a record (an alias whose last edge went) is no group.
      if (members.length === 1 && !records.has(start)) continue;
      members.sort();
      const grp = members[0]!;
      const ids = JSON.stringify(members);
      const cvss = members.length >= aliasGroupCap ? null : groupCvssText(members, lookup);
      newGroups.add(grp);
      // A row under `grp` exists only if `grp` was in a group then, and as its smallest id: it was looked up.
      const stored = oldGroups.get(grp);
      if (!stored || stored.ids !== ids || stored.cvss !== cvss) this.s.putGroup.run(grp, ids, cvss);
      for (const id of members) {
        placed.add(id);
        const was = oldGrpOf.get(id);
        if (id === grp) {
          if (was !== undefined && was !== id) this.s.delMember.run(id);
        } else if (was !== grp) this.s.putMember.run(id, grp);
      }
    }
    for (const [grp, g] of oldGroups) {
      if (!newGroups.has(grp)) this.s.delGroup.run(grp);
      for (const id of g.members) if (!placed.has(id) && id !== grp) this.s.delMember.run(id);
    }
  }

  /** Every group from scratch (migration 3, and after the CVSS scorer changed), `progress` for people. */
  rebuild(progress: (message: string) => void): void {
    this.sqlite.exec(`DELETE FROM alias_groups; DELETE FROM alias_members;`);
    const total = this.sqlite.prepare(`SELECT COUNT(*) FROM records`).pluck().get() as number;
    if (total > 0) progress(`Adding alias groups for ${total} records (once, for faster scans)…`);
    const page = this.sqlite
      .prepare(`SELECT rowid, id FROM records WHERE rowid > ? ORDER BY rowid LIMIT 20000`)
      .raw();
    let after = 0;
    let done = 0;
    let reported = Date.now();
    for (;;) {
      const rows = page.all(after) as [number, string][];
      if (rows.length === 0) break;
      this.refresh(rows.map((r) => r[1]));
      after = rows[rows.length - 1]![0];
      done += rows.length;
      if (Date.now() - reported > 2000) {
        reported = Date.now();
        progress(`  ${done} / ${total}`);
      }
    }
    this.s.putScorer.run(cvssScorerId);
  }
}

/**
 * Migration 5 (docs/adr/0010-vulnerability-database.md, addendum 10): the aliases of the stored
 * records as an import now writes them. An OSV record's `upstream` ids, and a JVN record's CVE ids,
 * are aliases only when they name the record's own vulnerability (`upstreamAliases`); earlier
 * versions stored every one of them as an alias, which joined the several CVEs of RSEC-2023-8, of a
 * Debian DSA or of JVNDB-2022-000097 into one group. For every record with upstream ids (OSV) or
 * several CVE ids (JVN) whose stored alias rows differ: the rows are rewritten, and so are the ids
 * of its match records (`PackageMatchRecord.ids`); then the groups of those records are computed
 * again (`refresh`: the walk from them reaches every piece of a group that splits). A database with
 * no such record is left as it is.
 */
export function separateRelatedUpstream(db: Database.Database, progress: (message: string) => void): void {
  const candidates = `FROM records WHERE ((source = 'osv' AND instr(json, '"upstream"') > 0 AND json_array_length(json, '$.upstream') > 0) OR (source = 'jvn' AND json_array_length(json, '$.cves') > 1))`;
  const total = db.prepare(`SELECT COUNT(*) ${candidates}`).pluck().get() as number;
  if (total === 0) return;
  progress(`Checking the aliases of ${total} records that name upstream or several CVE ids (once)…`);
  const page = db
    .prepare(`SELECT rowid, source, id, json ${candidates} AND rowid > ? ORDER BY rowid LIMIT 2000`)
    .raw();
  const aliasesOf = db.prepare(`SELECT alias FROM aliases WHERE source = ? AND id = ?`).pluck();
  const delAliases = db.prepare(`DELETE FROM aliases WHERE source = ? AND id = ?`);
  const addAlias = db.prepare(`INSERT OR IGNORE INTO aliases (source, id, alias) VALUES (?, ?, ?)`);
  const matchRows = db
    .prepare(
      `SELECT p.ecosystem, p.name, p.match_rowid, m.entry FROM packages p JOIN match_records m ON m.rowid = p.match_rowid WHERE p.source = 'osv' AND p.id = ?`,
    )
    .raw();
  const putMatch = db.prepare(`UPDATE match_records SET entry = ? WHERE rowid = ?`);
  const dirty: string[] = [];
  let after = 0;
  let done = 0;
  let reported = Date.now();
  for (;;) {
    const rows = page.all(after) as [number, string, string, string][];
    if (rows.length === 0) break;
    for (const [, source, id, json] of rows) {
      let aliases: string[];
      const value = JSON.parse(json) as unknown;
      if (source === 'osv') {
        const p = parseOsvRecord(value);
        if (!p.ok) continue;
        const a = p.advisory;
        aliases = advisoryAliases(a);
        // Its match records carry its ids (the matcher groups hits by them): they change when an
        // upstream id is no longer one of them (the usual one-CVE list keeps them as they are).
        const kept = upstreamAliases(a.id, a.aliases, a.upstream).length;
        if (kept !== a.upstream.filter((x) => x !== '').length) {
          const entries = packageMatchRecords(a);
          for (const [ecosystem, name, rowid, text] of matchRows.all(id) as [
            string,
            string,
            number,
            string,
          ][]) {
            const entry = entries.get(`${ecosystem}\u0000${name}`);
            const now = entry === undefined ? text : encodeMatchRecord(entry);
            if (now !== text) putMatch.run(now, rowid);
          }
        }
      } else {
        const j = value as JvnRecord;
        aliases = upstreamAliases(j.id, [], j.cves);
      }
      const wanted = [...new Set(aliases.filter((a) => a !== id))].sort();
      const stored = (aliasesOf.all(source, id) as string[]).sort();
      if (wanted.length === stored.length && wanted.every((a, i) => a === stored[i])) continue;
      delAliases.run(source, id);
      for (const a of wanted) addAlias.run(source, id, a);
      dirty.push(id);
    }
    after = rows[rows.length - 1]![0];
    done += rows.length;
    if (Date.now() - reported > 2000) {
      reported = Date.now();
      progress(`  ${done} / ${total}`);
    }
  }
  if (dirty.length === 0) return;
  progress(
    `  ${dirty.length} records named ids of other vulnerabilities as aliases; computing their alias groups again…`,
  );
  const writer = new AliasGroupWriter(db);
  for (let i = 0; i < dirty.length; i += 20000) writer.refresh(dirty.slice(i, i + 20000));
}
