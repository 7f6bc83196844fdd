/**
 * Component ownership checked with one foreign key per row on PostgreSQL (ADR 0007 addendum 2).
 *
 * Before: three single-column foreign keys on `components` (organisation, release, SBOM), so every
 * stored row cost three key checks; on PostgreSQL they were about 40 % of the server's time for a
 * 50,000-component SBOM (0.75 s of 1.9 s, measured with EXPLAIN ANALYZE).
 *
 * After, on PostgreSQL:
 * - an SBOM component's `(sbom_id, release_id, organization_id)` must name an SBOM of that release in
 *   that organisation (one check, and stronger than before: the three ids must agree);
 * - a manual component (no SBOM) is checked through `manual_release_id`, a stored generated column
 *   that holds `release_id` only when `sbom_id` is null: its `(manual_release_id, organization_id)`
 *   must name a release of that organisation. For SBOM components the column is null and
 *   PostgreSQL skips the check (MATCH SIMPLE).
 *
 * SQLite keeps its three keys: its checks are cheap, and it cannot change constraints without
 * rebuilding the table. No code reads or writes `manual_release_id`.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create unique index sboms_owner on sboms (id, release_id, organization_id)`.execute(db);
  await sql`create unique index releases_owner on releases (id, organization_id)`.execute(db);
  await sql`alter table components add column manual_release_id text generated always as (case when sbom_id is null then release_id end) stored`.execute(
    db,
  );
  await sql`alter table components
    drop constraint components_organization_id_fkey,
    drop constraint components_release_id_fkey,
    drop constraint components_sbom_id_fkey,
    add constraint components_sbom_owner_fkey foreign key (sbom_id, release_id, organization_id) references sboms (id, release_id, organization_id),
    add constraint components_manual_release_fkey foreign key (manual_release_id, organization_id) references releases (id, organization_id)`.execute(
    db,
  );
}
