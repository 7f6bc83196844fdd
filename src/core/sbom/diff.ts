/**
 * What changed between two SBOMs of a product (typically two releases).
 *
 * Identity of a component (documented rule):
 * 1. When it has a purl: the purl without scheme case, version, qualifiers and trailing slashes —
 *    `pkg:<type lower-case>/<namespace>/<name>[#subpath]`. So `pkg:npm/lodash@4.17.20` and
 *    `pkg:npm/lodash@4.17.21?foo=bar` are the same component.
 * 2. Otherwise: `type` + `group` + `name` (name and group compared case-sensitively).
 * Matching runs in two passes: first by identity; then components left unmatched on both sides are
 * paired by `type`+`group`+`name` only when at least one side has no purl (a purl added or dropped
 * between releases). Two different purls never pair, so a rename is a removal plus an addition.
 *
 * Duplicate identities (the same package twice, e.g. two versions nested under different parents):
 * within one identity, components with the same version pair first (in document order); the rest
 * pair in ascending version order; the surplus is added or removed.
 *
 * Version change: a generic rule, not ecosystem-aware (src/core/versions is the place for that).
 * A leading `v` is ignored; versions are split into runs of digits and runs of letters (every other
 * character separates); runs are compared in turn, numbers numerically, equal words continue.
 * The first differing pair decides: two numbers → upgraded or downgraded. Two different words, a
 * word against a number, or one version running out where the other continues with a word
 * (`1.0` vs `1.0-rc1`) → `changed` (incomparable). Running out where the other continues with a
 * number (`1.0` vs `1.0.1`) → the longer one is greater. Different strings with equal runs
 * (`1.0` vs `1-0`) → `changed`. A version appearing or disappearing → `changed`.
 *
 * Field changes for matched pairs: licenses, supplier, supportLevel, endOfSupport, hashes and purl
 * (compared without its version, so an upgrade alone is not a purl change).
 *
 * The primary component (what the document describes: CycloneDX `metadata.component`, SPDX's described
 * package) is compared on its own, first: the old document's with the new one's. When both have the
 * same identity (both purls without version equal; else, when either has no purl, the same name and
 * group) it is the same product, even if its name changed: `primary` says `changed` when its name,
 * group, version or a field above differs, else `unchanged`, it has a version change, and it does not
 * appear in the lists. When their identities differ (an npm application replaced by a firmware image
 * that now holds it) the document describes another product: `primary` says `replaced`, with no
 * version change (two products' versions are not ordered) and no field changes, and both primary
 * components take part in the lists as ordinary components, so the old application found again
 * inside the new firmware is unchanged, not added, and the firmware is added. `primary` says `added`
 * or `removed` when only one document has one; it is null when neither has one. The components
 * nested in the primary component are ordinary components of the diff (with the primary component as
 * their parent), as the server stores them (ADR 0007 addendum 11), so files (`mamori sbom diff`) and
 * stored releases compare the same way. The summary counts the listed and nested components (and the
 * primary components when replaced); `oldComponents`/`newComponents` count the primary component too
 * (as the release's inventory does); a kept primary component's field changes are in `primary` alone.
 *
 * Ordering: every list sorted by identity, then version, then bomRef (code-unit order).
 */
import { walkComponents, type Component, type License, type SbomDocument } from './model.js';

export type VersionChange = 'upgraded' | 'downgraded' | 'changed' | 'unchanged';

export type DiffField = 'licenses' | 'supplier' | 'supportLevel' | 'endOfSupport' | 'hashes' | 'purl';

export interface FieldChange {
  readonly field: DiffField;
  /** The old and new value, as text (lists joined with ", " in sorted order); null when absent. */
  readonly old: string | null;
  readonly new: string | null;
}

export interface DiffComponentRef {
  readonly identity: string;
  readonly bomRef: string;
  readonly name: string;
  readonly group: string | null;
  readonly version: string | null;
  readonly purl: string | null;
  /** bomRefs of the parents (outermost first) when the component is nested. */
  readonly parents: readonly string[];
}

export interface ComponentChange {
  readonly identity: string;
  readonly old: DiffComponentRef;
  readonly new: DiffComponentRef;
  readonly versionChange: VersionChange;
  readonly fieldChanges: readonly FieldChange[];
}

export type PrimaryChange = 'added' | 'removed' | 'replaced' | 'changed' | 'unchanged';

/** The primary component of the two documents (see the module comment). */
export interface PrimaryComponentDiff {
  readonly change: PrimaryChange;
  /** Null when that document has no primary component. */
  readonly old: DiffComponentRef | null;
  readonly new: DiffComponentRef | null;
  /** Null when one document has no primary component, or when it was replaced by another product. */
  readonly versionChange: VersionChange | null;
  /** The name or group differs (the document describes a renamed or another product). */
  readonly renamed: boolean;
  readonly fieldChanges: readonly FieldChange[];
}

