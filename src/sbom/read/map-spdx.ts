/**
 * SPDX 2.2 / 2.3 (JSON shape; tag-value is converted first) → the version-agnostic model.
 *
 * - packages → components: SPDXID → bomRef; name → name and group (an npm `@scope/name` or a Maven
 *   artifactId whose purl confirms it, or mamori's `mamori:component:group` annotation, gives the
 *   group: core/sbom/spdx-package-name.ts); versionInfo → version; supplier (`Organization: X
 *   (email)` / `Person: …`) → supplier entity; originator → author (name); externalRefs
 *   `purl` → purl, `cpe23Type` (preferred) / `cpe22Type` → cpe, `swid` → swid (tagId = locator),
 *   `advisory` → externalReference `advisories`, `fix`/`url`/other security refs → `other`, an
 *   `OTHER` ref whose type is a CycloneDX reference type (`vcs`, `issue-tracker`, …) → that reference;
 *   checksums → hashes (`SHA256` → `SHA-256`, hex lower-cased; algorithms without a CycloneDX
 *   name are dropped with a warning); licenseDeclared / licenseConcluded → licenses with
 *   acknowledgement `declared` / `concluded` (NOASSERTION and NONE skipped; a lone `LicenseRef-x`
 *   with an extracted license name becomes a named license), or the list mamori's export wrote into
 *   its `mamori:component:licenses` annotation when that list gives exactly those two fields
 *   (core/sbom/spdx-license-entries.ts); primaryPackagePurpose → type
 *   (SOURCE, ARCHIVE, INSTALL, OTHER and absent → `library`); copyrightText; description, else
 *   summary; downloadLocation → `distribution`, homepage → `website` external references;
 *   validUntilDate (date part) → endOfSupport; a value whose date is not a calendar date is read as
 *   absent with a warning (`support.invalid_date`).
 * - SPDX files and snippets are not components (the model's components are packages; a file's
 *   facts belong to the package that contains it). Relationships to or from them are skipped
 *   without a diagnostic.
 * - relationships → dependencies (SPDX 2.3 clause 11.1, docs/sbom-mapping.md "Reading SPDX
 *   relationships"): the types that say A needs or holds B (`dependencyForward`) give A → B, the
 *   types that say A is needed by or part of B (`dependencyInverted`) give B → A. Only
 *   package-to-package relationships count. An end that is an `SPDXRef-` id not defined in the
 *   document is reported (`dependency.dangling`, warning). Relationships of the other types
 *   (provenance, patches, tools, documentation, …) are not kept: one warning counts them by type
 *   (`relationship.not_kept`).
 * - The primary component: when exactly one package is named by `documentDescribes` or a
 *   `SPDXRef-DOCUMENT DESCRIBES x` (or `x DESCRIBED_BY SPDXRef-DOCUMENT`) relationship and the
 *   document holds other packages too, that package becomes metadata.component and is not listed
 *   among the components (dependency edges may still name it, as in CycloneDX). When several packages are described (a
 *   document that describes its top-level packages, as mamori writes one without a primary
 *   component), or the only package is described, there is no primary: every package stays a
 *   component, so nothing a scan should see is hidden.
 * - creationInfo: `Person:` creators → authors; the first `Organization:` creator → supplier;
 *   `Tool: name-version` → tools; created → timestamp. documentNamespace → serialNumber; document
 *   name → name; dataLicense → metadata licenses.
 * - Not kept, each reported by one warning with its count at the first occurrence (reportNotKept,
 *   docs/sbom-mapping.md): `files` (`files.not_kept`), `snippets` (`snippets.not_kept`), the
 *   annotations of the document and of packages (`annotations.not_kept`; mamori's own `name=value`
 *   property annotations are read back as properties, with the support level), `externalDocumentRefs`
 *   (`external_document_refs.not_kept`), the texts of `hasExtractedLicensingInfos`
 *   (`extracted_licenses.not_kept`), package fields the model has no place for, counted by field
 *   (`package_fields.not_kept`), and the document's own such fields (`document_fields.not_kept`).
 */
