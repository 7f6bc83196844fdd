/**
 * The compliance documents as one self-contained HTML file (inline CSS, no scripts, no external
 * resources) with print CSS, in Japanese or English: the gap analysis, and the Annex F declaration
 * report for products already on the market (its own document, or a section of the gap analysis
 * when the product follows the Annex F route).
 */
import type { CatalogGap } from '../../core/compliance/gap.js';
import { annexFSection, annexFTitle } from './annex-f.js';

export { annexFTitle };
import { t, type ReportLanguage } from './labels.js';
import { documentControl, esc, gapsCell, headerTable, reportCss, rowsTable, statusCell } from './parts.js';
import type { ComplianceReportData } from './model.js';

export function page(lang: ReportLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${reportCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function summaryTable(catalogs: readonly CatalogGap[], lang: ReportLanguage): string {
  const head = ['catalog', 'applicable', 'implemented', 'verified', 'coverage', 'withGaps'] as const;
  const body = catalogs
    .map(({ summary: s }) => `<tr><td>${esc(s.title[lang])}<br><span class="muted">${esc(s.catalog)}</span></td><td class="num">${s.applicable}</td><td class="num">${s.implemented}</td><td class="num">${s.verified}</td><td class="num">${s.coveragePercent}%</td><td class="num">${s.withGaps}</td></tr>`)
    .join('');
  return `<table><thead><tr>${head.map((h) => `<th>${esc(t(h, lang))}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function dualSection(data: ComplianceReportData, lang: ReportLanguage): string {
  const part = (side: 'mhlw' | 'iec') => {
    const rows = data.analysis.dualStandard.filter((d) => d.side === side);
    if (rows.length === 0) return `<p>${esc(t('none', lang))}</p>`;
    return `<table><thead><tr><th>${esc(t('entry', lang))}</th><th>${esc(t('entryTitle', lang))}</th><th>${esc(t('status', lang))}</th><th>${esc(t('gaps', lang))}</th></tr></thead><tbody>${rows
      .map((d) => (d.row ? `<tr><td>${esc(d.ref)}</td><td>${esc(d.row.entry.title[lang])}</td>${statusCell(d.row, lang)}${gapsCell(d.row, lang)}</tr>` : `<tr><td>${esc(d.ref)}</td><td colspan="3" class="muted">${esc(t('notInReport', lang))}</td></tr>`))
      .join('')}</tbody></table>`;
  };
  return `<h2>${esc(t('dual', lang))}</h2><h3>${esc(t('mhlwOnly', lang))}</h3>${part('mhlw')}<h3>${esc(t('iecOnly', lang))}</h3>${part('iec')}`;
}

export function renderGapHtml(data: ComplianceReportData, lang: ReportLanguage): string {
  const title = `${t('title', lang)}${data.product ? ` — ${data.product.name}` : ''}`;
  const catalogs = data.analysis.catalogs.map((c) => `<h2>${esc(c.summary.title[lang])} <span class="muted">(${esc(c.summary.catalog)})</span></h2>${rowsTable(c.rows, lang)}`).join('\n');
  const annex = data.profile?.route === 'annex_f' && data.annexF ? `<section class="doc">${annexFSection(data, lang)}</section>` : '';
  return page(lang, title, `<h1>${esc(title)}</h1>${headerTable(data, lang)}${documentControl(lang)}<h2>${esc(t('summary', lang))}</h2>${summaryTable(data.analysis.catalogs, lang)}${catalogs}${dualSection(data, lang)}${annex}`);
}

export function renderAnnexFHtml(data: ComplianceReportData, lang: ReportLanguage): string {
  return page(lang, annexFTitle(data, lang), annexFSection(data, lang));
}
