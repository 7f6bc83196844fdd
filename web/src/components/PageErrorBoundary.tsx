import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keeps the header and navigation when a page cannot be shown: its code could not be loaded (the
 * pages are loaded on first use, and after an update of mamori the old files are gone) or it failed
 * while rendering. The user gets a message and a reload, not an empty window. Moving to another
 * address (`resetKey`) tries again.
 */
export class PageErrorBoundary extends Component<
  { readonly resetKey: string; readonly children: ReactNode },
  { readonly failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidUpdate(previous: { readonly resetKey: string }): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert alert-error">
      <span>{t('app.pageFailed')}</span>
      <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
