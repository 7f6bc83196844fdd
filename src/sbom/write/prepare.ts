/**
 * Format-independent preparation shared by every writer: the canonical order of everything whose
 * order has no meaning, the support fields written back as properties, and the hospital filter.
 * Pure: no I/O, no clock, no randomness. Every comparison is by UTF-16 code unit (never
 * `localeCompare`, whose result depends on the runtime's ICU data and locale).
 *
 * Order rules (documented in docs/sbom-mapping.md):
 * - components, at every nesting level: group (absent = ""), name, version (absent = ""), bomRef,
 *   and only for invalid input with duplicate bomRefs the canonical JSON of the whole component;
 * - hashes: alg, content; licenses: expression before name, then the text, then acknowledgement
 *   (absent = ""); external references (a component's and the BOM's): type, url, comment, then their
 *   hashes; properties: name, value;
 * - dependencies: entries for the same ref merged, refs and dependsOn sorted and de-duplicated;
 * - lifecycles sorted and de-duplicated; metadata tools: the writing tool first, the others sorted
 *   by name, version, vendor; authors, contacts and urls keep the document's order (the first author
 *   or contact is often the primary one).
 *
 * Support fields (model `supportLevel` / `endOfSupport` → `supportProperties` names), per field:
 * - value null: the component's properties are written as they are;
 * - value set: exactly one canonical property (`cdx:lifecycle:milestone:endOfSupport`,
 *   `mamori:support:level`) carries the value; canonical properties with another value are dropped
 *   (the model field supersedes them); alias properties (`supportProperties.*Aliases`) with the same
 *   value are kept, alias properties with another value are dropped, because they would contradict
 *   the canonical property that now carries the value ("rewritten canonically").
 *
 * Hospital variant: properties whose name starts with `mamori:internal:` (supportProperties.internalPrefix)
 * or `internal:` (reserved by the CycloneDX property taxonomy for internal use) are removed from every
 * component (nested and metadata component included) and from metadata.properties. The prefixes are
 * matched case-sensitively (taxonomy namespaces are lower-case). People's e-mail addresses and phone
 * numbers are removed (personal-data.ts: document authors, organisations' contacts — the
 * manufacturer, the document's supplier, every component's supplier —, and the component texts that
 * name people: author, publisher, copyright). Nothing else is removed.
 */
import { canonicalJson } from '../../core/canonical-json.js';
import {
  supportProperties,
  type Component,
  type Dependency,
  type ExternalReference,
  type Hash,
  type License,
  type OrganizationalEntity,
  type Property,
  type SbomDocument,
  type Tool,
} from '../../core/sbom/model.js';
import { hospitalAuthor, hospitalEntity, withoutPersonalAddresses } from './personal-data.js';

export type SbomVariant = 'full' | 'hospital';

/** Property-name prefixes left out of hospital-facing exports. */
export const hospitalExcludedPrefixes: readonly string[] = [supportProperties.internalPrefix, 'internal:'];

export interface PreparedDocument {
  readonly metadata: SbomDocument['metadata'];
  /** The manufacturer of the product the document describes (CycloneDX 1.6 `metadata.manufacturer`), when known. */
  readonly manufacturer: OrganizationalEntity | null;
  readonly components: readonly Component[];
  readonly dependencies: readonly Dependency[];
}

