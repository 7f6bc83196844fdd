import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { component, type Component } from '../../core/sbom/model.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { releaseDocument, uploadSbom } from '../../services/sboms.js';
import { componentFromRow, componentRow } from './sboms.js';

const rowOf = (c: Component) => componentRow('org', 'rel', 'sbom', 0, { id: 'id', parentId: null, component: c }, '2026-01-01T00:00:00.000Z');
const { components: _children, ...flat } = component({ bomRef: 'x', name: 'x' });
void _children;

describe('component rows: columns plus the remaining fields as JSON', () => {
  const cases: [string, Component][] = [
    ['defaults only', component({ bomRef: 'a', name: 'a' })],
    [
      'columns only: supplier as a name, one plain licence expression',
      component({
        bomRef: 'pkg:npm/a@1', name: 'a', version: '1', group: 'g', type: 'framework', purl: 'pkg:npm/a@1', cpe: 'cpe:2.3:a:v:a:1:*:*:*:*:*:*:*',
        supplier: { name: 'S', url: [], contact: [] }, licenses: [{ expression: 'MIT', name: null, acknowledgement: null }],
        supportLevel: 'actively maintained', endOfSupport: '2030-12-31',
      }),
    ],
    ['supplier with url and contact', component({ bomRef: 'b', name: 'b', supplier: { name: 'S', url: ['https://s.example'], contact: [{ name: 'N', email: null, phone: null }] } })],
    ['supplier without a name', component({ bomRef: 'c', name: 'c', supplier: { name: null, url: ['https://s.example'], contact: [] } })],
    ['licence with an acknowledgement', component({ bomRef: 'd', name: 'd', licenses: [{ expression: 'MIT', name: null, acknowledgement: 'declared' }] })],
    ['licence by name', component({ bomRef: 'e', name: 'e', licenses: [{ expression: null, name: 'Custom', acknowledgement: null }] })],
    ['licence without expression or name', component({ bomRef: 'e2', name: 'e2', licenses: [{ expression: null, name: null, acknowledgement: null }] })],
    [
      'several licences',
      component({ bomRef: 'f', name: 'f', licenses: [{ expression: 'MIT', name: null, acknowledgement: null }, { expression: 'Apache-2.0 OR MIT', name: null, acknowledgement: null }] }),
    ],
    [
      'every other field',
      component({
        bomRef: 'g', name: 'g', author: 'A', publisher: 'P', swid: { tagId: 't', name: 'n', version: null },
        hashes: [{ alg: 'SHA-256', content: 'ab' }], scope: 'optional', description: 'd', copyright: '(c)',
        externalReferences: [{ type: 'website', url: 'https://x.example', comment: null, hashes: [] }], properties: [{ name: 'k', value: 'v' }],
      }),
    ],
  ];
  for (const [name, c] of cases)
    it(`reads back what was written: ${name}`, () => {
      const row = rowOf(c);
      const back = componentFromRow(row);
      expect(back).toEqual(c);
      expect(Object.keys(back).sort()).toEqual(Object.keys(c).sort());
    });

  it('keeps in data_json only what the columns cannot restore', () => {
    expect(rowOf(cases[1]![1]).data_json).toBe('{}');
    expect(JSON.parse(rowOf(cases[8]![1]).data_json)).not.toHaveProperty('bomRef');
  });

  it('reads rows written with the whole component in data_json (earlier layout)', () => {
    const c = component({ bomRef: 'h', name: 'h', supplier: { name: 'S', url: [], contact: [] }, licenses: [{ expression: 'MIT', name: null, acknowledgement: null }], description: 'old' });
    const { components: _nested, ...whole } = c;
    void _nested;
    const row = { ...rowOf(c), data_json: JSON.stringify(whole) };
    expect(componentFromRow(row)).toEqual(c);
    expect(Object.keys(flat).every((k) => k in componentFromRow(row))).toBe(true);
  });
});

describeEachDialect('SBOM storage layouts', (env) => {
  let t: Tenant;
  let releaseId: string;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    const p = await createProduct(env().ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env().ctx, t.editor, p.value.id, { version: '1', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
  });

  it('rebuilds the same document from rows of the earlier layout (whole JSON, one row per edge)', async () => {
    const { ctx } = env();
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
    const up = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const current = await releaseDocument(ctx, t.viewer, releaseId);
    if (!current.ok) throw new Error('document');
    expect(current.value.document.dependencies.length).toBeGreaterThan(0);

    // Rewrite the stored SBOM as the earlier layout wrote it.
    const db = ctx.store.db;
    const rows = await db.selectFrom('components').selectAll().where('sbom_id', '=', up.value.id).execute();
    for (const row of rows) {
      const { components: _nested, ...whole } = componentFromRow(row);
      void _nested;
      await db.updateTable('components').set({ data_json: JSON.stringify(whole) }).where('id', '=', row.id).execute();
    }
    await sql`delete from sbom_dependencies where sbom_id = ${up.value.id}`.execute(db);
    for (const d of [...current.value.document.dependencies].reverse())
      for (const target of d.dependsOn.length === 0 ? [''] : d.dependsOn)
        await db.insertInto('component_dependencies').values({ sbom_id: up.value.id, ref: d.ref, depends_on: target }).execute();

    const legacy = await releaseDocument(ctx, t.viewer, releaseId);
    if (!legacy.ok) throw new Error('document');
    expect(legacy.value.document).toEqual(current.value.document);
  });

  it('keeps the BOM-level external references with the metadata; an SBOM stored before them has none', async () => {
    const { ctx } = env();
    const doc = JSON.parse(readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const references = [
      { type: 'security-contact', url: 'mailto:psirt@example.com' },
      { type: 'bom', url: 'https://example.com/sbom/pump.cdx.json', comment: 'published copy', hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }] },
    ];
    const bytes = new TextEncoder().encode(JSON.stringify({ ...doc, externalReferences: references }));
    const up = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const current = await releaseDocument(ctx, t.viewer, releaseId);
    if (!current.ok) throw new Error('document');
    expect(current.value.document.metadata.externalReferences).toEqual([
      { type: 'security-contact', url: 'mailto:psirt@example.com', comment: null, hashes: [] },
      { type: 'bom', url: 'https://example.com/sbom/pump.cdx.json', comment: 'published copy', hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }] },
    ]);

    // The metadata as it was stored before the field existed.
    const db = ctx.store.db;
    const row = await db.selectFrom('sboms').select('metadata_json').where('id', '=', up.value.id).executeTakeFirstOrThrow();
    const { externalReferences: _dropped, ...older } = JSON.parse(row.metadata_json) as Record<string, unknown>;
    void _dropped;
    await db.updateTable('sboms').set({ metadata_json: JSON.stringify(older) }).where('id', '=', up.value.id).execute();
    const legacy = await releaseDocument(ctx, t.viewer, releaseId);
    if (!legacy.ok) throw new Error('document');
    expect(legacy.value.document.metadata).toEqual({ ...current.value.document.metadata, externalReferences: [] });
  });
});
