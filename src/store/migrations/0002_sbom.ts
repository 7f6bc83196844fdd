/**
 * SBOM inventory: the original documents (kept byte for byte with their SHA-256), the normalised
 * components of each document (nested ones linked to their parent), manual components of a release
 * (commercial OS, RTOS, firmware, OTS software no build SBOM covers), and dependency edges.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', sql.raw(bytes), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sboms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('bom_version', 'integer')
    .addColumn('document_timestamp', 'text')
    .addColumn('metadata_json', 'text', (c) => c.notNull())
    .addColumn('diagnostics_json', 'text', (c) => c.notNull())
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('dependency_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sboms_release').on('sboms').columns(['release_id', 'created_at']).execute();

  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('sbom_id', 'text', (c) => c.references('sboms.id'))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('sbom', 'manual')`))
    .addColumn('parent_id', 'text')
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('bom_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('group_name', 'text')
    .addColumn('supplier', 'text')
    .addColumn('purl', 'text')
    .addColumn('cpe', 'text')
    .addColumn('license', 'text')
    .addColumn('support_level', 'text')
    .addColumn('end_of_support', 'text')
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('components_sbom').on('components').columns(['sbom_id', 'ordinal']).execute();
  await db.schema.createIndex('components_release').on('components').columns(['release_id', 'origin']).execute();
  await db.schema.createIndex('components_purl').on('components').column('purl').execute();

  await db.schema
    .createTable('component_dependencies')
    .addColumn('sbom_id', 'text', (c) => c.notNull().references('sboms.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('depends_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('component_dependencies_sbom').on('component_dependencies').columns(['sbom_id', 'ref']).execute();
}
