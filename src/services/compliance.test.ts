/**
 * Compliance on both dialects: assessments with history, assess once / report many through the
 * shipped crosswalks, evidence (record links that follow the current SBOM, uploaded files with
 * SHA-256, approval), suggestions, profile and route, gap analysis, roles and tenant isolation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { FDA_PREMARKET, IEC, MHLW_0523, MHLW_GUIDANCE } from '../catalogs/keys.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { createTest, createThreatModelVersion } from './threats.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import {
  addRecordEvidence,
  approveEvidence,
  assessmentHistory,
  checkApplicability,
  complianceReport,
  getEvidenceFile,
  getProfile,
  listEvidence,
  removeEvidence,
  setAssessment,
  setProfile,
  suggestEvidence,
  suggestOrgEvidence,
  uploadEvidenceFile,
} from './compliance.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import { releaseQuality } from './sbom-reports.js';
import type { FeedState } from '../vulndb/feed-states.js';

const sbomBytes = new Uint8Array(readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
const base = { justification: '', owner: 'Sato', dueDate: null, notes: '' };

describeEachDialect('compliance', (env) => {
  let t: Tenant;
  let other: Tenant;
  let productId: string;
  let releaseId: string;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    other = await seedTenant(env().ctx);
    const p = await createProduct(env().ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    productId = p.value.id;
    const r = await createRelease(env().ctx, t.editor, productId, { version: '1.0.0', releaseDate: '2026-01-10', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
  });

  it('records an assessment, reports where it propagates, and keeps every change in the audit log', async () => {
    const { ctx } = env();
    const target = { productId, catalog: 'iec-81001-5-1', entry: '8' };
    const first = await setAssessment(ctx, t.editor, target, { ...base, status: 'in_progress', dueDate: '2026-03-31' });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value.assessment).toMatchObject({ catalog: IEC, entry: '8', status: 'in_progress', owner: 'Sato' });
    expect(first.value.propagatesTo).toContain(`${MHLW_0523}#jis.5`);
    const second = await setAssessment(ctx, t.editor, target, { ...base, status: 'implemented' });
    expect(second.ok && second.value.assessment.id).toBe(first.value.assessment.id);
    const history = await assessmentHistory(ctx, t.viewer, target);
    if (!history.ok) throw new Error('history');
    expect(history.value.map((h) => h.action)).toEqual(['compliance.assessment.update', 'compliance.assessment.create']);
    expect(history.value[0]!.before).toMatchObject({ status: 'in_progress' });
  });

  it('refuses what is wrong, naming it: unknown entry, missing justification, product-level entry for the organisation, viewers', async () => {
    const { ctx } = env();
    const unknown = await setAssessment(ctx, t.editor, { productId, catalog: IEC, entry: '99.9' }, { ...base, status: 'implemented' });
    expect(!unknown.ok && unknown.error.code).toBe('compliance.entry_not_found');
    const noCatalog = await setAssessment(ctx, t.editor, { productId, catalog: 'nope', entry: '1' }, { ...base, status: 'implemented' });
    expect(!noCatalog.ok && noCatalog.error.code).toBe('compliance.catalog_not_found');
    const na = await setAssessment(ctx, t.editor, { productId, catalog: IEC, entry: '5.3.1' }, { ...base, status: 'not_applicable' });
    expect(!na.ok && na.error.issues?.[0]?.path).toBe('justification');
    const orgLevel = await setAssessment(ctx, t.editor, { productId: null, catalog: IEC, entry: '5.2.1' }, { ...base, status: 'implemented' });
    expect(!orgLevel.ok && orgLevel.error.code).toBe('compliance.wrong_scope');
    const viewer = await setAssessment(ctx, t.viewer, { productId, catalog: IEC, entry: '8' }, { ...base, status: 'verified' });
    expect(!viewer.ok && viewer.error.code).toBe('auth.forbidden');
    const foreign = await setAssessment(ctx, other.editor, { productId, catalog: IEC, entry: '8' }, { ...base, status: 'verified' });
    expect(!foreign.ok && foreign.error.code).toBe('product.not_found');
    const foreignRead = await complianceReport(ctx, other.viewer, productId, {});
    expect(!foreignRead.ok && foreignRead.error.code).toBe('product.not_found');
  });

  it('suggests the release SBOM for Clause 8 and Annex A; the linked evidence follows the current SBOM', async () => {
    const { ctx } = env();
    const none = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath: null });
    if (!none.ok) throw new Error('suggest');
    expect(none.value.filter((s) => s.recordType === 'release_sbom')).toEqual([]);
    expect(none.value.find((s) => s.entry === '6.2.1')).toMatchObject({ available: false, recordType: 'feed_monitoring' });
    expect(none.value.find((s) => s.entry === '9.3')?.reason.en).toMatch(/none yet/);

    const first = await uploadSbom(ctx, t.editor, releaseId, { bytes: sbomBytes, fileName: 'bom-1.json', source: 'upload' });
    if (!first.ok) throw new Error('sbom');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-vulndb-'));
    const vulnDbPath = path.join(dir, 'vulndb.sqlite');
    writeFileSync(vulnDbPath, '');
    const some = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath });
    if (!some.ok) throw new Error('suggest');
    const forClause8 = some.value.filter((s) => s.catalog === IEC && s.entry === '8').map((s) => s.recordType);
    expect(forClause8).toEqual(['release_sbom', 'sbom_quality_report']);
    // MHLW Annex A: on the entries (rows of the table), never on the heading A.
    const mhlw = (type: string) => some.value.filter((s) => s.catalog === MHLW_GUIDANCE && s.recordType === type).map((s) => s.entry);
    expect(mhlw('release_sbom')).toEqual(['A.1', 'A.2', 'A.3.elements', 'A.3.formats', 'A.3.identifiers', 'A.4']);
    expect(mhlw('sbom_quality_report')).toEqual(['A.3.elements', 'A.3.identifiers']);
    const report = await complianceReport(ctx, t.viewer, productId, { catalog: MHLW_GUIDANCE });
    if (!report.ok) throw new Error('report');
    const rows = new Set(report.value.analysis.catalogs[0]!.rows.map((r) => r.entry.id));
    for (const s of some.value.filter((x) => x.catalog === MHLW_GUIDANCE)) expect(rows.has(s.entry), s.entry).toBe(true);
    expect(some.value.find((s) => s.entry === '6.2.1')).toMatchObject({ available: true });

    const s = some.value.find((x) => x.catalog === IEC && x.entry === '8' && x.recordType === 'release_sbom')!;
    const linked = await addRecordEvidence(ctx, t.editor, { productId, catalog: s.catalog, entry: s.entry }, { recordType: s.recordType, recordId: s.recordId, title: s.title.en, version: '1' });
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    expect(linked.value.current).toMatchObject({ type: 'sbom', id: first.value.id });
    const again = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath });
    expect(again.ok && again.value.find((x) => x.entry === '8' && x.recordType === 'release_sbom')?.linked).toBe(true);

    const newer = await uploadSbom(ctx, t.editor, releaseId, { bytes: sbomBytes, fileName: 'bom-2.json', source: 'upload' });
    if (!newer.ok) throw new Error('sbom');
    const list = await listEvidence(ctx, t.viewer, productId, { catalog: IEC, entry: '8' });
    expect(list.ok && list.value.map((e) => e.current?.id)).toEqual([newer.value.id]);

    const wrong = await addRecordEvidence(ctx, t.editor, { productId, catalog: IEC, entry: '8' }, { recordType: 'release', recordId: 'no-such-release', title: 'x', version: '' });
    expect(!wrong.ok && wrong.error.issues?.[0]?.path).toBe('recordId');
  });

  it('feed monitoring (6.2.1) states the date of each feed\'s newest data and warns when feeds are stale (QA ra 3)', async () => {
    const { ctx } = env();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-vulndb-'));
    const vulnDbPath = path.join(dir, 'vulndb.sqlite');
    writeFileSync(vulnDbPath, '');
    const ago = (days: number) => new Date(ctx.clock().getTime() - days * 24 * 3600 * 1000).toISOString();
    const feed = (name: string, newest: string | null, records = 10): FeedState => ({ feed: name, records, newest, lastImportedAt: ago(0), lastFailure: null });
    const stale = [feed('osv:Maven', ago(1817)), feed('nvd', ago(1579)), feed('kev', ago(1817))];
    const suggest = async (feeds: FeedState[] | null) => {
      const r = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath, feeds: () => feeds });
      if (!r.ok) throw new Error('suggest');
      return r.value.find((s) => s.entry === '6.2.1' && s.recordType === 'feed_monitoring')!;
    };
    const old = await suggest(stale);
    expect(old.reason.en).not.toMatch(/kept up to date/);
    expect(old.reason.ja).not.toMatch(/継続的に更新/);
    expect(old.reason.en).toContain(`osv:Maven ${ago(1817).slice(0, 10)} (1817 days old)`);
    expect(old.reason.ja).toContain('nvd');
    expect(old.reason.ja).toContain('1579 日前');
    expect(old.warning?.en).toMatch(/osv:Maven, nvd, kev is older than 7 days \(stale\)/);
    expect(old.warning?.ja).toMatch(/7 日より古い/);
    // Linked, the evidence says the same: stale, not "kept up to date".
    const linked = await addRecordEvidence(ctx, t.editor, { productId, catalog: IEC, entry: '6.2.1' }, { recordType: 'feed_monitoring', recordId: null, title: old.title.en, version: '' }, { vulnDbPath, feeds: () => stale });
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    expect(linked.value.current?.label).toMatch(/STALE: osv:Maven, nvd, kev/);
    // In Japanese wholly in Japanese (QA ra: the "→" line under linked evidence was English on Japanese screens).
    expect(linked.value.current?.labelText.ja).toContain('最新データが 7 日より古い（stale）: osv:Maven、nvd、kev');
    expect(linked.value.current?.labelText.ja).toContain('1579 日前');
    expect(linked.value.current?.labelText.ja).not.toMatch(/STALE|days old|older than/);
    expect(linked.value.current?.labelText.en).toBe(linked.value.current?.label);
    await removeEvidence(ctx, t.editor, linked.value.id);

    const fresh = await suggest([feed('osv:npm', ago(1)), feed('kev', ago(2))]);
    expect(fresh).toMatchObject({ available: true, warning: null });
    expect(fresh.reason.en).toMatch(/no older than 7 days/);
    // A sync that failed and a feed without a date are warned about too; no feed data: nothing to link.
    const failed = await suggest([{ ...feed('osv:npm', ago(1)), lastFailure: { at: ago(0), error: 'HTTP 404' } }, feed('nvd', null)]);
    expect(failed.warning?.en).toMatch(/last sync of osv:npm failed; the data date of nvd is unknown/);
    expect((await suggest([])).available).toBe(false);
    expect((await suggest(null)).warning?.en).toMatch(/Data dates unknown/);
  });

  it('names every suggestion in both languages: the Japanese title has no English words, the English title no Japanese (QA ra: titles on Japanese screens)', async () => {
    const { ctx } = env();
    const p = await createProduct(ctx, t.editor, productInput({ name: 'ポンプ X' }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '3.1.0', releaseDate: '2026-01-10', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: sbomBytes, fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error('sbom');
    // On the Annex F route, so the workflow's suggestions (F.2–F.4) are among them.
    const profile = await setProfile(ctx, t.editor, p.value.id, { route: 'annex_f', catalogs: [IEC, MHLW_GUIDANCE, FDA_PREMARKET], answers: null });
    if (!profile.ok) throw new Error(JSON.stringify(profile.error));
    const product = await suggestEvidence(ctx, t.viewer, p.value.id, { vulnDbPath: null });
    const org = await suggestOrgEvidence(ctx, t.viewer);
    if (!product.ok || !org.ok) throw new Error('suggest');
    const all = [...product.value, ...org.value];
    // Every kind of suggestion is looked at: SBOM, quality report, feeds, threat records, triage, FDA, Annex F, organisation registers.
    expect(new Set(all.map((s) => s.recordType))).toEqual(
      new Set(['release_sbom', 'sbom_quality_report', 'feed_monitoring', 'security_context', 'threat_model', 'risk_register', 'traceability_matrix', 'triage_intake', 'triage_decisions', 'triage_analysis', 'triage_responses', 'annex_f_workflow', 'org_committee', 'org_raci', 'org_training', 'org_contact_points', 'org_isao_memberships', 'org_process_reviews']),
    );
    // Names, versions and the terms Japanese documents use as they are (SBOM, VEX, KEV, RACI, ISAO, 附属書F) aside.
    const bare = (s: string) => s.replace('ポンプ X', '').replace('3.1.0', '').replace(/\b(SBOM|VEX|KEV|RACI|ISAO)\b|(?<=附属書)F/g, '');
    for (const s of all) {
      expect(bare(s.title.ja), `${s.recordType} ${s.entry}: ${s.title.ja}`).not.toMatch(/[A-Za-z]/);
      expect(bare(s.title.en), `${s.recordType} ${s.entry}: ${s.title.en}`).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(product.value.find((s) => s.recordType === 'annex_f_workflow')?.title).toEqual({ ja: '附属書F ワークフロー ポンプ X', en: 'Annex F workflow ポンプ X' });
    expect(product.value.find((s) => s.recordType === 'sbom_quality_report')?.title).toEqual({ ja: 'SBOM 品質レポート ポンプ X 3.1.0', en: 'SBOM quality report ポンプ X 3.1.0' });
  });

  it('the SBOM quality report suggestion tells the MHLW Annex A profile result: met, or how many required checks fail (QA ra 15)', async () => {
    const { ctx } = env();
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const rel = async (version: string, bytes: Uint8Array) => {
      const r = await createRelease(ctx, t.editor, p.value.id, { version, releaseDate: '2026-01-10', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error('setup');
      const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes, fileName: `bom-${version}.json`, source: 'upload' });
      if (!up.ok) throw new Error(JSON.stringify(up.error));
      const q = await releaseQuality(ctx, t.viewer, r.value.id, 'jp-mhlw');
      if (!q.ok) throw new Error('quality');
      return { id: r.value.id, quality: q.value };
    };
    // Without the dependency graph (a required element of the MHLW profile) the profile is not met.
    const doc = JSON.parse(new TextDecoder().decode(sbomBytes)) as Record<string, unknown>;
    delete doc['dependencies'];
    const bad = await rel('1.0.0', new TextEncoder().encode(JSON.stringify(doc)));
    const good = await rel('2.0.0', sbomBytes);
    expect(bad.quality.verdict).toBe('fail');
    const failing = bad.quality.checks.filter((c) => c.severity === 'required' && c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    const all = await suggestEvidence(ctx, t.viewer, p.value.id, { vulnDbPath: null });
    if (!all.ok) throw new Error('suggest');
    const quality = (releaseId: string) => all.value.filter((s) => s.recordType === 'sbom_quality_report' && s.recordId === releaseId);
    for (const s of quality(bad.id)) {
      expect(s.reason.en).not.toMatch(/shows that the SBOM holds the required elements/);
      expect(s.reason.en).toContain(`does not meet the MHLW Annex A profile (${failing.length} required check`);
      expect(s.reason.en).toContain(failing[0]!.title.en);
      expect(s.reason.ja).toContain(`必須チェック ${failing.length} 件が不合格`);
      expect(s.warning?.en).toMatch(/^Warning: /);
    }
    expect(quality(bad.id).map((s) => s.entry)).toEqual(['8', 'A.3.elements', 'A.3.identifiers']);
    for (const s of quality(good.id))
      if (good.quality.verdict === 'pass') expect(s).toMatchObject({ warning: null, reason: { en: expect.stringContaining('meets the MHLW Annex A profile') as unknown } });
      else expect(s.reason.en).toContain('does not meet the MHLW Annex A profile');
    // Linked, the evidence says the same.
    const linked = await addRecordEvidence(ctx, t.editor, { productId: p.value.id, catalog: IEC, entry: '8' }, { recordType: 'sbom_quality_report', recordId: bad.id, title: 'q', version: '' });
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    expect(linked.value.current?.label).toContain(`MHLW Annex A profile: NOT met, ${failing.length} required check`);
    expect(linked.value.current?.labelText.ja).toContain(`手引書 附属書A のプロファイル: 不適合、必須チェック ${failing.length} 件が不合格（${failing.map((c) => c.title.ja).join('、')}）`);
    expect(linked.value.current?.labelText.ja).not.toMatch(/MHLW|profile|required check/);
  });

  it('suggests evidence for the FDA entries: component support data, vulnerability assessment, traceability (QA ra 7)', async () => {
    const { ctx } = env();
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '5.0.0', releaseDate: '2026-01-10', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const suggest = async () => {
      const all = await suggestEvidence(ctx, t.viewer, p.value.id, { vulnDbPath: null });
      if (!all.ok) throw new Error('suggest');
      return all.value.filter((s) => s.catalog === FDA_PREMARKET);
    };
    const before = await suggest();
    expect(before.map((s) => [s.entry, s.recordType, s.available])).toEqual([
      ['vulnerability-assessment', 'feed_monitoring', false],
      ['vulnerability-assessment', 'triage_decisions', false],
      ['vulnerability-assessment', 'triage_analysis', false],
      ['traceability', 'traceability_matrix', false],
    ]);
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: sbomBytes, fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error('sbom');
    await createTest(ctx, t.editor, p.value.id, { ref: 'PT-1', title: 'Penetration test', kind: 'penetration', procedure: '', requirementIds: [], threatIds: [], result: 'not_run', executedOn: null, tester: '', independence: 'different_department', notes: '' });
    const after = await suggest();
    const support = after.find((s) => s.entry === 'sbom.support')!;
    // sbom-small: 5 components (one nested), lodash alone has an end-of-support date; no level of support.
    expect(support).toMatchObject({ recordType: 'release_sbom', recordId: r.value.id, available: true });
    expect(support.reason.en).toMatch(/of \d+ components, 0 have a level of support and 1 an end-of-support date/);
    expect(support.reason.ja).toContain('サポート終了日あり 1 件');
    expect(support.warning?.en).toMatch(/lack a level of support or an end-of-support date/);
    expect(after.find((s) => s.entry === 'traceability')).toMatchObject({ available: true, reason: { en: expect.stringContaining('1 tests') as unknown } });
    // Linked like any suggestion, and counted for the FDA row.
    const linked = await addRecordEvidence(ctx, t.editor, { productId: p.value.id, catalog: FDA_PREMARKET, entry: 'sbom.support' }, { recordType: 'release_sbom', recordId: r.value.id, title: support.title.en, version: '' });
    expect(linked.ok && linked.value.current?.type).toBe('sbom');
    expect((await suggest()).find((s) => s.entry === 'sbom.support')?.linked).toBe(true);
  });

  it('suggests the threat model for 7.2 once one exists; the linked evidence follows the newest version', async () => {
    const { ctx } = env();
    const before = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath: null });
    if (!before.ok) throw new Error('suggest');
    expect(before.value.find((s) => s.entry === '7.2' && s.recordType === 'threat_model')).toMatchObject({ available: false });
    const refused = await addRecordEvidence(ctx, t.editor, { productId, catalog: IEC, entry: '7.2' }, { recordType: 'threat_model', recordId: 'no-such-version', title: 'x', version: '' });
    expect(!refused.ok && refused.error.issues?.[0]?.path).toBe('recordId');

    const v1 = await createThreatModelVersion(ctx, t.editor, productId, { label: 'first' });
    if (!v1.ok) throw new Error(JSON.stringify(v1.error));
    const after = await suggestEvidence(ctx, t.viewer, productId, { vulnDbPath: null });
    if (!after.ok) throw new Error('suggest');
    const s = after.value.find((x) => x.entry === '7.2' && x.recordType === 'threat_model')!;
    expect(s.available).toBe(true);
    const linked = await addRecordEvidence(ctx, t.editor, { productId, catalog: s.catalog, entry: s.entry }, { recordType: s.recordType, recordId: s.recordId, title: s.title.en, version: '1' });
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    expect(linked.value.current).toMatchObject({ type: 'threat_model', id: v1.value.id });

    const v2 = await createThreatModelVersion(ctx, t.editor, productId, { label: 'second' });
    if (!v2.ok) throw new Error('v2');
    const list = await listEvidence(ctx, t.viewer, productId, { catalog: IEC, entry: '7.2' });
    expect(list.ok && list.value.map((e) => e.current?.id)).toEqual([v2.value.id]);
    // What it points at, wholly in each language.
    const shown = list.ok ? list.value[0]!.current : null;
    expect(shown?.labelText.ja).toMatch(/^v\d+ second（要素 \d+、脅威 \d+）$/);
    expect(shown?.labelText.en).toMatch(/^v\d+ second \(\d+ elements, \d+ threats\)$/);
  });

  it('keeps an uploaded file unchanged with its SHA-256, approves it, and removes it without losing the row', async () => {
    const { ctx } = env();
    const bytes = new TextEncoder().encode('セキュリティ計画書 v2\n');
    const up = await uploadEvidenceFile(ctx, t.editor, { productId: null, catalog: IEC, entry: '4.1.2' }, { bytes, fileName: '計画書.txt', mediaType: 'text/plain', title: 'Security plan', version: '2.0' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    expect(up.value).toMatchObject({ kind: 'file', sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength, version: '2.0', approvedBy: null });
    const file = await getEvidenceFile(ctx, t.viewer, up.value.id);
    expect(file.ok && Buffer.from(file.value.bytes).equals(Buffer.from(bytes))).toBe(true);
    const approved = await approveEvidence(ctx, t.admin, up.value.id);
    expect(approved.ok && approved.value.approvedBy).toBe(t.admin.name);
    const viewerRemove = await removeEvidence(ctx, t.viewer, up.value.id);
    expect(!viewerRemove.ok && viewerRemove.error.code).toBe('auth.forbidden');
    const otherTenant = await getEvidenceFile(ctx, other.viewer, up.value.id);
    expect(!otherTenant.ok && otherTenant.error.code).toBe('compliance.evidence_not_found');
  });

  it('gap analysis: assessed once in IEC, reported in the 0523 items; full route makes Annex F not applicable, Annex F route brings it in', async () => {
    const { ctx } = env();
    const report = await complianceReport(ctx, t.viewer, productId, {});
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    const rows = new Map(report.value.analysis.catalogs.flatMap((c) => c.rows.map((r) => [`${r.catalog}#${r.entry.id}`, r])));
    expect(rows.get(`${IEC}#8`)).toMatchObject({ status: 'implemented', evidenceCount: 1, gaps: [] });
    expect(rows.get(`${MHLW_0523}#jis.5`)).toMatchObject({ status: 'implemented', source: { type: 'crosswalk', from: `${IEC}#8` }, evidenceCount: 1 });
    expect(rows.get(`${IEC}#5.2.1`)?.gaps).toEqual(['not_assessed', 'no_evidence']);
    expect(rows.get(`${IEC}#4.1.2`)).toMatchObject({ scope: 'organization', evidenceCount: 1 });
    expect(rows.get(`${IEC}#F.2`)).toMatchObject({ status: 'not_applicable', gaps: [], source: { type: 'inherited', from: `${IEC}#F` } });
    // Why, wholly in each language (QA ra: "English / 日本語" in one string), on every sub-clause of Annex F.
    expect(rows.get(`${IEC}#F.2`)?.justification).toEqual({
      ja: 'フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。',
      en: 'Full conformity route (Clauses 4–9): Annex F (transitional health software) does not apply.',
    });
    expect(report.value.analysis.dualStandard.some((d) => d.side === 'mhlw')).toBe(true);

    const proposal = await checkApplicability(ctx, t.viewer, productId, { usesProgram: true, externalAccessForeseeable: false, onMarket: true, markets: ['jp'] });
    if (!proposal.ok) throw new Error('proposal');
    expect(proposal.value.route).toBe('annex_f');
    const saved = await setProfile(ctx, t.editor, productId, { route: proposal.value.route, catalogs: proposal.value.catalogs.filter((c) => c.applies).map((c) => c.catalog), answers: null });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    expect((await getProfile(ctx, t.viewer, productId)).ok).toBe(true);
    const annexF = await complianceReport(ctx, t.viewer, productId, { catalog: 'iec-81001-5-1' });
    if (!annexF.ok) throw new Error('report');
    expect(annexF.value.analysis.catalogs).toHaveLength(1);
    const f2 = annexF.value.analysis.catalogs[0]!.rows.find((r) => r.entry.id === 'F.2');
    expect(f2?.gaps).toContain('not_assessed');

    const orgReport = await complianceReport(ctx, t.viewer, null, { catalog: IEC });
    if (!orgReport.ok) throw new Error('org');
    expect(orgReport.value.analysis.catalogs[0]!.rows.every((r) => r.entry.level !== 'product')).toBe(true);
  });
});
