/**
 * Automatic analysis through the API (ADR 0015), through inject(): an SBOM uploaded in the web app's
 * way or the Dependency-Track way, and a manual component added, are analysed without anyone asking;
 * the findings page says so while it runs and the Dependency-Track token reads as processing; a
 * change of the vulnerability database is picked up by the server's periodic check. With automatic
 * analysis off (the default of `buildApp` without configuration) nothing happens by itself.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, postSbom, seedProduct, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { testVulnDb, vulnDbAfter, vulnDbBefore } from '../../test/support/vulns.js';
import { findingsMonitor, type FindingsMonitor } from '../services/findings-monitor.js';
import type { VulnDbReader } from '../vulndb/reader.js';

/** The web app's upload: the file as the request body. */
const upload = (app: FastifyInstance, session: BrowserSession, releaseId: string) => postSbom(app, session, releaseId, smallSbom);

interface FindingPageBody {
  total: number;
  analysis: { seq: number } | null;
  analysisPending: boolean;
  feeds: { autoAnalysis: { checkSeconds: number } | null };
  items: { vulnerabilityId: string }[];
}

describeEachDialect('Automatic analysis API', (env) => {
  let app: FastifyInstance;
  let monitor: FindingsMonitor;
  let t: Tenant;
  let editor: BrowserSession;
  let productId: string;
  let reader: VulnDbReader | null = vulnDbBefore();
  const source = testVulnDb(() => reader);

  beforeAll(async () => {
    monitor = findingsMonitor(env().ctx, source, { automatic: true, checkSeconds: 3600 });
    ({ app } = await testApp(env().ctx, { vulnDb: source, monitor }));
    t = await seedTenant(env().ctx);
    editor = await loginAs(app, t, 'editor');
    productId = await seedProduct(editor);
  });
  afterAll(async () => app.close());

  const newRelease = async (version: string) =>
    (await editor.request('POST', `/api/v1/products/${productId}/releases`, { version, releaseDate: null, stage: 'development' })).json<{ id: string }>().id;
  const findings = async (releaseId: string) => (await editor.request('GET', `/api/v1/releases/${releaseId}/findings`)).json<FindingPageBody>();

  it('analyses a release after an SBOM upload', async () => {
    expect((await editor.request('GET', '/api/v1/vulnerabilities')).json()).toMatchObject({ findingsCurrent: null, feeds: { lastSeq: 4 } });
    const releaseId = await newRelease('1.0.0');
    expect(await findings(releaseId)).toMatchObject({ analysis: null, analysisPending: false, feeds: { autoAnalysis: { checkSeconds: 3600 } } });
    expect((await upload(app, editor, releaseId)).statusCode).toBe(201);
    await monitor.idle();
    const after = await findings(releaseId);
    expect(after).toMatchObject({ analysis: { seq: 4 }, analysisPending: false, total: 3 });
    // Analysed, never refreshed: current up to the analysis.
    expect((await editor.request('GET', '/api/v1/vulnerabilities')).json()).toMatchObject({ findingsCurrent: { seq: 4, refreshedAt: null } });
  });

  it('reads a Dependency-Track token as processing until the analysis is done', async () => {
    const releaseId = await newRelease('2.0.0');
    const product = (await editor.request('GET', `/api/v1/products/${productId}`)).json<{ name: string }>();
    const key = await tokenFor(env().ctx, t.editor);
    // Hold the queue so that the state in between can be seen.
    let release!: () => void;
    const held = monitor.run(() => new Promise<void>((r) => (release = r)));
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/bom',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      payload: { projectName: product.name, projectVersion: '2.0.0', bom: smallSbom.toString('base64') },
    });
    expect(put.statusCode).toBe(200);
    const token = put.json<{ token: string }>().token;
    const poll = async (path = 'bom') => (await app.inject({ method: 'GET', url: `/api/v1/${path}/token/${token}`, headers: { 'x-api-key': key } })).json<{ processing: boolean }>();
    expect(await poll()).toEqual({ processing: true });
    expect(await poll('event')).toEqual({ processing: true }); // Dependency-Track 4.11 and later
    expect(await findings(releaseId)).toMatchObject({ analysisPending: true, analysis: null });
    release();
    await held;
    await monitor.idle();
    expect(await poll()).toEqual({ processing: false });
    expect(await poll('event')).toEqual({ processing: false });
    expect(await findings(releaseId)).toMatchObject({ analysisPending: false, analysis: { seq: 4 }, total: 3 });
  });

  it('analyses again after a manual component is added', async () => {
    const releaseId = await newRelease('3.0.0');
    const added = await editor.request('POST', `/api/v1/releases/${releaseId}/components`, { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', type: 'library' });
    expect(added.statusCode).toBe(201);
    await monitor.idle();
    const page = await findings(releaseId);
    expect(page.analysis).not.toBeNull();
    expect(page.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2021-23337']);

    // Edited to the fixed version: analysed again, the finding is resolved.
    const id = added.json<{ id: string }>().id;
    expect((await editor.request('PATCH', `/api/v1/components/${id}`, { version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' })).statusCode).toBe(200);
    await monitor.idle();
    expect((await findings(releaseId)).items).toEqual([]);
  });

  it('does not analyse again when only the support data of an SBOM component is edited', async () => {
    const releaseId = await newRelease('3.1.0');
    expect((await upload(app, editor, releaseId)).statusCode).toBe(201);
    await monitor.idle();
    const admin = await loginAs(app, t, 'admin');
    const analyses = async () =>
      (await admin.request('GET', `/api/v1/audit?entityType=release&entityId=${releaseId}`)).json<{ items: { action: string }[] }>().items.filter((e) => e.action === 'findings.analyze').length;
    expect(await analyses()).toBe(1);
    const components = (await editor.request('GET', `/api/v1/releases/${releaseId}/components?limit=1`)).json<{ items: { id: string }[] }>();
    const edited = await editor.request('PATCH', `/api/v1/components/${components.items[0]!.id}`, { supportLevel: 'maintained', endOfSupport: '2030-12-31' });
    expect(edited.statusCode).toBe(200);
    expect(monitor.pending(releaseId)).toBe(false);
    await monitor.idle();
    expect(await analyses()).toBe(1);
  });

  it('re-analyses after the vulnerability database changed', async () => {
    const releaseId = await newRelease('4.0.0');
    expect((await upload(app, editor, releaseId)).statusCode).toBe(201);
    await monitor.idle();
    reader = vulnDbAfter();
    await monitor.check();
    await monitor.idle();
    const page = (await editor.request('GET', `/api/v1/releases/${releaseId}/findings?status=all`)).json<FindingPageBody & { items: { vulnerabilityId: string; severity: string; computedAtSeq: number }[] }>();
    expect(page.items.find((f) => f.vulnerabilityId === 'CVE-2021-23337')).toMatchObject({ severity: 'high', computedAtSeq: 7 });
    const list = (await editor.request('GET', '/api/v1/vulnerabilities')).json<{ feeds: { lastSeq: number }; findingsCurrent: { seq: number; refreshedAt: string | null } | null }>();
    expect(list.feeds.lastSeq).toBe(7);
    expect(list.findingsCurrent).toMatchObject({ seq: 7, refreshedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown });
    const audit = (await (await loginAs(app, t, 'admin')).request('GET', '/api/v1/audit?entityType=organization')).json<{ items: { action: string; actorName: string }[] }>();
    expect(audit.items.find((e) => e.action === 'findings.refresh')).toMatchObject({ actorName: 'system:refresh' });
  });
});

describeEachDialect('Automatic analysis API, switched off', (env) => {
  let app: FastifyInstance;
  const source = testVulnDb(() => vulnDbBefore());

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: source }));
  });
  afterAll(async () => app.close());

  it('leaves an uploaded SBOM unanalysed until someone asks', async () => {
    const t = await seedTenant(env().ctx);
    const editor = await loginAs(app, t, 'editor');
    const productId = await seedProduct(editor);
    const releaseId = (await editor.request('POST', `/api/v1/products/${productId}/releases`, { version: '1.0.0', releaseDate: null, stage: 'development' })).json<{ id: string }>().id;
    expect((await upload(app, editor, releaseId)).statusCode).toBe(201);
    await new Promise((r) => setTimeout(r, 50));
    expect((await editor.request('GET', `/api/v1/releases/${releaseId}/findings`)).json()).toMatchObject({ analysis: null, analysisPending: false, feeds: { autoAnalysis: null } });
  });
});
