/**
 * CycloneDX (1.2–1.7) → the version-agnostic model. Input is the JSON shape of a BOM: parsed JSON
 * as is, or XML converted by cyclonedx-xml-to-json.ts. Rules:
 * - bom-ref: kept as written; when absent a deterministic one is generated from the component's
 *   path in the document (`mamori-generated:/components/3/components/0`), suffixed `#2`, `#3`, …
 *   only if that string is already taken, so the same input always yields the same refs.
 * - Nested components stay nested. metadata.component is mapped into the metadata, not among the
 *   components (the store keeps it as component rows of its own, ADR 0007 addendum 11).
 * - metadata.tools: legacy array `[{vendor,name,version}]` and 1.5+ `{components, services}`
 *   (a tool component's vendor is its group, else its supplier/manufacturer name; a service's is
 *   its provider name).
 * - BOM-level externalReferences → metadata.externalReferences (like a component's).
 * - metadata.supplier (model) = metadata.manufacturer, else metadata.supplier, else the deprecated
 *   metadata.manufacture (the organisation responsible for the BOM's subject); another of them
 *   with the same name adds its URLs and contacts (the same organisation).
 * - component.author (model) = manufacturer.name (1.6), else the deprecated `author`, else the
 *   names in `authors[]` joined with ", ".
 * - licenses: `license.id` → expression, `license.name` → name, `expression` → expression;
 *   acknowledgement kept. Hash content lower-cased. Unknown hash algorithms are dropped with a warning.
 * - supportLevel / endOfSupport from properties (support-fields.ts); an end-of-support property whose
 *   value is not a calendar date is left out of the properties, with a warning.
 * Semantic checks: duplicate bom-refs (error `bomref.duplicate`, CycloneDX: "Every bom-ref MUST be
 * unique within the BOM"), dependency refs and dependsOn entries that name no component or service
 * (warning `dependency.dangling`).
 * Not kept (the model holds components, their graph and the document metadata), each reported by
 * one warning with its count, so nothing is lost silently (docs/sbom-mapping.md):
 * - `services` (nested ones included; `services.not_kept`). Dependency entries of a service and
 *   dependsOn entries naming one are removed from the graph, so no output keeps a ref to something
 *   it does not hold; the warning names them. An entry whose targets were all services is removed
 *   whole: an empty dependsOn would claim it depends on nothing.
 * - `compositions` (`compositions.not_kept`) and component `pedigree` (`pedigree.not_kept`, at the
 *   first component that has one).
 * - The other BOM-level elements outside the model (`bomElementsNotKept`: vulnerabilities,
 *   annotations, formulation, declarations, definitions, citations, BOM-level properties, the
 *   document signature, metadata.distributionConstraints), the organisations of the metadata that
 *   lose to the one kept (`metadata_supplier.not_kept`), dependency `provides` lists
 *   (`provides.not_kept`), and the component fields outside the model (`componentFieldsNotKept`:
 *   evidence, releaseNotes, modelCard, data, cryptoProperties, signature, omniborId, swhid,
 *   mime-type, modified, tags, versionRange, isExternal, patentAssertions, and authors that lose to
 *   the one author kept: `authors.not_kept`), each at its first occurrence.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import {
  componentScopes,
  componentTypes,
  type Component,
  type ComponentScope,
  type ComponentType,
  type Dependency,
  type ExternalReference,
  type Hash,
  type License,
  type OrganizationalContact,
  type OrganizationalEntity,
  type Property,
  type SbomDocument,
  type SbomEncoding,
  type SbomMetadata,
  type Swid,
  type Tool,
} from '../../core/sbom/model.js';
import { cycloneDxHashAlgorithm } from './hash-algorithm.js';
import { arr, isRecord, noItems, num, rec, str, strings, text, type JsonRecord } from './json-access.js';
import { markItemsDistinct } from '../validate/unique-items.js';
import { escapePointer } from './parse-json.js';
import { invalidDateDiagnostic, supportFromProperties } from './support-fields.js';

export const generatedRefPrefix = 'mamori-generated:';

/** Turns a JSON pointer into the location shown to users (XML path for XML input). */
export type Locate = (node: unknown, pointer: string) => string;

interface Context {
  readonly locate: Locate;
  readonly diagnostics: SbomDiagnostic[];
  /**
   * Every explicit bom-ref in the document (components and services), each with a number of its own
   * (0, 1, …), so that the dependencies can tell repeated refs apart without a second set.
   */
  readonly explicitRefs: Map<string, number>;
  readonly generated: Set<string>;
  /** The bom-refs of services (not kept: dependencies on them are removed). */
  readonly serviceRefs: Set<string>;
  /** What is read but not kept, for the warnings at the end. */
  readonly notKept: {
    services: number;
    pedigree: number;
    firstPedigree: { node: unknown; pointer: string } | null;
    /** By index of componentFieldsNotKept, then the authors (index componentFieldsNotKept.length). */
    readonly fields: (Occurrences | undefined)[];
    provides: Occurrences | null;
  };
}

