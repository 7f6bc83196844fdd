import { useTranslation } from 'react-i18next';
import { errorMessage, isRetryable } from '../format.js';

/**
 * An error message that screen readers announce as soon as it appears. `onRetry` adds a retry button
 * only where asking again can help (network, server errors): not for a 404 or a refused request.
 */
export function ErrorAlert({
  error,
  message,
  onRetry,
}: {
  error?: unknown;
  message?: string;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const text = message ?? (error === undefined || error === null ? null : errorMessage(t, error));
  return (
    <div role="alert" aria-live="assertive" className={text ? 'alert alert-error' : 'sr-only'}>
      {text ? (
        <>
          <svg className="alert-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M8 1.5l7 12.5H1z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
            <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <span>{text}</span>
          {onRetry && (error === undefined || error === null || isRetryable(error)) ? (
            <button type="button" className="btn btn-small" onClick={onRetry}>
              {t('common.retry')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </div>
  );
}
