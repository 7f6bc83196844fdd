import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { vulnsApi } from '../../api/vulns.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pagination } from '../../components/Pagination.js';
import { formatNumber } from '../../format.js';
import { useResource } from '../../useResource.js';
import { PortfolioTable } from './PortfolioTable.js';

function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Stands for the id in a translated sentence, so that the id can be put in as a link. */
const idMarker = '\u0000';

/** A translated sentence (made with `id: idMarker`) with every place of the id a link to the vulnerability's page. */
function withIdLink(sentence: string, id: string) {
  return sentence.split(idMarker).flatMap((part, i) =>
    i === 0
      ? [part]
      : [
          <Link key={i} to={`/vulnerabilities/${encodeURIComponent(id)}`}>
            {id}
          </Link>,
          part,
        ],
  );
}

/** Rows per page of each question. */
const pageSize = 50;

/**
 * The portfolio questions: affected by an id, known-exploited in the field, newly affected since a
 * date. Each answer is paged (its own offset in the address) and counted; archived products and
 * releases are left out unless the checkbox includes them (marked).
 */
export function PortfolioPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? '';
  const since = params.get('since') ?? daysAgo(30);
  const archived = params.get('archived') === 'include' ? 'include' : 'exclude';
  const offsetOf = (k: string) => Math.max(0, Number(params.get(k) ?? 0) || 0);
  const affectedOffset = offsetOf('affectedOffset');
  const kevOffset = offsetOf('kevOffset');
  const newOffset = offsetOf('newOffset');
  const [draft, setDraft] = useState(id);
  const [sinceDraft, setSinceDraft] = useState(since);
  // Follow the address when it changes (back/forward): the drafts start from it again.
  const [shown, setShown] = useState({ id, since });
  if (shown.id !== id || shown.since !== since) {
    setShown({ id, since });
    setDraft(id);
    setSinceDraft(since);
  }
  /** Sets some parameters; another question, date or archived choice starts its list at the first page. */
  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if ('id' in next || 'archived' in next) p.delete('affectedOffset');
    if ('archived' in next) p.delete('kevOffset');
    if ('since' in next || 'archived' in next) p.delete('newOffset');
    setParams(p);
  };

  // Each answer belongs to its id: a search for another id shows no earlier result while it loads or fails.
  // Another page of the same question keeps the current one (dimmed) while it loads.
  const affected = useResource(`affected:${id}:${archived}:${affectedOffset}`, () => (id ? vulnsApi.affectedBy(id, { archived, limit: pageSize, offset: affectedOffset }) : Promise.resolve(null)));
  const kev = useResource(`kev-in-field:${archived}:${kevOffset}`, () => vulnsApi.kevInField({ archived, limit: pageSize, offset: kevOffset }), { keepPrevious: true });
  const fresh = useResource(`new-since:${since}:${archived}:${newOffset}`, () => vulnsApi.newSince(since, { archived, limit: pageSize, offset: newOffset }), { keepPrevious: true });

  return (
    <div className="page">
      <PageHeading title={t('vulns.portfolio.title')} subtitle={t('vulns.portfolio.intro')} />
      <label className="checkbox-single">
        <input type="checkbox" checked={archived === 'include'} onChange={(e) => set({ archived: e.target.checked ? 'include' : '' })} data-testid="portfolio-archived" />{' '}
        {t('vulns.portfolio.includeArchived')}
      </label>

      <section className="section card" aria-labelledby="affected-title">
        <h2 id="affected-title" className="card-title">
          {t('vulns.portfolio.affectedTitle')}
        </h2>
        <form
          className="vx-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            // The same id again asks again (e.g. after a failure); another id changes the address.
            if (draft.trim() === id) affected.reload();
            else set({ id: draft.trim() });
          }}
        >
          <div className="field">
            <label htmlFor="affected-id" className="label">
              {t('vulns.portfolio.idLabel')}
            </label>
            <input id="affected-id" className="input mono" value={draft} placeholder="CVE-2021-23337 / GHSA-35jh-r3h4-6jhm" onChange={(e) => setDraft(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary">
            {t('vulns.portfolio.find')}
          </button>
        </form>
        <ErrorAlert error={affected.error} />
        {id && affected.data ? (
          <div aria-live="polite">
            <p className="small" data-testid="affected-summary">
              {withIdLink(affected.data.total === 0 ? t('vulns.portfolio.notAffected', { id: idMarker }) : t('vulns.portfolio.affectedRows', { id: idMarker, count: affected.data.total }), id)}{' '}
              <span className="muted">{t('vulns.portfolio.idsSearched', { ids: affected.data.ids.join(', ') })}</span>
              {affected.data.relatedBy.length > 0 ? (
                <>
                  {' '}
                  <span className="muted" data-testid="affected-related-by">
                    {t('vulns.portfolio.relatedBySearched', { records: affected.data.relatedBy.join(', ') })}
                  </span>
                </>
              ) : null}
            </p>
            <PortfolioTable rows={affected.data.items} caption={t('vulns.portfolio.affectedTitle')} testId="affected-table" />
            <Pagination total={affected.data.total} limit={pageSize} offset={affectedOffset} onChange={(o) => set({ affectedOffset: o ? String(o) : '' })} />
          </div>
        ) : id && affected.loading ? (
          <Loading />
        ) : null}
      </section>

      <section className="section card" aria-labelledby="kev-title">
        <h2 id="kev-title" className="card-title">
          {t('vulns.portfolio.kevTitle')}
          {kev.data ? (
            <span className="count-pill" data-testid="kev-total">
              {formatNumber(kev.data.total)}
            </span>
          ) : null}
        </h2>
        <p className="muted small">{t('vulns.portfolio.kevIntro')}</p>
        <ErrorAlert error={kev.error} />
        {kev.data ? (
          <div className={kev.stale ? 'is-loading' : undefined} aria-busy={kev.loading}>
            <PortfolioTable rows={kev.data.items} caption={t('vulns.portfolio.kevTitle')} testId="kev-table" />
            <Pagination total={kev.data.total} limit={pageSize} offset={kevOffset} onChange={(o) => set({ kevOffset: o ? String(o) : '' })} />
          </div>
        ) : kev.loading ? (
          <Loading />
        ) : null}
      </section>

      <section className="section card" aria-labelledby="new-title">
        <h2 id="new-title" className="card-title">
          {t('vulns.portfolio.newTitle')}
          {fresh.data && !fresh.stale ? (
            <span className="count-pill" data-testid="new-total">
              {formatNumber(fresh.data.total)}
            </span>
          ) : null}
        </h2>
        <form
          className="vx-search"
          onSubmit={(e) => {
            e.preventDefault();
            set({ since: sinceDraft });
          }}
        >
          <div className="field">
            <label htmlFor="new-since" className="label">
              {t('vulns.portfolio.since')}
            </label>
            <input id="new-since" type="date" className="input input-short" value={sinceDraft} onChange={(e) => setSinceDraft(e.target.value)} required />
          </div>
          <button type="submit" className="btn">
            {t('vulns.portfolio.show')}
          </button>
        </form>
        <ErrorAlert error={fresh.error} />
        {fresh.data ? (
          <div className={fresh.stale ? 'is-loading' : undefined} aria-busy={fresh.loading}>
            <PortfolioTable rows={fresh.data.items} caption={t('vulns.portfolio.newTitle')} showAt testId="new-table" />
            <Pagination total={fresh.data.total} limit={pageSize} offset={newOffset} onChange={(o) => set({ newOffset: o ? String(o) : '' })} />
          </div>
        ) : fresh.loading ? (
          <Loading />
        ) : null}
      </section>
    </div>
  );
}
