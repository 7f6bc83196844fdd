import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A secret shown once (API token, one-time password) with a copy button and a warning. */
export function OneTimeSecret({
  title,
  warning,
  label,
  secret,
  onDismiss,
}: {
  title: string;
  warning: string;
  label: string;
  secret: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      input.current?.select();
      setCopyState('failed');
    }
  };
  return (
    <section className="secret-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="secret-title">
        {title}
      </h2>
      <p className="secret-warning" role="alert">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="alert-icon">
          <path
            d="M8 1.5l7 12.5H1z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
          <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        {warning}
      </p>
      <label htmlFor={`${id}-value`} className="label">
        {label}
      </label>
      <div className="secret-row">
        <input
          ref={input}
          id={`${id}-value`}
          className="input mono secret-value"
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
          data-testid="one-time-secret"
        />
        <button type="button" className="btn" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
        <button type="button" className="btn" onClick={onDismiss}>
          {t('common.close')}
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {copyState === 'copied' ? t('common.copied') : copyState === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </section>
  );
}
