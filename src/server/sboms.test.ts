/**
 * SBOM API through inject(): raw upload, inventory listing, original download, manual components,
 * and the Dependency-Track-compatible endpoints that existing CI plugins call.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { browserLogin, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { productInput, seedTenant, strongPassword, unique, type Tenant } from '../../test/support/fixtures.js';
import { readSbom } from '../sbom/read/index.js';
import { verifyAuditChain } from '../services/audit.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url));

describeEachDialect('SBOM API', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let token: string;
  let releaseId: string;
  let productName: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { sbomMaxBytes: 64 * 1024 }));
    t = await seedTenant(env().ctx);
    editor = await browserLogin(app, t.emails.editor, strongPassword);
    token = await tokenFor(env().ctx, t.editor);
    const input = productInput();
    productName = input.name;
    const product = (await editor.request('POST', '/api/v1/products', input)).json<{ id: string }>();
    releaseId = (await editor.request('POST', `/api/v1/products/${product.id}/releases`, { version: '2.1.0' })).json<{ id: string }>().id;
  });
  afterAll(async () => app.close());

  const upload = (body: Buffer | string | Readable, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/releases/${releaseId}/sboms?fileName=${encodeURIComponent('bom 日本.json')}`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json', ...headers },
      payload: body,
    });

  it('uploads the raw file whatever its content type and lists the inventory', async () => {
    const res = await upload(fixture);
    expect(res.statusCode, res.body).toBe(201);
    const sbom = res.json<{ id: string; componentCount: number; fileName: string }>();
    // The four listed components and the primary one (metadata.component).
    expect(sbom).toMatchObject({ componentCount: 5, fileName: 'bom 日本.json' });

    const asOctets = await upload(fixture, { 'content-type': 'application/octet-stream' });
    expect(asOctets.statusCode).toBe(201);

    const list = await editor.request('GET', `/api/v1/releases/${releaseId}/components?sort=name&limit=3`);
    const page = list.json<{ items: { name: string; primary: boolean }[]; total: number; sbom: { id: string } }>();
    expect(page.total).toBe(5);
    expect(page.items.map((c) => [c.name, c.primary])).toEqual([['FreeRTOS', false], ['FreeRTOS-Plus-TCP', false], ['Infusion pump firmware', true]]);
    expect(page.sbom.id).toBe(asOctets.json<{ id: string }>().id);
    // Empty values last in either direction: lodash, the one component with an end of support, first;
    // support level is a sort key (QA defect 5).
    for (const direction of ['asc', 'desc']) {
      const byEos = await editor.request('GET', `/api/v1/releases/${releaseId}/components?sort=endOfSupport&direction=${direction}&limit=1`);
      expect(byEos.json<{ items: { name: string }[] }>().items.map((c) => c.name)).toEqual(['lodash']);
    }
    const bySupport = await editor.request('GET', `/api/v1/releases/${releaseId}/components?sort=supportLevel&direction=desc`);
    expect(bySupport.statusCode, bySupport.body).toBe(200);
    expect(bySupport.json<{ total: number }>().total).toBe(5);

    const original = await editor.request('GET', `/api/v1/sboms/${sbom.id}/original`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toMatch(/application\/vnd\.cyclonedx\+json/);
    expect(original.headers['content-disposition']).toContain("filename*=UTF-8''bom%20%E6%97%A5%E6%9C%AC.json");
    expect(original.rawPayload.equals(fixture)).toBe(true);

    const sboms = (await editor.request('GET', `/api/v1/releases/${releaseId}/sboms`)).json<{ total: number }>();
    expect(sboms.total).toBe(2);
  });

  it('refuses bad uploads with problem details naming the problems', async () => {
    const empty = await upload('');
    expect(empty.json()).toMatchObject({ code: 'sbom.unreadable' });
    const invalid = await upload(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'spaceship', name: 'x' }] }));
    expect(invalid.statusCode).toBe(400);
    const body = invalid.json<{ code: string; issues: { path: string }[] }>();
    expect(body.code).toBe('sbom.invalid');
    expect(body.issues.length).toBeGreaterThan(0);
    const huge = await upload(Buffer.alloc(70 * 1024, 32));
    expect(huge.statusCode).toBe(413);
    // The limit and the file's size, in bytes and MiB, for the CLI and for the web to say (QA sbomra 5).
    expect(huge.json()).toMatchObject({
      code: 'request.too_large',
      detail: `The request body is ${70 * 1024} bytes (0.1 MiB); this server accepts at most ${64 * 1024} bytes (0.1 MiB; MAMORI_SBOM_MAX_MB for SBOM uploads).`,
      details: { limitBytes: 64 * 1024, sizeBytes: 70 * 1024 },
    });
    // A body sent without Content-Length is refused while it arrives: the limit only.
    const chunked = await upload(Readable.from([Buffer.alloc(40 * 1024, 32), Buffer.alloc(40 * 1024, 32)]));
    expect([chunked.statusCode, chunked.json()]).toEqual([413, expect.objectContaining({ details: { limitBytes: 64 * 1024 } })]);
  });

  it('manual components through the API', async () => {
    const created = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, { type: 'firmware', name: 'BLE stack', version: '5.2', supplier: 'Nordic', endOfSupport: '2031-03-31' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await editor.request('PATCH', `/api/v1/components/${id}`, { supportLevel: 'actively maintained' })).json()).toMatchObject({ supportLevel: 'actively maintained', origin: 'manual' });
    expect((await editor.request('DELETE', `/api/v1/components/${id}`)).statusCode).toBe(200);
  });

  it('manual components: a purl or CPE is refused by the quality check\'s rule, each issue with a code to translate (QA sbomra 1, 2, 4)', async () => {
    const post = (body: Record<string, unknown>) => editor.request('POST', `/api/v1/releases/${releaseId}/components`, { type: 'operating-system', ...body });
    const badPurl = await post({ name: 'T6', purl: 'pkg:npm/%zz@1' });
    expect(badPurl.statusCode).toBe(400);
    expect(badPurl.json()).toMatchObject({ code: 'component.invalid', issues: [{ path: 'purl', code: 'purl.escape', message: expect.stringContaining('%25') as string }] });
    const spaces = await post({ name: 'T7', purl: 'pkg:generic/murata/wifi fw@2.1 build 7' });
    expect(spaces.json()).toMatchObject({ issues: [{ path: 'purl', code: 'purl.whitespace' }] });
    const shortCpe = await post({ name: 'VxWorks', cpe: 'cpe:2.3:o:windriver:vxworks' });
    expect(shortCpe.statusCode).toBe(400);
    expect(shortCpe.json()).toMatchObject({ issues: [{ path: 'cpe', code: 'cpe.field_count', args: { found: 5 } }] });

    const qt = await post({ name: 'T3', cpe: 'cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*' });
    expect(qt.statusCode, qt.body).toBe(201);
    expect(qt.json()).toMatchObject({ cpe: 'cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*' });
    const uri = await post({ name: 'VxWorks', cpe: 'cpe:/o:windriver:vxworks:7.0' });
    expect(uri.statusCode, uri.body).toBe(201);
    const id = qt.json<{ id: string }>().id;
    const patched = await editor.request('PATCH', `/api/v1/components/${id}`, { purl: 'pkg:1x/foo@1' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json()).toMatchObject({ issues: [{ path: 'purl', code: 'purl.type' }] });
    for (const c of [qt, uri]) expect((await editor.request('DELETE', `/api/v1/components/${c.json<{ id: string }>().id}`)).statusCode).toBe(200);
  });

  it('export: purls of an older upload that are no URIs still give a CycloneDX XML that validates (QA sbomra 1)', async () => {
    const product = (await editor.request('GET', `/api/v1/releases/${releaseId}`)).json<{ productId: string }>();
    const release = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '6.1.0-purl' })).json<{ id: string }>();
    const purls = ['pkg:npm/%zz@1', 'pkg:generic/murata/wifi fw@2.1 build 7', 'pkg:npm/a[1]#b#c'];
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: purls.map((purl, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `c${i}`, version: '1', purl })) };
    const up = await app.inject({ method: 'POST', url: `/api/v1/releases/${release.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(doc) });
    expect(up.statusCode, up.body).toBe(201);
    for (const variant of ['full', 'hospital']) {
      const res = await editor.request('GET', `/api/v1/releases/${release.id}/export?format=cyclonedx-1.6-xml&variant=${variant}`);
      expect(res.statusCode).toBe(200);
      // mamori's own reader validates against bom-1.6.xsd, as `mamori sbom validate` does.
      const back = readSbom(new TextEncoder().encode(res.body));
      expect(back.ok ? [] : back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(back.ok && back.document.components.map((c) => c.purl)).toEqual(['pkg:npm/%25zz@1', 'pkg:generic/murata/wifi%20fw@2.1%20build%207', 'pkg:npm/a%5B1%5D%23b#c']);
    }
  });

  it('accepts Dependency-Track PUT /api/v1/bom with X-Api-Key, auto-creating the release', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/bom',
      headers: { 'x-api-key': token },
      payload: { projectName: productName, projectVersion: '3.0.0', autoCreate: true, bom: fixture.toString('base64') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { token: uploadToken } = res.json<{ token: string }>();
    const status = await app.inject({ method: 'GET', url: `/api/v1/bom/token/${uploadToken}`, headers: { 'x-api-key': token } });
    expect(status.json()).toEqual({ processing: false });
    // Dependency-Track 4.11 clients poll /event/token/{uuid}: the same answer, the same authentication.
    const event = await app.inject({ method: 'GET', url: `/api/v1/event/token/${uploadToken}`, headers: { 'x-api-key': token } });
    expect([event.statusCode, event.json()]).toEqual([200, { processing: false }]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/event/token/${uploadToken}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/event/token/00000000-0000-4000-8000-000000000000', headers: { 'x-api-key': token } })).json()).toMatchObject({ status: 404, code: 'sbom.not_found' });
    // DT's project lookup (QA secops 4): the release as a project, by product name and release version.
    const lookup = (query: string, headers: Record<string, string> = { 'x-api-key': token }) => app.inject({ method: 'GET', url: `/api/v1/project/lookup?${query}`, headers });
    const sbom = await app.inject({ method: 'GET', url: `/api/v1/sboms/${uploadToken}`, headers: { 'x-api-key': token } });
    const releaseOfUpload = sbom.json<{ releaseId: string }>().releaseId;
    const found = await lookup(`name=${encodeURIComponent(productName)}&version=3.0.0`);
    expect([found.statusCode, found.json()]).toEqual([200, { uuid: releaseOfUpload, name: productName, version: '3.0.0' }]);
    expect((await lookup(`name=${encodeURIComponent(productName)}&version=9.9`)).json()).toMatchObject({ status: 404, code: 'release.not_found' });
    expect((await lookup('name=No%20such%20product&version=1')).json()).toMatchObject({ status: 404, code: 'product.not_found' });
    expect((await lookup(`name=${encodeURIComponent(productName)}&version=3.0.0`, {})).statusCode).toBe(401);
    const noCreate = await app.inject({ method: 'PUT', url: '/api/v1/bom', headers: { 'x-api-key': token }, payload: { projectName: productName, projectVersion: '9.9', bom: fixture.toString('base64') } });
    expect(noCreate.json()).toMatchObject({ code: 'release.not_found' });
    // The file itself instead of its base64: said so, not reported as a document in an odd encoding.
    const plain = await app.inject({ method: 'PUT', url: '/api/v1/bom', headers: { 'x-api-key': token }, payload: { projectName: productName, projectVersion: '3.0.1', autoCreate: true, bom: fixture.toString('utf8') } });
    expect(plain.statusCode).toBe(400);
    expect(plain.json()).toMatchObject({ code: 'sbom.unreadable', detail: expect.stringMatching(/^The "bom" field is not base64 \(character "\{" at position 0\): send the file base64-encoded/) as unknown });
  });

  it('a Dependency-Track upload is marked as from CI and its file is named after the trimmed project name (QA secops #7)', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/bom',
      headers: { 'x-api-key': token },
      payload: { projectName: ` ${productName} `, projectVersion: ' 4.0.0 ', autoCreate: true, bom: fixture.toString('base64') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sbom = await app.inject({ method: 'GET', url: `/api/v1/sboms/${res.json<{ token: string }>().token}`, headers: { 'x-api-key': token } });
    expect(sbom.json()).toMatchObject({ fileName: `${productName}-4.0.0.bom`, source: 'ci' });
    // The product is the existing one, the release the trimmed version.
    const list = await app.inject({ method: 'GET', url: `/api/v1/releases/${sbom.json<{ releaseId: string }>().releaseId}`, headers: { 'x-api-key': token } });
    expect(list.json()).toMatchObject({ version: '4.0.0' });
    // An SBOM uploaded on the release page is an upload.
    const own = await upload(fixture);
    expect(own.json()).toMatchObject({ source: 'upload' });
  });

  it('parallel Dependency-Track uploads with autoCreate to a new project all succeed: one product, one release, one audit entry each (QA defect 4)', async () => {
    const { ctx } = env();
    const name = unique('Race Pump');
    const put = (version: string) =>
      app.inject({ method: 'PUT', url: '/api/v1/bom', headers: { 'x-api-key': token }, payload: { projectName: name, projectVersion: version, autoCreate: true, bom: fixture.toString('base64') } });
    // A new product and release, five uploads started together (a CI matrix), then an existing
    // product with a new version.
    for (const version of ['1.0', '1.1']) {
      const results = await Promise.all(Array.from({ length: 5 }, () => put(version)));
      expect(results.map((r) => `${r.statusCode} ${r.statusCode === 200 ? '' : r.body}`)).toEqual(Array(5).fill('200 '));
    }
    const products = await ctx.store.db.selectFrom('products').select('id').where('organization_id', '=', t.organizationId).where('name', '=', name).execute();
    expect(products).toHaveLength(1);
    const releases = await ctx.store.db.selectFrom('releases').select(['id', 'version']).where('product_id', '=', products[0]!.id).orderBy('version').execute();
    expect(releases.map((r) => r.version)).toEqual(['1.0', '1.1']);
    for (const r of releases) {
      const sboms = await ctx.store.db.selectFrom('sboms').select('id').where('release_id', '=', r.id).execute();
      expect(sboms).toHaveLength(5);
    }
    const created = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_id', 'in', [products[0]!.id, ...releases.map((r) => r.id)])
      .where('action', 'in', ['product.create', 'release.create'])
      .execute();
    expect(created.map((e) => e.action).sort()).toEqual(['product.create', 'release.create', 'release.create']);
    // The conflicting creations left nothing: no entry for another product or release of that name.
    const all = await ctx.store.db.selectFrom('audit_log').select('after_json').where('action', '=', 'product.create').where('organization_id', '=', t.organizationId).execute();
    expect(all.filter((e) => e.after_json?.includes(JSON.stringify(name)))).toHaveLength(1);
    expect((await verifyAuditChain(ctx)).problem).toBeNull();
    // The ordinary API still refuses a second product of the same name.
    expect((await editor.request('POST', '/api/v1/products', productInput({ name }))).statusCode).toBe(409);
  });

  it('accepts Dependency-Track POST /api/v1/bom as multipart with a project id', async () => {
    const boundary = '----mamori';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="project"\r\n\r\n${releaseId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bom"; filename="bom.json"\r\nContent-Type: application/json\r\n\r\n`),
      fixture,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/bom', headers: { 'x-api-key': token, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ token: string }>().token).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('quality report, diff between releases and reproducible exports', async () => {
    const profiles = (await editor.request('GET', '/api/v1/sbom/profiles')).json<{ items: { id: string; source: unknown }[] }>();
    expect(profiles.items.map((p) => p.id)).toEqual(['ntia-2021', 'cisa-2026', 'fda', 'jp-mhlw', 'bsi-tr-03183-2']);
    // The source in both UI languages: the MHLW guidance's issuer is 厚生労働省 in Japanese (QA jaui #8).
    expect(profiles.items.find((p) => p.id === 'jp-mhlw')?.source).toEqual({ en: expect.stringMatching(/^MHLW, 医療機器の/) as unknown, ja: expect.stringMatching(/^厚生労働省 医療機器の/) as unknown });
    const quality = await editor.request('GET', `/api/v1/releases/${releaseId}/quality?profile=ntia-2021`);
    expect(quality.statusCode, quality.body).toBe(200);
    expect(quality.json()).toMatchObject({ profile: { id: 'ntia-2021' }, verdict: expect.stringMatching(/pass|fail/) as unknown });

    const product = (await editor.request('GET', `/api/v1/releases/${releaseId}`)).json<{ productId: string }>();
    const newer = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '2.2.0' })).json<{ id: string }>();
    const changed = JSON.parse(fixture.toString('utf8')) as { metadata: { component: Record<string, unknown> }; components: { version: string; purl?: string }[] };
    changed.components[0]!.version = '4.17.21';
    changed.components[0]!.purl = 'pkg:npm/lodash@4.17.21';
    // The firmware itself (the primary component) 2.1.0 → 2.2.0, another supplier, a component nested in it.
    changed.metadata.component = {
      ...changed.metadata.component,
      version: '2.2.0',
      supplier: { name: 'Example Medical K.K.' },
      components: [{ type: 'library', 'bom-ref': 'boot', name: 'bootloader', version: '1.0', cpe: 'cpe:2.3:o:example:bootloader:1.0:*:*:*:*:*:*:*' }],
    };
    const up = await app.inject({ method: 'POST', url: `/api/v1/releases/${newer.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(changed) });
    expect(up.statusCode, up.body).toBe(201);
    const res = await editor.request('GET', `/api/v1/releases/${newer.id}/diff?against=${releaseId}`);
    expect(res.statusCode, res.body).toBe(200);
    type Ref = { name: string; version: string | null; parents: string[] };
    const diff = res.json<{ primary: unknown; added: Ref[]; removed: Ref[]; summary: { upgraded: number; oldComponents: number; newComponents: number } }>();
    expect(diff.summary.upgraded).toBe(1);
    // The primary component is compared on its own, first, and the one nested in it like the others:
    // the same result as `mamori sbom diff` on the two files (src/cli/sbom.test.ts).
    expect(diff.primary).toEqual({
      change: 'changed',
      old: { identity: 'name:firmware//Infusion pump firmware', bomRef: 'device', name: 'Infusion pump firmware', group: null, version: '2.1.0', purl: null, cpe: null, parents: [] },
      new: { identity: 'name:firmware//Infusion pump firmware', bomRef: 'device', name: 'Infusion pump firmware', group: null, version: '2.2.0', purl: null, cpe: null, parents: [] },
      versionChange: 'upgraded',
      renamed: false,
      fieldChanges: [{ field: 'supplier', old: null, new: 'Example Medical K.K.' }],
    });
    expect(diff.added.map((c) => [c.name, c.version, c.parents])).toEqual([['bootloader', '1.0', ['device']]]);
    // A component named by CPE only shows its CPE in the lists (QA secops 17).
    expect(diff.added[0]).toMatchObject({ purl: null, cpe: 'cpe:2.3:o:example:bootloader:1.0:*:*:*:*:*:*:*' });
    expect(diff.removed.map((c) => c.name)).not.toContain('Infusion pump firmware');
    // As the inventories count them: the listed components and the primary one (and the nested one).
    expect([diff.summary.oldComponents, diff.summary.newComponents]).toEqual([5, 6]);
    // Two copies of a package (QA jaui #7): lodash 4.17.20 before; 4.17.21 and an old transitive 2.4.2
    // after. Paired closest first, as `mamori sbom diff` does: an upgrade and an addition, no downgrade.
    const twoCopies = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '2.2.1' })).json<{ id: string }>();
    const withOld = JSON.parse(JSON.stringify(changed)) as { components: Record<string, unknown>[] };
    withOld.components.push({ type: 'library', 'bom-ref': 'lodash-old', name: 'lodash', version: '2.4.2', purl: 'pkg:npm/lodash@2.4.2' });
    const upTwo = await app.inject({ method: 'POST', url: `/api/v1/releases/${twoCopies.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(withOld) });
    expect(upTwo.statusCode, upTwo.body).toBe(201);
    const copies = (await editor.request('GET', `/api/v1/releases/${twoCopies.id}/diff?against=${releaseId}`)).json<{ added: Ref[]; upgraded: { old: Ref; new: Ref }[]; downgraded: unknown[] }>();
    expect(copies.upgraded.map((c) => [c.new.name, c.old.version, c.new.version])).toEqual([['lodash', '4.17.20', '4.17.21']]);
    expect(copies.added.map((c) => [c.name, c.version])).toEqual([['bootloader', '1.0'], ['lodash', '2.4.2']]);
    expect(copies.downgraded).toEqual([]);
    // Against a release without an SBOM's primary component (manual components only): removed.
    const manualOnly = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '2.3.0' })).json<{ id: string }>();
    const manual = await editor.request('POST', `/api/v1/releases/${manualOnly.id}/components`, {
      type: 'library', name: 'zlib', version: '1.3.1', group: null, supplier: null, purl: null, cpe: null, license: null,
      description: null, supportLevel: null, endOfSupport: null,
    });
    expect(manual.statusCode, manual.body).toBe(201);
    const toManual = (await editor.request('GET', `/api/v1/releases/${manualOnly.id}/diff?against=${newer.id}`)).json<{ primary: unknown }>();
    expect(toManual.primary).toMatchObject({ change: 'removed', old: { version: '2.2.0' }, new: null, versionChange: null });
    // The primary component replaced by another product (QA hospital M3): an image 1.0.0 that holds
    // the firmware 2.2.0. Not a downgrade; the firmware found inside it is unchanged, the image added.
    const imageRelease = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '2.4.0-image' })).json<{ id: string }>();
    const image = JSON.parse(JSON.stringify(changed)) as typeof changed;
    image.metadata.component = { type: 'device', 'bom-ref': 'image', name: 'pump-image', version: '1.0.0', purl: 'pkg:generic/example/pump-image@1.0.0', components: [{ ...changed.metadata.component, 'bom-ref': 'fw-in-image' }] };
    const upImage = await app.inject({ method: 'POST', url: `/api/v1/releases/${imageRelease.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(image) });
    expect(upImage.statusCode, upImage.body).toBe(201);
    const replaced = (await editor.request('GET', `/api/v1/releases/${imageRelease.id}/diff?against=${newer.id}`)).json<{ primary: unknown; added: Ref[]; removed: Ref[]; downgraded: unknown[]; summary: Record<string, number> }>();
    expect(replaced.primary).toMatchObject({ change: 'replaced', versionChange: null, renamed: true, fieldChanges: [], old: { name: 'Infusion pump firmware', version: '2.2.0' }, new: { name: 'pump-image', version: '1.0.0' } });
    expect(replaced.added.map((c) => [c.name, c.version, c.parents])).toEqual([['pump-image', '1.0.0', []]]);
    expect([replaced.removed, replaced.downgraded]).toEqual([[], []]);
    expect(replaced.summary).toMatchObject({ oldComponents: 6, newComponents: 7, added: 1, removed: 0, unchanged: 6 });

    const url = `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json&timestamp=2026-01-01T00:00:00Z`;
    const a = await editor.request('GET', url);
    const b = await editor.request('GET', url);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.headers['content-type']).toMatch(/application\/spdx\+json/);
    expect(a.body).toBe(b.body);
    const xml = await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-xml&variant=hospital`);
    expect(xml.body).toMatch(/^<\?xml/);
    expect(xml.headers['content-disposition']).toMatch(/hospital\.cdx\.xml/);
  });

  it('the hospital export describes the product release and its manufacturer, keeping the uploaded root as a component', async () => {
    const manual = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, {
      type: 'operating-system', name: 'QNX Neutrino', version: '7.1', group: null, supplier: 'BlackBerry', purl: null, cpe: null, license: null,
      description: null, supportLevel: null, endOfSupport: null,
    });
    expect(manual.statusCode, manual.body).toBe(201);
    const manualRef = manual.json<{ bomRef: string }>().bomRef;
    for (const variant of ['hospital', 'full']) {
      const url = `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json&variant=${variant}&timestamp=2026-01-01T00:00:00Z`;
      const res = await editor.request('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect((await editor.request('GET', url)).body).toBe(res.body);
      const bom = res.json<{
        metadata: { component: { type: string; name: string; version: string; 'bom-ref': string }; manufacturer: { name: string } };
        components: { 'bom-ref': string; name: string; version?: string }[];
        dependencies: { ref: string; dependsOn?: string[] }[];
      }>();
      expect(bom.metadata.component).toMatchObject({ type: 'device', name: productName, version: '2.1.0', 'bom-ref': `mamori:release:${releaseId}` });
      expect(bom.metadata.manufacturer).toEqual({ name: 'Example Medical K.K.' });
      // The uploaded SBOM's root ("Infusion pump firmware 2.1.0", bom-ref "device") is kept as a component.
      expect(bom.components).toContainEqual(expect.objectContaining({ 'bom-ref': 'device', name: 'Infusion pump firmware', version: '2.1.0' }));
      expect(bom.dependencies.find((d) => d.ref === `mamori:release:${releaseId}`)?.dependsOn).toEqual([manualRef, 'device'].sort());
    }
    const spdx = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json&variant=hospital`)).json<{
      name: string;
      packages: { SPDXID: string; name: string; versionInfo: string }[];
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
    }>();
    const described = spdx.relationships.find((r) => r.relationshipType === 'DESCRIBES')!.relatedSpdxElement;
    expect(spdx.packages.find((p) => p.SPDXID === described)).toMatchObject({ name: productName, versionInfo: '2.1.0' });
    expect(spdx.name).toBe(`${productName} 2.1.0`);
    expect((await editor.request('DELETE', `/api/v1/components/${manual.json<{ id: string }>().id}`)).statusCode).toBe(200);
  });

  it('export: the serial number and timestamp parameters follow the writers\' rule, as the CLI does', async () => {
    const url = (query: string) => `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json&${query}`;
    for (const query of [
      'timestamp=2026-02-30T00:00:00Z',
      'timestamp=2026-04-01T24:00:00Z',
      'timestamp=2026-04-01',
      'serialNumber=foo',
      'serialNumber=urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79',
    ]) {
      const res = await editor.request('GET', url(query));
      expect([query, res.statusCode]).toEqual([query, 400]);
      expect(res.json()).toMatchObject({ code: 'request.invalid' });
    }
    // An offset, as `mamori sbom convert --timestamp` takes it; SPDX writes it in UTC.
    const offset = await editor.request('GET', url('timestamp=2026-04-01T18:30:00%2B09:00&serialNumber=urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79'));
    expect(offset.statusCode, offset.body).toBe(200);
    expect(offset.json()).toMatchObject({ serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', metadata: { timestamp: '2026-04-01T18:30:00+09:00' } });
  });

  it('export: full and hospital are different documents with serial numbers of their own', async () => {
    const serial = async (variant: string) => {
      const bom = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json&variant=${variant}`)).json<{ serialNumber: string; version: number }>();
      return { serialNumber: bom.serialNumber, version: bom.version };
    };
    const [full, hospital] = [await serial('full'), await serial('hospital')];
    expect(full.serialNumber).not.toBe(hospital.serialNumber);
    expect([full.version, hospital.version]).toEqual([1, 1]);
    expect(await serial('full')).toEqual(full);
  });

  it('export: a licence typed as a name on a manual component is a licence name, not an SPDX expression', async () => {
    const added = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, {
      type: 'operating-system', name: 'VxWorks', version: '7', supplier: 'Wind River', license: 'Wind River Commercial License',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ license: 'Wind River Commercial License' });
    const spdx = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json&variant=hospital`)).json<{
      packages: { name: string; licenseConcluded: string }[];
      hasExtractedLicensingInfos: { licenseId: string; name?: string }[];
    }>();
    const concluded = spdx.packages.find((x) => x.name === 'VxWorks')!.licenseConcluded;
    expect(concluded).toMatch(/^LicenseRef-/);
    expect(spdx.hasExtractedLicensingInfos).toContainEqual(expect.objectContaining({ licenseId: concluded, name: 'Wind River Commercial License' }));
    const cdx = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json`)).json<{ components: { name: string; licenses?: unknown[] }[] }>();
    expect(cdx.components.find((c) => c.name === 'VxWorks')?.licenses).toEqual([{ license: { name: 'Wind River Commercial License', acknowledgement: 'concluded' } }]);
    expect((await editor.request('DELETE', `/api/v1/components/${added.json<{ id: string }>().id}`)).statusCode).toBe(200);
  });

  it('export: a single word not on the SPDX License List is a licence name; listed ids are written as the list spells them', async () => {
    const add = async (name: string, license: string) => {
      const added = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, { type: 'firmware', name, version: '1', license });
      expect(added.statusCode, added.body).toBe(201);
      return added.json<{ id: string; license: string | null }>();
    };
    const prop = await add('Boot ROM', 'Proprietary');
    const listed = await add('Codec', 'mit or apache-2.0');
    expect([prop.license, listed.license]).toEqual(['Proprietary', 'MIT OR Apache-2.0']);
    const cdx = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json`)).json<{ components: { name: string; licenses?: unknown[] }[] }>();
    expect(cdx.components.find((c) => c.name === 'Boot ROM')?.licenses).toEqual([{ license: { name: 'Proprietary', acknowledgement: 'concluded' } }]);
    expect(cdx.components.find((c) => c.name === 'Codec')?.licenses).toEqual([{ expression: 'MIT OR Apache-2.0', acknowledgement: 'concluded' }]);
    const spdx = (await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json`)).json<{
      packages: { name: string; licenseConcluded: string }[];
      hasExtractedLicensingInfos: { licenseId: string; name?: string }[];
    }>();
    const concluded = (name: string) => spdx.packages.find((x) => x.name === name)!.licenseConcluded;
    expect(concluded('Codec')).toBe('MIT OR Apache-2.0');
    expect(concluded('Boot ROM')).toMatch(/^LicenseRef-/);
    expect(spdx.hasExtractedLicensingInfos).toContainEqual(expect.objectContaining({ licenseId: concluded('Boot ROM'), name: 'Proprietary' }));
    for (const c of [prop, listed]) expect((await editor.request('DELETE', `/api/v1/components/${c.id}`)).statusCode).toBe(200);
  });

  it('an upload says what it does not keep, and neither the inventory nor an export keeps a ref to a service or an impossible date; BOM-level references are kept', async () => {
    const product = (await editor.request('GET', `/api/v1/releases/${releaseId}`)).json<{ productId: string }>();
    const release = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '5.0.0' })).json<{ id: string }>();
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: { component: { type: 'device', 'bom-ref': 'root', name: 'Pump', version: '5' } },
      components: [
        { type: 'library', 'bom-ref': 'p', name: 'parent', version: '1', pedigree: { notes: 'patched' }, properties: [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-13-45' }] },
      ],
      services: [{ 'bom-ref': 'svc', name: 'cloud-api' }],
      dependencies: [{ ref: 'root', dependsOn: ['p', 'svc'] }, { ref: 'svc', dependsOn: ['p'] }],
      compositions: [{ aggregate: 'complete' }],
      externalReferences: [{ type: 'security-contact', url: 'mailto:psirt@example.com' }],
      // Warned about, never refused: a supplier's vulnerability statements and a signature.
      vulnerabilities: [{ id: 'CVE-2024-0001', analysis: { state: 'not_affected', justification: 'code_not_reachable' } }],
      signature: { algorithm: 'RS256', value: 'c2ln' },
    };
    const up = await app.inject({ method: 'POST', url: `/api/v1/releases/${release.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(doc) });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ warningCount: 6, dependencyCount: 1 });
    const detail = (await editor.request('GET', `/api/v1/sboms/${up.json<{ id: string }>().id}`)).json<{ diagnostics: { code: string; location: string }[] }>();
    expect(detail.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual([
      'support.invalid_date /components/0/properties/0/value',
      'services.not_kept /services',
      'compositions.not_kept /compositions',
      'pedigree.not_kept /components/0/pedigree',
      'vulnerabilities.not_kept /vulnerabilities',
      'signature.not_kept /signature',
    ]);
    const components = (await editor.request('GET', `/api/v1/releases/${release.id}/components`)).json<{ items: { name: string; endOfSupport: string | null }[] }>();
    // The primary component (Pump) is a row of the inventory too (ADR 0007 addendum 11).
    expect(components.items.map((c) => [c.name, c.endOfSupport])).toEqual([['parent', null], ['Pump', null]]);

    const cdx = (await editor.request('GET', `/api/v1/releases/${release.id}/export?format=cyclonedx-1.6-json&timestamp=2026-01-01T00:00:00Z`)).json<{
      dependencies: { ref: string; dependsOn?: string[] }[];
      externalReferences: unknown[];
    }>();
    expect(cdx.dependencies.find((d) => d.ref === 'root')?.dependsOn).toEqual(['p']);
    // BOM-level external references are kept.
    expect(cdx.externalReferences).toEqual([{ url: 'mailto:psirt@example.com', type: 'security-contact' }]);
    expect(JSON.stringify(cdx)).not.toMatch(/svc|2026-13-45|CVE-2024-0001|c2ln/);
    const spdx = await editor.request('GET', `/api/v1/releases/${release.id}/export?format=spdx-2.3-json&timestamp=2026-01-01T00:00:00Z`);
    expect(spdx.statusCode, spdx.body).toBe(200);
    expect(spdx.body).not.toMatch(/validUntilDate|svc|2026-13-45/);
  });

  it('export: the hospital variant leaves out people\'s e-mail addresses and phones of an uploaded SBOM, the full one keeps them', async () => {
    const product = (await editor.request('GET', `/api/v1/releases/${releaseId}`)).json<{ productId: string }>();
    const release = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '6.0.0' })).json<{ id: string }>();
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: {
        authors: [{ name: 'Hanako Sato', email: 'hanako.sato@example-medical.example', phone: '+81-90-1234-5678' }],
        // The product's manufacturer: its contacts go with the export's metadata.manufacturer.
        manufacturer: {
          name: 'Example Medical K.K.',
          url: ['https://example-medical.example/'],
          contact: [
            { name: 'Taro Yamada', email: 'taro.yamada@example-medical.example', phone: '+81-3-5555-0101' },
            { name: 'Example Medical PSIRT', email: 'psirt@example-medical.example', phone: '+81-3-5555-0100' },
          ],
        },
        component: { type: 'firmware', 'bom-ref': 'root', name: 'Pump firmware', version: '6' },
      },
      components: [
        {
          type: 'library',
          'bom-ref': 'zlib',
          name: 'zlib',
          version: '1.3.1',
          purl: 'pkg:generic/zlib@1.3.1',
          author: 'Jean-loup Gailly <jloup@gzip.example>',
          copyright: 'Copyright (C) 1995-2024 Jean-loup Gailly <jloup@gzip.example> and Mark Adler <madler@alumni.example>',
          supplier: { name: 'zlib project', url: ['https://zlib.example/'], contact: [{ name: 'Mark Adler', email: 'madler@alumni.example' }] },
        },
      ],
      externalReferences: [{ type: 'security-contact', url: 'mailto:psirt@example-medical.example' }],
    };
    const up = await app.inject({ method: 'POST', url: `/api/v1/releases/${release.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(doc) });
    expect(up.statusCode, up.body).toBe(201);
    const personal = ['hanako.sato@example-medical.example', '+81-90-1234-5678', 'taro.yamada@example-medical.example', '+81-3-5555-0101', 'jloup@gzip.example', 'madler@alumni.example'];
    for (const format of ['cyclonedx-1.6-json', 'cyclonedx-1.6-xml', 'spdx-2.3-json']) {
      const get = (variant: string) => editor.request('GET', `/api/v1/releases/${release.id}/export?format=${format}&variant=${variant}&timestamp=2026-01-01T00:00:00Z`);
      const [full, hospital] = [await get('full'), await get('hospital')];
      expect([format, full.statusCode, hospital.statusCode]).toEqual([format, 200, 200]);
      expect((await get('hospital')).body).toBe(hospital.body);
      // SPDX carries no phones and one address per organisation (its first contact with one).
      const inFull = format === 'spdx-2.3-json' ? ['hanako.sato@example-medical.example', 'taro.yamada@example-medical.example', 'jloup@gzip.example', 'madler@alumni.example'] : personal;
      for (const s of inFull) expect(full.body, `${format} full ${s}`).toContain(s);
      for (const s of personal) expect(hospital.body, `${format} hospital ${s}`).not.toContain(s);
      expect(hospital.body, format).toContain('psirt@example-medical.example');
      for (const name of ['Hanako Sato', 'Jean-loup Gailly']) expect(hospital.body, `${format} ${name}`).toContain(name);
    }
    const bom = (await editor.request('GET', `/api/v1/releases/${release.id}/export?format=cyclonedx-1.6-json&variant=hospital`)).json<{
      metadata: { authors: unknown[]; manufacturer: unknown };
      externalReferences: unknown[];
    }>();
    expect(bom.metadata.authors).toEqual([{ name: 'Hanako Sato' }]);
    expect(bom.metadata.manufacturer).toEqual({
      name: 'Example Medical K.K.',
      url: ['https://example-medical.example/'],
      contact: [{ name: 'Taro Yamada' }, { name: 'Example Medical PSIRT', email: 'psirt@example-medical.example', phone: '+81-3-5555-0100' }],
    });
    expect(bom.externalReferences).toEqual([{ url: 'mailto:psirt@example-medical.example', type: 'security-contact' }]);
  });

  it('viewers cannot upload', async () => {
    const viewer = await browserLogin(app, t.emails.viewer, strongPassword);
    const res = await app.inject({ method: 'POST', url: `/api/v1/releases/${releaseId}/sboms`, headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf }, payload: fixture });
    expect(res.json()).toMatchObject({ code: 'auth.forbidden' });
  });
});
