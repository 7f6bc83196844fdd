/**
 * Triage records as compliance evidence for IEC 81001-5-1 Clause 9 (software problem resolution).
 * What mamori holds per product, read from the triage tables (0007_triage) when asked:
 *
 *   9.2 receiving notifications  ← triage_intake:    the active findings of the product's releases
 *       (notifications from the vulnerability feeds) tracked to a decision, and the VEX documents
 *       received from suppliers as proposals awaiting review;
 *   9.3 reviewing                ← triage_decisions: the current VEX state of each finding and, for
 *       not_affected / false_positive, the justification (applicability);
 *   9.4 analysing                ← triage_analysis:  per finding the severity (CVSS, EPSS, KEV), the
 *       releases it affects (decisions carried forward), and the clinical-impact priority;
 *   9.5 addressing               ← triage_responses: responses (update, workaround, will/can not fix,
 *       rollback), action statements and the FDA controlled/uncontrolled risk decisions.
 *
 * What mamori does not hold is said in the reason, not papered over: reports received outside
 * mamori (researchers, hospitals) and the publication of VEX/CSAF advisories (generated on request,
 * not recorded) stay documents the user uploads.
 */
import { currentRecord, type CurrentRecord, type EvidenceRecordType } from '../core/compliance/evidence.js';
import type { VexState } from '../core/vex/model.js';
import type { Db } from '../store/database.js';
import { toFinding } from '../store/repositories/findings.js';
import { findClinicalProfile, listProposals } from '../store/repositories/triage.js';
import { triagedFindings } from './triage.js';

export const triageRecordTypes = [
  'triage_intake',
  'triage_decisions',
  'triage_analysis',
  'triage_responses',
] as const satisfies readonly EvidenceRecordType[];
export type TriageRecordType = (typeof triageRecordTypes)[number];

export const isTriageRecordType = (t: string | null): t is TriageRecordType =>
  (triageRecordTypes as readonly string[]).includes(t ?? '');

/** The IEC 81001-5-1 entry each triage record type answers for. */
export const triageEntries: Readonly<Record<TriageRecordType, string>> = {
  triage_intake: '9.2',
  triage_decisions: '9.3',
  triage_analysis: '9.4',
  triage_responses: '9.5',
};

export interface TriageEvidenceSummary {
  /** Active findings over the product's releases. */
  readonly findings: number;
  readonly releases: number;
  /** Findings whose current decision is other than in_triage. */
  readonly decided: number;
  /** Findings without a decision or still in_triage. */
  readonly open: number;
  readonly byState: Readonly<Partial<Record<VexState, number>>>;
  /** not_affected / false_positive decisions that carry a justification. */
  readonly justified: number;
  /** Decisions carried from an earlier release or component-wide (how many findings they cover). */
  readonly carried: number;
  readonly withCvss: number;
  readonly kev: number;
  readonly clinicalProfile: boolean;
  /** Current decisions with at least one response or an action statement. */
  readonly responded: number;
  readonly riskDecisions: number;
  readonly uncontrolled: number;
  /** Statements received in imported VEX documents (proposals), and how many still await review. */
  readonly proposals: number;
  readonly proposalsPending: number;
  readonly vexSources: number;
}

/**
 * Counts over the product's triage records (one pass; the same carry-forward rules as the triage
 * queue). No count depends on the date (only the FDA clocks would), so none is passed in.
 */
