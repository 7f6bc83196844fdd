/**
 * GET /audit names what each entry is about (subject): from the entry itself where it recorded a
 * name, else from the entity as stored now (a login's user, a triage decision's finding, an analysed
 * release, a product's clinical or compliance profile, a risk's product), with the product and
 * release it belongs to, on SQLite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, seedRelease, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { testVulnDb, vulnDbBefore } from '../../test/support/vulns.js';
const td = JSON.parse(readFileSync(new URL('../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8')) as Record<string, unknown>;

interface Entry {
  action: string;
  entityType: string;
  entityId: string | null;
  subject: { label: string | null; context: string | null; productId: string | null; releaseId: string | null };
}

describeEachDialect('audit log subjects', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let productId: string;
  let releaseId: string;
  let findingId: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(vulnDbBefore()) }));
    t = await seedTenant(env().ctx);
    editor = await loginAs(app, t, 'editor');
    viewer = await loginAs(app, t, 'viewer');
    const ok = async (method: string, url: string, body?: unknown) => {
      const res = await editor.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json<{ id: string }>();
    };
    ({ productId, releaseId } = await seedRelease(app, editor, {
      product: { name: '輸液ポンプ IP-300' },
      release: { version: '1.0.0', releaseDate: '2026-04-01', stage: 'support' },
      sbom: smallSbom,
      analyse: true,
    }));
    const findings = (await editor.request('GET', `/api/v1/releases/${releaseId}/findings`)).json<{ items: { id: string; componentName: string }[] }>();
    findingId = findings.items.find((f) => f.componentName === 'lodash')!.id;
    await ok('POST', `/api/v1/findings/${findingId}/triage`, { state: 'exploitable' });
    await ok('PUT', `/api/v1/products/${productId}/clinical-profile`, { answers: { therapy: true, diagnosis: false, monitoring: false, workflow: false, patientData: false }, exposure: 'network' });
    await ok('PUT', `/api/v1/compliance/${productId}/profile`, { route: 'full', catalogs: ['iec-81001-5-1'] });
    await ok('POST', `/api/v1/products/${productId}/threat-models/import`, td);
    await ok('PUT', `/api/v1/products/${productId}/risks/t-spoof`, { likelihood: 1, impact: 1, residualLikelihood: null, residualImpact: null, hazard: null });
    // Renamed afterwards: the entry keeps the name it recorded, the others name the product as it is now.
    await ok('PATCH', `/api/v1/products/${productId}`, { name: '輸液ポンプ IP-300 改' });
  });
  afterAll(async () => app.close());

  async function entries(): Promise<Entry[]> {
    const res = await viewer.request('GET', '/api/v1/audit?limit=100');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Entry[] }>().items;
  }
  const subjectOf = (list: Entry[], action: string) => list.find((e) => e.action === action)!.subject;

  it('names products, releases, SBOMs and findings, with the product and release they belong to', async () => {
    const list = await entries();
    const product = '輸液ポンプ IP-300 改';
    expect(subjectOf(list, 'product.create')).toEqual({ label: '輸液ポンプ IP-300', context: null, productId, releaseId: null });
    expect(subjectOf(list, 'product.update')).toEqual({ label: product, context: null, productId, releaseId: null });
    expect(subjectOf(list, 'release.create')).toEqual({ label: '1.0.0', context: product, productId, releaseId });
    expect(subjectOf(list, 'sbom.upload')).toEqual({ label: 'bom.json', context: `${product} 1.0.0`, productId, releaseId });
    // Entries that record no name: looked up.
    expect(subjectOf(list, 'findings.analyze')).toEqual({ label: '1.0.0', context: product, productId, releaseId });
    expect(subjectOf(list, 'triage.set')).toEqual({ label: 'CVE-2021-23337 lodash 4.17.20', context: `${product} 1.0.0`, productId, releaseId });
    expect(subjectOf(list, 'triage.clinical_profile')).toEqual({ label: product, context: null, productId, releaseId: null });
    expect(subjectOf(list, 'compliance.profile.set')).toEqual({ label: product, context: null, productId, releaseId: null });
    expect(subjectOf(list, 'threat_model.import')).toEqual({ label: 'Infusion pump v1', context: product, productId, releaseId: null });
    expect(subjectOf(list, 'risk.create')).toEqual({ label: 't-spoof', context: product, productId, releaseId: null });
  });

  it('names users and the organisation', async () => {
    const list = await entries();
    const login = list.find((e) => e.action === 'auth.login' && e.entityId === t.editor.userId)!;
    expect(login.subject).toEqual({ label: t.emails.editor, context: null, productId: null, releaseId: null });
    const created = list.find((e) => e.action === 'user.create' && e.entityId === t.viewer.userId)!;
    expect(created.subject.label).toBe(t.emails.viewer);
    expect(subjectOf(list, 'organization.create').label).toMatch(/^Org /);
  });

  it('filters by entity and still names it', async () => {
    const res = await viewer.request('GET', `/api/v1/audit?entityType=finding&entityId=${findingId}`);
    expect(res.json<{ items: Entry[] }>().items.map((e) => [e.action, e.subject.label])).toEqual([['triage.set', 'CVE-2021-23337 lodash 4.17.20']]);
  });
});
