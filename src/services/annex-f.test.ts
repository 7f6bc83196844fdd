/**
 * The Annex F workflow on both dialects: refused on the full route, gaps proposed from the
 * assessments (once), decisions with acceptance by whom and when, control links checked, the record
 * and the decision, audit entries, viewers and other organisations, and the declaration report.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { iecAssessmentItems } from '../../test/support/compliance.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { undecidedGap, type AnnexFGapInput } from '../core/compliance/annex-f.js';
import type { Result } from '../core/result.js';
import { listAudit } from '../store/repositories/audit.js';
import { createGap, decideAnnexF, deleteGap, getAnnexF, proposeAnnexFGaps, saveAnnexFRecord, updateGap } from './annex-f.js';
import { addRecordEvidence, exportCompliance, listEvidence, setAssessment, setAssessmentsBulk, setProfile, suggestEvidence } from './compliance.js';
import type { ServiceContext } from './context.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import { createControl } from './threats.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
  return r.value;
}

const gapInput = (over: Partial<AnnexFGapInput> = {}): AnnexFGapInput => ({
  entry: '5.7.1',
  description: 'No penetration test records.',
  ...undecidedGap,
  accepted: false,
  ...over,
});

const record = {
  versions: ['2.4.1', '2.4.2'],
  scopeNotes: '',
  continuedUseRationale: '十年の市販実績と代替手段により、残留リスクは許容可能。',
  componentsNotUpgraded: [{ name: 'openssl', version: '1.0.2u', justification: 'Only used on the isolated service port.' }],
  riskCommunication: 'Release notes section 7.',
  monitoringPlan: 'Daily JVN and OSV monitoring.',
  updatePlan: 'Patches within 90 days.',
  disclosurePlan: 'PSIRT advisories to hospitals.',
};

/**
 * Assesses every IEC 81001-5-1 work item outside Annex F not named in `skip` as implemented, each in
 * the scope that answers for it (organisation-level entries in the organisation's scope).
 */
async function assessTheRest(ctx: ServiceContext, t: Tenant, productId: string, skip: readonly string[]): Promise<void> {
  for (const scope of iecAssessmentItems(productId, skip)) must(await setAssessmentsBulk(ctx, t.editor, scope.productId, scope.items));
}

