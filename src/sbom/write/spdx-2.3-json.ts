/**
 * SPDX 2.3 JSON writer. Nested components are flattened into packages (the metadata component first,
 * then a depth-first walk over the sorted component tree) with CONTAINS relationships. Every rule
 * below is listed with what it loses in docs/sbom-mapping.md.
 *
 * - documentNamespace: `https://mamori.invalid/spdx/<uuid of serialNumber>`. The `.invalid` TLD is
 *   reserved (RFC 2606 §2, RFC 6761 §6.4) and never resolves, so the URI is valid and unique per
 *   serial number without pretending to be a real site; an https URI because SPDX 2.3 §6.5 shows
 *   that form and some consumers expect it.
 * - SPDXID: a bomRef that already is a valid SPDX id (`SPDXRef-[A-Za-z0-9.-]+`, not the document's)
 *   is kept, so SPDX ids survive a round trip; any other bomRef becomes `SPDXRef-` + the bomRef (a
 *   leading `SPDXRef-` removed) with every character outside `[A-Za-z0-9.-]` replaced by `-` (empty →
 *   `Package`). Kept ids are allocated first; on a collision (also with `SPDXRef-DOCUMENT`) the later
 *   package in package order gets `-2`, `-3`, ….
 * - downloadLocation: the first `distribution` external reference, else the first `vcs`, else
 *   NOASSERTION; homepage: the first `website`. Those references are consumed; advisories become
 *   SECURITY/advisory externalRefs, every other reference an OTHER externalRef whose type is the
 *   CycloneDX type.
 * - checksums: CycloneDX names mapped to SPDX names (`SHA-256` → `SHA256`, …); an algorithm without
 *   an SPDX 2.3 name would be dropped (none today: SPDX 2.3 has all twelve CycloneDX 1.6 algorithms).
 * - licenses: `concluded` → licenseConcluded; `declared` and no acknowledgement → licenseDeclared
 *   (package metadata is what most generators record, and a conclusion must not be invented);
 *   several licenses of one kind are joined with AND (compound ones in parentheses); none →
 *   NOASSERTION. When the two fields alone would lose an entry or its kind (several licenses of one
 *   kind, an expression SPDX cannot carry), the list is also written as the annotation
 *   `mamori:component:licenses=<JSON>` that mamori reads back (core/sbom/spdx-license-entries.ts).
 *   A license name becomes `LicenseRef-<name sanitized>` with a hasExtractedLicensingInfos entry
 *   (name = the name, extractedText = the name, as the text itself is not held); so does an
 *   expression that is not a valid SPDX expression (an id not on the SPDX License List such as
 *   `Proprietary`, an unlisted WITH exception, or not the Annex D syntax: quality/spdx-license-syntax.ts),
 *   which SPDX validators would reject in licenseConcluded / licenseDeclared, with a comment saying so
 *   (the model keeps it as stated; only this output changes). A `LicenseRef-…` used in a valid
 *   expression without a definition gets an entry with extractedText NOASSERTION.
 * - name: the component's name with its group as SPDX producers write it (npm `@scope/name`, Maven
 *   the artifactId alone, any other group `group/name` with a `mamori:component:group` annotation
 *   that mamori reads back; core/sbom/spdx-package-name.ts).
 * - supplier: `Organization: name (email of the first contact with one)`, NOASSERTION when absent;
 *   originator: `Organization: author` (the model holds the creator as text; `Person: `/`Organization: `
 *   prefixes already present are kept).
 * - properties (after support fields and the hospital filter, as in CycloneDX) become annotations of
 *   type OTHER by the writing tool at the document's creation time, comment `name=value`; the
 *   metadata properties annotate the document.
 * - validUntilDate: endOfSupport `YYYY-MM-DD` + `T00:00:00Z`; a value without a leading date is not written.
 * - relationships: DESCRIBES from the document to the metadata component (to every top-level component
 *   when there is none), CONTAINS for nesting, DEPENDS_ON for each dependency whose both ends are
 *   packages (unresolvable refs are dropped: SPDX cannot point at a missing element).
 */
