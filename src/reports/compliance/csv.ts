/**
 * The gap analysis as CSV for Excel: UTF-8 with a byte order mark, CRLF line ends, every field
 * quoted, headers in the report language. One row per assessable entry of every catalog.
 */
import type { ComplianceReportData } from './model.js';
import { levelLabel, rowGapLabel, sourceLabel, statusLabel, t, type ReportLanguage } from './labels.js';

export function field(value: string | number): string {
  const s = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function renderComplianceCsv(data: ComplianceReportData, lang: ReportLanguage): Uint8Array {
  const header = [t('catalog', lang), t('entry', lang), t('entryTitle', lang), t('level', lang), t('status', lang), t('source', lang), t('owner', lang), t('dueDate', lang), t('evidence', lang), t('gaps', lang), t('justification', lang)];
  const lines = [header.map(field).join(',')];
  for (const c of data.analysis.catalogs)
    for (const r of c.rows)
      lines.push(
        [
          r.catalog,
          r.entry.id,
          r.entry.title[lang] + (r.entry.normative === false ? ` (${t('informative', lang)})` : ''),
          levelLabel(r.entry.level, lang),
          statusLabel(r.status, lang),
          sourceLabel(r.source, lang),
          r.owner,
          r.dueDate ?? '',
          r.evidenceCount,
          r.gaps.map((g) => rowGapLabel(g, r, lang)).join(' / '),
          r.justification[lang],
        ]
          .map(field)
          .join(','),
      );
  const text = `\ufeff${lines.join('\r\n')}\r\n`;
  return new TextEncoder().encode(text);
}
