/**
 * CycloneDX XML validation against the official XSDs (1.2–1.7) with libxml2 compiled to WASM
 * (libxml2-wasm): real XSD 1.0 validation, including identity constraints such as unique
 * bom-refs. The XSDs import `spdx.SNAPSHOT.xsd` by relative schemaLocation; libxml2 in WASM has no
 * file system, so the schema files are served from memory by an input provider that answers only
 * for mamori's own `mamori-cyclonedx-schema:` URLs (never the network, never other files).
 * Each version's validator is built once, lazily, and cached.
 */
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { maxSchemaDiagnostics } from './ajv-diagnostics.js';
import { readCycloneDxSchemaBytes } from './schema-files.js';
import type { CycloneDxXmlVersion } from './cyclonedx-xml-versions.js';

export { cycloneDxXmlVersions, type CycloneDxXmlVersion } from './cyclonedx-xml-versions.js';

const scheme = 'mamori-cyclonedx-schema:/';
const validators = new Map<CycloneDxXmlVersion, { xsd: XmlDocument; validator: XsdValidator }>();
let providerRegistered = false;

function ensureProvider(): void {
  if (providerRegistered) return;
  const spdx = readCycloneDxSchemaBytes('spdx.SNAPSHOT.xsd');
  const provider = new XmlBufferInputProvider({ [`${scheme}spdx.SNAPSHOT.xsd`]: spdx });
  xmlRegisterInputProvider(provider);
  providerRegistered = true;
}

export function xsdFileFor(version: CycloneDxXmlVersion): string {
  return `bom-${version}.SNAPSHOT.xsd`;
}

function validatorFor(version: CycloneDxXmlVersion): XsdValidator {
  let entry = validators.get(version);
  if (!entry) {
    ensureProvider();
    const file = xsdFileFor(version);
    const xsd = XmlDocument.fromBuffer(readCycloneDxSchemaBytes(file), { url: `${scheme}${file}` });
    entry = { xsd, validator: XsdValidator.fromDoc(xsd) };
    validators.set(version, entry);
  }
  return entry.validator;
}

/** XSD diagnostics (errors, located by line) for a parsed CycloneDX XML document; empty when valid. */
export function validateCycloneDxXml(doc: XmlDocument, version: CycloneDxXmlVersion): SbomDiagnostic[] {
  const validator = validatorFor(version);
  try {
    validator.validate(doc);
    return [];
  } catch (e) {
    if (!(e instanceof XmlValidateError)) throw e;
    return xsdDiagnostics(e.details, `CycloneDX ${version} XSD (${xsdFileFor(version)})`);
  }
}

function xsdDiagnostics(details: readonly ErrorDetail[], schemaName: string): SbomDiagnostic[] {
  const out: SbomDiagnostic[] = [];
  for (const d of details) {
    if (out.length === maxSchemaDiagnostics) {
      out.push({ severity: 'error', code: 'schema', location: '', message: `${details.length - maxSchemaDiagnostics} more XSD errors not shown`, rule: schemaName });
      break;
    }
    out.push({
      severity: d.level === 1 ? 'warning' : 'error',
      code: 'schema',
      location: `line ${d.line}`,
      message: d.message.trim(),
      rule: `${schemaName} (XSD validation)`,
    });
  }
  if (out.length === 0) out.push({ severity: 'error', code: 'schema', location: '', message: 'Document is not valid against the XSD', rule: schemaName });
  return out;
}
