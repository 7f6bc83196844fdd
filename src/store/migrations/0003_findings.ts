/**
 * Vulnerability findings per release (docs/adr/0010-vulnerability-database.md): one row per release,
 * package version and vulnerability, with the evidence and the vulnerability-database sequence number
 * it was computed at; every id of the vulnerability (for "affected by CVE-X or GHSA-Y" in one query);
 * finding events (new, changed, withdrawn, gone) for notifications and the severity history; the
 * package index of analysed components, so re-analysis after a feed change touches only the components
 * of changed packages; unevaluated components with their reason; per-release and per-organisation state.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    // Identity across SBOM uploads: the package (OSV ecosystem + name, else purl without version,
    // else CPE vendor:product, else group/name), the component version and the canonical id.
    .addColumn('package_key', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text', (c) => c.notNull())
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('component_id', 'text')
    .addColumn('component_name', 'text', (c) => c.notNull())
    .addColumn('component_purl', 'text')
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
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'withdrawn', 'resolved-by-upgrade', 'gone')`))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('computed_at_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_identity')
    .on('findings')
    .columns(['release_id', 'package_key', 'component_version', 'vulnerability_id'])
    .unique()
    .execute();
  await db.schema.createIndex('findings_org_status').on('findings').columns(['organization_id', 'status', 'vulnerability_id']).execute();

  await db.schema
    .createTable('finding_ids')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('vuln_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finding_ids_lookup').on('finding_ids').columns(['organization_id', 'vuln_id']).execute();
  await db.schema.createIndex('finding_ids_finding').on('finding_ids').column('finding_id').execute();

  await db.schema
    .createTable('finding_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('new', 'changed', 'withdrawn', 'gone')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('previous_severity', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finding_events_org_at').on('finding_events').columns(['organization_id', 'at']).execute();
  await db.schema.createIndex('finding_events_release').on('finding_events').columns(['release_id', 'at']).execute();

  // The package index of analysed components: (OSV ecosystem, normalised name) and CPE vendor:product.
  await db.schema
    .createTable('component_packages')
    .addColumn('component_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text')
    .addColumn('name', 'text')
    .addColumn('cpe_product', 'text')
    .execute();
  await db.schema.createIndex('component_packages_package').on('component_packages').columns(['ecosystem', 'name']).execute();
  await db.schema.createIndex('component_packages_cpe').on('component_packages').column('cpe_product').execute();
  await db.schema.createIndex('component_packages_release').on('component_packages').column('release_id').execute();
  await db.schema.createIndex('component_packages_component').on('component_packages').column('component_id').execute();

  await db.schema
    .createTable('unevaluated_components')
    .addColumn('component_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unevaluated_components_release').on('unevaluated_components').columns(['release_id', 'component_id']).execute();
  await db.schema.createIndex('unevaluated_components_component').on('unevaluated_components').column('component_id').execute();

  await db.schema
    .createTable('release_analyses')
    .addColumn('release_id', 'text', (c) => c.primaryKey().references('releases.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('sbom_id', 'text')
    .addColumn('analysed_at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('unevaluated_count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('finding_state')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();
}
