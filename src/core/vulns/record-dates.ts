/**
 * Dates written by the feeds, compared as instants: OSV writes RFC 3339 UTC (`2024-03-29T16:15:12Z`),
 * NVD a local time without a zone that is UTC (`2024-03-29T17:15:21.150`), JVN an offset
 * (`2024-03-29T09:00+09:00`), CISA KEV and EPSS a day or a timestamp (`2025-08-25T17:04:19.9796Z`,
 * `2025-02-20T00:00:00+0000`). Text order is wrong across these forms; these helpers are not.
 */

const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch of a date or timestamp (no zone: UTC), or null when it is not one. */
export function instantOf(text: string): number | null {
  const m = dateTime.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(`0.${frac || '0'}`) * 1000);
  if (Number.isNaN(t)) return null;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t;
}

/** The earliest of the dates (as written), ignoring empty and unreadable ones; null if none. */
export function earliestDate(values: readonly (string | null | undefined)[]): string | null {
  return pick(values, (a, b) => a < b);
}

/** The latest of the dates (as written), ignoring empty and unreadable ones; null if none. */
export function latestDate(values: readonly (string | null | undefined)[]): string | null {
  return pick(values, (a, b) => a > b);
}

function pick(values: readonly (string | null | undefined)[], better: (a: number, b: number) => boolean): string | null {
  let best: { text: string; at: number } | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const at = instantOf(v);
    if (at === null) continue;
    if (best === null || better(at, best.at)) best = { text: v, at };
  }
  return best?.text ?? null;
}

/** Where a vulnerability's Published date was read: a record (OSV, NVD, JVN), or the CISA KEV catalog. */
export interface PublishedFrom {
  readonly source: 'osv' | 'nvd' | 'jvn' | 'kev';
  /** The record's id; for KEV, the CVE the catalog lists. */
  readonly id: string;
}

export interface Published {
  readonly date: string;
  readonly from: PublishedFrom;
}

/**
 * A vulnerability's Published date: its first public disclosure, the earliest date among its
 * records' publication dates and the day CISA added it to the KEV catalog (a vulnerability known
 * to be exploited is public by then, whatever a redistributor's later record says: CVE-2023-46604,
 * Bitnami published 2025-12-03, KEV added 2023-11-02). Due dates that count from the disclosure
 * use this rule. On equal instants the first candidate wins, so list records before KEV.
 */
export function firstPublished(candidates: readonly (PublishedFrom & { readonly date: string | null | undefined })[]): Published | null {
  let best: { candidate: PublishedFrom & { readonly date: string }; at: number } | null = null;
  for (const c of candidates) {
    if (c.date === null || c.date === undefined) continue;
    const at = instantOf(c.date);
    if (at === null) continue;
    if (best === null || at < best.at) best = { candidate: { source: c.source, id: c.id, date: c.date }, at };
  }
  return best && { date: best.candidate.date, from: { source: best.candidate.source, id: best.candidate.id } };
}
