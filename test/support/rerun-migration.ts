/**
 * Runs one migration again on a database that has all of them, as an installation upgraded from
 * before it would run it: the migration and those after it are unrecorded (Kysely refuses a gap in
 * the recorded order), the migration alone is run, and the later ones are recorded again as they
 * were, after it (their changes are still in place, and not every migration can run twice).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../src/store/database.js';
import { migrateTo } from '../../src/store/migrate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function rerunMigration(db: Kysely<any>, dialect: Dialect, name: string) {
  const later = (await sql<{ name: string }>`select name from mamori_migrations where name > ${name} order by name`.execute(db)).rows;
  await sql`delete from mamori_migrations where name >= ${name}`.execute(db);
  const result = await migrateTo(db, dialect, name);
  // Kysely orders executed migrations by their timestamp: the later ones are recorded after it.
  const now = Date.now();
  for (const [i, row] of later.entries())
    await sql`insert into mamori_migrations (name, timestamp) values (${row.name}, ${new Date(now + 1 + i).toISOString()})`.execute(db);
  return result;
}
