import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { severityOrder, vulnsApi, type SeverityT, type VulnerabilityPageT } from '../../api/vulns.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pagination } from '../../components/Pagination.js';
import { errorMessage, formatDateTime } from '../../format.js';
import { useCanWrite, useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import { FeedsNotice } from './FeedsNotice.js';
import { KevBadge, SeverityBadge } from './Severity.js';
import { SeverityChart } from './SeverityChart.js';

const pageSize = 50;

/** Every vulnerability with an active finding in the organisation, and severities over time. */
export function VulnerabilitiesPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const q = params.get('q') ?? '';
  const severity = (params.get('severity') ?? '') as SeverityT | '';
  const kev = params.get('kev') === 'true';
  const [draft, setDraft] = useState(q);
  const [busy, setBusy] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    setShownQ(q);
    setDraft(q);
  }

  const archived = params.get('archived') === 'include';
  const data = useResource(`vulns:${q}:${severity}:${kev}:${archived}:${offset}`, async () => {
    const page = await vulnsApi.listVulnerabilities({ q: q || undefined, severity: severity || undefined, kev: kev ? 'true' : undefined, archived: archived ? 'include' : undefined, limit: pageSize, offset });
    return { page };
  }, { keepPrevious: true });
  // The organisation's history does not depend on the list's page or filters: asked for once, not on every page.
  const history = useResource('severity-history:organization', () => vulnsApi.severityHistory());
  const update = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('offset' in next)) p.delete('offset');
    setParams(p);
  };
  const refresh = async () => {
    setBusy(true);
    setRefreshError(null);
    try {
      const s = await vulnsApi.refresh();
      notify(t('vulns.list.refreshed', { changes: s.changes, packageVersions: s.packageVersions, releases: s.releases, new: s.new, changed: s.changed, gone: s.gone + s.withdrawn }));
      data.reload();
      history.reload();
    } catch (e) {
      setRefreshError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHeading
        title={t('vulns.list.title')}
        subtitle={t('vulns.list.intro')}
        actions={
          <>
            <Link to="/portfolio" className="btn">
              {t('vulns.portfolio.title')}
            </Link>
            {canWrite ? (
              <button type="button" className="btn btn-primary" onClick={() => void refresh()} disabled={busy || data.data?.page.feeds.available === false}>
                {busy ? t('vulns.list.refreshing') : t('vulns.list.refresh')}
              </button>
            ) : null}
          </>
        }
      />
      {refreshError ? <ErrorAlert message={errorMessage(t, refreshError)} /> : null}
      {data.data ? <FeedsNotice feeds={data.data.page.feeds} /> : null}
      {data.data?.page.feeds.available ? <FindingsCurrency page={data.data.page} /> : null}
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: draft.trim() });
        }}
      >
        <div className="search">
          <label htmlFor="vuln-search" className="sr-only">
            {t('vulns.list.search')}
          </label>
          <input id="vuln-search" type="search" className="input search-input" style={{ paddingLeft: 10 }} value={draft} placeholder={t('vulns.list.searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="btn">
            {t('vulns.list.search')}
          </button>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="vuln-severity" className="toolbar-label">
            {t('vulns.findings.severityFilter')}
          </label>
          <select id="vuln-severity" className="input select select-compact" value={severity} onChange={(e) => update({ severity: e.target.value })}>
            <option value="">{t('vulns.list.allSeverities')}</option>
            {severityOrder.map((s) => (
              <option key={s} value={s}>
                {t(`vulns.severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox-single">
          <input type="checkbox" checked={kev} onChange={(e) => update({ kev: e.target.checked ? 'true' : '' })} /> {t('vulns.findings.kevOnly')}
        </label>
        <label className="checkbox-single">
          <input type="checkbox" checked={archived} onChange={(e) => update({ archived: e.target.checked ? 'include' : '' })} data-testid="vulns-archived" /> {t('vulns.list.includeArchived')}
        </label>
      </form>
      <ErrorAlert error={data.error} onRetry={data.error ? data.reload : undefined} />
      {!data.data && data.loading ? <Loading /> : null}
      {data.data && data.data.page.total === 0 ? <EmptyState title={t('vulns.list.empty')} body={t('vulns.list.emptyBody')} /> : null}
      {data.data && data.data.page.total > 0 ? (
        <div className={`table-card${data.loading ? ' is-loading' : ''}`} aria-busy={data.loading}>
          <div className="table-scroll">
            <table className="table" data-testid="vulnerabilities-table">
              <caption className="sr-only">{t('vulns.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('vulns.columns.vulnerability')}</th>
                  <th scope="col">{t('vulns.columns.severity')}</th>
                  <th scope="col">{t('vulns.columns.epss')}</th>
                  <th scope="col" className="num">
                    {t('vulns.columns.releases')}
                  </th>
                  <th scope="col" className="num">
                    {t('vulns.columns.findings')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.data.page.items.map((v) => (
                  <tr key={v.vulnerabilityId}>
                    <td>
                      <Link to={`/vulnerabilities/${encodeURIComponent(v.vulnerabilityId)}`} className="strong mono">
                        {v.vulnerabilityId}
                      </Link>
                      {v.kev ? (
                        <>
                          {' '}
                          <KevBadge />
                        </>
                      ) : null}
                      {v.summary ? <div className="cell-sub">{v.summary}</div> : null}
                    </td>
                    <td>
                      <SeverityBadge severity={v.severity} score={v.cvssScore} />
                    </td>
                    <td className="tabular">{v.epssScore === null ? <span className="muted">—</span> : `${(v.epssScore * 100).toFixed(1)}%`}</td>
                    <td className="num tabular">
                      {v.releases}
                      {v.archivedReleases > 0 ? <div className="cell-sub">{t('vulns.list.archivedReleases', { count: v.archivedReleases })}</div> : null}
                    </td>
                    <td className="num tabular">{v.findings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {data.data ? <Pagination total={data.data.page.total} limit={pageSize} offset={offset} onChange={(o) => update({ offset: o ? String(o) : '' })} stale={data.stale} /> : null}
      {history.data ? (
        <section className="section card" aria-labelledby="org-history-title">
          <h2 id="org-history-title" className="card-title">
            {t('vulns.chart.orgTitle')}
          </h2>
          <SeverityChart history={history.data} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * How current the findings are against the vulnerability database, and whether the server catches up
 * by itself (ADR 0015): what an inspector asks first about monitoring.
 */
function FindingsCurrency({ page }: { page: VulnerabilityPageT }) {
  const { t, i18n } = useTranslation();
  const current = page.findingsCurrent;
  const head = page.feeds.lastSeq;
  const auto = page.feeds.autoAnalysis;
  const parts: string[] = [];
  if (current && head !== null)
    parts.push(
      current.seq >= head
        ? current.refreshedAt
          ? t('vulns.list.currentRefreshed', { seq: head, at: formatDateTime(current.refreshedAt) })
          : t('vulns.list.current', { seq: head })
        : t('vulns.list.behind', { seq: current.seq, head }),
    );
  if (auto) {
    const s = auto.checkSeconds;
    const interval =
      s % 3600 === 0
        ? t('vulns.list.interval.hours', { count: s / 3600 })
        : s % 60 === 0
          ? t('vulns.list.interval.minutes', { count: s / 60 })
          : t('vulns.list.interval.seconds', { count: s });
    parts.push(t('vulns.list.autoRefresh', { interval }));
  }
  if (parts.length === 0) return null;
  return (
    <p className="muted small" data-testid="findings-currency">
      {parts.join(i18n.resolvedLanguage === 'ja' ? '' : ' ')}
    </p>
  );
}
