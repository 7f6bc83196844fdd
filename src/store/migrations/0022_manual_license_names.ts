/**
 * A licence typed on a manual component is an SPDX expression only when it is one (QA: "Wind River
 * Commercial License" was stored as an expression, so the exports carried an invalid SPDX expression
 * and failed mamori's own licence-syntax check). New entries follow licenseFromText
 * (src/core/sbom/license-text.ts); this migration applies the same rule to the manual components
 * stored before: each licence whose `expression` is not a well-formed SPDX expression becomes a
 * licence `name` with the same text and acknowledgement. Components from an SBOM keep what their
 * document said (the supplier's statement, reported by the quality check rather than rewritten).
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