/** Code-unit comparison of strings; `null` sorts as the empty string. */
export function compareText(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compare by a list of keys, first difference wins. */
function byKeys<T>(...keys: ((v: T) => string | null)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareText(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

const compareHash = byKeys<Hash>(
  (h) => h.alg,
  (h) => h.content,
);
const compareProperty = byKeys<Property>(
  (p) => p.name,
  (p) => p.value,
);
const compareLicense = byKeys<License>(
  (l) => (l.expression !== null ? '0' : '1'),
  (l) => l.expression ?? l.name,
  (l) => l.acknowledgement,
);
const compareExternalReference = byKeys<ExternalReference>(
  (r) => r.type,
  (r) => r.url,
  (r) => r.comment,
  (r) => r.hashes.map((h) => `${h.alg}:${h.content}`).join(','),
);
const compareComponentIdentity = byKeys<Component>(
  (c) => c.group,
  (c) => c.name,
  (c) => c.version,
  (c) => c.bomRef,
);
const compareTool = byKeys<Tool>(
  (t) => t.name,
  (t) => t.version,
  (t) => t.vendor,
);

export function sortHashes(hashes: readonly Hash[]): Hash[] {
  return [...hashes].sort(compareHash);
}

export function sortProperties(properties: readonly Property[]): Property[] {
  return [...properties].sort(compareProperty);
}

export function sortLicenses(licenses: readonly License[]): License[] {
  return [...licenses].sort(compareLicense);
}

/** Sorted components; the canonical JSON tie-break only matters for duplicate bomRefs (invalid input). */
export function sortComponents(components: readonly Component[]): Component[] {
  return components
    .map((c) => ({ c, key: '' }))
    .sort((a, b) => {
      const c = compareComponentIdentity(a.c, b.c);
      if (c !== 0) return c;
      if (a.key === '') a.key = canonicalJson(a.c);
      if (b.key === '') b.key = canonicalJson(b.c);
      return compareText(a.key, b.key);
    })
    .map((x) => x.c);
}

/** Write the model's support fields back as properties (see the module header). */
export function withSupportProperties(component: Component): Property[] {
  let properties: Property[] = [...component.properties];
  const fields = [
    {
      value: component.endOfSupport,
      name: supportProperties.endOfSupport,
      aliases: supportProperties.endOfSupportAliases,
    },
    {
      value: component.supportLevel,
      name: supportProperties.supportLevel,
      aliases: supportProperties.supportLevelAliases,
    },
  ];
  for (const { value, name, aliases } of fields) {
    if (value === null) continue;
    const aliasNames: readonly string[] = aliases;
    properties = properties.filter(
      (p) => p.name !== name && !(aliasNames.includes(p.name) && p.value !== value),
    );
    properties.push({ name, value });
  }
  return properties;
}

export function isHospitalExcluded(property: Property): boolean {
  return hospitalExcludedPrefixes.some((prefix) => property.name.startsWith(prefix));
}

function filterProperties(properties: readonly Property[], variant: SbomVariant): Property[] {
  return variant === 'hospital' ? properties.filter((p) => !isHospitalExcluded(p)) : [...properties];
}

function sortExternalReferences(references: readonly ExternalReference[]): ExternalReference[] {
  return references.map((r) => ({ ...r, hashes: sortHashes(r.hashes) })).sort(compareExternalReference);
}

/** The component's own fields that can carry people's contact data, for the variant. */
function personalFields(
  c: Component,
  variant: SbomVariant,
): Pick<Component, 'supplier' | 'author' | 'publisher' | 'copyright'> {
  if (variant !== 'hospital')
    return { supplier: c.supplier, author: c.author, publisher: c.publisher, copyright: c.copyright };
  return {
    supplier: c.supplier === null ? null : hospitalEntity(c.supplier),
    author: withoutPersonalAddresses(c.author),
    publisher: withoutPersonalAddresses(c.publisher),
    copyright: withoutPersonalAddresses(c.copyright),
  };
}

function prepareComponent(component: Component, variant: SbomVariant): Component {
  return {
    ...component,
    ...personalFields(component, variant),
    hashes: sortHashes(component.hashes),
    licenses: sortLicenses(component.licenses),
    externalReferences: sortExternalReferences(component.externalReferences),
    properties: sortProperties(filterProperties(withSupportProperties(component), variant)),
    components: sortComponents(component.components.map((c) => prepareComponent(c, variant))),
  };
}

/** Merge entries for the same ref, de-duplicate and sort refs and dependsOn. */
export function prepareDependencies(dependencies: readonly Dependency[]): Dependency[] {
  const byRef = new Map<string, Set<string>>();
  for (const d of dependencies) {
    let set = byRef.get(d.ref);
    if (set === undefined) {
      set = new Set();
      byRef.set(d.ref, set);
    }
    for (const r of d.dependsOn) set.add(r);
  }
  return [...byRef.entries()]
    .map(([ref, set]) => ({ ref, dependsOn: [...set].sort(compareText) }))
    .sort((a, b) => compareText(a.ref, b.ref));
}

export function prepareDocument(
  doc: SbomDocument,
  variant: SbomVariant,
  manufacturer: OrganizationalEntity | null = null,
): PreparedDocument {
  const m = doc.metadata;
  const hospital = variant === 'hospital';
  return {
    manufacturer: hospital && manufacturer !== null ? hospitalEntity(manufacturer) : manufacturer,
    metadata: {
      ...m,
      authors: hospital
        ? m.authors.map(hospitalAuthor).filter((a): a is NonNullable<typeof a> => a !== null)
        : m.authors,
      supplier: hospital && m.supplier !== null ? hospitalEntity(m.supplier) : m.supplier,
      lifecycles: [...new Set(m.lifecycles)].sort(compareText),
      tools: [...m.tools].sort(compareTool),
      component: m.component === null ? null : prepareComponent(m.component, variant),
      licenses: sortLicenses(m.licenses),
      properties: sortProperties(filterProperties(m.properties, variant)),
      externalReferences: sortExternalReferences(m.externalReferences),
    },
    components: sortComponents(doc.components.map((c) => prepareComponent(c, variant))),
    dependencies: prepareDependencies(doc.dependencies),
  };
}

/** Tools for the metadata: the writing tool first, then the document's tools except an identical entry. */
export function toolsWithWriter(tools: readonly Tool[], writer: WriterTool): Tool[] {
  const self: Tool = { vendor: null, name: writer.name, version: writer.version };
  return [
    self,
    ...tools.filter((t) => !(t.name === self.name && t.version === self.version && t.vendor === null)),
  ];
}

export interface WriterTool {
  readonly name: string;
  readonly version: string | null;
}
