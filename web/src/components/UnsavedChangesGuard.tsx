import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog.js';

/**
 * Keeps unsaved work from being lost by leaving the page: while `when` holds, navigation inside the
 * app to another page (links, the header, Back and Forward) asks first in a dialog, and reloading or
 * closing the tab gets the browser's own "leave site?" prompt. Changes of the query string only
 * (a page's tabs) pass. Needs the data router (main.tsx).
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const { t } = useTranslation();
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname,
    [when],
  );
  const blocker = useBlocker(shouldBlock);
  // The dialog closes after "leave" too; the blocker must then not be reset, or the navigation stops.
  const leaving = useRef(false);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={t('unsaved.title')}
      body={t('unsaved.body')}
      confirmLabel={t('unsaved.leave')}
      danger
      onConfirm={() => {
        leaving.current = true;
        blocker.proceed?.();
        return Promise.resolve();
      }}
      onClose={() => {
        if (!leaving.current) blocker.reset?.();
        leaving.current = false;
      }}
    />
  );
}
