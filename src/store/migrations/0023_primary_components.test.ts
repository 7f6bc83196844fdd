/**
 * Migration 0022 on both dialects: an SBOM stored before it (its primary component only in
 * `metadata_json`) gets the rows an upload stores now (the primary component marked, its nested
 * components under it, ordinals below zero, the count raised), and the release's next refresh
 * analyses it again (analysis rules revision 2), so the primary component's findings appear with a
 * `new` event each. The database is put back to its state before 0022 (rows and column dropped,
 * release analysed under revision 1 as the code before it analysed it), then migrated again.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { osv, V31_HIGH, V31_MEDIUM } from '../../../test/support/vulns.js';
import { analyzeRelease, listReleaseFindings, listUnevaluated, refreshFindings, releaseEvents } from '../../services/findings.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { listComponents, releaseDocument, uploadSbom } from '../../services/sboms.js';
import { fixedVulnDbSource } from '../../services/vulndb-source.js';
import { memoryVulnDb } from '../../vulndb/memory-reader.js';

const primaryCdx = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: {
    component: {
      type: 'application',
      'bom-ref': 'app',
      name: 'bandkit',
      version: '1.0.7',
      purl: 'pkg:npm/bandkit@1.0.7',
      licenses: [{ license: { id: 'MIT' } }],
      components: [
        {
          type: 'library',
          'bom-ref': 'sub',
          name: 'base64url',
          version: '0.0.6',
          purl: 'pkg:npm/base64url@0.0.6',
          components: [{ type: 'file', 'bom-ref': 'deep', name: 'deep.bin', hashes: [{ alg: 'SHA-256', content: 'b'.repeat(64) }] }],
        },
      ],
    },
  },
  components: [{ type: 'library', 'bom-ref': 'x', name: 'django', version: '1.0.2', purl: 'pkg:pypi/django@1.0.2' }],
};

const source = fixedVulnDbSource(
  memoryVulnDb({
    advisories: [
      osv({ id: 'LWA-2026-0053', aliases: ['MAL-2026-4496'], summary: 'Malicious code in bandkit (npm)', affected: [{ package: { ecosystem: 'npm', name: 'bandkit' }, versions: ['1.0.7'] }] }),
      osv({ id: 'GHSA-rvg8-pwq2-xj7q', severity: [{ type: 'CVSS_V3', score: V31_HIGH }], affected: [{ package: { ecosystem: 'npm', name: 'base64url' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.0.0' }] }] }] }),
      osv({ id: 'PYSEC-2011-1', severity: [{ type: 'CVSS_V3', score: V31_MEDIUM }], affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.7' }] }] }] }),
    ],
  }),
);

describeEachDialect('migration 0022 (primary components)', (env) => {
  it('stores the primary component of SBOMs uploaded before it, and the next refresh analyses them', async () => {
    const { ctx, store, dialect } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const release = async (version: string) => {
      const r = await createRelease(ctx, t.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error('setup');
      return r.value.id;
    };
    const releaseId = await release('2.0.0');
    const plainId = await release('2.0.1');
    const up = await uploadSbom(ctx, t.editor, releaseId, { bytes: new TextEncoder().encode(JSON.stringify(primaryCdx)), fileName: 'primary.cdx.json', source: 'upload' });
    // An SBOM without a primary component: left as it is.
    const plain = await uploadSbom(ctx, t.editor, plainId, { bytes: new TextEncoder().encode(JSON.stringify({ ...primaryCdx, metadata: {} })), fileName: 'plain.cdx.json', source: 'upload' });
    if (!up.ok || !plain.ok) throw new Error('setup');
    expect([up.value.componentCount, plain.value.componentCount]).toEqual([4, 1]);
    const sort = { sort: 'name' as const, direction: 'asc' as const };
    const inventory = async () => {
      const list = await listComponents(ctx, t.viewer, releaseId, sort, { limit: 50, offset: 0 });
      if (!list.ok) throw new Error('list');
      const refOf = new Map(list.value.items.map((c) => [c.id, c.component.bomRef]));
      return { sbom: list.value.sbom?.componentCount, items: list.value.items.map((c) => ({ component: c.component, primary: c.primary, parent: c.parentId && refOf.get(c.parentId) })) };
    };
    const uploaded = await inventory();
    const document = await releaseDocument(ctx, t.viewer, releaseId);

    // As stored before 0022, and analysed by the code before it (revision 1): the listed component only.
    await sql`delete from components where ordinal < 0`.execute(store.db);
    await sql`update sboms set component_count = 1 where id = ${up.value.id}`.execute(store.db);
    const old = await analyzeRelease(ctx, t.editor, source, releaseId);
    expect(old.ok && old.value).toMatchObject({ components: 1, findings: 1, new: 1 });
    await sql`update release_analyses set rules_revision = 1`.execute(store.db);
    await sql`alter table components drop column is_primary`.execute(store.db);

    const result = await rerunMigration(store.db, dialect, '0023_primary_components');
    expect(result.error).toBeUndefined();
    expect(result.results?.map((x) => x.migrationName)).toEqual(['0023_primary_components']);
    // The rows an upload stores now, and the same document.
    expect(await inventory()).toEqual(uploaded);
    expect(await releaseDocument(ctx, t.viewer, releaseId)).toEqual(document);
    const ordinals = await store.db.selectFrom('components').select(['ordinal', 'is_primary', 'bom_ref']).where('sbom_id', '=', up.value.id).orderBy('ordinal').execute();
    expect(ordinals.map((r) => [Number(r.ordinal), Number(r.is_primary), r.bom_ref])).toEqual([[-3, 1, 'app'], [-2, 0, 'sub'], [-1, 0, 'deep'], [0, 0, 'x']]);
    const plainRows = await store.db.selectFrom('components').select('bom_ref').where('sbom_id', '=', plain.value.id).execute();
    expect(plainRows.map((r) => r.bom_ref)).toEqual(['x']);
    expect((await store.db.selectFrom('sboms').select('component_count').where('id', '=', plain.value.id).executeTakeFirstOrThrow()).component_count).toBe(1);

    // The next refresh analyses the release whole, once: the primary component's findings are new.
    const refreshed = await refreshFindings(ctx, t.editor, source);
    expect(refreshed.ok && refreshed.value).toMatchObject({ releases: 1, components: 4, new: 2, gone: 0 });
    const findings = await listReleaseFindings(ctx, t.viewer, releaseId, {}, { limit: 50, offset: 0 });
    expect(findings.ok && findings.value.page.items.map((f) => [f.componentName, f.vulnerabilityId, f.severity])).toEqual([
      ['bandkit', 'LWA-2026-0053', 'critical'],
      ['base64url', 'GHSA-rvg8-pwq2-xj7q', 'high'],
      ['django', 'PYSEC-2011-1', 'medium'],
    ]);
    const events = await releaseEvents(ctx, t.viewer, releaseId, { limit: 500, offset: 0 });
    expect(events.ok && events.value.items.map((e) => [e.kind, e.vulnerabilityId])).toEqual([
      ['new', 'PYSEC-2011-1'],
      ['new', 'LWA-2026-0053'],
      ['new', 'GHSA-rvg8-pwq2-xj7q'],
    ]);
    const unevaluated = await listUnevaluated(ctx, t.viewer, releaseId);
    expect(unevaluated.ok && unevaluated.value.map((u) => [u.name, u.reason])).toEqual([['deep.bin', 'no-identifier']]);
    const again = await refreshFindings(ctx, t.editor, source);
    expect(again.ok && again.value).toMatchObject({ releases: 0, new: 0 });
  });
});