import { ExternalReferenceType } from '@cyclonedx/cyclonedx-library/Enums';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type {
  Component,
  ComponentType,
  Dependency,
  ExternalReference,
  Hash,
  License,
  OrganizationalContact,
  OrganizationalEntity,
  Property,
  SbomDocument,
  SbomEncoding,
  Swid,
  Tool,
} from '../../core/sbom/model.js';
import { spdxLicensesFromAnnotation, spdxLicensesProperty } from '../../core/sbom/spdx-license-entries.js';
import { groupAndNameFromSpdx, spdxGroupProperty } from '../../core/sbom/spdx-package-name.js';
import { spdxHashAlgorithm } from './hash-algorithm.js';
import { arr, isRecord, rec, str, strings, text, type JsonRecord } from './json-access.js';
import type { Locate } from './map-cyclonedx.js';
import { parseSpdxActor, splitToolNameVersion } from './spdx-actor.js';
import { datePart, invalidDateDiagnostic, supportFromProperties } from './support-fields.js';

const purposeToType: Readonly<Record<string, ComponentType>> = {
  APPLICATION: 'application',
  FRAMEWORK: 'framework',
  LIBRARY: 'library',
  CONTAINER: 'container',
  OPERATING_SYSTEM: 'operating-system',
  DEVICE: 'device',
  FIRMWARE: 'firmware',
  FILE: 'file',
};

/**
 * `A type B` → A depends on B. SPDX 2.3 clause 11.1: "SPDXRef-A depends on SPDXRef-B", "contains",
 * "dynamically links to", "statically links to", "has as a prerequisite".
 */
export const dependencyForward: ReadonlySet<string> = new Set(['DEPENDS_ON', 'CONTAINS', 'DYNAMIC_LINK', 'STATIC_LINK', 'HAS_PREREQUISITE']);

/**
 * `A type B` → B depends on A. SPDX 2.3 clause 11.1: A "is dependency of" B (and the scoped
 * build, dev, optional, provided, runtime and test forms), A "is contained by" B, A "is a
 * prerequisite for" B, A "is used as a package as part of" B, A "is an optional component of" B.
 */
export const dependencyInverted: ReadonlySet<string> = new Set([
  'DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
  'CONTAINED_BY',
  'PREREQUISITE_FOR',
  'PACKAGE_OF',
  'OPTIONAL_COMPONENT_OF',
]);

/** SPDX "no value" markers (SPDX 2.3 clause 3.x: NONE and NOASSERTION). */
function value(v: string | null): string | null {
  const t = text(v);
  return t === null || t === 'NOASSERTION' || t === 'NONE' ? null : t;
}