export interface SbomDiff {
  /** Null when neither document has a primary component. */
  readonly primary: PrimaryComponentDiff | null;
  readonly added: readonly DiffComponentRef[];
  readonly removed: readonly DiffComponentRef[];
  readonly upgraded: readonly ComponentChange[];
  readonly downgraded: readonly ComponentChange[];
  /** Version differs but the generic rule cannot order the two. */
  readonly versionChanged: readonly ComponentChange[];
  /** Same version, other fields changed. */
  readonly modified: readonly ComponentChange[];
  readonly summary: {
    readonly oldComponents: number;
    readonly newComponents: number;
    readonly added: number;
    readonly removed: number;
    readonly upgraded: number;
    readonly downgraded: number;
    readonly versionChanged: number;
    readonly modified: number;
    readonly unchanged: number;
    readonly licenseChanges: number;
    readonly supplierChanges: number;
    readonly supportChanges: number;
    readonly hashChanges: number;
    readonly purlChanges: number;
  };
}

// ---------------------------------------------------------------------------------------------
// Identity

interface Entry {
  readonly component: Component;
  readonly ref: DiffComponentRef;
  /** Position in document order, for stable pairing of duplicates. */
  readonly index: number;
}

/** The purl without version, qualifiers and trailing slashes, type lower-cased; null if not a purl. */
export function purlWithoutVersion(purl: string): string | null {
  const trimmed = purl.trim();
  if (!/^pkg:/i.test(trimmed)) return null;
  let rest = trimmed.slice(4).replace(/^\/+/, '');
  let subpath = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    subpath = rest.slice(hash).replace(/^#\/+/, '#').replace(/\/+$/, '');
    if (subpath === '#') subpath = '';
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) rest = rest.slice(0, question);
  rest = rest.replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const type = rest.slice(0, slash).toLowerCase();
  let path = rest.slice(slash + 1);
  const at = path.lastIndexOf('@');
  if (at >= 0) path = path.slice(0, at);
  if (path === '') return null;
  return `pkg:${type}/${path}${subpath}`;
}

function nameIdentity(c: Component): string {
  return `name:${c.type}/${c.group ?? ''}/${c.name}`;
}

/** The identity a component is diffed by (see the module comment). */
export function componentIdentity(c: Component): string {
  const fromPurl = c.purl === null ? null : purlWithoutVersion(c.purl);
  return fromPurl ?? nameIdentity(c);
}

function refOf(component: Component, parents: readonly Component[]): DiffComponentRef {
  return {
    identity: componentIdentity(component),
    bomRef: component.bomRef,
    name: component.name,
    group: component.group,
    version: component.version,
    purl: component.purl,
    parents: parents.map((p) => p.bomRef),
  };
}

/**
 * The components compared in the lists: the primary component itself when it was replaced by another
 * product (see the module comment), those nested in the primary component (as the server stores
 * them), then the listed ones.
 */
function entries(doc: SbomDocument, withPrimary: boolean): Entry[] {
  const list: Entry[] = [];
  let index = 0;
  const primary = doc.metadata.component;
  if (primary && withPrimary) list.push({ component: primary, index: index++, ref: refOf(primary, []) });
  const walks = [walkComponents(doc.components)];
  if (primary) walks.unshift(walkComponents(primary.components, [primary]));
  for (const walk of walks) {
    for (const { component, parents } of walk) {
      list.push({ component, index: index++, ref: refOf(component, parents) });
    }
  }
  return list;
}

/**
 * Whether two primary components are the same product (see the module comment): both purls without
 * version equal, else (either has no purl) the same name and group.
 */
export function samePrimaryIdentity(a: Component, b: Component): boolean {
  const x = a.purl === null ? null : purlWithoutVersion(a.purl);
  const y = b.purl === null ? null : purlWithoutVersion(b.purl);
  if (x !== null && y !== null) return x === y;
  return a.name === b.name && a.group === b.group;
}

function primaryDiff(
  oldPrimary: Component | null,
  newPrimary: Component | null,
): PrimaryComponentDiff | null {
  if (oldPrimary === null && newPrimary === null) return null;
  const old = oldPrimary && refOf(oldPrimary, []);
  const now = newPrimary && refOf(newPrimary, []);
  if (oldPrimary === null || newPrimary === null) {
    const change = oldPrimary === null ? 'added' : 'removed';
    return { change, old, new: now, versionChange: null, renamed: false, fieldChanges: [] };
  }
  const renamed = oldPrimary.name !== newPrimary.name || oldPrimary.group !== newPrimary.group;
  if (!samePrimaryIdentity(oldPrimary, newPrimary))
    return { change: 'replaced', old, new: now, versionChange: null, renamed, fieldChanges: [] };
  const versionChange = compareVersionsGeneric(oldPrimary.version, newPrimary.version);
  const fieldChanges = changesBetween(oldPrimary, newPrimary);
  const change =
    versionChange !== 'unchanged' || renamed || fieldChanges.length > 0 ? 'changed' : 'unchanged';
  return { change, old, new: now, versionChange, renamed, fieldChanges };
}

