/**
 * Related ids stored at import (schema version 6, docs/adr/0010-vulnerability-database.md,
 * addendum 14): the reverse index of the ids a record names as other vulnerabilities it is built on,
 * so that an id only named that way can be found (`vuln show CVE-2023-22486`, `vuln affected`).
 *
 * - `related_ids (id, source, record)`: one row per id that the record `(source, record)` names as
 *   related: an OSV record's `upstream` ids that are not its aliases (`relatedUpstream`: RSEC-2023-8
 *   names seven cmark-gfm CVEs), a JVN record's CVE ids when it names several (`relatedCves`). The
 *   key begins with `id` (the question is "who names this id"); `related_ids_record` serves the
 *   import, which replaces a record's rows with the record.
 *
 * Not an alias edge: nothing walks it, the alias groups and match records do not read it, and it is
 * not transitive (an id named by RSEC-2023-8 is not thereby related to RSEC-2023-8's other ids).
 * OSV's own `related` field ("closely related" but different vulnerabilities) is not indexed: a
 * package affected by a related vulnerability is not affected by this one, while an `upstream`
 * list names what the record's package is affected by (a bundled library's CVEs).
 *
 * Withdrawn records keep their rows, as they keep their aliases: the record still says it, and
 * readers show it as withdrawn. The importer writes and removes the rows in the transaction that
 * writes or removes the record (src/vulndb/import.ts `writeIndex`).
 */
import type Database from 'better-sqlite3';
import { parseOsvRecord } from '../core/vulns/advisory.js';
import { relatedCves, relatedUpstream } from '../core/vulns/aliases.js';
import type { JvnRecord } from '../feeds/parse/jvn-record.js';

/** The table (migration 6 creates it and fills it from the stored records). */
export const relatedIdTables = `
  CREATE TABLE related_ids (
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (id, source, record)
  ) WITHOUT ROWID;
  CREATE INDEX related_ids_record ON related_ids (source, record);
`;

/** The related ids of a stored record's JSON (OSV as read, JVN as mamori keeps it), distinct, in record order. */
export function storedRecordRelatedIds(source: string, id: string, json: string): string[] {
  const value = JSON.parse(json) as unknown;
  let related: string[];
  if (source === 'osv') {
    const p = parseOsvRecord(value);
    if (!p.ok) return [];
    related = relatedUpstream(p.advisory);
  } else if (source === 'jvn') related = relatedCves(id, (value as JvnRecord).cves);
  else return [];
  return [...new Set(related)];
}

/** The records that can name related ids: OSV records with an `upstream` list, JVN records with several CVEs. */
const candidates = `FROM records WHERE ((source = 'osv' AND instr(json, '"upstream"') > 0 AND json_array_length(json, '$.upstream') > 0) OR (source = 'jvn' AND json_array_length(json, '$.cves') > 1))`;

/**
 * Migration 6: the table, filled from the stored records that can name related ids (the records
 * migration 5 read). A database without such records only gets the empty table, and says nothing.
 */
export function addRelatedIds(db: Database.Database, progress: (message: string) => void): void {
  db.exec(relatedIdTables);
  fillRelatedIds(db, progress);
}

/** Adds the rows of every stored record that names related ids to `related_ids` (migration 6; tests rebuild with it). */
export function fillRelatedIds(db: Database.Database, progress: (message: string) => void): void {
  const total = db.prepare(`SELECT COUNT(*) ${candidates}`).pluck().get() as number;
  if (total === 0) return;
  progress(`Indexing the related ids of ${total} records that name upstream or several CVE ids (once)…`);
  const page = db
    .prepare(`SELECT rowid, source, id, json ${candidates} AND rowid > ? ORDER BY rowid LIMIT 2000`)
    .raw();
  const add = db.prepare(`INSERT OR IGNORE INTO related_ids (id, source, record) VALUES (?, ?, ?)`);
  let after = 0;
  let done = 0;
  let rows = 0;
  let naming = 0;
  let reported = Date.now();
  for (;;) {
    const batch = page.all(after) as [number, string, string, string][];
    if (batch.length === 0) break;
    for (const [, source, id, json] of batch) {
      const related = storedRecordRelatedIds(source, id, json);
      if (related.length > 0) naming++;
      for (const x of related) add.run(x, source, id);
      rows += related.length;
    }
    after = batch[batch.length - 1]![0];
    done += batch.length;
    if (Date.now() - reported > 2000) {
      reported = Date.now();
      progress(`  ${done} / ${total}`);
    }
  }
  if (rows > 0) progress(`  ${rows} related ids of ${naming} records indexed.`);
}

/**
 * The records that name any of a JSON array of ids as related, as `[record, source]` rows sorted by
 * record (one query; ids as the records spell them).
 */
export const relatedByQuery = `SELECT DISTINCT record, source FROM related_ids WHERE id IN (SELECT value FROM json_each(?)) ORDER BY record, source`;
