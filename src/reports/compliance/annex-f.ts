/**
 * The Annex F document for products already on the market: 「トランジションヘルスソフトウェアへの
 * 適合宣言報告書」 in the structure of the MHLW Q&A (2024-01-31) worked example — Part 1, the Annex F
 * conformity decision (summary / internal document name / document number); Part 2, the status per
 * 0523 confirmation item — followed by the proposed headings 1–8 of jp-regulatory-details.md §2.3.
 * Document names and numbers are the titles and versions of the evidence recorded in mamori.
 */
import type { ReadinessCode, ReadinessProblem } from '../../core/compliance/annex-f.js';
import type { GapRow } from '../../core/compliance/gap.js';
import { esc, headerTable, rowsTable, signTable } from './parts.js';
import { releaseStageLabel, statusLabel, t, type ReportLanguage } from './labels.js';
import type { AnnexFWorkflowData, ComplianceReportData, ReportEvidence } from './model.js';

const L = (lang: ReportLanguage, ja: string, en: string) => (lang === 'ja' ? ja : en);

function docs(list: readonly ReportEvidence[] | undefined, lang: ReportLanguage): [string, string] {
  if (!list || list.length === 0) return [L(lang, '（未登録）', '(none recorded)'), '—'];
  return [list.map((e) => esc(e.title)).join('<br>'), list.map((e) => esc(e.version || '—')).join('<br>')];
}

function evidenceList(list: readonly ReportEvidence[] | undefined, lang: ReportLanguage): string {
  if (!list || list.length === 0) return `<p class="gap">${esc(L(lang, '証跡が登録されていない。', 'No evidence recorded.'))}</p>`;
  return `<ul>${list
    .map((e) => `<li>${esc(e.title)}${e.version ? ` (${esc(e.version)})` : ''}${e.sha256 ? ` <span class="muted">SHA-256 ${esc(e.sha256.slice(0, 16))}…</span>` : ''}${e.current && e.kind === 'record' ? ` <span class="muted">→ ${esc(e.current.labelText[lang])}</span>` : ''}${e.approvedBy ? ` — ${esc(L(lang, '承認', 'approved'))}: ${esc(e.approvedBy)} ${esc(e.approvedAt?.slice(0, 10) ?? '')}` : ''}</li>`)
    .join('')}</ul>`;
}

const decisionWords = {
  close: { ja: '解消', en: 'Close' },
  compensate: { ja: '代替手段による補償', en: 'Compensate' },
  accept: { ja: '受容', en: 'Accept' },
} as const;
const closureWords = { planned: { ja: '計画中', en: 'Planned' }, in_progress: { ja: '実施中', en: 'In progress' }, done: { ja: '完了', en: 'Done' } } as const;
const levelWords = {
  acceptable: { ja: '許容可能', en: 'Acceptable' },
  alara: { ja: 'ALARA（低減・根拠要）', en: 'ALARA (reduce, justify)' },
  unacceptable: { ja: '許容不可', en: 'Unacceptable' },
} as const;