/** How many of one kind, and the first of them (node and pointer, for its location). */
interface Occurrences {
  count: number;
  readonly node: unknown;
  readonly pointer: string;
}

const rule = 'mamori SBOM model: components (nested), their dependency graph and the document metadata';
const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/**
 * Component fields the model has no place for (CycloneDX 1.2–1.7 `component`), counted per field:
 * one warning each with the number of components that have it, at the first one. `present` says
 * whether a value carries something (a false flag or an empty list does not).
 */
const componentFieldsNotKept: readonly { key: string; code: string; present?: (v: unknown) => boolean; message: (n: number) => string }[] = [
  { key: 'mime-type', code: 'mime_type.not_kept', message: (n) => `The MIME type (mime-type) of ${plural(n, '1 component', `${n} components`)} is not kept` },
  { key: 'versionRange', code: 'version_range.not_kept', message: (n) => `The version range (versionRange) of ${plural(n, '1 component', `${n} components`)} is not kept` },
  {
    key: 'isExternal',
    code: 'is_external.not_kept',
    present: (v) => v === true,
    message: (n) => `The external mark (isExternal: true) of ${plural(n, '1 component', `${n} components`)} is not kept: they are read as components of the product`,
  },
  { key: 'patentAssertions', code: 'patent_assertions.not_kept', message: (n) => `The patent assertions (patentAssertions) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  { key: 'omniborId', code: 'omnibor_id.not_kept', message: (n) => `The OmniBOR artifact identifiers (omniborId) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  { key: 'swhid', code: 'swhid.not_kept', message: (n) => `The Software Heritage identifiers (swhid) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  {
    key: 'modified',
    code: 'modified.not_kept',
    present: (v) => v === true,
    message: (n) => `The deprecated modified flag (modified: true) of ${plural(n, '1 component', `${n} components`)} is not kept`,
  },
  {
    key: 'evidence',
    code: 'evidence.not_kept',
    message: (n) => `The evidence (evidence: identity, occurrences, call stack, licences and copyright found by analysis) of ${plural(n, '1 component', `${n} components`)} is not kept`,
  },
  { key: 'releaseNotes', code: 'release_notes.not_kept', message: (n) => `The release notes (releaseNotes) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  { key: 'modelCard', code: 'model_card.not_kept', message: (n) => `The model card (modelCard) of ${plural(n, '1 component', `${n} components`)} is not kept` },
  { key: 'data', code: 'data.not_kept', message: (n) => `The data descriptions (data) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  { key: 'cryptoProperties', code: 'crypto_properties.not_kept', message: (n) => `The cryptographic properties (cryptoProperties) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  { key: 'tags', code: 'tags.not_kept', message: (n) => `The tags (tags) of ${plural(n, '1 component', `${n} components`)} are not kept` },
  {
    key: 'signature',
    code: 'component_signature.not_kept',
    message: (n) => `The signatures (signature) of ${plural(n, '1 component', `${n} components`)} are not kept: mamori does not verify them, and an exported document is not signed`,
  },
];
const componentFieldIndex = new Map(componentFieldsNotKept.map((f, i) => [f.key, i]));
const authorsIndex = componentFieldsNotKept.length;

/** Whether a value carries something: not null, a non-empty list or string, `true`; an object always (XML placeholders are empty). */
function carries(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim() !== '';
  return true;
}

/**
 * BOM-level elements the model has no place for, one warning each (a list counted by its items).
 * `path` is the key path from the BOM.
 */
const bomElementsNotKept: readonly { path: readonly string[]; code: string; message: (n: number) => string }[] = [
  {
    path: ['vulnerabilities'],
    code: 'vulnerabilities.not_kept',
    message: (n) =>
      `${plural(n, '1 vulnerability (vulnerabilities[]) is', `${n} vulnerabilities (vulnerabilities[]) are`)} not kept: the inventory does not import vulnerability statements; VEX is done in mamori's triage (import the document as a supplier VEX to read them)`,
  },
  { path: ['annotations'], code: 'annotations.not_kept', message: (n) => `${plural(n, '1 annotation (annotations[]) is', `${n} annotations (annotations[]) are`)} not kept` },
  {
    path: ['formulation'],
    code: 'formulation.not_kept',
    message: (n) => `${plural(n, '1 formula (formulation[]) is', `${n} formulas (formulation[]) are`)} not kept: mamori does not record how the product was built`,
  },
  { path: ['declarations'], code: 'declarations.not_kept', message: () => 'The declarations (declarations: attestations, claims, evidence, affirmation) are not kept' },
  { path: ['definitions'], code: 'definitions.not_kept', message: () => 'The definitions (definitions: standards and their requirements) are not kept' },
  { path: ['citations'], code: 'citations.not_kept', message: (n) => `${plural(n, '1 citation (citations[]) is', `${n} citations (citations[]) are`)} not kept` },
  {
    path: ['properties'],
    code: 'properties.not_kept',
    message: (n) =>
      `${plural(n, '1 BOM-level property (properties[]) is', `${n} BOM-level properties (properties[]) are`)} not kept: mamori keeps the properties of the metadata and of components`,
  },
  {
    path: ['signature'],
    code: 'signature.not_kept',
    message: () => "The document's signature (signature) is not kept: mamori does not verify it, and an exported document is not signed",
  },
  {
    path: ['metadata', 'distributionConstraints'],
    code: 'distribution_constraints.not_kept',
    message: () => 'The distribution constraints (metadata.distributionConstraints: TLP) are not kept: an exported document carries no TLP marking',
  },
];

export function mapCycloneDx(bom: JsonRecord, specVersion: string, encoding: SbomEncoding, locate: Locate): { document: SbomDocument; diagnostics: SbomDiagnostic[] } {
  const stream = streamCycloneDx(bom, specVersion, encoding, locate, []);
  const components = [...stream.components()];
  const dependencies = stream.dependencies();
  const { format, metadata } = stream.head;
  return { document: { format, specVersion, encoding, metadata, components, dependencies }, diagnostics: stream.diagnostics };
}

/**
 * mapCycloneDx in steps, for a caller that stores components as they are mapped (an upload maps each
 * top-level component while the database stores the previous ones). The bom-refs and the metadata
 * are read at once; `components()` then maps the top-level components (each with its nested ones)
 * in document order, once; `dependencies()` after that. Every diagnostic is pushed onto
 * `diagnostics` (the array given) in the order mapCycloneDx reports them, which is mapCycloneDx's
 * own path: the two cannot differ.
 */
export interface CycloneDxStream {
  readonly head: Pick<SbomDocument, 'format' | 'specVersion' | 'encoding' | 'metadata'>;
  readonly diagnostics: SbomDiagnostic[];
  components(): Generator<Component>;
  /** Only after `components()` has run to its end (generated bom-refs count as known refs). */
  dependencies(): Dependency[];
}

export function streamCycloneDx(bom: JsonRecord, specVersion: string, encoding: SbomEncoding, locate: Locate, diagnostics: SbomDiagnostic[]): CycloneDxStream {
  const ctx: Context = {
    locate,
    diagnostics,
    explicitRefs: new Map(),
    generated: new Set(),
    serviceRefs: new Set(),
    notKept: { services: 0, pedigree: 0, firstPedigree: null, fields: [], provides: null },
  };
  collectRefs(bom, ctx);

  const metadataJson = rec(bom, 'metadata');
  const metadataComponentJson = rec(metadataJson, 'component');
  const metadataComponent = metadataComponentJson ? mapComponent(metadataComponentJson, '/metadata/component', null, ctx) : null;

  const metadata: SbomMetadata = {
    serialNumber: text(str(bom, 'serialNumber')),
    version: num(bom, 'version'),
    timestamp: text(str(metadataJson, 'timestamp')),
    name: metadataComponent?.name ?? null,
    authors: arr(metadataJson, 'authors').filter(isRecord).map(mapContact),
    supplier: metadataOrganisation(metadataJson).entity,
    tools: mapTools(metadataJson),
    lifecycles: arr(metadataJson, 'lifecycles')
      .map((l) => text(str(l, 'phase')) ?? text(str(l, 'name')))
      .filter((x): x is string => x !== null),
    component: metadataComponent,
    licenses: mapLicenses(arr(metadataJson, 'licenses')),
    properties: mapProperties(arr(metadataJson, 'properties')),
    externalReferences: mapExternalReferences(arr(bom, 'externalReferences'), '/externalReferences', ctx),
  };

  let state: 'fresh' | 'mapping' | 'done' = 'fresh';
  return {
    head: { format: 'cyclonedx', specVersion, encoding, metadata },
    diagnostics,
    *components() {
      if (state !== 'fresh') throw new Error('streamCycloneDx: components() runs once');
      state = 'mapping';
      const list = arr(bom, 'components');
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        if (isRecord(c)) yield mapComponent(c, '/components', i, ctx);
      }
      state = 'done';
    },
    dependencies() {
      if (state !== 'done') throw new Error('streamCycloneDx: dependencies() needs components() first');
      const { dependencies, removedRefs } = mapDependencies(arr(bom, 'dependencies'), ctx);
      reportNotKept(bom, removedRefs, ctx);
      return dependencies;
    },
  };
}

/**
 * First pass: every explicit bom-ref, duplicates reported where the second one appears. Recursion
 * is bounded by the depth limit already enforced on the text.
 */
function collectRefs(bom: JsonRecord, ctx: Context): void {
  const refs = ctx.explicitRefs;
  const visit = (list: readonly unknown[], pointer: string, services: boolean) => {
    // Whether every item has a bom-ref no other item has: then no two items are equal, and the
    // schema's uniqueItems check of this list need not find that out again (markItemsDistinct).
    let distinct = true;
    for (let i = 0; i < list.length; i++) {
      const node = list[i];
      if (!isRecord(node)) {
        distinct = false;
        continue;
      }
      if (services) ctx.notKept.services += 1;
      const ref = str(node, 'bom-ref');
      if (ref !== null && services) ctx.serviceRefs.add(ref);
      if (ref !== null) {
        if (!refs.has(ref)) refs.set(ref, refs.size);
        else {
          distinct = false;
          ctx.diagnostics.push({
            severity: 'error',
            code: 'bomref.duplicate',
            location: ctx.locate(node, `${pointer}/${i}/bom-ref`),
            message: `bom-ref "${ref}" is used more than once`,
            rule: 'CycloneDX: "Every bom-ref must be unique within the BOM" (refType)',
            args: { bomRef: ref },
          });
        }
      } else distinct = false;
      const components = arr(node, 'components');
      if (components.length > 0) visit(components, `${pointer}/${i}/components`, false);
      const nestedServices = arr(node, 'services');
      if (nestedServices.length > 0) visit(nestedServices, `${pointer}/${i}/services`, true);
    }
    if (distinct && list.length > 1) markItemsDistinct(list);
  };
  const metadataComponent = rec(rec(bom, 'metadata'), 'component');
  if (metadataComponent) {
    const ref = str(metadataComponent, 'bom-ref');
    if (ref !== null) refs.set(ref, 0);
    visit(arr(metadataComponent, 'components'), '/metadata/component/components', false);
  }
  visit(arr(bom, 'components'), '/components', false);
  visit(arr(bom, 'services'), '/services', true);
}

/**
 * Pointers are built only when a message or a generated bom-ref needs them: a component's pointer
 * is its list's pointer plus its index, so 50,000 components do not cost 150,000 strings.
 */
function mapComponents(list: readonly unknown[], pointer: string, ctx: Context): Component[] {
  const out: Component[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (isRecord(c)) out.push(mapComponent(c, pointer, i, ctx));
  }
  return out;
}

function generateRef(pointer: string, ctx: Context): string {
  const base = `${generatedRefPrefix}${pointer}`;
  let ref = base;
  for (let n = 2; ctx.explicitRefs.has(ref) || ctx.generated.has(ref); n++) ref = `${base}#${n}`;
  ctx.generated.add(ref);
  return ref;
}

function mapComponent(c: JsonRecord, listPointer: string, index: number | null, ctx: Context): Component {
  const rawType = str(c, 'type');
  const type: ComponentType = rawType !== null && (componentTypes as readonly string[]).includes(rawType) ? (rawType as ComponentType) : 'library';
  if (rawType !== null && type !== rawType) {
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'component.type_unmapped',
      location: ctx.locate(c, pointerAt(listPointer, index, '/type')),
      message: `Component type "${rawType}" is not a CycloneDX 1.6 type; read as "library"`,
      rule: 'CycloneDX 1.6 component.type',
      args: { type: rawType },
    });
  }
  const rawScope = str(c, 'scope');
  const scope = rawScope !== null && (componentScopes as readonly string[]).includes(rawScope) ? (rawScope as ComponentScope) : null;
  let properties = mapProperties(arr(c, 'properties'));
  const support = supportFromProperties(properties);
  if (support.invalidDates.length > 0) {
    reportInvalidDates(c, support.invalidDates, listPointer, index, ctx);
    // Read as absent: the impossible date is not kept (nor written out again); the warning holds it.
    properties = properties.filter((p) => !support.invalidDates.includes(p));
  }
  const hashList = arr(c, 'hashes');
  const hashes = hashList.length === 0 ? noItems : mapHashes(hashList, listPointer, index, '/hashes', ctx);
  const nested = arr(c, 'components');
  const references = arr(c, 'externalReferences');
  if (Object.hasOwn(c, 'pedigree') && isRecord(c.pedigree)) {
    ctx.notKept.pedigree += 1;
    ctx.notKept.firstPedigree ??= { node: c.pedigree, pointer: pointerAt(listPointer, index, '/pedigree') };
  }
  // One look at each key (a component has a dozen), not one per field the model lacks.
  for (const key in c) {
    const f = componentFieldIndex.get(key);
    if (f === undefined) continue;
    const v = c[key];
    if (componentFieldsNotKept[f]!.present?.(v) ?? carries(v)) noteField(f, isRecord(v) || Array.isArray(v) ? v : c, pointerAt(listPointer, index, `/${key}`), ctx);
  }
  return {
    bomRef: str(c, 'bom-ref') ?? generateRef(pointerAt(listPointer, index, ''), ctx),
    type,
    name: str(c, 'name') ?? '',
    version: text(str(c, 'version')),
    group: text(str(c, 'group')),
    supplier: mapOrganization(rec(c, 'supplier')),
    author: mapAuthor(c, listPointer, index, ctx),
    publisher: text(str(c, 'publisher')),
    purl: text(str(c, 'purl')),
    cpe: text(str(c, 'cpe')),
    swid: mapSwid(rec(c, 'swid')),
    hashes,
    licenses: mapLicenses(arr(c, 'licenses')),
    scope,
    description: text(str(c, 'description')),
    copyright: text(str(c, 'copyright')),
    externalReferences: references.length === 0 ? noItems : mapExternalReferences(references, pointerAt(listPointer, index, '/externalReferences'), ctx),
    properties,
    supportLevel: support.supportLevel,
    endOfSupport: support.endOfSupport,
    components: nested.length === 0 ? noItems : mapComponents(nested, pointerAt(listPointer, index, '/components'), ctx),
  };
}

