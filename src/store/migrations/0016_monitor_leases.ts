/**
 * Leases for work that one server process of an installation should do at a time (ADR 0015): the
 * findings monitor's periodic check. Several server nodes on one PostgreSQL database (or several
 * processes on one SQLite file) each run a monitor; the one holding the lease does the check, and the
 * others take over when it lapses. A lease is a row: its name, who holds it (a random id per process)
 * and until when.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .createTable('monitor_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
