/**
 * Compliance API through inject(): assessments with propagation and history, evidence links and
 * uploads, suggestions, profile and applicability, gap analysis and exports; viewers read only;
 * another organisation sees nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedRelease, tenantSessions, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { listAudit } from '../store/repositories/audit.js';

const IEC = 'iec-81001-5-1@2021';

describeEachDialect('compliance API', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let outsider: BrowserSession;
  let productId: string;
  let releaseId: string;
  const base = () => `/api/v1/compliance/${productId}`;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ tenant: t, editor, viewer, outsider } = await tenantSessions(app, env().ctx, ['editor', 'viewer']));
    ({ productId, releaseId } = await seedRelease(app, editor, { release: { version: '3.0.0' }, sbom: smallSbom }));
  });
  afterAll(async () => app.close());

  it('records an assessment, names where it propagates, and shows its history', async () => {
    const put = await editor.request('PUT', `${base()}/assessments/iec-81001-5-1/8`, { status: 'implemented', owner: '佐藤' });
    expect(put.statusCode, put.body).toBe(200);
    const body = put.json<{ assessment: { catalog: string; applicable: boolean }; propagatesTo: string[] }>();
    expect(body.assessment).toMatchObject({ catalog: IEC, applicable: true });
    expect(body.propagatesTo).toContain('mhlw-0523-confirmation@2023-05-23#jis.5');
    await editor.request('PUT', `${base()}/assessments/iec-81001-5-1/8`, { status: 'verified', owner: '佐藤' });
    const history = await viewer.request('GET', `${base()}/assessments/iec-81001-5-1/8/history`);
    expect(history.json<{ action: string }[]>().map((h) => h.action)).toEqual(['compliance.assessment.update', 'compliance.assessment.create']);
    const list = await viewer.request('GET', `${base()}/assessments`);
    expect(list.json<unknown[]>()).toHaveLength(1);
  });

  it('answers problems with stable codes: bad body 400, unknown entry 404, not applicable without reason 400', async () => {
    const bad = await editor.request('PUT', `${base()}/assessments/iec-81001-5-1/8`, { status: 'done' });
    expect(bad.statusCode).toBe(400);
    const unknown = await editor.request('PUT', `${base()}/assessments/iec-81001-5-1/42.1`, { status: 'implemented' });
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([404, 'compliance.entry_not_found']);
    const na = await editor.request('PUT', `${base()}/assessments/iec-81001-5-1/5.3.1`, { status: 'not_applicable' });
    expect([na.statusCode, na.json<{ code: string }>().code]).toEqual([400, 'compliance.invalid']);
  });

  it('viewers read but cannot write; another organisation sees nothing', async () => {
    const put = await viewer.request('PUT', `${base()}/assessments/iec-81001-5-1/8`, { status: 'in_progress' });
    expect(put.statusCode).toBe(403);
    const link = await viewer.request('POST', `${base()}/evidence/iec-81001-5-1/8`, { recordType: 'release', recordId: releaseId, title: 'x' });
    expect(link.statusCode).toBe(403);
    for (const url of [`${base()}/gaps`, `${base()}/assessments`, `${base()}/suggestions`, `${base()}/export?format=csv`]) {
      const res = await outsider.request('GET', url);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    const put2 = await outsider.request('PUT', `${base()}/assessments/iec-81001-5-1/8`, { status: 'not_started' });
    expect(put2.statusCode).toBe(404);
    const orgList = await outsider.request('GET', '/api/v1/compliance/org/assessments');
    expect(orgList.json<unknown[]>()).toEqual([]);
  });

  it('links suggested evidence, uploads a file (SHA-256 kept), approves it, and downloads it unchanged', async () => {
    const suggestions = (await viewer.request('GET', `${base()}/suggestions`)).json<{ catalog: string; entry: string; recordType: string; recordId: string | null; title: { ja: string; en: string }; linked: boolean }[]>();
    const sbom = suggestions.find((s) => s.entry === '8' && s.recordType === 'release_sbom')!;
    expect(sbom).toMatchObject({ catalog: IEC, recordId: releaseId, linked: false });
    // Titles in both languages, for the screen's language (QA ra: English titles on Japanese screens).
    const model = suggestions.find((s) => s.entry === '7.2' && s.recordType === 'threat_model')!;
    expect(model.title).toEqual({ ja: expect.stringMatching(/^脅威モデル /) as unknown, en: expect.stringMatching(/^Threat model /) as unknown });
    const linked = await editor.request('POST', `${base()}/evidence/${sbom.catalog}/${sbom.entry}`, { recordType: sbom.recordType, recordId: sbom.recordId, title: sbom.title.en });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<{ current: { type: string } }>().current.type).toBe('sbom');

    const bytes = Buffer.from('%PDF-1.4 test plan\n');
    const token = await tokenFor(env().ctx, t.editor);
    const up = await app.inject({ method: 'POST', url: `/api/v1/compliance/org/evidence/iec-81001-5-1/4.1.2/file?fileName=${encodeURIComponent('体制図.pdf')}&title=Security%20organisation&version=1.2`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, payload: bytes });
    expect(up.statusCode, up.body).toBe(201);
    const ev = up.json<{ id: string; sha256: string; fileName: string; mediaType: string }>();
    expect(ev).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), fileName: '体制図.pdf', mediaType: 'application/pdf' });
    const approved = await editor.request('POST', `/api/v1/evidence/${ev.id}/approve`);
    expect(approved.json<{ approvedBy: string }>().approvedBy).toBe(t.emails.editor);
    const file = await viewer.request('GET', `/api/v1/evidence/${ev.id}/file`);
    expect([file.statusCode, file.rawPayload.equals(bytes)]).toEqual([200, true]);
    const foreign = await outsider.request('GET', `/api/v1/evidence/${ev.id}/file`);
    expect(foreign.statusCode).toBe(404);
    const orgEvidence = await viewer.request('GET', '/api/v1/compliance/org/evidence?catalog=iec-81001-5-1&entry=4.1.2');
    expect(orgEvidence.json<unknown[]>()).toHaveLength(1);
  });

  it('uploads with a title and version, edits them (PATCH, audited, approval withdrawn), and tells the media type a browser did not name (QA ra 6)', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n');
    const up = await app.inject({
      method: 'POST',
      url: `${base()}/evidence/${IEC}/8/file?fileName=QMS-manual.pdf&title=${encodeURIComponent('QMS マニュアル')}&version=QM-001%20rev.3`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/octet-stream' },
      payload: pdf,
    });
    expect(up.statusCode, up.body).toBe(201);
    const ev = up.json<{ id: string; title: string; version: string; mediaType: string }>();
    expect(ev).toMatchObject({ title: 'QMS マニュアル', version: 'QM-001 rev.3', mediaType: 'application/pdf' });
    // No type at all, no magic number: the name tells it.
    const csv = await app.inject({ method: 'POST', url: `${base()}/evidence/${IEC}/8/file?fileName=tests.csv`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/octet-stream' }, payload: Buffer.from('a,b\n1,2\n') });
    expect(csv.json<{ mediaType: string; title: string; version: string }>()).toMatchObject({ mediaType: 'text/csv', title: 'tests.csv', version: '' });

    expect((await editor.request('POST', `/api/v1/evidence/${ev.id}/approve`)).statusCode).toBe(200);
    const edited = await editor.request('PATCH', `/api/v1/evidence/${ev.id}`, { version: 'QM-001 rev.4' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'QMS マニュアル', version: 'QM-001 rev.4', approvedBy: null, approvedAt: null, mediaType: 'application/pdf' });
    const listed = (await viewer.request('GET', `${base()}/evidence?catalog=${IEC}&entry=8`)).json<{ id: string; version: string }[]>();
    expect(listed.find((e) => e.id === ev.id)?.version).toBe('QM-001 rev.4');
    // The same values again change nothing (the approval stays).
    await editor.request('POST', `/api/v1/evidence/${ev.id}/approve`);
    const same = await editor.request('PATCH', `/api/v1/evidence/${ev.id}`, { title: ' QMS マニュアル ' });
    expect(same.json<{ approvedBy: string | null }>().approvedBy).toBe(t.emails.editor);
    const audit = await listAudit(env().ctx.store.db, t.editor.organizationId, { entityType: 'compliance_evidence', entityId: ev.id }, { limit: 50, offset: 0 });
    const updates = audit.items.filter((a) => a.action === 'compliance.evidence.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ before: { version: 'QM-001 rev.3' }, after: { version: 'QM-001 rev.4', approvedBy: null } });

    expect((await editor.request('PATCH', `/api/v1/evidence/${ev.id}`, {})).statusCode).toBe(400);
    expect((await editor.request('PATCH', `/api/v1/evidence/${ev.id}`, { title: '' })).statusCode).toBe(400);
    expect((await viewer.request('PATCH', `/api/v1/evidence/${ev.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await outsider.request('PATCH', `/api/v1/evidence/${ev.id}`, { title: 'x' })).statusCode).toBe(404);
    // Removed again: the later tests count the evidence of entry 8.
    for (const id of [ev.id, csv.json<{ id: string }>().id]) expect((await editor.request('DELETE', `/api/v1/evidence/${id}`)).statusCode).toBe(200);
    expect((await editor.request('PATCH', `/api/v1/evidence/${ev.id}`, { title: 'x' })).statusCode).toBe(404);
  });

  it('proposes applicability, saves the profile, and reports gaps with the dual-standard view', async () => {
    const proposal = await viewer.request('POST', `${base()}/applicability`, { onMarket: true, markets: ['jp'] });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const p = proposal.json<{ route: string; catalogs: { catalog: string; applies: boolean }[] }>();
    expect(p.route).toBe('annex_f');
    const saved = await editor.request('PUT', `${base()}/profile`, { route: p.route, catalogs: p.catalogs.filter((c) => c.applies).map((c) => c.catalog) });
    expect(saved.statusCode, saved.body).toBe(200);
    const gaps = await viewer.request('GET', `${base()}/gaps`);
    expect(gaps.statusCode, gaps.body).toBe(200);
    const g = gaps.json<{ route: string; catalogs: { summary: { catalog: string; verified: number }; rows: { entry: { id: string }; status: string | null; evidenceCount: number; gaps: string[] }[] }[]; dualStandard: { side: string }[] }>();
    expect(g.route).toBe('annex_f');
    const iec = g.catalogs.find((c) => c.summary.catalog === IEC)!;
    expect(iec.rows.find((r) => r.entry.id === '8')).toMatchObject({ status: 'verified', evidenceCount: 1, gaps: [] });
    expect(iec.rows.find((r) => r.entry.id === 'F.3')?.gaps).toContain('not_assessed');
    expect(g.dualStandard.some((d) => d.side === 'mhlw') && g.dualStandard.some((d) => d.side === 'iec')).toBe(true);
    const one = await viewer.request('GET', `${base()}/gaps?catalog=mhlw-0523-confirmation`);
    expect(one.json<{ catalogs: unknown[] }>().catalogs).toHaveLength(1);
    // On the full route Annex F does not apply: each of its sub-clauses says why, wholly in each language (QA ra: "English / 日本語" in one string).
    const chosen = p.catalogs.filter((c) => c.applies).map((c) => c.catalog);
    expect((await editor.request('PUT', `${base()}/profile`, { route: 'full', catalogs: chosen })).statusCode).toBe(200);
    const full = (await viewer.request('GET', `${base()}/gaps?catalog=iec-81001-5-1`)).json<{ catalogs: { rows: { entry: { id: string }; status: string | null; justification: string; justificationText: { ja: string; en: string } }[] }[] }>();
    expect(full.catalogs[0]!.rows.find((r) => r.entry.id === 'F.2')).toMatchObject({
      status: 'not_applicable',
      justification: 'Full conformity route (Clauses 4–9): Annex F (transitional health software) does not apply.',
      justificationText: {
        ja: 'フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。',
        en: 'Full conformity route (Clauses 4–9): Annex F (transitional health software) does not apply.',
      },
    });
    expect(full.catalogs[0]!.rows.find((r) => r.entry.id === '8')?.justificationText).toEqual({ ja: '', en: '' });
    expect((await editor.request('PUT', `${base()}/profile`, { route: p.route, catalogs: chosen })).statusCode).toBe(200);
  });

  it('exports CSV (BOM, Japanese headers) and HTML for download', async () => {
    const csv = await viewer.request('GET', `${base()}/export?format=csv&lang=ja`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=.*\.ja\.csv/);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rawPayload.toString('utf8')).toContain('"カタログ","項目"');
    const html = await viewer.request('GET', `${base()}/export?format=html&lang=en&document=annex-f`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Declaration report for transitional health software');
    const orgAnnex = await viewer.request('GET', '/api/v1/compliance/org/export?document=annex-f');
    expect(orgAnnex.statusCode).toBe(400);
    // Back on the full route, the Annex F report is refused with a clear 409 instead of a contradictory document.
    expect((await editor.request('PUT', `${base()}/profile`, { route: 'full', catalogs: [IEC] })).statusCode).toBe(200);
    const full = await viewer.request('GET', `${base()}/export?format=pdf&lang=en&document=annex-f`);
    expect([full.statusCode, full.json<{ code: string }>().code]).toEqual([409, 'annex_f.wrong_route']);
    expect(full.headers['content-type']).toMatch(/problem\+json/);
    expect(full.json<{ detail: string }>().detail).toMatch(/full conformity route .* no Annex F declaration report/);
    expect((await viewer.request('GET', `${base()}/export?format=html&lang=en`)).statusCode).toBe(200);
  });

  it('refuses a product assessment of an organisation-level entry (400 compliance.wrong_scope): nothing stored or audited, the gap row unchanged', async () => {
    const put = await editor.request('PUT', `${base()}/assessments/${IEC}/4.1.1`, { status: 'in_progress', owner: 'Security lead', dueDate: '2024-01-31' });
    expect([put.statusCode, put.json<{ code: string }>().code]).toEqual([400, 'compliance.wrong_scope']);
    expect(put.json<{ detail: string }>().detail).toMatch(/4\.1\.1 .*organisation-level.*organisation scope/);
    const bulk = await editor.request('POST', `${base()}/assessments/bulk`, { items: [{ catalog: IEC, entry: '4.1.4', status: 'implemented' }] });
    expect([bulk.statusCode, bulk.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)]).toEqual([400, ['items.0.entry']]);
    const list = (await viewer.request('GET', `${base()}/assessments`)).json<{ entry: string }[]>();
    expect(list.map((a) => a.entry)).not.toContain('4.1.1');
    expect(list.map((a) => a.entry)).not.toContain('4.1.4');
    const audit = (await viewer.request('GET', '/api/v1/audit?entityType=compliance_assessment&limit=500')).json<{ items: { after: { entry?: string } | null }[] }>();
    expect(audit.items.map((e) => e.after?.entry)).not.toContain('4.1.1');
    // The organisation scope takes it, and the product's gap analysis then reports exactly that.
    const org = await editor.request('PUT', `/api/v1/compliance/org/assessments/${IEC}/4.1.1`, { status: 'in_progress', owner: 'Security lead', dueDate: '2024-01-31' });
    expect(org.statusCode, org.body).toBe(200);
    const gaps = (await viewer.request('GET', `${base()}/gaps?catalog=${IEC}`)).json<{ catalogs: { rows: { entry: { id: string }; scope: string; status: string | null }[] }[] }>();
    expect(gaps.catalogs[0]!.rows.find((r) => r.entry.id === '4.1.1')).toMatchObject({ scope: 'organization', status: 'in_progress' });
  });

  it('lists the evidence behind an entry’s count, including what reaches it from the parent clause', async () => {
    expect((await editor.request('PUT', `${base()}/assessments/${IEC}/4.1.5`, { status: 'in_progress' })).statusCode).toBe(200);
    const linked = await editor.request('POST', `${base()}/evidence/${IEC}/4`, { recordType: 'release', recordId: releaseId, title: 'Release 3.0.0' });
    expect(linked.statusCode, linked.body).toBe(201);
    const gaps = (await viewer.request('GET', `${base()}/gaps?catalog=${IEC}`)).json<{ catalogs: { rows: { entry: { id: string }; evidenceCount: number }[] }[] }>();
    const row = gaps.catalogs[0]!.rows.find((r) => r.entry.id === '4.1.5')!;
    const res = await viewer.request('GET', `${base()}/evidence/${IEC}/4.1.5`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ scope: string; count: number; items: { id: string; entry: string; productId: string | null; relation: string; current: { label: string } | null }[] }>();
    expect(row.evidenceCount).toBeGreaterThan(0);
    expect([body.scope, body.count, body.items.length]).toEqual(['product', row.evidenceCount, row.evidenceCount]);
    expect(body.items.find((e) => e.id === linked.json<{ id: string }>().id)).toMatchObject({ entry: '4', productId, relation: 'ancestor', current: { label: '3.0.0' } });
    const foreign = await outsider.request('GET', `${base()}/evidence/${IEC}/4.1.5`);
    expect(foreign.statusCode).toBe(404);
  });

  it('a release without an SBOM is named on every entry that expects a release SBOM (API, HTML and CSV)', async () => {
    const rel = await editor.request('POST', `/api/v1/products/${productId}/releases`, { version: '2.4.1' });
    expect(rel.statusCode, rel.body).toBe(201);
    const g = (await viewer.request('GET', `${base()}/gaps`)).json<{ catalogs: { summary: { catalog: string }; rows: { entry: { id: string }; gaps: string[]; releasesWithoutSbom: string[] }[] }[]; totals: { gaps: Record<string, number> } }>();
    const rows = (catalog: string) => g.catalogs.find((c) => c.summary.catalog === catalog)!.rows;
    // 3.0.0 has an SBOM, 2.4.1 has none: Clause 8 (assessed verified, with evidence) still says so
    expect(rows(IEC).find((r) => r.entry.id === '8')).toMatchObject({ gaps: ['release_without_sbom'], releasesWithoutSbom: ['2.4.1'] });
    const guidance = (await viewer.request('GET', `${base()}/gaps?catalog=mhlw-cybersecurity-guidance`)).json<typeof g>();
    expect(guidance.catalogs[0]!.rows.find((r) => r.entry.id === 'A.2')).toMatchObject({ releasesWithoutSbom: ['2.4.1'] });
    expect(guidance.catalogs[0]!.rows.find((r) => r.entry.id === 'A.2')!.gaps).toContain('release_without_sbom');
    expect(rows(IEC).find((r) => r.entry.id === '4.1.1')).toMatchObject({ releasesWithoutSbom: [] });
    expect(g.totals.gaps.release_without_sbom).toBeGreaterThan(0);
    const html = await viewer.request('GET', `${base()}/export?format=html&lang=en`);
    expect(html.body).toContain('Release 2.4.1 has no SBOM');
    const csv = await viewer.request('GET', `${base()}/export?format=csv&lang=ja`);
    expect(csv.body).toContain('リリース 2.4.1 に SBOM がない');
  });
});
