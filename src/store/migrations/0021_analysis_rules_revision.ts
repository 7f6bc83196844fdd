/**
 * `release_analyses.rules_revision`: the revision of the analysis rules (src/core/vulns/analysis-rules.ts)
 * a release was last analysed whole under. Existing rows get 0, so every analysed release is
 * analysed again once, by the findings monitor or by the next refresh: findings stored before a rule
 * change (a known-malicious package is critical) then follow it, with a "changed" event each, instead
 * of keeping their old severity until their package changes.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .alterTable('release_analyses')
    .addColumn('rules_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
