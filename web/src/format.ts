/** Display helpers. Dates are shown as YYYY-MM-DD (HH:mm) in local time: unambiguous in ja and en. */
import i18next, { type TFunction } from 'i18next';
import { ApiError } from './api/client.js';

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length >= 10 ? iso.slice(0, 10) : iso;
}

/** Today's date in local time as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A count or other number with the grouping of the current language ("1,115" in en and ja), as the
 * `{{count, number}}` of the translations shows it (i18next formats those with Intl.NumberFormat too).
 */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(i18next.resolvedLanguage ?? i18next.language ?? 'en').format(n);
}

/** A translated message for an error: the stable code when we know it, else the server's detail. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof FormInvalid) return t('errors.formInvalid', { count: error.count });
  if (error instanceof ApiError) {
    if (error.code === 'request.too_large' && typeof error.details.limitBytes === 'number')
      return tooLargeMessage(t, error.details.limitBytes, error.details.sizeBytes);
    const key = `errors.${error.code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated && translated !== key) return translated;
    return error.detail || t('errors.unknown');
  }
  return t('errors.unknown');
}

/**
 * A body over the server's limit (problem `details` of 413 request.too_large): the limit and, when
 * the server knew it, the file's size, each in MiB with one decimal and in bytes, so that the user
 * can tell how much smaller the file must be.
 */
function tooLargeMessage(t: TFunction, limitBytes: number, sizeBytes: unknown): string {
  const limit = { limit: formatMebibytes(limitBytes), limitBytes: formatNumber(limitBytes) };
  return typeof sizeBytes === 'number'
    ? t('errors.request.too_large_size', {
        ...limit,
        size: formatMebibytes(sizeBytes),
        sizeBytes: formatNumber(sizeBytes),
      })
    : t('errors.request.too_large_limit', limit);
}

/** Bytes as MiB with one decimal ("41.0 MiB"), as the server states its size limits. */
function formatMebibytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Whether asking again can help: the server was unreachable, failed (5xx), timed out or asked to
 * wait. Not for answers about the request itself (not found, invalid, forbidden, conflict).
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof FormInvalid) return false;
  if (error instanceof ApiError)
    return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

/** The client-side check of a form failed: "Check N fields." (translated when shown). */
export class FormInvalid {
  constructor(readonly count: number) {}
}
