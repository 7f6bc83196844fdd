/**
 * The Annex F route for health software already on the market ("transitional health software",
 * IEC 81001-5-1 / JIS T 81001-5-1 Annex F). In the words of the MHLW Q&A worked example: analyse the
 * gaps against the standard, close them, and document — with the software version — why continued
 * use is justified; after release the ordinary post-release processes apply (F.4).
 *
 * The model, in mamori's terms:
 *  - a gap is held against one IEC 81001-5-1 entry and gets a closure decision: `close` (a closure
 *    action with a status and due date), `compensate` (compensating measures, optionally a security
 *    control of the risk register) or `accept` (the gap stays); the residual risk uses the risk
 *    register's levels (acceptable / alara / unacceptable). An `unacceptable` residual risk can never
 *    be accepted; `alara` needs a recorded acceptance (who, when, why), as in the risk register.
 *  - the Annex F record of a product: the software versions in scope, the rationale for continued
 *    use, the components not upgraded with their justification, how residual risk is communicated,
 *    the post-release activity plan (monitoring, updates, disclosure) and the recorded decision.
 *  - the entries that need a gap: every IEC 81001-5-1 entry whose assessment (directly, or through a
 *    crosswalk from another catalog) says it is not implemented (not started or in progress). Annex F
 *    itself is left out: it is the route, not a gap. Each entry is read in the scope that answers
 *    for it (gap.ts): product entries from the product's assessments, organisation entries from the
 *    organisation's, `both` from the product's and else the organisation's.
 *  - the gap list stands on a finished assessment: it is complete only once every applicable
 *    (normative, work-item) IEC 81001-5-1 entry outside Annex F has a status or a gap held against
 *    it — not applicable counts, "not assessed" does not. Only a status that stands on an
 *    assessment counts: a heading's partial roll-up of unassessed sub-clauses is never carried
 *    through a crosswalk back to them (assessment.ts). An empty gap list over an unassessed
 *    catalog says nothing.
 *
 * Everything here is pure; the caller passes today's date.
 */
import type { Issue } from '../result.js';
import { riskLevels, type RiskLevel } from '../threats/scales.js';
import { isAssessed, type AssessmentStatus, type EffectiveStatus } from './assessment.js';
import { catalogKey, leafEntries, type Catalog, type Localized } from './catalog.js';

export const annexFDecisions = ['close', 'compensate', 'accept'] as const;
export type AnnexFDecision = (typeof annexFDecisions)[number];

export const closureStatuses = ['planned', 'in_progress', 'done'] as const;
export type ClosureStatus = (typeof closureStatuses)[number];

export const gapOrigins = ['manual', 'proposed'] as const;
export type GapOrigin = (typeof gapOrigins)[number];

export { riskLevels as residualLevels };

export const annexFLimits = {
  description: 4000,
  text: 8000,
  versions: 50,
  version: 100,
  components: 200,
  componentName: 300,
  gaps: 1000,
} as const;

/** What is decided about a gap: the same in a stored gap and in what a user writes. */
export interface AnnexFGapDecision {
  readonly decision: AnnexFDecision | null;
  readonly closureAction: string;
  readonly closureStatus: ClosureStatus;
  /** `YYYY-MM-DD` or null. */
  readonly closureDueDate: string | null;
  readonly compensatingMeasures: string;
  /** A security control of the product's risk register, or null. */
  readonly controlId: string | null;
  readonly residualLevel: RiskLevel | null;
  readonly acceptanceRationale: string;
}

/** A gap nothing has been decided about yet (a new or proposed gap). */
export const undecidedGap: AnnexFGapDecision = {
  decision: null,
  closureAction: '',
  closureStatus: 'planned',
  closureDueDate: null,
  compensatingMeasures: '',
  controlId: null,
  residualLevel: null,
  acceptanceRationale: '',
};

