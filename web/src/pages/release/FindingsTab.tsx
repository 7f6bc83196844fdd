import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import type { ReleaseT } from '../../api/types.js';
import { severityOrder, vulnsApi, type FindingDecisionT, type FindingStatusT, type ReleaseFindingT, type SeverityT, type UnevaluatedT } from '../../api/vulns.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { ListCount } from '../../components/ListCount.js';
import { Pagination } from '../../components/Pagination.js';
import { errorMessage, formatDateTime, formatNumber } from '../../format.js';
import { useCanWrite, useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import { FeedsNotice } from '../vulns/FeedsNotice.js';
import { KevBadge, SeverityBadge } from '../vulns/Severity.js';
import { SeverityChart } from '../vulns/SeverityChart.js';
import { EnglishAside, FindingEvidence, MaliciousPackageBadge } from '../vulns/FindingEvidence.js';
import { emptyFindingsText, unevaluatedText } from './evidence-text.js';

const pageSize = 50;
const statuses: readonly (FindingStatusT | 'all')[] = ['active', 'withdrawn', 'resolved-by-upgrade', 'gone', 'all'];
/** The decision filter: '' all, else one applied triage decision (undecided or a VEX state). */
const decisions = ['', 'undecided', 'in_triage', 'exploitable', 'not_affected', 'false_positive', 'resolved', 'resolved_with_pedigree'] as const;
type DecisionFilterT = (typeof decisions)[number];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The vulnerability findings of a release: analysis, filters, the evidence of each finding, history. */
export function FindingsTab({ release, archived, version }: { release: ReleaseT; archived: boolean; version: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const writable = useCanWrite() && !archived;
  const [selected, setSelected] = useState<ReadonlySet<SeverityT>>(new Set());
  const [kev, setKev] = useState(false);
  const [status, setStatus] = useState<FindingStatusT | 'all'>('active');
  const [decision, setDecision] = useState<DecisionFilterT>('');
  const [draft, setDraft] = useState('');
  const q = useDebounced(draft.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  const severity = severityOrder.filter((s) => selected.has(s)).join(',');
  const key = `findings:${release.id}:${severity}:${kev}:${status}:${decision}:${q}:${offset}`;
  // Filters and paging keep the previous rows (dimmed) until the new ones arrive; a new SBOM
  // (`version`) or an analysis (`nonce`) reloads the same rows.
  const data = useResource(key, async () => {
    const [page, unevaluated, history] = await Promise.all([
      vulnsApi.listFindings(release.id, { severity: severity || undefined, kev: kev ? 'true' : undefined, status, decision: decision || undefined, q: q || undefined, limit: pageSize, offset }),
      vulnsApi.listUnevaluated(release.id),
      vulnsApi.severityHistory(release.id),
    ]);
    return { page, unevaluated: unevaluated.items, history };
  }, { revision: `${version}:${nonce}`, keepPrevious: true });

  // While the server analyses the release by itself (after an upload), look again every two seconds.
  const pending = data.data?.page.analysisPending === true;
  const reload = data.reload;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [pending, reload]);

  const toggleSeverity = (s: SeverityT) => {
    setOffset(0);
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });
  };
  const toggleOpen = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const analyse = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const s = await vulnsApi.analyze(release.id);
      notify(t('vulns.findings.analysed', { findings: s.findings, new: s.new, changed: s.changed, gone: s.gone + s.withdrawn }));
      setNonce((n) => n + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!data.data && data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { page, unevaluated, history } = data.data;
  const analysis = page.analysis;
  const filtered = Boolean(severity || kev || status !== 'active' || decision || q);

  return (
    <div className="vx-findings">
      <FeedsNotice feeds={page.feeds} />
      <div className="toolbar">
        <div>
          <p className="muted small" style={{ margin: 0 }} data-testid="analysis-status" role="status">
            {page.analysisPending ? (
              <span className="vx-pending">{t('vulns.findings.pending')}</span>
            ) : analysis ? (
              t('vulns.findings.lastAnalysis', {
                at: formatDateTime(analysis.analysedAt),
                seq: analysis.seq,
                components: analysis.componentCount,
                unevaluated: analysis.unevaluatedCount,
              })
            ) : (
              t('vulns.findings.notAnalysed')
            )}
          </p>
          {!page.analysisPending && analysis?.refreshedAt && analysis.refreshedSeq !== null ? (
            <p className="muted small" style={{ margin: '2px 0 0' }} data-testid="analysis-refreshed">
              {t('vulns.findings.refreshedSince', { at: formatDateTime(analysis.refreshedAt), seq: analysis.refreshedSeq })}
            </p>
          ) : null}
          {page.feeds.available && page.feeds.autoAnalysis ? (
            <p className="muted small" style={{ margin: '2px 0 0' }} data-testid="analysis-auto">
              {t('vulns.findings.autoNote')}
            </p>
          ) : null}
        </div>
        {writable ? (
          <button type="button" className="btn btn-primary btn-small" onClick={() => void analyse()} disabled={busy || page.analysisPending || !page.feeds.available}>
            {busy ? t('vulns.findings.analysing') : t('vulns.findings.analyse')}
          </button>
        ) : null}
      </div>
      {actionError ? (
        <ErrorAlert
          message={actionError instanceof ApiError && actionError.code === 'vulndb.missing' ? t('vulns.noFeeds.title') : errorMessage(t, actionError)}
        />
      ) : null}

      <div className="vx-filters" role="search" aria-label={t('vulns.findings.filtersLabel')}>
        <fieldset className="vx-sevpick">
          <legend>{t('vulns.findings.severityFilter')}</legend>
          {severityOrder.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={selected.has(s)} onChange={() => toggleSeverity(s)} />
              {t(`vulns.severity.${s}`)}
            </label>
          ))}
        </fieldset>
        <label className="checkbox-single">
          <input
            type="checkbox"
            checked={kev}
            onChange={(e) => {
              setKev(e.target.checked);
              setOffset(0);
            }}
          />{' '}
          {t('vulns.findings.kevOnly')}
        </label>
        <div className="toolbar-filter">
          <label htmlFor="finding-status" className="toolbar-label">
            {t('vulns.findings.statusFilter')}
          </label>
          <select
            id="finding-status"
            className="input select select-compact"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as FindingStatusT | 'all');
              setOffset(0);
            }}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`vulns.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="finding-decision" className="toolbar-label">
            {t('vulns.findings.decisionFilter')}
          </label>
          <select
            id="finding-decision"
            className="input select select-compact"
            value={decision}
            onChange={(e) => {
              setDecision(e.target.value as DecisionFilterT);
              setOffset(0);
            }}
          >
            {decisions.map((d) => (
              <option key={d} value={d}>
                {d === '' ? t('vulns.findings.allDecisions') : d === 'undecided' ? t('triage.undecided') : t(`triage.state.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="finding-search" className="toolbar-label">
            {t('vulns.findings.search')}
          </label>
          <input
            id="finding-search"
            type="search"
            className="input findings-search"
            value={draft}
            placeholder={t('vulns.findings.searchPlaceholder')}
            onChange={(e) => {
              setDraft(e.target.value);
              setOffset(0);
            }}
          />
        </div>
        <ListCount stale={data.stale} testId="finding-count">
          {t('vulns.findings.count', { count: page.total })}
        </ListCount>
      </div>

      {page.total === 0 ? (
        <EmptyState {...emptyFindingsText(analysis, filtered, t)} />
      ) : (
        <div className={`table-card${data.loading ? ' is-loading' : ''}`} aria-busy={data.loading}>
          <div className="table-scroll">
            <table className="table findings-table" data-testid="findings-table">
              <caption className="sr-only">{t('vulns.findings.caption', { version: release.version })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-expand">
                    <span className="sr-only">{t('vulns.findings.evidence')}</span>
                  </th>
                  <th scope="col">{t('vulns.columns.vulnerability')}</th>
                  <th scope="col">{t('vulns.columns.severity')}</th>
                  <th scope="col">{t('vulns.columns.component')}</th>
                  <th scope="col">{t('vulns.columns.fixed')}</th>
                  <th scope="col">{t('vulns.columns.epss')}</th>
                  <th scope="col">{t('vulns.columns.status')}</th>
                  <th scope="col">{t('vulns.columns.decision')}</th>
                  <th scope="col" className="col-date">
                    {t('vulns.columns.firstSeen')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((f) => (
                  <FindingRow key={f.id} finding={f} open={open.has(f.id)} onToggle={() => toggleOpen(f.id)} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <Pagination total={page.total} limit={pageSize} offset={offset} onChange={setOffset} stale={data.stale} />

      {unevaluated.length > 0 ? (
        <section className="section" aria-labelledby="unevaluated-title">
          <div className="section-heading">
            <h2 id="unevaluated-title">
              {t('vulns.unevaluated.title')}
              <span className="count-pill">{formatNumber(unevaluated.length)}</span>
            </h2>
          </div>
          <p className="muted small">{t('vulns.unevaluated.intro')}</p>
          <div className="table-card table-card-flat">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('vulns.columns.component')}</th>
                  <th scope="col">{t('vulns.unevaluated.reason')}</th>
                  <th scope="col">{t('vulns.unevaluated.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {unevaluated.map((u) => (
                  <tr key={u.componentId}>
                    <td>
                      <span className="strong">{u.name}</span> <span className="mono muted">{u.version ?? ''}</span>
                    </td>
                    <td>{t(`vulns.reasons.${u.reason}`, { defaultValue: u.reason })}</td>
                    <td className="small break">
                      <UnevaluatedSentence item={u} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="section" aria-labelledby="history-title">
        <div className="section-heading">
          <h2 id="history-title">{t('vulns.chart.title')}</h2>
        </div>
        <SeverityChart history={history} />
      </section>
    </div>
  );
}

function FindingRow({ finding: f, open, onToggle }: { finding: ReleaseFindingT; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Fragment>
      <tr className={open ? 'row-open' : undefined}>
        <td className="col-expand">
          <button
            type="button"
            className="expander"
            aria-expanded={open}
            aria-controls={`finding-${f.id}`}
            aria-label={t('vulns.findings.showEvidence', { id: f.vulnerabilityId, component: f.componentName })}
            onClick={onToggle}
          >
            <svg viewBox="0 0 12 12" aria-hidden="true">
              <path d="M4.5 3l3 3-3 3" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          </button>
        </td>
        <td>
          <Link to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`} className="strong mono">
            {f.vulnerabilityId}
          </Link>
          {f.kev ? (
            <>
              {' '}
              <KevBadge due={f.kevDueDate} />
            </>
          ) : null}{' '}
          <MaliciousPackageBadge finding={f} />
          {f.aliases.length > 0 ? <div className="cell-sub mono">{f.aliases.join(', ')}</div> : null}
          {f.summary ? <div className="cell-sub" title={f.summary}>{f.summary}</div> : null}
        </td>
        <td>
          <SeverityBadge severity={f.severity} score={f.cvssScore} />
        </td>
        <td>
          <span className="strong">{f.componentName}</span> <span className="mono">{f.componentVersion}</span>
          {f.componentPurl ? <div className="cell-sub mono break" title={f.componentPurl}>{f.componentPurl}</div> : null}
        </td>
        <td className="mono">{f.fixedVersions.join(', ') || <span className="muted">—</span>}</td>
        <td className="tabular">{f.epss ? `${(f.epss.score * 100).toFixed(1)}%` : <span className="muted">—</span>}</td>
        <td>{t(`vulns.status.${f.status}`)}</td>
        <td data-testid="finding-decision">
          <DecisionCell decision={f.decision} />
        </td>
        <td className="col-date tabular nowrap">{formatDateTime(f.firstSeenAt)}</td>
      </tr>
      {open ? (
        <tr className="row-detail" id={`finding-${f.id}`}>
          <td />
          <td colSpan={8}>
            <p className="strong small">{t('vulns.findings.evidence')}</p>
            <FindingEvidence finding={f} />
            <p className="small muted">
              {t('vulns.findings.computedAt', { seq: f.computedAtSeq, lastSeen: formatDateTime(f.lastSeenAt), changed: formatDateTime(f.changedAt) })}
            </p>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** The applied triage decision: state, justification, where it comes from (unless the finding's own) and the reasoning, shortened. */
function DecisionCell({ decision: d }: { decision: FindingDecisionT | null }) {
  const { t } = useTranslation();
  if (!d) return <span className="muted">{t('triage.undecided')}</span>;
  const detail = d.detail?.replace(/\s+/g, ' ').trim() ?? '';
  return (
    <>
      <span className={`vx-decision vx-decision-${d.state}`}>{t(`triage.state.${d.state}`)}</span>
      {d.justification ? <div className="cell-sub">{t(`triage.justification.${d.justification}`)}</div> : null}
      {d.origin !== 'own' ? <div className="cell-sub muted">{t(`triage.origin.${d.origin}`)}</div> : null}
      {detail ? (
        <div className="cell-sub muted vx-decision-detail" title={detail}>
          {detail.length > 80 ? `${detail.slice(0, 79)}…` : detail}
        </div>
      ) : null}
    </>
  );
}

function UnevaluatedSentence({ item }: { item: UnevaluatedT }) {
  const { t } = useTranslation();
  const text = unevaluatedText(item, t);
  return (
    <>
      {text.sentence}
      {text.detail ? <EnglishAside label={t('vulns.explain.original')} text={text.detail} className="muted" /> : null}
    </>
  );
}
