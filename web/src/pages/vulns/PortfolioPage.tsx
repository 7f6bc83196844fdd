import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { vulnsApi } from '../../api/vulns.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useResource } from '../../useResource.js';
import { PortfolioTable } from './PortfolioTable.js';

function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The portfolio questions: affected by an id, known-exploited in the field, newly affected since a date. */
export function PortfolioPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? '';
  const since = params.get('since') ?? daysAgo(30);
  const [draft, setDraft] = useState(id);
  const [sinceDraft, setSinceDraft] = useState(since);
  // Follow the address when it changes (back/forward): the drafts start from it again.
  const [shown, setShown] = useState({ id, since });
  if (shown.id !== id || shown.since !== since) {
    setShown({ id, since });
    setDraft(id);
    setSinceDraft(since);
  }
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };

  // Each answer belongs to its id: a search for another id shows no earlier result while it loads or fails.
  const affected = useResource(`affected:${id}`, () => (id ? vulnsApi.affectedBy(id) : Promise.resolve(null)));
  const kev = useResource('kev-in-field', () => vulnsApi.kevInField());
  const fresh = useResource(`new-since:${since}`, () => vulnsApi.newSince(since));
  const releasesOf = (rows: readonly { releaseId: string }[]) => new Set(rows.map((r) => r.releaseId)).size;

  return (
    <div className="page">
      <PageHeading title={t('vulns.portfolio.title')} subtitle={t('vulns.portfolio.intro')} />

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
            else set('id', draft.trim());
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
              {releasesOf(affected.data.items) === 0
                ? t('vulns.portfolio.notAffected', { id })
                : t('vulns.portfolio.affectedCount', { id, count: releasesOf(affected.data.items) })}{' '}
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
          </div>
        ) : id && affected.loading ? (
          <Loading />
        ) : null}
      </section>

      <section className="section card" aria-labelledby="kev-title">
        <h2 id="kev-title" className="card-title">
          {t('vulns.portfolio.kevTitle')}
          {kev.data ? <span className="count-pill">{kev.data.items.length}</span> : null}
        </h2>
        <p className="muted small">{t('vulns.portfolio.kevIntro')}</p>
        <ErrorAlert error={kev.error} />
        {kev.data ? <PortfolioTable rows={kev.data.items} caption={t('vulns.portfolio.kevTitle')} testId="kev-table" /> : kev.loading ? <Loading /> : null}
      </section>

      <section className="section card" aria-labelledby="new-title">
        <h2 id="new-title" className="card-title">
          {t('vulns.portfolio.newTitle')}
        </h2>
        <form
          className="vx-search"
          onSubmit={(e) => {
            e.preventDefault();
            set('since', sinceDraft);
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
        {fresh.data ? <PortfolioTable rows={fresh.data.items} caption={t('vulns.portfolio.newTitle')} showAt testId="new-table" /> : fresh.loading ? <Loading /> : null}
      </section>
    </div>
  );
}
