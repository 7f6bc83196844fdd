import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A small button that puts `text` on the clipboard, says so to screen readers (and with a tick on
 * screen), and says when the browser refused.
 */
export function CopyButton({
  text,
  label,
  title,
  children,
}: {
  text: string;
  label: string;
  title?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet btn-small"
        title={title}
        aria-label={label}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {children}
      </button>
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
      {state === 'copied' ? (
        <span className="small muted" aria-hidden="true">
          ✓
        </span>
      ) : null}
    </>
  );
}
