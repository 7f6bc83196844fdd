/**
 * SBOM inventory on both dialects: upload keeps the original and its hash, nothing partial is
 * stored for a bad document, inventory listing, manual components, support data edits.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { countComponents } from '../core/sbom/model.js';
import { defaultSbomLimits } from '../core/sbom/diagnostics.js';
import { listAudit } from './audit.js';
import { createProduct, listProducts, setProductArchived } from './products.js';
import { uploadSbomForProject } from './dependency-track-upload.js';
import { createRelease } from './releases.js';
import {
  addManualComponent,
  checkSbom,
  deleteManualComponent,
  getSbom,
  getSbomOriginal,
  listComponents,
  releaseDocument,
  updateComponent,
  uploadSbom,
} from './sboms.js';
import { readSbomOffThread } from './sbom-read-offload.js';
import { releaseQuality } from './sbom-reports.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url));
const bytes = new Uint8Array(fixture);
const sort = { sort: 'name' as const, direction: 'asc' as const };

describeEachDialect('SBOM inventory', (env) => {
  let t: Tenant;
  let releaseId: string;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    const p = await createProduct(env().ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env().ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
  });

  /** A new product with one release in development, for tests that need their own. */
  async function newRelease(tenant: Tenant, version: string): Promise<{ productId: string; releaseId: string }> {
    const p = await createProduct(env().ctx, tenant.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env().ctx, tenant.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    return { productId: p.value.id, releaseId: r.value.id };
  }

  it('stores the original byte for byte with its SHA-256, and the normalised components', async () => {
    const { ctx } = env();
    const result = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'bom.json', source: 'upload' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // The four listed components and the primary one (metadata.component): the inventory's count.
    expect(result.value).toMatchObject({ format: 'cyclonedx', specVersion: '1.6', encoding: 'json', componentCount: 5, sha256: createHash('sha256').update(bytes).digest('hex') });
    const original = await getSbomOriginal(ctx, t.viewer, result.value.id);
    expect(original.ok && Buffer.from(original.value.bytes).equals(fixture)).toBe(true);

    const list = await listComponents(ctx, t.viewer, releaseId, sort, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('list');
    expect(list.value.total).toBe(5);
    expect(list.value.items.map((c) => c.component.name)).toEqual(['FreeRTOS', 'FreeRTOS-Plus-TCP', 'Infusion pump firmware', 'lodash', 'requests']);
    expect(list.value.items.filter((c) => c.primary).map((c) => [c.component.bomRef, c.origin, c.parentId])).toEqual([['device', 'sbom', null]]);
    const lodash = list.value.items.find((c) => c.component.name === 'lodash')!;
    expect(lodash.component).toMatchObject({ purl: 'pkg:npm/lodash@4.17.20', endOfSupport: '2030-12-31', supplier: { name: 'OpenJS Foundation' } });
    const tcp = list.value.items.find((c) => c.component.name === 'FreeRTOS-Plus-TCP')!;
    expect(tcp.parentId).toBe(list.value.items.find((c) => c.component.name === 'FreeRTOS')!.id);

    const search = await listComponents(ctx, t.viewer, releaseId, { ...sort, q: 'FREERTOS' }, { limit: 50, offset: 0 });
    expect(search.ok && search.value.total).toBe(2);
    const byType = await listComponents(ctx, t.viewer, releaseId, { ...sort, type: 'operating-system' }, { limit: 50, offset: 0 });
    expect(byType.ok && byType.value.items.map((c) => c.component.name)).toEqual(['FreeRTOS']);

    const audit = await listAudit(ctx, t.admin, { entityType: 'sbom' }, { limit: 5, offset: 0 });
    expect(audit.ok && audit.value.items[0]).toMatchObject({ action: 'sbom.upload', entityId: result.value.id });
  });

  it('keeps a large SBOM compressed and gives back the original byte for byte', async () => {
    const { ctx } = env();
    const { releaseId: ownRelease } = await newRelease(t, '9.9.9');
    const components = Array.from({ length: 1500 }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `component-${i}`, version: '1.0.0', purl: `pkg:npm/component-${i}@1.0.0` }));
    // Pretty-printed, as build tools write it: the stored copy must keep the whitespace too.
    const large = new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }, null, 2));
    expect(large.byteLength).toBeGreaterThan(64 * 1024);
    const up = await uploadSbom(ctx, t.editor, ownRelease, { bytes: large, fileName: 'large.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    expect(up.value).toMatchObject({ componentCount: 1500, sizeBytes: large.byteLength, sha256: createHash('sha256').update(large).digest('hex') });
    const row = await ctx.store.db.selectFrom('blobs').select(['encoding']).where('sha256', '=', up.value.sha256).executeTakeFirstOrThrow();
    expect(row.encoding).toBe('deflate-raw');
    const original = await getSbomOriginal(ctx, t.viewer, up.value.id);
    expect(original.ok && Buffer.from(original.value.bytes).equals(Buffer.from(large))).toBe(true);
  });

  it('keeps a large dependency graph compressed among the stored files and rebuilds it exactly', async () => {
    const { ctx } = env();
    const { releaseId: ownRelease } = await newRelease(t, '9.9.8');
    const n = 3000;
    const components = Array.from({ length: n }, (_, i) => ({ type: 'library', 'bom-ref': `ref-${i}-部品`, name: `component-${i}`, version: '1.0.0' }));
    const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i === 0 ? [] : [`ref-${i >> 1}-部品`, ...(i % 7 === 0 ? [`ref-${i - 1}-部品`] : [])] }));
    const bom = new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, dependencies }));
    const up = await uploadSbom(ctx, t.editor, ownRelease, { bytes: bom, fileName: 'graph.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const stored = await sql<{ dependencies_json: string; dependencies_sha256: string | null }>`select dependencies_json, dependencies_sha256 from sbom_dependencies where sbom_id = ${up.value.id}`.execute(ctx.store.db);
    expect(stored.rows[0]?.dependencies_json).toBe('');
    expect(stored.rows[0]?.dependencies_sha256).toMatch(/^[0-9a-f]{64}$/);
    const blob = await ctx.store.db.selectFrom('blobs').select(['encoding']).where('sha256', '=', stored.rows[0]!.dependencies_sha256!).executeTakeFirstOrThrow();
    expect(blob.encoding).toBe('deflate-raw');
    const doc = await releaseDocument(ctx, t.viewer, ownRelease);
    if (!doc.ok) throw new Error('document');
    const sorted = [...dependencies].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    expect(doc.value.document.dependencies).toEqual(sorted);
  });

  it('rebuilds the document with nesting and dependencies', async () => {
    const doc = await releaseDocument(env().ctx, t.viewer, releaseId);
    if (!doc.ok) throw new Error('doc');
    const rtos = doc.value.document.components.find((c) => c.name === 'FreeRTOS')!;
    expect(rtos.components.map((c) => c.name)).toEqual(['FreeRTOS-Plus-TCP']);
    expect(doc.value.document.dependencies).toEqual(expect.arrayContaining([{ ref: 'rtos', dependsOn: ['rtos-tcp'] }]));
    expect(doc.value.document.metadata.component?.name).toBe('Infusion pump firmware');
  });

  it("stores the primary component and its nested components as rows, marked; the document gets them back as metadata.component (QA PSIRT H2)", async () => {
    const { ctx } = env();
    const { releaseId: own } = await newRelease(t, '2.0.0');
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      metadata: {
        component: {
          type: 'application', 'bom-ref': 'app', name: 'bandkit', version: '1.0.7', purl: 'pkg:npm/bandkit@1.0.7',
          components: [{ type: 'library', 'bom-ref': 'sub', name: 'base64url', version: '0.0.6', purl: 'pkg:npm/base64url@0.0.6', hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] }],
        },
      },
      components: [{ type: 'library', 'bom-ref': 'x', name: 'django', version: '1.0.2', purl: 'pkg:pypi/django@1.0.2' }],
      dependencies: [{ ref: 'app', dependsOn: ['sub', 'x'] }],
    };
    const upload = { bytes: new TextEncoder().encode(JSON.stringify(bom)), fileName: 'primary.cdx.json', source: 'upload' as const };
    const up = await uploadSbom(ctx, t.editor, own, upload);
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    expect(up.value.componentCount).toBe(3);
    const list = await listComponents(ctx, t.viewer, own, sort, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('list');
    const rows = new Map(list.value.items.map((c) => [c.component.bomRef, c]));
    expect(list.value.total).toBe(3);
    expect([...rows.values()].map((c) => [c.component.bomRef, c.primary, c.origin])).toEqual([['app', true, 'sbom'], ['sub', false, 'sbom'], ['x', false, 'sbom']]);
    expect(rows.get('sub')!.parentId).toBe(rows.get('app')!.id);
    expect(rows.get('x')!.parentId).toBeNull();

    // The document as read, the primary component in its metadata and not among the components;
    // support data entered on the primary component is part of it.
    const before = await releaseDocument(ctx, t.viewer, own);
    if (!before.ok) throw new Error('document');
    const read = checkSbom(upload);
    if (!read.ok) throw new Error('read');
    expect(before.value.document.metadata.component).toEqual(read.value.document.metadata.component);
    expect(before.value.document.components).toEqual(read.value.document.components);
    const edited = await updateComponent(ctx, t.editor, rows.get('app')!.id, { supportLevel: 'security fixes only' });
    expect(edited.ok && edited.value.primary).toBe(true);
    const after = await releaseDocument(ctx, t.viewer, own);
    expect(after.ok && after.value.document.metadata.component).toMatchObject({ bomRef: 'app', supportLevel: 'security fixes only', components: [{ bomRef: 'sub' }] });
    const again = await listComponents(ctx, t.viewer, own, { ...sort, q: 'bandkit' }, { limit: 5, offset: 0 });
    expect(again.ok && again.value.items.map((c) => c.primary)).toEqual([true]);

    // The next SBOM of the release keeps the support data of the same primary component.
    expect((await uploadSbom(ctx, t.editor, own, { ...upload, fileName: 'again.cdx.json' })).ok).toBe(true);
    const next = await listComponents(ctx, t.viewer, own, { ...sort, q: 'bandkit' }, { limit: 5, offset: 0 });
    expect(next.ok && next.value.items.map((c) => [c.primary, c.component.supportLevel])).toEqual([[true, 'security fixes only']]);
  });

  it('refuses a broken document whole, storing nothing', async () => {
    const { ctx, store } = env();
    const before = await store.db.selectFrom('sboms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const broken = new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'spaceship', name: 'x' }] }));
    const result = await uploadSbom(ctx, t.editor, releaseId, { bytes: broken, fileName: 'bad.json', source: 'upload' });
    expect(result).toMatchObject({ ok: false, error: { code: 'sbom.invalid' } });
    const notJson = await uploadSbom(ctx, t.editor, releaseId, { bytes: new TextEncoder().encode('hello'), fileName: 'x.txt', source: 'upload' });
    expect(notJson.ok).toBe(false);
    const after = await store.db.selectFrom('sboms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await uploadSbom(ctx, t.viewer, releaseId, { bytes, fileName: 'bom.json', source: 'upload' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('records the counts and the warnings found while the components were stored, as checkSbom reports them', async () => {
    const { ctx } = env();
    const { releaseId: ownRelease } = await newRelease(t, '9.9.7');
    // Warnings from parsing (a prototype key removed), from the end (a dangling dependency), nested
    // components and a generated bom-ref.
    const components = Array.from({ length: 40 }, (_, i) => ({
      type: 'library',
      ...(i === 7 ? {} : { 'bom-ref': `c${i}` }),
      name: `component-${i}`,
      version: '1.0.0',
      ...(i === 20 ? { components: [{ type: 'library', 'bom-ref': 'n1', name: 'nested', components: [{ type: 'file', 'bom-ref': 'n2', name: 'deeper' }] }] } : {}),
    }));
    const dependencies = [{ ref: 'c0', dependsOn: ['c1', 'n1', 'nowhere'] }, { ref: 'n1', dependsOn: ['n2'] }];
    const text = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, dependencies }).replace('"name":"component-3"', '"__proto__":{"polluted":true},"name":"component-3"');
    const upload = { bytes: new TextEncoder().encode(text), fileName: 'warn.json', source: 'upload' as const };
    const checked = checkSbom(upload);
    if (!checked.ok) throw new Error(JSON.stringify(checked.error));
    expect(checked.value.diagnostics.map((d) => d.code)).toEqual(['json.forbidden_key', 'dependency.dangling']);
    const up = await uploadSbom(ctx, t.editor, ownRelease, upload);
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    expect(up.value).toMatchObject({ componentCount: countComponents(checked.value.document), dependencyCount: 4, diagnostics: checked.value.diagnostics });
    expect(up.value.componentCount).toBe(42);
    const stored = await getSbom(ctx, t.viewer, up.value.id);
    expect(stored.ok && stored.value).toEqual(up.value);
    const audit = await listAudit(ctx, t.admin, { entityType: 'sbom' }, { limit: 1, offset: 0 });
    expect(audit.ok && audit.value.items[0]).toMatchObject({ entityId: up.value.id, after: { componentCount: 42, dependencyCount: 4 } });
    const doc = await releaseDocument(ctx, t.viewer, ownRelease);
    expect(doc.ok && doc.value.document.components.map((c) => c.bomRef)).toEqual(checked.value.document.components.map((c) => c.bomRef));
  });

  it('a large document the schema refuses only at its last component is refused whole, as checkSbom refuses it', async () => {
    const { ctx, store } = env();
    const count = async (table: 'sboms' | 'components' | 'blobs' | 'audit_log') =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { sboms: await count('sboms'), components: await count('components'), blobs: await count('blobs'), audit: await count('audit_log') };
    const components: Record<string, unknown>[] = Array.from({ length: 3000 }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `component-${i}`, version: '1.0.0', purl: `pkg:npm/component-${i}@1.0.0` }));
    // Maps cleanly (the mapper keeps hashes as they are), but the schema wants 32 hex digits for MD5.
    components[2999] = { ...components[2999], hashes: [{ alg: 'MD5', content: 'not-a-digest' }] };
    const upload = { bytes: new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components })), fileName: 'late-error.json', source: 'upload' as const };
    const result = await uploadSbom(ctx, t.editor, releaseId, upload);
    expect(result).toMatchObject({ ok: false, error: { code: 'sbom.invalid' } });
    expect(result).toEqual(checkSbom(upload));
    expect(JSON.stringify(result)).toContain('/components/2999/hashes/0/content');
    expect({ sboms: await count('sboms'), components: await count('components'), blobs: await count('blobs'), audit: await count('audit_log') }).toEqual(before);
  });

  it('adds, edits and removes manual components; SBOM components take only support edits', async () => {
    const { ctx } = env();
    const manual = await addManualComponent(ctx, t.editor, releaseId, {
      type: 'operating-system', name: 'Windows 10 IoT Enterprise LTSC', version: '2021', group: null, supplier: 'Microsoft',
      purl: null, cpe: 'cpe:2.3:o:microsoft:windows_10_iot_enterprise_ltsc:2021:*:*:*:*:*:*:*', license: null, description: null,
      supportLevel: 'actively maintained', endOfSupport: '2032-01-13',
    });
    if (!manual.ok) throw new Error(JSON.stringify(manual.error));
    const bad = await addManualComponent(ctx, t.editor, releaseId, { type: 'firmware', name: '', version: null, group: null, supplier: null, purl: 'npm/x', cpe: 'cpe:bad', license: null, description: null, supportLevel: null, endOfSupport: '2032-13-01' });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.path)).toEqual(['name', 'purl', 'cpe', 'endOfSupport']);

    const list = await listComponents(ctx, t.viewer, releaseId, { ...sort, origin: 'manual' }, { limit: 50, offset: 0 });
    expect(list.ok && list.value.items.map((c) => c.component.name)).toEqual(['Windows 10 IoT Enterprise LTSC']);
    const edited = await updateComponent(ctx, t.editor, manual.value.id, { version: '2021.1', endOfSupport: null });
    expect(edited.ok && edited.value.component).toMatchObject({ version: '2021.1', endOfSupport: null });

    const all = await listComponents(ctx, t.viewer, releaseId, sort, { limit: 50, offset: 0 });
    const fromSbom = all.ok ? all.value.items.find((c) => c.component.name === 'requests')! : undefined;
    expect(await updateComponent(ctx, t.editor, fromSbom!.id, { name: 'evil' })).toMatchObject({ ok: false, error: { code: 'component.not_manual' } });
    const support = await updateComponent(ctx, t.editor, fromSbom!.id, { supportLevel: 'no longer maintained', endOfSupport: '2026-06-30' });
    expect(support.ok && support.value.component).toMatchObject({ supportLevel: 'no longer maintained', endOfSupport: '2026-06-30', name: 'requests' });
    expect(await deleteManualComponent(ctx, t.editor, fromSbom!.id)).toMatchObject({ ok: false, error: { code: 'component.not_manual' } });
    expect((await deleteManualComponent(ctx, t.editor, manual.value.id)).ok).toBe(true);
  });

  it('refuses a manual purl or CPE by the rule the Quality tab applies, with a code per problem (QA sbomra 1, 2, 4)', async () => {
    const { ctx } = env();
    const { releaseId: own } = await newRelease(t, '1.0.0');
    const add = (name: string, ids: { purl?: string; cpe?: string }) =>
      addManualComponent(ctx, t.editor, own, {
        type: 'operating-system', name, version: null, group: null, supplier: null, purl: ids.purl ?? null, cpe: ids.cpe ?? null,
        license: null, description: null, supportLevel: null, endOfSupport: null,
      });
    const refused = async (name: string, ids: { purl?: string; cpe?: string }) => {
      const r = await add(name, ids);
      return r.ok ? null : { code: r.error.code, issues: r.error.issues };
    };
    expect(await refused('T6', { purl: 'pkg:npm/%zz@1' })).toMatchObject({ code: 'component.invalid', issues: [{ path: 'purl', code: 'purl.escape' }] });
    expect(await refused('T7', { purl: 'pkg:generic/murata/wifi fw@2.1 build 7' })).toMatchObject({ issues: [{ path: 'purl', code: 'purl.whitespace' }] });
    expect(await refused('T8', { purl: 'pkg:1x/foo@1' })).toMatchObject({ issues: [{ path: 'purl', code: 'purl.type' }] });
    expect(await refused('VxWorks', { cpe: 'cpe:2.3:o:windriver:vxworks' })).toMatchObject({ issues: [{ path: 'cpe', code: 'cpe.field_count', args: { found: 5 } }] });
    expect(await refused('T9', { cpe: 'cpe:2.3:a::qt:5.15.2:*:*:*:*:*:*:*' })).toMatchObject({ issues: [{ path: 'cpe', code: 'cpe.invalid_value', args: { attribute: 'vendor', variant: 'empty' } }] });

    // Accepted: an escaped colon inside a CPE 2.3 field, a CPE 2.2 URI, purls the quality check passes (spaces around are trimmed).
    const added: string[] = [];
    for (const [name, ids] of [
      ['Qt', { cpe: 'cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*' }],
      ['VxWorks', { cpe: 'cpe:/o:windriver:vxworks:7.0' }],
      ['wifi-fw', { purl: ' pkg:generic/murata/wifi%20fw@2.1%20build%207 ' }],
      ['angular', { purl: 'pkg:npm/%40angular/core@17.0.0', cpe: 'cpe:2.3:a:angular:angular:17.0.0:*:*:*:*:node.js:*:*' }],
    ] as const) {
      const r = await add(name, ids);
      expect([name, r.ok ? 'added' : r.error.issues]).toEqual([name, 'added']);
      added.push(r.ok ? r.value.id : '');
    }
    const edited = await updateComponent(ctx, t.editor, added[0]!, { purl: 'pkg:npm/%zz@1' });
    expect(edited).toMatchObject({ ok: false, error: { code: 'component.invalid', issues: [{ path: 'purl', code: 'purl.escape' }] } });

    // What the form and the API take, the Quality tab passes.
    const report = await releaseQuality(ctx, t.viewer, own, 'ntia-2021');
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    expect(report.value.checks.find((c) => c.id === 'component.identifier.syntax')).toMatchObject({ status: 'pass', evaluated: 4, failed: 0 });
  });

  it('carries support data forward to the next SBOM of the release for the same components', async () => {
    const { ctx } = env();
    const list = await listComponents(ctx, t.viewer, releaseId, { ...sort, q: 'requests' }, { limit: 5, offset: 0 });
    if (!list.ok) throw new Error('list');
    expect(list.value.items[0]?.component.supportLevel).toBe('no longer maintained');
    const again = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'bom-again.json', source: 'upload' });
    if (!again.ok) throw new Error('upload');
    const after = await listComponents(ctx, t.viewer, releaseId, { ...sort, q: 'requests' }, { limit: 5, offset: 0 });
    expect(after.ok && after.value.items[0]?.component).toMatchObject({ supportLevel: 'no longer maintained', endOfSupport: '2026-06-30' });
    expect(after.ok && after.value.sbom?.id).toBe(again.value.id);
  });

  it('on the reader thread: the same record, components, document and refusals as on this thread (ADR 0007 addendum 7)', async () => {
    const here = env().ctx;
    const offThread = { ...here, sbomReaderThreadMinBytes: 0 };
    const components = Array.from({ length: 1300 }, (_, i) => ({
      type: 'library',
      ...(i === 7 ? {} : { 'bom-ref': `c${i}` }),
      name: `component-${i}`,
      version: '1.0.0',
      purl: `pkg:npm/component-${i}@1.0.0`,
      licenses: [{ license: { id: 'MIT' } }],
      ...(i % 400 === 20 ? { components: [{ type: 'library', 'bom-ref': `n${i}`, name: 'nested', components: [{ type: 'file', 'bom-ref': `d${i}`, name: 'deeper' }] }] } : {}),
    }));
    const dependencies = [{ ref: 'c0', dependsOn: ['c1', 'n20', 'nowhere'] }, { ref: 'n20', dependsOn: ['d20'] }];
    // A primary component with a nested one: it crosses from the reader thread in the document's head.
    const metadata = { component: { type: 'firmware', 'bom-ref': 'fw', name: 'pump-fw', version: '3.0', components: [{ type: 'library', 'bom-ref': 'fw-lib', name: 'fw-lib', version: '1.0', purl: 'pkg:npm/fw-lib@1.0' }] } };
    const upload = { bytes: new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata, components, dependencies })), fileName: 'big.json', source: 'upload' as const };
    const stored = [];
    for (const ctx of [here, offThread]) {
      const { releaseId: own } = await newRelease(t, '7.7.7');
      const up = await uploadSbom(ctx, t.editor, own, upload);
      if (!up.ok) throw new Error(JSON.stringify(up.error));
      const doc = await releaseDocument(ctx, t.viewer, own);
      const list = await listComponents(ctx, t.viewer, own, sort, { limit: 2000, offset: 0 });
      if (!doc.ok || !list.ok) throw new Error('read back');
      const { id: _id, releaseId: _r, createdAt: _c, ...record } = up.value;
      stored.push({ record, document: doc.value.document, components: list.value.items.map((c) => ({ component: c.component, parent: c.parentId !== null, primary: c.primary })) });
    }
    expect(stored[0]!.record).toMatchObject({ componentCount: 1300 + 4 * 2 + 2, dependencyCount: 4 });
    expect(stored[0]!.components.filter((c) => c.primary).map((c) => c.component.bomRef)).toEqual(['fw']);
    expect(stored[0]!.document.metadata.component?.components.map((c) => c.bomRef)).toEqual(['fw-lib']);
    expect(stored[0]!.record.diagnostics.map((d) => d.code)).toEqual(['dependency.dangling']);
    expect(stored[1]).toEqual(stored[0]);

    // The reader busy with another document: the upload reads here instead, and stores it whole.
    const occupying = await readSbomOffThread(upload.bytes, { limits: defaultSbomLimits, fileName: 'other.json' });
    expect(occupying?.ok).toBe(true);
    const { releaseId: own } = await newRelease(t, '7.7.8');
    const meanwhile = await uploadSbom(offThread, t.editor, own, upload);
    expect(meanwhile).toMatchObject({ ok: true, value: { componentCount: 1310, dependencyCount: 4 } });
    const doc = await releaseDocument(here, t.viewer, own);
    expect(doc.ok && doc.value.document).toEqual(stored[0]!.document);
    if (occupying?.ok) occupying.stream.close();

    // Refused only at the end (the schema check), and at once (duplicate bom-refs): nothing stored.
    const { store } = env();
    const count = async () => Number((await store.db.selectFrom('components').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const late: Record<string, unknown>[] = [...components];
    late[1299] = { ...late[1299]!, hashes: [{ alg: 'MD5', content: 'not-a-digest' }] };
    const duplicate = [...components, { type: 'library', 'bom-ref': 'c1', name: 'again' }];
    for (const list of [late, duplicate]) {
      const bad = { ...upload, bytes: new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: list })) };
      const refused = await uploadSbom(offThread, t.editor, releaseId, bad);
      expect(refused).toMatchObject({ ok: false, error: { code: 'sbom.invalid' } });
      expect(refused).toEqual(checkSbom(bad));
    }
    expect(await count()).toBe(before);
  });

  it('an archived product or release takes no SBOM and no component changes', async () => {
    const { ctx } = env();
    const { productId, releaseId: ownRelease } = await newRelease(t, '1');
    const manual = await addManualComponent(ctx, t.editor, ownRelease, { type: 'firmware', name: 'FW', version: '1', group: null, supplier: null, purl: null, cpe: null, license: null, description: null, supportLevel: null, endOfSupport: null });
    if (!manual.ok) throw new Error('setup');
    await setProductArchived(ctx, t.editor, productId, true);
    expect(await uploadSbom(ctx, t.editor, ownRelease, { bytes, fileName: 'x.json', source: 'upload' })).toMatchObject({ ok: false, error: { code: 'product.archived' } });
    expect(await updateComponent(ctx, t.editor, manual.value.id, { version: '2' })).toMatchObject({ ok: false, error: { code: 'product.archived' } });
    expect(await deleteManualComponent(ctx, t.editor, manual.value.id)).toMatchObject({ ok: false, error: { code: 'product.archived' } });
  });

  it('a refused Dependency-Track upload with autoCreate leaves no product behind', async () => {
    const { ctx } = env();
    const name = `DT ${Date.now()}`;
    const bad = new TextEncoder().encode('{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"spaceship","name":"x"}]}');
    const result = await uploadSbomForProject(ctx, t.editor, { projectName: name, projectVersion: '1.0', autoCreate: true }, bad, 'bad.json');
    expect(result).toMatchObject({ ok: false, error: { code: 'sbom.invalid' } });
    const products = await listProducts(ctx, t.viewer, { archived: 'include', q: name }, { limit: 5, offset: 0 });
    expect(products.ok && products.value.total).toBe(0);
  });

  it('Dependency-Track uploads with autoCreate started together find or create one product and one release (QA defect 4)', async () => {
    const { ctx } = env();
    const name = `DT race ${Date.now()}`;
    const uploads = (version: string) =>
      Promise.all(Array.from({ length: 4 }, (_, i) => uploadSbomForProject(ctx, t.editor, { projectName: i === 0 ? ` ${name} ` : name, projectVersion: version, autoCreate: true }, bytes, `bom-${i}.json`)));
    // All four look the product up before any creates it; three lose the unique constraint.
    const first = await uploads('1.0');
    expect(first.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'ok']);
    // The product exists now; the release is new, and the same race happens for it.
    const second = await uploads('2.0');
    expect(second.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const releaseIds = new Set([...first, ...second].map((r) => (r.ok ? r.value.releaseId : '')));
    expect(releaseIds.size).toBe(2);
    const products = await listProducts(ctx, t.viewer, { archived: 'include', q: name }, { limit: 5, offset: 0 });
    expect(products.ok && products.value.items.map((p) => p.name)).toEqual([name]);
    const productId = products.ok ? products.value.items[0]!.id : '';
    const creations = await listAudit(ctx, t.admin, {}, { limit: 200, offset: 0 });
    if (!creations.ok) throw new Error('audit');
    const ofThis = creations.value.items.filter(
      (e) => (e.action === 'product.create' && (e.after as { name: string }).name === name) || (e.action === 'release.create' && (e.after as { productId: string }).productId === productId),
    );
    expect(ofThis.map((e) => e.action).sort()).toEqual(['product.create', 'release.create', 'release.create']);
    // Without autoCreate nothing is created and nothing is retried.
    expect(await uploadSbomForProject(ctx, t.editor, { projectName: name, projectVersion: '3.0', autoCreate: false }, bytes, 'x.json')).toMatchObject({ ok: false, error: { code: 'release.not_found' } });
  });

  it('searches the licence column and sorts versions naturally, same names by version (QA defects 1 and 2)', async () => {
    const { ctx } = env();
    const { releaseId: own } = await newRelease(t, '3.0.0');
    const c = (name: string, version: string | null, license: string) => ({
      type: 'library', 'bom-ref': `${name}@${version}`, name, ...(version === null ? {} : { version }), licenses: [{ expression: license }],
    });
    const doc = {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      components: [
        c('ts-node', '9.1.1', 'MIT'), c('typescript', '12.0.1', 'Apache-2.0'), c('node', '18.14.1', 'MIT'), c('acorn', '1.10.0', 'MIT'),
        c('acorn', '1.9.0', 'MIT'), c('acorn', '1.9.10', 'MIT'), c('licensee', '2.0.0', 'BSD-3-Clause OR MIT'),
        c('nameless-mit', null, 'ISC'),
      ],
    };
    const up = await uploadSbom(ctx, t.editor, own, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'versions.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const manual = await addManualComponent(ctx, t.editor, own, {
      type: 'operating-system', name: 'acorn', version: '1.9.2', group: null, supplier: null, purl: null, cpe: null, license: 'LicenseRef-Vendor-EULA',
      description: null, supportLevel: null, endOfSupport: null,
    });
    if (!manual.ok) throw new Error(JSON.stringify(manual.error));
    const list = async (filter: Partial<Parameters<typeof listComponents>[3]>) => {
      const r = await listComponents(ctx, t.viewer, own, { ...sort, ...filter }, { limit: 50, offset: 0 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.items.map((x) => `${x.component.name} ${x.component.version ?? '-'}`);
    };
    // Licences are searched: "MIT" finds every MIT component (and "nameless-mit" by its name), case ignored.
    expect(await list({ q: 'apache-2.0' })).toEqual(['typescript 12.0.1']);
    expect(await list({ q: 'MIT' })).toEqual(['acorn 1.9.0', 'acorn 1.9.10', 'acorn 1.10.0', 'licensee 2.0.0', 'nameless-mit -', 'node 18.14.1', 'ts-node 9.1.1']);
    expect(await list({ q: 'vendor-eula' })).toEqual(['acorn 1.9.2']);
    // Versions in natural order; the same version (none here) would fall back to the name.
    const withVersion = ['acorn 1.9.0', 'acorn 1.9.2', 'acorn 1.9.10', 'acorn 1.10.0', 'licensee 2.0.0', 'ts-node 9.1.1', 'typescript 12.0.1', 'node 18.14.1'];
    const byVersion = await list({ sort: 'version' });
    expect(byVersion.filter((x) => !x.endsWith(' -'))).toEqual(withVersion);
    const byVersionDesc = await list({ sort: 'version', direction: 'desc' });
    expect(byVersionDesc.filter((x) => !x.endsWith(' -'))).toEqual([...withVersion].reverse());
    // Names, and the same name by version.
    expect(await list({ q: 'acorn' })).toEqual(['acorn 1.9.0', 'acorn 1.9.2', 'acorn 1.9.10', 'acorn 1.10.0']);
    expect(await list({ q: 'acorn', direction: 'desc' })).toEqual(['acorn 1.10.0', 'acorn 1.9.10', 'acorn 1.9.2', 'acorn 1.9.0']);
    // An edited version gets a new key.
    const edited = await updateComponent(ctx, t.editor, manual.value.id, { version: '1.11.0' });
    expect(edited.ok).toBe(true);
    expect(await list({ q: 'acorn' })).toEqual(['acorn 1.9.0', 'acorn 1.9.10', 'acorn 1.10.0', 'acorn 1.11.0']);
  });

  it('puts empty values last in both directions, the same on both dialects, and sorts support levels by meaning (QA defect 5)', async () => {
    const { ctx } = env();
    const { releaseId: own } = await newRelease(t, '5.0.0');
    const c = (name: string, fields: { supplier?: string; license?: string; eos?: string; level?: string; version?: string }) => ({
      type: 'library', 'bom-ref': name, name, ...(fields.version === undefined ? {} : { version: fields.version }),
      ...(fields.supplier === undefined ? {} : { supplier: { name: fields.supplier } }),
      ...(fields.license === undefined ? {} : { licenses: [{ expression: fields.license }] }),
      properties: [
        ...(fields.eos === undefined ? [] : [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: fields.eos }]),
        ...(fields.level === undefined ? [] : [{ name: 'mamori:support:level', value: fields.level }]),
      ],
    });
    // Document order puts the empty ones first, as they come in a real SBOM.
    const doc = {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      components: [
        c('e1', {}),
        c('e2', { supplier: 'blank', level: 'blank' }),
        c('b', { supplier: 'Beta', license: 'MIT', eos: '2031-01-01', level: 'Abandoned', version: '2.0' }),
        c('a', { supplier: 'alpha', license: 'Apache-2.0', eos: '2027-06-30', level: 'actively maintained', version: '10.0' }),
        c('d', { supplier: 'Delta', license: 'BSD-3-Clause', eos: '2029-12-31', level: 'vendor says: until 2030', version: '1.0' }),
        c('c', { supplier: 'gamma', license: 'MIT', eos: '2027-06-30', level: 'no longer maintained', version: '2.0' }),
        c('f', { level: ' Security fixes only ' }),
        c('g', { level: '保守終了' }),
      ],
    };
    const up = await uploadSbom(ctx, t.editor, own, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'empties.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    // Empty text, as an earlier version or a manual edit may have stored it, is as empty as null.
    await ctx.store.db.updateTable('components').set({ supplier: '', support_level: '' }).where('sbom_id', '=', up.value.id).where('name', '=', 'e2').execute();
    await ctx.store.db.updateTable('components').set({ version: '', version_key: '' }).where('sbom_id', '=', up.value.id).where('name', '=', 'e1').execute();
    const list = async (sortBy: Parameters<typeof listComponents>[3]['sort'], direction: 'asc' | 'desc') => {
      const r = await listComponents(ctx, t.viewer, own, { sort: sortBy, direction }, { limit: 50, offset: 0 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.items.map((x) => x.component.name).join(' ');
    };
    // Equal values (and the empty ones) keep document order in either direction.
    expect(await list('endOfSupport', 'asc')).toBe('a c d b e1 e2 f g');
    expect(await list('endOfSupport', 'desc')).toBe('b d a c e1 e2 f g');
    expect(await list('supplier', 'asc')).toBe('a b d c e1 e2 f g');
    expect(await list('supplier', 'desc')).toBe('c d b a e1 e2 f g');
    expect(await list('license', 'asc')).toBe('a d b c e1 e2 f g');
    expect(await list('license', 'desc')).toBe('b c d a e1 e2 f g');
    // The same version (none is the same as '') is ordered by name, in the same direction.
    expect(await list('version', 'asc')).toBe('d b c a e1 e2 f g');
    expect(await list('version', 'desc')).toBe('a c b d g f e2 e1');
    // Support levels: most support first (case and spaces ignored; the Japanese form's words rank
    // with their English ones), other text after the known levels and empty values last, in either direction.
    expect(await list('supportLevel', 'asc')).toBe('a f c g b d e1 e2');
    expect(await list('supportLevel', 'desc')).toBe('b g c f a d e1 e2');
  });

  it("the quality report judges the SBOM's timestamp against the service clock (QA defect 13)", async () => {
    const { releaseId: own } = await newRelease(t, '13.0.0');
    const doc = JSON.parse(fixture.toString('utf8')) as { metadata: { timestamp?: string } };
    doc.metadata.timestamp = '2027-01-10T00:00:00Z';
    const up = await uploadSbom(env().ctx, t.editor, own, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'future.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const at = (iso: string) => ({ ...env().ctx, clock: () => new Date(iso) });
    const timestampCheck = async (iso: string) => {
      const report = await releaseQuality(at(iso), t.viewer, own, 'ntia-2021');
      if (!report.ok) throw new Error(JSON.stringify(report.error));
      const check = report.value.checks.find((c) => c.id === 'document.timestamp')!;
      return [check.status, check.detail];
    };
    expect(await timestampCheck('2026-12-01T00:00:00.000Z')).toEqual(['fail', '2027-01-10T00:00:00Z > now (2026-12-01T00:00:00.000Z)']);
    expect(await timestampCheck('2027-01-09T00:00:00.000Z')).toEqual(['pass', null]);
  });

  it('keeps organisations apart', async () => {
    const { ctx } = env();
    const other = await seedTenant(ctx);
    expect(await listComponents(ctx, other.admin, releaseId, sort, { limit: 5, offset: 0 })).toMatchObject({ ok: false, error: { code: 'release.not_found' } });
    expect(await uploadSbom(ctx, other.admin, releaseId, { bytes, fileName: 'x', source: 'upload' })).toMatchObject({ ok: false, error: { code: 'release.not_found' } });
  });

  it('the database refuses a component whose organisation, release and SBOM disagree', async () => {
    const { ctx, dialect } = env();
    const other = await seedTenant(ctx);
    const { releaseId: ownRelease } = await newRelease(other, '1.0.0');
    const up = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'owner.json', source: 'upload' });
    if (!up.ok) throw new Error('setup');
    const row = (over: Record<string, unknown>) => ({
      id: crypto.randomUUID(), organization_id: t.organizationId, release_id: releaseId, sbom_id: up.value.id, origin: 'sbom', parent_id: null, ordinal: 0,
      bom_ref: 'x', type: 'library', name: 'x', version: null, group_name: null, supplier: null, purl: null, cpe: null, license: null,
      support_level: null, end_of_support: null, data_json: '{}', updated_at: '2026-01-01T00:00:00.000Z', ...over,
    });
    const insert = (over: Record<string, unknown>) => ctx.store.db.insertInto('components').values(row(over) as never).execute();
    await expect(insert({ sbom_id: 'no-such-sbom' })).rejects.toThrow(/foreign key/i);
    await expect(insert({ sbom_id: null, origin: 'manual', release_id: 'no-such-release' })).rejects.toThrow(/foreign key/i);
    // Both dialects check that the SBOM and the release exist; PostgreSQL also that the ids agree
    // (migration 0013: one composite key per row instead of three single ones).
    if (dialect === 'postgres') {
      await expect(insert({ release_id: ownRelease })).rejects.toThrow(/foreign key/i);
      await expect(insert({ organization_id: other.organizationId })).rejects.toThrow(/foreign key/i);
      await expect(insert({ sbom_id: null, origin: 'manual', release_id: ownRelease })).rejects.toThrow(/foreign key/i);
      // SBOM components are checked once per statement (a trigger): also for a bulk COPY with one bad row among good ones,
      const columns = Object.keys(row({})).map((name) => ({ name, type: name === 'ordinal' ? ('integer' as const) : ('text' as const) }));
      const rows = Array.from({ length: 500 }, (_, i) => Object.values(row({ ordinal: i, ...(i === 321 ? { release_id: ownRelease } : {}) })));
      await expect(ctx.store.transaction((trx) => ctx.store.bulkInsert(trx, 'components', columns, rows))).rejects.toThrow(/foreign key/i);
      // for an update that moves a component to another release,
      const stored = await ctx.store.db.selectFrom('components').select('id').where('sbom_id', '=', up.value.id).executeTakeFirstOrThrow();
      await expect(ctx.store.db.updateTable('components').set({ release_id: ownRelease }).where('id', '=', stored.id).execute()).rejects.toThrow(/foreign key/i);
      // and an SBOM that components name can be neither deleted nor moved.
      await expect(sql`delete from sboms where id = ${up.value.id}`.execute(ctx.store.db)).rejects.toThrow(/foreign key/i);
      await expect(sql`update sboms set release_id = ${ownRelease} where id = ${up.value.id}`.execute(ctx.store.db)).rejects.toThrow(/foreign key/i);
      await ctx.store.transaction((trx) => ctx.store.bulkInsert(trx, 'components', columns, rows.filter((_, i) => i !== 321)));
    }
    await insert({ sbom_id: null, origin: 'manual', release_id: ownRelease, organization_id: other.organizationId });
    await insert({});
  });
});
