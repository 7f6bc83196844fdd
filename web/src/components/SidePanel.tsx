import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A non-modal panel at the right edge (details of a row), below the sticky header however high that
 * is (`--topbar-height`). Takes focus when it opens, Escape or the close button closes it and focus
 * returns to where it was.
 */
export function SidePanel({
  id,
  title,
  subtitle,
  onClose,
  children,
}: {
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    heading.current?.focus();
    return () => {
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);
  return (
    <aside
      className="side-panel"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        // Escape in a dialog opened from the panel (a confirmation) belongs to the dialog: it cancels
        // only that, and the panel with its unsaved edits stays.
        if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('dialog'))) return;
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="side-panel-head">
        <div className="side-panel-heading">
          <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="side-panel-title">
            {title}
          </h2>
          {subtitle ? <div className="side-panel-subtitle">{subtitle}</div> : null}
        </div>
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
            <path d="M2 2l8 8M10 2l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="side-panel-body">{children}</div>
    </aside>
  );
}
