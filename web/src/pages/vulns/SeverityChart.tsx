import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeverityHistoryT, SeverityT } from '../../api/vulns.js';
import { severityColors } from './Severity.js';

const stack: readonly SeverityT[] = ['critical', 'high', 'medium', 'low', 'unknown', 'none'];
const width = 720;
const height = 200;
const pad = { left: 36, right: 8, top: 10, bottom: 26 };

/**
 * Active findings per severity over time, as stacked bars (one per day with finding events), drawn
 * in SVG. The same numbers are in a visually hidden table for screen readers.
 */
export function SeverityChart({ history, maxPoints = 60 }: { history: SeverityHistoryT; maxPoints?: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const points = history.points.slice(-maxPoints);
  if (points.length === 0) return <p className="empty-inline">{t('vulns.chart.empty')}</p>;
  const totals = points.map((p) => stack.reduce((sum, s) => sum + (p.counts[s] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / points.length;
  const bar = Math.max(2, Math.min(36, slot * 0.7));
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const labelled = new Set([0, points.length - 1, Math.floor((points.length - 1) / 2)]);
  const last = points[points.length - 1]!;
  const summary = stack
    .filter((s) => (last.counts[s] ?? 0) > 0)
    .map((s) => `${t(`vulns.severity.${s}`)} ${last.counts[s]}`)
    .join(', ');
  return (
    <figure className="vx-chart-wrap" style={{ margin: 0 }}>
      <svg className="vx-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t('vulns.chart.label', { date: last.date, summary: summary || '0' })}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#dfe3e8" strokeWidth="1" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#667085">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          let base = 0;
          const x = pad.left + slot * i + (slot - bar) / 2;
          return (
            <g key={p.date}>
              {stack.map((s) => {
                const n = p.counts[s] ?? 0;
                if (n === 0) return null;
                const top = y(base + n);
                const h = y(base) - top;
                base += n;
                return <rect key={s} x={x} y={top} width={bar} height={h} fill={severityColors[s]} />;
              })}
              {labelled.has(i) ? (
                <text x={x + bar / 2} y={height - 8} textAnchor="middle" fontSize="11" fill="#667085">
                  {p.date}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="vx-legend" aria-hidden="true">
        {stack.slice(0, 5).map((s) => (
          <li key={s}>
            <span className="vx-swatch" style={{ background: severityColors[s] }} />
            {t(`vulns.severity.${s}`)}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{t('vulns.chart.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vulns.chart.date')}</th>
            {stack.map((s) => (
              <th key={s} scope="col">
                {t(`vulns.severity.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <th scope="row">{p.date}</th>
              {stack.map((s) => (
                <td key={s}>{p.counts[s] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