export function mapSpdx(doc: JsonRecord, specVersion: string, encoding: SbomEncoding, locate: Locate): { document: SbomDocument; diagnostics: SbomDiagnostic[] } {
  const diagnostics: SbomDiagnostic[] = [];
  const documentId = str(doc, 'SPDXID') ?? 'SPDXRef-DOCUMENT';
  const extractedNames = new Map<string, string>();
  for (const l of arr(doc, 'hasExtractedLicensingInfos')) {
    const id = str(l, 'licenseId');
    const name = value(str(l, 'name'));
    if (id && name) extractedNames.set(id, name);
  }

  // Every element id, to tell packages, files/snippets and undefined ids apart.
  const packageJson = arr(doc, 'packages');
  const packageIds = new Set<string>();
  const otherIds = new Set<string>([documentId]);
  for (let i = 0; i < packageJson.length; i++) {
    const p = packageJson[i];
    const id = str(p, 'SPDXID');
    if (id === null) continue;
    if (packageIds.has(id)) {
      diagnostics.push({
        severity: 'error',
        code: 'bomref.duplicate',
        location: locate(p, `/packages/${i}/SPDXID`),
        message: `SPDXID "${id}" is used by more than one package`,
        args: { bomRef: id, variant: 'spdx' },
        rule: `SPDX ${specVersion} clause 7.2: the package SPDX identifier is unique within the document`,
      });
    }
    packageIds.add(id);
  }
  for (const list of ['files', 'snippets']) for (const e of arr(doc, list)) if (str(e, 'SPDXID')) otherIds.add(str(e, 'SPDXID')!);

  const described: string[] = [];
  const dependsOn = new Map<string, string[]>();
  const dependencyTargets = new Set<string>();
  const addDependency = (from: string, to: string) => {
    let list = dependsOn.get(from);
    if (!list) dependsOn.set(from, (list = []));
    if (!list.includes(to)) list.push(to);
    dependencyTargets.add(to);
  };
  for (const id of strings(doc, 'documentDescribes')) if (packageIds.has(id) && !described.includes(id)) described.push(id);

  const relationships = arr(doc, 'relationships');
  // Relationships of types that are not dependencies, counted by type for one warning.
  const notKept = new Map<string, number>();
  let firstNotKept: { node: unknown; index: number } | null = null;
  for (let i = 0; i < relationships.length; i++) {
    const r = relationships[i];
    const a = str(r, 'spdxElementId');
    const type = str(r, 'relationshipType');
    const b = str(r, 'relatedSpdxElement');
    if (a === null || type === null || b === null) continue;
    if (type === 'DESCRIBES' || type === 'DESCRIBED_BY') {
      const target = type === 'DESCRIBES' ? (a === documentId ? b : null) : b === documentId ? a : null;
      if (target !== null && packageIds.has(target) && !described.includes(target)) described.push(target);
      continue;
    }
    const isForward = dependencyForward.has(type);
    if (!isForward && !dependencyInverted.has(type)) {
      notKept.set(type, (notKept.get(type) ?? 0) + 1);
      firstNotKept ??= { node: r, index: i };
      continue;
    }
    let dangling = false;
    for (const [end, key] of [
      [a, 'spdxElementId'],
      [b, 'relatedSpdxElement'],
    ] as const) {
      if (end.startsWith('SPDXRef-') && !packageIds.has(end) && !otherIds.has(end)) {
        dangling = true;
        diagnostics.push({
          severity: 'warning',
          code: 'dependency.dangling',
          location: locate(r, `/relationships/${i}/${key}`),
          message: `Relationship ${a} ${type} ${b} names "${end}", which is not defined in this document`,
          args: { relationship: `${a} ${type} ${b}`, ref: end, variant: 'spdx' },
          rule: `SPDX ${specVersion} clause 11.1 (relationship): both elements must be defined or referenced via DocumentRef-`,
        });
      }
    }
    if (dangling || !packageIds.has(a) || !packageIds.has(b)) continue;
    if (isForward) addDependency(a, b);
    else addDependency(b, a);
  }

  if (firstNotKept !== null) {
    let count = 0;
    for (const n of notKept.values()) count += n;
    const types = [...notKept].map(([type, n]) => `${type} (${n})`).join(', ');
    diagnostics.push({
      severity: 'warning',
      code: 'relationship.not_kept',
      location: locate(firstNotKept.node, `/relationships/${firstNotKept.index}/relationshipType`),
      message: `${count} ${count === 1 ? 'relationship is' : 'relationships are'} not kept, because ${count === 1 ? 'its type is' : 'their types are'} not a dependency: ${types}`,
      args: { count, types },
      rule: `SPDX ${specVersion} clause 11.1 (relationship); mamori keeps only dependencies between packages: ${[...dependencyForward].join(', ')} (A depends on B); ${[...dependencyInverted].join(', ')} (B depends on A)`,
    });
  }

  const packageCount = packageJson.filter((p) => isRecord(p) && str(p, 'SPDXID') !== null).length;
  const primaryId = described.length === 1 && packageCount > 1 ? described[0]! : null;
  const components: Component[] = [];
  let primary: Component | null = null;
  for (let i = 0; i < packageJson.length; i++) {
    const p = packageJson[i];
    if (!isRecord(p) || str(p, 'SPDXID') === null) continue;
    const c = mapPackage(p, `/packages/${i}`, extractedNames, locate, diagnostics);
    if (c.bomRef === primaryId && primary === null) {
      // Like CycloneDX's metadata.component: dependency edges may name it without it being listed.
      primary = c;
    } else {
      components.push(c);
    }
  }

  const dependencies: Dependency[] = [];
  for (const [ref, targets] of dependsOn) dependencies.push({ ref, dependsOn: targets });

  const creationInfo = rec(doc, 'creationInfo');
  const authors: OrganizationalContact[] = [];
  const tools: Tool[] = [];
  let supplier: OrganizationalEntity | null = null;
  for (const creator of strings(creationInfo, 'creators')) {
    const actor = parseSpdxActor(creator);
    if (!actor) continue;
    if (actor.kind === 'Person') authors.push({ name: actor.name, email: actor.email, phone: null });
    else if (actor.kind === 'Organization') supplier ??= entity(actor.name, actor.email);
    else {
      const t = splitToolNameVersion(actor.name);
      tools.push({ vendor: null, name: t.name, version: t.version });
    }
  }
  reportNotKept(doc, specVersion, locate, diagnostics);
  const dataLicense = value(str(doc, 'dataLicense'));
  return {
    document: {
      format: 'spdx',
      specVersion,
      encoding,
      metadata: {
        serialNumber: text(str(doc, 'documentNamespace')),
        version: null,
        timestamp: text(str(creationInfo, 'created')),
        name: text(str(doc, 'name')),
        authors,
        supplier,
        tools,
        lifecycles: [],
        component: primary,
        licenses: dataLicense ? [{ expression: dataLicense, name: null, acknowledgement: null }] : [],
        properties: propertiesFromAnnotations(arr(doc, 'annotations')),
        externalReferences: [],
      },
      components,
      dependencies,
    },
    diagnostics,
  };
}

