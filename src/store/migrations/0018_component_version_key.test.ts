/**
 * Migration 0018 on both dialects: components stored before it (no `version_key`) get the key
 * `versionSortKey` gives their version, so the inventory sorts them like new rows. The database is
 * put back to its state before 0018 (column dropped, migration unrecorded) with components in it,
 * then migrated again.
 */
import { sql } from 'kysely';
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { versionSortKey } from '../../core/sbom/version-sort-key.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { listComponents, uploadSbom } from '../../services/sboms.js';

describeEachDialect('migration 0018 (component version key)', (env) => {
  it('fills the key of every stored component (in pages on PostgreSQL)', async () => {
    const { ctx, store, dialect } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    // More than one page of 5,000 rows, with versions whose text order is not their natural order.
    const versions = Array.from({ length: 5_003 }, (_, i) => (i === 5_002 ? null : `${i % 20}.${i % 7}.${i}`));
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: versions.map((v, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `c${i % 3}`, ...(v === null ? {} : { version: v }) })),
    };
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'v.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));

    await sql`alter table components drop column version_key`.execute(store.db);
    // Run again as an installation upgraded from before it runs it.
    const result = await rerunMigration(store.db, dialect, '0018_component_version_key');
    expect(result.error).toBeUndefined();
    expect(result.results?.map((x) => x.migrationName)).toEqual(['0018_component_version_key']);

    const rows = await store.db.selectFrom('components').select(['version', 'version_key']).where('sbom_id', '=', up.value.id).execute();
    expect(rows).toHaveLength(5_003);
    expect(rows.filter((x) => x.version_key !== versionSortKey(x.version))).toEqual([]);
    expect(rows.filter((x) => x.version_key === null)).toHaveLength(1);

    // The natural order, which is not the text order for these versions.
    const expected = versions
      .filter((v, i): v is string => v !== null && i % 3 === 0)
      .sort((a, b) => (versionSortKey(a)! < versionSortKey(b)! ? 1 : -1))
      .slice(0, 3);
    const asText = versions.filter((v, i): v is string => v !== null && i % 3 === 0).sort().reverse().slice(0, 3);
    expect(expected).toEqual(['19.6.4899', '19.6.4479', '19.6.4059']);
    expect(asText).not.toEqual(expected);
    const page = await listComponents(ctx, t.viewer, r.value.id, { sort: 'version', direction: 'desc', q: 'c0' }, { limit: 3, offset: 0 });
    expect(page.ok && page.value.items.map((c) => c.component.version)).toEqual(expected);
  });
});
