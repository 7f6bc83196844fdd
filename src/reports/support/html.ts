/**
 * The FDA support table as one self-contained HTML document (inline CSS, no scripts, nothing
 * fetched), with print CSS, in Japanese or English: the release it is about, a summary (per support
 * level, per status, what is missing), the rules of the status column, and one row per component.
 */
import type { ReportLanguage } from '../compliance/labels.js';
import { page } from '../compliance/html.js';
import { documentControl, esc, generatedAtText } from '../compliance/parts.js';
import { supportStatuses } from '../../core/sbom/support-status.js';
import { componentName, levelLabel, originLabel, statusLabel, statusRule, t } from './labels.js';
import type { SupportReportData } from './model.js';

export function supportTitle(data: SupportReportData, lang: ReportLanguage): string {
  return `${t('title', lang)} — ${data.product.name} ${data.release.version}`;
}

function headerTable(data: SupportReportData, lang: ReportLanguage): string {
  const rows: [string, string][] = [
    [t('organization', lang), data.organization.name],
    [t('product', lang), data.product.name],
    [t('manufacturer', lang), data.product.manufacturer],
  ];
  if (data.product.modelNumbers.length > 0) rows.push([t('models', lang), data.product.modelNumbers.join(', ')]);
  rows.push([t('release', lang), data.release.version]);
  if (data.release.releaseDate) rows.push([t('releaseDate', lang), data.release.releaseDate]);
  if (data.release.endOfSupport) rows.push([t('releaseEndOfSupport', lang), data.release.endOfSupport]);
  rows.push([t('sbom', lang), data.sbom ? `${data.sbom.fileName} (SHA-256 ${data.sbom.sha256})` : t('noSbom', lang)]);
  rows.push([t('asOf', lang), data.table.asOf]);
  rows.push([t('generatedAt', lang), generatedAtText(data.generatedAt)]);
  rows.push([t('generatedBy', lang), data.generatedBy]);
  return `<table class="meta">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function summary(data: SupportReportData, lang: ReportLanguage): string {
  const s = data.table.summary;
  const num = (n: number) => `<td class="num">${n}</td>`;
  const levels = s.byLevel.map((l) => `<tr><td>${esc(l.level === null ? t('notRecorded', lang) : levelLabel(l.level, lang))}</td>${num(l.count)}</tr>`).join('');
  const statuses = supportStatuses.map((st) => `<tr><td>${esc(statusLabel(st, lang))}</td>${num(s.byStatus[st])}</tr>`).join('');
  const facts = (
    [
      ['total', s.total],
      ['pastEndOfSupport', s.pastEndOfSupport],
      ['withoutInformation', s.withoutInformation],
      ['withoutSupportLevel', s.withoutSupportLevel],
      ['withoutEndOfSupport', s.withoutEndOfSupport],
    ] as const
  )
    .map(([k, n]) => `<tr><td>${esc(t(k, lang))}</td>${num(n)}</tr>`)
    .join('');
  const head = (k: 'bySupportLevel' | 'byStatus' | 'components') => `<thead><tr><th>${esc(t(k, lang))}</th><th>${esc(t('count', lang))}</th></tr></thead>`;
  return `<h2>${esc(t('summary', lang))}</h2><div class="support-summary"><table>${head('components')}<tbody>${facts}</tbody></table><table>${head('bySupportLevel')}<tbody>${levels}</tbody></table><table>${head('byStatus')}<tbody>${statuses}</tbody></table></div>`;
}

function rules(data: SupportReportData, lang: ReportLanguage): string {
  const items = supportStatuses.map((s) => `<li><strong>${esc(statusLabel(s, lang))}</strong>: ${esc(statusRule(s, lang))}</li>`).join('');
  const intro = lang === 'ja' ? `判定基準日は ${data.table.asOf}。上から順に、最初に当てはまるものが状況になります。` : `Status date: ${data.table.asOf}. A component gets the first status that applies, in this order.`;
  return `<h3>${esc(t('rules', lang))}</h3><p class="muted">${esc(intro)}</p><ol class="rules">${items}</ol>`;
}

function rowsTable(data: SupportReportData, lang: ReportLanguage): string {
  if (data.table.rows.length === 0) return `<p>${esc(t('none', lang))}</p>`;
  const head = ['name', 'version', 'supplier', 'identifier', 'supportLevel', 'endOfSupport', 'status', 'origin'] as const;
  const widths = ['16%', '9%', '11%', '19%', '11%', '11%', '14%', '9%'];
  const body = data.table.rows
    .map((r) => {
      const cls = r.status === 'past_end_of_support' || r.status === 'not_maintained' ? ' class="gap"' : r.status === 'supported' ? ' class="ok"' : '';
      return `<tr><td>${esc(componentName(r))}</td><td class="id">${esc(r.version ?? '')}</td><td>${esc(r.supplier ?? '')}</td><td class="id">${esc(r.purl ?? r.cpe ?? '')}</td><td>${esc(levelLabel(r.supportLevel, lang))}</td><td class="nw">${esc(r.endOfSupport ?? '')}</td><td${cls}>${esc(statusLabel(r.status, lang))}</td><td>${esc(originLabel(r.origin, lang))}</td></tr>`;
    })
    .join('\n');
  return `<table class="rows support"><colgroup>${widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup><thead><tr>${head.map((h) => `<th>${esc(t(h, lang))}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const css = `<style>
  .support-summary { display: flex; gap: 12px; align-items: flex-start; }
  .support-summary table { width: auto; min-width: 30%; }
  /* Japanese words wrap anywhere (the shared CSS keeps them whole, which overflows narrow columns); identifiers too. */
  table.support th, table.support td { word-break: normal; overflow-wrap: anywhere; }
  td.id { font-size: 8pt; }
  ol.rules { margin: 2px 0 8px; padding-left: 1.4em; font-size: 9pt; }
</style>`;

export function renderSupportHtml(data: SupportReportData, lang: ReportLanguage): string {
  const title = supportTitle(data, lang);
  return page(
    lang,
    title,
    `${css}<h1>${esc(title)}</h1><p class="muted">${esc(t('subtitle', lang))}</p>${headerTable(data, lang)}${documentControl(lang)}${summary(data, lang)}${rules(data, lang)}<h2>${esc(t('components', lang))}</h2>${rowsTable(data, lang)}`,
  );
}
