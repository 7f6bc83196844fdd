import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton.js';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * A modal confirmation built on <dialog>: focus is trapped by the browser, Escape cancels and focus
 * returns to the element that opened it. Escape stops at the dialog: one rendered inside a side
 * panel (whose Escape closes the panel) cancels only itself. While the action runs its buttons stay
 * focusable (BusyButton) and ignore activation.
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
      onKeyDown={(e) => {
        // The browser turns Escape into `cancel` above; the key itself must not reach the handlers
        // of the elements the dialog sits in (the React tree's, e.g. SidePanel's).
        if (e.key === 'Escape') e.stopPropagation();
      }}
    >
      {open ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (busy) return;
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
            <BusyButton className="btn" onClick={close} busy={busy}>
              {t('common.cancel')}
            </BusyButton>
            <BusyButton type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} busy={busy}>
              {confirmLabel}
            </BusyButton>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