/** One warning per end-of-support property whose value is not a calendar date (read as absent). */
function reportInvalidDates(c: JsonRecord, invalid: readonly Property[], listPointer: string, index: number | null, ctx: Context): void {
  const raw = arr(c, 'properties');
  const who = { name: str(c, 'name') ?? '', version: text(str(c, 'version')) };
  for (const p of invalid) {
    const i = raw.findIndex((x) => str(x, 'name') === p.name && (str(x, 'value') ?? '') === p.value);
    const node = i >= 0 ? raw[i] : c;
    const pointer = pointerAt(listPointer, index, i >= 0 ? `/properties/${i}/value` : '/properties');
    ctx.diagnostics.push(
      invalidDateDiagnostic(p.name, p.value, who, ctx.locate(node, pointer), `CycloneDX property taxonomy: ${p.name} holds an ISO 8601 date (YYYY-MM-DD)`),
    );
  }
}

/**
 * The model's one author: manufacturer.name (1.6), else the deprecated `author`, else the names in
 * `authors[]`. The ones that lose to it are counted for `authors.not_kept` (located at the component:
 * an XML list has no location of its own).
 */
function mapAuthor(c: JsonRecord, listPointer: string, index: number | null, ctx: Context): string | null {
  const manufacturer = text(str(rec(c, 'manufacturer'), 'name'));
  const author = text(str(c, 'author'));
  const authors = authorNames(arr(c, 'authors'));
  const lost = authors !== null && (manufacturer !== null || author !== null) ? '/authors' : author !== null && manufacturer !== null ? '/author' : null;
  if (lost !== null) noteField(authorsIndex, c, pointerAt(listPointer, index, lost), ctx);
  return manufacturer ?? author ?? authors;
}

