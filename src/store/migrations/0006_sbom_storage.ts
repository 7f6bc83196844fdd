/**
 * SBOM storage, second layout (ADR 0007): the dependency graph of an SBOM is kept as one JSON
 * document per SBOM (`[{ "ref": …, "dependsOn": [ … ] }, …]`, in document order) instead of one
 * `component_dependencies` row per edge. Nothing queries single edges; the graph is only ever read
 * whole, to rebuild the release document. SBOMs stored before this migration keep their rows in
 * `component_dependencies`, which stays and is still read for them.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sbom_dependencies')
    .addColumn('sbom_id', 'text', (c) => c.primaryKey().references('sboms.id'))
    .addColumn('dependencies_json', 'text', (c) => c.notNull())
    .execute();
}
