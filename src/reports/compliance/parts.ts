/** Building blocks shared by the compliance HTML documents. */
import { entryNumber } from '../../core/compliance/catalog.js';
import type { GapRow } from '../../core/compliance/gap.js';
import { gapLabel, levelLabel, sourceLabel, statusLabel, t, type ReportLanguage } from './labels.js';
import type { ComplianceReportData } from './model.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const reportCss = `
  @page { size: A4; margin: 14mm 12mm; }
  body { font-family: 'IPAexGothic', 'Noto Sans CJK JP', 'Hiragino Sans', sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 16px; }
  h1 { font-size: 16pt; margin: 0 0 8px; }
  h2 { font-size: 13pt; margin: 20px 0 6px; border-bottom: 2px solid #333; padding-bottom: 2px; }
  h3 { font-size: 11pt; margin: 14px 0 4px; }
  table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
  th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  .meta td:first-child { width: 22%; font-weight: bold; background: #f6f6f6; }
  .gap { color: #a00; font-weight: bold; }
  .na { color: #666; }
  .ok { color: #060; }
  .muted { color: #666; }
  .sign td { height: 28px; }
  @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } section.doc { break-before: page; } }
`;

export function headerTable(data: ComplianceReportData, lang: ReportLanguage): string {
  const rows: [string, string][] = [[t('organization', lang), data.organization.name]];
  if (data.product) {
    rows.push([t('product', lang), data.product.name]);
    if (data.product.modelNumbers.length > 0) rows.push([t('models', lang), data.product.modelNumbers.join(', ')]);
    if (data.product.deviceClass) rows.push([t('deviceClass', lang), data.product.deviceClass]);
  } else rows.push([t('product', lang), t('scopeOrg', lang)]);
  if (data.profile) rows.push([t('route', lang), t(data.profile.route === 'annex_f' ? 'routeAnnexF' : 'routeFull', lang)]);
  rows.push([t('generatedAt', lang), data.generatedAt]);
  return `<table class="meta">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

export function statusCell(r: GapRow, lang: ReportLanguage): string {
  const cls = r.status === 'not_applicable' ? 'na' : r.status === 'implemented' || r.status === 'verified' ? 'ok' : '';
  return `<td class="${cls}">${esc(statusLabel(r.status, lang))}</td>`;
}

export function rowsTable(rows: readonly GapRow[], lang: ReportLanguage): string {
  const head = ['entry', 'entryTitle', 'level', 'status', 'source', 'owner', 'dueDate', 'evidence', 'gaps'] as const;
  const body = rows
    .map((r) => {
      const title = esc(r.entry.title[lang]) + (r.entry.normative === false ? ` <span class="muted">(${esc(t('informative', lang))})</span>` : '') + (r.justification ? `<br><span class="muted">${esc(t('justification', lang))}: ${esc(r.justification)}</span>` : '');
      return `<tr><td>${esc(entryNumber(r.entry.id) || '—')}</td><td>${title}</td><td>${esc(levelLabel(r.entry.level, lang))}</td>${statusCell(r, lang)}<td class="muted">${esc(sourceLabel(r.source, lang))}</td><td>${esc(r.owner)}</td><td>${esc(r.dueDate ?? '')}</td><td class="num">${r.evidenceCount}</td><td class="gap">${esc(r.gaps.map((g) => gapLabel(g, lang)).join(' / '))}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head.map((h) => `<th>${esc(t(h, lang))}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

