/**
 * Format detection from content (never from the file name alone): what the document is, or — when
 * mamori cannot read it — what it looked like, for the `sbom.unsupported` message.
 */
import { isRecord, rec, str, type JsonRecord } from './json-access.js';

export type JsonKind =
  | { readonly kind: 'cyclonedx' }
  | { readonly kind: 'spdx'; readonly version: '2.2' | '2.3' }
  | { readonly kind: 'unsupported'; readonly lookedLike: string };

export function classifyJson(value: unknown): JsonKind {
  if (!isRecord(value)) return { kind: 'unsupported', lookedLike: Array.isArray(value) ? 'a JSON array' : 'a JSON scalar' };
  const bomFormat = str(value, 'bomFormat');
  if (bomFormat === 'CycloneDX') return { kind: 'cyclonedx' };
  const spdxVersion = str(value, 'spdxVersion');
  if (spdxVersion === 'SPDX-2.2') return { kind: 'spdx', version: '2.2' };
  if (spdxVersion === 'SPDX-2.3') return { kind: 'spdx', version: '2.3' };
  if (spdxVersion !== null) return { kind: 'unsupported', lookedLike: `SPDX JSON with spdxVersion "${spdxVersion.slice(0, 20)}" (supported: SPDX-2.2, SPDX-2.3)` };
  const context = JSON.stringify(value['@context'] ?? '');
  if (context.includes('spdx.org/rdf/3')) return { kind: 'unsupported', lookedLike: 'SPDX 3 JSON-LD' };
  if (context.includes('openvex')) return { kind: 'unsupported', lookedLike: 'an OpenVEX document' };
  if (str(rec(value, 'document'), 'csaf_version') !== null) return { kind: 'unsupported', lookedLike: 'a CSAF document' };
  if (typeof value.schema_version === 'string' && typeof value.id === 'string') return { kind: 'unsupported', lookedLike: 'an OSV advisory' };
  if (bomFormat !== null) return { kind: 'unsupported', lookedLike: `JSON with bomFormat "${bomFormat.slice(0, 40)}" (expected "CycloneDX")` };
  if (typeof value.specVersion === 'string' && /^1\.\d$/.test(value.specVersion)) return { kind: 'unsupported', lookedLike: 'CycloneDX-like JSON without bomFormat "CycloneDX"' };
  if (isRecord(value.packages) || Array.isArray(value.packages)) return { kind: 'unsupported', lookedLike: 'JSON with "packages" but no spdxVersion' };
  return { kind: 'unsupported', lookedLike: 'JSON that is neither CycloneDX (bomFormat) nor SPDX (spdxVersion)' };
}

export type XmlKind =
  | { readonly kind: 'cyclonedx'; readonly version: string; readonly namespace: string }
  | { readonly kind: 'unsupported'; readonly lookedLike: string };

const cycloneDxNamespace = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

/** From the root start tag (as scanned): its local name and the namespace bound to its prefix. */
export function classifyXmlRoot(rootName: string | null, rootTag: string | null): XmlKind {
  if (rootName === null || rootTag === null) return { kind: 'unsupported', lookedLike: 'XML without a root element' };
  const colon = rootName.indexOf(':');
  const prefix = colon === -1 ? null : rootName.slice(0, colon);
  const local = colon === -1 ? rootName : rootName.slice(colon + 1);
  const nsAttr = prefix === null ? 'xmlns' : `xmlns:${prefix}`;
  const m = new RegExp(`\\s${nsAttr.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(rootTag);
  const namespace = m ? (m[2] ?? m[3] ?? '') : '';
  const cdx = cycloneDxNamespace.exec(namespace);
  if (local === 'bom' && cdx) return { kind: 'cyclonedx', version: cdx[1]!, namespace };
  if (local === 'bom') return { kind: 'unsupported', lookedLike: `XML <bom> in namespace "${namespace.slice(0, 80)}" (expected http://cyclonedx.org/schema/bom/1.2 … 1.7)` };
  if (local === 'RDF') return { kind: 'unsupported', lookedLike: /spdx/i.test(rootTag) ? 'SPDX RDF/XML' : 'RDF/XML' };
  if (/spdx/i.test(rootTag) || local === 'SpdxDocument' || local === 'Document') return { kind: 'unsupported', lookedLike: 'SPDX XML' };
  return { kind: 'unsupported', lookedLike: `XML with root element <${rootName.slice(0, 40)}>` };
}

/** For text that is neither JSON nor XML. */
export function classifyText(text: string): { kind: 'spdx-tag-value' } | { kind: 'unsupported'; lookedLike: string } {
  const head = text.slice(0, 4096);
  if (/^\s*SPDXVersion\s*:/m.test(head)) return { kind: 'spdx-tag-value' };
  if (/^\s*spdxVersion\s*:/m.test(head)) return { kind: 'unsupported', lookedLike: 'SPDX YAML' };
  if (/^\s*bomFormat\s*:\s*["']?CycloneDX/m.test(head)) return { kind: 'unsupported', lookedLike: 'CycloneDX YAML' };
  if (/^\s*["']?@context["']?\s*:/m.test(head)) return { kind: 'unsupported', lookedLike: 'YAML-LD' };
  if (head.trim() === '') return { kind: 'unsupported', lookedLike: 'an empty document' };
  if (/^\s*(syntax\s*=\s*"proto3"|\w+\s*\{)/.test(head) || /^\s*spec_version\s*:/m.test(head)) return { kind: 'unsupported', lookedLike: 'protobuf text format' };
  return { kind: 'unsupported', lookedLike: 'text that is not JSON, XML or SPDX tag-value' };
}

export type { JsonRecord };