// ---------------------------------------------------------------------------------------------
// Versions

function runs(version: string): string[] {
  return (
    version
      .trim()
      .replace(/^[vV](?=\d)/, '')
      .match(/[0-9]+|[A-Za-z]+/g) ?? []
  ).map((r) => r.toLowerCase());
}

const isNumber = (run: string) => /^[0-9]/.test(run);

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Generic version change from `oldVersion` to `newVersion` (see the module comment). */
export function compareVersionsGeneric(oldVersion: string | null, newVersion: string | null): VersionChange {
  if (oldVersion === newVersion) return 'unchanged';
  if (oldVersion === null || newVersion === null) return 'changed';
  const a = runs(oldVersion);
  const b = runs(newVersion);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (isNumber(x) && isNumber(y)) {
      const c = compareNumbers(x, y);
      if (c !== 0) return c < 0 ? 'upgraded' : 'downgraded';
    } else if (x !== y) {
      return 'changed';
    }
  }
  if (a.length === b.length) return 'changed';
  const longer = a.length > b.length ? a : b;
  if (!isNumber(longer[n]!)) return 'changed';
  return b.length > a.length ? 'upgraded' : 'downgraded';
}

/** A total order for pairing duplicates: generic runs, then the raw string. */
function versionOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const c = compareVersionsGeneric(a, b);
  if (c === 'upgraded') return -1;
  if (c === 'downgraded') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Fields

function licenseText(l: License): string {
  const text = l.expression ?? l.name ?? '';
  return l.acknowledgement === null ? text : `${text} (${l.acknowledgement})`;
}

function sortedList(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return [...new Set(values)].sort().join(', ');
}

function fieldValues(c: Component): Record<DiffField, string | null> {
  return {
    licenses: sortedList(c.licenses.map(licenseText)),
    supplier: c.supplier?.name ?? null,
    supportLevel: c.supportLevel,
    endOfSupport: c.endOfSupport,
    hashes: sortedList(c.hashes.map((h) => `${h.alg}:${h.content.toLowerCase()}`)),
    purl:
      c.purl === null
        ? null
        : purlWithoutVersion(c.purl) === null
          ? c.purl
          : purlWithoutVersionKeepingQualifiers(c.purl),
  };
}