function noteField(i: number, node: unknown, pointer: string, ctx: Context): void {
  const seen = ctx.notKept.fields[i];
  if (seen) seen.count += 1;
  else ctx.notKept.fields[i] = { count: 1, node, pointer };
}

/** CycloneDX 1.6 `authors[].name` joined with ", ", or null. */
function authorNames(list: readonly unknown[]): string | null {
  if (list.length === 0) return null;
  const names = list.map((a) => text(str(a, 'name'))).filter((x): x is string => x !== null);
  return names.length > 0 ? names.join(', ') : null;
}

function pointerAt(listPointer: string, index: number | null, suffix: string): string {
  return index === null ? `${listPointer}${suffix}` : `${listPointer}/${index}${suffix}`;
}

/** Known hashes of a non-empty list; the others are reported (pointer built only then). */
function mapHashes(list: readonly unknown[], listPointer: string, index: number | null, suffix: string, ctx: Context): Hash[] {
  const hashes: Hash[] = [];
  for (let i = 0; i < list.length; i++) {
    const h = mapHash(list[i]);
    if (h) hashes.push(h);
    else unknownHash(list[i], pointerAt(listPointer, index, `${suffix}/${i}`), ctx);
  }
  return hashes;
}

function unknownHash(h: unknown, pointer: string, ctx: Context): void {
  ctx.diagnostics.push({
    severity: 'warning',
    code: 'hash.unsupported_algorithm',
    location: ctx.locate(h, pointer),
    message: `Hash with algorithm "${str(h, 'alg') ?? '?'}" or empty content was not read`,
    rule: 'CycloneDX hash-alg',
    args: { alg: str(h, 'alg') ?? '?' },
  });
}

