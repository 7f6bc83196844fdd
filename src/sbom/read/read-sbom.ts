/**
 * readSbom: untrusted bytes → the version-agnostic model, or a stable failure code (the reading
 * itself, its order of checks and the formats: read-sbom-core.ts). This module loads every reader,
 * CycloneDX XML's libxml2 included; read-sbom-lazy.ts loads that only for an XML document.
 */
import { readCycloneDxJson, streamCycloneDxJson } from './read-cyclonedx-json.js';
import { readCycloneDxXml } from './read-cyclonedx-xml.js';
import { readWith, type ReadSbomOptions } from './read-sbom-core.js';
import { documentStream, type SbomReadResult, type SbomStreamResult } from './sbom-read-result.js';

export type { ReadSbomOptions } from './read-sbom-core.js';

const xml = () => readCycloneDxXml;

export function readSbom(bytes: Uint8Array, options: ReadSbomOptions = {}): SbomReadResult {
  return readWith(bytes, options, readCycloneDxJson, xml);
}

/**
 * readSbom as an SbomStream, for a caller that stores the components as they are read (uploads).
 * CycloneDX JSON is mapped as it is read, with its schema check at the end; other formats are read
 * whole first. Read to the end, the outcome is readSbom's.
 */
export function readSbomStream(bytes: Uint8Array, options: ReadSbomOptions = {}): SbomStreamResult {
  const r = readWith(bytes, options, streamCycloneDxJson, xml);
  return !r.ok || 'stream' in r ? r : { ok: true, stream: documentStream(r.document, r.diagnostics) };
}
