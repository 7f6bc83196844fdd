/**
 * The security risk report of a product (security context, threat model, risk register,
 * traceability matrix) as self-contained HTML, as PDF (Chromium), or the register / the matrix as
 * CSV for Excel, in Japanese or English. Reuses the compliance report machinery.
 */
import type { ReportLanguage } from '../compliance/labels.js';
import { generatedAtText } from '../compliance/parts.js';
import { renderPdf } from '../compliance/pdf.js';
import { renderRegisterCsv, renderTraceCsv } from './csv.js';
import { renderThreatReportHtml } from './html.js';
import { t } from './labels.js';
import type { ThreatReportData } from './model.js';

export const threatReportFormats = ['html', 'pdf', 'csv'] as const;
export type ThreatReportFormat = (typeof threatReportFormats)[number];
export const threatReportParts = ['register', 'trace'] as const;
export type ThreatReportPart = (typeof threatReportParts)[number];

export interface ThreatReportOptions {
  readonly format: ThreatReportFormat;
  readonly lang: ReportLanguage;
  /** CSV only: the risk register (default) or the traceability matrix. */
  readonly part?: ThreatReportPart | undefined;
  readonly chromiumPath?: string | undefined;
}

export interface ThreatReportFile {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly extension: string;
}

export async function renderThreatReport(data: ThreatReportData, options: ThreatReportOptions): Promise<ThreatReportFile> {
  if (options.format === 'csv') {
    const bytes = options.part === 'trace' ? renderTraceCsv(data, options.lang) : renderRegisterCsv(data, options.lang);
    return { bytes, mediaType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
  const html = renderThreatReportHtml(data, options.lang);
  if (options.format === 'html') return { bytes: new TextEncoder().encode(html), mediaType: 'text/html; charset=utf-8', extension: 'html' };
  const footer = { title: t('title', options.lang), subject: data.product.name, generatedAt: generatedAtText(data.generatedAt) };
  return { bytes: await renderPdf(html, { chromiumPath: options.chromiumPath, footer }), mediaType: 'application/pdf', extension: 'pdf' };
}

export type { ThreatReportData } from './model.js';