function mapHash(h: unknown): Hash | null {
  const alg = str(h, 'alg');
  const content = text(str(h, 'content'));
  const known = alg === null ? null : cycloneDxHashAlgorithm(alg);
  return known && content ? { alg: known, content: content.toLowerCase() } : null;
}

export function mapContact(c: JsonRecord): OrganizationalContact {
  return { name: text(str(c, 'name')), email: text(str(c, 'email')), phone: text(str(c, 'phone')) };
}

export function mapOrganization(o: JsonRecord | null): OrganizationalEntity | null {
  if (!o) return null;
  return {
    name: text(str(o, 'name')),
    url: strings(o, 'url'),
    contact: contacts(arr(o, 'contact')),
  };
}

function contacts(list: readonly unknown[]): readonly OrganizationalContact[] {
  if (list.length === 0) return noItems;
  const out: OrganizationalContact[] = [];
  for (const c of list) if (isRecord(c)) out.push(mapContact(c));
  return out;
}

function mapSwid(s: JsonRecord | null): Swid | null {
  if (!s) return null;
  const tagId = text(str(s, 'tagId'));
  const name = text(str(s, 'name'));
  if (!tagId || !name) return null;
  return { tagId, name, version: text(str(s, 'version')) };
}

function acknowledgement(v: string | null): License['acknowledgement'] {
  return v === 'declared' || v === 'concluded' ? v : null;
}

