/**
 * The Annex F declaration report with the workflow: sections 4–7 list the gaps, decisions, closure
 * actions, compensating measures, residual risk and its acceptance, the rationale for continued use
 * and the post-release plan, in Japanese and English; user text is escaped.
 */
import { describe, expect, it } from 'vitest';
import { catalogs, crosswalks } from '../../catalogs/index.js';
import { IEC, MHLW_0523 } from '../../catalogs/keys.js';
import { annexFReadiness, emptyAnnexFRecord, gapDescriptionText, proposedDescription, type AnnexFGap, type AnnexFRecord } from '../../core/compliance/annex-f.js';
import { buildCoverageGraph, effectiveStatuses } from '../../core/compliance/assessment.js';
import { resolveCatalog } from '../../core/compliance/catalog.js';
import { analyzeGaps } from '../../core/compliance/gap.js';
import { renderCompliance } from './index.js';
import type { AnnexFWorkflowData, ComplianceReportData } from './model.js';

const graph = buildCoverageGraph(catalogs, crosswalks);
const iec = resolveCatalog(catalogs, IEC)!;
const analysis = analyzeGaps({
  catalogs: [iec, resolveCatalog(catalogs, MHLW_0523)!],
  graph,
  scope: 'product',
  statuses: { product: effectiveStatuses(graph, new Map()), organization: new Map() },
  evidence: { product: new Map(), organization: new Map() },
  today: '2026-11-29',
  dualStandard: { mhlwOnly: [], iecOnly: [] },
});
const title = (id: string) => iec.entries.find((e) => e.id === id)!.title;
const base: Omit<AnnexFGap, 'id' | 'entry'> = {
  productId: 'p1', catalog: IEC, description: '', decision: null, closureAction: '', closureStatus: 'planned', closureDueDate: null, compensatingMeasures: '', controlId: null,
  residualLevel: null, acceptanceRationale: '', acceptedBy: null, acceptedAt: null, origin: 'manual', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
};
/** A gap as services/annex-f.ts shows it: the description in each language. */
const view = (g: Omit<AnnexFWorkflowData['gaps'][number], 'descriptionText'>): AnnexFWorkflowData['gaps'][number] => ({ ...g, descriptionText: gapDescriptionText(g, g.entryTitle) });
const gaps: AnnexFWorkflowData['gaps'] = [
  view({ ...base, id: 'g1', entry: '5.7.1', entryTitle: title('5.7.1'), control: null, description: 'ペネトレーションテストの記録がない <legacy>', decision: 'close', closureAction: '第三者によるペネトレーションテストを実施', closureStatus: 'in_progress', closureDueDate: '2027-03-31' }),
  view({ ...base, id: 'g2', entry: '7.2', entryTitle: title('7.2'), controlId: 'c1', control: { ref: 'SC-7', title: 'ネットワーク分離' }, description: '脅威モデルが不完全', decision: 'compensate', compensatingMeasures: '院内ネットワークの分離を前提とする', residualLevel: 'alara', acceptanceRationale: '分離された環境でのみ使用される', acceptedBy: '品質保証部 山田', acceptedAt: '2026-11-20T00:00:00.000Z' }),
  view({ ...base, id: 'g3', entry: '9.2', entryTitle: title('9.2'), control: null, description: 'Undecided gap' }),
];
const record: AnnexFRecord = {
  ...emptyAnnexFRecord('p1'),
  versions: ['2.4.1'],
  scopeNotes: '国内向けモデルのみ',
  continuedUseRationale: '十年の市販実績\n重大なインシデントなし',
  componentsNotUpgraded: [{ name: 'openssl', version: '1.0.2u', justification: '保守ポートでのみ使用' }],
  riskCommunication: '取扱説明書のセキュリティ章',
  monitoringPlan: 'JVN と OSV を毎日監視',
  updatePlan: '90 日以内にパッチ提供',
  disclosurePlan: 'PSIRT から医療機関へ通知',
};
const workflow: AnnexFWorkflowData = { record, gaps, candidates: [], readiness: annexFReadiness({ record, gaps, candidates: [], assessment: { applicable: 80, unassessed: [] }, sboms: [{ version: '2.4.1', release: true, sbom: true }], today: '2026-11-29' }) };
const data: ComplianceReportData = {
  organization: { id: 'o1', name: '例示医療機器株式会社' },
  product: { id: 'p1', organizationId: 'o1', name: '輸液ポンプ', modelNumbers: ['IP-100'], manufacturer: 'Example', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '', createdAt: '', updatedAt: '', archivedAt: null },
  profile: { route: 'annex_f', catalogs: [IEC, MHLW_0523] },
  analysis,
  annexF: { iec: analysis.catalogs[0]!, confirmation: analysis.catalogs[1]!, evidenceFor: {}, decidedAt: '2026-11-01T00:00:00.000Z', workflow },
  releases: [],
  evidence: {},
  generatedAt: '2026-11-29T05:00:00.000Z',
  generatedBy: '監査 太郎 <auditor@pmda.example.jp>',
};

