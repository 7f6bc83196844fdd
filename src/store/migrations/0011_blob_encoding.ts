/**
 * Stored files (SBOM originals, evidence files) may be kept compressed: `encoding` says how the
 * `content` column holds the file — `identity` (as is; every row written before this migration) or
 * `deflate-raw` (RFC 1951). The SHA-256 and size are always those of the original bytes, and reading
 * gives back exactly those bytes.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  await db.schema
    .alterTable('blobs')
    .addColumn('encoding', 'text', (c) => c.notNull().defaultTo('identity'))
    .execute();
}
