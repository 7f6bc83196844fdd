import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import { Badge, StageBadge } from '../components/Badge.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { Tabs, tabPanelProps } from '../components/Tabs.js';
import { formatDate } from '../format.js';
import { useResource } from '../useResource.js';
import { ComponentsTab } from './release/ComponentsTab.js';
import { CompareTab } from './release/CompareTab.js';
import { ExportTab } from './release/ExportTab.js';
import { HistoryTab } from './release/HistoryTab.js';
import { QualityTab } from './release/QualityTab.js';
import { FindingsTab } from './release/FindingsTab.js';

const tabKeys = ['components', 'findings', 'history', 'quality', 'compare', 'export'] as const;
type TabKey = (typeof tabKeys)[number];
const isTab = (v: string | null): v is TabKey => tabKeys.includes(v as TabKey);

/** One release: its software inventory (SBOM + manual components), quality, differences, export. */
export function ReleasePage() {
  const { t } = useTranslation();
  const { id = '', releaseId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'components';
  // Uploading or editing changes what the other tabs show: they reload when this changes.
  const [version, setVersion] = useState(0);
  const loaded = useResource(`release-page:${id}:${releaseId}`, async () => {
    const [product, release] = await Promise.all([api.getProduct(id), api.getRelease(releaseId)]);
    return { product, release };
  });

  if (loaded.error && !loaded.data)
    return (
      <div className="page">
        <Link to={`/products/${id}`} className="backlink">
          ‹ {t('release.page.back')}
        </Link>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  if (!loaded.data) return <Loading />;
  const { product, release } = loaded.data;
  const archived = release.archivedAt !== null || product.archivedAt !== null;

  const select = (key: TabKey) => {
    const next = new URLSearchParams(params);
    if (key === 'components') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <Link to={`/products/${product.id}`} className="backlink">
        ‹ {product.name}
      </Link>
      <PageHeading
        title={t('release.page.title', { version: release.version })}
        actions={
          <Link to={`/products/${product.id}/releases/${release.id}/triage`} className="btn">
            {t('triage.openFromRelease')}
          </Link>
        }
        subtitle={
          <span className="heading-meta">
            <StageBadge stage={release.stage} />
            {release.archivedAt ? <Badge tone="gray">{t('common.archived')}</Badge> : null}
            <span className="meta-item">
              <span className="muted">{t('release.fields.releaseDate')}</span>{' '}
              <span className="tabular">{formatDate(release.releaseDate)}</span>
            </span>
            <span className="meta-item">
              <span className="muted">{t('release.fields.endOfLife')}</span>{' '}
              <span className="tabular">{formatDate(release.endOfLife)}</span>
            </span>
            <span className="meta-item">
              <span className="muted">{t('release.fields.endOfSupport')}</span>{' '}
              <span className="tabular">{formatDate(release.endOfSupport)}</span>
            </span>
          </span>
        }
      />
      {archived ? <div className="alert alert-info">{t('release.page.archivedNotice')}</div> : null}
      <Tabs
        id="release"
        label={t('release.page.tabsLabel')}
        tabs={tabKeys.map((k) => ({ key: k, label: k === 'findings' ? t('vulns.findings.tab') : t(`release.tabs.${k}`) }))}
        selected={tab}
        onSelect={select}
      />
      <div {...tabPanelProps('release', tab)}>
        {tab === 'components' ? (
          <ComponentsTab release={release} archived={archived} onChanged={() => setVersion((v) => v + 1)} />
        ) : tab === 'findings' ? (
          <FindingsTab release={release} archived={archived} version={version} />
        ) : tab === 'history' ? (
          <HistoryTab release={release} version={version} />
        ) : tab === 'quality' ? (
          <QualityTab release={release} version={version} />
        ) : tab === 'compare' ? (
          <CompareTab release={release} version={version} />
        ) : (
          <ExportTab release={release} />
        )}
      </div>
    </div>
  );
}
