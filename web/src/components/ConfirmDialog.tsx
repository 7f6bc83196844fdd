import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * A modal confirmation built on <dialog>: focus is trapped by the browser, Escape cancels and focus
 * returns to the element that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => opener?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) close();
      }}
    >
      {open ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            onConfirm()
              .then(() => {
                setBusy(false);
                close();
              })
              .catch((err: unknown) => {
                setBusy(false);
                setError(err);
              });
          }}
        >
          <h2 id="confirm-title" className="dialog-title">
            {title}
          </h2>
          <div id="confirm-body" className="dialog-body">
            {body}
          </div>
          {error ? <ErrorAlert error={error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