import {
  type Component,
  type ExternalReference,
  type HashAlgorithm,
  type License,
  type Property,
} from '../../core/sbom/model.js';
import { isValidSpdxExpression } from '../../core/sbom/quality/spdx-license-syntax.js';
import {
  encodeSpdxLicenses,
  joinSpdxExpressions,
  spdxFieldsKeepLicenses,
  spdxLicenseField,
  spdxLicensesProperty,
} from '../../core/sbom/spdx-license-entries.js';
import { spdxGroupProperty, spdxPackageName } from '../../core/sbom/spdx-package-name.js';
import { type ResolvedOptions } from './options.js';
import { compareText, sortProperties, type PreparedDocument } from './prepare.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function obj(entries: readonly (readonly [string, Json | undefined])[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

export const spdxNamespaceBase = 'https://mamori.invalid/spdx/';

/** CycloneDX hash algorithm → SPDX 2.3 checksum algorithm (null: SPDX has none, the hash is dropped). */
export const spdxChecksumAlgorithms: Readonly<Record<HashAlgorithm, string | null>> = {
  MD5: 'MD5',
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
  'SHA3-256': 'SHA3-256',
  'SHA3-384': 'SHA3-384',
  'SHA3-512': 'SHA3-512',
  'BLAKE2b-256': 'BLAKE2b-256',
  'BLAKE2b-384': 'BLAKE2b-384',
  'BLAKE2b-512': 'BLAKE2b-512',
  BLAKE3: 'BLAKE3',
};

/** CycloneDX component type → SPDX primaryPackagePurpose (types SPDX lacks → OTHER). */
export const spdxPackagePurposes: Readonly<Record<Component['type'], string>> = {
  application: 'APPLICATION',
  framework: 'FRAMEWORK',
  library: 'LIBRARY',
  container: 'CONTAINER',
  platform: 'OTHER',
  'operating-system': 'OPERATING_SYSTEM',
  device: 'DEVICE',
  'device-driver': 'OTHER',
  firmware: 'FIRMWARE',
  file: 'FILE',
  'machine-learning-model': 'OTHER',
  data: 'OTHER',
  'cryptographic-asset': 'OTHER',
};

const NOASSERTION = 'NOASSERTION';

/** `[A-Za-z0-9.-]` only; anything else becomes `-`. */
export function sanitizeIdString(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]/gu, '-');
}

