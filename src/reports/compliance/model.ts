/** What the compliance documents are rendered from (built by services/compliance.ts). */
import type { ConformityRoute } from '../../core/compliance/applicability.js';
import type { AnnexFCandidate, AnnexFGap, AnnexFReadiness, AnnexFRecord } from '../../core/compliance/annex-f.js';
import type { Localized } from '../../core/compliance/catalog.js';
import type { CurrentRecord, Evidence } from '../../core/compliance/evidence.js';
import type { CatalogGap, GapAnalysis } from '../../core/compliance/gap.js';
import type { Product } from '../../core/domain/product.js';

export interface ReportEvidence extends Evidence {
  readonly current: CurrentRecord | null;
}

export interface ComplianceReportData {
  readonly organization: { readonly id: string; readonly name: string };
  readonly product: Product | null;
  readonly profile: { readonly route: ConformityRoute; readonly catalogs: readonly string[] } | null;
  readonly analysis: GapAnalysis;
  /** IEC 81001-5-1 and the 0523 confirmation items, whatever the selection: the Annex F document needs both. */
  readonly annexF: {
    readonly iec: CatalogGap;
    readonly confirmation: CatalogGap | null;
    /** Evidence that counts for each row (`catalog#entry`), through the crosswalks too. */
    readonly evidenceFor: Readonly<Record<string, readonly ReportEvidence[]>>;
    /** When the route was last decided (the profile's date), or null. */
    readonly decidedAt: string | null;
    /** The Annex F workflow (gap list, decisions, residual risk, rationale, post-release plan); absent or null when none is kept. */
    readonly workflow?: AnnexFWorkflowData | null;
  } | null;
  readonly releases: readonly { readonly version: string; readonly releaseDate: string | null; readonly stage: string }[];
  readonly evidence: Readonly<Record<string, readonly ReportEvidence[]>>;
  readonly generatedAt: string;
  /** Who generated the document: the user's name and email (`山田 太郎 <yamada@example.jp>`), or the operator / token name. */
  readonly generatedBy: string;
}

/** The Annex F workflow as the declaration report shows it (services/annex-f.ts). */
export interface AnnexFWorkflowData {
  readonly record: AnnexFRecord;
  readonly gaps: readonly (AnnexFGap & { readonly entryTitle: Localized; readonly descriptionText: Localized; readonly control: { readonly ref: string; readonly title: string } | null })[];
  readonly candidates: readonly AnnexFCandidate[];
  readonly readiness: AnnexFReadiness;
}
