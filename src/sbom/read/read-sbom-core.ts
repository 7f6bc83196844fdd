/**
 * The reading shared by readSbom (read-sbom.ts) and readSbomLoadingXml (read-sbom-lazy.ts):
 * untrusted bytes → the version-agnostic model, or a stable failure code.
 *
 * Order of checks (each before the costlier next one): size → strict UTF-8 → format detection
 * from content → depth / DOCTYPE / component limits while scanning and parsing → prototype keys
 * stripped → official schema (JSON schema or XSD; SPDX tag-value: mamori's rules) → mapping and
 * semantic checks (duplicate bom-refs are errors, dangling dependencies warnings). Any error
 * diagnostic fails the read with `sbom.invalid`; warnings travel with the document.
 * Supported: CycloneDX 1.2–1.7 JSON and XML; SPDX 2.2 / 2.3 JSON and tag-value.
 */
import { defaultSbomLimits, type SbomDiagnostic, type SbomLimits } from '../../core/sbom/diagnostics.js';
import { cycloneDxXmlVersions, type CycloneDxXmlVersion } from '../validate/cyclonedx-xml-versions.js';
import { decodeUtf8 } from './decode-utf8.js';
import { classifyJson, classifyText, classifyXmlRoot, type LookedLike } from './detect-format.js';
import { parseJson } from './parse-json.js';
import { readFailure } from './read-failure.js';
import { readSpdxJson } from './read-spdx-json.js';
import { readSpdxTagValue } from './read-spdx-tag-value.js';
import type { SbomReadResult, SbomStreamResult } from './sbom-read-result.js';
import { lineColumn } from './scan-json.js';
import { scanXml } from './scan-xml.js';

export interface ReadSbomOptions {
  /** Limits for this read; missing members take defaultSbomLimits. */
  readonly limits?: Partial<SbomLimits>;
  /** Used only in messages (detection is by content). */
  readonly fileName?: string;
}

/** Reads a CycloneDX XML document (read-cyclonedx-xml.ts, which loads libxml2). */
export type CycloneDxXmlReader = (
  bytes: Uint8Array,
  version: CycloneDxXmlVersion,
  namespace: string,
  limits: SbomLimits,
) => SbomReadResult;

/**
 * readSbom with its CycloneDX JSON reader (whole or streamed) and its XML reader given: the XML
 * reader is asked for only when the document is XML, so a caller can avoid loading libxml2.
 */
