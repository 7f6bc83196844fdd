/**
 * Search on a PostgreSQL database whose server encoding is not UTF8 (migrations 0017 and 0020):
 * `normalize()` refuses to run there, so the first form of `mamori_fold` made every search fail.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, inCi, postgresAdminUrl, type TestDatabase } from '../../../test/support/databases.js';
import { openStore, type Store } from '../connect.js';
import { migrateToLatest } from '../migrate.js';
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { insertOrganization } from '../repositories/organizations.js';
import { insertProduct, listProducts } from '../repositories/products.js';

const at = '2026-01-01T00:00:00.000Z';
const run = postgresAdminUrl !== undefined || inCi;
if (!run) console.warn('PostgreSQL encoding tests skipped: set MAMORI_TEST_DATABASE_URL.');

describe.skipIf(!run)('search on a PostgreSQL database that is not UTF8 [postgres]', () => {
  let database: TestDatabase;
  let store: Store;
  const orgId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { encoding: 'SQL_ASCII' });
    store = openStore(database.url);
    const migrated = await migrateToLatest(store.db, store.dialect);
    expect(migrated.error).toBeUndefined();
    await insertOrganization(store.db, { id: orgId, slug: 'ascii', name: 'O', createdAt: at, updatedAt: at, archivedAt: null });
    for (const name of ['Infusion Pump', 'Patient monitor', '輸液ポンプ'])
      await insertProduct(store.db, {
        id: randomUUID(),
        organizationId: orgId,
        name,
        modelNumbers: [],
        manufacturer: 'Maker',
        deviceClass: null,
        isSamd: false,
        useEnvironments: [],
        connectivity: [],
        description: '',
        createdAt: at,
        updatedAt: at,
        archivedAt: null,
      });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const names = async (q: string) =>
    (await listProducts(store.db, orgId, { archived: 'include', q }, { limit: 10, offset: 0 })).items.map((p) => p.name).sort();

  it('searches, folding case (width folding needs UTF8)', async () => {
    expect(await names('PUMP')).toEqual(['Infusion Pump']);
    expect(await names('monitor')).toEqual(['Patient monitor']);
    expect(await names('ポンプ')).toEqual(['輸液ポンプ']);
  });

  it('repairs a database that ran the first form of migration 0017', async () => {
    await sql`create or replace function mamori_fold(text) returns text language sql immutable strict parallel safe as $$ select lower(normalize($1, NFKC)) $$`.execute(store.db);
    await expect(names('pump')).rejects.toThrow(/UTF8/);
    const migrated = await rerunMigration(store.db, store.dialect, '0020_search_fold_encoding');
    expect(migrated.error).toBeUndefined();
    expect(migrated.results?.map((x) => x.migrationName)).toEqual(['0020_search_fold_encoding']);
    expect(await names('pump')).toEqual(['Infusion Pump']);
  });
});
