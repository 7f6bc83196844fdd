/**
 * A finding's score is the base score of the CVSS rating its severity comes from (`headlineCvss`,
 * src/core/vulns/cvss/headline.ts: the newest CVSS version, the highest score within it). Until that
 * change the stored score was the highest score of any version, so a list could read "Medium 7.8"
 * (a CVSS 3.1 score of 7.8 beside the medium of a CVSS 4.0 score of 5.4). Contents stored before it
 * kept the old score: the score is not part of the content hash, so an analysis that finds the same
 * content only confirmed the row (ADR 0014, addendum of 2026-11-30).
 *
 * `cvss_score` is a function of the row's own `cvss_json` (the analysis writes
 * `headlineCvss(cvss).baseScore` beside `JSON.stringify(cvss)`), so it is recomputed here from the
 * stored list, with the same function, without the vulnerability database: read in pages of 5,000
 * rows by id, and only the rows whose score differs are written back, one set-based `UPDATE` per
 * page (`json_to_recordset` on PostgreSQL, `UPDATE … FROM json_each` on SQLite).
 *
 * Nothing else changes: no severity (the analysis already took it from the same rating), no content
 * hash, no `changed_at`, and no event. A score is not an event (events carry severities, and the
 * severity history is replayed from them).
 */
import { sql, type Kysely } from 'kysely';
import { headlineCvss } from '../../core/vulns/cvss/headline.js';
import type { CvssSummary } from '../../core/vulns/finding.js';
import type { Dialect } from '../database.js';

const pageSize = 5_000;

/** The score `headlineCvss` gives the stored list; undefined when the text is not a list (left alone). */
function headlineScore(cvssJson: string): number | null | undefined {
  let list: unknown;
  try {
    list = JSON.parse(cvssJson);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list)) return undefined;
  const ratings = list.filter(
    (c): c is CvssSummary =>
      typeof c === 'object' && c !== null && typeof (c as CvssSummary).baseScore === 'number' && typeof (c as CvssSummary).version === 'string',
  );
  return headlineCvss(ratings)?.baseScore ?? null;
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; cvss_json: string; cvss_score: number | string | null }>`select id, cvss_json, cvss_score
      from finding_contents where id > ${after} order by id limit ${pageSize}`.execute(db);
    if (rows.length === 0) break;
    const changed: { id: string; s: number | null }[] = [];
    for (const r of rows) {
      const want = headlineScore(r.cvss_json);
      const have = r.cvss_score === null ? null : Number(r.cvss_score);
      if (want !== undefined && want !== have) changed.push({ id: r.id, s: want });
    }
    if (changed.length > 0) {
      const scores = JSON.stringify(changed);
      if (dialect === 'postgres')
        await sql`update finding_contents c set cvss_score = v.s
          from json_to_recordset(${scores}::json) as v(id text, s double precision) where c.id = v.id`.execute(db);
      else
        await sql`update finding_contents set cvss_score = v.s
          from (select json_extract(value, '$.id') as id, json_extract(value, '$.s') as s from json_each(${scores})) as v
          where finding_contents.id = v.id`.execute(db);
    }
    after = rows[rows.length - 1]!.id;
  }
}
