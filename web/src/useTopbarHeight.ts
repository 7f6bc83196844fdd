import { useLayoutEffect, type RefObject } from 'react';

/**
 * Publishes the sticky header's real height as the CSS variable `--topbar-height` on <html>. The
 * header is one 52 px line on a wide window, but wraps to two (about 94 px) on a narrow one or at
 * 200 % zoom; what must stay clear of it follows the variable: the side panel starts below it, and
 * `scroll-padding-top` keeps focused controls from scrolling under it (styles.css).
 */
export function useTopbarHeight(header: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = header.current;
    if (!el) return;
    const root = document.documentElement;
    const update = () =>
      root.style.setProperty('--topbar-height', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--topbar-height');
    };
  }, [header]);
}
