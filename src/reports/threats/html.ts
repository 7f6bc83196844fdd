/**
 * The security risk report as one self-contained HTML file (the compliance page, CSS and print
 * rules): 1. product security context, 2. threat model (elements, data flows, threats per element,
 * the diagrams as inline SVG), 3. risk register before/after controls with hazard/harm and
 * acceptance, 4. traceability matrix with its gaps highlighted.
 */
import { page } from '../compliance/html.js';
import type { ReportLanguage } from '../compliance/labels.js';
import { documentControl, esc, generatedAtText } from '../compliance/parts.js';
import { mds2CapabilityTitles, type Mds2Capability } from '../../core/threats/security-context.js';
import type { TraceRow, TraceTest } from '../../core/threats/traceability.js';
import {
  answerLabel,
  categoryLabel,
  controlTypeLabel,
  elementKindLabel,
  methodLabel,
  patientDataLabel,
  reviewStatusLabel,
  riskLevelLabel,
  severityLabel,
  t,
  testKindLabel,
  testResultLabel,
  threatStatusLabel,
  traceGapLabel,
  traceGapMessage,
  type Word,
} from './labels.js';
import type { ThreatReportData } from './model.js';
import { diagramSvg } from './svg.js';

type Cell = string | { readonly html: string; readonly cls?: string };

