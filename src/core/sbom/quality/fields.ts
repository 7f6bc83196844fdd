/**
 * Small pure predicates over the SBOM model that several profiles share: "is this field really
 * there", with the same answer everywhere. Blank strings count as absent; `NOASSERTION` (SPDX's
 * "the author did not say") counts as absent for licenses and suppliers.
 */
import { parseCpe } from '../../identity/cpe.js';
import {
  walkComponents,
  type Component,
  type Hash,
  type HashAlgorithm,
  type License,
  type OrganizationalEntity,
  type SbomDocument,
} from '../model.js';

export function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '';
}

const noAssertion = 'NOASSERTION';

export function entityHasName(entity: OrganizationalEntity | null): boolean {
  return entity !== null && present(entity.name) && entity.name.trim() !== noAssertion;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const urlPattern = /^https?:\/\/\S+$/i;

export function isEmail(value: string | null): boolean {
  return value !== null && emailPattern.test(value.trim());
}

export function isUrl(value: string | null): boolean {
  return value !== null && urlPattern.test(value.trim());
}

/** The entity can be reached: an e-mail address of a contact, or a URL. */
export function entityHasContact(entity: OrganizationalEntity | null): boolean {
  if (entity === null) return false;
  return entity.url.some(isUrl) || entity.contact.some((c) => isEmail(c.email));
}

/** Text (such as the `author` field) that contains an e-mail address or a URL. */
export function textHasContact(text: string | null): boolean {
  if (text === null) return false;
  return /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/.test(text) || /https?:\/\/\S+/i.test(text);
}

/** RFC 3339 / ISO 8601 date-time with a time zone, e.g. `2026-04-01T09:30:00Z`. */
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDateParts(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

export function isDateTime(value: string | null): boolean {
  if (value === null) return false;
  const m = dateTimePattern.exec(value.trim());
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m;
  if (!validDateParts(y!, mo!, d!)) return false;
  return Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 60;
}

/** A calendar date YYYY-MM-DD (the model's form for end-of-support). */
export function isDate(value: string | null): boolean {
  if (value === null) return false;
  const m = datePattern.exec(value.trim());
  return m !== null && validDateParts(m[1]!, m[2]!, m[3]!);
}

export function hasIdentifier(c: Component): boolean {
  return present(c.purl) || present(c.cpe) || (c.swid !== null && present(c.swid.tagId));
}

/**
 * A CPE 2.3 formatted string (13 colon-separated fields, `\:` an escaped colon inside a field) or a
 * CPE 2.2 URI, as the vulnerability matcher reads it (core/identity/cpe.ts `parseCpe`, NISTIR 7695):
 * the same rule refuses a manual component's CPE (services/sboms.ts).
 */
export function isWellFormedCpe(cpe: string): boolean {
  return parseCpe(cpe.trim()).ok;
}

/** A license statement that names a license: an expression or a name, `NOASSERTION` excluded. */
export function isStatedLicense(l: License): boolean {
  if (present(l.expression)) return l.expression.trim() !== noAssertion;
  return present(l.name);
}

export function allHashes(c: Component): readonly Hash[] {
  const fromRefs = c.externalReferences.filter((r) => r.type === 'distribution').flatMap((r) => r.hashes);
  return [...c.hashes, ...fromRefs];
}

/**
 * Hex digits of each algorithm's digest: the lengths CycloneDX's hash-content pattern allows, one
 * per algorithm. BLAKE3 has an output of any length; 256 bits is its default, and CycloneDX allows 384
 * and 512 as well.
 */
const digestHexDigits: Readonly<Record<HashAlgorithm, readonly number[]>> = {
  MD5: [32],
  'SHA-1': [40],
  'SHA-256': [64],
  'SHA-384': [96],
  'SHA-512': [128],
  'SHA3-256': [64],
  'SHA3-384': [96],
  'SHA3-512': [128],
  'BLAKE2b-256': [64],
  'BLAKE2b-384': [96],
  'BLAKE2b-512': [128],
  BLAKE3: [64, 96, 128],
};

/** A hash whose value is a digest of its algorithm: hex digits, as many as the algorithm produces. Empty or other text is not. */
export function isWellFormedHash(h: Hash): boolean {
  const content = h.content.trim();
  return /^[0-9a-f]+$/i.test(content) && (digestHexDigits[h.alg] ?? []).includes(content.length);
}

/**
 * Algorithms for which collisions can be computed (MD5 since 2004, SHA-1 since 2017): a file with the
 * same value may be a different file, so these no longer show that a component was not replaced.
 */
export const weakHashAlgorithms: ReadonlySet<HashAlgorithm> = new Set<HashAlgorithm>(['MD5', 'SHA-1']);

export function propertyValues(c: Component, name: string): string[] {
  return c.properties.filter((p) => p.name === name).map((p) => p.value);
}

/** Every bomRef in the document: the primary component (and its nested ones) and all components. */
export function knownRefs(doc: SbomDocument): Set<string> {
  const refs = new Set<string>();
  const roots = doc.metadata.component ? [doc.metadata.component, ...doc.components] : doc.components;
  for (const { component } of walkComponents(roots)) refs.add(component.bomRef);
  return refs;
}

/**
 * Per-document indexes for the dependency checks, computed once per document and cached by
 * identity (a WeakMap keeps core free of global mutable state that outlives the document).
 */
export interface DependencyIndex {
  /** bomRefs that some dependency lists in `dependsOn` (something includes them). */
  readonly dependedOn: ReadonlySet<string>;
  /** bomRefs that have their own `dependencies` entry (their own dependencies are stated, possibly none). */
  readonly withEntry: ReadonlySet<string>;
  /** bomRefs of components nested inside another component (nesting states inclusion). */
  readonly nested: ReadonlySet<string>;
}

const dependencyIndexes = new WeakMap<SbomDocument, DependencyIndex>();

export function dependencyIndex(doc: SbomDocument): DependencyIndex {
  const cached = dependencyIndexes.get(doc);
  if (cached) return cached;
  const dependedOn = new Set<string>();
  const withEntry = new Set<string>();
  for (const d of doc.dependencies) {
    withEntry.add(d.ref);
    for (const ref of d.dependsOn) dependedOn.add(ref);
  }
  const nested = new Set<string>();
  for (const { component, parents } of walkComponents(doc.components)) {
    if (parents.length > 0) nested.add(component.bomRef);
  }
  const index = { dependedOn, withEntry, nested };
  dependencyIndexes.set(doc, index);
  return index;
}

/** Compare dotted numeric versions such as a spec version: `1.6` vs `1.10`. */
export function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
