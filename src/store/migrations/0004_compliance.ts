/**
 * Compliance: assessments of catalog entries per product (or for the organisation: `scope_key`
 * `org`), evidence attached to an entry (a link to a mamori record, or an uploaded file kept in
 * `blobs` with its SHA-256), and each product's compliance profile (conformity route and catalogs).
 */
import { type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('compliance_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('compliance_assessments_entry', ['organization_id', 'scope_key', 'catalog', 'entry_id'])
    .execute();

  await db.schema
    .createTable('compliance_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('size_bytes', 'integer')
    .addColumn('media_type', 'text')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('compliance_evidence_scope')
    .on('compliance_evidence')
    .columns(['organization_id', 'scope_key', 'catalog', 'entry_id'])
    .execute();

  await db.schema
    .createTable('compliance_profiles')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('catalogs_json', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
