/**
 * The FDA support table of a release on both dialects: every component of the inventory (the
 * SBOM's primary and nested components, the manual ones), support data edited in mamori, empty
 * values, the date the status is decided for, and the CSV file.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { exportReleaseSupport, releaseSupport } from './release-support.js';
import { addManualComponent, listComponents, updateComponent, uploadSbom, type ComponentInput } from './sboms.js';

const manual = (overrides: Partial<ComponentInput>): ComponentInput => ({
  type: 'operating-system', name: 'VxWorks', version: '7', group: null, supplier: 'Wind River', purl: null, cpe: null,
  license: null, description: null, supportLevel: null, endOfSupport: null, ...overrides,
});

describeEachDialect('release support table', (env) => {
  let t: Tenant;
  let releaseId: string;
  let emptyReleaseId: string;

  beforeAll(async () => {
    const { ctx } = env();
    t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput({ name: '輸液ポンプ IP-300' }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: '2033-03-31', notes: '' });
    const e = await createRelease(ctx, t.editor, p.value.id, { version: '3.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok || !e.ok) throw new Error('setup');
    releaseId = r.value.id;
    emptyReleaseId = e.value.id;
    const up = await uploadSbom(ctx, t.editor, releaseId, { bytes: new Uint8Array(smallSbom), fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    // Support data recorded in mamori on an SBOM component, and two manual components.
    const list = await listComponents(ctx, t.viewer, releaseId, { q: 'requests', sort: 'name', direction: 'asc' }, { limit: 10, offset: 0 });
    if (!list.ok) throw new Error('setup');
    const edited = await updateComponent(ctx, t.editor, list.value.items[0]!.id, { supportLevel: 'no longer maintained' });
    const vx = await addManualComponent(ctx, t.editor, releaseId, manual({ supportLevel: '保守継続中', endOfSupport: '2026-12-31' }));
    const rtos = await addManualComponent(ctx, t.editor, releaseId, manual({ name: 'ThreadX', version: '6.4', supplier: null, cpe: 'cpe:2.3:o:microsoft:threadx:6.4:*:*:*:*:*:*:*' }));
    if (!edited.ok || !vx.ok || !rtos.ok) throw new Error('setup');
  });

  it('lists every component of the inventory, manual ones included, sorted, with its status as of the given date', async () => {
    const res = await releaseSupport(env().ctx, t.viewer, releaseId, { asOf: '2026-06-15' });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const d = res.value;
    expect(d.release).toMatchObject({ version: '2.1.0', releaseDate: '2026-04-01', endOfSupport: '2033-03-31' });
    expect(d.product).toMatchObject({ name: '輸液ポンプ IP-300', manufacturer: 'Example Medical K.K.' });
    expect(d.sbom?.fileName).toBe('bom.json');
    expect(d.table.asOf).toBe('2026-06-15');
    expect(d.table.rows.map((r) => [r.name, r.version, r.supplier, r.purl ?? r.cpe, r.supportLevel, r.endOfSupport, r.status, r.origin])).toEqual([
      ['FreeRTOS', '10.4.3', 'Amazon', 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*', null, null, 'no_support_information', 'sbom'],
      // Nested in FreeRTOS in the SBOM: listed like any other.
      ['FreeRTOS-Plus-TCP', '2.3.2', 'Amazon', null, null, null, 'no_support_information', 'sbom'],
      // The SBOM's primary component.
      ['Infusion pump firmware', '2.1.0', null, null, null, null, 'no_support_information', 'primary'],
      // The end-of-support date the SBOM carries.
      ['lodash', '4.17.20', 'OpenJS Foundation', 'pkg:npm/lodash@4.17.20', null, '2030-12-31', 'support_level_unknown', 'sbom'],
      // The level recorded in mamori on an SBOM component.
      ['requests', '2.31.0', null, 'pkg:pypi/requests@2.31.0', 'no longer maintained', null, 'not_maintained', 'sbom'],
      ['ThreadX', '6.4', null, 'cpe:2.3:o:microsoft:threadx:6.4:*:*:*:*:*:*:*', null, null, 'no_support_information', 'manual'],
      ['VxWorks', '7', 'Wind River', null, '保守継続中', '2026-12-31', 'ends_within_12_months', 'manual'],
    ]);
    expect(d.table.summary).toMatchObject({ total: 7, withoutInformation: 4, withoutSupportLevel: 5, withoutEndOfSupport: 5, pastEndOfSupport: 0 });
    expect(d.table.summary.byLevel.filter((l) => l.count > 0)).toEqual([
      { level: 'actively maintained', known: true, count: 1 },
      { level: 'no longer maintained', known: true, count: 1 },
      { level: null, known: false, count: 5 },
    ]);
    // A later date: VxWorks is past its end of support.
    const later = await releaseSupport(env().ctx, t.viewer, releaseId, { asOf: '2027-01-01' });
    if (!later.ok) throw new Error('later');
    expect(later.value.table.rows.find((r) => r.name === 'VxWorks')?.status).toBe('past_end_of_support');
    expect(later.value.table.summary.pastEndOfSupport).toBe(1);
  });

  it('decides the status for the day of the request when no date is given', async () => {
    const ctx = { ...env().ctx, clock: () => new Date('2031-02-03T23:30:00Z') };
    const res = await releaseSupport(ctx, t.viewer, releaseId);
    if (!res.ok) throw new Error('table');
    expect(res.value.table.asOf).toBe('2031-02-03');
    expect(res.value.generatedAt).toBe('2031-02-03T23:30:00.000Z');
    expect(res.value.table.rows.find((r) => r.name === 'lodash')?.status).toBe('past_end_of_support');
  });

  it('gives an empty table for a release without components, and refuses unknown releases and bad dates', async () => {
    const empty = await releaseSupport(env().ctx, t.viewer, emptyReleaseId, { asOf: '2026-06-15' });
    if (!empty.ok) throw new Error('empty');
    expect(empty.value.sbom).toBeNull();
    expect(empty.value.table.rows).toEqual([]);
    expect(empty.value.table.summary.total).toBe(0);
    const unknown = await releaseSupport(env().ctx, t.viewer, '0190f0f0-0000-7000-8000-000000000000');
    expect(unknown.ok ? null : unknown.error.code).toBe('release.not_found');
    const other = await seedTenant(env().ctx);
    const foreign = await releaseSupport(env().ctx, other.admin, releaseId);
    expect(foreign.ok ? null : foreign.error.code).toBe('release.not_found');
    const bad = await releaseSupport(env().ctx, t.viewer, releaseId, { asOf: '2026-02-30' });
    expect(bad.ok ? null : bad.error.code).toBe('request.invalid');
  });

  it('writes the CSV in the language asked for, named after the product and release', async () => {
    const ja = await exportReleaseSupport(env().ctx, t.viewer, releaseId, { format: 'csv', lang: 'ja', asOf: '2026-06-15' });
    if (!ja.ok) throw new Error(JSON.stringify(ja.error));
    expect(ja.value.fileName).toBe('component-support-輸液ポンプ IP-300-2.1.0.ja.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(ja.value.bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\ufeff"コンポーネント名","グループ","バージョン","供給者","purl","CPE","サポートレベル","サポート終了日","状況","由来"');
    expect(lines).toContain('"VxWorks","","7","Wind River","","","保守継続中","2026-12-31","12か月以内にサポート終了","手動"');
    expect(lines).toContain('"requests","","2.31.0","","pkg:pypi/requests@2.31.0","","保守終了","","供給者の保守なし","SBOM"');
    const en = await exportReleaseSupport(env().ctx, t.viewer, releaseId, { format: 'csv', lang: 'en', asOf: '2026-06-15' });
    if (!en.ok) throw new Error('en');
    const enText = new TextDecoder().decode(en.value.bytes);
    // The Japanese spelling of a known level in English words.
    expect(enText).toContain('"VxWorks","","7","Wind River","","","actively maintained","2026-12-31","Support ends within 12 months","Manual"');
    expect(enText).toContain('"Infusion pump firmware","","2.1.0","","","","","","No support information","SBOM (primary component)"');
    const html = await exportReleaseSupport(env().ctx, t.viewer, releaseId, { format: 'html', lang: 'en', asOf: '2026-06-15' });
    if (!html.ok) throw new Error('html');
    const page = new TextDecoder().decode(html.value.bytes);
    expect(page).toContain('<title>Software component support — 輸液ポンプ IP-300 2.1.0</title>');
    expect(page).toContain('Status as of');
    expect(page).toMatch(/<td>Past end of support<\/td><td class="num">0<\/td>/);
  });
});
