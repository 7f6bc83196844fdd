/**
 * Storage and indexes (ADR 0007 addendum 2, ADR 0011 addendum):
 * - A large dependency graph is kept compressed in `blobs` (`sbom_dependencies.dependencies_sha256`
 *   names it; `dependencies_json` is then empty). A graph that deflate does not shrink (below
 *   64 KiB, see repositories/blobs.ts) stays inline in `dependencies_json` as before. The 4 MiB graph
 *   of a 50,000-component SBOM cost 0.2–0.37 s to store as one text value on PostgreSQL; compressed
 *   on the thread pool while the components are stored, it costs a few milliseconds.
 * - The index on `components.purl` goes: no query reads components by purl (the portfolio questions
 *   use the package index of the findings, migration 0003), and every stored component paid for it.
 * - `components_release (release_id, origin)` becomes `components_manual (release_id)` over the rows
 *   without an SBOM only: a release's inventory is read as its manual components (this index) plus
 *   its current SBOM's components (`components_sbom`), see `inventoryRows` in
 *   repositories/sboms.ts. Storing SBOM components then maintains no release index.
 * - `findings_identity` gains `organization_id` as its first column. Every findings query names the
 *   organisation; with the release after it, SQLite (which has no statistics) chose the index
 *   `findings_org_status (organization_id, …)` and read all of the organisation's findings for one
 *   release: at 100,000 findings, 2.5 s of a 3.9 s refresh of 10 changed advisories. With two equal
 *   columns leading, the identity index wins. Uniqueness is unchanged: a release belongs to one
 *   organisation.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .alterTable('sbom_dependencies')
    .addColumn('dependencies_sha256', 'text', (c) => c.references('blobs.sha256'))
    .execute();
  await sql`drop index components_purl`.execute(db);
  await sql`drop index components_release`.execute(db);
  await sql`create index components_manual on components (release_id) where sbom_id is null`.execute(db);
  await sql`drop index findings_identity`.execute(db);
  await sql`create unique index findings_identity on findings (organization_id, release_id, package_key, component_version, vulnerability_id)`.execute(db);
}
