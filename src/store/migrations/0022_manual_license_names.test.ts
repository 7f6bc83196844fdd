/**
 * Migration 0022 on both dialects: a manual component stored with a licence name as its "expression"
 * (as every licence typed on the form was before) gets it as a licence name, and exports it as one;
 * an SPDX expression on a manual component and anything on an SBOM component stay as they were.
 */
import { expect, it } from 'vitest';
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { exportRelease } from '../../services/sbom-reports.js';
import { addManualComponent, releaseDocument, uploadSbom, type ComponentInput } from '../../services/sboms.js';

describeEachDialect('migration 0022 (manual licence names)', (env) => {
  it('turns the stored non-expression licences of manual components into names', async () => {
    const { ctx, store, dialect } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    // An SBOM component whose document states a free-text "expression": the supplier's statement, kept.
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'lib', name: 'lib', licenses: [{ expression: 'Some Vendor Licence' }] }] };
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'b.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const input = (name: string, license: string | null): ComponentInput => ({
      type: 'operating-system', name, version: '1', group: null, supplier: null, purl: null, cpe: null, license, description: null, supportLevel: null, endOfSupport: null,
    });
    const ids: Record<string, string> = {};
    for (const [name, license] of [['VxWorks', 'Wind River Commercial License'], ['QNX', 'Apache-2.0 OR MIT'], ['Bare', null]] as const) {
      const added = await addManualComponent(ctx, t.editor, r.value.id, input(name, license));
      if (!added.ok) throw new Error('setup');
      ids[name] = added.value.id;
    }
    // VxWorks as it was stored before: its licence text as an expression.
    await store.db
      .updateTable('components')
      .set({ data_json: JSON.stringify({ licenses: [{ expression: 'Wind River Commercial License', name: null, acknowledgement: 'concluded' }] }) })
      .where('id', '=', ids.VxWorks!)
      .execute();
    const before = await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute();

    const result = await rerunMigration(store.db, dialect, '0022_manual_license_names');
    expect(result.error).toBeUndefined();
    expect(result.results?.map((x) => x.migrationName)).toEqual(['0022_manual_license_names']);

    const after = await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute();
    // Only VxWorks changed, and only its data_json.
    expect(after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]))).toEqual([
      { id: ids.VxWorks, license: 'Wind River Commercial License', data_json: expect.any(String) as unknown },
    ]);
    const loaded = await releaseDocument(ctx, t.viewer, r.value.id);
    if (!loaded.ok) throw new Error('load');
    const licenses = (name: string) => loaded.value.document.components.find((c) => c.name === name)?.licenses;
    expect(licenses('VxWorks')).toEqual([{ expression: null, name: 'Wind River Commercial License', acknowledgement: 'concluded' }]);
    expect(licenses('QNX')).toEqual([{ expression: 'Apache-2.0 OR MIT', name: null, acknowledgement: 'concluded' }]);
    expect(licenses('lib')).toEqual([{ expression: 'Some Vendor Licence', name: null, acknowledgement: null }]);
    const exported = await exportRelease(ctx, t.viewer, r.value.id, { target: 'spdx-2.3-json', variant: 'hospital' });
    if (!exported.ok) throw new Error('export');
    const spdx = JSON.parse(exported.value.text) as { packages: { name: string; licenseConcluded: string }[]; hasExtractedLicensingInfos: { licenseId: string; name?: string }[] };
    const ref = spdx.packages.find((x) => x.name === 'VxWorks')!.licenseConcluded;
    expect(ref).toMatch(/^LicenseRef-/);
    expect(spdx.hasExtractedLicensingInfos).toContainEqual(expect.objectContaining({ licenseId: ref, name: 'Wind River Commercial License' }));

    // Run twice (an interrupted upgrade): nothing more changes.
    await rerunMigration(store.db, dialect, '0022_manual_license_names');
    expect(await store.db.selectFrom('components').select(['id', 'license', 'data_json']).orderBy('id').execute()).toEqual(after);
  });
});
