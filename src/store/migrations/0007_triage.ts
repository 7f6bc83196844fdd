/**
 * Vulnerability triage (issue #6): append-only triage decisions per finding or per component
 * (package + version + vulnerability, across every product), proposed decisions imported from VEX
 * documents awaiting review, the clinical-impact profile of a product (rubric answers and exposure)
 * and the FDA postmarket risk decisions (controlled / uncontrolled) with their awareness date.
 * Nothing is updated in place except a proposal's review status.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .createTable('triage_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('finding', 'component')`))
    // scope finding: the finding and its release/product; scope component: null (applies everywhere).
    .addColumn('finding_id', 'text')
    .addColumn('release_id', 'text')
    .addColumn('product_id', 'text')
    .addColumn('package_key', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text', (c) => c.notNull())
    .addColumn('component_purl', 'text')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('responses_json', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('action_statement', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual', 'bulk', 'import')`))
    .addColumn('proposal_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triage_decisions_finding').on('triage_decisions').columns(['organization_id', 'finding_id']).execute();
  await db.schema
    .createIndex('triage_decisions_identity')
    .on('triage_decisions')
    .columns(['organization_id', 'vulnerability_id', 'package_key', 'component_version'])
    .execute();

  await db.schema
    .createTable('triage_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('finding_ids_json', 'text', (c) => c.notNull())
    .addColumn('statement_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema.createIndex('triage_proposals_product').on('triage_proposals').columns(['organization_id', 'product_id', 'status']).execute();

  await db.schema
    .createTable('clinical_profiles')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('exposure', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('risk_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('control', 'text', (c) => c.notNull().check(sql`control in ('controlled', 'uncontrolled')`))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('aware_on', 'text', (c) => c.notNull())
    .addColumn('jp_adverse_event', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_decisions_finding').on('risk_decisions').columns(['organization_id', 'finding_id']).execute();
}
