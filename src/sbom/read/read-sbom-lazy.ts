/**
 * readSbom for a process that may never meet an XML document (`mamori scan`): libxml2, which takes
 * about 120 ms to load (a WebAssembly module, instantiated by top-level await), is imported only
 * when the document turns out to be CycloneDX XML. Same outcome as readSbom for every document.
 */
import { readCycloneDxJson } from './read-cyclonedx-json.js';
import { readWith, type CycloneDxXmlReader, type ReadSbomOptions } from './read-sbom-core.js';
import type { SbomReadResult } from './sbom-read-result.js';

/** Thrown by the first attempt when the document needs the XML reader, which is then loaded. */
class XmlReaderNeeded extends Error {}

let loaded: CycloneDxXmlReader | null = null;

export async function readSbomLoadingXml(
  bytes: Uint8Array,
  options: ReadSbomOptions = {},
): Promise<SbomReadResult> {
  if (!loaded) {
    try {
      return readWith(bytes, options, readCycloneDxJson, () => {
        throw new XmlReaderNeeded();
      });
    } catch (e) {
      if (!(e instanceof XmlReaderNeeded)) throw e;
    }
    loaded = (await import('./read-cyclonedx-xml.js')).readCycloneDxXml;
  }
  const xml = loaded;
  return readWith(bytes, options, readCycloneDxJson, () => xml);
}
