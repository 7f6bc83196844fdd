/** The FDA support table of a release as CSV (for Excel), HTML or PDF (Chromium), in Japanese or English. */
import type { ReportLanguage } from '../compliance/labels.js';
import { generatedAtText } from '../compliance/parts.js';
import { renderPdf } from '../compliance/pdf.js';
import { renderSupportCsv } from './csv.js';
import { renderSupportHtml } from './html.js';
import { t } from './labels.js';
import type { SupportReportData } from './model.js';

export const supportReportFormats = ['csv', 'pdf', 'html'] as const;
export type SupportReportFormat = (typeof supportReportFormats)[number];

export interface SupportReportFile {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly extension: string;
}

export async function renderSupportReport(
  data: SupportReportData,
  options: { format: SupportReportFormat; lang: ReportLanguage; chromiumPath?: string | undefined },
): Promise<SupportReportFile> {
  if (options.format === 'csv') return { bytes: renderSupportCsv(data, options.lang), mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
  const html = renderSupportHtml(data, options.lang);
  if (options.format === 'html') return { bytes: new TextEncoder().encode(html), mediaType: 'text/html; charset=utf-8', extension: 'html' };
  const footer = { title: t('title', options.lang), subject: `${data.product.name} ${data.release.version}`, generatedAt: generatedAtText(data.generatedAt) };
  return { bytes: await renderPdf(html, { chromiumPath: options.chromiumPath, footer }), mediaType: 'application/pdf', extension: 'pdf' };
}

export type { SupportReportData } from './model.js';
