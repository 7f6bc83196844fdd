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
      const count = details.length - maxSchemaDiagnostics;
      out.push({ severity: 'error', code: 'schema', location: '', message: `${count} more XSD errors not shown`, rule: schemaName, args: { count, variant: 'more' } });
      break;
    }
    const message = d.message.trim();
    const args = xsdMessageArgs(message);
    out.push({
      severity: d.level === 1 ? 'warning' : 'error',
      code: 'schema',
      location: `line ${d.line}`,
      message,
      ...(args ? { args } : {}),
      rule: `${schemaName} (XSD validation)`,
    });
  }
  if (out.length === 0) out.push({ severity: 'error', code: 'schema', location: '', message: 'Document is not valid against the XSD', rule: schemaName });
  return out;
}

/** `{namespace}local` → `local`, in a name or a list of names. */
function localNames(text: string): string {
  return text.replace(/\{[^}]*\}/g, '');
}

/**
 * libxml2's XSD messages that say what is wrong with an element or attribute, each a pattern and
 * the values a screen needs to say the same in another language (`keyword: 'xsd'`, `variant`); a
 * message of any other form keeps only its English text. Element names lose their namespace.
 */
const xsdMessages: readonly { variant: string; pattern: RegExp; names: readonly string[] }[] = [
  { variant: 'enumeration', pattern: /^\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$/s, names: ['value', 'allowedValues'] },
  { variant: 'pattern', pattern: /^\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$/s, names: ['value', 'pattern'] },
  { variant: 'minLength', pattern: /^\[facet 'minLength'\] The value '(.*)' has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.$/s, names: ['value', 'length', 'limit'] },
  { variant: 'maxLength', pattern: /^\[facet 'maxLength'\] The value '(.*)' has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.$/s, names: ['value', 'length', 'limit'] },
  { variant: 'type', pattern: /^'(.*)' is not a valid value of the atomic type '(.*)'\.$/s, names: ['value', 'type'] },
  { variant: 'attributeRequired', pattern: /^The attribute '(.*)' is required but missing\.$/s, names: ['attribute'] },
  { variant: 'attributeNotAllowed', pattern: /^The attribute '(.*)' is not allowed\.$/s, names: ['attribute'] },
  { variant: 'missingChild', pattern: /^Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$/s, names: ['expected'] },
  { variant: 'notExpectedOf', pattern: /^This element is not expected\. Expected is (?:one of )?\( (.*) \)\.$/s, names: ['expected'] },
  { variant: 'notExpected', pattern: /^This element is not expected\.$/s, names: [] },
  { variant: 'duplicateKey', pattern: /^Duplicate key-sequence \[(.*)\] in unique identity-constraint '(.*)'\.$/s, names: ['key', 'constraint'] },
  { variant: 'elementOnly', pattern: /^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/s, names: [] },
];

/** The values of an XSD message of a known form (see xsdMessages), or undefined. */
export function xsdMessageArgs(message: string): Record<string, string> | undefined {
  const head = /^Element '([^']*)'(?:, attribute '([^']*)')?: /.exec(message);
  if (!head) return undefined;
  const rest = message.slice(head[0].length);
  for (const m of xsdMessages) {
    const found = m.pattern.exec(rest);
    if (!found) continue;
    const args: Record<string, string> = { keyword: 'xsd', variant: m.variant, element: localNames(head[1]!) };
    if (head[2] !== undefined) args.attribute = head[2];
    m.names.forEach((name, i) => {
      const v = found[i + 1]!;
      args[name] = name === 'expected' || name === 'constraint' ? localNames(v) : v;
    });
    return args;
  }
  return undefined;
}
