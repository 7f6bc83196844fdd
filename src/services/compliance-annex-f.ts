/**
 * The Annex F workflow (annex-f.ts, migration 0009) as compliance evidence for IEC 81001-5-1
 * Annex F, so the gap analysis and every catalog mapped to it see what the workflow holds
 * (assess once, report many):
 *
 *   F.2 development assessment and gap closure ← the gap list with a decision per gap (closure
 *       action, compensating measures, accepted residual risk);
 *   F.3 rationale for use                     ← the rationale for continued use, the components
 *       not upgraded with their justification, how residual risk is communicated;
 *   F.4 post-release activities               ← the monitoring, update and disclosure plan.
 *
 * One record type, `annex_f_workflow`, linked per product; what it shows is read when asked, so a
 * link stays current as the workflow changes. Suggested only for products on the Annex F route.
 */
import type { Localized } from '../core/compliance/catalog.js';
import type { AnnexFGap, AnnexFRecord } from '../core/compliance/annex-f.js';
import { currentRecord, type CurrentRecord } from '../core/compliance/evidence.js';
import type { Db } from '../store/database.js';
import { findRecord, listGaps } from '../store/repositories/annex-f.js';

export interface AnnexFEvidenceSummary {
  readonly gaps: number;
  readonly decidedGaps: number;
  readonly acceptedGaps: number;
  readonly rationale: boolean;
  readonly componentsNotUpgraded: number;
  readonly postReleasePlan: boolean;
  /** `YYYY-MM-DD` of the recorded decision, or null. */
  readonly decidedOn: string | null;
}

export function summarizeAnnexF(
  record: AnnexFRecord | undefined,
  gaps: readonly AnnexFGap[],
): AnnexFEvidenceSummary {
  return {
    gaps: gaps.length,
    decidedGaps: gaps.filter((g) => g.decision !== null).length,
    acceptedGaps: gaps.filter((g) => g.acceptedAt !== null).length,
    rationale: (record?.continuedUseRationale.trim() ?? '') !== '',
    componentsNotUpgraded: record?.componentsNotUpgraded.length ?? 0,
    postReleasePlan: [record?.monitoringPlan, record?.updatePlan, record?.disclosurePlan].some(
      (p) => (p?.trim() ?? '') !== '',
    ),
    decidedOn: record?.decidedAt?.slice(0, 10) ?? null,
  };
}

export async function annexFEvidenceSummary(
  db: Db,
  organizationId: string,
  productId: string,
): Promise<AnnexFEvidenceSummary> {
  return summarizeAnnexF(
    await findRecord(db, organizationId, productId),
    await listGaps(db, organizationId, productId),
  );
}

function decision(s: AnnexFEvidenceSummary): Localized {
  return s.decidedOn
    ? { ja: `判断記録 ${s.decidedOn}`, en: `decision recorded ${s.decidedOn}` }
    : { ja: '判断は未記録', en: 'no decision recorded yet' };
}

export interface AnnexFSuggestion {
  readonly entry: string;
  readonly available: boolean;
  readonly title: Localized;
  readonly reason: Localized;
}

/** Suggestions for F.2–F.4, each saying what the workflow holds for it today. */
export function annexFSuggestions(s: AnnexFEvidenceSummary, productName: string): AnnexFSuggestion[] {
  const d = decision(s);
  const decidedEn = d.en.charAt(0).toUpperCase() + d.en.slice(1);
  const title = { ja: `附属書F ワークフロー ${productName}`, en: `Annex F workflow ${productName}` };
  return [
    {
      entry: 'F.2',
      available: s.gaps > 0,
      title,
      reason:
        s.gaps > 0
          ? {
              ja: `附属書F ワークフローのギャップ一覧（${s.gaps} 件、判断済み ${s.decidedGaps} 件、残留リスク受容 ${s.acceptedGaps} 件）。ギャップごとに解消・代替策・受容の判断を記録している。${d.ja}。`,
              en: `The Annex F workflow's gap list (${s.gaps} gaps, ${s.decidedGaps} decided, ${s.acceptedGaps} with residual risk accepted): each gap is closed, compensated or accepted. ${decidedEn}.`,
            }
          : {
              ja: '附属書F ワークフローのギャップはまだない（なし）。',
              en: 'No gaps in the Annex F workflow yet (none).',
            },
    },
    {
      entry: 'F.3',
      available: s.rationale,
      title,
      reason: s.rationale
        ? {
            ja: `継続使用の根拠、更新しない構成要素 ${s.componentsNotUpgraded} 件とその正当化、残留リスクの伝達方法を記録している。${d.ja}。`,
            en: `The rationale for continued use, ${s.componentsNotUpgraded} components not upgraded with their justification, and how residual risk is communicated are recorded. ${decidedEn}.`,
          }
        : { ja: '継続使用の根拠はまだない（なし）。', en: 'No rationale for continued use yet (none).' },
    },
    {
      entry: 'F.4',
      available: s.postReleasePlan,
      title,
      reason: s.postReleasePlan
        ? {
            ja: `リリース後の活動計画（監視、更新、開示）を記録している。${d.ja}。`,
            en: `The post-release plan (monitoring, updates, disclosure) is recorded. ${decidedEn}.`,
          }
        : { ja: 'リリース後の活動計画はまだない（なし）。', en: 'No post-release plan yet (none).' },
    },
  ];
}

/** What an `annex_f_workflow` link shows today, or null when the workflow holds nothing yet. */
export function annexFCurrent(productId: string, s: AnnexFEvidenceSummary): CurrentRecord | null {
  if (s.gaps === 0 && !s.rationale && !s.postReleasePlan) return null;
  const d = decision(s);
  return currentRecord('annex_f_workflow', `annex-f:${productId}`, {
    ja: `ギャップ ${s.gaps} 件（決定済み ${s.decidedGaps} 件）、継続使用の根拠: ${s.rationale ? '記録済み' : '未記録'}、市販後活動計画: ${s.postReleasePlan ? '記録済み' : '未記録'}、${d.ja}`,
    en: `${s.gaps} gaps (${s.decidedGaps} decided), rationale ${s.rationale ? 'recorded' : 'missing'}, post-release plan ${s.postReleasePlan ? 'recorded' : 'missing'}, ${d.en}`,
  });
}
