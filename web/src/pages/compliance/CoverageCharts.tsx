import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { entryNumber } from '../../../../src/core/compliance/catalog.js';
import { useResource } from '../../useResource.js';
import { complianceApi, type CatalogEntriesT, type GapAnalysisT, type GapRowT } from './api.js';

/** The segments of a bar, in the order they are drawn (done first). */
/** `none`: not assessed (no status), apart from an assessment of not started. */
export const segments = [
  'verified',
  'implemented',
  'in_progress',
  'not_started',
  'none',
  'not_applicable',
] as const;
export type Segment = (typeof segments)[number];
export type Counts = Readonly<Record<Segment, number>>;

const empty = (): Record<Segment, number> => ({
  verified: 0,
  implemented: 0,
  in_progress: 0,
  not_started: 0,
  none: 0,
  not_applicable: 0,
});

/** Counts of one catalog from its summary (the same numbers as the progress cards). */
export function catalogCounts(s: GapAnalysisT['catalogs'][number]['summary']): Counts {
  return {
    verified: s.verified,
    implemented: s.implemented,
    in_progress: s.inProgress,
    not_started: s.notStarted,
    none: s.notAssessed,
    not_applicable: s.notApplicable,
  };
}

/**
 * Counts per top-level clause of one catalog over its work items (the rows of the gap analysis:
 * entries without children; headings are rolled up from them). Not assessed is counted apart from
 * not started, as in the summary; informative entries are left out.
 */
export function clauseCounts(
  entries: CatalogEntriesT['entries'],
  rows: readonly GapRowT[],
): { entry: CatalogEntriesT['entries'][number]; counts: Counts }[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rootOf = (id: string) => {
    let cur = byId.get(id);
    for (let i = 0; i < 50 && cur?.parent != null && byId.has(cur.parent); i++) cur = byId.get(cur.parent);
    return cur;
  };
  const out = new Map<
    string,
    { entry: CatalogEntriesT['entries'][number]; counts: Record<Segment, number> }
  >();
  for (const e of entries)
    if (e.parent === null || !byId.has(e.parent)) out.set(e.id, { entry: e, counts: empty() });
  for (const r of rows) {
    if (!r.entry.normative) continue;
    const root = rootOf(r.entry.id);
    const c = root ? out.get(root.id)?.counts : undefined;
    if (c) c[r.status ?? 'none'] += 1;
  }
  return [...out.values()].filter((x) => segments.some((s) => x.counts[s] > 0));
}

const total = (c: Counts) => segments.reduce((n, s) => n + c[s], 0);
const donePercent = (c: Counts) => {
  const applicable = total(c) - c.not_applicable;
  return applicable === 0 ? 0 : Math.floor(((c.verified + c.implemented) * 100) / applicable);
};

/** One horizontal stacked bar; the numbers are in the text beside it and in the table. */
function Bar({ counts }: { counts: Counts }) {
  const width = 300;
  const n = total(counts);
  let x = 0;
  return (
    <svg
      className="coverage-bar"
      viewBox={`0 0 ${width} 14`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="0" width={width} height="14" className="coverage-seg-empty" />
      {n > 0
        ? segments.map((s) => {
            const w = (counts[s] * width) / n;
            const rect =
              w > 0 ? (
                <rect key={s} x={x} y="0" width={w} height="14" className={`coverage-seg-${s}`} />
              ) : null;
            x += w;
            return rect;
          })
        : null}
    </svg>
  );
}

function Chart({
  id,
  caption,
  items,
}: {
  id: string;
  caption: string;
  items: { key: string; label: string; counts: Counts }[];
}) {
  const { t } = useTranslation();
  return (
    <figure className="coverage-chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="coverage-caption">
        {caption}
      </figcaption>
      <ul className="coverage-rows">
        {items.map((it) => (
          <li key={it.key} className="coverage-row">
            <span className="coverage-label" title={it.label}>
              {it.label}
            </span>
            <Bar counts={it.counts} />
            <span className="coverage-figure">
              {total(it.counts) === it.counts.not_applicable
                ? t('complianceTree.charts.allNotApplicable')
                : t('complianceTree.charts.rowSummary', {
                    percent: donePercent(it.counts),
                    done: it.counts.verified + it.counts.implemented,
                    applicable: total(it.counts) - it.counts.not_applicable,
                  })}
            </span>
          </li>
        ))}
      </ul>
      <details className="coverage-table">
        <summary>{t('complianceTree.charts.asTable')}</summary>
        <div className="table-scroll">
          <table className="table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complianceTree.charts.item')}</th>
                {segments.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t(`compliance.status.${s}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('complianceTree.charts.coverage')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => (
                <tr key={it.key}>
                  <th scope="row">{it.label}</th>
                  {segments.map((s) => (
                    <td key={s} className="num">
                      {it.counts[s]}
                    </td>
                  ))}
                  <td className="num">
                    {total(it.counts) === it.counts.not_applicable ? '—' : `${donePercent(it.counts)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/**
 * Coverage charts: a stacked bar per catalog (status of its applicable entries, and not applicable),
 * and a stacked bar per top-level clause of the selected catalog. Hand-written SVG; every number is
 * also in text and in a table.
 */
export function CoverageCharts({
  analysis,
  catalog,
  lang,
}: {
  analysis: GapAnalysisT;
  catalog: GapAnalysisT['catalogs'][number] | undefined;
  lang: 'ja' | 'en';
}) {
  const { t } = useTranslation();
  const id = useId().replace(/:/g, '');
  const key = catalog?.summary.catalog ?? '';
  const loaded = useResource(`compliance-catalog-entries:${key}`, () =>
    key ? complianceApi.catalogEntries(key) : Promise.resolve(null),
  );
  const entries = loaded.data && loaded.data.catalog === key ? loaded.data.entries : null;
  return (
    <div className="coverage-charts">
      <ul className="coverage-legend" aria-label={t('complianceTree.charts.legend')}>
        {segments.map((s) => (
          <li key={s}>
            <svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" rx="2" className={`coverage-seg-${s}`} />
            </svg>{' '}
            {t(`compliance.status.${s}`)}
          </li>
        ))}
      </ul>
      <Chart
        id={`${id}-catalogs`}
        caption={t('complianceTree.charts.perCatalog')}
        items={analysis.catalogs.map((c) => ({
          key: c.summary.catalog,
          label: c.summary.title[lang],
          counts: catalogCounts(c.summary),
        }))}
      />
      {catalog && entries ? (
        <Chart
          id={`${id}-clauses`}
          caption={t('complianceTree.charts.perClause', { catalog: catalog.summary.title[lang] })}
          items={clauseCounts(entries, catalog.rows).map(({ entry, counts }) => ({
            key: entry.id,
            label: `${entryNumber(entry.id)} ${entry.title[lang]}`.trim(),
            counts,
          }))}
        />
      ) : null}
    </div>
  );
}
