/**
 * Annex F rules (IEC 81001-5-1 Annex F F.2–F.4 as paraphrased in reference/regulatory-iec-jp.md and
 * the MHLW Q&A worked example in jp-regulatory-details.md §2.3): which entries need a gap, what each
 * closure decision needs, when a residual risk may be accepted, and the readiness of the declaration.
 */
import { describe, expect, it } from 'vitest';
import { catalogs, crosswalks } from '../../catalogs/index.js';
import { IEC, MHLW_0523 } from '../../catalogs/keys.js';
import {
  acceptanceStands,
  annexFAssessmentProgress,
  annexFCandidates,
  annexFReadiness,
  annexFWorkflowStatuses,
  answeringStatuses,
  emptyAnnexFRecord,
  gapDescriptionText,
  gapIssues,
  proposeGaps,
  readinessCodes,
  proposedDescription,
  recordIssues,
  sortGaps,
  undecidedGap,
  type AnnexFGap,
  type AnnexFGapInput,
  type AnnexFRecord,
} from './annex-f.js';
import { buildCoverageGraph, effectiveStatuses, type Assessment, type AssessmentStatus } from './assessment.js';
import { resolveCatalog } from './catalog.js';

const iec = resolveCatalog(catalogs, IEC)!;
const graph = buildCoverageGraph(catalogs, crosswalks);

function assessment(catalog: string, entry: string, status: AssessmentStatus): Assessment {
  return { id: `${catalog}#${entry}`, productId: 'p1', catalog, entry, status, justification: status === 'not_applicable' ? 'n/a' : '', owner: '', dueDate: null, notes: '', createdAt: '', updatedAt: '' };
}

function statuses(list: Assessment[]) {
  return effectiveStatuses(graph, new Map(list.map((a) => [`${a.catalog}#${a.entry}`, a])));
}

const input = (over: Partial<AnnexFGapInput> = {}): AnnexFGapInput => ({
  entry: '5.7.1',
  description: 'No security testing records for the legacy release.',
  ...undecidedGap,
  accepted: false,
  ...over,
});

