/**
 * Migration 0024 on both dialects: a manual component stored with a word that parses as an SPDX
 * expression but is not on the SPDX License List (`Proprietary`, as every such licence typed on the
 * form was stored before) gets it as a licence name, and exports it as one; an expression with
 * listed ids on a manual component and anything on an SBOM component stay as they were.
 */
import { expect, it } from 'vitest';
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { exportRelease } from '../../services/sbom-reports.js';
import { addManualComponent, releaseDocument, uploadSbom, type ComponentInput } from '../../services/sboms.js';

describeEachDialect('migration 0024 (manual licence ids on the SPDX License List)', (env) => {
  it('turns the stored expressions with unlisted ids of manual components into names', async () => {
    const { ctx, store, dialect } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    // An SBOM component whose document states an unlisted id as its expression: the supplier's statement, kept.
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'lib', name: 'lib', licenses: [{ expression: 'Proprietary' }] }] };
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'b.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const input = (name: string, license: string | null): ComponentInput => ({
      type: 'operating-system', name, version: '1', group: null, supplier: null, purl: null, cpe: null, license, description: null, supportLevel: null, endOfSupport: null,
    });
    const ids: Record<string, string> = {};
    for (const [name, license] of [['VxWorks', 'Proprietary'], ['Linux', 'MIT OR Commercial'], ['QNX', 'Apache-2.0 OR MIT'], ['Old', 'mit'], ['Bare', null]] as const) {
      const added = await addManualComponent(ctx, t.editor, r.value.id, input(name, license));
      if (!added.ok) throw new Error('setup');
      ids[name] = added.value.id;
    }
    // As they were stored before: the text as an expression (and `mit` in the spelling typed).
    for (const [name, text] of [['VxWorks', 'Proprietary'], ['Linux', 'MIT OR Commercial'], ['Old', 'mit']] as const)
      await store.db
        .updateTable('components')
        .set({ data_json: JSON.stringify({ licenses: [{ expression: text, name: null, acknowledgement: 'concluded' }] }) })
        .where('id', '=', ids[name]!)
        .execute();
    const before = await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute();

    const result = await rerunMigration(store.db, dialect, '0024_manual_license_ids');
    expect(result.error).toBeUndefined();
    expect(result.results?.map((x) => x.migrationName)).toEqual(['0024_manual_license_ids']);

    const after = await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute();
    // Only VxWorks and Linux changed, and only their data_json.
    const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]));
    expect(changed.map((row) => row.id).sort()).toEqual([ids.VxWorks, ids.Linux].sort());
    for (const row of changed) expect(before.find((b) => b.id === row.id)?.license).toBe(row.license);
    const loaded = await releaseDocument(ctx, t.viewer, r.value.id);
    if (!loaded.ok) throw new Error('load');
    const licenses = (name: string) => loaded.value.document.components.find((c) => c.name === name)?.licenses;
    expect(licenses('VxWorks')).toEqual([{ expression: null, name: 'Proprietary', acknowledgement: 'concluded' }]);
    expect(licenses('Linux')).toEqual([{ expression: null, name: 'MIT OR Commercial', acknowledgement: 'concluded' }]);
    expect(licenses('QNX')).toEqual([{ expression: 'Apache-2.0 OR MIT', name: null, acknowledgement: 'concluded' }]);
    expect(licenses('Old')).toEqual([{ expression: 'mit', name: null, acknowledgement: 'concluded' }]);
    expect(licenses('lib')).toEqual([{ expression: 'Proprietary', name: null, acknowledgement: null }]);
    const exported = await exportRelease(ctx, t.viewer, r.value.id, { target: 'cyclonedx-1.6-json', variant: 'hospital' });
    if (!exported.ok) throw new Error('export');
    const cdx = JSON.parse(exported.value.text) as { components: { name: string; licenses?: unknown[] }[] };
    expect(cdx.components.find((c) => c.name === 'VxWorks')?.licenses).toEqual([{ license: { name: 'Proprietary', acknowledgement: 'concluded' } }]);

    // Run twice (an interrupted upgrade): nothing more changes.
    await rerunMigration(store.db, dialect, '0024_manual_license_ids');
    expect(await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute()).toEqual(after);
  });
});
