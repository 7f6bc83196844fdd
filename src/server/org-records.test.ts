/**
 * Organisation records API through inject(): create/patch/archive/restore per kind, the summary,
 * problem+json validation errors, 401 without a session, 403 for viewers, tenant isolation, audit,
 * and the compliance wiring (org-scope suggestions, linking a register as evidence, its current view).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantSessions, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput } from '../../test/support/fixtures.js';
import { IEC, MHLW_GUIDANCE } from '../catalogs/keys.js';

const base = '/api/v1/organization/records';
const member = { name: 'Sato Hanako', role: 'chair', department: 'QA', email: 'sato@example.com', responsibilities: 'Chairs the board', appointedOn: '2025-04-01', endsOn: null };
const review = { reviewedOn: '2025-03-01', process: 'Security defect management', reviewers: ['Sato'], findings: 'Two late fixes', actions: 'Add SLA', nextReviewDue: '2025-09-01' };

describeEachDialect('Organisation records API', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let viewer: BrowserSession;
  let admin: BrowserSession;
  let stranger: BrowserSession;
  let memberId: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    ({ editor, viewer, admin, outsider: stranger } = await tenantSessions(app, env().ctx, ['editor', 'viewer', 'admin']));
  });
  afterAll(async () => app.close());

  it('needs a session, and viewers may read but not write', async () => {
    expect((await app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    const denied = await viewer.request('POST', `${base}/committee-members`, member);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect((await viewer.request('GET', base)).statusCode).toBe(200);
  });

  it('creates, lists with status and summary, and patches a committee member', async () => {
    const created = await editor.request('POST', `${base}/committee-members`, member);
    expect(created.statusCode, created.body).toBe(201);
    memberId = created.json<{ id: string }>().id;
    expect(created.json()).toMatchObject({ kind: 'committee_member', ...member, archivedAt: null });
    const reviewed = await editor.request('POST', `${base}/process-reviews`, review);
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    const list = await viewer.request('GET', base);
    const body = list.json<{ summary: { gaps: string[]; overdueReviews: number }; records: { kind: string; status: string }[] }>();
    expect(body.records.map((r) => [r.kind, r.status])).toEqual([['committee_member', 'current'], ['process_review', 'overdue']]);
    expect(body.summary.overdueReviews).toBe(1);
    expect(body.summary.gaps).toContain('process_review_overdue');
    expect(body.summary.gaps).not.toContain('no_committee');
    const patched = await admin.request('PATCH', `${base}/committee-members/${memberId}`, { department: 'PSIRT' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Sato Hanako', department: 'PSIRT' });
  });

  it('accepts a record with only its required fields; the others are empty', async () => {
    const res = await editor.request('POST', `${base}/isao-memberships`, { organizationName: 'JPCERT/CC' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ organizationName: 'JPCERT/CC', memberSince: null, endedOn: null, contact: '', notes: '' });
    const missing = await editor.request('POST', `${base}/raci`, { activity: 'Triage', assignment: 'A' });
    expect(missing.statusCode).toBe(400);
    expect(await editor.request('POST', `${base}/isao-memberships/${res.json<{ id: string }>().id}/archive`).then((r) => r.statusCode)).toBe(200);
  });

  it('answers invalid input with problem+json naming the field', async () => {
    const shape = await editor.request('POST', `${base}/training`, { person: 'A', course: 'C', competenceArea: 'x', completedOn: 'yesterday', result: 'passed', validUntil: null, notes: '' });
    expect(shape.statusCode).toBe(400);
    const rule = await editor.request('POST', `${base}/training`, { person: 'A', course: 'C', competenceArea: 'x', completedOn: '2026-05-01', result: 'passed', validUntil: '2026-01-01', notes: '' });
    expect(rule.statusCode).toBe(400);
    expect(rule.headers['content-type']).toContain('application/problem+json');
    expect(rule.json()).toMatchObject({ code: 'org_record.invalid', issues: [{ path: 'validUntil' }] });
    const contact = await editor.request('POST', `${base}/contact-points`, { channel: 'email', address: 'psirt', pgpKey: '', publishedUrl: null, responseSlaDays: 5, notes: '' });
    expect(contact.json()).toMatchObject({ code: 'org_record.invalid', issues: [{ path: 'address' }] });
  });

  it('keeps organisations apart', async () => {
    expect((await stranger.request('GET', base)).json<{ records: unknown[] }>().records).toEqual([]);
    expect((await stranger.request('PATCH', `${base}/committee-members/${memberId}`, { name: 'X' })).statusCode).toBe(404);
    expect((await stranger.request('POST', `${base}/committee-members/${memberId}/archive`)).statusCode).toBe(404);
  });

  it('archives and restores instead of deleting, with audit entries', async () => {
    const archived = await editor.request('POST', `${base}/committee-members/${memberId}/archive`);
    expect(archived.json<{ archivedAt: string | null }>().archivedAt).not.toBeNull();
    expect((await viewer.request('GET', base)).json<{ records: { id: string }[] }>().records.map((r) => r.id)).not.toContain(memberId);
    const all = await viewer.request('GET', `${base}?archived=include`);
    expect(all.json<{ records: { id: string; status: string }[] }>().records.find((r) => r.id === memberId)?.status).toBe('archived');
    const only = await viewer.request('GET', `${base}?archived=only`);
    const onlyIds = only.json<{ records: { id: string; archivedAt: string | null }[] }>().records;
    expect(onlyIds.map((r) => r.id)).toContain(memberId);
    expect(onlyIds.every((r) => r.archivedAt !== null)).toBe(true);
    expect((await editor.request('PATCH', `${base}/committee-members/${memberId}`, { name: 'Y' })).json()).toMatchObject({ code: 'org_record.archived' });
    expect((await editor.request('POST', `${base}/committee-members/${memberId}/restore`)).statusCode).toBe(200);
    const audit = (await admin.request('GET', `/api/v1/audit?entityType=committee_member&entityId=${memberId}`)).json<{ items: { action: string }[] }>();
    expect(audit.items.map((a) => a.action).sort()).toEqual(['org_record.archive', 'org_record.create', 'org_record.restore', 'org_record.update']);
  });

  it('suggests the registers as organisation evidence, links one, and resolves it to the register', async () => {
    const res = await viewer.request('GET', '/api/v1/compliance/org/suggestions');
    expect(res.statusCode, res.body).toBe(200);
    const suggestions = res.json<{ catalog: string; entry: string; recordType: string; available: boolean; linked: boolean; reason: { ja: string; en: string } }[]>();
    const committee = suggestions.find((s) => s.catalog === IEC && s.entry === '4.1.2' && s.recordType === 'org_committee');
    expect(committee).toMatchObject({ available: true, linked: false });
    expect(committee?.reason.ja).toContain('1 名');
    expect(suggestions.find((s) => s.catalog === MHLW_GUIDANCE && s.entry === '4.4.isao')).toMatchObject({ recordType: 'org_isao_memberships', available: false });
    const link = await editor.request('POST', `/api/v1/compliance/org/evidence/${encodeURIComponent(IEC)}/4.1.8`, { recordType: 'org_process_reviews', recordId: null, title: 'Process reviews' });
    expect(link.statusCode, link.body).toBe(201);
    // What it points at, wholly in each language (QA ra: the "→" line was English on Japanese screens).
    expect(link.json()).toMatchObject({
      current: {
        type: 'org_process_reviews',
        label: 'Periodic process reviews: 1 record, latest 2025-03-01',
        labelText: { ja: 'プロセスの定期レビュー: 1 件、最新 2025-03-01', en: 'Periodic process reviews: 1 record, latest 2025-03-01' },
      },
    });
    const again = (await viewer.request('GET', '/api/v1/compliance/org/suggestions')).json<{ entry: string; recordType: string; linked: boolean }[]>();
    expect(again.find((s) => s.entry === '4.1.8' && s.recordType === 'org_process_reviews')?.linked).toBe(true);
    const pinned = await editor.request('POST', `/api/v1/compliance/org/evidence/${encodeURIComponent(IEC)}/4.1.2`, { recordType: 'org_committee', recordId: 'nope', title: 'x' });
    expect(pinned.json()).toMatchObject({ code: 'compliance.invalid' });
    const own = await editor.request('POST', `/api/v1/compliance/org/evidence/${encodeURIComponent(IEC)}/4.1.2`, { recordType: 'org_committee', recordId: memberId, title: 'Chair' });
    expect(own.json()).toMatchObject({ current: { id: memberId, label: 'Sato Hanako (chair)' } });
  });

  it('suggests the contact points for IEC 9.2 on a product too (an entry of level both), and links them there', async () => {
    const product = await editor.request('POST', '/api/v1/products', productInput());
    const productId = product.json<{ id: string }>().id;
    const none = (await viewer.request('GET', `/api/v1/compliance/${productId}/suggestions`)).json<{ entry: string; recordType: string; available: boolean }[]>();
    expect(none.find((s) => s.entry === '9.2' && s.recordType === 'org_contact_points')).toMatchObject({ available: false });
    expect(none.some((s) => s.recordType === 'org_committee')).toBe(false);
    const cp = await editor.request('POST', `${base}/contact-points`, { channel: 'web_form', address: 'https://example.com/psirt', pgpKey: '', publishedUrl: 'https://example.com/.well-known/security.txt', responseSlaDays: 3, notes: '' });
    expect(cp.statusCode, cp.body).toBe(201);
    const some = (await viewer.request('GET', `/api/v1/compliance/${productId}/suggestions`)).json<{ entry: string; recordType: string; available: boolean }[]>();
    expect(some.find((s) => s.entry === '9.2' && s.recordType === 'org_contact_points')).toMatchObject({ available: true });
    const link = await editor.request('POST', `/api/v1/compliance/${productId}/evidence/${encodeURIComponent(IEC)}/9.2`, { recordType: 'org_contact_points', recordId: null, title: 'PSIRT contact' });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ productId, current: { label: 'Vulnerability contact points: 1 record' } });
  });
});
