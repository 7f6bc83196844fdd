/**
 * CPE matching switched per component (issue #4 item 3): a product's settings row also holds the
 * components whose CPE matching is switched on or off regardless of the product's mode, as a JSON
 * list `[{ component, cpeMatching }]` keyed by `group/name` (core/vulns/finding.ts
 * `componentMatchKey`), so an override holds in every release of the product.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .alterTable('product_vuln_settings')
    .addColumn('component_overrides_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
