import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import type { Archived } from '../api/types.js';
import { Badge } from '../components/Badge.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { ListCount } from '../components/ListCount.js';
import { PageHeading } from '../components/PageHeading.js';
import { Pagination } from '../components/Pagination.js';
import { formatDateTime } from '../format.js';
import { useCanWrite } from '../session.js';
import { useResource } from '../useResource.js';
import { SearchIcon } from '../components/SearchIcon.js';

const pageSize = 25;
const archivedValues: readonly Archived[] = ['exclude', 'include', 'only'];

export function ProductsPage() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const archivedParam = params.get('archived');
  const archived: Archived = archivedValues.includes(archivedParam as Archived)
    ? (archivedParam as Archived)
    : 'exclude';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [draft, setDraft] = useState(q);
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    // The URL changed (back/forward): show its query in the box.
    setLastQ(q);
    setDraft(q);
  }

  const { data, error, loading, stale, reload } = useResource(
    `${q}|${archived}|${offset}`,
    () => api.listProducts({ q: q || undefined, archived, limit: pageSize, offset }),
    { keepPrevious: true },
  );

  const filtered = q !== '' || archived !== 'exclude';
  const update = (next: { q?: string; archived?: Archived; offset?: number }) => {
    const p = new URLSearchParams(params);
    const set = (k: string, v: string | undefined) => (v ? p.set(k, v) : p.delete(k));
    if (next.q !== undefined) set('q', next.q.trim());
    if (next.archived !== undefined) set('archived', next.archived === 'exclude' ? undefined : next.archived);
    set('offset', next.offset ? String(next.offset) : undefined);
    setParams(p);
  };

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft, offset: 0 });
  };

  const newButton = canWrite ? (
    <Link to="/products/new" className="btn btn-primary">
      <span aria-hidden="true">＋</span> {t('products.new')}
    </Link>
  ) : null;

  return (
    <div className="page">
      <PageHeading title={t('products.title')} subtitle={t('products.intro')} actions={newButton} />
      {data && data.total === 0 && !filtered ? null : (
        <div className="toolbar">
          <form role="search" className="search" onSubmit={onSearch}>
            <label htmlFor="product-search" className="sr-only">
              {t('products.searchLabel')}
            </label>
            <SearchIcon />
            <input
              id="product-search"
              type="search"
              className="input search-input"
              placeholder={t('products.searchPlaceholder')}
              value={draft}
              maxLength={200}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="btn">
              {t('common.search')}
            </button>
          </form>
          <div className="toolbar-filter">
            <label htmlFor="archived-filter" className="toolbar-label">
              {t('archivedFilter.label')}
            </label>
            <select
              id="archived-filter"
              className="input select select-compact"
              value={archived}
              onChange={(e) => update({ archived: e.target.value as Archived, offset: 0 })}
            >
              {archivedValues.map((v) => (
                <option key={v} value={v}>
                  {t(`archivedFilter.${v}`)}
                </option>
              ))}
            </select>
          </div>
          {data ? (
            <ListCount stale={stale} testId="product-count">
              {t('products.count', { count: data.total })}
            </ListCount>
          ) : null}
        </div>
      )}

      <ErrorAlert error={error} onRetry={error ? reload : undefined} />
      {!data && loading ? <Loading /> : null}
      {data && data.total === 0 ? (
        filtered ? (
          <EmptyState title={t('products.noMatchTitle')} body={t('products.noMatchBody')} />
        ) : (
          <EmptyState
            title={t('products.emptyTitle')}
            body={canWrite ? t('products.emptyBody') : t('products.emptyViewer')}
            action={
              canWrite ? (
                <Link to="/products/new" className="btn btn-primary">
                  {t('products.createFirst')}
                </Link>
              ) : null
            }
          />
        )
      ) : null}
      {data && data.total > 0 ? (
        <div className={`table-card${loading ? ' is-loading' : ''}`} aria-busy={loading}>
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{t('products.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('products.columns.name')}</th>
                  <th scope="col">{t('products.columns.modelNumbers')}</th>
                  <th scope="col" className="col-narrow">
                    {t('products.columns.deviceClass')}
                  </th>
                  <th scope="col" className="col-narrow">
                    {t('products.columns.isSamd')}
                  </th>
                  <th scope="col">{t('products.columns.manufacturer')}</th>
                  <th scope="col" className="col-date">
                    {t('products.columns.updatedAt')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <td className="cell-primary">
                      <Link to={`/products/${p.id}`}>{p.name}</Link>
                      {p.archivedAt ? (
                        <>
                          {' '}
                          <Badge tone="gray">{t('common.archived')}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {p.modelNumbers.length ? (
                        <span className="chips">
                          {p.modelNumbers.slice(0, 3).map((m) => (
                            <code key={m} className="chip">
                              {m}
                            </code>
                          ))}
                          {p.modelNumbers.length > 3 ? (
                            <span className="muted small">+{p.modelNumbers.length - 3}</span>
                          ) : null}
                        </span>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td className="col-narrow nowrap">
                      {p.deviceClass ? (
                        t(`deviceClass.${p.deviceClass}`)
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td className="col-narrow">
                      {p.isSamd ? (
                        <Badge tone="blue">{t('product.samdYes')}</Badge>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td>{p.manufacturer}</td>
                    <td className="col-date nowrap tabular">{formatDateTime(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={data.total}
            limit={pageSize}
            offset={offset}
            onChange={(o) => update({ offset: o })}
          />
        </div>
      ) : null}
    </div>
  );
}
