/**
 * Searches fold width and case on both databases (src/core/search-fold.ts). SQLite's `lower()` and
 * `LIKE` fold only ASCII letters, so a product named "Pump Ｘ" (full-width X) was found neither by
 * "Ｘ" nor by "x". The repositories now compare `mamori_fold(column)` with a folded pattern:
 * SQLite registers the function on every connection (src/store/connect.ts); PostgreSQL gets it here
 * as a SQL function. Nothing is stored, so SQLite needs no change.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create or replace function mamori_fold(text) returns text language sql immutable strict parallel safe as $$ select lower(normalize($1, NFKC)) $$`.execute(db);
}