const notKeptRule = 'mamori SBOM model: packages as components, their dependency graph and the document metadata';

/** SPDX 2.3 package fields (clause 7) the model has no place for; summary only when a description is kept instead. */
const packageFieldsNotKept = [
  'packageFileName',
  'sourceInfo',
  'licenseInfoFromFiles',
  'licenseComments',
  'comment',
  'attributionTexts',
  'packageVerificationCode',
  'releaseDate',
  'builtDate',
] as const;

/** Whether an SPDX value says something: not NOASSERTION / NONE, a non-empty list of such, an object. */
function says(v: unknown): boolean {
  if (typeof v === 'string') return value(v) !== null;
  if (Array.isArray(v)) return v.some(says);
  return isRecord(v);
}

/** One warning for each kind of SPDX content the model does not keep. */
function reportNotKept(doc: JsonRecord, specVersion: string, locate: Locate, diagnostics: SbomDiagnostic[]): void {
  const warn = (code: string, node: unknown, pointer: string, message: string, args: Record<string, string | number>) =>
    diagnostics.push({ severity: 'warning', code, location: locate(node, pointer), message, rule: `${notKeptRule} (SPDX ${specVersion})`, args });
  const packages = arr(doc, 'packages');

  for (const [key, code, one, other, why] of [
    ['files', 'files.not_kept', 'file', 'files', ": mamori's inventory holds packages as components; a file's facts belong to its package"],
    ['snippets', 'snippets.not_kept', 'snippet', 'snippets', ''],
    ['externalDocumentRefs', 'external_document_refs.not_kept', 'external document reference', 'external document references', '; relationships to elements of other documents are not kept either'],
  ] as const) {
    const list = arr(doc, key);
    if (list.length === 0) continue;
    const n = list.length;
    warn(code, list[0], `/${key}/0`, `${n === 1 ? `1 ${one} (${key}[]) is` : `${n} ${other} (${key}[]) are`} not kept${why}`, { count: n });
  }

  // Annotations of the document and of packages (files and snippets are not kept with theirs).
  // mamori's own property annotations are read back as properties (propertiesFromAnnotations).
  const others: { node: unknown; pointer: string }[] = [];
  const collect = (list: readonly unknown[], pointer: string) => {
    for (let j = 0; j < list.length; j++) if (!isMamoriPropertyAnnotation(list[j])) others.push({ node: list[j], pointer: `${pointer}/${j}` });
  };
  collect(arr(doc, 'annotations'), '/annotations');
  for (let i = 0; i < packages.length; i++) collect(arr(packages[i], 'annotations'), `/packages/${i}/annotations`);
  if (others.length > 0) {
    const n = others.length;
    warn(
      'annotations.not_kept',
      others[0]!.node,
      others[0]!.pointer,
      `${n === 1 ? '1 annotation (annotations[] of the document and its packages) is' : `${n} annotations (annotations[] of the document and its packages) are`} not kept`,
      { count: n, variant: 'spdx' },
    );
  }

  const extracted = arr(doc, 'hasExtractedLicensingInfos');
  // A text that only repeats the licence's name (what mamori's SPDX export writes, having no text)
  // loses nothing.
  const hasText = (l: unknown) => {
    const t = value(str(l, 'extractedText'));
    return t !== null && t !== value(str(l, 'name'));
  };
  const withText = extracted.findIndex(hasText);
  if (withText >= 0) {
    const n = extracted.filter(hasText).length;
    warn(
      'extracted_licenses.not_kept',
      extracted[withText],
      `/hasExtractedLicensingInfos/${withText}/extractedText`,
      `The texts of ${n === 1 ? '1 extracted licence' : `${n} extracted licences`} (hasExtractedLicensingInfos[].extractedText) are not kept: a package whose licence is one LicenseRef- keeps its name, the text is not exported`,
      { count: n },
    );
  }

  // Package fields, counted by field.
  const fields = new Map<string, number>();
  let firstField: { node: unknown; pointer: string } | null = null;
  const note = (field: string, node: unknown, pointer: string) => {
    fields.set(field, (fields.get(field) ?? 0) + 1);
    firstField ??= { node, pointer };
  };
  for (let i = 0; i < packages.length; i++) {
    const p = packages[i];
    if (!isRecord(p)) continue;
    for (const key of packageFieldsNotKept) if (Object.hasOwn(p, key) && says(p[key])) note(key, p, `/packages/${i}/${key}`);
    if (value(str(p, 'description')) !== null && value(str(p, 'summary')) !== null) note('summary', p, `/packages/${i}/summary`);
    // Counted by reference, not by package.
    const dropped = droppedExternalRefs(arr(p, 'externalRefs'));
    if (dropped > 0) {
      note('externalRefs', p, `/packages/${i}/externalRefs`);
      fields.set('externalRefs', fields.get('externalRefs')! + dropped - 1);
    }
  }
  // Set in note() (a closure: the compiler cannot see it).
  const firstPackageField = firstField as { node: unknown; pointer: string } | null;
  if (firstPackageField !== null) {
    let count = 0;
    for (const n of fields.values()) count += n;
    const list = [...fields].map(([f, n]) => `${f} (${n})`).join(', ');
    warn('package_fields.not_kept', firstPackageField.node, firstPackageField.pointer, `Package fields not kept (mamori's component has no place for them): ${list}`, { count, fields: list });
  }

  // The document's own fields.
  const creationInfo = rec(doc, 'creationInfo');
  const documentFields: [string, unknown, string][] = [];
  if (says(doc.comment)) documentFields.push(['comment', doc, '/comment']);
  if (creationInfo && says(creationInfo.comment)) documentFields.push(['creationInfo.comment', creationInfo, '/creationInfo/comment']);
  // creationInfo.licenseListVersion is not reported: nearly every SPDX document has it, and it only
  // says which licence list its ids come from (mamori checks ids against its own bundled list).
  if (arr(doc, 'revieweds').length > 0) documentFields.push(['revieweds', doc, '/revieweds']);
  if (documentFields.length > 0) {
    const [, node, pointer] = documentFields[0]!;
    const list = documentFields.map(([f]) => f).join(', ');
    warn('document_fields.not_kept', node, pointer, `Document fields not kept (mamori's document metadata has no place for them): ${list}`, { count: documentFields.length, fields: list });
  }
}