/** Deterministic unique ids: `prefix + base`, then `-2`, `-3`, … in call order. */
class IdAllocator {
  private readonly used = new Set<string>();
  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.used.add(r);
  }
  allocate(prefix: string, base: string): string {
    let id = `${prefix}${base}`;
    for (let n = 2; this.used.has(id); n += 1) id = `${prefix}${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

export function spdxIdBase(bomRef: string): string {
  const stripped = bomRef.startsWith('SPDXRef-') ? bomRef.slice('SPDXRef-'.length) : bomRef;
  const sanitized = sanitizeIdString(stripped);
  return sanitized === '' ? 'Package' : sanitized;
}

function agentText(kind: 'Person' | 'Organization', name: string, email: string | null): string {
  return email === null || email === '' ? `${kind}: ${name}` : `${kind}: ${name} (${email})`;
}

function supplierText(c: Component): string {
  const s = c.supplier;
  if (s === null || s.name === null || s.name === '') return NOASSERTION;
  const email = s.contact.find((x) => x.email !== null && x.email !== '')?.email ?? null;
  return agentText('Organization', s.name, email);
}

function originatorText(author: string | null): string | null {
  if (author === null || author === '') return null;
  if (author.startsWith('Person: ') || author.startsWith('Organization: ') || author === NOASSERTION)
    return author;
  return `Organization: ${author}`;
}

const licenseRefPattern = /(?<![A-Za-z0-9.:-])LicenseRef-[A-Za-z0-9.-]+/g;

/** An expression the SPDX output can carry as it is (valid SPDX: listed ids, Annex D syntax). */
function isWritableExpression(l: License): l is License & { expression: string } {
  return l.expression !== null && isValidSpdxExpression(l.expression);
}

/**
 * The text a license is written as a LicenseRef for: its name, or an expression SPDX cannot carry
 * as one; null for a valid expression.
 */
function licenseRefText(l: License): { text: string; from: 'name' | 'expression' } | null {
  if (l.expression !== null) return isWritableExpression(l) ? null : { text: l.expression, from: 'expression' };
  return l.name === null ? null : { text: l.name, from: 'name' };
}

const extractedComment = {
  name: 'Only the license name was available to mamori; extractedText repeats the name, not the license text.',
  expression:
    'The SBOM stated this text as a license expression, but it is not a valid SPDX license expression (an id not on the SPDX License List, or not SPDX syntax); extractedText repeats the text, not the license text.',
} as const;

/** License names (and invalid expressions) → LicenseRef ids, and the extracted licensing infos the document needs. */
class LicenseRefs {
  private readonly byText = new Map<string, string>();
  readonly infos: { licenseId: string; extractedText: string; name?: string; comment?: string }[] = [];

  constructor(licenses: readonly License[]) {
    const fromExpressions = new Set<string>();
    const texts = new Map<string, 'name' | 'expression'>();
    for (const l of licenses) {
      if (isWritableExpression(l)) {
        for (const m of l.expression.matchAll(licenseRefPattern)) fromExpressions.add(m[0]);
        continue;
      }
      const ref = licenseRefText(l);
      // A text stated both as a name and as an expression is described as a name.
      if (ref !== null && texts.get(ref.text) !== 'name') texts.set(ref.text, ref.from);
    }
    const ids = new IdAllocator([...fromExpressions]);
    const sorted = [...texts.keys()].sort(compareText);
    for (const text of sorted)
      this.byText.set(text, ids.allocate('LicenseRef-', sanitizeIdString(text) || 'unnamed'));
    const infos: { licenseId: string; extractedText: string; name?: string; comment?: string }[] = [
      ...[...this.byText.entries()].map(([text, licenseId]) => ({
        licenseId,
        extractedText: text,
        name: text,
        comment: extractedComment[texts.get(text) ?? 'name'],
      })),
      ...[...fromExpressions].map((licenseId) => ({ licenseId, extractedText: NOASSERTION })),
    ];
    this.infos.push(...infos.sort((a, b) => compareText(a.licenseId, b.licenseId)));
  }

  expression(l: License): string | null {
    if (isWritableExpression(l)) return l.expression;
    const ref = licenseRefText(l);
    return ref === null ? null : (this.byText.get(ref.text) ?? null);
  }
}

function licenseFields(
  licenses: readonly License[],
  refs: LicenseRefs,
): { concluded: string; declared: string } {
  const concluded: string[] = [];
  const declared: string[] = [];
  for (const l of licenses) {
    const e = refs.expression(l);
    if (e === null) continue;
    (spdxLicenseField(l) === 'licenseConcluded' ? concluded : declared).push(e);
  }
  return { concluded: joinSpdxExpressions(concluded), declared: joinSpdxExpressions(declared) };
}

/**
 * mamori's annotations a package gets besides its properties: the group the purl does not confirm,
 * and the licence list when licenseDeclared and licenseConcluded alone would lose an entry of it.
 */
function packageProperties(c: Component, groupProperty: string | null): readonly Property[] {
  const added: Property[] = [];
  if (groupProperty !== null) added.push({ name: spdxGroupProperty, value: groupProperty });
  if (!spdxFieldsKeepLicenses(c.licenses))
    added.push({ name: spdxLicensesProperty, value: encodeSpdxLicenses(c.licenses) });
  return added.length === 0 ? c.properties : sortProperties([...c.properties, ...added]);
}

function annotations(props: readonly Property[], options: ResolvedOptions): JsonObject[] {
  const annotator = `Tool: ${toolText(options.tool)}`;
  return props.map((p) => ({
    annotationDate: options.timestampUtc,
    annotationType: 'OTHER',
    annotator,
    comment: `${p.name}=${p.value}`,
  }));
}

function toolText(t: { name: string; version: string | null }): string {
  return t.version === null || t.version === '' ? t.name : `${t.name}-${t.version}`;
}

function validUntil(endOfSupport: string | null): string | null {
  const m = endOfSupport === null ? null : /^(\d{4}-\d{2}-\d{2})/.exec(endOfSupport);
  return m?.[1] === undefined ? null : `${m[1]}T00:00:00Z`;
}

function firstOfType(refs: readonly ExternalReference[], type: string): ExternalReference | null {
  return refs.find((r) => r.type === type) ?? null;
}

function packageObject(
  c: Component,
  spdxId: string,
  refs: LicenseRefs,
  options: ResolvedOptions,
): JsonObject {
  const download =
    firstOfType(c.externalReferences, 'distribution') ?? firstOfType(c.externalReferences, 'vcs');
  const homepage = firstOfType(c.externalReferences, 'website');
  const externalRefs: SpdxExternalRef[] = [];
  if (c.purl !== null)
    externalRefs.push({
      referenceCategory: 'PACKAGE-MANAGER',
      referenceType: 'purl',
      referenceLocator: c.purl,
    });
  if (c.cpe !== null) {
    externalRefs.push({
      referenceCategory: 'SECURITY',
      referenceType: c.cpe.startsWith('cpe:2.3:') ? 'cpe23Type' : 'cpe22Type',
      referenceLocator: c.cpe,
    });
  }
  if (c.swid !== null)
    externalRefs.push({
      referenceCategory: 'SECURITY',
      referenceType: 'swid',
      referenceLocator: `swid:${c.swid.tagId}`,
    });
  for (const r of c.externalReferences) {
    if (r === download || r === homepage) continue;
    const advisory = r.type === 'advisories';
    externalRefs.push({
      referenceCategory: advisory ? 'SECURITY' : 'OTHER',
      referenceType: advisory ? 'advisory' : r.type,
      referenceLocator: r.url,
      ...(r.comment === null ? {} : { comment: r.comment }),
    });
  }
  externalRefs.sort(
    (a, b) =>
      compareText(a.referenceCategory, b.referenceCategory) ||
      compareText(a.referenceType, b.referenceType) ||
      compareText(a.referenceLocator, b.referenceLocator) ||
      compareText(a.comment ?? '', b.comment ?? ''),
  );
  const checksums: JsonObject[] = [];
  for (const h of c.hashes) {
    const algorithm = spdxChecksumAlgorithms[h.alg];
    if (algorithm !== null) checksums.push({ algorithm, checksumValue: h.content });
  }
  const lic = licenseFields(c.licenses, refs);
  const named = spdxPackageName(c);
  const properties = packageProperties(c, named.groupProperty);
  return obj([
    ['SPDXID', spdxId],
    ['name', named.name],
    ['versionInfo', c.version],
    ['supplier', supplierText(c)],
    ['originator', originatorText(c.author)],
    ['downloadLocation', download?.url ?? NOASSERTION],
    ['filesAnalyzed', false],
    ['homepage', homepage?.url ?? null],
    ['checksums', checksums],
    ['licenseConcluded', lic.concluded],
    ['licenseDeclared', lic.declared],
    ['copyrightText', c.copyright ?? NOASSERTION],
    ['description', c.description],
    ['externalRefs', externalRefs],
    ['primaryPackagePurpose', spdxPackagePurposes[c.type]],
    ['validUntilDate', validUntil(c.endOfSupport)],
    ['annotations', annotations(properties, options)],
  ]);
}

type SpdxExternalRef = {
  referenceCategory: string;
  referenceType: string;
  referenceLocator: string;
  comment?: string;
};

interface Placed {
  readonly component: Component;
  readonly spdxId: string;
  readonly parentId: string | null;
}

const relationshipRank: Record<string, number> = { DESCRIBES: 0, CONTAINS: 1, DEPENDS_ON: 2 };

export function spdxJsonObject(doc: PreparedDocument, options: ResolvedOptions): JsonObject {
  const m = doc.metadata;
  // Package order: the metadata component, then a depth-first walk of the sorted tree.
  const tree: { component: Component; parent: number | null; topLevel: boolean }[] = [];
  const place = (c: Component, parent: number | null, topLevel: boolean): void => {
    const index = tree.length;
    tree.push({ component: c, parent, topLevel });
    for (const child of c.components) place(child, index, false);
  };
  if (m.component !== null) place(m.component, null, false);
  for (const c of doc.components) place(c, null, true);
  // Ids: bomRefs that already are valid SPDX ids keep them (first pass), the others are sanitized.
  const ids = new IdAllocator(['SPDXRef-DOCUMENT']);
  const spdxIds: string[] = [];
  const valid = tree.map(
    (t) => /^SPDXRef-[A-Za-z0-9.-]+$/.test(t.component.bomRef) && t.component.bomRef !== 'SPDXRef-DOCUMENT',
  );
  tree.forEach((t, i) => {
    if (valid[i] === true) spdxIds[i] = ids.allocate('SPDXRef-', spdxIdBase(t.component.bomRef));
  });
  tree.forEach((t, i) => {
    if (valid[i] !== true) spdxIds[i] = ids.allocate('SPDXRef-', spdxIdBase(t.component.bomRef));
  });
  const placed: Placed[] = tree.map((t, i) => ({
    component: t.component,
    spdxId: spdxIds[i] ?? '',
    parentId: t.parent === null ? null : (spdxIds[t.parent] ?? null),
  }));
  const rootId = m.component === null ? null : (placed[0]?.spdxId ?? null);

  const byRef = new Map<string, string>();
  for (const p of placed) if (!byRef.has(p.component.bomRef)) byRef.set(p.component.bomRef, p.spdxId);

  const refs = new LicenseRefs(placed.flatMap((p) => p.component.licenses));

  const relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] = [];
  // Without a primary component the document describes every package, so that a reader does not
  // take the first top-level package for the product (see src/sbom/read/map-spdx.ts).
  for (const target of rootId === null ? placed.map((p) => p.spdxId) : [rootId]) {
    relationships.push({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: target,
    });
  }
  for (const p of placed) {
    if (p.parentId !== null)
      relationships.push({
        spdxElementId: p.parentId,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: p.spdxId,
      });
  }
  for (const d of doc.dependencies) {
    const from = byRef.get(d.ref);
    if (from === undefined) continue;
    for (const r of d.dependsOn) {
      const to = byRef.get(r);
      if (to !== undefined)
        relationships.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to });
    }
  }
  const seen = new Set<string>();
  const uniqueRelationships = relationships
    .filter((r) => {
      const key = `${r.spdxElementId}\u0000${r.relationshipType}\u0000${r.relatedSpdxElement}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        (relationshipRank[a.relationshipType] ?? 9) - (relationshipRank[b.relationshipType] ?? 9) ||
        compareText(a.spdxElementId, b.spdxElementId) ||
        compareText(a.relatedSpdxElement, b.relatedSpdxElement),
    );

  const creators: string[] = [
    `Tool: ${toolText(options.tool)}`,
    ...m.tools
      .filter(
        (t) => !(t.name === options.tool.name && t.version === options.tool.version && t.vendor === null),
      )
      .map((t) => `Tool: ${toolText(t)}`),
  ];
  // The manufacturer of the described product release (subject.ts) exports the document: a creator.
  const manufacturer = doc.manufacturer?.name ?? null;
  if (manufacturer !== null && manufacturer !== '') {
    const email = doc.manufacturer?.contact.find((x) => x.email !== null && x.email !== '')?.email ?? null;
    creators.push(agentText('Organization', manufacturer, email));
  }
  if (m.supplier !== null && m.supplier.name !== null && m.supplier.name !== '' && m.supplier.name !== manufacturer) {
    const email = m.supplier.contact.find((x) => x.email !== null && x.email !== '')?.email ?? null;
    creators.push(agentText('Organization', m.supplier.name, email));
  }
  for (const a of m.authors) {
    const name = a.name ?? a.email;
    if (name !== null && name !== '')
      creators.push(agentText('Person', name, a.name === null ? null : a.email));
  }

  // packages and relationships are always present, even when empty
  const document = obj([
    ['spdxVersion', 'SPDX-2.3'],
    ['dataLicense', 'CC0-1.0'],
    ['SPDXID', 'SPDXRef-DOCUMENT'],
    ['name', m.name ?? m.component?.name ?? 'SBOM'],
    ['documentNamespace', `${spdxNamespaceBase}${options.uuid}`],
    ['creationInfo', { created: options.timestampUtc, creators }],
    ['annotations', annotations(m.properties, options)],
  ]);
  document.packages = placed.map((p) => packageObject(p.component, p.spdxId, refs, options));
  if (refs.infos.length > 0) document.hasExtractedLicensingInfos = refs.infos;
  document.relationships = uniqueRelationships;
  return document;
}

export function writeSpdxJson(doc: PreparedDocument, options: ResolvedOptions): string {
  return `${JSON.stringify(spdxJsonObject(doc, options), null, 2)}\n`;
}
