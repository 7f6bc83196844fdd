/**
 * The version-agnostic SBOM model. Every reader (CycloneDX 1.2–1.7 JSON/XML, SPDX 2.2/2.3 JSON and
 * tag-value) produces it; every writer (CycloneDX 1.6 JSON/XML, SPDX 2.3 JSON) consumes it; quality
 * profiles, diffs and matching work on it. Names follow CycloneDX where the formats differ; SPDX
 * values are mapped on the way in and out (see the reader/writer modules for each mapping).
 *
 * Conventions: absent values are `null` (never `undefined`), lists are never null (possibly empty),
 * order is the document's order (writers sort for reproducible output).
 */

export type SbomFormat = 'cyclonedx' | 'spdx';
export type SbomEncoding = 'json' | 'xml' | 'tag-value';

/** CycloneDX 1.6 component types (a superset of what SPDX primaryPackagePurpose maps to). */
export const componentTypes = [
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
] as const;
export type ComponentType = (typeof componentTypes)[number];

export const componentScopes = ['required', 'optional', 'excluded'] as const;
export type ComponentScope = (typeof componentScopes)[number];

/** Hash algorithm names as CycloneDX spells them (SPDX `SHA256` ↔ `SHA-256` etc. is mapped by readers/writers). */
export const hashAlgorithms = [
  'MD5',
  'SHA-1',
  'SHA-256',
  'SHA-384',
  'SHA-512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
  'BLAKE2b-256',
  'BLAKE2b-384',
  'BLAKE2b-512',
  'BLAKE3',
] as const;
export type HashAlgorithm = (typeof hashAlgorithms)[number];

export interface Hash {
  readonly alg: HashAlgorithm;
  /** Lower-case hex. */
  readonly content: string;
}

