/**
 * Evidence mamori holds for the FDA premarket cybersecurity guidance (Appendix 4 Table 1, catalog
 * `fda-premarket-cybersecurity`), proposed like the IEC and MHLW suggestions (QA ra report 7):
 *  sbom.support             ← each release's current SBOM, with how many components carry a level
 *                             of support and an end-of-support date (carried in the CycloneDX export);
 *  vulnerability-assessment ← the triage decisions (VEX state and justification) and the analysis
 *                             (severity, KEV, clinical impact) of the product's findings;
 *  traceability             ← the traceability matrix (threat → risk → control → requirement → test).
 */
import { FDA_PREMARKET } from '../catalogs/keys.js';
import type { EvidenceRecordType } from '../core/compliance/evidence.js';
import type { TriageEvidenceSummary } from './compliance-triage.js';

export interface ReleaseSupportCounts {
  readonly releaseId: string;
  readonly version: string;
  /** Components of the release's inventory (nested ones included). */
  readonly components: number;
  readonly withLevel: number;
  readonly withEndOfSupport: number;
  /** Components whose end-of-support date has passed. */
  readonly pastEndOfSupport: number;
}

export interface FdaSuggestion {
  readonly catalog: string;
  readonly entry: string;
  readonly recordType: EvidenceRecordType;
  readonly recordId: string | null;
  readonly available: boolean;
  readonly title: { readonly ja: string; readonly en: string };
  readonly reason: { readonly ja: string; readonly en: string };
  readonly warning?: { readonly ja: string; readonly en: string } | null;
}

export function fdaSuggestions(input: {
  readonly productName: string;
  readonly releases: readonly ReleaseSupportCounts[];
  readonly triage: TriageEvidenceSummary;
  readonly tests: number;
  readonly risks: number;
}): FdaSuggestion[] {
  const out: FdaSuggestion[] = [];
  const { productName: name, triage: s } = input;
  for (const r of input.releases) {
    const missing = r.components - Math.min(r.withLevel, r.withEndOfSupport);
    const complete = r.components > 0 && r.withLevel === r.components && r.withEndOfSupport === r.components;
    out.push({
      catalog: FDA_PREMARKET, entry: 'sbom.support', recordType: 'release_sbom', recordId: r.releaseId, available: true,
      title: { ja: `構成要素のサポート情報を含む SBOM ${name} ${r.version}`, en: `SBOM with component support data ${name} ${r.version}` },
      reason: {
        ja: `リリース ${r.version} の SBOM: 構成要素 ${r.components} 件中、サポートレベルあり ${r.withLevel} 件、サポート終了日あり ${r.withEndOfSupport} 件（終了日を過ぎたもの ${r.pastEndOfSupport} 件）。リリースの CycloneDX 出力（構成要素ごとの endOfSupport と mamori:support:level）に載る。`,
        en: `The SBOM of release ${r.version}: of ${r.components} components, ${r.withLevel} have a level of support and ${r.withEndOfSupport} an end-of-support date (${r.pastEndOfSupport} past it). Carried in the release's CycloneDX export (each component's endOfSupport and mamori:support:level).`,
      },
      warning: complete
        ? null
        : {
            ja: `注意: サポートレベルかサポート終了日のない構成要素が ${missing} 件ある。リリースの構成要素画面で補ってから提出すること。`,
            en: `Warning: ${missing} component${missing === 1 ? '' : 's'} lack a level of support or an end-of-support date; complete them on the release's Components tab before the submission.`,
          },
    });
  }
  const none = { ja: 'まだない（なし）', en: 'none yet' };
  out.push({
    catalog: FDA_PREMARKET, entry: 'vulnerability-assessment', recordType: 'triage_decisions', recordId: null, available: s.decided > 0,
    title: { ja: `既知脆弱性とその評価（VEX） ${name}`, en: `Known vulnerabilities and their assessment (VEX) ${name}` },
    reason:
      s.decided > 0
        ? {
            ja: `既知脆弱性の所見 ${s.findings} 件（${s.releases} リリース、うち CISA KEV ${s.kev} 件）のうち ${s.decided} 件を評価済み、未評価 ${s.open} 件。非該当の判断のうち根拠付き ${s.justified} 件。VEX（CycloneDX / CSAF）として出力できる。`,
            en: `${s.findings} known-vulnerability findings over ${s.releases} releases (${s.kev} in CISA KEV): ${s.decided} assessed, ${s.open} open; ${s.justified} not-affected decisions carry a justification. Exportable as VEX (CycloneDX / CSAF).`,
          }
        : { ja: `既知脆弱性の評価は${none.ja}。`, en: `Assessments of known vulnerabilities: ${none.en}.` },
    warning:
      s.decided > 0 && s.open > 0
        ? { ja: `注意: 未評価の所見が ${s.open} 件ある。FDA はすべての既知脆弱性の評価を求める。`, en: `Warning: ${s.open} findings are not assessed yet; the FDA asks for an assessment of every known vulnerability.` }
        : null,
  });
  out.push({
    catalog: FDA_PREMARKET, entry: 'vulnerability-assessment', recordType: 'triage_analysis', recordId: null, available: s.decided > 0,
    title: { ja: `脆弱性のリスク分析（深刻度、KEV、臨床影響） ${name}`, en: `Vulnerability risk analysis (severity, KEV, clinical impact) ${name}` },
    reason:
      s.decided > 0
        ? {
            ja: `評価済みの所見ごとの深刻度（CVSS あり ${s.withCvss} 件）、KEV 掲載 ${s.kev} 件、臨床影響による優先度${s.clinicalProfile ? '' : '（臨床プロファイル未設定）'}、リスク判断 ${s.riskDecisions} 件（未制御 ${s.uncontrolled} 件）。`,
            en: `Severity of each assessed finding (${s.withCvss} with CVSS), ${s.kev} in KEV, clinical-impact priority${s.clinicalProfile ? '' : ' (no clinical profile set)'}, ${s.riskDecisions} risk decisions (${s.uncontrolled} uncontrolled).`,
          }
        : { ja: `脆弱性のリスク分析は${none.ja}。`, en: `Vulnerability risk analysis: ${none.en}.` },
  });
  out.push({
    catalog: FDA_PREMARKET, entry: 'traceability', recordType: 'traceability_matrix', recordId: null, available: input.tests > 0 || input.risks > 0,
    title: { ja: `トレーサビリティマトリクス ${name}`, en: `Traceability matrix ${name}` },
    reason:
      input.tests > 0 || input.risks > 0
        ? {
            ja: `脅威→リスク→コントロール→要求事項→試験のトレーサビリティ（リスク ${input.risks} 件、試験 ${input.tests} 件）。`,
            en: `Traceability from threat to risk, control, requirement and test (${input.risks} risks, ${input.tests} tests).`,
          }
        : { ja: 'リスクも検証試験もまだない（なし）。', en: 'No risks or verification tests yet (none).' },
  });
  return out;
}
