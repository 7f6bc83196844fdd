/**
 * Component ownership on PostgreSQL checked once per statement for SBOM components (ADR 0007
 * addendum 2).
 *
 * Before: three single-column foreign keys on `components` (organisation, release, SBOM), so every
 * stored row cost three key checks: about 0.75 s of the server's 1.9 s for a 50,000-component SBOM
 * (measured with EXPLAIN ANALYZE).
 *
 * After, on PostgreSQL:
 * - An SBOM component's `(sbom_id, release_id, organization_id)` must name an SBOM of that release in
 *   that organisation. This is checked by a statement-level trigger over the inserted or updated
 *   rows (one anti-join per statement instead of one lookup per row), which first takes the same
 *   KEY SHARE lock on the SBOM rows that a foreign key takes, and raises `foreign_key_violation`
 *   (SQLSTATE 23503) like one. The other side of the key: an SBOM that components name cannot be
 *   deleted or have those ids changed (a row trigger on `sboms`; nothing does either today).
 * - A manual component (no SBOM) keeps a real foreign key, through `manual_release_id`, a stored
 *   generated column holding `release_id` only when `sbom_id` is null: `(manual_release_id,
 *   organization_id)` must name a release of that organisation. For SBOM components the column is
 *   null and PostgreSQL skips the check (MATCH SIMPLE).
 * Both are stronger than before: the ids must agree, not only exist.
 *
 * SQLite keeps its three keys: its checks are cheap, and it cannot change constraints without
 * rebuilding the table. No code reads or writes `manual_release_id`.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create unique index releases_owner on releases (id, organization_id)`.execute(db);
  await sql`alter table components add column manual_release_id text generated always as (case when sbom_id is null then release_id end) stored`.execute(
    db,
  );
  await sql`alter table components
    drop constraint components_organization_id_fkey,
    drop constraint components_release_id_fkey,
    drop constraint components_sbom_id_fkey,
    add constraint components_manual_release_fkey foreign key (manual_release_id, organization_id) references releases (id, organization_id)`.execute(
    db,
  );
  await sql`create function components_check_sbom_owner() returns trigger language plpgsql as $$
begin
  perform 1 from sboms s where s.id in (select n.sbom_id from new_rows n where n.sbom_id is not null) for key share of s;
  if exists (
    select 1 from new_rows n
    where n.sbom_id is not null
      and not exists (select 1 from sboms s where s.id = n.sbom_id and s.release_id = n.release_id and s.organization_id = n.organization_id)
  ) then
    raise foreign_key_violation using message = 'insert or update on table "components" violates foreign key constraint "components_sbom_owner": the SBOM does not exist in that release and organisation';
  end if;
  return null;
end $$`.execute(db);
  await sql`create trigger components_sbom_owner_insert after insert on components referencing new table as new_rows for each statement execute function components_check_sbom_owner()`.execute(
    db,
  );
  await sql`create trigger components_sbom_owner_update after update on components referencing new table as new_rows for each statement execute function components_check_sbom_owner()`.execute(
    db,
  );
  await sql`create function sboms_keep_components() returns trigger language plpgsql as $$
begin
  if (tg_op = 'DELETE' or new.id is distinct from old.id or new.release_id is distinct from old.release_id or new.organization_id is distinct from old.organization_id)
     and exists (select 1 from components c where c.sbom_id = old.id) then
    raise foreign_key_violation using message = 'update or delete on table "sboms" violates foreign key constraint "components_sbom_owner": components still name the SBOM';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$`.execute(db);
  await sql`create trigger sboms_keep_components before update or delete on sboms for each row execute function sboms_keep_components()`.execute(
    db,
  );
}
