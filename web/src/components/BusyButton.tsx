import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that is unavailable while its action runs, without `disabled`: a focused button that
 * becomes disabled loses focus (Chromium moves it to <body>), and the keyboard user would start
 * again from the top of the page after every save or upload. While `busy` it stays focusable, says
 * `aria-disabled`, looks like a disabled button and ignores clicks; ignoring the click also stops a
 * submit button's form from being sent again by Enter in one of its fields (the browser sends the
 * form by clicking its default button).
 */
export function BusyButton({
  busy,
  onClick,
  type = 'button',
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'aria-disabled'> & { busy: boolean }) {
  return (
    <button
      {...props}
      type={type}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    />
  );
}
