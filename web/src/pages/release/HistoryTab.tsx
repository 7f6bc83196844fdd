import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloads } from '../../api/client.js';
import type { ReleaseT, SbomSummaryT } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { CopyButton } from '../../components/CopyButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { Pagination } from '../../components/Pagination.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { useResource } from '../../useResource.js';
import { DiagnosticList } from './DiagnosticList.js';
import { formatBytes } from './util.js';

const limit = 20;

/** Every SBOM uploaded for the release, newest (current) first, with its warnings. */
export function HistoryTab({ release, version }: { release: ReleaseT; version: number }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  // Paging keeps the previous page (dimmed) until the next arrives; a new SBOM (`version`) reloads.
  const list = useResource(
    `sboms:${release.id}:${offset}`,
    () => api.listSboms(release.id, { limit, offset }),
    {
      revision: version,
      keepPrevious: true,
    },
  );
  if (list.error && !list.data) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.total === 0)
    return <EmptyState title={t('sbom.history.emptyTitle')} body={t('sbom.history.emptyBody')} />;
  return (
    <div className={`table-card${list.loading ? ' is-loading' : ''}`} aria-busy={list.loading}>
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">{t('release.tabs.history')}</caption>
          <thead>
            <tr>
              <th scope="col" className="col-expand">
                <span className="sr-only">{t('common.details')}</span>
              </th>
              <th scope="col">{t('sbom.history.columns.file')}</th>
              <th scope="col">{t('sbom.history.columns.format')}</th>
              <th scope="col" className="num">
                {t('sbom.history.columns.components')}
              </th>
              <th scope="col" className="num">
                {t('sbom.history.columns.warnings')}
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t('sbom.history.columns.uploaded')}</th>
              <th scope="col" className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s, i) => (
              <Fragment key={s.id}>
                <tr className={open === s.id ? 'row-open' : undefined}>
                  <td className="col-expand">
                    <button
                      type="button"
                      className="expander"
                      aria-expanded={open === s.id}
                      aria-controls={`sbom-detail-${s.id}`}
                      aria-label={t('sbom.history.showDetails', { name: s.fileName })}
                      onClick={() => setOpen(open === s.id ? null : s.id)}
                    >
                      <svg viewBox="0 0 12 12" aria-hidden="true">
                        <path d="M4.5 3l3 3-3 3" fill="none" stroke="currentColor" strokeWidth="1.5" />
                      </svg>
                    </button>
                  </td>
                  <td className="cell-primary">
                    <span className="break">{s.fileName}</span>{' '}
                    {offset === 0 && i === 0 ? <Badge tone="green">{t('sbom.history.current')}</Badge> : null}
                    <div className="cell-sub">{formatBytes(s.sizeBytes)}</div>
                  </td>
                  <td className="nowrap">
                    {s.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} {s.specVersion}
                    <div className="cell-sub">{s.encoding.toUpperCase()}</div>
                  </td>
                  <td className="num tabular">{formatNumber(s.componentCount)}</td>
                  <td className="num tabular">
                    {s.warningCount ? (
                      <Badge tone="amber">{formatNumber(s.warningCount)}</Badge>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                  <td>
                    <Sha256 sbom={s} />
                  </td>
                  <td className="nowrap">
                    <span className="tabular">{formatDateTime(s.createdAt)}</span>
                    <div className="cell-sub">
                      {s.createdBy}{' '}
                      <span
                        className={`badge badge-${s.source === 'ci' ? 'blue' : 'gray'}`}
                        data-testid="sbom-source"
                      >
                        {t(`sbom.history.source.${s.source}`)}
                      </span>
                    </div>
                  </td>
                  <td className="col-actions">
                    <a
                      className="btn btn-small"
                      href={downloads.sbomOriginal(s.id)}
                      download
                      aria-label={t('sbom.history.downloadLabel', { name: s.fileName })}
                    >
                      {t('sbom.history.download')}
                    </a>
                  </td>
                </tr>
                {open === s.id ? (
                  <tr className="row-detail" id={`sbom-detail-${s.id}`}>
                    <td />
                    <td colSpan={7}>
                      <SbomDetail id={s.id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination total={list.data.total} limit={limit} offset={offset} onChange={setOffset} />
    </div>
  );
}

function Sha256({ sbom }: { sbom: SbomSummaryT }) {
  const { t } = useTranslation();
  return (
    <span className="sha">
      <code title={sbom.sha256}>{sbom.sha256.slice(0, 12)}…</code>
      <CopyButton text={sbom.sha256} label={t('sbom.history.copySha', { name: sbom.fileName })}>
        {t('common.copy')}
      </CopyButton>
    </span>
  );
}

function SbomDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useResource(`sbom:${id}`, () => api.getSbom(id));
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  const warnings = d.diagnostics.filter((x) => x.severity === 'warning');
  return (
    <div className="sbom-detail">
      <dl className="deflist deflist-compact">
        <div>
          <dt>{t('sbom.history.serialNumber')}</dt>
          <dd className="mono break">{d.serialNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('sbom.history.bomVersion')}</dt>
          <dd>{d.bomVersion ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('sbom.history.documentTimestamp')}</dt>
          <dd className="tabular">{d.documentTimestamp ? formatDateTime(d.documentTimestamp) : '—'}</dd>
        </div>
        <div>
          <dt>{t('sbom.history.dependencies')}</dt>
          <dd className="tabular">{formatNumber(d.dependencyCount)}</dd>
        </div>
        <div className="deflist-wide">
          <dt>SHA-256</dt>
          <dd className="mono break">{d.sha256}</dd>
        </div>
      </dl>
      <h3 className="side-panel-subheading">{t('sbom.history.warningsTitle', { count: warnings.length })}</h3>
      {warnings.length ? (
        <DiagnosticList diagnostics={warnings} limit={200} />
      ) : (
        <p className="muted">{t('sbom.history.noWarnings')}</p>
      )}
    </div>
  );
}