export interface AnnexFGap extends AnnexFGapDecision {
  readonly id: string;
  readonly productId: string;
  /** `id@version` of the IEC 81001-5-1 catalog. */
  readonly catalog: string;
  readonly entry: string;
  readonly description: string;
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
  readonly origin: GapOrigin;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a user writes about a gap. `accepted` records (or withdraws) the acceptance of the residual risk. */
export interface AnnexFGapInput extends AnnexFGapDecision {
  readonly entry: string;
  readonly description: string;
  readonly accepted: boolean;
}

export interface ComponentNotUpgraded {
  readonly name: string;
  readonly version: string;
  readonly justification: string;
}

export interface AnnexFRecord {
  readonly productId: string;
  readonly versions: readonly string[];
  readonly scopeNotes: string;
  readonly continuedUseRationale: string;
  readonly componentsNotUpgraded: readonly ComponentNotUpgraded[];
  readonly riskCommunication: string;
  readonly monitoringPlan: string;
  readonly updatePlan: string;
  readonly disclosurePlan: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type AnnexFRecordInput = Omit<AnnexFRecord, 'productId' | 'decidedAt' | 'decidedBy' | 'updatedAt' | 'updatedBy'>;

/** An empty record: what a product has before anything is written. */
export function emptyAnnexFRecord(productId: string): AnnexFRecord {
  return {
    productId,
    versions: [],
    scopeNotes: '',
    continuedUseRationale: '',
    componentsNotUpgraded: [],
    riskCommunication: '',
    monitoringPlan: '',
    updatePlan: '',
    disclosurePlan: '',
    decidedAt: null,
    decidedBy: null,
    updatedAt: '',
    updatedBy: '',
  };
}

const blank = (s: string) => s.trim() === '';
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * Problems with a gap as written. Drafts are allowed (no decision yet); once a decision is chosen,
 * the fields it needs must be there, and an acceptance needs its rationale and a residual risk level
 * that may be accepted.
 */
export function gapIssues(g: AnnexFGapInput): Issue[] {
  const issues: Issue[] = [];
  if (blank(g.description)) issues.push({ path: 'description', message: 'Describe the gap.' });
  if (g.description.length > annexFLimits.description) issues.push({ path: 'description', message: `At most ${annexFLimits.description} characters.` });
  for (const f of ['closureAction', 'compensatingMeasures', 'acceptanceRationale'] as const)
    if (g[f].length > annexFLimits.text) issues.push({ path: f, message: `At most ${annexFLimits.text} characters.` });
  if (g.closureDueDate !== null && !isIsoDate(g.closureDueDate)) issues.push({ path: 'closureDueDate', message: 'Use a date YYYY-MM-DD.' });
  if (g.residualLevel !== null && !(riskLevels as readonly string[]).includes(g.residualLevel))
    issues.push({ path: 'residualLevel', message: `One of ${riskLevels.join(', ')}.` });
  switch (g.decision) {
    case 'close':
      if (blank(g.closureAction)) issues.push({ path: 'closureAction', message: 'Closing the gap needs the closure action.' });
      if (g.closureDueDate === null && g.closureStatus !== 'done')
        issues.push({ path: 'closureDueDate', message: 'Give the due date of the closure action (or mark it done).' });
      break;
    case 'compensate':
      if (blank(g.compensatingMeasures) && g.controlId === null)
        issues.push({ path: 'compensatingMeasures', message: 'Compensating the gap needs the compensating measures (or a linked security control).' });
      if (g.residualLevel === null) issues.push({ path: 'residualLevel', message: 'Estimate the residual risk after the compensating measures.' });
      break;
    case 'accept':
      if (g.residualLevel === null) issues.push({ path: 'residualLevel', message: 'Accepting the gap needs the residual risk level.' });
      else if (g.residualLevel === 'unacceptable')
        issues.push({ path: 'residualLevel', message: 'An unacceptable residual risk cannot be accepted: close the gap or add compensating measures.' });
      break;
    case null:
      break;
  }
  if (g.accepted) {
    if (g.decision === null) issues.push({ path: 'decision', message: 'Decide how the gap is handled before accepting its residual risk.' });
    if (g.residualLevel === null) issues.push({ path: 'residualLevel', message: 'An acceptance needs the residual risk level.' });
    else if (g.residualLevel === 'unacceptable' && g.decision !== 'accept')
      issues.push({ path: 'residualLevel', message: 'An unacceptable residual risk cannot be accepted.' });
    if (blank(g.acceptanceRationale)) issues.push({ path: 'acceptanceRationale', message: 'An acceptance needs its rationale.' });
  }
  return dedupe(issues);
}

/** One issue per field: the first, most specific one. */
function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = i.path;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Whether an existing acceptance still stands after an edit: it does only if what was accepted (the
 * decision, the measures, the control, the residual level and the rationale) is unchanged.
 */
export function acceptanceStands(before: AnnexFGap, after: AnnexFGapInput): boolean {
  return (
    before.acceptedAt !== null &&
    after.accepted &&
    before.decision === after.decision &&
    before.compensatingMeasures === after.compensatingMeasures &&
    before.controlId === after.controlId &&
    before.residualLevel === after.residualLevel &&
    before.acceptanceRationale === after.acceptanceRationale
  );
}

/** Problems with the Annex F record as written (the fields may be empty while work goes on). */
export function recordIssues(r: AnnexFRecordInput): Issue[] {
  const issues: Issue[] = [];
  if (r.versions.length > annexFLimits.versions) issues.push({ path: 'versions', message: `At most ${annexFLimits.versions} versions.` });
  const seen = new Set<string>();
  r.versions.forEach((v, i) => {
    if (blank(v)) issues.push({ path: `versions.${i}`, message: 'A version cannot be empty.' });
    else if (v.length > annexFLimits.version) issues.push({ path: `versions.${i}`, message: `At most ${annexFLimits.version} characters.` });
    else if (seen.has(v.trim())) issues.push({ path: `versions.${i}`, message: `Version ${v.trim()} is listed twice.` });
    seen.add(v.trim());
  });
  if (r.componentsNotUpgraded.length > annexFLimits.components) issues.push({ path: 'componentsNotUpgraded', message: `At most ${annexFLimits.components} components.` });
  r.componentsNotUpgraded.forEach((c, i) => {
    if (blank(c.name)) issues.push({ path: `componentsNotUpgraded.${i}.name`, message: 'Name the component.' });
    if (c.name.length > annexFLimits.componentName) issues.push({ path: `componentsNotUpgraded.${i}.name`, message: `At most ${annexFLimits.componentName} characters.` });
    if (c.version.length > annexFLimits.version) issues.push({ path: `componentsNotUpgraded.${i}.version`, message: `At most ${annexFLimits.version} characters.` });
    if (blank(c.justification)) issues.push({ path: `componentsNotUpgraded.${i}.justification`, message: 'Justify why the component is not upgraded, and its risk.' });
    if (c.justification.length > annexFLimits.text) issues.push({ path: `componentsNotUpgraded.${i}.justification`, message: `At most ${annexFLimits.text} characters.` });
  });
  for (const f of ['scopeNotes', 'continuedUseRationale', 'riskCommunication', 'monitoringPlan', 'updatePlan', 'disclosurePlan'] as const)
    if (r[f].length > annexFLimits.text) issues.push({ path: f, message: `At most ${annexFLimits.text} characters.` });
  return issues;
}

/** Normalised record input: trimmed versions and component fields. */
export function normalizeRecord(r: AnnexFRecordInput): AnnexFRecordInput {
  return {
    ...r,
    versions: r.versions.map((v) => v.trim()),
    componentsNotUpgraded: r.componentsNotUpgraded.map((c) => ({ name: c.name.trim(), version: c.version.trim(), justification: c.justification })),
  };
}

// ── Which entries need a gap ────────────────────────────────────────────────────────────────────

export interface AnnexFCandidate {
  readonly catalog: string;
  readonly entry: string;
  readonly title: Localized;
  readonly status: AssessmentStatus;
  /** `direct`, or the `catalog#entry` the status came from through a crosswalk. */
  readonly basis: string;
}

const notImplemented = new Set<AssessmentStatus>(['not_started', 'in_progress']);

function inAnnexF(id: string): boolean {
  return id === 'F' || id.startsWith('F.');
}

/**
 * The status of each entry of a catalog as read in the scope that answers for it (the same rule as
 * the gap analysis, gap.ts): `product` entries from the product's statuses, `organization` entries
 * from the organisation's, `both` from the product's when it has one, else the organisation's.
 */
export function answeringStatuses(
  catalog: Catalog,
  statuses: { readonly product: ReadonlyMap<string, EffectiveStatus>; readonly organization: ReadonlyMap<string, EffectiveStatus> },
): Map<string, EffectiveStatus> {
  const key = catalogKey(catalog);
  const out = new Map<string, EffectiveStatus>();
  for (const e of catalog.entries) {
    const k = `${key}#${e.id}`;
    const product = statuses.product.get(k);
    const s = e.level === 'organization' ? statuses.organization.get(k) : e.level === 'product' || isAssessed(product) ? product : (statuses.organization.get(k) ?? product);
    if (s) out.set(k, s);
  }
  return out;
}

/** How far the assessment behind the gap list has got. */
export interface AnnexFAssessmentProgress {
  /** Applicable work items: normative entries without children, outside Annex F. */
  readonly applicable: number;
  /** Those of them with no status at all ("not assessed"), in catalog order. */
  readonly unassessed: readonly string[];
}

/**
 * Which IEC 81001-5-1 work items are still unassessed. Only entries without children are work
 * items (headings roll up from them); informative entries and Annex F (the route itself) are left
 * out; an entry assessed, inherited or derived as not applicable is assessed.
 */
export function annexFAssessmentProgress(iec: Catalog, statuses: ReadonlyMap<string, EffectiveStatus>): AnnexFAssessmentProgress {
  const key = catalogKey(iec);
  const work = leafEntries(iec).filter((e) => e.normative !== false && !inAnnexF(e.id));
  const applicable = work.filter((e) => statuses.get(`${key}#${e.id}`)?.status !== 'not_applicable');
  return { applicable: applicable.length, unassessed: applicable.filter((e) => !isAssessed(statuses.get(`${key}#${e.id}`))).map((e) => e.id) };
}

/**
 * The IEC 81001-5-1 entries that need a gap under the Annex F route: assessed (on the entry itself,
 * or on an entry of another catalog that a crosswalk equates with it) as not started or in
 * progress. Roll-ups and inherited statuses are left out (also at the other end of a crosswalk),
 * so a clause assessed as a whole gives one gap, not one per sub-clause. In catalog order.
 */
export function annexFCandidates(iec: Catalog, statuses: ReadonlyMap<string, EffectiveStatus>): AnnexFCandidate[] {
  const key = catalogKey(iec);
  const out: AnnexFCandidate[] = [];
  for (const e of iec.entries) {
    if (inAnnexF(e.id)) continue;
    const s = statuses.get(`${key}#${e.id}`);
    if (!s || !notImplemented.has(s.status)) continue;
    // A crosswalk counts only when the other end was itself assessed (not rolled up or inherited there).
    const fromAssessed = s.source.type === 'crosswalk' && s.assessment !== null && `${s.assessment.catalog}#${s.assessment.entry}` === s.source.from;
    if (s.source.type !== 'direct' && !fromAssessed) continue;
    out.push({ catalog: key, entry: e.id, title: e.title, status: s.status, basis: s.source.type === 'crosswalk' ? s.source.from : 'direct' });
  }
  return out;
}

/** Draft gaps for the candidates that have no gap yet (in catalog order). */
export function proposeGaps(candidates: readonly AnnexFCandidate[], gaps: readonly Pick<AnnexFGap, 'entry'>[]): AnnexFCandidate[] {
  const covered = new Set(gaps.map((g) => g.entry));
  return candidates.filter((c) => !covered.has(c.entry));
}

/**
 * The description a proposed gap is stored with (the user edits it). It stays in this one form, so a
 * gap proposed by any version of mamori is recognised (`gapDescriptionText`) and shown in the
 * reader's language; the form itself is never shown.
 */
export function proposedDescription(c: Pick<AnnexFCandidate, 'entry' | 'title' | 'status' | 'basis'>): string {
  const status = c.status === 'in_progress' ? 'in progress' : 'not started';
  const via = c.basis === 'direct' ? '' : ` (through ${c.basis})`;
  return `${c.entry} ${c.title.en} / ${c.title.ja}: assessed as ${status}${via}.`;
}

/** What a proposed gap says, wholly in each language. */
export function proposedGapText(c: Pick<AnnexFCandidate, 'entry' | 'title' | 'status' | 'basis'>): Localized {
  const direct = c.basis === 'direct';
  return {
    ja: `${c.entry} ${c.title.ja}: 評価は「${c.status === 'in_progress' ? '対応中' : '未着手'}」${direct ? '' : `（対応表経由: ${c.basis}）`}。`,
    en: `${c.entry} ${c.title.en}: assessed as ${c.status === 'in_progress' ? 'in progress' : 'not started'}${direct ? '' : ` (through ${c.basis})`}.`,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A gap's description in both languages. A proposed gap whose description is still the one it was
 * proposed with (`proposedDescription`) reads wholly in each language, with the entry's current
 * title; a description the user wrote or edited is shown as written, in both.
 */
export function gapDescriptionText(g: Pick<AnnexFGap, 'entry' | 'description' | 'origin'>, title: Localized): Localized {
  if (g.origin === 'proposed') {
    const m = new RegExp(`^${escapeRegExp(g.entry)} .+: assessed as (not started|in progress)(?: \\(through ([^()]+)\\))?\\.$`).exec(g.description);
    if (m) return proposedGapText({ entry: g.entry, title, status: m[1] === 'in progress' ? 'in_progress' : 'not_started', basis: m[2] ?? 'direct' });
  }
  return { ja: g.description, en: g.description };
}

// ── Readiness ──────────────────────────────────────────────────────────────────────────────────

export const readinessSteps = ['scope', 'gaps', 'closure', 'rationale', 'postRelease'] as const;
export type ReadinessStep = (typeof readinessSteps)[number];

export const readinessCodes = [
  'no_versions',
  'entries_not_assessed',
  'entry_without_gap',
  'gap_list_incomplete',
  'gap_undecided',
  'gap_incomplete',
  'acceptance_missing',
  'residual_unacceptable',
  'no_rationale',
  'component_without_justification',
  'no_risk_communication',
  'no_monitoring_plan',
  'no_update_plan',
  'no_disclosure_plan',
  'closure_open',
  'closure_overdue',
  'decision_stale',
  'decision_not_ready',
  'version_without_release',
  'version_without_sbom',
] as const;
export type ReadinessCode = (typeof readinessCodes)[number];

export interface ReadinessProblem {
  readonly code: ReadinessCode;
  readonly step: ReadinessStep;
  /** The IEC entry concerned, when there is one. */
  readonly entry: string | null;
  readonly gapId: string | null;
  /** The software version in scope concerned (version_without_release, version_without_sbom), else null. */
  readonly version: string | null;
  /** In English. */
  readonly message: string;
  /** The same, wholly in Japanese and wholly in English (the CLI prints it in the language asked for). */
  readonly messageText: Localized;
}

/** Whether a version in the declaration's scope is a release in mamori, and whether that release has an SBOM. */
export interface ScopeVersionSbom {
  readonly version: string;
  readonly release: boolean;
  readonly sbom: boolean;
}

export interface AnnexFReadiness {
  /** Steps 1–5 complete: the declaration can be decided. */
  readonly ready: boolean;
  /** A decision is recorded, nothing changed since and every step is still complete (else a decision_stale or decision_not_ready warning). */
  readonly decided: boolean;
  readonly steps: Readonly<Record<ReadinessStep, { readonly complete: boolean; readonly problems: readonly ReadinessProblem[] }>>;
  /**
   * Things to know that do not block the declaration (open or overdue closure actions, a stale
   * decision, a recorded decision the record no longer supports, a version in scope without an SBOM).
   */
  readonly warnings: readonly ReadinessProblem[];
  readonly counts: {
    /** Applicable IEC 81001-5-1 work items, and how many of them have no status yet and no gap. */
    readonly assessable: number;
    readonly unassessed: number;
    readonly candidates: number;
    readonly uncovered: number;
    readonly gaps: number;
    readonly decided: number;
    readonly closed: number;
    readonly compensated: number;
    readonly accepted: number;
  };
}

function asInput(g: AnnexFGap): AnnexFGapInput {
  return { ...g, accepted: g.acceptedAt !== null };
}

/** Where the declaration stands, step by step; every blocking problem and every warning named. */
export function annexFReadiness(input: {
  readonly record: AnnexFRecord;
  readonly gaps: readonly AnnexFGap[];
  readonly candidates: readonly AnnexFCandidate[];
  /** The assessment the gap list is proposed from (annexFAssessmentProgress). */
  readonly assessment: AnnexFAssessmentProgress;
  /** Each version in the record's scope: its release in mamori and that release's SBOM (a version not listed counts as neither). */
  readonly sboms: readonly ScopeVersionSbom[];
  readonly today: string;
}): AnnexFReadiness {
  const { record: r, gaps, candidates, assessment, sboms, today } = input;
  const problems: ReadinessProblem[] = [];
  const warnings: ReadinessProblem[] = [];
  const add = (list: ReadinessProblem[], step: ReadinessStep, code: ReadinessCode, message: Localized, gap: AnnexFGap | null = null, entry: string | null = gap?.entry ?? null, version: string | null = null) =>
    list.push({ code, step, entry, gapId: gap?.id ?? null, version, message: message.en, messageText: message });

  if (r.versions.length === 0) add(problems, 'scope', 'no_versions', { ja: '宣言の対象とするソフトウェアバージョンを記入してください。', en: 'Name the software version(s) the declaration covers.' });
  // The SBOM of each version in scope: the MHLW guidance (Annex A) has the SBOM kept under configuration
  // management and given to customers, and F.4 brings Clause 8 to the product after release. The
  // declaration itself does not carry the SBOM, so a missing one is a warning (like an open closure
  // action), named per version, not a blocker; the gap analysis shows it as release_without_sbom.
  for (const v of r.versions) {
    const s = sboms.find((x) => x.version === v);
    if (!s?.release)
      add(
        warnings,
        'scope',
        'version_without_release',
        {
          ja: `対象バージョン ${v} は mamori にリリースとして登録されていないため、SBOM がありません。リリースを登録し、SBOM を取り込んでください（手引書 附属書A）。`,
          en: `Version ${v} in scope is not a release in mamori, so it has no SBOM: add the release and import its SBOM (MHLW guidance Annex A).`,
        },
        null,
        null,
        v,
      );
    else if (!s.sbom)
      add(
        warnings,
        'scope',
        'version_without_sbom',
        {
          ja: `対象バージョン ${v} のリリースに SBOM がありません。SBOM を取り込んでください（手引書 附属書A: SBOM は構成管理の下で維持し、顧客に提供します）。`,
          en: `Release ${v} in scope has no SBOM: import its SBOM (MHLW guidance Annex A: kept under configuration management and given to customers).`,
        },
        null,
        null,
        v,
      );
  }

  // An entry nobody assessed is settled by a gap held against it (the gap says it is not implemented).
  const withGap = new Set(gaps.map((g) => g.entry));
  const open = assessment.unassessed.filter((e) => !withGap.has(e));
  const unassessed = open.length;
  if (unassessed > 0) {
    const some = (sep: string) => open.slice(0, 5).join(sep) + (unassessed > 5 ? `${sep}…` : '');
    add(problems, 'gaps', 'entries_not_assessed', {
      ja: `該当する IEC 81001-5-1 の項目 ${assessment.applicable} 件のうち ${unassessed} 件がまだ評価されていません（${some('、')}）。ギャップ一覧は評価結果から作成するため、先に適合性の画面ですべての項目を評価してください。`,
      en: `${unassessed} of ${assessment.applicable} applicable IEC 81001-5-1 entries are not assessed yet (${some(', ')}): assess every entry on the compliance page first; the gap list is proposed from that assessment.`,
    });
  }
  const covered = new Set(gaps.map((g) => g.entry));
  const uncovered = candidates.filter((c) => !covered.has(c.entry));
  for (const c of uncovered)
    add(problems, 'gaps', 'entry_without_gap', { ja: `項目 ${c.entry} は未実施と評価されていますが、ギャップが登録されていません。`, en: `Entry ${c.entry} is assessed as not implemented but has no gap.` }, null, c.entry);
  // Closure covers the whole gap list: it cannot be complete while the list itself is not.
  if (problems.some((p) => p.step === 'gaps'))
    add(problems, 'closure', 'gap_list_incomplete', {
      ja: 'ギャップ一覧（手順 2）が完了していないため、すべてのギャップの対応方針はまだ決められません。',
      en: 'The gap list (step 2) is not complete yet, so not every gap can have its closure decided.',
    });

  for (const g of gaps) {
    if (g.decision === null) {
      add(problems, 'closure', 'gap_undecided', { ja: `${g.entry} に対するギャップの対応方針を決めてください。`, en: `Decide how the gap against ${g.entry} is handled.` }, g);
      continue;
    }
    if (gapIssues(asInput(g)).length > 0)
      add(problems, 'closure', 'gap_incomplete', { ja: `${g.entry} に対するギャップに、対応方針に必要な項目が不足しています。`, en: `The gap against ${g.entry} is missing fields its decision needs.` }, g);
    const accepted = g.acceptedAt !== null;
    if (g.decision !== 'close' && g.residualLevel === 'unacceptable')
      add(
        problems,
        'closure',
        'residual_unacceptable',
        { ja: `${g.entry} に対するギャップの残留リスクは許容できません。ギャップを解消するか、対策を追加してください。`, en: `The residual risk of the gap against ${g.entry} is unacceptable: close the gap or add measures.` },
        g,
      );
    else if (g.decision === 'accept' && !accepted)
      add(problems, 'closure', 'acceptance_missing', { ja: `${g.entry} に対するギャップの残留リスクの受容を記録してください。`, en: `Record the acceptance of the residual risk of the gap against ${g.entry}.` }, g);
    else if (g.decision === 'compensate' && g.residualLevel === 'alara' && !accepted)
      add(problems, 'closure', 'acceptance_missing', { ja: `${g.entry} に対するギャップの残留リスクは ALARA です。受容を記録してください。`, en: `The residual risk of the gap against ${g.entry} is ALARA: record its acceptance.` }, g);
    if (g.decision === 'close' && g.closureStatus !== 'done') {
      if (g.closureDueDate !== null && g.closureDueDate < today)
        add(warnings, 'closure', 'closure_overdue', { ja: `${g.entry} の解消アクションは期限（${g.closureDueDate}）を過ぎています。`, en: `The closure action for ${g.entry} was due on ${g.closureDueDate}.` }, g);
      else add(warnings, 'closure', 'closure_open', { ja: `${g.entry} の解消アクションはまだ完了していません。`, en: `The closure action for ${g.entry} is not done yet.` }, g);
    }
  }

  if (blank(r.continuedUseRationale)) add(problems, 'rationale', 'no_rationale', { ja: '継続使用の根拠を記入してください。', en: 'Write the rationale for continued use.' });
  r.componentsNotUpgraded.forEach((c) => {
    if (blank(c.justification))
      add(problems, 'rationale', 'component_without_justification', { ja: `構成要素 ${c.name} を更新しない理由（正当化）を記入してください。`, en: `Justify why ${c.name} is not upgraded.` });
  });
  if (blank(r.riskCommunication))
    add(problems, 'rationale', 'no_risk_communication', { ja: '残留リスクを利用者に伝達する方法を記入してください。', en: 'Say how residual risk is communicated to users.' });

  if (blank(r.monitoringPlan)) add(problems, 'postRelease', 'no_monitoring_plan', { ja: '市販後の監視の方法を記入してください。', en: 'Describe the post-release monitoring.' });
  if (blank(r.updatePlan)) add(problems, 'postRelease', 'no_update_plan', { ja: 'セキュリティアップデートの提供方法を記入してください。', en: 'Describe how security updates are provided.' });
  if (blank(r.disclosurePlan))
    add(problems, 'postRelease', 'no_disclosure_plan', { ja: '脆弱性の開示と利用者への情報提供の方法を記入してください。', en: 'Describe vulnerability disclosure and information to users.' });

  const stale = r.decidedAt !== null && gaps.some((g) => g.updatedAt > r.decidedAt!);
  if (stale) add(warnings, 'closure', 'decision_stale', { ja: '判断の記録後にギャップが変更されました。判断を改めて記録してください。', en: 'Gaps changed after the decision was recorded: record it again.' });
  // A decision recorded earlier (under an older rule, or before something changed) that the record
  // no longer supports: the declaration is not decided, and the recorded decision is named, not hidden.
  if (r.decidedAt !== null && problems.length > 0) {
    const on = r.decidedAt.slice(0, 10);
    add(warnings, 'closure', 'decision_not_ready', {
      ja: `${on} に${r.decidedBy ? ` ${r.decidedBy} が` : ''}記録した判断は、問題が ${problems.length} 件残っているため、もう有効ではありません。問題を解決してから、判断を改めて記録してください。`,
      en: `The decision recorded on ${on}${r.decidedBy ? ` by ${r.decidedBy}` : ''} is no longer valid: ${problems.length} problem(s) now remain. Resolve them and record the decision again.`,
    });
  }

  const steps = Object.fromEntries(
    readinessSteps.map((s) => {
      const list = problems.filter((p) => p.step === s);
      return [s, { complete: list.length === 0, problems: list }];
    }),
  ) as Record<ReadinessStep, { complete: boolean; problems: ReadinessProblem[] }>;
  const ready = problems.length === 0;
  return {
    ready,
    decided: ready && r.decidedAt !== null && !stale,
    steps,
    warnings,
    counts: {
      assessable: assessment.applicable,
      unassessed,
      candidates: candidates.length,
      uncovered: uncovered.length,
      gaps: gaps.length,
      decided: gaps.filter((g) => g.decision !== null).length,
      closed: gaps.filter((g) => g.decision === 'close').length,
      compensated: gaps.filter((g) => g.decision === 'compensate').length,
      accepted: gaps.filter((g) => g.decision === 'accept').length,
    },
  };
}

/** Gaps in catalog order of their entries, then by creation. */
export function sortGaps<T extends Pick<AnnexFGap, 'entry' | 'createdAt' | 'id'>>(iec: Catalog, gaps: readonly T[]): T[] {
  const order = new Map(iec.entries.map((e, i) => [e.id, i]));
  return [...gaps].sort((a, b) => (order.get(a.entry) ?? 1e9) - (order.get(b.entry) ?? 1e9) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

// ── F.2–F.4 answered by the workflow ───────────────────────────────────────────────────────────

/**
 * The status of IEC 81001-5-1 F.2 (gap closure activities), F.3 (rationale for continued use) and
 * F.4 (post-release activities) as the Annex F workflow records them, keyed by entry id. The
 * workflow is what these sub-clauses ask for, so it answers them — and only as far as it goes:
 *  - once the decision is recorded and still valid, F.3 and F.4 are implemented, and F.2 is
 *    implemented, or in progress while a closure action is not done yet;
 *  - before that, a sub-clause whose step has something recorded is in progress (the declaration
 *    is not made), and one with nothing recorded is absent (not assessed).
 * An assessment recorded on the entry itself still wins (assessment.ts rule 1).
 */
export function annexFWorkflowStatuses(w: {
  readonly record: AnnexFRecord;
  readonly gaps: readonly Pick<AnnexFGap, 'decision' | 'closureStatus'>[];
  readonly readiness: Pick<AnnexFReadiness, 'decided'>;
}): Map<string, { status: AssessmentStatus; reason: Localized }> {
  const r = w.record;
  const out = new Map<string, { status: AssessmentStatus; reason: Localized }>();
  const decided = w.readiness.decided && r.decidedAt !== null;
  const on = decided ? (r.decidedAt ?? '').slice(0, 10) : '';
  // Each reason wholly in one language (QA ra: they were one string "English / 日本語").
  const recorded: Localized = {
    ja: `${on} に附属書F の判断を記録${r.decidedBy ? `（${r.decidedBy}）` : ''}。`,
    en: `Annex F decision recorded on ${on}${r.decidedBy ? ` by ${r.decidedBy}` : ''}.`,
  };
  const pending: Localized = { ja: '附属書F ワークフローは作業中（有効な判断は未記録）。', en: 'Annex F workflow in progress: no valid decision recorded.' };
  const openClosure = w.gaps.some((g) => g.decision === 'close' && g.closureStatus !== 'done');
  if (decided) {
    out.set('F.2', openClosure
      ? { status: 'in_progress', reason: { ja: `${recorded.ja}未完了の解消アクションがある。`, en: `${recorded.en} Closure actions not done yet.` } }
      : { status: 'implemented', reason: recorded });
    out.set('F.3', { status: 'implemented', reason: recorded });
    out.set('F.4', { status: 'implemented', reason: recorded });
    return out;
  }
  if (w.gaps.length > 0) out.set('F.2', { status: 'in_progress', reason: pending });
  if (!blank(r.continuedUseRationale) || !blank(r.riskCommunication) || r.componentsNotUpgraded.length > 0) out.set('F.3', { status: 'in_progress', reason: pending });
  if (!blank(r.monitoringPlan) || !blank(r.updatePlan) || !blank(r.disclosurePlan)) out.set('F.4', { status: 'in_progress', reason: pending });
  return out;
}
