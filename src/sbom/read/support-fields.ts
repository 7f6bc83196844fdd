/**
 * Level of support and end-of-support date from component properties (model.ts
 * `supportProperties`; reference §1.11): the official `cdx:lifecycle:milestone:endOfSupport`, the
 * proposed `cdx:fda:*` names and registered vendor names are read; the first match in
 * canonical-name-first order wins. SPDX `validUntilDate` is handled by the SPDX mapper.
 *
 * An end-of-support value that is not a real calendar date (`2026-13-45`, `2026-02-30`, `soon`) is
 * read as absent, and the mappers report it (`support.invalid_date`), so an impossible date is never
 * stored or written back out (as SPDX `validUntilDate`, for example).
 */
import { isIsoDate } from '../../core/domain/release.js';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { supportProperties, type Property } from '../../core/sbom/model.js';

const endOfSupportNames: readonly string[] = [supportProperties.endOfSupport, ...supportProperties.endOfSupportAliases];
const supportLevelNames: readonly string[] = [supportProperties.supportLevel, ...supportProperties.supportLevelAliases];

export interface SupportFields {
  readonly supportLevel: string | null;
  readonly endOfSupport: string | null;
  /** End-of-support properties whose value is not empty and not a calendar date (read as absent). */
  readonly invalidDates: readonly Property[];
}

const noSupport: SupportFields = Object.freeze({ supportLevel: null, endOfSupport: null, invalidDates: Object.freeze([]) });

export function supportFromProperties(properties: readonly Property[]): SupportFields {
  if (properties.length === 0) return noSupport;
  let supportLevel: string | null = null;
  let endOfSupport: string | null = null;
  for (const name of supportLevelNames) {
    const p = properties.find((x) => x.name === name && x.value.trim() !== '');
    if (p) {
      supportLevel = p.value.trim();
      break;
    }
  }
  for (const name of endOfSupportNames) {
    const p = properties.find((x) => x.name === name && datePart(x.value) !== null);
    if (p) {
      endOfSupport = datePart(p.value);
      break;
    }
  }
  const invalidDates = properties.filter((x) => endOfSupportNames.includes(x.name) && x.value.trim() !== '' && datePart(x.value) === null);
  if (supportLevel === null && endOfSupport === null && invalidDates.length === 0) return noSupport;
  return { supportLevel, endOfSupport, invalidDates };
}

/**
 * `YYYY-MM-DD` from an ISO 8601 date or date-time, or null when the value is not one or its date is
 * not a real calendar date (month 13, February 30).
 */
export function datePart(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return m && isIsoDate(m[1]!) ? m[1]! : null;
}

/** The warning for an end-of-support value read as absent because it is not a calendar date. */
export function invalidDateDiagnostic(property: string, value: string, component: { name: string; version: string | null }, location: string, rule: string): SbomDiagnostic {
  const named = component.version === null ? component.name : `${component.name} ${component.version}`;
  return {
    severity: 'warning',
    code: 'support.invalid_date',
    location,
    message: `End-of-support date "${value}" in ${property} of component "${named}" is not a calendar date; it is read as no end-of-support date`,
    rule,
    args: { property, value, component: named },
  };
}
