/**
 * The Annex F route for products already on the market (IEC 81001-5-1 / JIS T 81001-5-1 Annex F,
 * issue #5 item 6): the gap list of a product against IEC 81001-5-1 entries, each gap with its
 * closure decision (close / compensate / accept), the closure action, compensating measures
 * (optionally linked to a security control), the residual risk level and its acceptance; and one
 * record per product with the scope (software versions), the rationale for continued use, the
 * components not upgraded, how residual risk is communicated, the post-release activity plan and
 * the recorded decision. Changes are audited through the audit log.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .createTable('annex_f_gaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    // The IEC 81001-5-1 entry the gap is against (catalog key, entry id).
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision is null or decision in ('close', 'compensate', 'accept')`))
    .addColumn('closure_action', 'text', (c) => c.notNull())
    .addColumn('closure_status', 'text', (c) => c.notNull().check(sql`closure_status in ('planned', 'in_progress', 'done')`))
    .addColumn('closure_due_date', 'text')
    .addColumn('compensating_measures', 'text', (c) => c.notNull())
    .addColumn('control_id', 'text')
    .addColumn('residual_level', 'text', (c) => c.check(sql`residual_level is null or residual_level in ('acceptable', 'alara', 'unacceptable')`))
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('acceptance_rationale', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('manual', 'proposed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annex_f_gaps_product').on('annex_f_gaps').columns(['organization_id', 'product_id', 'entry_id']).execute();

  await db.schema
    .createTable('annex_f_assessments')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('versions_json', 'text', (c) => c.notNull())
    .addColumn('scope_notes', 'text', (c) => c.notNull())
    .addColumn('continued_use_rationale', 'text', (c) => c.notNull())
    .addColumn('components_json', 'text', (c) => c.notNull())
    .addColumn('risk_communication', 'text', (c) => c.notNull())
    .addColumn('monitoring_plan', 'text', (c) => c.notNull())
    .addColumn('update_plan', 'text', (c) => c.notNull())
    .addColumn('disclosure_plan', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
