import { useTranslation } from 'react-i18next';

export function Pagination({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <span className="pagination-summary" aria-live="polite">
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
