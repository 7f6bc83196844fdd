/**
 * Vulnerability matching settings per product (issue #4 item 3): whether components are matched by
 * CPE against NVD configurations — off, only components without a usable purl (the default, the
 * behaviour before this table), or every component with a CPE. A product without a row uses the
 * default.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .createTable('product_vuln_settings')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('cpe_matching', 'text', (c) =>
      c.notNull().check(sql`cpe_matching in ('off', 'without_purl', 'all')`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