/**
 * External references of a package that give the component nothing: all but the first purl, the
 * first cpe23Type (else the first cpe22Type) and the first swid, and every reference outside the
 * SECURITY category (mapPackage keeps those as external references).
 */
/**
 * CycloneDX external reference types: an SPDX `OTHER` externalRef of one of these types (as mamori's
 * SPDX writer makes from a CycloneDX reference) is read back as that reference.
 */
const cycloneDxReferenceTypes: ReadonlySet<string> = new Set(Object.values(ExternalReferenceType));

function droppedExternalRefs(refs: readonly unknown[]): number {
  if (refs.length === 0) return 0;
  const counts = { purl: 0, cpe23Type: 0, cpe22Type: 0, swid: 0 };
  let other = 0;
  for (const r of refs) {
    const type = str(r, 'referenceType');
    if (type === null || text(str(r, 'referenceLocator')) === null) continue;
    const category = (str(r, 'referenceCategory') ?? '').replace('_', '-');
    if (type === 'purl' || type === 'cpe23Type' || type === 'cpe22Type' || type === 'swid') counts[type] += 1;
    else if (category !== 'SECURITY' && !(category === 'OTHER' && cycloneDxReferenceTypes.has(type))) other += 1;
  }
  const extra = (n: number) => Math.max(0, n - 1);
  return other + extra(counts.purl) + extra(counts.cpe23Type) + (counts.cpe23Type > 0 ? counts.cpe22Type : extra(counts.cpe22Type)) + extra(counts.swid);
}