describeEachDialect('Annex F workflow service', (env) => {
  let t: Tenant;
  let other: Tenant;
  let productId: string;
  let fullRouteId: string;

  beforeAll(async () => {
    const { ctx } = env();
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    productId = must(await createProduct(ctx, t.editor, productInput())).id;
    fullRouteId = must(await createProduct(ctx, t.editor, productInput())).id;
    must(await setProfile(ctx, t.editor, productId, { route: 'annex_f', catalogs: ['iec-81001-5-1', 'mhlw-0523-confirmation'], answers: null }));
    must(await setProfile(ctx, t.editor, fullRouteId, { route: 'full', catalogs: ['iec-81001-5-1'], answers: null }));
    for (const [entry, status] of [['5.7.1', 'not_started'], ['7.2', 'in_progress'], ['8', 'implemented']] as const)
      must(await setAssessment(ctx, t.editor, { productId, catalog: 'iec-81001-5-1', entry }, { status, justification: '', owner: '', dueDate: null, notes: '' }));
    await assessTheRest(ctx, t, productId, ['5.7.1', '7.2', '8']);
  });

  it('with nothing assessed, the gap list and the closure are not complete and the decision is refused', async () => {
    const { ctx } = env();
    // A tenant of its own: nothing assessed, neither for the product nor for the organisation.
    const u = await seedTenant(ctx);
    const fresh = must(await createProduct(ctx, u.editor, productInput()));
    must(await setProfile(ctx, u.editor, fresh.id, { route: 'annex_f', catalogs: ['iec-81001-5-1'], answers: null }));
    must(await saveAnnexFRecord(ctx, u.editor, fresh.id, record));
    const state = must(await getAnnexF(ctx, u.viewer, fresh.id));
    expect(state.readiness.steps.gaps.problems.map((p) => p.code)).toEqual(['entries_not_assessed']);
    expect(state.readiness.steps.gaps.problems[0]!.message).toMatch(/^\d+ of \d+ applicable IEC 81001-5-1 entries are not assessed yet \(4\.1\.1, /);
    expect(state.readiness.steps.closure.problems.map((p) => p.code)).toEqual(['gap_list_incomplete']);
    expect(state.readiness.counts.unassessed).toBe(state.readiness.counts.assessable);
    expect(state.readiness.counts.assessable).toBeGreaterThan(50);
    expect([state.readiness.steps.scope.complete, state.readiness.steps.rationale.complete, state.readiness.steps.postRelease.complete, state.readiness.ready]).toEqual([true, true, true, false]);
    const refused = await decideAnnexF(ctx, u.editor, fresh.id);
    expect(refused.ok || [refused.error.code, refused.error.issues?.map((i) => i.path)]).toEqual(['annex_f.not_ready', ['gaps', 'closure']]);
    expect(must(await getAnnexF(ctx, u.viewer, fresh.id)).record.decidedAt).toBeNull();
    // One entry left unassessed still blocks; once all are assessed (here all implemented), no gap is needed.
    await assessTheRest(ctx, u, fresh.id, ['8']);
    const one = must(await getAnnexF(ctx, u.viewer, fresh.id)).readiness;
    expect([one.ready, one.counts.unassessed, one.steps.gaps.problems[0]?.message]).toEqual([false, 1, expect.stringContaining('(8)')]);
    must(await setAssessment(ctx, u.editor, { productId: fresh.id, catalog: 'iec-81001-5-1', entry: '8' }, { status: 'implemented', justification: '', owner: '', dueDate: null, notes: '' }));
    expect(must(await getAnnexF(ctx, u.viewer, fresh.id)).readiness).toMatchObject({ ready: true, counts: { unassessed: 0, candidates: 0, gaps: 0 } });
    expect(must(await decideAnnexF(ctx, u.editor, fresh.id)).decidedBy).toBe(u.editor.name);
  });

  it('refuses products on the full route (and without a profile), with a clear error', async () => {
    const { ctx } = env();
    const r = await getAnnexF(ctx, t.viewer, fullRouteId);
    expect(r.ok || r.error.code).toBe('annex_f.wrong_route');
    expect(r.ok || r.error.message).toMatch(/full conformity route/);
    const noProfile = must(await createProduct(ctx, t.editor, productInput())).id;
    const w = await createGap(ctx, t.editor, noProfile, gapInput());
    expect(w.ok || w.error.code).toBe('annex_f.wrong_route');
  });

  it('proposes draft gaps from the assessments once, in catalog order, each audited', async () => {
    const { ctx } = env();
    const first = must(await proposeAnnexFGaps(ctx, t.editor, productId));
    expect(first.map((g) => [g.entry, g.decision, g.origin])).toEqual([['5.7.1', null, 'proposed'], ['7.2', null, 'proposed']]);
    expect(first[0]!.description).toMatch(/5\.7\.1 .*assessed as not started/);
    // Shown wholly in each language (QA ra: half-English proposed gap texts), in the answer and in the workflow.
    expect(first[0]!.descriptionText.ja).toMatch(/^5\.7\.1 [^A-Za-z]+: 評価は「未着手」。$/);
    expect(first[0]!.descriptionText.en).toMatch(/^5\.7\.1 [^\u3040-\u30ff\u4e00-\u9fff]+: assessed as not started\.$/);
    expect(must(await proposeAnnexFGaps(ctx, t.editor, productId))).toEqual([]);
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityType: 'annex_f_gap', entityId: first[0]!.id }, { limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['annex_f.gap.propose']);
    const state = must(await getAnnexF(ctx, t.viewer, productId));
    expect(state.readiness.counts).toMatchObject({ candidates: 2, uncovered: 0, gaps: 2, decided: 0 });
    expect(state.gaps.map((g) => g.descriptionText)).toEqual(first.map((g) => g.descriptionText));
    expect(state.readiness.steps.closure.problems.map((p) => p.code)).toEqual(['gap_undecided', 'gap_undecided']);
  });

  it('records decisions; links only the product’s own controls; acceptance records who and when and survives unchanged edits only', async () => {
    const { ctx } = env();
    const [g1, g2] = must(await getAnnexF(ctx, t.viewer, productId)).gaps;
    const control = must(await createControl(ctx, t.editor, productId, { ref: 'SC-7', title: 'Network segmentation', description: '', type: 'design', status: 'implemented', threatIds: [] }));
    const foreignProduct = must(await createProduct(ctx, t.editor, productInput())).id;
    const foreign = must(await createControl(ctx, t.editor, foreignProduct, { ref: 'SC-1', title: 'x', description: '', type: 'design', status: 'planned', threatIds: [] }));

    const bad = await updateGap(ctx, t.editor, productId, g2!.id, gapInput({ entry: '7.2', decision: 'compensate', controlId: foreign.id, residualLevel: 'alara' }));
    expect(bad.ok || [bad.error.code, bad.error.issues?.map((i) => i.path)]).toEqual(['annex_f.invalid', ['controlId']]);
    const unacceptable = await updateGap(ctx, t.editor, productId, g2!.id, gapInput({ entry: '7.2', decision: 'accept', residualLevel: 'unacceptable', acceptanceRationale: 'r', accepted: true }));
    expect(unacceptable.ok || unacceptable.error.code).toBe('annex_f.invalid');
    const annexEntry = await createGap(ctx, t.editor, productId, gapInput({ entry: 'F.2' }));
    expect(annexEntry.ok || annexEntry.error.issues?.map((i) => i.path)).toEqual(['entry']);

    must(await updateGap(ctx, t.editor, productId, g1!.id, gapInput({ decision: 'close', closureAction: 'Commission a penetration test', closureDueDate: '2027-03-31' })));
    const earlier = { ...ctx, clock: () => new Date(Date.now() - 60_000) };
    const accepted = must(await updateGap(earlier, t.editor, productId, g2!.id, gapInput({ entry: '7.2', decision: 'compensate', compensatingMeasures: 'Segmented network', controlId: control.id, residualLevel: 'alara', acceptanceRationale: 'Hospital network segmentation is a precondition of use.', accepted: true })));
    expect([accepted.acceptedBy, accepted.acceptedAt]).toEqual([t.editor.name, expect.any(String)]);
    const reworded = must(await updateGap(ctx, t.admin, productId, g2!.id, gapInput({ entry: '7.2', description: 'Threat model incomplete.', decision: 'compensate', compensatingMeasures: 'Segmented network', controlId: control.id, residualLevel: 'alara', acceptanceRationale: 'Hospital network segmentation is a precondition of use.', accepted: true })));
    expect([reworded.acceptedBy, reworded.acceptedAt]).toEqual([t.editor.name, accepted.acceptedAt]);
    const relevelled = must(await updateGap(ctx, t.admin, productId, g2!.id, gapInput({ entry: '7.2', description: 'Threat model incomplete.', decision: 'compensate', compensatingMeasures: 'Segmented network', controlId: control.id, residualLevel: 'acceptable', acceptanceRationale: 'Hospital network segmentation is a precondition of use.', accepted: true })));
    expect(relevelled.acceptedBy).toBe(t.admin.name);
    expect(relevelled.acceptedAt! > accepted.acceptedAt!).toBe(true);
    const state = must(await getAnnexF(ctx, t.viewer, productId));
    expect(state.gaps.find((g) => g.id === g2!.id)?.control).toEqual({ id: control.id, ref: 'SC-7', title: 'Network segmentation' });
    expect(state.controls.map((c) => c.ref)).toEqual(['SC-7']);
    expect(state.readiness.steps.closure.complete).toBe(true);
    expect(state.readiness.warnings.map((w) => w.code)).toEqual(['closure_open']);
  });

  it('viewers read but cannot write; another organisation sees nothing', async () => {
    const { ctx } = env();
    const w = await createGap(ctx, t.viewer, productId, gapInput());
    expect(w.ok || w.error.code).toBe('auth.forbidden');
    const r = await saveAnnexFRecord(ctx, t.viewer, productId, record);
    expect(r.ok || r.error.code).toBe('auth.forbidden');
    const outside = await getAnnexF(ctx, other.admin, productId);
    expect(outside.ok || outside.error.code).toBe('product.not_found');
    const [g] = must(await getAnnexF(ctx, t.viewer, productId)).gaps;
    const del = await deleteGap(ctx, other.admin, productId, g!.id);
    expect(del.ok || del.error.code).toBe('product.not_found');
  });

  it('refuses the decision until ready, then records who and when; saving the record withdraws it', async () => {
    const { ctx } = env();
    const early = await decideAnnexF(ctx, t.editor, productId);
    expect(early.ok || [early.error.code, early.error.issues?.map((i) => i.path)]).toEqual(['annex_f.not_ready', ['scope', 'rationale', 'rationale', 'postRelease', 'postRelease', 'postRelease']]);
    const badRecord = await saveAnnexFRecord(ctx, t.editor, productId, { ...record, versions: ['2.4.1', '2.4.1'] });
    expect(badRecord.ok || badRecord.error.issues?.map((i) => i.path)).toEqual(['versions.1']);
    expect(badRecord.ok || badRecord.error.issues?.[0]?.message).toMatch(/twice/);
    must(await saveAnnexFRecord(ctx, t.editor, productId, record));
    const decided = must(await decideAnnexF(ctx, t.admin, productId));
    expect([decided.decidedBy, decided.versions]).toEqual([t.admin.name, ['2.4.1', '2.4.2']]);
    expect(must(await getAnnexF(ctx, t.viewer, productId)).readiness).toMatchObject({ ready: true, decided: true });
    const resaved = must(await saveAnnexFRecord(ctx, t.editor, productId, record));
    expect(resaved.decidedAt).toBeNull();
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityType: 'annex_f_assessment', entityId: productId }, { limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['annex_f.record.set', 'annex_f.decide', 'annex_f.record.set']);
    must(await decideAnnexF(ctx, t.admin, productId));
  });

  it('warns of each version in scope without an SBOM, in the workflow and the declaration report, without blocking the decision (QA ra)', async () => {
    const { ctx } = env();
    const scopeWarnings = async () => must(await getAnnexF(ctx, t.viewer, productId)).readiness.warnings.filter((w) => w.step === 'scope').map((w) => [w.code, w.version]);
    // 2.4.1 and 2.4.2 are in scope but no release in mamori yet.
    expect(await scopeWarnings()).toEqual([['version_without_release', '2.4.1'], ['version_without_release', '2.4.2']]);
    const release = async (version: string) => must(await createRelease(ctx, t.editor, productId, { version, releaseDate: '2020-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' }));
    const r1 = await release('2.4.1');
    must(await uploadSbom(ctx, t.editor, r1.id, { bytes: new Uint8Array(readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url))), fileName: 'bom.json', source: 'upload' }));
    await release('2.4.2');
    expect(await scopeWarnings()).toEqual([['version_without_sbom', '2.4.2']]);
    // A warning: the recorded decision stands.
    expect(must(await getAnnexF(ctx, t.viewer, productId)).readiness).toMatchObject({ ready: true, decided: true });
    const doc = async (lang: 'ja' | 'en') => new TextDecoder().decode(must(await exportCompliance(ctx, t.viewer, productId, { format: 'html', lang, document: 'annex-f' })).bytes);
    expect(await doc('ja')).toContain('注意: 対象バージョン 2.4.2 のリリースに SBOM がない。');
    expect(await doc('en')).toContain('Warning: Release 2.4.2 in scope has no SBOM');
    expect(await doc('ja')).not.toContain('2.4.1 のリリースに SBOM がない');
  });

  it('the declaration report lists gaps, decisions, measures, residual risk and acceptance, rationale and the post-release plan (ja and en)', async () => {
    const { ctx } = env();
    const ja = new TextDecoder().decode(must(await exportCompliance(ctx, t.viewer, productId, { format: 'html', lang: 'ja', document: 'annex-f' })).bytes);
    expect(ja).toContain('ギャップ一覧');
    expect(ja).toContain('Commission a penetration test');
    expect(ja).toContain('2027-03-31');
    expect(ja).toContain('SC-7 Network segmentation');
    expect(ja).toContain('代替手段による補償');
    expect(ja).toContain('許容可能');
    expect(ja).toContain('Hospital network segmentation is a precondition of use.');
    expect(ja).toContain('十年の市販実績と代替手段により、残留リスクは許容可能。');
    expect(ja).toContain('openssl');
    expect(ja).toContain('Daily JVN and OSV monitoring.');
    expect(ja).toContain('本宣言の対象バージョン: 2.4.1, 2.4.2');
    expect(ja).toContain(`mamori に記録された判断: ${t.admin.name}`);
    const en = new TextDecoder().decode(must(await exportCompliance(ctx, t.viewer, productId, { format: 'html', lang: 'en', document: 'annex-f' })).bytes);
    expect(en).toContain('Residual risk per gap and its acceptance');
    expect(en).toContain('Post-release activity plan');
    expect(en).toContain('PSIRT advisories to hospitals.');
    // A product on the full route has no Annex F declaration: the export is refused, not contradictory.
    const full = await exportCompliance(ctx, t.viewer, fullRouteId, { format: 'html', lang: 'en', document: 'annex-f' });
    expect(full.ok || [full.error.code, full.error.message]).toEqual(['annex_f.wrong_route', expect.stringContaining('follows the full conformity route')]);
    const noProfile = must(await createProduct(ctx, t.editor, productInput())).id;
    const none = await exportCompliance(ctx, t.viewer, noProfile, { format: 'pdf', lang: 'ja', document: 'annex-f' });
    expect(none.ok || none.error.code).toBe('annex_f.wrong_route');
    // The gap analysis of the same product is still there.
    expect(must(await exportCompliance(ctx, t.viewer, fullRouteId, { format: 'html', lang: 'en', document: 'gap' })).bytes.length).toBeGreaterThan(0);
  });

  it('a gap changed after the decision withdraws it (audited)', async () => {
    const { ctx } = env();
    const before = must(await getAnnexF(ctx, t.viewer, productId));
    expect(before.readiness.decided).toBe(true);
    const g = before.gaps[0]!;
    must(await updateGap(ctx, t.editor, productId, g.id, gapInput({ entry: g.entry, description: 'Reworded after the decision.', decision: g.decision, closureAction: g.closureAction, closureDueDate: g.closureDueDate })));
    const after = must(await getAnnexF(ctx, t.viewer, productId));
    expect([after.record.decidedAt, after.readiness.ready, after.readiness.decided]).toEqual([null, true, false]);
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityType: 'annex_f_assessment', entityId: productId }, { limit: 1, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['annex_f.decision.withdraw']);
  });
  it('is suggested and linked as evidence of IEC F.2–F.4 on the Annex F route only, and the link follows the workflow', async () => {
    const { ctx } = env();
    const opts = { vulnDbPath: null };
    const suggested = must(await suggestEvidence(ctx, t.viewer, productId, opts)).filter((s) => s.recordType === 'annex_f_workflow');
    expect(suggested.map((s) => [s.entry, s.available])).toEqual([['F.2', true], ['F.3', true], ['F.4', true]]);
    expect(suggested[0]!.reason.en).toMatch(/gap list \(\d+ gaps, \d+ decided/);
    expect(suggested[1]!.reason.ja).toContain('継続使用の根拠');
    const full = must(await suggestEvidence(ctx, t.viewer, fullRouteId, opts));
    expect(full.some((s) => s.recordType === 'annex_f_workflow')).toBe(false);
    // Linked once, it shows the workflow as it is when read.
    must(await addRecordEvidence(ctx, t.editor, { productId, catalog: 'iec-81001-5-1', entry: 'F.2' }, { recordType: 'annex_f_workflow', recordId: null, title: 'Annex F workflow', version: '' }, opts));
    const label = async () => must(await listEvidence(ctx, t.viewer, productId, { catalog: 'iec-81001-5-1', entry: 'F.2' }, opts)).find((e) => e.recordType === 'annex_f_workflow')!.current!.label;
    const before = await label();
    const gaps = must(await getAnnexF(ctx, t.viewer, productId)).gaps.length;
    expect(before).toContain(`${gaps} gaps`);
    must(await createGap(ctx, t.editor, productId, gapInput({ entry: '7.1.1', description: 'Context not documented.' })));
    expect(await label()).toContain(`${gaps + 1} gaps`);
    // Wholly in Japanese too (QA ra: the "→" line under linked evidence was English on Japanese screens).
    const ja = must(await listEvidence(ctx, t.viewer, productId, { catalog: 'iec-81001-5-1', entry: 'F.2' }, opts)).find((e) => e.recordType === 'annex_f_workflow')!.current!.labelText.ja;
    expect(ja).toMatch(new RegExp(`^ギャップ ${gaps + 1} 件（決定済み \\d+ 件）、継続使用の根拠: 記録済み、市販後活動計画: 記録済み、(判断記録 \\d{4}-\\d{2}-\\d{2}|判断は未記録)$`));
    // Product-only: the organisation's own assessment cannot link it.
    const orgLink = await addRecordEvidence(ctx, t.editor, { productId: null, catalog: 'iec-81001-5-1', entry: '4.1.2' }, { recordType: 'annex_f_workflow', recordId: null, title: 'x', version: '' }, opts);
    expect(orgLink.ok).toBe(false);
  });
});
