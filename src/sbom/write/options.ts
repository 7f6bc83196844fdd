/**
 * Writer options and their validation. A malformed serial number or timestamp is a bug in the
 * caller (services generate both), so it throws a RangeError instead of returning an error value.
 */
import { isSerialNumber, isTimestamp } from '../../core/sbom/serial-number.js';
import { type SbomVariant, type WriterTool } from './prepare.js';
import { type ReleaseSubject } from './subject.js';

export type SbomTarget = 'cyclonedx-1.6-json' | 'cyclonedx-1.6-xml' | 'spdx-2.3-json';

export const sbomTargets: readonly SbomTarget[] = [
  'cyclonedx-1.6-json',
  'cyclonedx-1.6-xml',
  'spdx-2.3-json',
];

export interface WriteSbomOptions {
  /** `urn:uuid:` + a lower-case RFC 4122 UUID (the CycloneDX 1.6 pattern). */
  readonly serialNumber: string;
  /** RFC 3339 date-time, e.g. `2026-04-01T09:30:00Z` or `2026-04-01T18:30:00.123+09:00`. */
  readonly timestamp: string;
  /** `full` (default) or `hospital` (internal properties and people's contact data left out; see prepare.ts). */
  readonly variant?: SbomVariant;
  /**
   * The writing tool. Default `{ name: 'mamori' }` without a version: writers do not read files, so
   * services pass `{ name: 'mamori', version }` with the version from src/version.ts.
   */
  readonly tool?: { readonly name: string; readonly version: string };
  /**
   * The product release the document describes (subject.ts): it becomes the metadata component, the
   * manufacturer is written as CycloneDX `metadata.manufacturer` (SPDX: a creator and the described
   * package's supplier), and the document's own root component is kept as a component. Without it
   * the document's root stays the subject (offline conversion of a file).
   */
  readonly subject?: ReleaseSubject;
}

export interface ResolvedOptions {
  readonly serialNumber: string;
  /** The UUID part of the serial number. */
  readonly uuid: string;
  readonly timestamp: string;
  /** The timestamp in UTC, whole seconds: `YYYY-MM-DDThh:mm:ssZ` (the SPDX 2.3 date format). */
  readonly timestampUtc: string;
  readonly variant: SbomVariant;
  readonly tool: WriterTool;
}

export function resolveOptions(options: WriteSbomOptions): ResolvedOptions {
  // The rule the export API and the CLI check user input against (core/sbom/serial-number.ts).
  if (!isSerialNumber(options.serialNumber)) {
    throw new RangeError(
      `writeSbom: serialNumber must be urn:uuid:<lower-case UUID>, got ${JSON.stringify(options.serialNumber)}`,
    );
  }
  const millis = isTimestamp(options.timestamp) ? Date.parse(options.timestamp) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new RangeError(
      `writeSbom: timestamp must be an RFC 3339 date-time, got ${JSON.stringify(options.timestamp)}`,
    );
  }
  const variant = options.variant ?? 'full';
  if (variant !== 'full' && variant !== 'hospital') {
    throw new RangeError(`writeSbom: unknown variant ${JSON.stringify(variant)}`);
  }
  const tool = options.tool ?? { name: 'mamori', version: null };
  return {
    serialNumber: options.serialNumber,
    uuid: options.serialNumber.slice('urn:uuid:'.length),
    timestamp: options.timestamp,
    timestampUtc: `${new Date(millis).toISOString().slice(0, 19)}Z`,
    variant,
    tool: { name: tool.name, version: tool.version === '' ? null : tool.version },
  };
}
