/**
 * The FDA support table as CSV for Excel: UTF-8 with a byte order mark (so Excel reads Japanese
 * correctly), CRLF line ends, every field quoted as RFC 4180 says and made formula-safe (the
 * compliance CSV's `field`), headers and words in the report language. One line per component, in
 * the table's order; purl and CPE in columns of their own.
 */
import { field } from '../compliance/csv.js';
import type { ReportLanguage } from '../compliance/labels.js';
import { levelLabel, originLabel, statusLabel, t } from './labels.js';
import type { SupportReportData } from './model.js';

export function renderSupportCsv(data: SupportReportData, lang: ReportLanguage): Uint8Array {
  const header = [t('name', lang), t('group', lang), t('version', lang), t('supplier', lang), t('purl', lang), t('cpe', lang), t('supportLevel', lang), t('endOfSupport', lang), t('status', lang), t('origin', lang)];
  const rows = data.table.rows.map((r) => [
    r.name,
    r.group ?? '',
    r.version ?? '',
    r.supplier ?? '',
    r.purl ?? '',
    r.cpe ?? '',
    levelLabel(r.supportLevel, lang),
    r.endOfSupport ?? '',
    statusLabel(r.status, lang),
    originLabel(r.origin, lang),
  ]);
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
}