export function mapLicenses(list: readonly unknown[]): readonly License[] {
  if (list.length === 0) return noItems;
  const out: License[] = [];
  for (const item of list) {
    const expression = text(str(item, 'expression'));
    if (expression) {
      out.push({ expression, name: null, acknowledgement: acknowledgement(str(item, 'acknowledgement')) });
      continue;
    }
    const license = rec(item, 'license');
    const id = text(str(license, 'id'));
    const name = text(str(license, 'name'));
    if (id) out.push({ expression: id, name: null, acknowledgement: acknowledgement(str(license, 'acknowledgement')) });
    else if (name) out.push({ expression: null, name, acknowledgement: acknowledgement(str(license, 'acknowledgement')) });
  }
  return out;
}

function mapExternalReferences(list: readonly unknown[], pointer: string, ctx: Context): ExternalReference[] {
  const out: ExternalReference[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const type = text(str(r, 'type'));
    const url = text(str(r, 'url'));
    if (!type || !url) continue;
    const hashList = arr(r, 'hashes');
    const hashes = hashList.length === 0 ? noItems : mapHashes(hashList, pointer, i, '/hashes', ctx);
    out.push({ type, url, comment: text(str(r, 'comment')), hashes });
  }
  return out;
}

export function mapProperties(list: readonly unknown[]): readonly Property[] {
  if (list.length === 0) return noItems;
  const out: Property[] = [];
  for (const p of list) {
    const name = str(p, 'name');
    if (name !== null) out.push({ name, value: str(p, 'value') ?? '' });
  }
  return out;
}

function mapTools(metadata: JsonRecord | null): Tool[] {
  if (!metadata || !Object.hasOwn(metadata, 'tools')) return [];
  const tools = metadata.tools;
  const out: Tool[] = [];
  if (Array.isArray(tools)) {
    for (const t of tools) {
      const name = text(str(t, 'name'));
      if (name) out.push({ vendor: text(str(t, 'vendor')), name, version: text(str(t, 'version')) });
    }
    return out;
  }
  for (const c of arr(tools, 'components')) {
    const name = text(str(c, 'name'));
    const vendor = text(str(c, 'group')) ?? text(str(rec(c, 'supplier'), 'name')) ?? text(str(rec(c, 'manufacturer'), 'name')) ?? text(str(c, 'author'));
    if (name) out.push({ vendor, name, version: text(str(c, 'version')) });
  }
  for (const s of arr(tools, 'services')) {
    const name = text(str(s, 'name'));
    const vendor = text(str(s, 'group')) ?? text(str(rec(s, 'provider'), 'name'));
    if (name) out.push({ vendor, name, version: text(str(s, 'version')) });
  }
  return out;
}

/**
 * The dependency graph; refs that name nothing are reported, refs to services are removed (and
 * returned, for the services warning). While reading it, notes whether every entry is an object
 * with a ref no other entry has (then no two are equal: markItemsDistinct), from the numbers of
 * the explicit bom-refs, without a set of its own.
 */
