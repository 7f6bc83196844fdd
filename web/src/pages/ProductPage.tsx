import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { ProductT, ReleaseT } from '../api/types.js';
import { Badge, StageBadge } from '../components/Badge.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { formatDate, formatDateTime } from '../format.js';
import { useCanWrite, useNotify } from '../session.js';
import { useResource } from '../useResource.js';
import { VulnSettingsCard } from './vulns/VulnSettingsCard.js';

type Pending = { kind: 'product'; product: ProductT } | { kind: 'release'; release: ReleaseT } | null;

export function ProductPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const canWrite = useCanWrite();
  const notify = useNotify();
  const product = useResource(`product:${id}`, () => api.getProduct(id));
  const releases = useResource(`releases:${id}`, () =>
    api.listReleases(id, { archived: 'include', limit: 500 }),
  );
  const [pending, setPending] = useState<Pending>(null);

  if (product.error && !product.data)
    return (
      <div className="page">
        <Link to="/products" className="backlink">
          ‹ {t('product.backToList')}
        </Link>
        <ErrorAlert error={product.error} onRetry={product.reload} />
      </div>
    );
  if (!product.data) return <Loading />;
  const p = product.data;
  const archived = p.archivedAt !== null;
  const writable = canWrite && !archived;

  const actions = (
    <>
      <Link to={`/products/${p.id}/threats`} className="btn">
        {t('threats.productLink')}
      </Link>
      <Link to={`/products/${p.id}/compliance`} className="btn">
        {t('compliance.productLink')}
      </Link>
      {canWrite ? (
        <>
          {!archived ? (
            <Link to={`/products/${p.id}/edit`} className="btn">
              {t('common.edit')}
            </Link>
          ) : null}
          <button type="button" className="btn" onClick={() => setPending({ kind: 'product', product: p })}>
            {archived ? t('common.restore') : t('common.archive')}
          </button>
        </>
      ) : null}
    </>
  );

  const list = (v: readonly string[], ns: string) =>
    v.length ? (
      <span className="chips">
        {v.map((x) => (
          <span key={x} className="chip chip-soft">
            {t(`${ns}.${x}`)}
          </span>
        ))}
      </span>
    ) : (
      <span className="muted">{t('common.notSet')}</span>
    );

  return (
    <div className="page">
      <Link to="/products" className="backlink">
        ‹ {t('product.backToList')}
      </Link>
      <PageHeading
        title={p.name}
        subtitle={
          <span className="heading-meta">
            <span>{p.manufacturer}</span>
            {p.deviceClass ? <Badge tone="neutral">{t(`deviceClass.${p.deviceClass}`)}</Badge> : null}
            {p.isSamd ? <Badge tone="blue">{t('product.samdYes')}</Badge> : null}
            {archived ? <Badge tone="gray">{t('common.archived')}</Badge> : null}
          </span>
        }
        actions={actions}
      />
      {archived ? <div className="alert alert-info">{t('product.archivedNotice')}</div> : null}

      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title" className="card-title">
          {t('product.overview')}
        </h2>
        <dl className="deflist">
          <div>
            <dt>{t('product.fields.modelNumbers')}</dt>
            <dd>
              {p.modelNumbers.length ? (
                <span className="chips">
                  {p.modelNumbers.map((m) => (
                    <code key={m} className="chip">
                      {m}
                    </code>
                  ))}
                </span>
              ) : (
                <span className="muted">{t('product.noModelNumbers')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('product.fields.manufacturer')}</dt>
            <dd>{p.manufacturer}</dd>
          </div>
          <div>
            <dt>{t('product.fields.deviceClass')}</dt>
            <dd>
              {p.deviceClass ? (
                t(`deviceClass.${p.deviceClass}`)
              ) : (
                <span className="muted">{t('product.deviceClassUnset')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('product.fields.isSamd')}</dt>
            <dd>{p.isSamd ? t('common.yes') : t('common.no')}</dd>
          </div>
          <div>
            <dt>{t('product.fields.useEnvironments')}</dt>
            <dd>{list(p.useEnvironments, 'useEnvironment')}</dd>
          </div>
          <div>
            <dt>{t('product.fields.connectivity')}</dt>
            <dd>{list(p.connectivity, 'connectivity')}</dd>
          </div>
          <div className="deflist-wide">
            <dt>{t('product.fields.description')}</dt>
            <dd className="prewrap">
              {p.description || <span className="muted">{t('common.notSet')}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('product.fields.createdAt')}</dt>
            <dd className="tabular">{formatDateTime(p.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('product.fields.updatedAt')}</dt>
            <dd className="tabular">{formatDateTime(p.updatedAt)}</dd>
          </div>
          {archived ? (
            <div>
              <dt>{t('product.fields.archivedAt')}</dt>
              <dd className="tabular">{formatDateTime(p.archivedAt)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <VulnSettingsCard productId={p.id} archived={archived} />

      <section className="section" aria-labelledby="releases-title">
        <div className="section-heading">
          <h2 id="releases-title">
            {t('releases.title')}
            {releases.data ? <span className="count-pill">{releases.data.total}</span> : null}
          </h2>
          {writable ? (
            <Link to={`/products/${p.id}/releases/new`} className="btn btn-primary">
              <span aria-hidden="true">＋</span> {t('releases.new')}
            </Link>
          ) : null}
        </div>
        <ErrorAlert error={releases.error} onRetry={releases.error ? releases.reload : undefined} />
        {!releases.data && releases.loading ? <Loading /> : null}
        {releases.data && releases.data.items.length === 0 ? (
          <EmptyState
            title={t('releases.emptyTitle')}
            body={writable ? t('releases.emptyBody') : t('releases.emptyViewer')}
            action={
              writable ? (
                <Link to={`/products/${p.id}/releases/new`} className="btn">
                  {t('releases.new')}
                </Link>
              ) : null
            }
          />
        ) : null}
        {releases.data && releases.data.items.length > 0 ? (
          <div className="table-card">
            <div className="table-scroll">
              <table className="table">
                <caption className="sr-only">{t('releases.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('releases.columns.version')}</th>
                    <th scope="col">{t('releases.columns.stage')}</th>
                    <th scope="col" className="col-date">
                      {t('releases.columns.releaseDate')}
                    </th>
                    <th scope="col" className="col-date">
                      {t('releases.columns.endOfLife')}
                    </th>
                    <th scope="col" className="col-date">
                      {t('releases.columns.endOfSupport')}
                    </th>
                    <th scope="col" className="col-date">
                      {t('releases.columns.updatedAt')}
                    </th>
                    {canWrite ? (
                      <th scope="col" className="col-actions">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {releases.data.items.map((r) => (
                    <tr key={r.id} className={r.archivedAt ? 'row-archived' : undefined}>
                      <td className="cell-primary">
                        <Link to={`/products/${p.id}/releases/${r.id}`} className="mono">
                          {r.version}
                        </Link>
                        {r.archivedAt ? (
                          <>
                            {' '}
                            <Badge tone="gray">{t('common.archived')}</Badge>
                          </>
                        ) : null}
                        {r.notes ? <div className="cell-sub">{r.notes}</div> : null}
                      </td>
                      <td>
                        <StageBadge stage={r.stage} />
                      </td>
                      <td className="col-date tabular nowrap">{formatDate(r.releaseDate)}</td>
                      <td className="col-date tabular nowrap">{formatDate(r.endOfLife)}</td>
                      <td className="col-date tabular nowrap">{formatDate(r.endOfSupport)}</td>
                      <td className="col-date tabular nowrap muted">{formatDateTime(r.updatedAt)}</td>
                      {canWrite ? (
                        <td className="col-actions">
                          <div className="row-actions">
                            {!r.archivedAt && !archived ? (
                              <Link
                                to={`/releases/${r.id}/edit`}
                                className="btn btn-small"
                                aria-label={`${t('common.edit')}: ${r.version}`}
                              >
                                {t('common.edit')}
                              </Link>
                            ) : null}
                            {!archived ? (
                              <button
                                type="button"
                                className="btn btn-small"
                                aria-label={`${r.archivedAt ? t('common.restore') : t('common.archive')}: ${r.version}`}
                                onClick={() => setPending({ kind: 'release', release: r })}
                              >
                                {r.archivedAt ? t('common.restore') : t('common.archive')}
                              </button>
                            ) : null}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </section>

      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        danger={
          pending?.kind === 'product'
            ? !pending.product.archivedAt
            : pending?.kind === 'release'
              ? !pending.release.archivedAt
              : false
        }
        title={
          pending?.kind === 'product'
            ? t(pending.product.archivedAt ? 'product.restoreConfirmTitle' : 'product.archiveConfirmTitle', {
                name: pending.product.name,
              })
            : pending?.kind === 'release'
              ? t(
                  pending.release.archivedAt ? 'release.restoreConfirmTitle' : 'release.archiveConfirmTitle',
                  { version: pending.release.version },
                )
              : ''
        }
        body={
          pending?.kind === 'product'
            ? t(pending.product.archivedAt ? 'product.restoreConfirmBody' : 'product.archiveConfirmBody')
            : pending?.kind === 'release'
              ? t(pending.release.archivedAt ? 'release.restoreConfirmBody' : 'release.archiveConfirmBody')
              : ''
        }
        confirmLabel={
          (pending?.kind === 'product' && pending.product.archivedAt) ||
          (pending?.kind === 'release' && pending.release.archivedAt)
            ? t('common.restore')
            : t('common.archive')
        }
        onConfirm={async () => {
          if (pending?.kind === 'product') {
            const next = await api.setProductArchived(pending.product.id, !pending.product.archivedAt);
            product.mutate(next);
            notify(t(next.archivedAt ? 'product.archivedDone' : 'product.restoredDone'));
          } else if (pending?.kind === 'release') {
            const next = await api.setReleaseArchived(pending.release.id, !pending.release.archivedAt);
            releases.reload();
            notify(t(next.archivedAt ? 'release.archivedDone' : 'release.restoredDone'));
          }
        }}
      />
    </div>
  );
}