function entity(name: string, email: string | null): OrganizationalEntity {
  return { name, url: [], contact: email ? [{ name: null, email, phone: null }] : [] };
}

/**
 * Properties mamori wrote as annotations (src/sbom/write/spdx-2.3-json.ts: type OTHER, annotator
 * `Tool: mamori[-version]`, comment `name=value`), read back as properties so that an SPDX export
 * imported again keeps them (the support level among them). Other annotations are not kept.
 */
const mamoriAnnotator = /^Tool:\s*mamori(?:-\S*)?$/;

export function isMamoriPropertyAnnotation(a: unknown): boolean {
  return str(a, 'annotationType') === 'OTHER' && mamoriAnnotator.test((str(a, 'annotator') ?? '').trim()) && (str(a, 'comment') ?? '').indexOf('=') > 0;
}

function propertiesFromAnnotations(annotations: readonly unknown[]): Property[] {
  const out: Property[] = [];
  for (const a of annotations) {
    if (!isMamoriPropertyAnnotation(a)) continue;
    const comment = str(a, 'comment')!;
    const at = comment.indexOf('=');
    out.push({ name: comment.slice(0, at), value: comment.slice(at + 1) });
  }
  return out;
}

/**
 * licenseDeclared / licenseConcluded → licences with acknowledgement declared / concluded (NOASSERTION
 * and NONE skipped; a lone `LicenseRef-x` with an extracted licence name is that name), unless
 * mamori's annotation `mamori:component:licenses` holds the list those fields were written from: then
 * that list, when writing it again gives exactly the two fields (core/sbom/spdx-license-entries.ts).
 * Several annotations with different lists (an edited file) are not taken.
 */
function licensesOfPackage(p: JsonRecord, annotated: readonly Property[], extractedNames: ReadonlyMap<string, string>): License[] {
  const hints = new Set(annotated.filter((x) => x.name === spdxLicensesProperty).map((x) => x.value));
  if (hints.size === 1) {
    const listed = spdxLicensesFromAnnotation([...hints][0]!, { licenseDeclared: str(p, 'licenseDeclared'), licenseConcluded: str(p, 'licenseConcluded') }, extractedNames);
    if (listed !== null) return listed;
  }
  const licenses: License[] = [];
  for (const [key, ack] of [
    ['licenseDeclared', 'declared'],
    ['licenseConcluded', 'concluded'],
  ] as const) {
    const expression = value(str(p, key));
    if (!expression) continue;
    const extracted = /^LicenseRef-[A-Za-z0-9.-]+$/.test(expression) ? extractedNames.get(expression) : undefined;
    licenses.push(extracted ? { expression: null, name: extracted, acknowledgement: ack } : { expression, name: null, acknowledgement: ack });
  }
  return licenses;
}