export async function triageEvidenceSummary(
  db: Db,
  organizationId: string,
  productId: string,
): Promise<TriageEvidenceSummary> {
  const releaseIds = (
    await db
      .selectFrom('releases')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('product_id', '=', productId)
      .execute()
  ).map((r) => r.id);
  const rows = releaseIds.length
    ? await db
        .selectFrom('findings')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('release_id', 'in', releaseIds)
        .where('status', '=', 'active')
        .execute()
    : [];
  const triaged = await triagedFindings(db, organizationId, rows.map(toFinding), '2000-01-01');
  const byState: Partial<Record<VexState, number>> = {};
  let decided = 0;
  let justified = 0;
  let carried = 0;
  let withCvss = 0;
  let kev = 0;
  let responded = 0;
  let riskDecisions = 0;
  let uncontrolled = 0;
  for (const t of triaged) {
    const d = t.decision;
    if (t.finding.cvss.length > 0) withCvss += 1;
    if (t.finding.kev) kev += 1;
    if (t.riskDecision) {
      riskDecisions += 1;
      if (t.riskDecision.control === 'uncontrolled') uncontrolled += 1;
    }
    if (!d) continue;
    byState[d.state] = (byState[d.state] ?? 0) + 1;
    if (d.state !== 'in_triage') decided += 1;
    if ((d.state === 'not_affected' || d.state === 'false_positive') && d.justification) justified += 1;
    if (t.origin !== 'own') carried += 1;
    if (d.responses.length > 0 || (d.actionStatement ?? '').trim() !== '') responded += 1;
  }
  const proposals = await listProposals(db, organizationId, productId, null);
  return {
    findings: triaged.length,
    releases: new Set(triaged.map((t) => t.finding.releaseId)).size,
    decided,
    open: triaged.length - decided,
    byState,
    justified,
    carried,
    withCvss,
    kev,
    clinicalProfile: (await findClinicalProfile(db, organizationId, productId)) !== undefined,
    responded,
    riskDecisions,
    uncontrolled,
    proposals: proposals.length,
    proposalsPending: proposals.filter((p) => p.status === 'pending').length,
    vexSources: new Set(proposals.map((p) => p.importId)).size,
  };
}

export interface TriageSuggestion {
  readonly entry: string;
  readonly recordType: TriageRecordType;
  readonly available: boolean;
  readonly title: { readonly ja: string; readonly en: string };
  readonly reason: { readonly ja: string; readonly en: string };
}

const states = (s: TriageEvidenceSummary) =>
  Object.entries(s.byState)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** The four suggestions (9.2–9.5) with counts and the reason in both languages. */
export function triageSuggestions(s: TriageEvidenceSummary, productName: string): TriageSuggestion[] {
  const outside = {
    ja: '研究者や医療機関など mamori の外で受け付けた報告は、受付手順（開示方針）と共に文書として追加する。',
    en: 'Reports received outside mamori (researchers, hospitals) belong in the intake procedure (disclosure policy), added as a document.',
  };
  const intake = s.findings > 0 || s.proposals > 0;
  const none = { ja: 'まだない（なし）', en: 'none yet' };
  return [
    {
      entry: '9.2',
      recordType: 'triage_intake',
      available: intake,
      title: {
        ja: `脆弱性の受付と追跡 ${productName}`,
        en: `Vulnerability intake and tracking ${productName}`,
      },
      reason: intake
        ? {
            ja: `脆弱性所見 ${s.findings} 件（${s.releases} リリース）を受け付け、${s.decided} 件に判断を記録、未判断 ${s.open} 件。供給者から VEX で受け取った記述 ${s.proposals} 件（文書 ${s.vexSources}、レビュー待ち ${s.proposalsPending} 件）。${outside.ja}`,
            en: `${s.findings} vulnerability findings received over ${s.releases} releases, ${s.decided} decided, ${s.open} open; ${s.proposals} statements received from suppliers as VEX (${s.vexSources} documents, ${s.proposalsPending} awaiting review). ${outside.en}`,
          }
        : {
            ja: `脆弱性所見も受け取った VEX も${none.ja}。リリースを脆弱性データベースと照合すると提案される。`,
            en: `Vulnerability findings and received VEX: ${none.en}. Suggested once a release is matched against the vulnerability database.`,
          },
    },
    {
      entry: '9.3',
      recordType: 'triage_decisions',
      available: s.decided > 0,
      title: {
        ja: `トリアージの判断（VEX の状態と根拠） ${productName}`,
        en: `Triage decisions (VEX state and justification) ${productName}`,
      },
      reason:
        s.decided > 0
          ? {
              ja: `所見 ${s.findings} 件中 ${s.decided} 件について該当性を判断（${states(s)}）。非該当・誤検知のうち根拠（justification）付き ${s.justified} 件。判断ごとに誰がいつ行ったかを保持する。`,
              en: `Applicability decided for ${s.decided} of ${s.findings} findings (${states(s)}); ${s.justified} not-affected or false-positive decisions carry a justification. Each decision keeps who made it and when.`,
            }
          : { ja: `トリアージの判断は${none.ja}。`, en: `Triage decisions: ${none.en}.` },
    },
    {
      entry: '9.4',
      recordType: 'triage_analysis',
      available: s.decided > 0,
      title: {
        ja: `脆弱性の分析（深刻度、影響するリリース、臨床影響） ${productName}`,
        en: `Vulnerability analysis (severity, affected releases, clinical impact) ${productName}`,
      },
      reason:
        s.decided > 0
          ? {
              ja: `所見ごとの深刻度（CVSS あり ${s.withCvss} 件、KEV ${s.kev} 件）、影響するリリース（前のリリースから引き継いだ判断 ${s.carried} 件）、臨床影響の優先度。臨床影響プロファイルは${s.clinicalProfile ? '設定済み' : 'まだない（優先度は既定の前提で計算）'}。根本原因の分析は判断の詳細に記す。`,
              en: `Per finding: severity (${s.withCvss} with CVSS, ${s.kev} in KEV), the releases it affects (${s.carried} decisions carried from an earlier release or component-wide) and the clinical-impact priority. Clinical-impact profile: ${s.clinicalProfile ? 'set' : 'not set yet (priority uses default assumptions)'}. Root causes go in each decision's detail.`,
            }
          : { ja: `分析済みの判断は${none.ja}。`, en: `Analysed decisions: ${none.en}.` },
    },
    {
      entry: '9.5',
      recordType: 'triage_responses',
      available: s.responded > 0 || s.riskDecisions > 0,
      title: { ja: `対応とリスク判断 ${productName}`, en: `Responses and risk decisions ${productName}` },
      reason:
        s.responded > 0 || s.riskDecisions > 0
          ? {
              ja: `対応（update、workaround_available、will_not_fix など）または対処方針を記録した判断 ${s.responded} 件、FDA のリスク判断 ${s.riskDecisions} 件（uncontrolled ${s.uncontrolled} 件）。VEX/CSAF はこれらの判断から出力できるが、公開した記録は mamori に残らないため、公開したアドバイザリはファイルとして追加する。`,
              en: `${s.responded} decisions record a response (update, workaround_available, will_not_fix, …) or an action statement; ${s.riskDecisions} FDA risk decisions (${s.uncontrolled} uncontrolled). VEX/CSAF can be exported from these decisions, but mamori does not record their publication: add the published advisory as a file.`,
            }
          : {
              ja: `対応や対処方針を記録した判断は${none.ja}。`,
              en: `Decisions with a response or action statement: ${none.en}.`,
            },
    },
  ];
}

