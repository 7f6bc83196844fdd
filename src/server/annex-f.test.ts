/**
 * Annex F API through inject(): 401 without a session, 403 for viewers' writes, 404 for another
 * organisation, 409 on the full route and before the readiness check passes; propose, edit, record,
 * decide, and the declaration export carrying the workflow.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedProduct, tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { productInput } from '../../test/support/fixtures.js';
import { iecAssessmentItems } from '../../test/support/compliance.js';
import { describeEachDialect } from '../../test/support/databases.js';

describeEachDialect('Annex F API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let outsider: BrowserSession;
  let productId: string;
  let fullId: string;
  const base = (id = productId) => `/api/v1/products/${id}/compliance/annex-f`;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ editor, viewer, outsider } = await tenantSessions(app, env().ctx, ['editor', 'viewer']));
    productId = await seedProduct(editor);
    fullId = await seedProduct(editor);
    expect((await editor.request('PUT', `/api/v1/compliance/${productId}/profile`, { route: 'annex_f', catalogs: ['iec-81001-5-1', 'mhlw-0523-confirmation'] })).statusCode).toBe(200);
    expect((await editor.request('PUT', `/api/v1/compliance/${productId}/assessments/iec-81001-5-1/5.7.1`, { status: 'not_started' })).statusCode).toBe(200);
  });
  afterAll(async () => app.close());

  it('401 without a session; 409 annex_f.wrong_route for a product on the full route', async () => {
    const anon = await app.inject({ method: 'GET', url: base() });
    expect(anon.statusCode).toBe(401);
    const full = await viewer.request('GET', base(fullId));
    expect([full.statusCode, full.json<{ code: string }>().code]).toEqual([409, 'annex_f.wrong_route']);
    expect(full.headers['content-type']).toMatch(/problem\+json/);
  });

  it('walks the workflow: propose, decide each gap, write the record, decide the declaration, export', async () => {
    const proposed = await editor.request('POST', `${base()}/gaps/propose`);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const [gap] = proposed.json<{ id: string; entry: string; description: string; descriptionText: { ja: string; en: string } }[]>();
    expect(gap!.entry).toBe('5.7.1');
    // The proposed text in each language, wholly (QA ra: half-English gap texts); the workflow shows the same.
    expect(gap!.descriptionText.ja).toMatch(/^5\.7\.1 [^A-Za-z]+: 評価は「未着手」。$/);
    expect(gap!.descriptionText.en).toMatch(/^5\.7\.1 [^\u3040-\u30ff\u4e00-\u9fff]+: assessed as not started\.$/);
    const shown = (await viewer.request('GET', base())).json<{ gaps: { id: string; descriptionText: { ja: string; en: string } }[] }>();
    expect(shown.gaps.find((g) => g.id === gap!.id)?.descriptionText).toEqual(gap!.descriptionText);

    const invalid = await editor.request('PUT', `${base()}/gaps/${gap!.id}`, { entry: '5.7.1', description: 'x', decision: 'close' });
    expect([invalid.statusCode, invalid.json<{ code: string }>().code]).toEqual([400, 'annex_f.invalid']);
    const badShape = await editor.request('PUT', `${base()}/gaps/${gap!.id}`, { entry: '5.7.1', description: 'x', residualLevel: 'high' });
    expect(badShape.statusCode).toBe(400);
    const put = await editor.request('PUT', `${base()}/gaps/${gap!.id}`, {
      entry: '5.7.1',
      description: 'No penetration test records for 2.x.',
      decision: 'accept',
      residualLevel: 'alara',
      acceptanceRationale: 'Used only on isolated hospital networks.',
      accepted: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ acceptedBy: string }>().acceptedBy).toMatch(/^editor@/);

    const manual = await editor.request('POST', `${base()}/gaps`, { entry: '9.2', description: 'No vulnerability intake procedure.', decision: 'close', closureAction: 'Write the PSIRT intake procedure', closureDueDate: '2027-01-31' });
    expect(manual.statusCode, manual.body).toBe(201);

    const notReady = await editor.request('POST', `${base()}/decision`);
    expect([notReady.statusCode, notReady.json<{ code: string }>().code]).toEqual([409, 'annex_f.not_ready']);

    const rec = await editor.request('PUT', `${base()}/record`, {
      versions: ['2.1.0'],
      continuedUseRationale: 'Twelve years in the field without security incidents.',
      riskCommunication: 'Security section of the instructions for use.',
      monitoringPlan: 'Feeds daily.',
      updatePlan: 'Quarterly patches.',
      disclosurePlan: 'Advisories via the hospital portal.',
    });
    expect(rec.statusCode, rec.body).toBe(200);
    // Every text is written and every gap decided, but the entries behind the gap list are not all assessed.
    const unassessed = await editor.request('POST', `${base()}/decision`);
    expect([unassessed.statusCode, unassessed.json<{ code: string; issues: { path: string }[] }>().issues.map((i) => i.path)]).toEqual([409, ['gaps', 'closure']]);
    expect(unassessed.json<{ issues: { message: string }[] }>().issues[0]!.message).toMatch(/applicable IEC 81001-5-1 entries are not assessed yet/);
    const before = (await viewer.request('GET', base())).json<{ readiness: { steps: { gaps: { complete: boolean }; closure: { complete: boolean } }; counts: { unassessed: number; assessable: number } } }>().readiness;
    expect([before.steps.gaps.complete, before.steps.closure.complete, before.counts.unassessed > 0]).toEqual([false, false, true]);
    for (const scope of iecAssessmentItems(productId, ['5.7.1', '9.2'])) {
      const bulk = await editor.request('POST', `/api/v1/compliance/${scope.productId ?? 'org'}/assessments/bulk`, { items: scope.items });
      expect(bulk.statusCode, bulk.body).toBe(200);
    }
    const decided = await editor.request('POST', `${base()}/decision`);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<{ decidedBy: string }>().decidedBy).toMatch(/^editor@/);

    const state = (await viewer.request('GET', base())).json<{ gaps: { entry: string; entryTitle: { en: string } }[]; readiness: { ready: boolean; decided: boolean; warnings: { code: string; version: string | null; messageText: { ja: string; en: string } }[] } }>();
    expect(state.gaps.map((g) => g.entry)).toEqual(['5.7.1', '9.2']);
    expect(state.gaps[0]!.entryTitle.en).not.toBe('');
    // Version 2.1.0 in scope is no release in mamori, so it has no SBOM: a warning, with the version (QA ra).
    expect(state.readiness).toMatchObject({ ready: true, decided: true, warnings: [{ code: 'version_without_release', step: 'scope', version: '2.1.0' }, { code: 'closure_open' }] });

    // The recorded workflow answers F.2–F.4: F.3 and F.4 implemented, F.2 in progress (9.2's closure action is open).
    const fRows = (await viewer.request('GET', `/api/v1/compliance/${productId}/gaps`)).json<{ catalogs: { rows: { entry: { id: string }; status: string | null; source: { type: string; reason?: string; reasonText?: { ja: string; en: string } } | null; gaps: string[] }[] }[] }>()
      .catalogs.flatMap((c) => c.rows).filter((r) => /^F\.[234]$/.test(r.entry.id));
    expect(fRows.map((r) => [r.entry.id, r.status, r.source?.type, r.gaps])).toEqual([
      ['F.2', 'in_progress', 'workflow', []],
      ['F.3', 'implemented', 'workflow', []],
      ['F.4', 'implemented', 'workflow', []],
    ]);
    // Why, wholly in each language (QA ra: it was one string "English / 日本語").
    expect(fRows[1]!.source).toMatchObject({ reason: expect.stringMatching(/^Annex F decision recorded on \d{4}-\d{2}-\d{2} by editor@[^ ]+\.$/) as unknown });
    expect(fRows[1]!.source?.reasonText).toEqual({ ja: expect.stringMatching(/^\d{4}-\d{2}-\d{2} に附属書F の判断を記録（editor@[^）]+）。$/) as unknown, en: fRows[1]!.source?.reason });
    expect(fRows[0]!.source?.reasonText?.ja).toMatch(/。未完了の解消アクションがある。$/);
    // The readiness warnings carry their Japanese text too (the CLI prints it with --lang ja).
    expect(state.readiness.warnings[0]!.messageText).toEqual({
      ja: '対象バージョン 2.1.0 は mamori にリリースとして登録されていないため、SBOM がありません。リリースを登録し、SBOM を取り込んでください（手引書 附属書A）。',
      en: 'Version 2.1.0 in scope is not a release in mamori, so it has no SBOM: add the release and import its SBOM (MHLW guidance Annex A).',
    });

    const doc = await viewer.request('GET', `/api/v1/compliance/${productId}/export?format=html&lang=en&document=annex-f`);
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain('The Annex F workflow record (sections 4–8 of this document) answers this entry.');
    expect(doc.body).not.toContain('DRAFT');
    expect(doc.body).toContain('Write the PSIRT intake procedure');
    expect(doc.body).toContain('Used only on isolated hospital networks.');
    expect(doc.body).toContain('Decision recorded in mamori: editor');
  });

  it('readiness counts an entry nobody assessed as unassessed, even where a crosswalk joins its clause to a 0523 item', async () => {
    // 0523 item 1 is equal to IEC Clause 4. With 4.1.5 unassessed, Clause 4 rolls up to "not started"
    // only because of it; that must not come back to 4.1.5 through item 1 and make it look assessed.
    const id = (await editor.request('POST', '/api/v1/products', productInput())).json<{ id: string }>().id;
    expect((await editor.request('PUT', `/api/v1/compliance/${id}/profile`, { route: 'annex_f', catalogs: ['iec-81001-5-1', 'mhlw-0523-confirmation'] })).statusCode).toBe(200);
    for (const scope of iecAssessmentItems(id, ['4.1.5', '5.1.1'])) {
      const bulk = await editor.request('POST', `/api/v1/compliance/${scope.productId ?? 'org'}/assessments/bulk`, { items: scope.items });
      expect(bulk.statusCode, bulk.body).toBe(200);
    }
    const rec = await editor.request('PUT', `${base(id)}/record`, {
      versions: ['2.4.1'],
      continuedUseRationale: 'r',
      riskCommunication: 'c',
      monitoringPlan: 'm',
      updatePlan: 'u',
      disclosurePlan: 'd',
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const state = (await viewer.request('GET', base(id))).json<{ candidates: { entry: string }[]; readiness: { ready: boolean; counts: { unassessed: number }; steps: { gaps: { complete: boolean; problems: { code: string; message: string }[] } } } }>();
    expect(state.readiness.counts.unassessed).toBe(2);
    expect(state.readiness.steps.gaps.complete).toBe(false);
    expect(state.readiness.steps.gaps.problems[0]!.code).toBe('entries_not_assessed');
    expect(state.readiness.steps.gaps.problems[0]!.message).toContain('4.1.5, 5.1.1');
    expect(state.readiness.ready).toBe(false);
    const decision = await editor.request('POST', `${base(id)}/decision`);
    expect([decision.statusCode, decision.json<{ code: string }>().code]).toEqual([409, 'annex_f.not_ready']);
    // the compliance view says the same: not assessed, not "not started via crosswalk"
    const gaps = (await viewer.request('GET', `/api/v1/compliance/${id}/gaps`)).json<{ catalogs: { rows: { entry: { id: string }; status: string | null; source: unknown; gaps: string[] }[] }[] }>();
    const rows = gaps.catalogs.flatMap((c) => c.rows);
    expect(rows.find((r) => r.entry.id === '4.1.5')).toMatchObject({ status: null, source: null });
    expect(rows.find((r) => r.entry.id === '4.1.5')!.gaps).toContain('not_assessed');
    expect(rows.find((r) => r.entry.id === 'jis.1')).toMatchObject({ status: null });
    expect(rows.find((r) => r.entry.id === 'jis.1')!.gaps).toContain('not_assessed');
  });

  it('viewers read but cannot write (403); another organisation gets 404 everywhere', async () => {
    expect((await viewer.request('GET', base())).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', `${base()}/gaps/propose`, undefined],
      ['POST', `${base()}/gaps`, { entry: '4.1', description: 'x' }],
      ['PUT', `${base()}/record`, {}],
      ['POST', `${base()}/decision`, undefined],
    ] as const) {
      const res = await viewer.request(method, url, body);
      expect([url, res.statusCode]).toEqual([url, 403]);
    }
    const gaps = (await viewer.request('GET', base())).json<{ gaps: { id: string }[] }>().gaps;
    for (const [method, url] of [
      ['GET', base()],
      ['POST', `${base()}/gaps/propose`],
      ['PUT', `${base()}/record`],
      ['DELETE', `${base()}/gaps/${gaps[0]!.id}`],
    ] as const) {
      const res = await outsider.request(method, url, method === 'PUT' ? {} : undefined);
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
    }
    const missing = await editor.request('DELETE', `${base()}/gaps/00000000-0000-0000-0000-000000000000`);
    expect([missing.statusCode, missing.json<{ code: string }>().code]).toEqual([404, 'annex_f.gap_not_found']);
    const del = await editor.request('DELETE', `${base()}/gaps/${gaps[1]!.id}`);
    expect(del.statusCode).toBe(200);
  });
});
