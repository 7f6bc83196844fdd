/**
 * SBOM API through inject(): raw upload, inventory listing, original download, manual components,
 * and the Dependency-Track-compatible endpoints that existing CI plugins call.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { browserLogin, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { productInput, seedTenant, strongPassword, type Tenant } from '../../test/support/fixtures.js';

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

  const upload = (body: Buffer | string, headers: Record<string, string> = {}) =>
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
    expect(huge.json()).toMatchObject({ code: 'request.too_large' });
  });

  it('manual components through the API', async () => {
    const created = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, { type: 'firmware', name: 'BLE stack', version: '5.2', supplier: 'Nordic', endOfSupport: '2031-03-31' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await editor.request('PATCH', `/api/v1/components/${id}`, { supportLevel: 'actively maintained' })).json()).toMatchObject({ supportLevel: 'actively maintained', origin: 'manual' });
    expect((await editor.request('DELETE', `/api/v1/components/${id}`)).statusCode).toBe(200);
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
    const noCreate = await app.inject({ method: 'PUT', url: '/api/v1/bom', headers: { 'x-api-key': token }, payload: { projectName: productName, projectVersion: '9.9', bom: fixture.toString('base64') } });
    expect(noCreate.json()).toMatchObject({ code: 'release.not_found' });
    // The file itself instead of its base64: said so, not reported as a document in an odd encoding.
    const plain = await app.inject({ method: 'PUT', url: '/api/v1/bom', headers: { 'x-api-key': token }, payload: { projectName: productName, projectVersion: '3.0.1', autoCreate: true, bom: fixture.toString('utf8') } });
    expect(plain.statusCode).toBe(400);
    expect(plain.json()).toMatchObject({ code: 'sbom.unreadable', detail: expect.stringMatching(/^The "bom" field is not base64 \(character "\{" at position 0\): send the file base64-encoded/) as unknown });
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
    const profiles = (await editor.request('GET', '/api/v1/sbom/profiles')).json<{ items: { id: string }[] }>();
    expect(profiles.items.map((p) => p.id)).toEqual(['ntia-2021', 'cisa-2026', 'fda', 'jp-mhlw', 'bsi-tr-03183-2']);
    const quality = await editor.request('GET', `/api/v1/releases/${releaseId}/quality?profile=ntia-2021`);
    expect(quality.statusCode, quality.body).toBe(200);
    expect(quality.json()).toMatchObject({ profile: { id: 'ntia-2021' }, verdict: expect.stringMatching(/pass|fail/) as unknown });

    const product = (await editor.request('GET', `/api/v1/releases/${releaseId}`)).json<{ productId: string }>();
    const newer = (await editor.request('POST', `/api/v1/products/${product.productId}/releases`, { version: '2.2.0' })).json<{ id: string }>();
    const changed = JSON.parse(fixture.toString('utf8')) as { components: { version: string; purl?: string }[] };
    changed.components[0]!.version = '4.17.21';
    changed.components[0]!.purl = 'pkg:npm/lodash@4.17.21';
    const up = await app.inject({ method: 'POST', url: `/api/v1/releases/${newer.id}/sboms`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, payload: JSON.stringify(changed) });
    expect(up.statusCode, up.body).toBe(201);
    const diff = (await editor.request('GET', `/api/v1/releases/${newer.id}/diff?against=${releaseId}`)).json<{ summary: { upgraded: number } }>();
    expect(diff.summary.upgraded).toBe(1);

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

  it('viewers cannot upload', async () => {
    const viewer = await browserLogin(app, t.emails.viewer, strongPassword);
    const res = await app.inject({ method: 'POST', url: `/api/v1/releases/${releaseId}/sboms`, headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf }, payload: fixture });
    expect(res.json()).toMatchObject({ code: 'auth.forbidden' });
  });
});