/** A table; with `widths` (percent per column) its columns are fixed, so narrow ones are not squeezed by long text beside them. */
function table(head: readonly Word[], rows: readonly (readonly Cell[])[], lang: ReportLanguage, layout: { cls: string; widths: readonly number[] } | null = null): string {
  if (rows.length === 0) return `<p class="muted">${esc(t('none', lang))}</p>`;
  const th = head.map((h) => `<th>${esc(t(h, lang))}</th>`).join('');
  const td = (c: Cell) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`);
  const cols = layout ? `<colgroup>${layout.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  return `<table${layout ? ` class="${layout.cls}"` : ''}>${cols}<thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n')}</tbody></table>`;
}

const idCell = (id: string): Cell => ({ html: esc(id), cls: 'id' });

const yn = (b: boolean, lang: ReportLanguage) => t(b ? 'yes' : 'no', lang);
const levelCell = (l: string | null, lang: ReportLanguage): Cell => ({ html: esc(riskLevelLabel(l, lang)), cls: l === 'unacceptable' ? 'gap' : l === 'acceptable' ? 'ok' : '' });
const kwCell = (text: string, cls: string): Cell => ({ html: esc(text), cls: `kw ${cls}` });

function meta(data: ThreatReportData, lang: ReportLanguage): string {
  const v = data.version;
  const rows: [string, string][] = [
    [t('organization', lang), data.organization.name],
    [t('product', lang), data.product.name],
  ];
  if (data.product.modelNumbers.length > 0) rows.push([t('models', lang), data.product.modelNumbers.join(', ')]);
  if (data.product.deviceClass) rows.push([t('deviceClass', lang), data.product.deviceClass]);
  rows.push([t('modelVersion', lang), `${v.version} — ${v.label}`]);
  rows.push([t('frozen', lang), v.frozenAt ? generatedAtText(v.frozenAt) : t('notFrozen', lang)]);
  rows.push([t('generatedAt', lang), generatedAtText(data.generatedAt)]);
  rows.push([t('generatedBy', lang), data.generatedBy]);
  return `<table class="meta">${rows.map(([k, val]) => `<tr><td>${esc(k)}</td><td>${esc(val)}</td></tr>`).join('')}</table>`;
}

function contextSection(data: ThreatReportData, lang: ReportLanguage): string {
  const c = data.context;
  const facts: [Word, string][] = [
    ['networkEnvironment', c.networkEnvironment],
    ['physicalEnvironment', c.physicalEnvironment],
    ['isolation', c.isolation],
    ['safetyImpact', c.safetyImpact],
    ['hardwareControls', c.hardwareControls],
  ];
  const caps = Object.entries(c.capabilities).map(([k, v]) => [`${k} — ${mds2CapabilityTitles[k as Mds2Capability] ?? ''}`, answerLabel(v.answer, lang), v.note]);
  return [
    `<h2>${esc(t('contextTitle', lang))}</h2>`,
    `<table class="meta">${facts.map(([k, v]) => `<tr><td>${esc(t(k, lang))}</td><td>${esc(v)}</td></tr>`).join('')}</table>`,
    `<h3>${esc(t('interfaces', lang))}</h3>`,
    table(['name', 'kind', 'external', 'crossesBoundary', 'description'], c.interfaces.map((i) => [i.name, i.kind, yn(i.external, lang), yn(i.crossesTrustBoundary, lang), i.description]), lang),
    `<h3>${esc(t('users', lang))}</h3>`,
    table(['role', 'privileges', 'description'], c.users.map((u) => [u.role, u.privileges, u.description]), lang),
    `<h3>${esc(t('data', lang))}</h3>`,
    table(['name', 'patientData', 'atRest', 'inTransit', 'description'], c.data.map((d) => [d.name, patientDataLabel(d.patientData, lang), yn(d.atRest, lang), yn(d.inTransit, lang), d.description]), lang),
    `<h3>${esc(t('capabilities', lang))}</h3>`,
    table(['name', 'answer', 'note'], caps, lang),
  ].join('\n');
}

function modelSection(data: ThreatReportData, lang: ReportLanguage): string {
  const m = data.version.model;
  const names = new Map(m.elements.map((e) => [e.id, e.name]));
  const endName = (ep: (typeof m.elements)[number]['source']) => (ep && 'elementId' in ep ? (names.get(ep.elementId) ?? ep.elementId) : '');
  const nodes = m.elements.filter((e) => e.kind !== 'flow' && e.kind !== 'text');
  const flows = m.elements.filter((e) => e.kind === 'flow');
  const scope = (e: (typeof m.elements)[number]) => (e.outOfScope ? `${t('outOfScope', lang)}${e.reasonOutOfScope ? `: ${e.reasonOutOfScope}` : ''}` : '');
  const diagrams = m.diagrams
    .map((d) => {
      const svg = diagramSvg(d, m.elements, d.title);
      return svg ? `<h3>${esc(t('diagram', lang))}: ${esc(d.title)}</h3><div class="diagram">${svg}</div>` : '';
    })
    .join('\n');
  const perElement = m.elements
    .filter((e) => m.threats.some((x) => x.elementId === e.id))
    .map((e) => {
      const threats = m.threats.filter((x) => x.elementId === e.id);
      return `<h4>${esc(e.name)} <span class="muted">(${esc(elementKindLabel(e.kind, lang))})</span></h4>${table(
        ['id', 'threat', 'category', 'severity', 'status', 'mitigation'],
        threats.map((x) => [idCell(x.id), x.description ? { html: `${esc(x.title)}<br><span class="muted">${esc(x.description)}</span>` } : x.title, categoryLabel(x.category, lang), severityLabel(x.severity, lang), { html: esc(threatStatusLabel(x.status, lang)), cls: x.status === 'open' ? 'gap' : x.status === 'mitigated' ? 'ok' : 'na' }, x.mitigation]),
        lang,
      )}`;
    })
    .join('\n');
  return [
    `<section class="doc"><h2>${esc(t('modelTitle', lang))}: ${esc(m.title)}</h2>`,
    `<table class="meta"><tr><td>${esc(t('method', lang))}</td><td>${esc(methodLabel(m.method, lang))}</td></tr><tr><td>${esc(t('owner', lang))}</td><td>${esc(m.owner)}</td></tr><tr><td>${esc(t('reviewer', lang))}</td><td>${esc(m.reviewer)}</td></tr></table>`,
    m.description ? `<p>${esc(m.description)}</p>` : '',
    diagrams,
    `<h3>${esc(t('elements', lang))}</h3>`,
    table(['name', 'kind', 'description', 'outOfScope'], nodes.map((e) => [e.name, elementKindLabel(e.kind, lang), e.description, scope(e)]), lang),
    `<h3>${esc(t('flows', lang))}</h3>`,
    table(['name', 'from', 'to', 'description', 'outOfScope'], flows.map((e) => [e.name, endName(e.source), endName(e.target), e.description, scope(e)]), lang),
    `<h3>${esc(t('threatsPerElement', lang))}</h3>`,
    perElement || `<p class="muted">${esc(t('none', lang))}</p>`,
    '</section>',
  ].join('\n');
}

function registerSection(data: ThreatReportData, lang: ReportLanguage): string {
  const rows = data.register.items.map((i): Cell[] => {
    const a = i.assessment;
    const e = i.evaluation;
    if (!a || !e) return [idCell(i.threatId), i.threatTitle, i.elementName, { html: esc(t('notAssessed', lang)), cls: i.status === 'not_applicable' ? 'na' : 'gap' }, '', '', '', '', '', ''];
    const raised = e.raisedBy.length > 0 ? `<br><span class="gap">${esc(t('raisedBy', lang))}: ${esc(e.raisedBy.join(', '))}</span>` : '';
    const acc = a.acceptance ? `${esc(a.acceptance.acceptedBy)} (${esc(a.acceptance.acceptedAt.slice(0, 10))})<br><span class="muted">${esc(a.acceptance.rationale)}</span>` : e.needsAcceptance ? `<span class="gap">—</span>` : '';
    return [
      idCell(i.threatId),
      a.rationale ? { html: `${esc(i.threatTitle)}<br><span class="muted">${esc(a.rationale)}</span>` } : i.threatTitle,
      i.elementName,
      { html: `${e.effectiveLikelihood}×${a.impact}${raised}`, cls: 'num' },
      levelCell(e.initialLevel, lang),
      { html: `${a.residualLikelihood ?? a.likelihood}×${a.residualImpact ?? a.impact}`, cls: 'num' },
      levelCell(e.residualLevel, lang),
      kwCell(yn(e.controlled, lang), e.controlled ? 'ok' : 'gap'),
      a.hazard ? { html: `${esc(a.hazard.hazardId)} ${esc(a.hazard.hazard)}<br>${esc(t('harm', lang))}: ${esc(a.hazard.harm)}` } : '',
      { html: acc },
    ];
  });
  const orphaned = data.register.orphaned.length > 0 ? `<p class="muted">${esc(t('orphaned', lang))}: ${esc(data.register.orphaned.join(', '))}</p>` : '';
  return `<section class="doc"><h2>${esc(t('registerTitle', lang))}</h2>${table(['id', 'threat', 'element', 'before', 'initialLevel', 'after', 'residualLevel', 'controlled', 'hazard', 'acceptance'], rows, lang, { cls: 'register', widths: [6, 16, 10, 7, 9, 7, 9, 9, 12, 15] })}${orphaned}</section>`;
}

function chain(r: TraceRow, lang: ReportLanguage): string {
  const test = (x: TraceTest, kind: boolean) =>
    `<li class="${x.result === 'passed' ? 'ok' : 'gap'}"><span class="nw">${esc(x.ref)}</span> ${esc(testResultLabel(x.result, lang))}${x.executedOn ? ` ${esc(x.executedOn)}` : ''}${kind ? ` <span class="muted">(${esc(testKindLabel(x.kind, lang))})</span>` : ''}</li>`;
  const items = r.controls.map((c) => {
    const reqs = c.requirements.map((q) => `<li><span class="nw">${esc(q.ref)}</span> <span class="muted">[${esc(reviewStatusLabel(q.reviewStatus, lang))}]</span>${q.tests.length ? `<ul>${q.tests.map((x) => test(x, false)).join('')}</ul>` : ''}</li>`);
    return `<li><span class="nw">${esc(c.ref)}</span> <span class="muted">(${esc(controlTypeLabel(c.type, lang))})</span>${reqs.length ? `<ul>${reqs.join('')}</ul>` : ''}</li>`;
  });
  // Tests linked to the threat directly are named with their own kind (a penetration test stays one).
  const tests = r.mitigationTests.map((x) => test(x, true));
  const all = [...items, ...tests];
  return all.length ? `<ul class="trace">${all.join('')}</ul>` : '';
}

function traceSection(data: ThreatReportData, lang: ReportLanguage): string {
  const m = data.matrix;
  const rows = m.rows.map((r): Cell[] => [
    idCell(r.threatId),
    r.threatTitle,
    r.elementName,
    r.risk ? levelCell(r.risk.residualLevel ?? r.risk.initialLevel, lang) : { html: '', cls: '' },
    { html: chain(r, lang) },
    { html: esc(r.gaps.map((g) => traceGapLabel(g, lang)).join(' / ')), cls: r.gaps.length > 0 ? 'gap' : 'ok' },
  ]);
  const gaps = m.gaps.map((g) => [traceGapLabel(g.kind, lang), traceGapMessage(g, lang)]);
  return [
    `<section class="doc"><h2>${esc(t('traceTitle', lang))}</h2>`,
    `<p>${esc(t('counts', lang, { threats: m.counts.threats, closed: m.counts.closed, gaps: m.gaps.length }))}</p>`,
    table(['id', 'threat', 'element', 'residualLevel', 'path', 'gaps'], rows, lang),
    `<h3>${esc(t('gapList', lang))}</h3>`,
    table(['gaps', 'description'], gaps, lang),
    '</section>',
  ].join('\n');
}

const extraCss = `<style>
  h4 { font-size: 10pt; margin: 10px 0 2px; }
  ul.trace, ul.trace ul { margin: 0; padding-left: 14px; }
  .diagram { margin: 6px 0 12px; break-inside: avoid; }
  td.id { white-space: nowrap; }
  /* The compliance reports keep Japanese header words whole (reportCss); the register's many narrow
     columns need their headers to wrap, or the reasons beside them are squeezed into fragments. */
  th { word-break: normal; }
  /* The register: fixed columns and a smaller type, so 「管理済み」 and 「いいえ」 stay whole. */
  table.register { table-layout: fixed; font-size: 8.5pt; }
  table.register th, table.register td { padding: 3px 4px; }
  /* A long word (an email address) breaks inside its fixed column rather than push the page wider. */
  table.register td { overflow-wrap: anywhere; }
</style>`;

export function renderThreatReportHtml(data: ThreatReportData, lang: ReportLanguage): string {
  const title = `${t('title', lang)} — ${data.product.name}`;
  const body = [`<h1>${esc(title)}</h1>`, meta(data, lang), documentControl(lang), contextSection(data, lang), modelSection(data, lang), registerSection(data, lang), traceSection(data, lang)].join('\n');
  return page(lang, title, `${extraCss}\n${body}`);
}
