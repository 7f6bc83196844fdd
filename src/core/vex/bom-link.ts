/**
 * CycloneDX BOM-Link: `urn:cdx:<serial-uuid>/<version>` names a BOM, `…#<bom-ref>` an element in
 * it (schema patterns bomLinkDocumentType / bomLinkElementType). The bom-ref part is
 * percent-encoded where the URN syntax needs it.
 *
 * API
 *   bomLinkElement(sbom, bomRef): string
 *   parseBomLink(text): { serialNumber, version, bomRef } | null
 */
import type { VexSbomRef } from './model.js';

const uuid = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const link =
  /^urn:cdx:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([1-9][0-9]*)(?:#(.+))?$/i;

/** Throws RangeError when the serial number is not `urn:uuid:<uuid>` (a caller bug). */
export function bomLinkElement(sbom: VexSbomRef, bomRef: string): string {
  const m = uuid.exec(sbom.serialNumber);
  if (!m)
    throw new RangeError(
      `bomLinkElement: serial number ${JSON.stringify(sbom.serialNumber)} is not urn:uuid:<uuid>`,
    );
  if (!Number.isInteger(sbom.version) || sbom.version < 1)
    throw new RangeError(`bomLinkElement: version ${sbom.version} is not ≥ 1`);
  return `urn:cdx:${m[1]!.toLowerCase()}/${sbom.version}#${encodeURIComponent(bomRef)}`;
}

export interface ParsedBomLink {
  readonly serialNumber: string;
  readonly version: number;
  /** null for a document link. */
  readonly bomRef: string | null;
}

export function parseBomLink(text: string): ParsedBomLink | null {
  const m = link.exec(text);
  if (!m) return null;
  let bomRef: string | null = null;
  if (m[3] !== undefined) {
    try {
      bomRef = decodeURIComponent(m[3]);
    } catch {
      bomRef = m[3];
    }
  }
  return { serialNumber: `urn:uuid:${m[1]!.toLowerCase()}`, version: Number(m[2]), bomRef };
}
