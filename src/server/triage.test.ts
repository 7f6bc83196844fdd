/**
 * Triage and VEX API through inject(): decisions, history and carry-forward view, bulk triage, the
 * priority queue with the clinical profile, the FDA risk decision, VEX/CSAF downloads, import into
 * proposals and their review, validation, viewer read-only, tenant isolation and audit entries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedRelease, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { smallSbom } from '../../test/support/fixtures.js';
import { testVulnDb, vulnDbBefore } from '../../test/support/vulns.js';

describeEachDialect('Triage API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let admin: BrowserSession;
  let stranger: BrowserSession;
  let productId: string;
  let releaseId: string;
  let findings: { id: string; componentName: string }[];

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(vulnDbBefore()) }));
    ({ editor, viewer, admin, outsider: stranger } = await tenantSessions(app, env().ctx, ['editor', 'viewer', 'admin']));
    ({ productId, releaseId } = await seedRelease(app, editor, { release: { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support' }, sbom: smallSbom, analyse: true }));
    findings = (await viewer.request('GET', `/api/v1/releases/${releaseId}/findings`)).json<{ items: { id: string; componentName: string }[] }>().items;
  });
  afterAll(async () => app.close());

  const id = (name: string) => findings.find((f) => f.componentName === name)!.id;

  it('records a decision, shows it with history, and audits it; viewers and strangers cannot', async () => {
    const body = { state: 'not_affected', justification: 'code_not_reachable', detail: 'never called' };
    expect((await viewer.request('POST', `/api/v1/findings/${id('lodash')}/triage`, body)).statusCode).toBe(403);
    expect((await stranger.request('POST', `/api/v1/findings/${id('lodash')}/triage`, body)).statusCode).toBe(404);
    const created = await editor.request('POST', `/api/v1/findings/${id('lodash')}/triage`, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ origin: 'own', decision: { state: 'not_affected', responses: [] }, priority: { band: 'closed' } });
    const bad = await editor.request('POST', `/api/v1/findings/${id('lodash')}/triage`, { state: 'pwned' });
    expect(bad.statusCode).toBe(400);
    const noReason = await editor.request('POST', `/api/v1/findings/${id('lodash')}/triage`, { state: 'not_affected' });
    expect(noReason.json()).toMatchObject({ code: 'triage.invalid', detail: "A 'not affected' decision needs a justification or a detail saying why." });
    const view = await viewer.request('GET', `/api/v1/findings/${id('lodash')}/triage`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json<{ history: { state: string; origin: string }[] }>().history.map((h) => [h.state, h.origin])).toEqual([['not_affected', 'own']]);
    expect((await stranger.request('GET', `/api/v1/findings/${id('lodash')}/triage`)).statusCode).toBe(404);
    const audit = (await admin.request('GET', `/api/v1/audit?entityType=finding&entityId=${id('lodash')}`)).json<{ items: { action: string }[] }>();
    expect(audit.items.map((a) => a.action)).toEqual(['triage.set']);
  });

  it('triages in bulk and ranks the queue with the clinical profile', async () => {
    const bulk = await editor.request('POST', '/api/v1/triage/bulk', { findingIds: [id('requests'), id('FreeRTOS')], state: 'exploitable', responses: ['update'] });
    expect(bulk.statusCode, bulk.body).toBe(201);
    expect(bulk.json()).toMatchObject({ decided: 2 });
    expect((await viewer.request('PUT', `/api/v1/products/${productId}/clinical-profile`, { answers: { therapy: true, diagnosis: false, monitoring: true, workflow: false, patientData: false }, exposure: 'adjacent' })).statusCode).toBe(403);
    const profile = await editor.request('PUT', `/api/v1/products/${productId}/clinical-profile`, { answers: { therapy: true, diagnosis: false, monitoring: true, workflow: false, patientData: false }, exposure: 'adjacent' });
    expect(profile.statusCode, profile.body).toBe(200);
    expect((await viewer.request('GET', `/api/v1/products/${productId}/clinical-profile`)).json()).toMatchObject({ configured: true, exposure: 'adjacent' });
    const queue = (await viewer.request('GET', `/api/v1/releases/${releaseId}/triage-queue`)).json<{ items: { finding: { componentName: string }; priority: { score: number; inputs: { exposure: string; environmentalVector: string } } }[] }>();
    expect(queue.items.map((q) => q.finding.componentName)).toEqual(['FreeRTOS', 'requests']);
    expect(queue.items[0]!.priority.inputs).toMatchObject({ exposure: 'adjacent' });
    expect(queue.items[0]!.priority.inputs.environmentalVector).toContain('MAV:A');
    expect(queue.items[0]!.priority.score).toBeGreaterThan(queue.items[1]!.priority.score);
    // A page of it, with the total; filters on the server.
    const page = (await viewer.request('GET', `/api/v1/releases/${releaseId}/triage-queue?limit=1&offset=1`)).json<{ items: { finding: { componentName: string } }[]; total: number }>();
    expect([page.total, page.items.map((q) => q.finding.componentName)]).toEqual([2, ['requests']]);
    const found = (await viewer.request('GET', `/api/v1/releases/${releaseId}/triage-queue?q=freertos`)).json<{ items: { finding: { componentName: string } }[]; total: number }>();
    expect([found.total, found.items.map((q) => q.finding.componentName)]).toEqual([1, ['FreeRTOS']]);
    expect((await viewer.request('GET', `/api/v1/releases/${releaseId}/triage-queue?band=P9`)).statusCode).toBe(400);
    expect((await stranger.request('GET', `/api/v1/releases/${releaseId}/triage-queue`)).statusCode).toBe(404);
  });

  it('records an FDA risk decision with due dates', async () => {
    const res = await editor.request('POST', `/api/v1/findings/${id('FreeRTOS')}/risk-decision`, { control: 'uncontrolled', rationale: 'alarm suppression', awareOn: '2026-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ clocks: { kind: string; dueOn: string }[] }>().clocks.map((c) => [c.kind, c.dueOn])).toEqual([['fda_communicate', '2026-05-31'], ['fda_remediate', '2026-06-30']]);
  });

  it('downloads VEX and CSAF, imports them as proposals and reviews one', async () => {
    for (const format of ['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf_vex', 'csaf_security_advisory']) {
      const res = await viewer.request('GET', `/api/v1/products/${productId}/vex?format=${format}&releaseId=${releaseId}`);
      expect(res.statusCode, `${format}: ${res.body}`).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
    }
    expect((await stranger.request('GET', `/api/v1/products/${productId}/vex?format=openvex`)).statusCode).toBe(404);
    // The VEX names the SBOM the Export tab gives for the same variant (default hospital): same serial number.
    for (const variant of [null, 'hospital', 'full'] as const) {
      const q = variant ? `&variant=${variant}` : '';
      const sbom = (await viewer.request('GET', `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json&variant=${variant ?? 'hospital'}`)).json<{ serialNumber: string }>();
      const embedded = await viewer.request('GET', `/api/v1/products/${productId}/vex?format=cyclonedx-embedded&releaseId=${releaseId}${q}`);
      // The SBOM with VEX is a document of its own: not the export's serial number.
      expect(embedded.json<{ serialNumber: string }>().serialNumber, variant ?? 'default').not.toBe(sbom.serialNumber);
      const cdx = (await viewer.request('GET', `/api/v1/products/${productId}/vex?format=cyclonedx&releaseId=${releaseId}${q}`)).json<{ vulnerabilities: { affects: { ref: string }[] }[] }>();
      expect(new Set(cdx.vulnerabilities.flatMap((v) => v.affects.map((a) => a.ref.split('#')[0])))).toEqual(new Set([`urn:cdx:${sbom.serialNumber.slice('urn:uuid:'.length)}/1`]));
    }
    const badVariant = await viewer.request('GET', `/api/v1/products/${productId}/vex?format=cyclonedx&releaseId=${releaseId}&variant=internal`);
    expect(badVariant.statusCode).toBe(400);
    const openvex = (await viewer.request('GET', `/api/v1/products/${productId}/vex?format=openvex&releaseId=${releaseId}`)).json<Record<string, unknown>>();
    expect((await viewer.request('POST', `/api/v1/products/${productId}/vex`, openvex)).statusCode).toBe(403);
    const imported = await editor.request('POST', `/api/v1/products/${productId}/vex?sourceName=supplier.json`, openvex);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ format: 'openvex', proposals: 3, unmatched: 0 });
    const list = (await viewer.request('GET', `/api/v1/products/${productId}/triage-proposals`)).json<{ items: { id: string; findingIds: string[]; statement: { state: string } }[] }>();
    expect(list.items).toHaveLength(3);
    const lodash = list.items.find((p) => p.findingIds[0] === id('lodash'))!;
    expect(lodash.statement.state).toBe('not_affected');
    expect((await viewer.request('POST', `/api/v1/triage-proposals/${lodash.id}/review`, { verdict: 'accept' })).statusCode).toBe(403);
    const accepted = await editor.request('POST', `/api/v1/triage-proposals/${lodash.id}/review`, { verdict: 'accept', note: 'ok' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ proposal: { status: 'accepted' }, decisionIds: [expect.any(String)] });
    expect((await editor.request('POST', `/api/v1/triage-proposals/${lodash.id}/review`, { verdict: 'reject' })).statusCode).toBe(409);
    const garbage = await editor.request('POST', `/api/v1/products/${productId}/vex`, { hello: 'world' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ code: 'vex.unsupported' });
    const audit = (await admin.request('GET', `/api/v1/audit?entityType=triage_proposal&entityId=${lodash.id}`)).json<{ items: { action: string }[] }>();
    expect(audit.items.map((a) => a.action)).toEqual(['triage.proposal_accept']);
  });
});
