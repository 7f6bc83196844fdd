/** Compliance documents: gap analysis and the Annex F declaration report, as HTML, CSV or PDF. */
import { renderComplianceCsv } from './csv.js';
import { annexFTitle, renderAnnexFHtml, renderGapHtml } from './html.js';
import { t, type ReportLanguage } from './labels.js';
import { generatedAtText } from './parts.js';
import type { ComplianceReportData } from './model.js';
import { renderPdf } from './pdf.js';

export const exportFormats = ['html', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportDocuments = ['gap', 'annex-f'] as const;
export type ExportDocument = (typeof exportDocuments)[number];

export interface ExportedFile {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly extension: string;
}

export async function renderCompliance(
  data: ComplianceReportData,
  options: { format: ExportFormat; lang: ReportLanguage; document: ExportDocument; chromiumPath?: string },
): Promise<ExportedFile> {
  if (options.format === 'csv') return { bytes: renderComplianceCsv(data, options.lang), mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
  const html = options.document === 'annex-f' ? renderAnnexFHtml(data, options.lang) : renderGapHtml(data, options.lang);
  if (options.format === 'html') return { bytes: new TextEncoder().encode(html), mediaType: 'text/html; charset=utf-8', extension: 'html' };
  const footer = {
    title: options.document === 'annex-f' ? annexFTitle(data, options.lang) : t('title', options.lang),
    subject: data.product?.name ?? t('scopeOrg', options.lang),
    generatedAt: generatedAtText(data.generatedAt),
  };
  return { bytes: await renderPdf(html, { chromiumPath: options.chromiumPath, footer }), mediaType: 'application/pdf', extension: 'pdf' };
}

export { PdfRendererMissing } from './pdf.js';
export type { ReportLanguage } from './labels.js';
export type { ComplianceReportData } from './model.js';
