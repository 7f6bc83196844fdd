/**
 * The filters of the audit log as the store applies them: who acted, which action (one, or every
 * action under a prefix such as `sbom.`), and a time range, besides the entity. Entries store `at`
 * as ISO 8601 UTC with milliseconds (`Date.prototype.toISOString`), so bounds are brought to the
 * same form and compared as text.
 */
import { isIsoDate } from './release.js';

export interface AuditFilter {
  readonly entityType?: string | undefined;
  readonly entityId?: string | undefined;
  readonly actorUserId?: string | undefined;
  /** The actor as recorded: an email address, or `operator:NAME`. */
  readonly actorName?: string | undefined;
  /** An action (`sbom.upload`), or a prefix ending in a dot (`sbom.`) for every action under it. */
  readonly action?: string | undefined;
  /** Inclusive lower bound, ISO 8601 UTC as stored (see `auditTimeBoundIso`). */
  readonly from?: string | undefined;
  /** Exclusive upper bound, ISO 8601 UTC as stored. */
  readonly to?: string | undefined;
}

const dateTime = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A date (`2026-03-01`) or a date and time with a zone (`…T09:00:00Z`, `…T09:00+09:00`). */
export function isAuditTimeBound(value: string): boolean {
  if (isIsoDate(value)) return true;
  const m = dateTime.exec(value);
  return m !== null && isIsoDate(m[1]!) && Number.isFinite(Date.parse(value));
}

/** The bound as entries store `at`: a date alone is its midnight UTC. Undefined when not a bound. */
export function auditTimeBoundIso(value: string): string | undefined {
  if (!isAuditTimeBound(value)) return undefined;
  return new Date(isIsoDate(value) ? `${value}T00:00:00.000Z` : value).toISOString();
}

/** How an action filter matches: the action itself, or every action starting with a prefix ending in `.`. */
export function auditActionMatch(action: string): { readonly exact: string } | { readonly prefix: string } {
  return action.endsWith('.') ? { prefix: action } : { exact: action };
}
