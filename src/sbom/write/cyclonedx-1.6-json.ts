/**
 * CycloneDX 1.6 JSON writer. Keys are written in the order of bom-1.6.schema.json (which is also the
 * XSD sequence order); empty lists and null values are left out. See docs/sbom-mapping.md.
 */
import {
  type Component,
  type ExternalReference,
  type Hash,
  type OrganizationalContact,
  type OrganizationalEntity,
  type Property,
  type Tool,
} from '../../core/sbom/model.js';
import { cdxLicenses } from './cyclonedx-licenses.js';
import { type ResolvedOptions } from './options.js';
import { toolsWithWriter, type PreparedDocument } from './prepare.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const cdxLifecyclePhases: readonly string[] = [
  'design',
  'pre-build',
  'build',
  'post-build',
  'operations',
  'discovery',
  'decommission',
];

/** An object from [key, value] pairs in order; null/undefined values and empty arrays are left out. */
function obj(entries: readonly (readonly [string, Json | undefined])[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

const hashes = (list: readonly Hash[]): Json[] => list.map((h) => ({ alg: h.alg, content: h.content }));

const contact = (c: OrganizationalContact): JsonObject =>
  obj([
    ['name', c.name],
    ['email', c.email],
    ['phone', c.phone],
  ]);

const entity = (e: OrganizationalEntity | null): JsonObject | null =>
  e === null
    ? null
    : obj([
        ['name', e.name],
        ['url', [...e.url]],
        ['contact', e.contact.map(contact)],
      ]);

const externalReference = (r: ExternalReference): JsonObject =>
  obj([
    ['url', r.url],
    ['comment', r.comment],
    ['type', r.type],
    ['hashes', hashes(r.hashes)],
  ]);

const properties = (list: readonly Property[]): Json[] => list.map((p) => ({ name: p.name, value: p.value }));

const licenses = (list: Parameters<typeof cdxLicenses>[0]): Json[] =>
  cdxLicenses(list).map((l) =>
    l.kind === 'expression'
      ? obj([
          ['expression', l.value],
          ['acknowledgement', l.acknowledgement],
        ])
      : {
          license: obj([
            [l.kind, l.value],
            ['acknowledgement', l.acknowledgement],
          ]),
        },
  );

function component(c: Component): JsonObject {
  return obj([
    ['type', c.type],
    ['bom-ref', c.bomRef],
    ['supplier', entity(c.supplier)],
    ['author', c.author],
    ['publisher', c.publisher],
    ['group', c.group],
    ['name', c.name],
    ['version', c.version],
    ['description', c.description],
    ['scope', c.scope],
    ['hashes', hashes(c.hashes)],
    ['licenses', licenses(c.licenses)],
    ['copyright', c.copyright],
    ['cpe', c.cpe],
    ['purl', c.purl],
    [
      'swid',
      c.swid === null
        ? null
        : obj([
            ['tagId', c.swid.tagId],
            ['name', c.swid.name],
            ['version', c.swid.version],
          ]),
    ],
    ['externalReferences', c.externalReferences.map(externalReference)],
    ['properties', properties(c.properties)],
    ['components', c.components.map(component)],
  ]);
}

/** Model tools become `metadata.tools.components` (vendor → group, as the CycloneDX JS library maps them). */
function tool(t: Tool): JsonObject {
  return obj([
    ['type', 'application'],
    ['group', t.vendor],
    ['name', t.name],
    ['version', t.version],
  ]);
}

/** BOM version: the model's when it is a positive integer, otherwise 1. */
export function bomVersion(version: number | null): number {
  return version !== null && Number.isSafeInteger(version) && version >= 1 ? version : 1;
}

export function lifecycle(value: string): JsonObject {
  return cdxLifecyclePhases.includes(value) ? { phase: value } : { name: value };
}

export function cycloneDxJsonObject(doc: PreparedDocument, options: ResolvedOptions): JsonObject {
  const m = doc.metadata;
  return obj([
    ['$schema', 'http://cyclonedx.org/schema/bom-1.6.schema.json'],
    ['bomFormat', 'CycloneDX'],
    ['specVersion', '1.6'],
    ['serialNumber', options.serialNumber],
    ['version', bomVersion(m.version)],
    [
      'metadata',
      obj([
        ['timestamp', options.timestamp],
        ['lifecycles', m.lifecycles.map(lifecycle)],
        ['tools', { components: toolsWithWriter(m.tools, options.tool).map(tool) }],
        ['authors', m.authors.map(contact)],
        ['component', m.component === null ? null : component(m.component)],
        ['manufacturer', entity(doc.manufacturer)],
        ['supplier', entity(m.supplier)],
        ['licenses', licenses(m.licenses)],
        ['properties', properties(m.properties)],
      ]),
    ],
    ['components', doc.components.map(component)],
    ['externalReferences', m.externalReferences.map(externalReference)],
    [
      'dependencies',
      doc.dependencies.map((d) =>
        obj([
          ['ref', d.ref],
          ['dependsOn', [...d.dependsOn]],
        ]),
      ),
    ],
  ]);
}

export function writeCycloneDxJson(doc: PreparedDocument, options: ResolvedOptions): string {
  return `${JSON.stringify(cycloneDxJsonObject(doc, options), null, 2)}\n`;
}