export interface OrganizationalContact {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface OrganizationalEntity {
  readonly name: string | null;
  readonly url: readonly string[];
  readonly contact: readonly OrganizationalContact[];
}

/**
 * One license statement. `expression` is an SPDX license expression (a single id such as `MIT` is
 * also an expression); `name` is a license that has no SPDX id (CycloneDX `license.name`, SPDX
 * `LicenseRef-…` with its extracted name). Exactly one of the two is set.
 */
export interface License {
  readonly expression: string | null;
  readonly name: string | null;
  /** CycloneDX 1.6 acknowledgement; SPDX licenseDeclared → declared, licenseConcluded → concluded. */
  readonly acknowledgement: 'declared' | 'concluded' | null;
}

export interface ExternalReference {
  /** CycloneDX externalReference.type (`website`, `vcs`, `distribution`, `advisories`, …). */
  readonly type: string;
  readonly url: string;
  readonly comment: string | null;
  readonly hashes: readonly Hash[];
}

export interface Property {
  readonly name: string;
  readonly value: string;
}

export interface Swid {
  readonly tagId: string;
  readonly name: string;
  readonly version: string | null;
}

export interface Tool {
  readonly vendor: string | null;
  readonly name: string;
  readonly version: string | null;
}

export interface Component {
  /** CycloneDX bom-ref or SPDX SPDXID; unique within the document (readers generate one when absent). */
  readonly bomRef: string;
  readonly type: ComponentType;
  readonly name: string;
  readonly version: string | null;
  readonly group: string | null;
  /** The immediate supplier (CycloneDX supplier, SPDX supplier). */
  readonly supplier: OrganizationalEntity | null;
  /** The creator (CycloneDX manufacturer / author, SPDX originator), as text. */
  readonly author: string | null;
  readonly publisher: string | null;
  readonly purl: string | null;
  /** CPE 2.3 formatted string (or 2.2 URI as given). */
  readonly cpe: string | null;
  readonly swid: Swid | null;
  readonly hashes: readonly Hash[];
  readonly licenses: readonly License[];
  readonly scope: ComponentScope | null;
  readonly description: string | null;
  readonly copyright: string | null;
  readonly externalReferences: readonly ExternalReference[];
  readonly properties: readonly Property[];
  /**
   * Level of support as the FDA asks for it (e.g. "actively maintained", "no longer maintained",
   * "abandoned"), read from the document's properties or set in mamori. See supportProperties.
   */
  readonly supportLevel: string | null;
  /** End-of-support date YYYY-MM-DD (CycloneDX lifecycle milestone property, SPDX validUntilDate). */
  readonly endOfSupport: string | null;
  /** Nested components (CycloneDX `components[].components[]`); SPDX documents have none. */
  readonly components: readonly Component[];
}

export interface Dependency {
  readonly ref: string;
  readonly dependsOn: readonly string[];
}

export interface SbomMetadata {
  /** CycloneDX serialNumber (`urn:uuid:…`) or SPDX documentNamespace. */
  readonly serialNumber: string | null;
  /** CycloneDX BOM version (1, 2, …); SPDX has none. */
  readonly version: number | null;
  /** ISO 8601 date-time of creation. */
  readonly timestamp: string | null;
  /** SPDX document name, or the primary component's name for CycloneDX. */
  readonly name: string | null;
  readonly authors: readonly OrganizationalContact[];
  /** The organisation that produced the SBOM (CycloneDX metadata.manufacturer/supplier, SPDX Organization creator). */
  readonly supplier: OrganizationalEntity | null;
  readonly tools: readonly Tool[];
  /** CycloneDX metadata.lifecycles[].phase (or custom name); SPDX has none. */
  readonly lifecycles: readonly string[];
  /** The product the SBOM describes (CycloneDX metadata.component, SPDX DESCRIBES target). */
  readonly component: Component | null;
  readonly licenses: readonly License[];
  readonly properties: readonly Property[];
  /**
   * References about the BOM as a whole (CycloneDX BOM-level `externalReferences`: where the SBOM is
   * published, the security contact, the source repository, other BOMs …). SPDX has no place for them.
   */
  readonly externalReferences: readonly ExternalReference[];
}

export interface SbomDocument {
  readonly format: SbomFormat;
  /** As written in the document: '1.6', '2.3', … */
  readonly specVersion: string;
  readonly encoding: SbomEncoding;
  readonly metadata: SbomMetadata;
  readonly components: readonly Component[];
  readonly dependencies: readonly Dependency[];
}

/**
 * Where support data lives in documents mamori writes and reads. The end-of-support date uses the
 * official CycloneDX lifecycle taxonomy; the support level uses mamori's own namespace, because the
 * `cdx:` namespace is reserved for registered names (proposed `cdx:fda:*` names are read, not written).
 */
export const supportProperties = {
  endOfSupport: 'cdx:lifecycle:milestone:endOfSupport',
  supportLevel: 'mamori:support:level',
  /** Read-only aliases accepted on import. */
  endOfSupportAliases: ['cdx:fda:end-of-support-date', 'mamori:support:endOfSupport'],
  supportLevelAliases: ['cdx:fda:level-of-support', 'reliza:support:status'],
  /** Properties with this prefix are internal to mamori and left out of hospital-facing exports. */
  internalPrefix: 'mamori:internal:',
} as const;

/** Depth-first walk over every component, nested ones included, with its parent chain. */
export function* walkComponents(
  components: readonly Component[],
  parents: readonly Component[] = [],
): Generator<{ component: Component; parents: readonly Component[] }> {
  for (const component of components) {
    yield { component, parents };
    if (component.components.length > 0) yield* walkComponents(component.components, [...parents, component]);
  }
}

/** Number of components including nested ones (the metadata component is not counted). */
export function countComponents(doc: SbomDocument): number {
  let n = 0;
  for (const _ of walkComponents(doc.components)) n += 1;
  return n;
}

/**
 * Number of components as a release's inventory counts them (the server's SBOM component count,
 * `sboms.component_count`): the primary component (metadata.component) and the components nested in
 * it, and every listed component with its nested ones.
 */
export function countInventoryComponents(doc: SbomDocument): number {
  let n = countComponents(doc);
  if (doc.metadata.component) for (const _ of walkComponents([doc.metadata.component])) n += 1;
  return n;
}

/** An empty component with the given identity, for builders and tests. */
export function component(fields: Partial<Component> & Pick<Component, 'bomRef' | 'name'>): Component {
  return {
    type: 'library',
    version: null,
    group: null,
    supplier: null,
    author: null,
    publisher: null,
    purl: null,
    cpe: null,
    swid: null,
    hashes: [],
    licenses: [],
    scope: null,
    description: null,
    copyright: null,
    externalReferences: [],
    properties: [],
    supportLevel: null,
    endOfSupport: null,
    components: [],
    ...fields,
  };
}
