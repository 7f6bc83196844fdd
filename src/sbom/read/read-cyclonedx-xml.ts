/**
 * CycloneDX XML 1.2–1.7. The text has already passed scanXml (no DOCTYPE or other markup
 * declaration, depth and component limits). libxml2 then parses it with network access and
 * external entities disabled and entity substitution off, the encoding forced to UTF-8 (the bytes
 * were checked as UTF-8), the official XSD validates it, and the DOM is converted and mapped.
 */
import { ParseOption, XmlDocument, XmlError, XmlLibError, type XmlElement } from 'libxml2-wasm';
import type { SbomLimits } from '../../core/sbom/diagnostics.js';
import { validateCycloneDxXml, type CycloneDxXmlVersion } from '../validate/cyclonedx-xsd.js';
import { cycloneDxXmlToJson } from './cyclonedx-xml-to-json.js';
import { mapCycloneDx } from './map-cyclonedx.js';
import { readFailure } from './read-failure.js';
import { finish, invalid, type SbomReadResult } from './sbom-read-result.js';

const parseOptions =
  ParseOption.XML_PARSE_NONET |
  ParseOption.XML_PARSE_NO_XXE |
  ParseOption.XML_PARSE_NO_SYS_CATALOG |
  ParseOption.XML_PARSE_IGNORE_ENC |
  ParseOption.XML_PARSE_BIG_LINES |
  ParseOption.XML_PARSE_NOERROR |
  ParseOption.XML_PARSE_NOWARNING;

export function readCycloneDxXml(bytes: Uint8Array, version: CycloneDxXmlVersion, namespace: string, _limits: SbomLimits): SbomReadResult {
  const what = `CycloneDX ${version} XML`;
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: parseOptions });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const detail = e instanceof XmlLibError ? e.details[0] : undefined;
    const text = (detail?.message ?? e.message).trim();
    return readFailure('sbom.unreadable', `Not well-formed XML: ${text}`, {
      code: 'xml.malformed',
      location: detail ? `line ${detail.line}` : '',
      rule: 'XML 1.0 well-formedness',
      args: { detail: text },
    });
  }
  try {
    const schemaErrors = validateCycloneDxXml(doc, version);
    if (schemaErrors.some((d) => d.severity === 'error')) return invalid(what, schemaErrors);
    const root: XmlElement = doc.root;
    const { bom, locations } = cycloneDxXmlToJson(root, namespace);
    const mapped = mapCycloneDx(bom, version, 'xml', (node, pointer) => (typeof node === 'object' && node !== null ? locations.get(node) : undefined) ?? pointer);
    return finish(mapped.document, [...schemaErrors, ...mapped.diagnostics], what);
  } finally {
    doc.dispose();
  }
}
