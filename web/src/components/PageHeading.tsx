import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The first page after loading keeps the browser's natural focus; later pages move it to the h1.
let firstPage = true;

/**
 * The page's h1. Sets the document title and takes focus when the page is shown, so that screen
 * reader and keyboard users land on the new page after a client-side navigation.
 */
export function PageHeading({
  title,
  docTitle,
  subtitle,
  actions,
  eyebrow,
}: {
  title: ReactNode;
  /** Text for <title> when `title` is not plain text. */
  docTitle?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const text = docTitle ?? (typeof title === 'string' ? title : '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('app.titleSuffix')}` : t('app.titleSuffix');
  }, [text, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className="page-heading">
      <div className="page-heading-text">
        {eyebrow ? <div className="eyebrow">{eyebrow}</div> : null}
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
