/**
 * CycloneDX 1.6 XML writer: the same content as the JSON writer, in the element order of
 * bom-1.6.xsd, namespace `http://cyclonedx.org/schema/bom/1.6`. Escaping and the removal of
 * characters XML 1.0 cannot carry are described in xml.ts. A purl or URL that is not a URI
 * reference is written with the offending characters percent-encoded (any-uri.ts): the schema types
 * them `xs:anyURI`. See docs/sbom-mapping.md.
 */
import {
  type Component,
  type ExternalReference,
  type Hash,
  type License,
  type OrganizationalContact,
  type OrganizationalEntity,
  type Property,
  type Tool,
} from '../../core/sbom/model.js';
import { anyUriText } from './any-uri.js';
import { bomVersion, cdxLifecyclePhases } from './cyclonedx-1.6-json.js';
import { cdxLicenses } from './cyclonedx-licenses.js';
import { type ResolvedOptions } from './options.js';
import { toolsWithWriter, type PreparedDocument } from './prepare.js';
import { serializeXml, textElement, type XmlElement } from './xml.js';

export const cdx16Namespace = 'http://cyclonedx.org/schema/bom/1.6';

/** A wrapper element, or null when it would be empty. */
function list(name: string, children: readonly XmlElement[]): XmlElement | null {
  return children.length === 0 ? null : { name, children };
}

const hashes = (items: readonly Hash[]): XmlElement | null =>
  list(
    'hashes',
    items.map((h) => ({ name: 'hash', attributes: [['alg', h.alg]], text: h.content })),
  );

const contact = (name: string, c: OrganizationalContact): XmlElement => ({
  name,
  children: [textElement('name', c.name), textElement('email', c.email), textElement('phone', c.phone)],
});

const entity = (name: string, e: OrganizationalEntity | null): XmlElement | null =>
  e === null
    ? null
    : {
        name,
        children: [
          textElement('name', e.name),
          ...e.url.map((u) => textElement('url', anyUriText(u, 'url'))),
          ...e.contact.map((c) => contact('contact', c)),
        ],
      };

const externalReference = (r: ExternalReference): XmlElement => ({
  name: 'reference',
  attributes: [['type', r.type]],
  children: [
    textElement('url', anyUriText(r.url, 'url')),
    textElement('comment', r.comment),
    hashes(r.hashes),
  ],
});

const properties = (items: readonly Property[]): XmlElement | null =>
  list(
    'properties',
    items.map((p) => ({ name: 'property', attributes: [['name', p.name]], text: p.value })),
  );

const licenses = (items: readonly License[]): XmlElement | null =>
  list(
    'licenses',
    cdxLicenses(items).map((l) =>
      l.kind === 'expression'
        ? { name: 'expression', attributes: [['acknowledgement', l.acknowledgement]], text: l.value }
        : {
            name: 'license',
            attributes: [['acknowledgement', l.acknowledgement]],
            children: [{ name: l.kind, text: l.value }],
          },
    ),
  );

function component(c: Component): XmlElement {
  return {
    name: 'component',
    attributes: [
      ['type', c.type],
      ['bom-ref', c.bomRef],
    ],
    children: [
      entity('supplier', c.supplier),
      textElement('author', c.author),
      textElement('publisher', c.publisher),
      textElement('group', c.group),
      textElement('name', c.name),
      textElement('version', c.version),
      textElement('description', c.description),
      textElement('scope', c.scope),
      hashes(c.hashes),
      licenses(c.licenses),
      textElement('copyright', c.copyright),
      textElement('cpe', c.cpe),
      textElement('purl', c.purl === null ? null : anyUriText(c.purl, 'purl')),
      c.swid === null
        ? null
        : {
            name: 'swid',
            attributes: [
              ['tagId', c.swid.tagId],
              ['name', c.swid.name],
              ['version', c.swid.version],
            ],
          },
      list('externalReferences', c.externalReferences.map(externalReference)),
      properties(c.properties),
      list('components', c.components.map(component)),
    ],
  };
}

const tool = (t: Tool): XmlElement => ({
  name: 'component',
  attributes: [['type', 'application']],
  children: [textElement('group', t.vendor), textElement('name', t.name), textElement('version', t.version)],
});

const lifecycle = (value: string): XmlElement => ({
  name: 'lifecycle',
  children: [cdxLifecyclePhases.includes(value) ? textElement('phase', value) : textElement('name', value)],
});

export function writeCycloneDxXml(doc: PreparedDocument, options: ResolvedOptions): string {
  const m = doc.metadata;
  return serializeXml({
    name: 'bom',
    attributes: [
      ['xmlns', cdx16Namespace],
      ['serialNumber', options.serialNumber],
      ['version', String(bomVersion(m.version))],
    ],
    children: [
      {
        name: 'metadata',
        children: [
          textElement('timestamp', options.timestamp),
          list('lifecycles', m.lifecycles.map(lifecycle)),
          { name: 'tools', children: [list('components', toolsWithWriter(m.tools, options.tool).map(tool))] },
          list(
            'authors',
            m.authors.map((a) => contact('author', a)),
          ),
          m.component === null ? null : component(m.component),
          entity('manufacturer', doc.manufacturer),
          entity('supplier', m.supplier),
          licenses(m.licenses),
          properties(m.properties),
        ],
      },
      list('components', doc.components.map(component)),
      list('externalReferences', m.externalReferences.map(externalReference)),
      list(
        'dependencies',
        doc.dependencies.map((d) => ({
          name: 'dependency',
          attributes: [['ref', d.ref]],
          children: d.dependsOn.map((r) => ({ name: 'dependency', attributes: [['ref', r]] })),
        })),
      ),
    ],
  });
}
