/**
 * The serial number of a document mamori writes, and the timestamp written with it: the one rule
 * for the writers (src/sbom/write/options.ts), the export API (contract/sboms.ts) and the CLI's
 * `--serial-number` / `--timestamp` (cli/commands/sbom.ts), so all three accept the same values.
 *
 * - A serial number is `urn:uuid:` and a UUID in lower case (RFC 4122 text form): the CycloneDX 1.6
 *   schema's `serialNumber` pattern. SPDX 2.3 writes the same UUID in its `documentNamespace`.
 * - A timestamp is an RFC 3339 date-time with seconds and a time zone (`Z` or `±hh:mm`), and a real
 *   one: `2026-02-30T00:00:00Z` is refused (JavaScript's Date would read it as 2 March), as are
 *   hour 24, second 60 and an offset beyond ±23:59.
 */

import { isIsoDate } from '../domain/release.js';

export const serialNumberPattern = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for `urn:uuid:` followed by a lower-case UUID. */
export function isSerialNumber(text: string): boolean {
  return serialNumberPattern.test(text);
}

const uuidUrn = new RegExp(serialNumberPattern.source, 'i');

/**
 * The serial number a read document can pass on to a document written from it: its own when it is
 * a UUID URN, lower-cased (RFC 4122 §3: UUIDs are read in either case and written in lower case);
 * null when it is absent or anything else (an SPDX namespace URL, `urn:uuid:not-a-uuid`).
 */
export function keptSerialNumber(serial: string | null): string | null {
  const trimmed = serial?.trim() ?? '';
  return uuidUrn.test(trimmed) ? trimmed.toLowerCase() : null;
}

export const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** True for an RFC 3339 date-time with seconds and a zone that names a real moment. */
export function isTimestamp(text: string): boolean {
  const m = timestampPattern.exec(text);
  if (m === null) return false;
  // The calendar date by the project's one rule (a real day of its month).
  if (!isIsoDate(text.slice(0, 10))) return false;
  const [hour, minute, second] = m.slice(4, 7).map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}
