/**
 * Searches fold width and case on both databases (src/core/search-fold.ts). SQLite's `lower()` and
 * `LIKE` fold only ASCII letters, so a product named "Pump Ｘ" (full-width X) was found neither by
 * "Ｘ" nor by "x". The repositories now compare `mamori_fold(column)` with a folded pattern:
 * SQLite registers the function on every connection (src/store/connect.ts); PostgreSQL gets it here
 * as a SQL function. Nothing is stored, so SQLite needs no change.
 *
 * PostgreSQL's `normalize()` works only in a database whose server encoding is UTF8; elsewhere every
 * search failed with an internal error (migration 0020 replaces the function of databases that ran
 * the first form of this migration). There the function folds case only.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Creates or replaces `mamori_fold(text)`: NFKC and lower case on a UTF8 database, lower case elsewhere. */
export async function createFoldFunction(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ encoding: string }>`select current_setting('server_encoding') as encoding`.execute(db);
  const body = rows[0]?.encoding === 'UTF8' ? sql.raw('lower(normalize($1, NFKC))') : sql.raw('lower($1)');
  await sql`create or replace function mamori_fold(text) returns text language sql immutable strict parallel safe as $$ select ${body} $$`.execute(db);
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await createFoldFunction(db);
}