function mapDependencies(list: readonly unknown[], ctx: Context): { dependencies: Dependency[]; removedRefs: Set<string> } {
  const explicit = ctx.explicitRefs;
  const known = (ref: string) => explicit.has(ref) || ctx.generated.has(ref);
  const services = ctx.serviceRefs;
  const hasServices = services.size > 0;
  const removedRefs = new Set<string>();
  const out: Dependency[] = [];
  const seen = new Uint8Array(explicit.size);
  let seenOthers: Set<string> | null = null;
  let distinct = true;
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    const ref = str(d, 'ref');
    const provides = arr(d, 'provides');
    if (provides.length > 0) {
      if (ctx.notKept.provides) ctx.notKept.provides.count += 1;
      else ctx.notKept.provides = { count: 1, node: provides, pointer: `/dependencies/${i}/provides` };
    }
    if (ref === null) {
      distinct = false;
      continue;
    }
    const n = explicit.get(ref);
    if (n !== undefined) {
      if (seen[n] === 1) distinct = false;
      seen[n] = 1;
    } else {
      seenOthers ??= new Set();
      if (seenOthers.has(ref)) distinct = false;
      seenOthers.add(ref);
    }
    if (hasServices && services.has(ref)) {
      removedRefs.add(ref);
      continue;
    }
    if (n === undefined && !ctx.generated.has(ref)) {
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'dependency.dangling',
        location: ctx.locate(d, `/dependencies/${i}/ref`),
        message: `Dependency ref "${ref}" names no component or service in this BOM`,
        args: { ref },
        rule: 'CycloneDX dependency.ref: "References a component or service by its bom-ref attribute"',
      });
    }
    const targets = arr(d, 'dependsOn');
    // The parsed list itself when it holds only strings that are not services (the schema check
    // may still read it, so it is never changed).
    let dependsOn: string[] | null = null;
    let removed = false;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k];
      if (typeof t !== 'string') {
        dependsOn ??= targets.slice(0, k) as string[];
        continue;
      }
      if (hasServices && services.has(t)) {
        dependsOn ??= targets.slice(0, k) as string[];
        removedRefs.add(t);
        removed = true;
        continue;
      }
      if (!known(t)) {
        ctx.diagnostics.push({
          severity: 'warning',
          code: 'dependency.dangling',
          location: ctx.locate(d, `/dependencies/${i}/dependsOn/${k}`),
          message: `"${ref}" depends on "${t}", which names no component or service in this BOM`,
          args: { ref, target: t, variant: 'dependsOn' },
          rule: 'CycloneDX dependency.dependsOn: "The bom-ref identifiers of the components or services that are dependencies of this dependency object"',
        });
      }
      dependsOn?.push(t);
    }
    // Depending only on services is not depending on nothing: leave the entry out.
    if (removed && dependsOn!.length === 0) continue;
    out.push({ ref, dependsOn: dependsOn ?? (targets as readonly string[]) });
  }
  if (distinct && list.length > 1) markItemsDistinct(list);
  return { dependencies: out, removedRefs };
}

/** How many refs a warning names before it stops with "…". */
const namedRefsMax = 10;

/**
 * One warning for each kind of element the model does not keep: services, compositions, pedigree,
 * then the other BOM-level elements, the metadata's organisations, dependency `provides` and the
 * component fields.
 */
