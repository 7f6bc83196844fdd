import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Badge } from '../../components/Badge.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { useResource } from '../../useResource.js';
import { gapKinds, threatsApi, type TraceRowT } from './api.js';
import { categoryLabel } from './ElementPanel.js';

const resultTone = { not_run: 'gray', passed: 'green', failed: 'red', inconclusive: 'amber' } as const;
const levelTone = { acceptable: 'green', alara: 'amber', unacceptable: 'red' } as const;

/** The traceability matrix threat → risk → control → requirement → test → result, gaps highlighted. */
export function TraceTab({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const trace = useResource(`trace:${productId}`, () => threatsApi.traceability(productId));
  const [gapsOnly, setGapsOnly] = useState(false);

  if (trace.error && !trace.data) {
    if (trace.error instanceof ApiError && trace.error.code === 'threat_model.none')
      return <EmptyState title={t('threats.risk.noModelTitle')} body={t('threats.risk.noModelBody')} />;
    return <ErrorAlert error={trace.error} onRetry={trace.reload} />;
  }
  if (!trace.data) return <Loading />;
  const m = trace.data.matrix;
  const rows = gapsOnly ? m.rows.filter((r) => r.gaps.length > 0) : m.rows;
  const gapTotal = m.gaps.length;
  const threatsCount = m.counts.threats ?? m.rows.length;
  const closed = m.counts.closed ?? m.rows.filter((r) => r.gaps.length === 0).length;
  // Controls and requirements that no threat row leads to: they have no place in the matrix, so they are listed below it.
  const orphans = m.gaps.filter(
    (g) => g.kind === 'control_without_threat' || g.kind === 'requirement_without_control',
  );

  return (
    <div className="section">
      <div className="stats trace-stats" data-testid="trace-summary">
        <div className="stat">
          <div className="stat-big">{threatsCount}</div>
          <div className="small muted">{t('threats.trace.threats')}</div>
        </div>
        <div className="stat">
          <div className="stat-big">{closed}</div>
          <div className="small muted">{t('threats.trace.closed')}</div>
        </div>
        <div className={`stat${gapTotal ? ' stat-gap' : ''}`}>
          <div className="stat-big">{gapTotal}</div>
          <div className="small muted">{t('threats.trace.gaps')}</div>
        </div>
      </div>
      {gapTotal > 0 ? (
        <ul className="chips trace-gapcounts" aria-label={t('threats.trace.gapsByKind')}>
          {gapKinds
            .filter((k) => (m.counts[k] ?? 0) > 0)
            .map((k) => (
              <li key={k} className="chip chip-gap">
                {t(`threats.gap.${k}`)}: {m.counts[k]}
              </li>
            ))}
        </ul>
      ) : m.rows.length > 0 ? (
        <div className="alert alert-success" role="status" data-testid="trace-closed">
          {t('threats.trace.allClosed')}
        </div>
      ) : null}
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)} />
          <span>{t('threats.trace.gapsOnly')}</span>
        </label>
        <span className="toolbar-count small muted" role="status" aria-live="polite">
          {t('threats.trace.showing', { shown: rows.length, total: m.rows.length })}
        </span>
        <span className="toolbar-spacer" />
        <a className="btn btn-small" href={threatsApi.traceabilityCsvUrl(productId)} download>
          {t('threats.trace.csv')}
        </a>
        <span className="small muted">{t('threats.report.title')}</span>
        {(['html', 'pdf'] as const).flatMap((format) =>
          (['ja', 'en'] as const).map((lang) => (
            <a
              key={`${format}-${lang}`}
              className="btn btn-small"
              href={threatsApi.threatReportUrl(productId, format, lang)}
              download
              title={t('threats.report.hint')}
            >
              {t(`threats.report.${format}_${lang}`)}
            </a>
          )),
        )}
        <a
          className="btn btn-small"
          href={threatsApi.threatReportUrl(productId, 'csv', 'ja', 'register')}
          download
        >
          {t('threats.report.csvRegister')}
        </a>
      </div>
      {m.rows.length === 0 ? <p className="muted">{t('threats.trace.noThreats')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-card">
          <div className="table-scroll">
            <table className="table trace" data-testid="trace-matrix">
              <caption className="sr-only">{t('threats.trace.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('threats.trace.threat')}</th>
                  <th scope="col">{t('threats.trace.risk')}</th>
                  <th scope="col">{t('threats.trace.control')}</th>
                  <th scope="col">{t('threats.trace.requirement')}</th>
                  <th scope="col">{t('threats.trace.test')}</th>
                  <th scope="col">{t('threats.trace.gapsCol')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <TraceRow key={r.threatId} row={r} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {orphans.length > 0 ? (
        <section className="section" aria-labelledby="trace-orphans-title" data-testid="trace-orphans">
          <div className="section-heading">
            <h2 id="trace-orphans-title">
              {t('threats.trace.orphansTitle')} <span className="count-pill">{orphans.length}</span>
            </h2>
          </div>
          <ul className="trace-list">
            {orphans.map((g) => (
              <li key={`${g.kind}:${g.controlId ?? g.requirementId ?? ''}`}>
                <span className="mono">{g.ref}</span>{' '}
                <span className="trace-missing">{t(`threats.gap.${g.kind}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function TestChip({ test }: { test: { ref: string; result: keyof typeof resultTone } }) {
  const { t } = useTranslation();
  return (
    <span
      className={`trace-test${test.result === 'failed' || test.result === 'inconclusive' ? ' is-gap' : ''}`}
    >
      <span className="mono">{test.ref}</span>{' '}
      <Badge tone={resultTone[test.result]}>{t(`threats.testResult.${test.result}`)}</Badge>
    </span>
  );
}

function Missing({ label }: { label: string }) {
  return <span className="trace-missing">{label}</span>;
}

function TraceRow({ row }: { row: TraceRowT }) {
  const { t } = useTranslation();
  const gap = row.gaps.length > 0;
  return (
    <tr className={gap ? 'trace-row-gap' : 'trace-row-ok'} data-threat-id={row.threatId}>
      <td className="cell-primary">
        {row.threatTitle}
        <div className="cell-sub">
          {row.elementName} · {categoryLabel(t, { method: 'stride', category: row.category })}
        </div>
      </td>
      <td>
        {row.risk ? (
          <span className="nowrap">
            {row.risk.initialLevel ? (
              <Badge tone={levelTone[row.risk.initialLevel as keyof typeof levelTone] ?? 'neutral'}>
                {t(`threats.riskLevel.${row.risk.initialLevel}`)}
              </Badge>
            ) : (
              '—'
            )}
            {' → '}
            {row.risk.residualLevel ? (
              <Badge tone={levelTone[row.risk.residualLevel as keyof typeof levelTone] ?? 'neutral'}>
                {t(`threats.riskLevel.${row.risk.residualLevel}`)}
              </Badge>
            ) : (
              '—'
            )}
          </span>
        ) : (
          <Missing label={t('threats.trace.noRisk')} />
        )}
      </td>
      <td>
        {row.controls.length === 0 ? (
          <Missing label={t('threats.gap.threat_without_control')} />
        ) : (
          <ul className="trace-list">
            {row.controls.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.ref}</span>{' '}
                <span className="small muted">{t(`threats.controlType.${c.type}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {row.controls.length === 0 ? null : (
          <ul className="trace-list">
            {row.controls.map((c) =>
              c.requirements.length === 0 ? (
                <li key={c.id}>
                  <Missing label={t('threats.gap.control_without_requirement')} />
                </li>
              ) : (
                c.requirements.map((q) => (
                  <li key={`${c.id}:${q.id}`}>
                    <span className="mono">{q.ref}</span>{' '}
                    <span className={`small ${q.reviewStatus === 'approved' ? 'muted' : 'trace-warn'}`}>
                      {t(`threats.review.${q.reviewStatus}`)}
                    </span>
                  </li>
                ))
              ),
            )}
          </ul>
        )}
      </td>
      <td>
        <ul className="trace-list">
          {row.controls.flatMap((c) =>
            c.requirements.map((q) =>
              q.tests.length === 0 ? (
                <li key={`${c.id}:${q.id}`}>
                  <Missing label={t('threats.gap.requirement_without_test')} />
                </li>
              ) : (
                q.tests.map((x) => (
                  <li key={`${c.id}:${q.id}:${x.id}`}>
                    <TestChip test={x} />
                  </li>
                ))
              ),
            ),
          )}
          {row.mitigationTests.map((x) => (
            <li key={`m:${x.id}`}>
              <TestChip test={x} />{' '}
              {/* Linked to the threat directly, but named by its own kind: a penetration test stays one. */}
              <span className="small muted">{t(`threats.testKind.${x.kind}`)}</span>
            </li>
          ))}
        </ul>
      </td>
      <td>
        {gap ? (
          <ul className="trace-list">
            {row.gaps.map((g) => (
              <li key={g} className="trace-gap">
                {t(`threats.gap.${g}`)}
              </li>
            ))}
          </ul>
        ) : (
          <Badge tone="green">{t('threats.trace.ok')}</Badge>
        )}
      </td>
    </tr>
  );
}