const gap = (over: Partial<AnnexFGap> = {}): AnnexFGap => ({
  id: `g-${over.entry ?? '5.7.1'}`,
  productId: 'p1',
  catalog: IEC,
  entry: '5.7.1',
  description: 'd',
  ...undecidedGap,
  acceptedBy: null,
  acceptedAt: null,
  origin: 'manual',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

const fullRecord = (over: Partial<AnnexFRecord> = {}): AnnexFRecord => ({
  ...emptyAnnexFRecord('p1'),
  versions: ['2.4.1'],
  continuedUseRationale: 'Field experience since 2019 and the compensating measures keep the risk acceptable.',
  riskCommunication: 'Release notes and the hospital security guide name the residual risks.',
  monitoringPlan: 'Daily OSV/JVN feed monitoring.',
  updatePlan: 'Security patches within 90 days.',
  disclosurePlan: 'Coordinated disclosure via PSIRT; advisories to hospitals.',
  ...over,
});
/** Release 2.4.1 (the version in scope) is in mamori with its SBOM. */
const sboms = [{ version: '2.4.1', release: true, sbom: true }];

describe('entries that need a gap (F.2: gap analysis against the assessments)', () => {
  it('takes directly assessed not-started and in-progress entries, not done or not-applicable ones, and not Annex F itself', () => {
    const c = annexFCandidates(iec, statuses([
      assessment(IEC, '5.7.1', 'not_started'),
      assessment(IEC, '7.2', 'in_progress'),
      assessment(IEC, '8', 'implemented'),
      assessment(IEC, '9.2', 'verified'),
      assessment(IEC, '5.8.7', 'not_applicable'),
      assessment(IEC, 'F.2', 'in_progress'),
    ]));
    expect(c.map((x) => [x.entry, x.status, x.basis])).toEqual([
      ['5.7.1', 'not_started', 'direct'],
      ['7.2', 'in_progress', 'direct'],
    ]);
  });

  it('one gap for a clause assessed as a whole: sub-clauses that inherit or roll up are left out', () => {
    const c = annexFCandidates(iec, statuses([assessment(IEC, '5.2', 'not_started')]));
    expect(c.map((x) => x.entry)).toEqual(['5.2']);
  });

  it('follows crosswalks: a 0523 confirmation item assessed as not started marks the IEC entry it equals', () => {
    // jis.5 (configuration management) is crosswalked to IEC 81001-5-1 Clause 8 (compliance API test relies on the same link).
    const c = annexFCandidates(iec, statuses([assessment(MHLW_0523, 'jis.5', 'not_started')]));
    const eight = c.find((x) => x.entry === '8');
    expect(eight).toMatchObject({ status: 'not_started', basis: `${MHLW_0523}#jis.5` });
    expect(proposedDescription(eight!)).toContain(`through ${MHLW_0523}#jis.5`);
  });

  it('a proposed gap reads wholly in Japanese or in English; an edited or written description stays as written (QA ra)', () => {
    const c = annexFCandidates(iec, statuses([assessment(MHLW_0523, 'jis.5', 'not_started'), assessment(IEC, '5.7.1', 'in_progress')]));
    const eight = c.find((x) => x.entry === '8')!;
    const stored = { entry: '8', origin: 'proposed' as const, description: proposedDescription(eight) };
    const text = gapDescriptionText(stored, eight.title);
    expect(text).toEqual({
      ja: `8 ${eight.title.ja}: 評価は「未着手」（対応表経由: ${MHLW_0523}#jis.5）。`,
      en: `8 ${eight.title.en}: assessed as not started (through ${MHLW_0523}#jis.5).`,
    });
    expect(text.ja).not.toContain(eight.title.en);
    expect(text.en).not.toContain(eight.title.ja);
    const direct = c.find((x) => x.entry === '5.7.1')!;
    expect(gapDescriptionText({ entry: '5.7.1', origin: 'proposed', description: proposedDescription(direct) }, direct.title).ja).toBe(`5.7.1 ${direct.title.ja}: 評価は「対応中」。`);
    // Edited by the user, or written by hand: as written, in both languages.
    const edited = `${stored.description} Penetration test report missing.`;
    expect(gapDescriptionText({ ...stored, description: edited }, eight.title)).toEqual({ ja: edited, en: edited });
    expect(gapDescriptionText({ ...stored, origin: 'manual' }, eight.title)).toEqual({ ja: stored.description, en: stored.description });
  });

  it('proposes only the entries without a gap', () => {
    const c = annexFCandidates(iec, statuses([assessment(IEC, '5.7.1', 'not_started'), assessment(IEC, '7.2', 'not_started')]));
    expect(proposeGaps(c, [{ entry: '7.2' }]).map((x) => x.entry)).toEqual(['5.7.1']);
  });
});

describe('gap rules', () => {
  it('a draft needs only a description', () => {
    expect(gapIssues(input())).toEqual([]);
    expect(gapIssues(input({ description: '  ' })).map((i) => i.path)).toEqual(['description']);
  });

  it('close needs the closure action and a due date unless done', () => {
    expect(gapIssues(input({ decision: 'close' })).map((i) => i.path).sort()).toEqual(['closureAction', 'closureDueDate']);
    expect(gapIssues(input({ decision: 'close', closureAction: 'Run a penetration test', closureDueDate: '2027-03-31' }))).toEqual([]);
    expect(gapIssues(input({ decision: 'close', closureAction: 'Done already', closureStatus: 'done' }))).toEqual([]);
    expect(gapIssues(input({ decision: 'close', closureAction: 'x', closureDueDate: '31.03.2027' })).map((i) => i.path)).toEqual(['closureDueDate']);
  });

  it('compensate needs measures (or a control) and the residual level', () => {
    expect(gapIssues(input({ decision: 'compensate' })).map((i) => i.path).sort()).toEqual(['compensatingMeasures', 'residualLevel']);
    expect(gapIssues(input({ decision: 'compensate', controlId: 'c1', residualLevel: 'acceptable' }))).toEqual([]);
  });

  it('an accepted gap needs its rationale and a residual level; an unacceptable residual risk is never accepted', () => {
    expect(gapIssues(input({ decision: 'accept', accepted: true })).map((i) => i.path).sort()).toEqual(['acceptanceRationale', 'residualLevel']);
    const unacceptable = gapIssues(input({ decision: 'accept', residualLevel: 'unacceptable', acceptanceRationale: 'because', accepted: true }));
    expect(unacceptable.map((i) => i.path)).toEqual(['residualLevel']);
    expect(unacceptable[0]!.message).toMatch(/cannot be accepted/);
    expect(gapIssues(input({ decision: 'compensate', compensatingMeasures: 'm', residualLevel: 'unacceptable', acceptanceRationale: 'r', accepted: true })).map((i) => i.path)).toEqual(['residualLevel']);
    expect(gapIssues(input({ accepted: true, residualLevel: 'acceptable', acceptanceRationale: 'r' })).map((i) => i.path)).toEqual(['decision']);
    expect(gapIssues(input({ decision: 'accept', residualLevel: 'alara', acceptanceRationale: 'Isolated network only.', accepted: true }))).toEqual([]);
  });

  it('an acceptance stands only while what was accepted is unchanged', () => {
    const accepted = gap({ decision: 'accept', residualLevel: 'alara', acceptanceRationale: 'r', acceptedBy: 'QA', acceptedAt: '2026-11-02T00:00:00.000Z' });
    const same = input({ decision: 'accept', residualLevel: 'alara', acceptanceRationale: 'r', accepted: true, description: 'reworded' });
    expect(acceptanceStands(accepted, same)).toBe(true);
    expect(acceptanceStands(accepted, { ...same, residualLevel: 'acceptable' })).toBe(false);
    expect(acceptanceStands(accepted, { ...same, acceptanceRationale: 'other' })).toBe(false);
    expect(acceptanceStands(accepted, { ...same, accepted: false })).toBe(false);
    expect(acceptanceStands(gap(), same)).toBe(false);
  });
});

describe('record rules', () => {
  it('versions are unique and non-empty; components not upgraded need a name and a justification', () => {
    const base = { versions: [], scopeNotes: '', continuedUseRationale: '', componentsNotUpgraded: [], riskCommunication: '', monitoringPlan: '', updatePlan: '', disclosurePlan: '' };
    expect(recordIssues(base)).toEqual([]);
    expect(recordIssues({ ...base, versions: ['2.4', ' ', '2.4'] }).map((i) => i.path)).toEqual(['versions.1', 'versions.2']);
    expect(recordIssues({ ...base, componentsNotUpgraded: [{ name: 'openssl', version: '1.0.2', justification: '' }] }).map((i) => i.path)).toEqual(['componentsNotUpgraded.0.justification']);
  });
});

describe('the assessment behind the gap list', () => {
  const none = new Map();
  it('counts every normative IEC 81001-5-1 work item outside Annex F as unassessed while nothing is assessed', () => {
    const p = annexFAssessmentProgress(iec, answeringStatuses(iec, { product: none, organization: none }));
    const work = iec.entries.filter((e) => !iec.entries.some((c) => c.parent === e.id) && e.normative !== false && !/^F(\.|$)/.test(e.id));
    expect(p.applicable).toBe(work.length);
    expect(p.unassessed).toEqual(work.map((e) => e.id));
    expect(p.unassessed).not.toContain('F.2');
    expect(p.unassessed).not.toContain('E.1');
  });

  it('a status of any kind counts as assessed: direct, inherited from a clause, through a crosswalk, not applicable', () => {
    const s = statuses([assessment(IEC, '5', 'implemented'), assessment(IEC, '7.2', 'not_applicable'), assessment(MHLW_0523, 'jis.5', 'not_started')]);
    const p = annexFAssessmentProgress(iec, answeringStatuses(iec, { product: s, organization: none }));
    for (const id of ['5.1.1', '5.7.1', '7.2']) expect(p.unassessed, id).not.toContain(id);
    // 7.2 is not applicable: no longer counted as applicable.
    expect(p.applicable).toBe(annexFAssessmentProgress(iec, new Map()).applicable - 1);
  });

  it('organisation-level entries are read from the organisation scope, product-level ones from the product', () => {
    const org = statuses([assessment(IEC, '4.1.1', 'implemented'), assessment(IEC, '5.7.1', 'implemented')]);
    const p = annexFAssessmentProgress(iec, answeringStatuses(iec, { product: none, organization: org }));
    expect(p.unassessed).not.toContain('4.1.1');
    expect(p.unassessed).toContain('5.7.1');
    // …and an organisation-level entry assessed as not started there needs a gap too.
    const c = annexFCandidates(iec, answeringStatuses(iec, { product: none, organization: statuses([assessment(IEC, '4.1.1', 'not_started')]) }));
    expect(c.map((x) => x.entry)).toEqual(['4.1.1']);
  });
});

describe('readiness of the declaration', () => {
  const candidates = annexFCandidates(iec, statuses([assessment(IEC, '5.7.1', 'not_started'), assessment(IEC, '7.2', 'in_progress')]));
  const today = '2026-11-29';
  /** Every applicable entry assessed. */
  const assessed = { applicable: 80, unassessed: [] };

  it('with nothing assessed, the gap list and the closure are not complete and nothing can be decided', () => {
    const nothing = annexFAssessmentProgress(iec, new Map());
    const r = annexFReadiness({ record: fullRecord(), gaps: [], candidates: [], assessment: nothing, sboms, today });
    expect(r.ready).toBe(false);
    expect(r.steps.gaps.problems.map((p) => p.code)).toEqual(['entries_not_assessed']);
    expect(r.steps.gaps.problems[0]!.message).toMatch(new RegExp(`^${nothing.unassessed.length} of ${nothing.applicable} applicable`));
    expect(r.steps.closure.problems.map((p) => p.code)).toEqual(['gap_list_incomplete']);
    expect([r.steps.scope.complete, r.steps.rationale.complete, r.steps.postRelease.complete]).toEqual([true, true, true]);
    expect(r.counts).toMatchObject({ assessable: nothing.applicable, unassessed: nothing.applicable, candidates: 0, gaps: 0 });
    // One entry left unassessed still blocks.
    const r1 = annexFReadiness({ record: fullRecord(), gaps: [], candidates: [], assessment: { applicable: 80, unassessed: ['5.7.1'] }, sboms, today });
    expect([r1.ready, r1.steps.gaps.problems.map((p) => p.code)]).toEqual([false, ['entries_not_assessed']]);
    // Everything assessed and implemented: no gaps are needed and the declaration can be decided.
    expect(annexFReadiness({ record: fullRecord(), gaps: [], candidates: [], assessment: assessed, sboms, today }).ready).toBe(true);
  });

  it('an empty workflow names every missing piece, step by step', () => {
    const r = annexFReadiness({ record: emptyAnnexFRecord('p1'), gaps: [], candidates, assessment: assessed, sboms, today });
    expect(r.ready).toBe(false);
    expect(r.steps.scope.problems.map((p) => p.code)).toEqual(['no_versions']);
    expect(r.steps.gaps.problems.map((p) => [p.code, p.entry])).toEqual([['entry_without_gap', '5.7.1'], ['entry_without_gap', '7.2']]);
    expect(r.steps.closure.problems.map((p) => p.code)).toEqual(['gap_list_incomplete']);
    expect(r.steps.rationale.problems.map((p) => p.code)).toEqual(['no_rationale', 'no_risk_communication']);
    expect(r.steps.postRelease.problems.map((p) => p.code)).toEqual(['no_monitoring_plan', 'no_update_plan', 'no_disclosure_plan']);
    expect(r.counts).toMatchObject({ candidates: 2, uncovered: 2, gaps: 0 });
  });

  it('complete only when every not-implemented entry has a decided gap; ALARA needs an acceptance; open closures only warn', () => {
    const gaps = [
      gap({ entry: '5.7.1', decision: 'close', closureAction: 'Pen test', closureDueDate: '2026-10-01' }),
      gap({ id: 'g2', entry: '7.2', decision: 'compensate', compensatingMeasures: 'Network segmentation', residualLevel: 'alara' }),
    ];
    let r = annexFReadiness({ record: fullRecord(), gaps, candidates, assessment: assessed, sboms, today });
    expect(r.steps.closure.problems.map((p) => [p.code, p.entry])).toEqual([['acceptance_missing', '7.2']]);
    expect(r.warnings.map((p) => p.code)).toEqual(['closure_overdue']);
    expect(r.ready).toBe(false);
    gaps[1] = { ...gaps[1]!, acceptedAt: '2026-11-20T00:00:00.000Z', acceptedBy: 'QA', acceptanceRationale: 'Segmented network' };
    r = annexFReadiness({ record: fullRecord(), gaps, candidates, assessment: assessed, sboms, today });
    expect(r.ready).toBe(true);
    expect(r.decided).toBe(false);
    expect(r.counts).toMatchObject({ gaps: 2, decided: 2, closed: 1, compensated: 1, accepted: 0, uncovered: 0 });
    r = annexFReadiness({ record: fullRecord({ decidedAt: '2026-11-25T00:00:00.000Z', decidedBy: 'QA' }), gaps, candidates, assessment: assessed, sboms, today });
    expect(r.decided).toBe(true);
    const later = [gaps[0]!, { ...gaps[1], updatedAt: '2026-11-26T00:00:00.000Z' }];
    r = annexFReadiness({ record: fullRecord({ decidedAt: '2026-11-25T00:00:00.000Z', decidedBy: 'QA' }), gaps: later, candidates, assessment: assessed, sboms, today });
    expect([r.ready, r.decided, r.warnings.map((w) => w.code)]).toEqual([true, false, ['closure_overdue', 'decision_stale']]);
  });

  it('a recorded decision the record no longer supports is named in a warning, not hidden (e.g. after a rule change)', () => {
    const gaps = [
      gap({ entry: '5.7.1', decision: 'close', closureAction: 'Pen test', closureDueDate: '2027-01-31' }),
      gap({ id: 'g2', entry: '7.2', decision: 'compensate', compensatingMeasures: 'Network segmentation', residualLevel: 'alara', acceptedAt: '2026-11-20T00:00:00.000Z', acceptedBy: 'QA', acceptanceRationale: 'Segmented network' }),
    ];
    const decidedRecord = fullRecord({ decidedAt: '2026-11-25T00:00:00.000Z', decidedBy: 'QA' });
    expect(annexFReadiness({ record: decidedRecord, gaps, candidates, assessment: assessed, sboms, today }).decided).toBe(true);
    // Decided under the old rule; three applicable entries are now found unassessed.
    const r = annexFReadiness({ record: decidedRecord, gaps, candidates, assessment: { applicable: 80, unassessed: ['4.1.1', '4.1.2', '5.1.1'] }, sboms, today });
    expect([r.ready, r.decided]).toEqual([false, false]);
    const problems = Object.values(r.steps).flatMap((s) => s.problems);
    expect(problems.map((p) => p.code)).toEqual(['entries_not_assessed', 'gap_list_incomplete']);
    const w = r.warnings.find((x) => x.code === 'decision_not_ready');
    expect(w).toMatchObject({ step: 'closure', entry: null, gapId: null });
    expect(w!.message).toBe('The decision recorded on 2026-11-25 by QA is no longer valid: 2 problem(s) now remain. Resolve them and record the decision again.');
    // Without a recorded decision there is nothing to warn about.
    const undecided = annexFReadiness({ record: fullRecord(), gaps, candidates, assessment: { applicable: 80, unassessed: ['4.1.1'] }, sboms, today });
    expect(undecided.warnings.map((x) => x.code)).not.toContain('decision_not_ready');
  });

  it('an undecided draft, an unacceptable residual risk, or a stored gap missing its fields blocks', () => {
    const r = annexFReadiness({
      record: fullRecord(),
      gaps: [
        gap({ entry: '5.7.1' }),
        gap({ id: 'g2', entry: '7.2', decision: 'compensate', compensatingMeasures: 'x', residualLevel: 'unacceptable' }),
        gap({ id: 'g3', entry: '8', decision: 'close' }),
      ],
      candidates,
      assessment: assessed,
      sboms,
      today,
    });
    expect(r.steps.closure.problems.map((p) => [p.code, p.entry])).toEqual([['gap_undecided', '5.7.1'], ['residual_unacceptable', '7.2'], ['gap_incomplete', '8']]);
  });

  it('warns, per version in scope, of a release without an SBOM or a version that is no release; the declaration can still be decided (QA ra)', () => {
    const record = fullRecord({ versions: ['2.4.1', '2.3.0', '2.x'] });
    const r = annexFReadiness({
      record,
      gaps: [],
      candidates: [],
      assessment: assessed,
      sboms: [{ version: '2.4.1', release: true, sbom: true }, { version: '2.3.0', release: true, sbom: false }],
      today,
    });
    expect(r.warnings.map((w) => [w.code, w.step, w.version])).toEqual([
      ['version_without_sbom', 'scope', '2.3.0'],
      ['version_without_release', 'scope', '2.x'],
    ]);
    expect(r.warnings[0]!.message).toBe('Release 2.3.0 in scope has no SBOM: import its SBOM (MHLW guidance Annex A: kept under configuration management and given to customers).');
    expect(r.warnings[1]!.message).toMatch(/^Version 2\.x in scope is not a release in mamori, so it has no SBOM/);
    // And wholly in Japanese (the CLI prints it with --lang ja).
    expect(r.warnings.map((w) => w.messageText.ja)).toEqual([
      '対象バージョン 2.3.0 のリリースに SBOM がありません。SBOM を取り込んでください（手引書 附属書A: SBOM は構成管理の下で維持し、顧客に提供します）。',
      '対象バージョン 2.x は mamori にリリースとして登録されていないため、SBOM がありません。リリースを登録し、SBOM を取り込んでください（手引書 附属書A）。',
    ]);
    // A warning, like an open closure action: step 1 is complete and the declaration can be decided.
    expect([r.steps.scope.complete, r.ready]).toEqual([true, true]);
    // Every version with its SBOM: nothing to warn about.
    const all = annexFReadiness({ record, gaps: [], candidates: [], assessment: assessed, sboms: record.versions.map((version) => ({ version, release: true, sbom: true })), today });
    expect(all.warnings).toEqual([]);
  });

  it('names every problem and warning wholly in Japanese and wholly in English, with its entry, version, component or date (QA ra)', () => {
    const r = annexFReadiness({
      record: {
        ...emptyAnnexFRecord('p1'),
        versions: ['2.4.1', '2.x'],
        componentsNotUpgraded: [{ name: 'openssl', version: '1.0.2', justification: ' ' }],
        decidedAt: '2026-11-25T00:00:00.000Z',
        decidedBy: 'QA Lead',
      },
      gaps: [
        gap({ entry: '5.7.1' }),
        gap({ id: 'g2', entry: '7.2', decision: 'compensate', compensatingMeasures: 'x', residualLevel: 'unacceptable' }),
        gap({ id: 'g3', entry: '8', decision: 'close' }),
        gap({ id: 'g4', entry: '9.2', decision: 'compensate', compensatingMeasures: 'x', residualLevel: 'alara' }),
        gap({ id: 'g5', entry: '9.3', decision: 'accept', residualLevel: 'acceptable', acceptanceRationale: 'r' }),
        gap({ id: 'g6', entry: '9.4', decision: 'close', closureAction: 'Patch', closureDueDate: '2026-10-01', updatedAt: '2026-11-26T00:00:00.000Z' }),
        gap({ id: 'g7', entry: '9.5', decision: 'close', closureAction: 'Patch', closureDueDate: '2027-10-01' }),
      ],
      candidates: [...candidates, { ...candidates[0]!, entry: '4.1.3' }],
      assessment: { applicable: 80, unassessed: ['4.1.1', '4.1.2'] },
      sboms: [{ version: '2.4.1', release: true, sbom: false }],
      today,
    });
    const noVersions = annexFReadiness({ record: emptyAnnexFRecord('p1'), gaps: [], candidates: [], assessment: assessed, sboms: [], today });
    const all = [r, noVersions].flatMap((x) => [...Object.values(x.steps).flatMap((s) => s.problems), ...x.warnings]);
    // Every code of the readiness is among them, so none is left without its Japanese text.
    expect(new Set(all.map((p) => p.code))).toEqual(new Set(readinessCodes));
    for (const p of all) {
      expect(p.messageText.en).toBe(p.message);
      expect(p.messageText.ja, p.code).toMatch(/[ぁ-んァ-ヶ]/);
      expect(p.messageText.ja, p.code).toMatch(/。$/);
      // No English sentence left in the Japanese text (names, versions and codes such as ALARA, SBOM or IEC stay).
      expect(p.messageText.ja.replace(/QA Lead|openssl|mamori|IEC 81001-5-1|SBOM|ALARA/g, ''), p.code).not.toMatch(/[A-Za-z]{3,}/);
      expect(p.messageText.en, p.code).not.toMatch(/[ぁ-んァ-ヶ一-龯]/);
    }
    const ja = (code: string) => all.filter((p) => p.code === code).map((p) => p.messageText.ja);
    expect(ja('component_without_justification')).toEqual(['構成要素 openssl を更新しない理由（正当化）を記入してください。']);
    expect(ja('entries_not_assessed')).toEqual([
      '該当する IEC 81001-5-1 の項目 80 件のうち 2 件がまだ評価されていません（4.1.1、4.1.2）。ギャップ一覧は評価結果から作成するため、先に適合性の画面ですべての項目を評価してください。',
    ]);
    expect(ja('acceptance_missing')).toEqual(['9.2 に対するギャップの残留リスクは ALARA です。受容を記録してください。', '9.3 に対するギャップの残留リスクの受容を記録してください。']);
    expect(ja('closure_overdue')).toEqual(['9.4 の解消アクションは期限（2026-10-01）を過ぎています。']);
    expect(ja('decision_not_ready')[0]).toMatch(/^2026-11-25 に QA Lead が記録した判断は、問題が \d+ 件残っているため、もう有効ではありません。/);
  });

  it('sorts gaps in catalog order', () => {
    expect(sortGaps(iec, [gap({ id: 'a', entry: '7.2' }), gap({ id: 'b', entry: '4.1' }), gap({ id: 'c', entry: '5.7.1' })]).map((g) => g.entry)).toEqual(['4.1', '5.7.1', '7.2']);
  });

  it('the workflow answers F.2–F.4: in progress while work is recorded, implemented once the decision stands', () => {
    const empty = emptyAnnexFRecord('p1');
    expect(annexFWorkflowStatuses({ record: empty, gaps: [], readiness: { decided: false } }).size).toBe(0);
    const written: AnnexFRecord = { ...empty, versions: ['2.4.1'], continuedUseRationale: 'r', riskCommunication: 'c', monitoringPlan: 'm', updatePlan: 'u', disclosurePlan: 'd' };
    const open = [gap({ id: 'a', entry: '5.7.1', decision: 'close', closureAction: 'x', closureStatus: 'in_progress' })];
    const pending = annexFWorkflowStatuses({ record: written, gaps: open, readiness: { decided: false } });
    expect([...pending].map(([k, v]) => [k, v.status])).toEqual([['F.2', 'in_progress'], ['F.3', 'in_progress'], ['F.4', 'in_progress']]);
    const decidedRecord = { ...written, decidedAt: '2026-11-28T09:00:00.000Z', decidedBy: 'qa@example.jp' };
    const decided = annexFWorkflowStatuses({ record: decidedRecord, gaps: open, readiness: { decided: true } });
    expect([...decided].map(([k, v]) => [k, v.status])).toEqual([['F.2', 'in_progress'], ['F.3', 'implemented'], ['F.4', 'implemented']]);
    // Each reason wholly in one language (QA ra: they were one string "English / 日本語").
    expect(decided.get('F.3')!.reason).toEqual({ ja: '2026-11-28 に附属書F の判断を記録（qa@example.jp）。', en: 'Annex F decision recorded on 2026-11-28 by qa@example.jp.' });
    expect(decided.get('F.2')!.reason).toEqual({
      ja: '2026-11-28 に附属書F の判断を記録（qa@example.jp）。未完了の解消アクションがある。',
      en: 'Annex F decision recorded on 2026-11-28 by qa@example.jp. Closure actions not done yet.',
    });
    expect(pending.get('F.4')!.reason).toEqual({ ja: '附属書F ワークフローは作業中（有効な判断は未記録）。', en: 'Annex F workflow in progress: no valid decision recorded.' });
    const closed = annexFWorkflowStatuses({ record: decidedRecord, gaps: [{ ...open[0]!, closureStatus: 'done' }], readiness: { decided: true } });
    expect(closed.get('F.2')!.status).toBe('implemented');
    // a decision the record no longer supports answers nothing as implemented
    const stale = annexFWorkflowStatuses({ record: decidedRecord, gaps: open, readiness: { decided: false } });
    expect([...stale.values()].every((v) => v.status === 'in_progress')).toBe(true);
  });
});