export function readWith<T extends SbomReadResult | SbomStreamResult>(
  bytes: Uint8Array,
  options: ReadSbomOptions,
  cycloneDxJson: (bom: Record<string, unknown>, limits: SbomLimits, diagnostics: SbomDiagnostic[]) => T,
  xml: () => CycloneDxXmlReader,
): SbomReadResult | T {
  const limits: SbomLimits = { ...defaultSbomLimits, ...options.limits };
  const named = options.fileName ? `${options.fileName}: ` : '';
  if (bytes.length > limits.maxBytes) {
    return readFailure(
      'sbom.too_large',
      `${named}document is ${bytes.length} bytes; the limit is ${limits.maxBytes}`,
      {
        code: 'size.limit',
        location: '',
        rule: `mamori limit maxBytes = ${limits.maxBytes}`,
        args: { bytes: bytes.length, limit: limits.maxBytes },
      },
    );
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return readFailure(
      'sbom.unreadable',
      `${named}document is not valid UTF-8${decoded.offset === null ? '' : ` (invalid byte sequence at byte ${decoded.offset})`}`,
      {
        code: 'encoding.utf8',
        location: decoded.offset === null ? '' : `byte ${decoded.offset}`,
        rule: 'RFC 8259 §8.1 / XML 1.0 §4.3.3: SBOMs are exchanged as UTF-8',
        args: decoded.offset === null ? { variant: 'unknown' } : { offset: decoded.offset },
      },
    );
  }
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  const first = /\S/.exec(text.slice(0, 1024))?.[0] ?? '';

  if (first === '{' || first === '[') {
    const parsed = parseJson(text, limits.maxDepth);
    if (!parsed.ok) {
      return readFailure(parsed.code, `${named}${parsed.message}`, {
        code: parsed.code === 'sbom.too_deep' ? 'depth.limit' : 'json.malformed',
        location: parsed.location,
        rule:
          parsed.code === 'sbom.too_deep'
            ? `mamori limit maxDepth = ${limits.maxDepth}`
            : 'RFC 8259 (JSON syntax)',
        args: parsed.args,
      });
    }
    const kind = classifyJson(parsed.value);
    if (kind.kind === 'unsupported') return unsupported(kind, parsed.diagnostics, named);
    const doc = parsed.value as Record<string, unknown>;
    if (kind.kind === 'cyclonedx') return cycloneDxJson(doc, limits, parsed.diagnostics);
    return readSpdxJson(doc, kind.version, limits, parsed.diagnostics);
  }

  if (first === '<') {
    const scan = scanXml(text, limits);
    if (!scan.ok) {
      const at = lineColumn(text, scan.offset);
      const location = `line ${at.line}`;
      switch (scan.reason) {
        case 'doctype':
          return readFailure(
            'sbom.invalid',
            `${named}XML markup declaration ${scan.detail} refused: DOCTYPE and ENTITY declarations are not accepted (entities are never expanded)`,
            {
              code: 'xml.doctype',
              location,
              // Self-contained: users do not have the design notes (DESIGN.md, untrusted input).
              rule: 'mamori: entities in untrusted XML are never expanded, which prevents entity-expansion ("billion laughs") and external-entity (XXE) attacks; CycloneDX XML needs no DTD',
              args: { declaration: scan.detail },
            },
          );
        case 'depth':
          return readFailure('sbom.too_deep', `${named}XML ${scan.detail}`, {
            code: 'depth.limit',
            location,
            rule: `mamori limit maxDepth = ${limits.maxDepth}`,
            args: { variant: 'xml', limit: limits.maxDepth },
          });
        case 'components':
          return readFailure('sbom.too_many_components', `${named}XML has ${scan.detail}`, {
            code: 'components.limit',
            location,
            rule: `mamori limit maxComponents = ${limits.maxComponents}`,
            args: { limit: limits.maxComponents },
          });
        default:
          return readFailure('sbom.unreadable', `${named}Not well-formed XML: ${scan.detail}`, {
            code: 'xml.malformed',
            location,
            rule: 'XML 1.0 well-formedness',
            args: { detail: scan.detail },
          });
      }
    }
    const kind = classifyXmlRoot(scan.rootName, scan.rootTag);
    if (kind.kind === 'unsupported') return unsupported(kind, [], named);
    if (!(cycloneDxXmlVersions as readonly string[]).includes(kind.version)) {
      return unsupported(
        { kind: 'unsupported', lookedLike: `CycloneDX ${kind.version} XML (supported: 1.2–1.7)`, shape: 'cyclonedx_xml_version', value: kind.version },
        [],
        named,
      );
    }
    return xml()(bytes, kind.version as CycloneDxXmlVersion, kind.namespace, limits);
  }

  const kind = classifyText(text);
  if (kind.kind === 'spdx-tag-value') return readSpdxTagValue(text, limits);
  return unsupported(kind, [], named);
}

function unsupported(kind: LookedLike, diagnostics: SbomReadResult['diagnostics'], named: string): SbomReadResult {
  return readFailure(
    'sbom.unsupported',
    `${named}unsupported document: it looks like ${kind.lookedLike}. mamori reads CycloneDX 1.2–1.7 (JSON, XML) and SPDX 2.2/2.3 (JSON, tag-value).`,
    {
      code: 'format.unsupported',
      location: '',
      rule: null,
      args: kind.value === undefined ? { shape: kind.shape } : { shape: kind.shape, value: kind.value },
    },
    diagnostics,
  );
}
