/**
 * `finding_events_finding (finding_id, kind, at)`: a finding's own events by the finding. Until now
 * the events had indexes by organisation and time and by release and time only, so every question
 * that starts from findings and looks up their events read the events of the whole organisation or
 * release per finding: "newly affected since" (repositories/findings.ts `newlyAffectedSince`, the
 * findings' `new` events at or after a date) ran longer than 300 s on SQLite at 33,458 findings and,
 * better-sqlite3 being synchronous, stopped the server meanwhile; the CSAF revision history
 * (`findingPresenceEvents`) read them the same way. With `kind` and `at` in the index, the `new`
 * events of a finding since a date are read from the index alone.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await sql`create index finding_events_finding on finding_events (finding_id, kind, at)`.execute(db);
}