/** What a triage evidence link points at today: a label with the current counts in each language, or null when there is nothing. */
export function triageCurrent(
  type: TriageRecordType,
  productId: string,
  s: TriageEvidenceSummary,
): CurrentRecord | null {
  const id = `${type}:${productId}`;
  switch (type) {
    case 'triage_intake':
      return s.findings > 0 || s.proposals > 0
        ? currentRecord(type, id, {
            ja: `所見 ${s.findings} 件（判断済み ${s.decided}、未判断 ${s.open}）、受け取った VEX の記述 ${s.proposals} 件（レビュー待ち ${s.proposalsPending}）`,
            en: `${s.findings} findings (${s.decided} decided, ${s.open} open), ${s.proposals} VEX statements received (${s.proposalsPending} pending)`,
          })
        : null;
    case 'triage_decisions':
      return s.decided > 0
        ? currentRecord(type, id, {
            ja: `所見 ${s.findings} 件中 ${s.decided} 件を判断済み（${states(s)}）、根拠付き ${s.justified} 件`,
            en: `${s.decided} of ${s.findings} findings decided (${states(s)}), ${s.justified} justified`,
          })
        : null;
    case 'triage_analysis':
      return s.decided > 0
        ? currentRecord(type, id, {
            ja: `分析した所見 ${s.findings} 件: CVSS あり ${s.withCvss}、KEV ${s.kev}、臨床影響プロファイル${s.clinicalProfile ? '設定済み' : '未設定'}`,
            en: `${s.findings} findings analysed: ${s.withCvss} with CVSS, ${s.kev} KEV, clinical profile ${s.clinicalProfile ? 'set' : 'not set'}`,
          })
        : null;
    case 'triage_responses':
      return s.responded > 0 || s.riskDecisions > 0
        ? currentRecord(type, id, {
            ja: `対応 ${s.responded} 件、リスク判断 ${s.riskDecisions} 件（uncontrolled ${s.uncontrolled} 件）`,
            en: `${s.responded} responses, ${s.riskDecisions} risk decisions (${s.uncontrolled} uncontrolled)`,
          })
        : null;
  }
}
