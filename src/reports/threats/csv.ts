/**
 * The risk register and the traceability matrix as CSV for Excel: UTF-8 with a byte order mark,
 * CRLF line ends, every field quoted and formula-safe (the compliance CSV's `field`), headers and
 * labels in the report language.
 */
import { field } from '../compliance/csv.js';
import type { ReportLanguage } from '../compliance/labels.js';
import { traceOrphans, type TraceRow } from '../../core/threats/traceability.js';
import { categoryLabel, controlTypeLabel, reviewStatusLabel, riskLevelLabel, t, testKindLabel, testResultLabel, threatStatusLabel, traceGapLabel } from './labels.js';
import type { ThreatReportData } from './model.js';

function csv(rows: readonly (readonly (string | number)[])[]): Uint8Array {
  return new TextEncoder().encode(`\ufeff${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`);
}

const yesNo = (b: boolean, lang: ReportLanguage) => t(b ? 'yes' : 'no', lang);

/** One line per threat of the current threat model. */
export function renderRegisterCsv(data: ThreatReportData, lang: ReportLanguage): Uint8Array {
  const header = [
    t('id', lang), t('threat', lang), t('element', lang), t('category', lang), t('status', lang),
    `${t('before', lang)} L`, `${t('before', lang)} I`, t('initialLevel', lang),
    `${t('after', lang)} L`, `${t('after', lang)} I`, t('residualLevel', lang), t('controlled', lang),
    `${t('hazard', lang)} ID`, t('hazard', lang), t('harm', lang), t('rationale', lang),
    `${t('acceptance', lang)}: ${t('owner', lang)}`, `${t('acceptance', lang)}: ${t('generatedAt', lang)}`, `${t('acceptance', lang)}: ${t('rationale', lang)}`,
  ];
  const rows = data.register.items.map((i) => {
    const a = i.assessment;
    const e = i.evaluation;
    return [
      i.threatId, i.threatTitle, i.elementName, categoryLabel(i.category, lang), threatStatusLabel(i.status, lang),
      a ? (e?.effectiveLikelihood ?? a.likelihood) : '', a?.impact ?? '', riskLevelLabel(e?.initialLevel ?? null, lang),
      a ? (a.residualLikelihood ?? '') : '', a ? (a.residualImpact ?? '') : '', riskLevelLabel(e?.residualLevel ?? null, lang), e ? yesNo(e.controlled, lang) : '',
      a?.hazard?.hazardId ?? '', a?.hazard?.hazard ?? '', a?.hazard?.harm ?? '', a?.rationale ?? '',
      a?.acceptance?.acceptedBy ?? '', a?.acceptance?.acceptedAt ?? '', a?.acceptance?.rationale ?? '',
    ];
  });
  return csv([header, ...rows]);
}

/** Every path threat → control → requirement → test of a matrix row (at least one, possibly empty), in words of the language. */
export function tracePaths(r: TraceRow, lang: ReportLanguage): string[][] {
  const paths: string[][] = [];
  const type = (c: TraceRow['controls'][number]) => controlTypeLabel(c.type, lang);
  const review = (q: TraceRow['controls'][number]['requirements'][number]) => reviewStatusLabel(q.reviewStatus, lang);
  const test = (x: TraceRow['mitigationTests'][number]) => [x.ref, testKindLabel(x.kind, lang), testResultLabel(x.result, lang), x.executedOn ?? ''];
  for (const c of r.controls) {
    if (c.requirements.length === 0) paths.push([c.ref, type(c), '', '', '', '', '', '']);
    for (const q of c.requirements) {
      if (q.tests.length === 0) paths.push([c.ref, type(c), q.ref, review(q), '', '', '', '']);
      for (const x of q.tests) paths.push([c.ref, type(c), q.ref, review(q), ...test(x)]);
    }
  }
  for (const x of r.mitigationTests) paths.push(['', '', '', '', ...test(x)]);
  if (paths.length === 0) paths.push(['', '', '', '', '', '', '', '']);
  return paths;
}

/**
 * One line per path threat → control → requirement → test, with the row's gaps in words; then one line
 * per control traced to no threat and per requirement derived from no control (nothing in a threat's
 * path leads to them), with empty threat cells (and control cells, for a requirement) and the gaps
 * that say why.
 */
export function renderTraceCsv(data: ThreatReportData, lang: ReportLanguage): Uint8Array {
  const header = [
    t('id', lang), t('threat', lang), t('element', lang), t('category', lang), t('status', lang), t('initialLevel', lang), t('residualLevel', lang),
    t('controls', lang), `${t('controls', lang)}: ${t('type', lang)}`, t('requirements', lang), `${t('requirements', lang)}: ${t('review', lang)}`,
    t('tests', lang), `${t('tests', lang)}: ${t('kind', lang)}`, `${t('tests', lang)}: ${t('result', lang)}`, `${t('tests', lang)}: ${t('executedOn', lang)}`, t('gaps', lang),
  ];
  const rows: (string | number)[][] = [];
  for (const r of data.matrix.rows) {
    const base = [r.threatId, r.threatTitle, r.elementName, categoryLabel(r.category, lang), threatStatusLabel(r.status, lang), riskLevelLabel(r.risk?.initialLevel ?? null, lang), riskLevelLabel(r.risk?.residualLevel ?? null, lang)];
    const gaps = r.gaps.map((g) => traceGapLabel(g, lang)).join(' / ');
    for (const p of tracePaths(r, lang)) rows.push([...base, ...p, gaps]);
  }
  for (const o of traceOrphans(data.matrix)) {
    const path = o.kind === 'control' ? [o.ref, '', '', '', '', '', '', ''] : ['', '', o.ref, reviewStatusLabel(o.reviewStatus ?? '', lang), '', '', '', ''];
    rows.push(['', '', '', '', '', '', '', ...path, o.gaps.map((g) => traceGapLabel(g, lang)).join(' / ')]);
  }
  return csv([header, ...rows]);
}
