import { useTranslation } from 'react-i18next';

/**
 * "1–50 of 120" and the previous / next buttons. `stale`: the total is the previous result's while
 * another filter or page loads (`useResource`'s `stale`), shown dimmed and aria-busy until it arrives;
 * a list whose pagination sits inside its dimmed table card need not say it.
 */
export function Pagination({
  total,
  limit,
  offset,
  onChange,
  stale = false,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  stale?: boolean;
}) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <span
        className={`pagination-summary${stale ? ' is-loading' : ''}`}
        aria-live="polite"
        aria-busy={stale}
      >
        {t('pagination.summary', { from, to, total })}
      </span>
      <div className="pagination-buttons">
        <button
          type="button"
          className="btn btn-small"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          ‹ {t('pagination.previous')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={to >= total}
          onClick={() => onChange(offset + limit)}
        >
          {t('pagination.next')} ›
        </button>
      </div>
    </nav>
  );
}
