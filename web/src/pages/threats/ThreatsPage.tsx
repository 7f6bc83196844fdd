import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.js';
import { useCanWrite } from '../../session.js';
import { useResource } from '../../useResource.js';
import { ContextTab } from './ContextTab.js';
import { ModelTab } from './ModelTab.js';
import { RegisterTab } from './RegisterTab.js';
import { RiskTab } from './RiskTab.js';
import { TraceTab } from './TraceTab.js';
import './threats.css';

const tabKeys = ['model', 'risks', 'register', 'trace', 'context'] as const;
type TabKey = (typeof tabKeys)[number];
const isTab = (v: string | null): v is TabKey => tabKeys.includes(v as TabKey);

/**
 * Threat modelling and security risk management of one product (IEC 81001-5-1 clause 7, 5.2, 5.7):
 * the data-flow diagram with threats per element, the risk register, controls → requirements → tests,
 * the traceability matrix and the product security context.
 */
export function ThreatsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'model';
  const product = useResource(`threats-product:${id}`, () => api.getProduct(id));
  const canWrite = useCanWrite();
  // The model editor keeps its draft while another tab is shown: once opened it stays mounted
  // (hidden), and leaving the page with unsaved changes asks first.
  const [modelOpened, setModelOpened] = useState(tab === 'model');
  if (tab === 'model' && !modelOpened) setModelOpened(true);
  const [modelDirty, setModelDirty] = useState(false);

  if (product.error && !product.data)
    return (
      <div className="page">
        <Link to={`/products/${id}`} className="backlink">
          ‹ {t('threats.page.back')}
        </Link>
        <ErrorAlert error={product.error} onRetry={product.reload} />
      </div>
    );
  if (!product.data) return <Loading />;
  const p = product.data;
  const writable = canWrite && p.archivedAt === null;

  const select = (key: TabKey) => {
    const next = new URLSearchParams(params);
    if (key === 'model') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page page-wide">
      <Link to={`/products/${p.id}`} className="backlink">
        ‹ {p.name}
      </Link>
      <PageHeading
        title={t('threats.page.title', { name: p.name })}
        subtitle={
          <span className="heading-meta">
            <span>{t('threats.page.subtitle')}</span>
            {p.archivedAt ? <Badge tone="gray">{t('common.archived')}</Badge> : null}
          </span>
        }
      />
      <Tabs
        id="threats"
        label={t('threats.page.tabsLabel')}
        tabs={tabKeys.map((k) => ({ key: k, label: t(`threats.tabs.${k}`) }))}
        selected={tab}
        onSelect={select}
      />
      <UnsavedChangesGuard when={modelDirty} />
      {modelOpened ? (
        <div {...tabPanelProps('threats', 'model')} hidden={tab !== 'model'}>
          <ModelTab
            key={p.id}
            productId={p.id}
            productName={p.name}
            writable={writable}
            onDirtyChange={setModelDirty}
          />
        </div>
      ) : null}
      {tab !== 'model' ? (
        <div {...tabPanelProps('threats', tab)}>
          {modelDirty ? (
            <div className="alert alert-info" role="status" data-testid="tm-unsaved-elsewhere">
              {t('threats.page.unsavedModel')}
            </div>
          ) : null}
          {tab === 'risks' ? (
            <RiskTab productId={p.id} writable={writable} />
          ) : tab === 'register' ? (
            <RegisterTab productId={p.id} writable={writable} />
          ) : tab === 'trace' ? (
            <TraceTab productId={p.id} />
          ) : (
            <ContextTab productId={p.id} writable={writable} />
          )}
        </div>
      ) : null}
    </div>
  );
}