function reportNotKept(bom: JsonRecord, removedRefs: ReadonlySet<string>, ctx: Context): void {
  const { services, pedigree, firstPedigree } = ctx.notKept;
  if (services > 0) {
    const refs = [...removedRefs];
    const named = refs.slice(0, namedRefsMax).map((r) => JSON.stringify(r)).join(', ') + (refs.length > namedRefsMax ? ', …' : '');
    const what = services === 1 ? '1 service (services[]) is not kept' : `${services} services (services[]) are not kept`;
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'services.not_kept',
      location: ctx.locate(arr(bom, 'services'), '/services'),
      message:
        refs.length === 0
          ? `${what}: mamori's inventory holds components, not services`
          : `${what}: mamori's inventory holds components, not services; removed from the dependency graph: ${named}`,
      rule: 'mamori SBOM model: components (nested), their dependency graph and the document metadata',
      args: refs.length === 0 ? { count: services } : { count: services, refs: named, variant: 'refs' },
    });
  }
  const compositions = arr(bom, 'compositions');
  if (compositions.length > 0) {
    const n = compositions.length;
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'compositions.not_kept',
      location: ctx.locate(compositions, '/compositions'),
      message: `${n === 1 ? '1 composition (compositions[]) is' : `${n} compositions (compositions[]) are`} not kept: mamori does not record how complete the inventory is`,
      rule: 'mamori SBOM model: components (nested), their dependency graph and the document metadata',
      args: { count: n },
    });
  }
  if (firstPedigree !== null) {
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'pedigree.not_kept',
      location: ctx.locate(firstPedigree.node, firstPedigree.pointer),
      message: `The pedigree (ancestors, descendants, variants, commits, patches) of ${pedigree === 1 ? '1 component is' : `${pedigree} components is`} not kept`,
      rule: 'mamori SBOM model: components (nested), their dependency graph and the document metadata',
      args: { count: pedigree },
    });
  }
  for (const { path, code, message } of bomElementsNotKept) {
    let parent: JsonRecord | null = bom;
    for (let k = 0; k < path.length - 1 && parent !== null; k++) parent = rec(parent, path[k]!);
    const key = path[path.length - 1]!;
    if (parent === null || !Object.hasOwn(parent, key)) continue;
    const v = parent[key];
    if (!carries(v)) continue;
    const count = Array.isArray(v) ? v.length : 1;
    ctx.diagnostics.push({
      severity: 'warning',
      code,
      location: ctx.locate(v, `/${path.join('/')}`),
      message: message(count),
      rule,
      args: Array.isArray(v) ? { count } : {},
    });
  }
  reportMetadataSupplier(bom, ctx);
  const { provides, fields } = ctx.notKept;
  if (provides !== null) {
    const n = provides.count;
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'provides.not_kept',
      location: ctx.locate(provides.node, provides.pointer),
      message: `The provides lists (dependencies[].provides) of ${plural(n, '1 dependency entry are', `${n} dependency entries are`)} not kept: mamori's graph records what depends on what, not what implements a standard or an algorithm`,
      rule,
      args: { count: n },
    });
  }
  for (let i = 0; i <= authorsIndex; i++) {
    const seen = fields[i];
    if (!seen) continue;
    const n = seen.count;
    const field = componentFieldsNotKept[i];
    ctx.diagnostics.push({
      severity: 'warning',
      code: field?.code ?? 'authors.not_kept',
      location: ctx.locate(seen.node, seen.pointer),
      message: field
        ? field.message(n)
        : `The authors of ${plural(n, '1 component are', `${n} components are`)} not kept in full: mamori keeps one author per component (the manufacturer's name, else author, else the names in authors[])`,
      rule,
      args: { count: n },
    });
  }
}

/**
 * The model keeps one organisation for the document: metadata.manufacturer, else metadata.supplier,
 * else the deprecated metadata.manufacture. Another of them with the same name is the same
 * organisation (release exports of earlier mamori versions wrote the manufacturer by name and the
 * uploaded document's supplier with its URL): its URLs and contacts are added to the kept one. The others, those with
 * another name (or without one) that say something else, are lost.
 */
function metadataOrganisation(metadata: JsonRecord | null): {
  entity: OrganizationalEntity | null;
  kept: string | null;
  lost: { key: string; node: JsonRecord }[];
} {
  const present = (['manufacturer', 'supplier', 'manufacture'] as const).flatMap((key) => {
    const o = rec(metadata, key);
    return o ? [{ key, node: o, entity: mapOrganization(o)! }] : [];
  });
  const [kept, ...others] = present;
  if (kept === undefined) return { entity: null, kept: null, lost: [] };
  let entity = kept.entity;
  const lost: { key: string; node: JsonRecord }[] = [];
  for (const o of others) {
    if (JSON.stringify(o.entity) === JSON.stringify(kept.entity)) continue;
    if (o.entity.name === null || o.entity.name !== entity.name) {
      lost.push(o);
      continue;
    }
    const contactKeys = new Set(entity.contact.map((c) => JSON.stringify(c)));
    entity = {
      name: entity.name,
      url: [...new Set([...entity.url, ...o.entity.url])],
      contact: [...entity.contact, ...o.entity.contact.filter((c) => !contactKeys.has(JSON.stringify(c)))],
    };
  }
  return { entity, kept: kept.key, lost };
}

function reportMetadataSupplier(bom: JsonRecord, ctx: Context): void {
  const metadata = rec(bom, 'metadata');
  if (metadata === null) return;
  const { kept, lost } = metadataOrganisation(metadata);
  if (lost.length === 0) return;
  const fields = lost.map((o) => `metadata.${o.key}`).join(', ');
  ctx.diagnostics.push({
    severity: 'warning',
    code: 'metadata_supplier.not_kept',
    location: ctx.locate(lost[0]!.node, `/metadata/${lost[0]!.key}`),
    message: `${fields} ${lost.length === 1 ? 'is' : 'are'} not kept: mamori keeps one organisation for the document (metadata.manufacturer, else metadata.supplier, else metadata.manufacture; one with the same name is merged into it), here metadata.${kept!}`,
    rule,
    args: { count: lost.length, fields, kept: `metadata.${kept!}` },
  });
}

/** A JSON pointer for a key path (used by callers that build their own pointers). */
export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(String(s))}`).join('');
}
