/** Building blocks shared by the compliance HTML documents. */
import { entryNumber } from '../../core/compliance/catalog.js';
import type { GapRow } from '../../core/compliance/gap.js';
import { levelLabel, rowGapLabel, sourceLabel, statusLabel, t, type ReportLanguage } from './labels.js';
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
  .draft-banner { border: 3px solid #a00; color: #a00; padding: 6px 10px; margin: 8px 0 12px; }
  .draft-banner strong { font-size: 1.3em; }
  .draft-banner p { margin: 4px 0 0; color: #000; }
  ul.draft-status { margin: 4px 0 0; padding-left: 1.2em; }
  .draft-watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110px; font-weight: bold; color: rgba(170, 0, 0, 0.12); transform: rotate(-30deg); pointer-events: none; z-index: 10; }
  .muted { color: #666; }
  .sign td { height: 28px; }
  /* Gap rows: short labels (status, level, gaps, dates) never break inside a word, Japanese ones
     included; the basis (crosswalk keys without spaces) may break anywhere and gets a bounded width. */
  table.rows { font-size: 8.5pt; table-layout: fixed; }
  table.rows th, table.rows td { padding: 3px 4px; }
  th, td.kw { word-break: keep-all; }
  td.kw { overflow-wrap: break-word; } /* a word still too wide for its column breaks rather than run into the next one */
  .nw { white-space: nowrap; }
  td.gaps span { display: block; white-space: nowrap; }
  td.basis { overflow-wrap: anywhere; font-size: 8pt; }
  .doc-control { break-inside: avoid; }
  /* Headings stay with what follows them: none is left alone at the foot of a page. */
  @media print { body { padding: 0; max-width: none; } h2, h3, h4 { break-after: avoid; } tr { break-inside: avoid; } section.doc { break-before: page; } }
`;

export function headerTable(data: ComplianceReportData, lang: ReportLanguage): string {
  const rows: [string, string][] = [[t('organization', lang), data.organization.name]];
  if (data.product) {
    rows.push([t('product', lang), data.product.name]);
    if (data.product.modelNumbers.length > 0) rows.push([t('models', lang), data.product.modelNumbers.join(', ')]);
    if (data.product.deviceClass) rows.push([t('deviceClass', lang), data.product.deviceClass]);
  } else rows.push([t('product', lang), t('scopeOrg', lang)]);
  if (data.profile) rows.push([t('route', lang), t(data.profile.route === 'annex_f' ? 'routeAnnexF' : 'routeFull', lang)]);
  rows.push([t('generatedAt', lang), generatedAtText(data.generatedAt)]);
  rows.push([t('generatedBy', lang), data.generatedBy]);
  return `<table class="meta">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

/** The 作成 / 確認 / 承認 (prepared / reviewed / approved) lines, to be signed on paper or in the QMS. */
export function signTable(lang: ReportLanguage): string {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  return `<table class="sign"><thead><tr><th></th><th>${esc(L('氏名', 'Name'))}</th><th>${esc(L('日付', 'Date'))}</th><th>${esc(L('署名', 'Signature'))}</th></tr></thead><tbody>${[L('作成', 'Prepared'), L('確認', 'Reviewed'), L('承認', 'Approved')].map((x) => `<tr><td>${esc(x)}</td><td></td><td></td><td></td></tr>`).join('')}</tbody></table>`;
}

/** The document-control block of a generated document: its number and revision in the QMS, and the sign-off lines. */
export function documentControl(lang: ReportLanguage): string {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  return `<div class="doc-control"><h3>${esc(L('文書管理', 'Document control'))}</h3><table class="meta"><tr><td>${esc(L('文書番号', 'Document number'))}</td><td></td></tr><tr><td>${esc(L('版', 'Revision'))}</td><td></td></tr></table>${signTable(lang)}</div>`;
}

/** `2026-11-29T05:00:00.000Z` → `2026-11-29 05:00:00 UTC`: the instant, readable, with its time zone. */
export function generatedAtText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function statusCell(r: GapRow, lang: ReportLanguage): string {
  const cls = r.status === 'not_applicable' ? 'na' : r.status === 'implemented' || r.status === 'verified' ? 'ok' : '';
  return `<td class="kw ${cls}">${esc(statusLabel(r.status, lang))}</td>`;
}

/** The gaps of a row, one label per line, none broken inside. */
export function gapsCell(r: GapRow, lang: ReportLanguage): string {
  return `<td class="gap gaps">${r.gaps.map((g) => `<span>${esc(rowGapLabel(g, r, lang))}</span>`).join('')}</td>`;
}

export function rowsTable(rows: readonly GapRow[], lang: ReportLanguage): string {
  const head = ['entry', 'entryTitle', 'level', 'status', 'source', 'owner', 'dueDate', 'evidence', 'gaps'] as const;
  // Fixed widths: the long basis (crosswalk keys) no longer squeezes status and gaps into broken words.
  // Status gets room for its longest word ("Implemented"): a kept-whole word wider than its column ran into the basis.
  const widths: Record<(typeof head)[number], string> = { entry: '6%', entryTitle: '18%', level: '11%', status: '13%', source: '14%', owner: '8%', dueDate: '10%', evidence: '9%', gaps: '11%' };
  const body = rows
    .map((r) => {
      const title = esc(r.entry.title[lang]) + (r.entry.normative === false ? ` <span class="muted">(${esc(t('informative', lang))})</span>` : '') + (r.justification[lang] ? `<br><span class="muted">${esc(t('justification', lang))}: ${esc(r.justification[lang])}</span>` : '');
      return `<tr><td>${esc(entryNumber(r.entry.id) || '—')}</td><td>${title}</td><td class="kw">${esc(levelLabel(r.entry.level, lang))}</td>${statusCell(r, lang)}<td class="muted basis">${esc(sourceLabel(r.source, lang))}</td><td>${esc(r.owner)}</td><td class="nw">${esc(r.dueDate ?? '')}</td><td class="num">${r.evidenceCount}</td>${gapsCell(r, lang)}</tr>`;
    })
    .join('\n');
  const cols = head.map((h) => `<col style="width:${widths[h]}">`).join('');
  return `<table class="rows"><colgroup>${cols}</colgroup><thead><tr>${head.map((h) => `<th>${esc(t(h, lang))}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

