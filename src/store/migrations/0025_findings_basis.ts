/**
 * Which vulnerability database each organisation's findings were computed with (ADR 0015, addendum
 * "several nodes, several files"; src/core/vulns/vulndb-basis.ts): the change log (a fingerprint of
 * its first change), the change the findings were computed at and its fingerprint, what the
 * database held of each feed (JSON), and the node whose file it was. A node whose own file is older
 * or smaller than this does not analyse the organisation's findings again. No row: nothing is known
 * yet (an installation from before this migration); the next analysis or refresh writes one.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .createTable('findings_basis')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('log', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('mark', 'text')
    .addColumn('feeds_json', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}
