/**
 * Format detection from content (never from the file name alone): what the document is, or — when
 * mamori cannot read it — what it looked like, for the `sbom.unsupported` message.
 */
import { isRecord, rec, str, type JsonRecord } from './json-access.js';

/**
 * What an unreadable document looked like: the English text of the `sbom.unsupported` message, and
 * the same as a `shape` key with the one value it names (a version, a namespace, an element), so a
 * screen can say it in its own language.
 */
export interface LookedLike {
  readonly kind: 'unsupported';
  readonly lookedLike: string;
  readonly shape: string;
  readonly value?: string;
}

const looked = (shape: string, lookedLike: string, value?: string): LookedLike =>
  value === undefined ? { kind: 'unsupported', lookedLike, shape } : { kind: 'unsupported', lookedLike, shape, value };

export type JsonKind =
  | { readonly kind: 'cyclonedx' }
  | { readonly kind: 'spdx'; readonly version: '2.2' | '2.3' }
  | LookedLike;

export function classifyJson(value: unknown): JsonKind {
  if (!isRecord(value)) return (Array.isArray(value) ? looked('json_array', 'a JSON array') : looked('json_scalar', 'a JSON scalar'));
  const bomFormat = str(value, 'bomFormat');
  if (bomFormat === 'CycloneDX') return { kind: 'cyclonedx' };
  const spdxVersion = str(value, 'spdxVersion');
  if (spdxVersion === 'SPDX-2.2') return { kind: 'spdx', version: '2.2' };
  if (spdxVersion === 'SPDX-2.3') return { kind: 'spdx', version: '2.3' };
  if (spdxVersion !== null) return looked('spdx_json_version', `SPDX JSON with spdxVersion "${spdxVersion.slice(0, 20)}" (supported: SPDX-2.2, SPDX-2.3)`, spdxVersion.slice(0, 20));
  const context = JSON.stringify(value['@context'] ?? '');
  if (context.includes('spdx.org/rdf/3')) return looked('spdx3_jsonld', 'SPDX 3 JSON-LD');
  if (context.includes('openvex')) return looked('openvex', 'an OpenVEX document');
  if (str(rec(value, 'document'), 'csaf_version') !== null) return looked('csaf', 'a CSAF document');
  if (typeof value.schema_version === 'string' && typeof value.id === 'string') return looked('osv', 'an OSV advisory');
  if (bomFormat !== null) return looked('bom_format', `JSON with bomFormat "${bomFormat.slice(0, 40)}" (expected "CycloneDX")`, bomFormat.slice(0, 40));
  if (typeof value.specVersion === 'string' && /^1\.\d$/.test(value.specVersion)) return looked('cyclonedx_without_bom_format', 'CycloneDX-like JSON without bomFormat "CycloneDX"');
  if (isRecord(value.packages) || Array.isArray(value.packages)) return looked('packages_without_spdx_version', 'JSON with "packages" but no spdxVersion');
  return looked('json_other', 'JSON that is neither CycloneDX (bomFormat) nor SPDX (spdxVersion)');
}

export type XmlKind =
  | { readonly kind: 'cyclonedx'; readonly version: string; readonly namespace: string }
  | LookedLike;

const cycloneDxNamespace = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

/** From the root start tag (as scanned): its local name and the namespace bound to its prefix. */
export function classifyXmlRoot(rootName: string | null, rootTag: string | null): XmlKind {
  if (rootName === null || rootTag === null) return looked('xml_without_root', 'XML without a root element');
  const colon = rootName.indexOf(':');
  const prefix = colon === -1 ? null : rootName.slice(0, colon);
  const local = colon === -1 ? rootName : rootName.slice(colon + 1);
  const nsAttr = prefix === null ? 'xmlns' : `xmlns:${prefix}`;
  const m = new RegExp(`\\s${nsAttr.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(rootTag);
  const namespace = m ? (m[2] ?? m[3] ?? '') : '';
  const cdx = cycloneDxNamespace.exec(namespace);
  if (local === 'bom' && cdx) return { kind: 'cyclonedx', version: cdx[1]!, namespace };
  if (local === 'bom' && namespace === '')
    return looked('xml_bom_without_namespace', 'XML <bom> without a namespace (expected http://cyclonedx.org/schema/bom/1.2 … 1.7)');
  if (local === 'bom') return looked('xml_bom_namespace', `XML <bom> in namespace "${namespace.slice(0, 80)}" (expected http://cyclonedx.org/schema/bom/1.2 … 1.7)`, namespace.slice(0, 80));
  if (local === 'RDF') return (/spdx/i.test(rootTag) ? looked('spdx_rdf', 'SPDX RDF/XML') : looked('rdf', 'RDF/XML'));
  if (/spdx/i.test(rootTag) || local === 'SpdxDocument' || local === 'Document') return looked('spdx_xml', 'SPDX XML');
  return looked('xml_root', `XML with root element <${rootName.slice(0, 40)}>`, rootName.slice(0, 40));
}

/** For text that is neither JSON nor XML. */
export function classifyText(text: string): { kind: 'spdx-tag-value' } | LookedLike {
  const head = text.slice(0, 4096);
  if (/^\s*SPDXVersion\s*:/m.test(head)) return { kind: 'spdx-tag-value' };
  if (/^\s*spdxVersion\s*:/m.test(head)) return looked('spdx_yaml', 'SPDX YAML');
  if (/^\s*bomFormat\s*:\s*["']?CycloneDX/m.test(head)) return looked('cyclonedx_yaml', 'CycloneDX YAML');
  if (/^\s*["']?@context["']?\s*:/m.test(head)) return looked('yaml_ld', 'YAML-LD');
  if (head.trim() === '') return looked('empty', 'an empty document');
  if (/^\s*(syntax\s*=\s*"proto3"|\w+\s*\{)/.test(head) || /^\s*spec_version\s*:/m.test(head)) return looked('protobuf', 'protobuf text format');
  return looked('text_other', 'text that is not JSON, XML or SPDX tag-value');
}

export type { JsonRecord };
