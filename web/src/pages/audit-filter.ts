/**
 * The audit page's filters as the API takes them. The page offers calendar days in the browser's
 * time zone (a Japanese user's "March" starts at 00:00 JST); the API takes instants: `from` is the
 * first day's midnight, `to` (exclusive) the midnight after the last day, both in local time.
 */
import type { AuditFilterT } from '../api/types.js';

const day = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` day plus `plusDays`, as ISO 8601 UTC; undefined if not a day. */
export function localMidnight(value: string, plusDays = 0): string | undefined {
  const m = day.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  d.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays); // years below 100 too
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export interface AuditPageFilter {
  readonly entityType: string;
  readonly actorUserId: string;
  readonly action: string;
  /** First day, `YYYY-MM-DD`, inclusive. */
  readonly fromDay: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  readonly toDay: string;
}

/** The page's filter in the API's terms (empty values left out). */
export function auditApiFilter(f: AuditPageFilter): AuditFilterT {
  const action = f.action.trim();
  return {
    entityType: f.entityType || undefined,
    actorUserId: f.actorUserId || undefined,
    action: action || undefined,
    from: localMidnight(f.fromDay),
    to: localMidnight(f.toDay, 1),
  };
}
