/**
 * Versions sort naturally in the component inventory (QA: "9.1.1" sorted above "12.0.1" because the
 * version column was ordered as text). `components.version_key` holds `versionSortKey(version)`
 * (src/core/sbom/version-sort-key.ts): digit runs prefixed with their length, so that ordering the
 * key as text is ordering the versions naturally. It is written with every component row (the bulk
 * insert of an upload computes it from the version it already has); this migration fills it for the
 * rows stored before, with the same function:
 * - SQLite: one `UPDATE` calling `mamori_version_key`, which every connection registers
 *   (src/store/connect.ts) as that function;
 * - PostgreSQL: read in pages of 5,000 rows by id, the keys computed here, and written back with one
 *   `UPDATE … FROM json_to_recordset(…)` per page.
 * No index: the inventory is sorted after filtering by SBOM or release (an index on the key would
 * cost every stored row, and the sort of a 50,000-component release takes tens of milliseconds).
 */
import { sql, type Kysely } from 'kysely';
import { versionSortKey } from '../../core/sbom/version-sort-key.js';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('components').addColumn('version_key', 'text').execute();
  if (dialect === 'sqlite') {
    await sql`update components set version_key = mamori_version_key(version) where version is not null`.execute(db);
    return;
  }
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; version: string }>`select id, version from components
      where version is not null and id > ${after} order by id limit 5000`.execute(db);
    if (rows.length === 0) break;
    const keys = JSON.stringify(rows.map((r) => ({ id: r.id, k: versionSortKey(r.version) })));
    await sql`update components c set version_key = v.k from json_to_recordset(${keys}::json) as v(id text, k text) where c.id = v.id`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
}
