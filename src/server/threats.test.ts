/**
 * Threat modelling API through inject(): Threat Dragon import/export, versions and diff, risk register,
 * controls → requirements → tests, traceability (JSON and CSV), evidence summary, viewer read-only,
 * tenant isolation and audit entries.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedProduct, tenantSessions, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import type { Tenant } from '../../test/support/fixtures.js';

const td = JSON.parse(readFileSync(new URL('../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describeEachDialect('threat modelling API', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let admin: BrowserSession;
  let outsider: BrowserSession;
  let productId: string;
  let versionId: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ tenant: t, editor, viewer, admin, outsider } = await tenantSessions(app, env().ctx, ['editor', 'viewer', 'admin']));
    productId = await seedProduct(editor);
  });
  afterAll(async () => app.close());

  it('imports a Threat Dragon file and exports it back unchanged', async () => {
    const res = await editor.request('POST', `/api/v1/products/${productId}/threat-models/import?label=${encodeURIComponent('初版')}`, td);
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json<{ id: string; version: number; label: string; threatCount: number; model: { elements: unknown[] } }>();
    expect(v).toMatchObject({ version: 1, label: '初版', threatCount: 3 });
    versionId = v.id;
    const exp = await viewer.request('GET', `/api/v1/threat-models/${versionId}/export?format=threat-dragon`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toContain('.threat-dragon.json');
    expect(JSON.parse(exp.body)).toEqual(td);
    const json = await viewer.request('GET', `/api/v1/threat-models/${versionId}/export?format=json`);
    expect(json.json()).toMatchObject({ format: 'mamori-threat-model', id: versionId });
    const bad = await editor.request('POST', `/api/v1/products/${productId}/threat-models/import`, { summary: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'threat_model.invalid' });
  });

  it('versions: a new version freezes the old one; PUT edits the newest; diff and STRIDE worklist', async () => {
    const next = await editor.request('POST', `/api/v1/products/${productId}/threat-models`, { label: 'v2' });
    expect(next.statusCode).toBe(201);
    const v2 = next.json<{ id: string; model: { elements: { id: string; kind: string; name: string }[]; threats: unknown[] } & Record<string, unknown> }>();
    const frozen = await editor.request('PUT', `/api/v1/threat-models/${versionId}`, { model: v2.model });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'threat_model.frozen' });
    const controller = v2.model.elements.find((e) => e.kind === 'process')!;
    const model = { ...v2.model, elements: v2.model.elements.map((e) => (e.id === controller.id ? { ...e, name: 'Pump CPU' } : e)) };
    const saved = await editor.request('PUT', `/api/v1/threat-models/${v2.id}`, { model });
    expect(saved.statusCode, saved.body).toBe(200);
    const diff = (await viewer.request('GET', `/api/v1/threat-models/${v2.id}/diff?against=${versionId}`)).json<{ diff: { elements: { changed: { id: string }[] } } }>();
    expect(diff.diff.elements.changed.map((c) => c.id)).toEqual([controller.id]);
    const list = (await viewer.request('GET', `/api/v1/products/${productId}/threat-models`)).json<{ items: { version: number; frozenAt: string | null }[] }>();
    expect(list.items.map((i) => [i.version, i.frozenAt === null])).toEqual([[2, true], [1, false]]);
    const current = await viewer.request('GET', `/api/v1/products/${productId}/threat-models/current`);
    expect(current.json<{ id: string }>().id).toBe(v2.id);
    const worklist = (await viewer.request('GET', `/api/v1/threat-models/${v2.id}/stride-suggestions`)).json<{ items: { elementId: string }[] }>();
    expect(worklist.items.length).toBeGreaterThan(0);
    const invalid = await editor.request('PUT', `/api/v1/threat-models/${v2.id}`, { model: { ...model, method: 'astrology' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'request.invalid' });
    versionId = v2.id;
  });

  it('viewer reads everything and changes nothing; other tenants see nothing', async () => {
    for (const path of ['security-context', 'risks', 'controls', 'traceability', 'threat-summary', 'threat-models'])
      expect((await viewer.request('GET', `/api/v1/products/${productId}/${path}`)).statusCode, path).toBe(200);
    const writes: [string, string, unknown][] = [
      ['PUT', `/api/v1/products/${productId}/security-context`, (await viewer.request('GET', `/api/v1/products/${productId}/security-context`)).json<{ context: unknown }>().context],
      ['POST', `/api/v1/products/${productId}/threat-models/import`, td],
      ['POST', `/api/v1/products/${productId}/controls`, { ref: 'SC-9', title: 'x', type: 'design' }],
      ['PUT', `/api/v1/products/${productId}/risks/t-spoof`, { likelihood: 1, impact: 1, residualLikelihood: null, residualImpact: null, hazard: null }],
    ];
    for (const [method, url, body] of writes) {
      const res = await viewer.request(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'auth.forbidden' });
    }
    for (const url of [`/api/v1/products/${productId}/risks`, `/api/v1/threat-models/${versionId}`, `/api/v1/products/${productId}/traceability`]) {
      const res = await outsider.request('GET', url);
      expect(res.statusCode, url).toBe(404);
    }
    const scales = (await viewer.request('GET', '/api/v1/risk-scales')).json<{ scales: unknown; isDefault: boolean }>();
    expect(scales.isDefault).toBe(true);
    expect((await editor.request('PUT', '/api/v1/risk-scales', scales.scales)).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/v1/risk-scales', scales.scales)).statusCode).toBe(200);
  });

  it('closes the traceability matrix: risk, control, approved requirement, passed test', async () => {
    const base = `/api/v1/products/${productId}`;
    const before = await viewer.request('GET', `${base}/traceability`);
    expect(before.json<{ matrix: { gaps: unknown[] } }>().matrix.gaps.length).toBeGreaterThan(0);
    for (const threatId of ['t-spoof', 't-tamper']) {
      const risk = await editor.request('PUT', `${base}/risks/${threatId}`, {
        likelihood: 3,
        impact: 4,
        residualLikelihood: 1,
        residualImpact: 4,
        hazard: { hazardId: 'HAZ-7', hazard: 'Wrong dose', harm: 'Overdose', severity: 4 },
      });
      expect(risk.statusCode, risk.body).toBe(200);
      expect(risk.json()).toMatchObject({ evaluation: { initialLevel: 'unacceptable', residualLevel: 'alara', controlled: false } });
      const acc = await editor.request('POST', `${base}/risks/${threatId}/acceptance`, { rationale: 'Clinical benefit outweighs the residual risk' });
      expect(acc.json()).toMatchObject({ evaluation: { controlled: true }, assessment: { acceptance: { acceptedBy: t.emails.editor } } });
    }
    const c = (await editor.request('POST', `${base}/controls`, { ref: 'SC-1', title: 'Badge + PIN, signed commands', type: 'design', threatIds: ['t-spoof', 't-tamper'] })).json<{ id: string }>();
    const r = (await editor.request('POST', `${base}/security-requirements`, { ref: 'SR-1', title: 'Authenticate and sign', controlIds: [c.id] })).json<{ id: string }>();
    const review = await admin.request('POST', `/api/v1/security-requirements/${r.id}/reviews`, { status: 'approved', comment: 'OK' });
    expect(review.json()).toMatchObject({ reviewStatus: 'approved', reviews: [{ by: t.emails.admin }] });
    const test = await editor.request('POST', `${base}/verification-tests`, {
      ref: 'VT-1',
      title: 'Unsigned command rejected',
      kind: 'threat_mitigation',
      requirementIds: [r.id],
      result: 'passed',
      executedOn: '2026-11-20',
      tester: 'External lab',
      independence: 'different_organization',
    });
    expect(test.statusCode, test.body).toBe(201);
    const after = (await viewer.request('GET', `${base}/traceability`)).json<{ matrix: { gaps: unknown[]; counts: { closed: number } } }>();
    expect(after.matrix.gaps).toEqual([]);
    expect(after.matrix.counts.closed).toBe(3);
    const csv = await viewer.request('GET', `${base}/traceability.csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('SC-1,design,SR-1,approved,VT-1,threat_mitigation,passed,2026-11-20');
    const failing = await editor.request('PATCH', `/api/v1/verification-tests/${test.json<{ id: string }>().id}`, { result: 'failed' });
    expect(failing.statusCode).toBe(200);
    const gaps = (await viewer.request('GET', `${base}/traceability`)).json<{ matrix: { gaps: { kind: string }[] } }>().matrix.gaps;
    expect(gaps.map((g) => g.kind)).toEqual(['test_failed']);
    const del = await editor.request('DELETE', `/api/v1/controls/${c.id}`);
    expect(del.json()).toEqual({ id: c.id });
    expect((await viewer.request('GET', `/api/v1/controls/${c.id}`)).statusCode).toBe(404);
    // With its control gone, SR-1 is derived from no control: an orphan the matrix reports (QA ra #11).
    const orphan = (await viewer.request('GET', `${base}/traceability`)).json<{ matrix: { gaps: { kind: string; requirementId: string | null; ref: string | null }[] } }>().matrix.gaps;
    expect(orphan.filter((g) => g.kind === 'requirement_without_control')).toEqual([expect.objectContaining({ requirementId: r.id, ref: 'SR-1' })]);
    // …and a line of the trace CSV of its own: no threat, no control, the gaps saying why.
    const orphanCsv = (await viewer.request('GET', `${base}/traceability.csv`)).body.split('\r\n');
    expect(orphanCsv).toContain(',,,,,,,,,SR-1,approved,,,,,requirement_without_control');
  });

  it('exports the security risk report as HTML, CSV (register, trace) and PDF, in Japanese or English', async () => {
    const url = `/api/v1/products/${productId}/threat-report`;
    const ja = await viewer.request('GET', `${url}?format=html&lang=ja`);
    expect(ja.statusCode, ja.body).toBe(200);
    expect(ja.headers['content-type']).toMatch(/text\/html/);
    expect(ja.headers['content-disposition']).toMatch(/^attachment; filename="security-risk-report-.*\.ja\.html"/);
    for (const h of ['セキュリティリスク報告書', '3. セキュリティリスク台帳', '4. トレーサビリティマトリクス', 'HAZ-7 Wrong dose', 'Nurse impersonated']) expect(ja.body).toContain(h);
    const en = await viewer.request('GET', `${url}?lang=en`);
    expect(en.body).toContain('Security risk report');
    const reg = await viewer.request('GET', `${url}?format=csv&lang=en`);
    expect(reg.headers['content-type']).toMatch(/text\/csv/);
    expect(reg.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(reg.body).toContain('"t-spoof","Nurse impersonated","Nurse"');
    expect(reg.body).toContain('"HAZ-7","Wrong dose","Overdose"');
    const trace = await viewer.request('GET', `${url}?format=csv&lang=ja&part=trace`);
    expect(trace.headers['content-disposition']).toMatch(/filename="traceability-/);
    expect(trace.body.split('\r\n')[0]).toContain('"脅威"');
    expect((await viewer.request('GET', `${url}?format=docx`)).statusCode).toBe(400);
    expect((await outsider.request('GET', `${url}?format=html`)).statusCode).toBe(404);
    if (existsSync('/usr/bin/chromium')) {
      const pdf = await viewer.request('GET', `${url}?format=pdf&lang=ja`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 60_000);

  it('summarises evidence, answers with tokens too, and audits writes', async () => {
    const token = await tokenFor(env().ctx, t.viewer);
    const res = await app.inject({ method: 'GET', url: `/api/v1/products/${productId}/threat-summary`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const s = res.json<{ evidence: { evidenceId: string; kind: string }[] }>();
    expect(s.evidence.map((e) => e.kind)).toEqual(['threat_model_version', 'risk_register', 'traceability_matrix']);
    expect(s.evidence[0]!.evidenceId).toBe(versionId);
    const audit = (await env().ctx.store.db.selectFrom('audit_log').select(['action', 'actor_name']).where('organization_id', '=', t.organizationId).execute()).map((a) => a.action);
    for (const a of ['threat_model.import', 'threat_model.create', 'threat_model.update', 'risk.accept', 'control.delete', 'requirement.update', 'verification_test.create'])
      expect(audit).toContain(a);
  });
});
