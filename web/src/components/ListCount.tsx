import type { ReactNode } from 'react';

/**
 * A list's count beside its filters ("12 products"). While the list loads another filter or page,
 * the count on screen is still the previous result's (`useResource`'s `stale`): it is shown dimmed
 * and aria-busy, as the rows are, until the new count arrives, so nobody reads it as the new one.
 * It stays in place (no flash of an empty toolbar).
 */
export function ListCount({
  stale,
  children,
  testId,
}: {
  stale: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span
      className={`toolbar-count${stale ? ' is-loading' : ''}`}
      aria-live="polite"
      aria-busy={stale}
      data-testid={testId}
    >
      {children}
    </span>
  );
}
