/**
 * A vulnerability's content stored once per package version (ADR 0014):
 * - `finding_contents`: what the match says about one package version and one vulnerability (aliases,
 *   summary, severity, CVSS, EPSS, KEV, fixed versions, evidence, content hash), keyed by the
 *   organisation, the package version's match inputs (`variant_key`) and the canonical id. Every
 *   release that holds the package version points at the same row, so a changed advisory rewrites
 *   one row, not one per release.
 * - `findings` becomes `finding_rows`, which keeps the release facts (identity, component, status,
 *   first seen, the id that ended it) and `content_id`. A view named `findings` joins the two and
 *   shows the columns the table had, so reads are unchanged. "Last seen", "changed at" and the
 *   sequence number of an active finding are the later of its own and its content's.
 * - `content_ids` holds every id of a content's vulnerability; the view `finding_ids` joins it to
 *   the findings, as the table of that name did.
 * - `content_events` record a content's changes once; the history of a release expands them to the
 *   findings that pointed at the content then (repositories/findings.ts).
 * - `package_variants`: the match inputs of every analysed package version and what its last
 *   evaluation found, so a refresh evaluates package versions rather than components.
 * - `release_analyses.variants_recorded`: 0 for releases analysed before this migration; the next
 *   refresh analyses them whole once, which records their package versions.
 *
 * The existing findings keep their contents: each becomes one content row with the finding's own id
 * and a variant key of its own (`finding:<id>`). Their next analysis points them at shared rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

const contentColumns = [
  'aliases_json',
  'summary',
  'severity',
  'cvss_score',
  'cvss_json',
  'epss_score',
  'epss_percentile',
  'kev',
  'kev_due_date',
  'fixed_versions_json',
  'evidence_json',
  'content_hash',
] as const;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');

  await db.schema
    .createTable('finding_contents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('aliases_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('cvss_score', real)
    .addColumn('cvss_json', 'text', (c) => c.notNull())
    .addColumn('epss_score', real)
    .addColumn('epss_percentile', real)
    .addColumn('kev', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kev_due_date', 'text')
    .addColumn('fixed_versions_json', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('computed_at_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finding_contents_identity')
    .on('finding_contents')
    .columns(['organization_id', 'variant_key', 'vulnerability_id'])
    .unique()
    .execute();
  const columns = sql.join(contentColumns.map((c) => sql.ref(c)));
  await sql`insert into finding_contents (id, organization_id, variant_key, vulnerability_id, ${columns}, last_seen_at, changed_at, computed_at_seq)
    select id, organization_id, 'finding:' || id, vulnerability_id, ${columns}, last_seen_at, changed_at, computed_at_seq from findings`.execute(
    db,
  );

  await db.schema
    .createTable('content_ids')
    .addColumn('content_id', 'text', (c) => c.notNull().references('finding_contents.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('vuln_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('content_ids_lookup')
    .on('content_ids')
    .columns(['organization_id', 'vuln_id'])
    .execute();
  await db.schema.createIndex('content_ids_content').on('content_ids').column('content_id').execute();
  await sql`insert into content_ids (content_id, organization_id, vuln_id) select finding_id, organization_id, vuln_id from finding_ids`.execute(
    db,
  );
  await db.schema.dropTable('finding_ids').execute();

  await db.schema
    .createTable('content_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull().references('finding_contents.id'))
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('changed')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('previous_severity', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('content_events_org_at')
    .on('content_events')
    .columns(['organization_id', 'at'])
    .execute();
  await db.schema.createIndex('content_events_content').on('content_events').column('content_id').execute();

  await db.schema
    .createTable('package_variants')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text')
    .addColumn('name', 'text')
    .addColumn('cpe_product', 'text')
    .addColumn('identity_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dirty', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('package_variants_pk', ['organization_id', 'variant_key'])
    .execute();
  await db.schema
    .createIndex('package_variants_package')
    .on('package_variants')
    .columns(['organization_id', 'ecosystem', 'name'])
    .execute();
  await db.schema
    .createIndex('package_variants_cpe')
    .on('package_variants')
    .columns(['organization_id', 'cpe_product'])
    .execute();

  await db.schema
    .alterTable('release_analyses')
    .addColumn('variants_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable('findings').renameTo('finding_rows').execute();
  await db.schema
    .alterTable('finding_rows')
    .addColumn('content_id', 'text', (c) => c.references('finding_contents.id'))
    .execute();
  await db.schema.alterTable('finding_rows').addColumn('ended_id', 'text').execute();
  await sql`update finding_rows set content_id = id`.execute(db);
  for (const c of contentColumns) await db.schema.alterTable('finding_rows').dropColumn(c).execute();
  await db.schema
    .createIndex('finding_rows_content')
    .on('finding_rows')
    .columns(['content_id', 'status', 'organization_id'])
    .execute();

  // An active finding was last seen (changed, computed) when it or its content last was.
  const later = (column: string) =>
    sql.raw(
      `case when f.status = 'active' and c.${column} > f.${column} then c.${column} else f.${column} end as ${column}`,
    );
  await sql`create view findings as select
    f.id, f.organization_id, f.release_id, f.package_key, f.component_version, f.vulnerability_id,
    f.component_id, f.component_name, f.component_purl,
    ${sql.join(contentColumns.map((c) => sql.raw(`c.${c}`)))},
    f.status, f.first_seen_at, ${later('last_seen_at')}, ${later('changed_at')}, ${later('computed_at_seq')},
    f.content_id
    from finding_rows f join finding_contents c on c.id = f.content_id`.execute(db);
  await sql`create view finding_ids as select f.id as finding_id, i.organization_id, i.vuln_id
    from content_ids i join finding_rows f on f.content_id = i.content_id`.execute(db);
}
