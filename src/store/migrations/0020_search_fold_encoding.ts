/**
 * Migration 0017 gave PostgreSQL `mamori_fold(text)` as `lower(normalize($1, NFKC))`, and
 * `normalize()` refuses to run in a database whose server encoding is not UTF8: after that migration
 * every search of such a database answered 500. The function is created again by the rule 0017 now
 * follows (NFKC only on UTF8, lower case elsewhere). On a UTF8 database nothing changes.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { createFoldFunction } from './0017_search_fold.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await createFoldFunction(db);
}