async function html(lang: 'ja' | 'en', d: ComplianceReportData = data): Promise<string> {
  return new TextDecoder().decode((await renderCompliance(d, { format: 'html', lang, document: 'annex-f' })).bytes);
}

/** The text of one numbered section (from its heading to the next h2). */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`<h2>${heading}`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = doc.indexOf('<h2>', start + 4);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('Annex F declaration with the workflow', () => {
  it('ja: sections 1 and 4–8 carry versions, gaps, closure, measures, residual risk, acceptance, rationale and plan', async () => {
    const doc = await html('ja');
    expect(section(doc, '1. ')).toContain('本宣言の対象バージョン: 2.4.1');
    expect(section(doc, '1. ')).toContain('国内向けモデルのみ');
    const s4 = section(doc, '4. ');
    expect(s4).toContain('ギャップ一覧');
    expect(s4).toContain('ペネトレーションテストの記録がない &lt;legacy&gt;');
    expect(s4).toContain('代替手段による補償');
    expect(s4).toContain('未決定');
    const s5 = section(doc, '5. ');
    expect(s5).toContain('第三者によるペネトレーションテストを実施');
    expect(s5).toContain('実施中');
    expect(s5).toContain('2027-03-31');
    expect(s5).toContain('SC-7 ネットワーク分離');
    const s6 = section(doc, '6. ');
    expect(s6).toContain('十年の市販実績<br>重大なインシデントなし');
    expect(s6).toContain('openssl');
    expect(s6).toContain('保守ポートでのみ使用');
    expect(s6).toContain('ALARA（低減・根拠要）');
    expect(s6).toContain('品質保証部 山田 2026-11-20');
    expect(s6).toContain('分離された環境でのみ使用される');
    expect(s6).toContain('取扱説明書のセキュリティ章');
    const s7 = section(doc, '7. ');
    expect(s7).toContain('JVN と OSV を毎日監視');
    expect(s7).toContain('90 日以内にパッチ提供');
    expect(s7).toContain('PSIRT から医療機関へ通知');
    // One gap is undecided: the approval section says the declaration is not complete.
    expect(section(doc, '8. ')).toContain('未完了: 残る問題 1 件');
  });

  it('en: the same content with English headings and labels', async () => {
    const doc = await html('en');
    expect(section(doc, '4. ')).toContain('Gap list');
    expect(section(doc, '4. ')).toContain('Compensate');
    expect(section(doc, '5. ')).toContain('Compensating measures');
    expect(section(doc, '6. ')).toContain('Residual risk per gap and its acceptance');
    expect(section(doc, '6. ')).toContain('Components not upgraded and their justification');
    expect(section(doc, '7. ')).toContain('Post-release activity plan');
    expect(section(doc, '8. ')).toContain('Not complete: 1 problem(s) remain');
  });

  it('a proposed gap reads wholly in the document language; a written one as written (QA ra: half-English gap texts)', async () => {
    const proposed = (id: string, entry: string, status: 'not_started' | 'in_progress', basis: string) =>
      view({ ...base, id, entry, entryTitle: title(entry), control: null, origin: 'proposed', description: proposedDescription({ entry, title: title(entry), status, basis }) });
    const more = [...gaps, proposed('g4', '5.2.1', 'not_started', 'direct'), proposed('g5', '7.1.1', 'in_progress', `${MHLW_0523}#jis.4`)];
    const d: ComplianceReportData = { ...data, annexF: { ...data.annexF!, workflow: { ...workflow, gaps: more } } };
    const ja = section(await html('ja', d), '4. ');
    expect(ja).toContain(`5.2.1 ${title('5.2.1').ja}: 評価は「未着手」。`);
    expect(ja).toContain(`7.1.1 ${title('7.1.1').ja}: 評価は「対応中」（対応表経由: ${MHLW_0523}#jis.4）。`);
    expect(ja).not.toContain('assessed as');
    expect(ja).not.toContain(title('5.2.1').en);
    expect(ja).toContain('Undecided gap');
    const en = section(await html('en', d), '4. ');
    expect(en).toContain(`5.2.1 ${title('5.2.1').en}: assessed as not started.`);
    expect(en).toContain(`7.1.1 ${title('7.1.1').en}: assessed as in progress (through ${MHLW_0523}#jis.4).`);
    expect(en).not.toContain(title('5.2.1').ja);
    expect(en).toContain('ペネトレーションテストの記録がない &lt;legacy&gt;');
  });

  it('says when the assessment behind the gap list is not finished (ja and en)', async () => {
    const unfinished: ComplianceReportData = {
      ...data,
      annexF: { ...data.annexF!, workflow: { ...workflow, readiness: annexFReadiness({ record, gaps, candidates: [], assessment: { applicable: 80, unassessed: ['4.1.1', '4.1.2'] }, sboms: [{ version: '2.4.1', release: true, sbom: true }], today: '2026-11-29' }) } },
    };
    expect(section(await html('en', unfinished), '4. ')).toContain('The assessment behind the gap analysis is not finished: 2 of 80 applicable IEC 81001-5-1 entries are not assessed.');
    expect(section(await html('ja', unfinished), '4. ')).toContain('該当する IEC 81001-5-1 の項目 80 件のうち 2 件が未評価');
    expect(section(await html('en'), '4. ')).not.toContain('not finished');
  });

  it('a decided declaration names who decided and when; without the workflow the sections stay as before', async () => {
    const decidedRecord = { ...record, decidedAt: '2026-11-28T09:00:00.000Z', decidedBy: 'qa@example.jp' };
    const decidedGaps = gaps.filter((g) => g.decision !== null);
    const decided: ComplianceReportData = {
      ...data,
      annexF: { ...data.annexF!, workflow: { ...workflow, record: decidedRecord, gaps: decidedGaps, readiness: annexFReadiness({ record: decidedRecord, gaps: decidedGaps, candidates: [], assessment: { applicable: 80, unassessed: [] }, sboms: [{ version: '2.4.1', release: true, sbom: true }], today: '2026-11-29' }) } },
    };
    expect(section(await html('en', decided), '8. ')).toContain('Decision recorded in mamori: qa@example.jp (2026-11-28)');
    expect(section(await html('en', decided), '2. ')).not.toContain('no longer valid');
    const without = await html('en', { ...data, annexF: { ...data.annexF!, workflow: null } });
    expect(without).not.toContain('Gap list');
    expect(without).toContain('8. Approval record');
  });

  it('until the decision is recorded the report is a draft: title, banner, no claim of completed work, decision date not decided (ja and en)', async () => {
    // The workflow has one undecided gap and no decision recorded.
    const ja = await html('ja');
    expect(ja).toContain('<title>【未完了（草案）】トランジションヘルスソフトウェアへの適合宣言報告書</title>');
    expect(ja).toContain('<h1>【未完了（草案）】トランジションヘルスソフトウェアへの適合宣言報告書</h1>');
    expect(ja).toContain('未完了（草案）</strong><p>本書は適合宣言ではない。');
    expect(ja).not.toContain('附属書F に基づいて実施した');
    expect(ja).not.toContain('ギャップ解消活動を実施し');
    expect(ja).toContain('附属書F の判断は記録されていない。各作業の状況:');
    expect(ja).toContain('済: 対象バージョンの特定（2.4.1）');
    expect(ja).toContain('未了: ギャップごとの対応の判断（3 件中 2 件判断済み）');
    expect(ja).toContain('未了: 附属書F の判断の記録');
    const j2 = section(ja, '2. ');
    expect(j2).toContain('判断日: 未判断');
    expect(j2).toContain('適合ルートの選択: 2026-11-01');
    const en = await html('en');
    expect(en).toContain('<h1>DRAFT — Declaration report for transitional health software</h1>');
    expect(en).toContain('DRAFT — not complete</strong><p>This document is not a declaration of conformity.');
    expect(en).not.toContain('was carried out under internal rules');
    expect(en).toContain('Not done: Decision on each gap (2 of 3 decided)');
    expect(section(en, '2. ')).toContain('Decision date: not decided (no Annex F decision is recorded)');
    // with no workflow at all, nothing is claimed either
    const none = await html('en', { ...data, annexF: { ...data.annexF!, workflow: null } });
    expect(none).toContain('DRAFT — not complete');
    expect(none).toContain('No Annex F workflow is recorded');
    expect(section(none, '2. ')).toContain('Decision date: not decided');
  });

  it('a decided declaration is not a draft and gives the decision date', async () => {
    const decidedRecord = { ...record, decidedAt: '2026-11-28T09:00:00.000Z', decidedBy: 'qa@example.jp' };
    const decidedGaps = gaps.filter((g) => g.decision !== null);
    const decided: ComplianceReportData = {
      ...data,
      annexF: { ...data.annexF!, workflow: { ...workflow, record: decidedRecord, gaps: decidedGaps, readiness: annexFReadiness({ record: decidedRecord, gaps: decidedGaps, candidates: [], assessment: { applicable: 80, unassessed: [] }, sboms: [{ version: '2.4.1', release: true, sbom: true }], today: '2026-11-29' }) } },
    };
    const ja = await html('ja', decided);
    expect(ja).not.toContain('草案');
    expect(ja).toContain('<h1>トランジションヘルスソフトウェアへの適合宣言報告書</h1>');
    expect(ja).toContain('附属書F に基づいて実施した');
    expect(section(ja, '2. ')).toContain('判断日: 2026-11-28');
    const en = await html('en', decided);
    expect(en).not.toContain('DRAFT');
    expect(section(en, '2. ')).toContain('Decision date: 2026-11-28');
  });

  it('a recorded decision the record no longer supports is named and said to be no longer valid, with the problems (ja and en)', async () => {
    // Decided under the earlier rule; the assessment is now found unfinished, so problems remain.
    const decidedRecord = { ...record, decidedAt: '2026-11-28T09:00:00.000Z', decidedBy: 'qa@example.jp' };
    const decidedGaps = gaps.filter((g) => g.decision !== null);
    const readiness = annexFReadiness({ record: decidedRecord, gaps: decidedGaps, candidates: [], assessment: { applicable: 80, unassessed: ['4.1.1', '4.1.2'] }, sboms: [{ version: '2.4.1', release: true, sbom: true }], today: '2026-11-29' });
    expect([readiness.ready, readiness.decided]).toEqual([false, false]);
    const notValid: ComplianceReportData = { ...data, annexF: { ...data.annexF!, workflow: { ...workflow, record: decidedRecord, gaps: decidedGaps, readiness } } };
    const en = await html('en', notValid);
    const s8 = section(en, '8. ');
    expect(s8).toContain('Decision recorded in mamori: qa@example.jp (2026-11-28). It is no longer valid because 2 problem(s) remain. Resolve them and record the decision again.');
    expect(s8).toContain('2 of 80 applicable IEC 81001-5-1 entries are not assessed yet');
    expect(s8).toContain('The gap list (step 2) is not complete yet');
    expect(s8).not.toContain('Not complete:');
    expect(section(en, '2. ')).toContain('The Annex F decision recorded by qa@example.jp on 2026-11-28 is no longer valid (see 8. Approval record).');
    const ja = await html('ja', notValid);
    const j8 = section(ja, '8. ');
    expect(j8).toContain('mamori に記録された判断: qa@example.jp（2026-11-28）。問題が 2 件残っているため、この判断はもはや有効ではない。');
    expect(j8).toContain('該当する IEC 81001-5-1 の項目 80 件のうち 2 件がまだ評価されていない。');
    expect(j8).toContain('ギャップ一覧がまだ完了していない');
    expect(j8).not.toContain('未完了');
    expect(section(ja, '2. ')).toContain('qa@example.jp が 2026-11-28 に記録した附属書F の判断は、もはや有効ではない');
  });
});
