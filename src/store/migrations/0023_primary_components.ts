/**
 * The SBOM's primary component becomes component rows (QA PSIRT H2). CycloneDX `metadata.component`
 * (SPDX: the described package, which the reader puts there) was kept only in `sboms.metadata_json`,
 * so the server's analysis, which reads component rows, never evaluated it or the components nested
 * in it, while `mamori scan` does; for a device maker it is usually the firmware or application
 * itself. Uploads now store it as rows (repositories/sboms.ts `primaryComponentRows`); this migration:
 * - adds `components.is_primary` (1 for the primary component's own row, 0 for every other row);
 * - stores the rows of every SBOM stored before, read from its `metadata_json`: the primary
 *   component and its nested components, depth first, with ordinals below zero (-n … -1, so the
 *   listed components keep theirs and the primary comes first), and adds them to the SBOM's
 *   `component_count` (the count is the inventory's);
 * - in pages of 500 SBOMs, so the metadata of a large installation is never read at once.
 * Their findings follow at the next analysis: analysis rules revision 2 (core/vulns/analysis-rules.ts)
 * has every analysed release analysed again once, by the server's monitor or the next refresh.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SbomMetadata } from '../../core/sbom/model.js';
import { versionSortKey } from '../../core/sbom/version-sort-key.js';
import type { Dialect } from '../database.js';
import { primaryComponentRows } from '../repositories/sboms.js';

interface SbomRow {
  id: string;
  organization_id: string;
  release_id: string;
  metadata_json: string;
  created_at: string;
}

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .alterTable('components')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  let after = '';
  for (;;) {
    const { rows } = await sql<SbomRow>`select id, organization_id, release_id, metadata_json, created_at from sboms
      where id > ${after} order by id limit 500`.execute(db);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const s of rows) {
      const primary = primaryComponentRows(JSON.parse(s.metadata_json) as SbomMetadata);
      if (primary.length === 0) continue;
      const parents: string[] = [];
      const values = primary.map((f, i) => {
        const id = randomUUID();
        const depth = f[0];
        parents[depth] = id;
        return sql`(${id}, ${s.organization_id}, ${s.release_id}, ${s.id}, 'sbom', ${depth === 0 ? null : parents[depth - 1]!}, ${i - primary.length},
          ${f[1]}, ${f[2]}, ${f[3]}, ${f[4]}, ${f[5]}, ${f[6]}, ${f[7]}, ${f[8]}, ${f[9]}, ${f[10]}, ${f[11]}, ${f[12]}, ${s.created_at}, ${versionSortKey(f[4])}, ${depth === 0 ? 1 : 0})`;
      });
      // 22 values a row: 500 rows stay below either dialect's limit on bound parameters.
      for (let i = 0; i < values.length; i += 500)
        await sql`insert into components (id, organization_id, release_id, sbom_id, origin, parent_id, ordinal, bom_ref, type, name, version, group_name,
          supplier, purl, cpe, license, support_level, end_of_support, data_json, updated_at, version_key, is_primary) values ${sql.join(values.slice(i, i + 500))}`.execute(db);
      await sql`update sboms set component_count = component_count + ${primary.length} where id = ${s.id}`.execute(db);
    }
  }
}