/** Free text as written: escaped, line breaks kept. */
function para(text: string, lang: ReportLanguage): string {
  return text.trim() ? `<p>${esc(text.trim()).replace(/\r?\n/g, '<br>')}</p>` : `<p class="gap">${esc(L(lang, '（未記入）', '(not written)'))}</p>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], lang: ReportLanguage): string {
  if (rows.length === 0) return `<p class="muted">${esc(L(lang, 'なし', 'None'))}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

type WGap = AnnexFWorkflowData['gaps'][number];
const entryCell = (g: WGap, lang: ReportLanguage) => `${esc(g.entry)} ${esc(g.entryTitle[lang])}`;
const decisionCell = (g: WGap, lang: ReportLanguage) => (g.decision ? esc(decisionWords[g.decision][lang]) : `<span class="gap">${esc(L(lang, '未決定', 'Undecided'))}</span>`);
const levelCell = (g: WGap, lang: ReportLanguage) => (g.residualLevel ? esc(levelWords[g.residualLevel][lang]) : '—');
const multiline = (s: string) => esc(s.trim()).replace(/\r?\n/g, '<br>');

/** Section 4: the gap list. */
function gapList(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const rows = w.gaps.map((g, i) => [`${i + 1}`, entryCell(g, lang), multiline(g.descriptionText[lang]), decisionCell(g, lang), levelCell(g, lang)]);
  const uncovered = w.readiness.steps.gaps.problems.filter((p) => p.code === 'entry_without_gap').map((p) => p.entry ?? '');
  const { unassessed, assessable } = w.readiness.counts;
  // The gap list rests on the assessment: say so when the assessment is not finished.
  const unfinished = unassessed > 0
    ? `<p class="gap">${esc(L(lang, `ギャップ分析の前提となる評価が終わっていない: 該当する IEC 81001-5-1 の項目 ${assessable} 件のうち ${unassessed} 件が未評価。`, `The assessment behind the gap analysis is not finished: ${unassessed} of ${assessable} applicable IEC 81001-5-1 entries are not assessed.`))}</p>`
    : '';
  return `<h3>${esc(L(lang, 'ギャップ一覧', 'Gap list'))}</h3>${unfinished}${table(['No.', L(lang, '項目', 'Entry'), L(lang, 'ギャップの内容', 'Gap'), L(lang, '対応方針', 'Decision'), L(lang, '残留リスク', 'Residual risk')], rows, lang)}${
    uncovered.length ? `<p class="gap">${esc(L(lang, `未実施と評価されたがギャップが登録されていない項目: ${uncovered.join(', ')}`, `Entries assessed as not implemented without a gap: ${uncovered.join(', ')}`))}</p>` : ''
  }`;
}

/** Section 5: closure actions and compensating measures. */
function closureList(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const close = w.gaps.filter((g) => g.decision === 'close').map((g) => [entryCell(g, lang), multiline(g.closureAction), esc(closureWords[g.closureStatus][lang]), esc(g.closureDueDate ?? '—')]);
  const comp = w.gaps
    .filter((g) => g.decision === 'compensate')
    .map((g) => [entryCell(g, lang), multiline(g.compensatingMeasures) || '—', g.control ? `${esc(g.control.ref)} ${esc(g.control.title)}` : '—']);
  return `<h3>${esc(L(lang, 'ギャップ解消アクション', 'Gap-closure actions'))}</h3>${table([L(lang, '項目', 'Entry'), L(lang, '解消アクション', 'Closure action'), L(lang, '状況', 'Status'), L(lang, '期限', 'Due date')], close, lang)}
<h3>${esc(L(lang, '代替手段（補償的管理策）', 'Compensating measures'))}</h3>${table([L(lang, '項目', 'Entry'), L(lang, '代替手段', 'Compensating measures'), L(lang, 'セキュリティコントロール', 'Security control')], comp, lang)}`;
}

/** Section 6: versions, rationale, components not upgraded, residual risk and its acceptance, communication. */
function rationale(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const r = w.record;
  const components = r.componentsNotUpgraded.map((c) => [esc(c.name), esc(c.version || '—'), multiline(c.justification)]);
  const residual = w.gaps
    .filter((g) => g.decision !== 'close' || g.residualLevel !== null)
    .map((g) => [
      entryCell(g, lang),
      decisionCell(g, lang),
      levelCell(g, lang),
      g.acceptedAt ? `${esc(g.acceptedBy ?? '')} ${esc(g.acceptedAt.slice(0, 10))}` : `<span class="${g.decision === 'close' ? 'muted' : 'gap'}">${esc(L(lang, '未受容', 'Not accepted'))}</span>`,
      multiline(g.acceptanceRationale) || '—',
    ]);
  return `<h3>${esc(L(lang, '継続使用の根拠', 'Rationale for continued use'))}</h3><p>${esc(L(lang, '対象バージョン', 'Versions'))}: ${esc(r.versions.join(', ') || '—')}</p>${para(r.continuedUseRationale, lang)}
<h3>${esc(L(lang, '更新しない構成要素とその正当化', 'Components not upgraded and their justification'))}</h3>${table([L(lang, '構成要素', 'Component'), L(lang, 'バージョン', 'Version'), L(lang, '正当化とリスク', 'Justification and risk')], components, lang)}
<h3>${esc(L(lang, 'ギャップごとの残留リスクと受容', 'Residual risk per gap and its acceptance'))}</h3>${table([L(lang, '項目', 'Entry'), L(lang, '対応方針', 'Decision'), L(lang, '残留リスク', 'Residual risk'), L(lang, '受容（者・日付）', 'Accepted (by, date)'), L(lang, '受容の根拠', 'Acceptance rationale')], residual, lang)}
<h3>${esc(L(lang, '残留リスクの利用者への伝達', 'Communication of residual risk to users'))}</h3>${para(r.riskCommunication, lang)}`;
}

/** Section 7: the post-release activity plan. */
function postRelease(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const r = w.record;
  return `<h3>${esc(L(lang, '市販後活動計画', 'Post-release activity plan'))}</h3><table class="meta"><tr><td>${esc(L(lang, '脆弱性・脅威の監視', 'Monitoring of vulnerabilities and threats'))}</td><td>${multiline(r.monitoringPlan) || `<span class="gap">${esc(L(lang, '（未記入）', '(not written)'))}</span>`}</td></tr><tr><td>${esc(L(lang, 'セキュリティアップデートの提供', 'Security updates'))}</td><td>${multiline(r.updatePlan) || `<span class="gap">${esc(L(lang, '（未記入）', '(not written)'))}</span>`}</td></tr><tr><td>${esc(L(lang, '脆弱性の開示・利用者への情報提供', 'Vulnerability disclosure and information to users'))}</td><td>${multiline(r.disclosurePlan) || `<span class="gap">${esc(L(lang, '（未記入）', '(not written)'))}</span>`}</td></tr></table>`;
}

/** A readiness problem in the report language (core messages are English). */
const problemWords: Record<ReadinessCode, (p: ReadinessProblem, w: AnnexFWorkflowData) => string> = {
  no_versions: () => '対象ソフトウェアバージョンが記入されていない。',
  entries_not_assessed: (_, w) => `該当する IEC 81001-5-1 の項目 ${w.readiness.counts.assessable} 件のうち ${w.readiness.counts.unassessed} 件がまだ評価されていない。`,
  entry_without_gap: (p) => `項目 ${p.entry ?? ''} は未実施と評価されているが、ギャップがない。`,
  gap_list_incomplete: () => 'ギャップ一覧がまだ完了していないため、すべてのギャップの対応を決められない。',
  gap_undecided: (p) => `${p.entry ?? ''} に対するギャップの対応方針が決まっていない。`,
  gap_incomplete: (p) => `${p.entry ?? ''} に対するギャップに、対応方針が必要とする項目が欠けている。`,
  acceptance_missing: (p) => `${p.entry ?? ''} に対するギャップの残留リスクの受容が記録されていない。`,
  residual_unacceptable: (p) => `${p.entry ?? ''} に対するギャップの残留リスクは許容不可。`,
  no_rationale: () => '継続使用の根拠が記入されていない。',
  component_without_justification: () => '正当化が記入されていない、更新しない構成要素がある。',
  no_risk_communication: () => '残留リスクの利用者への伝達方法が記入されていない。',
  no_monitoring_plan: () => '市販後の監視が記入されていない。',
  no_update_plan: () => 'セキュリティアップデートの提供方法が記入されていない。',
  no_disclosure_plan: () => '脆弱性の開示と利用者への情報提供が記入されていない。',
  closure_open: (p) => `${p.entry ?? ''} の解消アクションはまだ完了していない。`,
  closure_overdue: (p) => `${p.entry ?? ''} の解消アクションは期限を過ぎている。`,
  decision_stale: () => '判断の記録後にギャップが変更された。',
  decision_not_ready: () => '記録された判断は、問題が残っているため無効。',
  version_without_release: (p) => `対象バージョン ${p.version ?? ''} は mamori にリリースとして登録されておらず、SBOM がない。リリースを登録して SBOM を取り込むこと（手引書 附属書A）。`,
  version_without_sbom: (p) => `対象バージョン ${p.version ?? ''} のリリースに SBOM がない。SBOM を取り込むこと（手引書 附属書A: SBOM は構成管理の下で維持し、顧客に提供する）。`,
};
const problemText = (p: ReadinessProblem, w: AnnexFWorkflowData, lang: ReportLanguage) => (lang === 'ja' ? problemWords[p.code](p, w) : p.message);

/** The versions in scope without an SBOM (readiness warnings), as a list; empty when every one has its SBOM. */
function sbomWarnings(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const list = w.readiness.warnings.filter((p) => p.code === 'version_without_release' || p.code === 'version_without_sbom');
  return list.length > 0 ? `<ul class="gap">${list.map((p) => `<li>${esc(`${L(lang, '注意', 'Warning')}: ${problemText(p, w, lang)}`)}</li>`).join('')}</ul>` : '';
}

/**
 * Whether the decision recorded in mamori still stands. A decision recorded earlier that the record
 * no longer supports (problems remain, or gaps changed since) is named with who and when, and
 * said to be no longer valid, so the document never shows a decision date without saying so.
 */
function recordedDecision(w: AnnexFWorkflowData): { at: string; by: string; valid: boolean } | null {
  const r = w.record;
  return r.decidedAt ? { at: r.decidedAt.slice(0, 10), by: r.decidedBy ?? '', valid: w.readiness.decided } : null;
}

/** Section 8: the decision recorded in mamori and the readiness at the time of the document (with the SBOM warnings). */
function decisionRecord(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  return decisionState(w, lang) + sbomWarnings(w, lang);
}

function decisionState(w: AnnexFWorkflowData, lang: ReportLanguage): string {
  const list = Object.values(w.readiness.steps).flatMap((s) => s.problems);
  const problems = list.length;
  const decision = recordedDecision(w);
  if (decision && !decision.valid) {
    const problemList = problems > 0 ? `<ul>${list.map((p) => `<li>${esc(problemText(p, w, lang))}</li>`).join('')}</ul>` : '';
    const why = problems > 0
      ? L(lang, `問題が ${problems} 件残っているため、この判断はもはや有効ではない。問題を解決した後、判断を改めて記録すること。`, `It is no longer valid because ${problems} problem(s) remain. Resolve them and record the decision again.`)
      : L(lang, '判断の記録後にギャップが変更されたため、この判断はもはや有効ではない。判断を改めて記録すること。', 'It is no longer valid because gaps changed after it was recorded. Record the decision again.');
    const state = L(lang, `mamori に記録された判断: ${decision.by}（${decision.at}）。${why}`, `Decision recorded in mamori: ${decision.by} (${decision.at}). ${why}`);
    return `<p class="gap">${esc(state)}</p>${problemList}`;
  }
  const state = decision
    ? L(lang, `mamori に記録された判断: ${decision.by}（${decision.at}）`, `Decision recorded in mamori: ${decision.by} (${decision.at})`)
    : w.readiness.ready
      ? L(lang, '準備完了（判断は未記録）', 'Ready (decision not yet recorded)')
      : L(lang, `未完了: 残る問題 ${problems} 件`, `Not complete: ${problems} problem(s) remain`);
  return `<p class="${w.readiness.ready ? 'ok' : 'gap'}">${esc(state)}</p>`;
}

/**
 * Section 2: the route (and when it was chosen in the compliance profile) and the decision date —
 * the date of the Annex F decision recorded in mamori, "not decided" while there is none, and,
 * when a recorded decision is no longer valid, that it is not.
 */
function routeLine(data: ComplianceReportData, lang: ReportLanguage): string {
  const a = data.annexF!;
  const route = `<p>${esc(t('routeAnnexF', lang))}${a.decidedAt ? ` — ${esc(L(lang, `適合ルートの選択: ${a.decidedAt.slice(0, 10)}`, `route chosen on ${a.decidedAt.slice(0, 10)}`))}` : ''}</p>`;
  const decision = a.workflow ? recordedDecision(a.workflow) : null;
  if (!decision) return `${route}<p class="gap">${esc(L(lang, '判断日: 未判断（附属書F の判断は記録されていない）', 'Decision date: not decided (no Annex F decision is recorded)'))}</p>`;
  if (decision.valid) return `${route}<p>${esc(L(lang, `判断日: ${decision.at}`, `Decision date: ${decision.at}`))}</p>`;
  return `${route}<p class="gap">${esc(L(lang, `判断日: 未判断。${decision.by} が ${decision.at} に記録した附属書F の判断は、もはや有効ではない（8. 承認記録を参照）。`, `Decision date: not decided. The Annex F decision recorded by ${decision.by} on ${decision.at} is no longer valid (see 8. Approval record).`))}</p>`;
}

/** Whether the document is a draft: no valid Annex F decision is recorded. */
export function annexFDraft(data: ComplianceReportData): boolean {
  return !data.annexF?.workflow?.readiness.decided;
}

/**
 * What a draft says instead of the summary of completed work: each step of the workflow, done or
 * not, in plain words. Nothing is claimed that is not recorded.
 */
function draftSummary(w: AnnexFWorkflowData | null, lang: ReportLanguage): string {
  if (!w) return `<p class="gap">${esc(L(lang, '附属書F のワークフローは記録されていない: ギャップ分析、ギャップ解消、継続使用の根拠、市販後計画、判断のいずれも未実施。', 'No Annex F workflow is recorded: gap analysis, gap closure, rationale for continued use, post-release plan and decision are all not done.'))}</p>`;
  const c = w.readiness.counts;
  const s = w.readiness.steps;
  const item = (done: boolean, ja: string, en: string) => `<li class="${done ? 'ok' : 'gap'}">${esc(`${done ? L(lang, '済', 'Done') : L(lang, '未了', 'Not done')}: ${L(lang, ja, en)}`)}</li>`;
  return `<ul class="draft-status">${[
    item(s.scope.complete, `対象バージョンの特定（${w.record.versions.join(', ') || '未記入'}）`, `Versions in scope (${w.record.versions.join(', ') || 'none named'})`),
    item(s.gaps.complete, `IEC 81001-5-1 に対するギャップ分析（該当 ${c.assessable} 項目中 未評価 ${c.unassessed} 項目、ギャップ未登録 ${c.uncovered} 項目）`, `Gap analysis against IEC 81001-5-1 (${c.unassessed} of ${c.assessable} applicable entries not assessed, ${c.uncovered} without a gap)`),
    item(s.closure.complete, `ギャップごとの対応の判断（${c.gaps} 件中 ${c.decided} 件判断済み）`, `Decision on each gap (${c.decided} of ${c.gaps} decided)`),
    item(s.rationale.complete, '継続使用の根拠と残留リスクの伝達', 'Rationale for continued use and communication of residual risk'),
    item(s.postRelease.complete, '市販後活動計画', 'Post-release activity plan'),
    item(false, '附属書F の判断の記録', 'Recording of the Annex F decision'),
  ].join('')}</ul>`;
}

export function annexFSection(data: ComplianceReportData, lang: ReportLanguage): string {
  const a = data.annexF;
  if (!a) return '';
  const iec = new Map(a.iec.rows.map((r) => [r.entry.id, r]));
  const key = (r: GapRow) => `${r.catalog}#${r.entry.id}`;
  const ev = (r: GapRow | undefined) => (r ? a.evidenceFor[key(r)] : undefined);
  const pick = (pred: (id: string) => boolean) => a.iec.rows.filter((r) => pred(r.entry.id));
  const fDocs = [...(ev(iec.get('F.1')) ?? []), ...(ev(iec.get('F.2')) ?? []), ...(ev(iec.get('F.3')) ?? [])];
  const [fName, fNumber] = fDocs.length > 0 ? docs(fDocs, lang) : [esc(L(lang, 'トランジションヘルスソフトウェアへの適合宣言報告書（本書）', 'Declaration report for transitional health software (this document)')), '—'];
  const draft = annexFDraft(data);
  const title = annexFTitle(data, lang);
  const summary = draft
    ? `<p class="gap">${esc(L(lang, '附属書F の判断は記録されていない。各作業の状況:', 'No Annex F decision is recorded. State of each step:'))}</p>${draftSummary(a.workflow ?? null, lang)}`
    : esc(L(lang, 'JIS の要求事項に対するギャップ分析を行い、ギャップ解消活動を実施し、その成果に基づく継続使用の根拠をトランジションヘルスソフトウェアのバージョンとともに文書化した。', 'Gap analysis against the JIS requirements, gap-closure activities, and the rationale for continued use based on their outputs, documented together with the version of the transitional health software.'));

  const part1 = `<h2>${esc(L(lang, 'JIS T 81001-5-1 の附属書F トランジションヘルスソフトウェアに基づく適合性の判断', 'Conformity decision under JIS T 81001-5-1 Annex F (transitional health software)'))}</h2>
<table><thead><tr><th>${esc(draft ? L(lang, '実施状況（未完了）', 'State of the work (not complete)') : L(lang, '実施内容概要', 'Summary of what was done'))}</th><th>${esc(L(lang, '社内ドキュメント名', 'Internal document'))}</th><th>${esc(L(lang, '文書番号', 'Document number'))}</th></tr></thead>
<tbody><tr><td>${summary}</td><td>${fName}</td><td>${fNumber}</td></tr></tbody></table>`;

  const part2rows = (a.confirmation?.rows ?? [])
    .filter((r) => r.entry.parent === 'jis')
    .map((r, i) => {
      const [n, num] = docs(ev(r), lang);
      return `<tr><td class="num">${i + 1}</td><td>${esc(r.entry.title[lang])}</td><td>${esc(statusLabel(r.status, lang))}</td><td>${n}</td><td>${num}</td></tr>`;
    })
    .join('');
  const part2 = `<h2>${esc(L(lang, '医療機器の基本要件基準第12条第3項の適合性の確認について（薬生機審発0523第1号）の各項目に対する実施状況', 'Status per item of the confirmation of conformity with Essential Principles Art. 12(3) (notice 0523 No. 1)'))}</h2>
<table><thead><tr><th>No.</th><th>${esc(L(lang, 'JIS T 81001-5-1 の確認項目', 'JIS T 81001-5-1 confirmation item'))}</th><th>${esc(L(lang, '実施状況', 'Status'))}</th><th>${esc(L(lang, '社内ドキュメント名', 'Internal document'))}</th><th>${esc(L(lang, '文書番号', 'Document number'))}</th></tr></thead><tbody>${part2rows || `<tr><td colspan="5" class="muted">${esc(L(lang, '0523 確認項目のカタログが対象外', '0523 confirmation catalog not included'))}</td></tr>`}</tbody></table>`;

  const releases = data.releases.length > 0
    ? `<ul>${data.releases.map((r) => `<li>${esc(r.version)}${r.releaseDate ? ` (${esc(r.releaseDate)})` : ''} — ${esc(releaseStageLabel(r.stage, lang))}</li>`).join('')}</ul>`
    : `<p class="muted">${esc(L(lang, 'リリースが登録されていない。', 'No releases recorded.'))}</p>`;
  const f = (id: string) => iec.get(id);
  const w = a.workflow ?? null;
  const workflowNote = `<p class="muted">${esc(L(lang, '附属書F ワークフローの記録（本書 4〜8 章）がこの項目に答える。', 'The Annex F workflow record (sections 4–8 of this document) answers this entry.'))}</p>`;
  const fRow = (id: string) => {
    const row = f(id);
    if (!row) return '';
    const list = ev(row);
    return rowsTable([row], lang) + (row.source?.type === 'workflow' && (!list || list.length === 0) ? workflowNote : evidenceList(list, lang));
  };
  const sections = [
    [L(lang, '1. 対象製品・ソフトウェアバージョン', '1. Product and software versions'), headerTable(data, lang) + releases + (w ? `<p>${esc(L(lang, '本宣言の対象バージョン', 'Versions covered by this declaration'))}: ${esc(w.record.versions.join(', ') || '—')}</p>${sbomWarnings(w, lang)}${w.record.scopeNotes.trim() ? para(w.record.scopeNotes, lang) : ''}` : '')],
    [L(lang, '2. 適合ルート（附属書F）と判断日', '2. Conformity route (Annex F) and decision date'), routeLine(data, lang)],
    [L(lang, '3. 一般要求事項（箇条4）の実施状況', '3. General requirements (Clause 4)'), rowsTable(pick((id) => id === '4' || id.startsWith('4.')), lang)],
    [L(lang, '4. ギャップ分析（5.2、5.7、7.1〜7.3）', '4. Gap analysis (5.2, 5.7, 7.1–7.3)'), rowsTable(pick((id) => /^(5\.2|5\.7|7\.1|7\.2|7\.3)(\.|$)/.test(id)), lang) + (w ? gapList(w, lang) : '')],
    [L(lang, '5. ギャップ解消アクティビティと成果物（F.2）', '5. Gap-closure activities and outputs (F.2)'), fRow('F.2') + (w ? closureList(w, lang) : '')],
    [L(lang, '6. 継続使用の根拠（F.3）：残留リスク、更新しない構成要素の正当化、残留リスクの伝達', '6. Rationale for continued use (F.3): residual risk, justification of components not upgraded, communication of residual risk'), fRow('F.3') + (w ? rationale(w, lang) : '')],
    [L(lang, '7. 市販後活動（F.4、箇条6〜9）', '7. Post-release activities (F.4, Clauses 6–9)'), fRow('F.4') + (w ? postRelease(w, lang) : '') + rowsTable(pick((id) => /^[6-9](\.|$)/.test(id)), lang)],
    [L(lang, '8. 承認記録', '8. Approval record'), (w ? decisionRecord(w, lang) : '') + signTable(lang)],
  ] as const;
  const preamble = draft
    ? `<div class="draft-banner" role="note"><strong>${esc(L(lang, '未完了（草案）', 'DRAFT — not complete'))}</strong><p>${esc(L(lang, '本書は適合宣言ではない。JIS T 81001-5-1 附属書F に基づく適合性調査の途中経過を、mamori に記録された内容のとおりに示す。附属書F の判断が記録されるまで、本書を適合宣言として提出しないこと。', 'This document is not a declaration of conformity. It shows the state of the conformity investigation under JIS T 81001-5-1 Annex F as recorded in mamori. Do not submit it as a declaration until the Annex F decision is recorded.'))}</p></div>`
    : `<p>${esc(L(lang, 'サイバーセキュリティの適合性調査は社内規定に従い、JIS T 81001-5-1 附属書F に基づいて実施した。その結果を以下に記す。', 'The cybersecurity conformity investigation was carried out under internal rules, based on JIS T 81001-5-1 Annex F. Its results are documented below.'))}</p>`;
  const watermark = draft ? `<div class="draft-watermark" aria-hidden="true">${esc(L(lang, '草案', 'DRAFT'))}</div>` : '';
  return `${watermark}<h1>${esc(title)}</h1>${preamble}${part1}${part2}${sections.map(([h, body]) => `<h2>${esc(h)}</h2>${body}`).join('\n')}`;
}

/** The document title; a draft (no valid decision recorded) says so in the title itself. */
export function annexFTitle(data: ComplianceReportData, lang: ReportLanguage): string {
  const title = L(lang, 'トランジションヘルスソフトウェアへの適合宣言報告書', 'Declaration report for transitional health software');
  return annexFDraft(data) ? L(lang, `【未完了（草案）】${title}`, `DRAFT — ${title}`) : title;
}
