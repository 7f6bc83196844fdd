/**
 * A licence typed on a manual component is an SPDX expression only when every licence id in it is
 * on the SPDX License List and every `WITH` exception on its exception list (QA: `Proprietary`,
 * `Commercial` and `GPL` parse as expressions by grammar alone, so they were stored and exported as
 * SPDX expressions, which SPDX tools and hospitals' SBOM checkers reject). New entries follow
 * licenseFromText (src/core/sbom/license-text.ts); migration 0022 applied the grammar-only rule to
 * the components stored before, and this migration applies the list rule to them: each licence of a
 * manual component whose `expression` is no longer an SPDX expression becomes a licence `name` with
 * the same text and acknowledgement. An expression that still is one is left as stored (also its
 * spelling: `mit` is the listed `MIT`, SPDX ids match case-insensitively). Components from an SBOM
 * keep what their document said (reported by the quality check, converted by the SPDX writer).
 *
 * Only `data_json` changes: a manual component's licence list always lives there (its
 * acknowledgement is `concluded`), and the `license` column (the summary shown and searched) holds
 * the same text either way. Manual components are few, so they are read in pages by id and each
 * changed row is written back on its own.
 */
import { sql, type Kysely } from 'kysely';
import { licenseFromText } from '../../core/sbom/license-text.js';
import type { License } from '../../core/sbom/model.js';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; data_json: string }>`select id, data_json from components
      where origin = 'manual' and license is not null and id > ${after} order by id limit 1000`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      const data = JSON.parse(row.data_json) as { licenses?: License[] };
      if (!Array.isArray(data.licenses)) continue;
      let changed = false;
      const licenses = data.licenses.map((l) => {
        if (l.expression === null) return l;
        const typed = licenseFromText(l.expression, l.acknowledgement);
        if (typed.expression !== null) return l;
        changed = true;
        return typed;
      });
      if (changed) await sql`update components set data_json = ${JSON.stringify({ ...data, licenses })} where id = ${row.id}`.execute(db);
    }
    after = rows[rows.length - 1]!.id;
  }
}
