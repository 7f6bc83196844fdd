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
 * - `alias_members (id, grp)`: the group of every member.
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
import type { CvssSummary, Severity } from '../core/vulns/finding.js';
import type { JvnRecord } from '../feeds/parse/jvn.js';
import type { NvdCve } from '../feeds/parse/nvd-cve.js';
import { cvssScorerId, scoreCvssVector } from '../vulns/cvss.js';
import { osvCvssVectors } from './match-records.js';

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

type ScoredVector = Omit<CvssSummary, 'source'>;

/** Vectors scored once per process: the same vectors recur across records and databases. */
const scoredVectors = new Map<string, ScoredVector | null>();

/** The summary of one vector from one source, or null when the vector does not score. */
export function summaryOf(vector: string, source: string): CvssSummary | null {
  let s = scoredVectors.get(vector);
  if (s === undefined) {
    const scored = scoreCvssVector(vector);
    s = scored.ok
      ? {
          version: scored.value.version,
          vector: scored.value.vectorString,
          baseScore: scored.value.baseScore,
          severity: cvssSeverityOf(scored.value.baseSeverity),
        }
      : null;
    if (scoredVectors.size > 100_000) scoredVectors.clear();
    scoredVectors.set(vector, s);
  }
  return s === null ? null : { ...s, source };
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
 * CVSS summaries of the records under `ids` (per id: OSV, then NVD, then JVN), each vector scored
 * once and kept once per source. What `VulnDb.enrichment` answers, and what `alias_groups.cvss` holds.
 */
export function cvssSummaries(ids: readonly string[], lookup: CvssLookup): CvssSummary[] {
  const cvss: CvssSummary[] = [];
  const seen = new Set<string>();
  const add = (vector: string, source: string) => {
    const s = summaryOf(vector, source);
    if (!s) return;
    const key = `${s.vector}\u0000${s.source}`;
    if (seen.has(key)) return;
    seen.add(key);
    cvss.push(s);
  };
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
      for (const m of j.cvss)
        if (m.vectorString)
          add(
            m.vectorString.startsWith('CVSS:') || m.version.startsWith('2')
              ? m.vectorString
              : `CVSS:${m.version}/${m.vectorString}`,
            j.id,
          );
    }
  }
  return cvss;
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

const sources = `source IN ('osv', 'nvd', 'jvn')`;

/** Maintains `alias_groups` and `alias_members` inside the caller's transaction. */
export class AliasGroupWriter {
  private readonly s;

  constructor(private readonly sqlite: Database.Database) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      groupsOf: p(
        `SELECT m.id, m.grp, g.ids, g.cvss FROM alias_members m CROSS JOIN alias_groups g ON g.grp = m.grp WHERE m.id IN (SELECT value FROM json_each(?))`,
      ).raw(),
      // One step of the walk: the alias edges touching a set of ids, both directions.
      edges: p(
        `SELECT id, alias FROM aliases WHERE ${sources} AND id IN (SELECT value FROM json_each(?)) UNION ALL SELECT id, alias FROM aliases WHERE alias IN (SELECT value FROM json_each(?))`,
      ).raw(),
      recordKeys: p(
        `SELECT source, id FROM records WHERE ${sources} AND id IN (SELECT value FROM json_each(?)) ORDER BY id, CASE source WHEN 'osv' THEN 0 WHEN 'nvd' THEN 1 ELSE 2 END`,
      ).raw(),
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
   * (saves reading them back). Rows whose content stays the same are not rewritten.
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
  ): void {
    const oldGrpOf = new Map<string, string>();
    const oldGroups = new Map<string, { readonly ids: string; readonly cvss: string | null }>();
    const lookUp = (ids: readonly string[]) => {
      for (const chunk of this.chunks(ids))
        for (const [id, grp, members, cvss] of this.s.groupsOf.all(chunk) as [
          string,
          string,
          string,
          string | null,
        ][]) {
          oldGrpOf.set(id, grp);
          oldGroups.set(grp, { ids: members, cvss });
        }
    };
    const seeds = new Set(dirty);
    if (seeds.size === 0) return;
    if (added) for (const aliases of added.values()) for (const a of aliases) seeds.add(a);
    lookUp([...seeds]);
    const adjacency = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const l = adjacency.get(a);
      if (l) l.push(b);
      else adjacency.set(a, [b]);
    };
    for (const [grp, g] of oldGroups) {
      const members = JSON.parse(g.ids) as string[];
      for (let i = 0; i < members.length; i++) {
        seeds.add(members[i]!);
        oldGrpOf.set(members[i]!, grp);
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
    let frontier = added ? [] : [...reached];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const chunk of this.chunks(frontier))
        for (const [a, b] of this.s.edges.all(chunk, chunk) as [string, string][]) {
          link(a, b);
          link(b, a);
          for (const x of [a, b])
            if (!reached.has(x)) {
              reached.add(x);
              next.push(x);
            }
        }
      frontier = next;
    }
    lookUp([...reached].filter((id) => !oldGrpOf.has(id)));
    // Records of every reached id, OSV first: whether a lone id is a group, and what the CVSS is read from.
    const records = new Map<string, CvssRecordRow[]>();
    for (const chunk of this.chunks([...reached]))
      for (const [source, id] of this.s.recordKeys.all(chunk) as [string, string][]) {
        const l = records.get(id);
        if (l) l.push({ source, json: null });
        else records.set(id, [{ source, json: null }]);
      }
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
    // Components, written where they differ from what is stored.
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
      const cvss = members.length >= aliasGroupCap ? null : encodeGroupCvss(cvssSummaries(members, lookup));
      newGroups.add(grp);
      // A row under `grp` exists only if `grp` was in a group then, and as its smallest id: it was looked up.
      const stored = oldGroups.get(grp);
      if (!stored || stored.ids !== ids || stored.cvss !== cvss) this.s.putGroup.run(grp, ids, cvss);
      for (const id of members) {
        placed.add(id);
        if (oldGrpOf.get(id) !== grp) this.s.putMember.run(id, grp);
      }
    }
    for (const [grp, g] of oldGroups) {
      if (!newGroups.has(grp)) this.s.delGroup.run(grp);
      for (const id of JSON.parse(g.ids) as string[]) if (!placed.has(id)) this.s.delMember.run(id);
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
