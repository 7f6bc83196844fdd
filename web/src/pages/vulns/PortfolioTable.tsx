import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PortfolioRowT } from '../../api/vulns.js';
import { Badge, StageBadge } from '../../components/Badge.js';
import { formatDateTime } from '../../format.js';
import { KevBadge, SeverityBadge } from './Severity.js';

/**
 * Rows of a portfolio answer: product, release (archived ones marked), component, vulnerability, and
 * on a vulnerability's page the versions that fix it (`showFixed`). A row of the affected-by
 * answer listed through a record that names the id as related says which (`via`, ADR 0010 addendum 14).
 */
export function PortfolioTable({ rows, caption, showAt = false, showFixed = false, testId }: { rows: readonly (PortfolioRowT & { via?: string | null })[]; caption: string; showAt?: boolean; showFixed?: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="empty-inline">{t('vulns.portfolio.noRows')}</p>;
  return (
    <div className="table-card table-card-flat">
      <div className="table-scroll">
        <table className="table" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vulns.columns.product')}</th>
              <th scope="col">{t('vulns.columns.release')}</th>
              <th scope="col">{t('vulns.columns.component')}</th>
              <th scope="col">{t('vulns.columns.vulnerability')}</th>
              <th scope="col">{t('vulns.columns.severity')}</th>
              {showFixed ? <th scope="col">{t('vulns.columns.fixed')}</th> : null}
              {showAt ? <th scope="col">{t('vulns.columns.newAt')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.findingId}:${r.at ?? ''}`}>
                <td>
                  <Link to={`/products/${r.productId}`}>{r.productName}</Link>
                </td>
                <td>
                  <Link to={`/products/${r.productId}/releases/${r.releaseId}?tab=findings`} className="strong">
                    {r.releaseVersion}
                  </Link>{' '}
                  <StageBadge stage={r.stage as 'development'} />
                  {r.archived ? (
                    <>
                      {' '}
                      <Badge tone="gray">{t('common.archived')}</Badge>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.componentName} <span className="mono muted">{r.componentVersion}</span>
                </td>
                <td>
                  <Link to={`/vulnerabilities/${encodeURIComponent(r.vulnerabilityId)}`} className="mono">
                    {r.vulnerabilityId}
                  </Link>
                  {r.kev ? (
                    <>
                      {' '}
                      <KevBadge due={r.kevDueDate} />
                    </>
                  ) : null}
                  {r.kev && r.kevDueDate ? <div className="cell-sub">{t('vulns.kevDue', { date: r.kevDueDate })}</div> : null}
                  {r.via ? (
                    <div className="cell-sub" data-testid="affected-via">
                      {t('vulns.portfolio.via', { record: r.via })}
                    </div>
                  ) : null}
                </td>
                <td>
                  <SeverityBadge severity={r.severity} />
                </td>
                {showFixed ? <td className="mono small">{r.fixedVersions.join(', ') || '—'}</td> : null}
                {showAt ? <td className="tabular nowrap">{formatDateTime(r.at)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
