/** What the FDA support table documents are rendered from (built by services/release-support.ts). */
import type { SupportTable } from '../../core/sbom/support-status.js';

export interface SupportReportData {
  readonly organization: { readonly name: string };
  readonly product: { readonly id: string; readonly name: string; readonly manufacturer: string; readonly modelNumbers: readonly string[] };
  readonly release: { readonly id: string; readonly version: string; readonly releaseDate: string | null; readonly endOfSupport: string | null };
  /** The current SBOM the rows come from (with the manual components), or null for manual components only. */
  readonly sbom: { readonly id: string; readonly fileName: string; readonly sha256: string } | null;
  readonly table: SupportTable;
  readonly generatedAt: string;
  /** Who generated the document (the user's name and email, or the operator / token name). */
  readonly generatedBy: string;
}