function mapPackage(p: JsonRecord, pointer: string, extractedNames: ReadonlyMap<string, string>, locate: Locate, diagnostics: SbomDiagnostic[]): Component {
  const name = str(p, 'name') ?? '';
  let purl: string | null = null;
  let cpe23: string | null = null;
  let cpe22: string | null = null;
  let swid: Swid | null = null;
  const externalReferences: ExternalReference[] = [];
  const download = value(str(p, 'downloadLocation'));
  if (download) externalReferences.push({ type: 'distribution', url: download, comment: null, hashes: [] });
  const homepage = value(str(p, 'homepage'));
  if (homepage) externalReferences.push({ type: 'website', url: homepage, comment: null, hashes: [] });
  for (const r of arr(p, 'externalRefs')) {
    const type = str(r, 'referenceType');
    const locator = text(str(r, 'referenceLocator'));
    const category = (str(r, 'referenceCategory') ?? '').replace('_', '-');
    if (type === null || locator === null) continue;
    if (type === 'purl') purl ??= locator;
    else if (type === 'cpe23Type') cpe23 ??= locator;
    else if (type === 'cpe22Type') cpe22 ??= locator;
    else if (type === 'swid') swid ??= { tagId: locator, name, version: text(str(p, 'versionInfo')) };
    else if (category === 'SECURITY') {
      externalReferences.push({ type: type === 'advisory' ? 'advisories' : 'other', url: locator, comment: text(str(r, 'comment')) ?? `SPDX ${category} ${type}`, hashes: [] });
    } else if (category === 'OTHER' && cycloneDxReferenceTypes.has(type)) {
      // What an SPDX export writes for a CycloneDX reference (vcs, issue-tracker, documentation, …).
      externalReferences.push({ type, url: locator, comment: text(str(r, 'comment')), hashes: [] });
    }
  }
  const hashes: Hash[] = [];
  const checksums = arr(p, 'checksums');
  for (let i = 0; i < checksums.length; i++) {
    const algorithm = str(checksums[i], 'algorithm') ?? '';
    const alg = spdxHashAlgorithm(algorithm);
    const content = text(str(checksums[i], 'checksumValue'));
    if (alg && content) hashes.push({ alg, content: content.toLowerCase() });
    else {
      diagnostics.push({
        severity: 'warning',
        code: 'hash.unsupported_algorithm',
        location: locate(checksums[i], `${pointer}/checksums/${i}`),
        message: `Checksum algorithm "${algorithm}" has no CycloneDX equivalent; not read`,
        args: { alg: algorithm, variant: 'spdx' },
        rule: 'CycloneDX hash-alg (reference §1.10) vs SPDX checksum algorithm (§1.12)',
      });
    }
  }
  const annotated = propertiesFromAnnotations(arr(p, 'annotations'));
  const licenses = licensesOfPackage(p, annotated, extractedNames);
  const validUntil = value(str(p, 'validUntilDate'));
  const endOfSupport = datePart(validUntil);
  if (validUntil !== null && endOfSupport === null) {
    diagnostics.push(
      invalidDateDiagnostic('validUntilDate', validUntil, { name, version: value(str(p, 'versionInfo')) }, locate(p, `${pointer}/validUntilDate`), 'SPDX 2.3 clause 7.27 (valid until date): a date-time YYYY-MM-DDThh:mm:ssZ'),
    );
  }
  const purpose = str(p, 'primaryPackagePurpose');
  const supplier = parseSpdxActor(value(str(p, 'supplier')));
  const originator = parseSpdxActor(value(str(p, 'originator')));
  // The group mamori's writer could not leave to the purl (core/sbom/spdx-package-name.ts) and the
  // licence list (core/sbom/spdx-license-entries.ts) are not properties.
  const properties = annotated.filter((x) => x.name !== spdxGroupProperty && x.name !== spdxLicensesProperty);
  const named = groupAndNameFromSpdx(name, purl, annotated.find((x) => x.name === spdxGroupProperty)?.value ?? null);
  const support = supportFromProperties(properties);
  return {
    bomRef: str(p, 'SPDXID')!,
    type: purpose !== null && Object.hasOwn(purposeToType, purpose) ? purposeToType[purpose]! : 'library',
    name: named.name,
    version: value(str(p, 'versionInfo')),
    group: named.group,
    supplier: supplier ? entity(supplier.name, supplier.email) : null,
    author: originator ? originator.name : null,
    publisher: null,
    purl,
    cpe: cpe23 ?? cpe22,
    swid,
    hashes,
    licenses,
    scope: null,
    description: value(str(p, 'description')) ?? value(str(p, 'summary')),
    copyright: value(str(p, 'copyrightText')),
    externalReferences,
    properties,
    supportLevel: support.supportLevel,
    endOfSupport: endOfSupport ?? support.endOfSupport,
    components: [],
  };
}