/** The purl with its version removed but qualifiers and subpath kept (qualifier changes are reported). */
function purlWithoutVersionKeepingQualifiers(purl: string): string {
  const trimmed = purl.trim();
  const end = trimmed.search(/[?#]/);
  const head = end >= 0 ? trimmed.slice(0, end) : trimmed;
  const tail = end >= 0 ? trimmed.slice(end) : '';
  const lastSlash = head.lastIndexOf('/');
  const at = head.lastIndexOf('@');
  return (at > lastSlash ? head.slice(0, at) : head) + tail;
}

const diffFields: readonly DiffField[] = [
  'licenses',
  'supplier',
  'supportLevel',
  'endOfSupport',
  'hashes',
  'purl',
];

function changesBetween(a: Component, b: Component): FieldChange[] {
  const x = fieldValues(a);
  const y = fieldValues(b);
  return diffFields.filter((f) => x[f] !== y[f]).map((f) => ({ field: f, old: x[f], new: y[f] }));
}

// ---------------------------------------------------------------------------------------------
// Pairing

function groupBy(list: readonly Entry[], key: (e: Entry) => string): Map<string, Entry[]> {
  const map = new Map<string, Entry[]>();
  for (const e of list) {
    const k = key(e);
    const group = map.get(k);
    if (group) group.push(e);
    else map.set(k, [e]);
  }
  return map;
}

/** Pairs two groups that share a key: same versions first, then by ascending version. */
function pairGroup(
  olds: Entry[],
  news: Entry[],
): { pairs: [Entry, Entry][]; oldRest: Entry[]; newRest: Entry[] } {
  const pairs: [Entry, Entry][] = [];
  const newLeft = [...news];
  const oldRest: Entry[] = [];
  for (const o of olds) {
    const i = newLeft.findIndex((n) => n.component.version === o.component.version);
    if (i >= 0) pairs.push([o, newLeft.splice(i, 1)[0]!]);
    else oldRest.push(o);
  }
  const byVersion = (a: Entry, b: Entry) =>
    versionOrder(a.component.version, b.component.version) || a.index - b.index;
  oldRest.sort(byVersion);
  newLeft.sort(byVersion);
  const n = Math.min(oldRest.length, newLeft.length);
  for (let i = 0; i < n; i++) pairs.push([oldRest[i]!, newLeft[i]!]);
  return { pairs, oldRest: oldRest.slice(n), newRest: newLeft.slice(n) };
}

function pairAll(olds: Entry[], news: Entry[], key: (e: Entry) => string) {
  const oldGroups = groupBy(olds, key);
  const newGroups = groupBy(news, key);
  const pairs: [Entry, Entry][] = [];
  const oldRest: Entry[] = [];
  const newRest: Entry[] = [];
  for (const [k, group] of oldGroups) {
    const other = newGroups.get(k);
    if (!other) {
      oldRest.push(...group);
      continue;
    }
    const r = pairGroup(group, other);
    pairs.push(...r.pairs);
    oldRest.push(...r.oldRest);
    newRest.push(...r.newRest);
  }
  for (const [k, group] of newGroups) if (!oldGroups.has(k)) newRest.push(...group);
  return { pairs, oldRest, newRest };
}

function compareRefs(a: DiffComponentRef, b: DiffComponentRef): number {
  return (
    (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0) ||
    versionOrder(a.version, b.version) ||
    (a.bomRef < b.bomRef ? -1 : a.bomRef > b.bomRef ? 1 : 0)
  );
}

export function diffSbom(oldDoc: SbomDocument, newDoc: SbomDocument): SbomDiff {
  const oldPrimary = oldDoc.metadata.component;
  const newPrimary = newDoc.metadata.component;
  const primary = primaryDiff(oldPrimary, newPrimary);
  // A replaced primary component is an ordinary component on both sides (see the module comment).
  const replaced = primary?.change === 'replaced';
  const olds = entries(oldDoc, replaced);
  const news = entries(newDoc, replaced);
  const first = pairAll(olds, news, (e) => e.ref.identity);
  // Fallback by type+group+name, only where one side has no purl (two different purls never pair).
  const nameKey = (e: Entry) => nameIdentity(e.component);
  const passA = pairAll(
    first.oldRest.filter((e) => !hasPurl(e)),
    first.newRest,
    nameKey,
  );
  const passB = pairAll(
    first.oldRest.filter(hasPurl),
    passA.newRest.filter((e) => !hasPurl(e)),
    nameKey,
  );
  const pairs = [...first.pairs, ...passA.pairs, ...passB.pairs];
  const removed = [...passA.oldRest, ...passB.oldRest].map((e) => e.ref).sort(compareRefs);
  const added = [...passA.newRest.filter(hasPurl), ...passB.newRest].map((e) => e.ref).sort(compareRefs);

  const upgraded: ComponentChange[] = [];
  const downgraded: ComponentChange[] = [];
  const versionChanged: ComponentChange[] = [];
  const modified: ComponentChange[] = [];
  let unchanged = 0;
  const fieldCounts: Record<DiffField, number> = {
    licenses: 0,
    supplier: 0,
    supportLevel: 0,
    endOfSupport: 0,
    hashes: 0,
    purl: 0,
  };
  for (const [o, n] of pairs) {
    const versionChange = compareVersionsGeneric(o.component.version, n.component.version);
    const fieldChanges = changesBetween(o.component, n.component);
    for (const f of fieldChanges) fieldCounts[f.field] += 1;
    const change: ComponentChange = {
      identity: n.ref.identity,
      old: o.ref,
      new: n.ref,
      versionChange,
      fieldChanges,
    };
    if (versionChange === 'upgraded') upgraded.push(change);
    else if (versionChange === 'downgraded') downgraded.push(change);
    else if (versionChange === 'changed') versionChanged.push(change);
    else if (fieldChanges.length > 0) modified.push(change);
    else unchanged += 1;
  }
  const byChange = (a: ComponentChange, b: ComponentChange) =>
    compareRefs(a.new, b.new) || compareRefs(a.old, b.old);
  for (const list of [upgraded, downgraded, versionChanged, modified]) list.sort(byChange);

  return {
    primary,
    added,
    removed,
    upgraded,
    downgraded,
    versionChanged,
    modified,
    summary: {
      oldComponents: olds.length + (oldPrimary && !replaced ? 1 : 0),
      newComponents: news.length + (newPrimary && !replaced ? 1 : 0),
      added: added.length,
      removed: removed.length,
      upgraded: upgraded.length,
      downgraded: downgraded.length,
      versionChanged: versionChanged.length,
      modified: modified.length,
      unchanged,
      licenseChanges: fieldCounts.licenses,
      supplierChanges: fieldCounts.supplier,
      supportChanges: fieldCounts.supportLevel + fieldCounts.endOfSupport,
      hashChanges: fieldCounts.hashes,
      purlChanges: fieldCounts.purl,
    },
  };
}

function hasPurl(e: Entry): boolean {
  return e.component.purl !== null && purlWithoutVersion(e.component.purl) !== null;
}
