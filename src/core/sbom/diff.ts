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
 * within one identity, components with the same version pair first: those whose whole purls are equal
 * too (qualifiers included), then the others in document order. The rest
 * pair closest first (ADR 0007 addendum 13): of all the pairs of a remaining old and a remaining new
 * version, the closest pair is taken, then the closest of those left, until one side runs out; the
 * surplus is added or removed. Closeness uses the runs of the version rule below: two versions are
 * closer the more leading runs they share (a missing numeric run counts as 0, so `1.0` and `1.0.0`
 * share three), then the smaller the numeric gap at the first differing run (a word there, or a
 * missing version, is the farthest; runs of more than 15 digits compare approximately). Equally
 * close pairs: an upgrade before an incomparable change before a downgrade, then the higher new
 * version, then the lower old version, then document order. So old `lodash 4.17.15` against new
 * `4.17.21` and `2.4.2` is an upgrade to 4.17.21 and 2.4.2 is added (not a downgrade to 2.4.2).
 * The closest-first pairing weighs at most 100,000 old × new pairs in one diff
 * (`MAX_PAIRING_CANDIDATES`; identities taken in code-unit order, so the document order does not
 * matter); an identity that would go past it (crafted input: a real SBOM holds a few versions of a
 * package) pairs its remaining versions in ascending version order instead.
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
 * (compared without its version, so an upgrade alone is not a purl change). Licences are compared as
 * a set of required licences: a list of licences and the AND of the same licences (how SPDX writes a
 * component's several licences) are no change, in any order; OR or other licences are
 * (licenseComparison).
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
 * Ordering: every list sorted as people read it (QA sbomra 12): by name in natural order (runs of
 * digits compared as numbers, ASCII letters case-insensitively: `added-2` before `added-10`), then
 * group the same way, then version in natural order (missing last), all by `versionSortKey`
 * (version-sort-key.ts, the key the Components tab sorts versions by); ties by identity, version and
 * bomRef in code-unit order. A change (upgraded, …) sorts by its new component, then its old one. So `mamori sbom diff`,
 * the API and the web list changes in one order.
 */
import { walkComponents, type Component, type License, type SbomDocument } from './model.js';
import { checkSpdxExpression } from './quality/spdx-license-syntax.js';
import { versionSortKey } from './version-sort-key.js';

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
  /** Shown where there is no purl (firmware, commercial software named by CPE only). */
  readonly cpe: string | null;
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
    cpe: component.cpe,
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
  return runsChange(runs(oldVersion), runs(newVersion));
}

/** The version change between two different versions, from their runs. */
function runsChange(a: readonly string[], b: readonly string[]): VersionChange {
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

/**
 * A licence as compared and shown. A licence without an acknowledgement is compared as declared: that
 * is how the SPDX writers record it (licenseDeclared), so a conversion to SPDX and back is no change;
 * a concluded licence stays different.
 */
function licenseText(l: License): string {
  const text = l.expression ?? l.name ?? '';
  return l.acknowledgement === 'concluded' ? `${text} (concluded)` : text;
}

function sortedList(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return [...new Set(values)].sort().join(', ');
}

/** `and` / `AND` as SPDX 2.3 Annex D writes the operator (upper or lower case); the same for OR. */
function isOperator(token: string | undefined, op: 'AND' | 'OR'): boolean {
  return token === op || token === op.toLowerCase();
}

function expressionText(tokens: readonly string[]): string {
  return tokens.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/** The tokens inside one pair of parentheses around them all (`(A OR B)`), else null. */
function unwrapped(tokens: readonly string[]): readonly string[] | null {
  if (tokens[0] !== '(' || tokens[tokens.length - 1] !== ')') return null;
  let depth = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i] === '(') depth += 1;
    else if (tokens[i] === ')') depth -= 1;
    if (depth === 0) return null; // the first parenthesis closes before the end: `(A) AND (B)`
  }
  return tokens.slice(1, -1);
}

/** The licences a well-formed expression's top-level ANDs join, nested ANDs flattened; else the whole. */
function conjuncts(tokens: readonly string[]): string[] {
  const inner = unwrapped(tokens);
  if (inner !== null) return conjuncts(inner);
  const parts: string[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t === '(') depth += 1;
    else if (t === ')') depth -= 1;
    // OR binds more loosely than AND: `A AND B OR C` is `(A AND B) OR C`, one licence choice.
    if (depth === 0 && isOperator(t, 'OR')) return [expressionText(tokens)];
    if (depth === 0 && isOperator(t, 'AND')) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.length === 1 ? [expressionText(tokens)] : parts.flatMap(conjuncts);
}

/**
 * The licences an expression requires together: the parts its top-level AND joins (`MIT AND
 * (Apache-2.0 OR BSD-3-Clause)` → `MIT`, `Apache-2.0 OR BSD-3-Clause`). An expression that is not
 * well-formed SPDX (Annex D grammar; ids need not be on the list) is one licence as it is written.
 */
function requiredLicenses(expression: string): string[] {
  const checked = checkSpdxExpression(expression);
  const wellFormed =
    checked.ok || checked.problem === 'spdx.unknown-license' || checked.problem === 'spdx.unknown-exception';
  if (!wellFormed) return [expression];
  const tokens = expression
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .split(/\s+/)
    .filter((t) => t !== '');
  return conjuncts(tokens);
}

/**
 * Licences as compared (not as shown): a list of licences and one expression that joins the same
 * licences with AND are the same licences, in any order, as the licence list itself is unordered
 * (SPDX writes a component's several licences of one kind as their AND, so a CycloneDX release and
 * its SPDX export read back are no change). Each expression counts as the licences its top-level AND
 * joins; a name as itself; a concluded licence stays different from a declared one (licenseText).
 * OR, WITH, other ids and names are changes.
 */
function licenseComparison(licenses: readonly License[]): string | null {
  return sortedList(
    licenses.flatMap((l) => {
      if (l.expression === null) return [licenseText(l)];
      return requiredLicenses(l.expression).map((e) => licenseText({ ...l, expression: e }));
    }),
  );
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
  const differ = (f: DiffField) =>
    x[f] !== y[f] && (f !== 'licenses' || licenseComparison(a.licenses) !== licenseComparison(b.licenses));
  return diffFields.filter(differ).map((f) => ({ field: f, old: x[f], new: y[f] }));
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

/**
 * How many old × new pairs the closest-first pairing weighs in one diff (see the module comment); an
 * identity that would go past it pairs in ascending version order.
 */
export const MAX_PAIRING_CANDIDATES = 100_000;

interface Budget {
  candidates: number;
}

function sameRun(a: string, b: string): boolean {
  return isNumber(a) && isNumber(b) ? compareNumbers(a, b) === 0 : a === b;
}

/**
 * How close two different versions are (see the module comment), written at `c`: the leading runs
 * they share (-1 when a version is missing; more is closer), and the numeric gap at the first
 * differing run (0 when every run is equal; Infinity, the farthest, when a word is there).
 */
function closeness(
  a: readonly string[] | null,
  b: readonly string[] | null,
  c: number,
  shared: Int32Array,
  gap: Float64Array,
): void {
  if (a === null || b === null) {
    shared[c] = -1;
    gap[c] = Infinity;
    return;
  }
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    // A run missing on one side counts as 0 when the other side continues with a number.
    const x = a[i] ?? (isNumber(b[i]!) ? '0' : '');
    const y = b[i] ?? (isNumber(a[i]!) ? '0' : '');
    if (sameRun(x, y)) continue;
    shared[c] = i;
    gap[c] = isNumber(x) && isNumber(y) ? Math.abs(Number(x) - Number(y)) : Infinity;
    return;
  }
  shared[c] = n;
  gap[c] = 0;
}

const directionRank: Record<VersionChange, number> = { upgraded: 0, unchanged: 0, changed: 1, downgraded: 2 };

/**
 * Pairs components of one key with the same version: first those whose whole purls are equal too
 * (qualifiers included: a `type=jar` and a `type=test-jar` of one version stay apart however a tool
 * reorders them), then the rest in document order.
 */
function pairEqualVersions(olds: readonly Entry[], news: readonly Entry[]) {
  const pairs: [Entry, Entry][] = [];
  const newLeft = [...news];
  const unpaired: Entry[] = [];
  for (const o of olds) {
    const purl = o.component.purl;
    const i =
      purl === null
        ? -1
        : newLeft.findIndex((n) => n.component.version === o.component.version && n.component.purl === purl);
    if (i >= 0) pairs.push([o, newLeft.splice(i, 1)[0]!]);
    else unpaired.push(o);
  }
  const oldLeft: Entry[] = [];
  for (const o of unpaired) {
    const i = newLeft.findIndex((n) => n.component.version === o.component.version);
    if (i >= 0) pairs.push([o, newLeft.splice(i, 1)[0]!]);
    else oldLeft.push(o);
  }
  return { pairs, oldLeft, newLeft };
}

/** Each entry's rank in `versionOrder` (equal versions, equal ranks), from versions parsed once. */
function versionRanks(list: readonly Entry[], parsed: readonly (readonly string[] | null)[]): number[] {
  const order = list.map((_, i) => i);
  const cmp = (a: number, b: number) => {
    const x = list[a]!.component.version;
    const y = list[b]!.component.version;
    if (x === y) return 0;
    if (x === null) return -1;
    if (y === null) return 1;
    const c = runsChange(parsed[a]!, parsed[b]!);
    if (c === 'upgraded') return -1;
    if (c === 'downgraded') return 1;
    return x < y ? -1 : 1;
  };
  order.sort(cmp);
  const rank = new Array<number>(list.length).fill(0);
  for (let r = 1; r < order.length; r++) {
    const prev = order[r - 1]!;
    rank[order[r]!] = rank[prev]! + (cmp(prev, order[r]!) === 0 ? 0 : 1);
  }
  return rank;
}

/** Pairs different versions of one key closest first (see the module comment). */
function pairClosest(olds: readonly Entry[], news: readonly Entry[], budget: Budget) {
  const k = olds.length;
  const m = news.length;
  const pairs: [Entry, Entry][] = [];
  if (k * m > budget.candidates) {
    const byVersion = (a: Entry, b: Entry) =>
      versionOrder(a.component.version, b.component.version) || a.index - b.index;
    const o = [...olds].sort(byVersion);
    const n = [...news].sort(byVersion);
    const count = Math.min(k, m);
    for (let i = 0; i < count; i++) pairs.push([o[i]!, n[i]!]);
    return { pairs, oldRest: o.slice(count), newRest: n.slice(count) };
  }
  budget.candidates -= k * m;
  // Each version parsed once; the candidates are then compared as numbers.
  const parse = (e: Entry) => (e.component.version === null ? null : runs(e.component.version));
  const oldRuns = olds.map(parse);
  const newRuns = news.map(parse);
  const rank = versionRanks([...olds, ...news], [...oldRuns, ...newRuns]);
  const shared = new Int32Array(k * m);
  const gap = new Float64Array(k * m);
  const direction = new Uint8Array(k * m);
  const order: number[] = [];
  for (let i = 0; i < k; i++) {
    const x = oldRuns[i]!;
    for (let j = 0; j < m; j++) {
      const y = newRuns[j]!;
      const c = i * m + j;
      closeness(x, y, c, shared, gap);
      direction[c] = directionRank[x === null || y === null ? 'changed' : runsChange(x, y)];
      order.push(c);
    }
  }
  // Closest first; then an upgrade, the higher new version, the lower old version, document order.
  order.sort((a, b) => {
    const ia = Math.floor(a / m);
    const ib = Math.floor(b / m);
    const ja = a - ia * m;
    const jb = b - ib * m;
    return (
      shared[b]! - shared[a]! ||
      (gap[a]! < gap[b]! ? -1 : gap[a]! > gap[b]! ? 1 : 0) ||
      direction[a]! - direction[b]! ||
      rank[k + jb]! - rank[k + ja]! ||
      rank[ia]! - rank[ib]! ||
      olds[ia]!.index - olds[ib]!.index ||
      news[ja]!.index - news[jb]!.index
    );
  });
  const usedOld = new Uint8Array(k);
  const usedNew = new Uint8Array(m);
  const count = Math.min(k, m);
  for (const c of order) {
    const i = Math.floor(c / m);
    const j = c - i * m;
    if (usedOld[i] || usedNew[j]) continue;
    pairs.push([olds[i]!, news[j]!]);
    usedOld[i] = 1;
    usedNew[j] = 1;
    if (pairs.length === count) break;
  }
  return {
    pairs,
    oldRest: olds.filter((_, i) => !usedOld[i]),
    newRest: news.filter((_, j) => !usedNew[j]),
  };
}

/**
 * Pairs the components that share a key: equal versions first, then closest first. Keys are taken in
 * code-unit order for the latter, so the budget is spent the same way whatever the document order.
 */
function pairAll(olds: Entry[], news: Entry[], key: (e: Entry) => string, budget: Budget) {
  const oldGroups = groupBy(olds, key);
  const newGroups = groupBy(news, key);
  const pairs: [Entry, Entry][] = [];
  const oldRest: Entry[] = [];
  const newRest: Entry[] = [];
  const pending: { key: string; olds: Entry[]; news: Entry[] }[] = [];
  for (const [k, group] of oldGroups) {
    const other = newGroups.get(k);
    if (!other) {
      oldRest.push(...group);
      continue;
    }
    const equal = pairEqualVersions(group, other);
    pairs.push(...equal.pairs);
    const [o, n] = [equal.oldLeft, equal.newLeft];
    if (o.length === 1 && n.length === 1) pairs.push([o[0]!, n[0]!]);
    else if (o.length > 0 && n.length > 0) pending.push({ key: k, olds: o, news: n });
    else {
      oldRest.push(...o);
      newRest.push(...n);
    }
  }
  pending.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const group of pending) {
    const r = pairClosest(group.olds, group.news, budget);
    pairs.push(...r.pairs);
    oldRest.push(...r.oldRest);
    newRest.push(...r.newRest);
  }
  for (const [k, group] of newGroups) if (!oldGroups.has(k)) newRest.push(...group);
  return { pairs, oldRest, newRest };
}

/** A component's place in the lists (see "Ordering" in the module comment), its keys made once. */
interface RefOrder {
  readonly name: string;
  readonly group: string;
  readonly version: string | null;
  readonly ref: DiffComponentRef;
}

function refOrder(ref: DiffComponentRef): RefOrder {
  return {
    name: versionSortKey(ref.name)!,
    group: versionSortKey(ref.group ?? '')!,
    version: versionSortKey(ref.version),
    ref,
  };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Null last. */
function byNullableCodeUnit(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return byCodeUnit(a, b);
}

function compareOrder(a: RefOrder, b: RefOrder): number {
  return (
    byCodeUnit(a.name, b.name) ||
    byCodeUnit(a.group, b.group) ||
    byNullableCodeUnit(a.version, b.version) ||
    byCodeUnit(a.ref.identity, b.ref.identity) ||
    byNullableCodeUnit(a.ref.version, b.ref.version) ||
    byCodeUnit(a.ref.bomRef, b.ref.bomRef)
  );
}

/** `list` in the lists' order by the components `refs` gives for each item, compared in turn. */
function sortedBy<T>(list: readonly T[], refs: (item: T) => readonly DiffComponentRef[]): T[] {
  return list
    .map((item) => ({ item, keys: refs(item).map(refOrder) }))
    .sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const c = compareOrder(a.keys[i]!, b.keys[i]!);
        if (c !== 0) return c;
      }
      return 0;
    })
    .map((x) => x.item);
}

export function diffSbom(oldDoc: SbomDocument, newDoc: SbomDocument): SbomDiff {
  const oldPrimary = oldDoc.metadata.component;
  const newPrimary = newDoc.metadata.component;
  const primary = primaryDiff(oldPrimary, newPrimary);
  // A replaced primary component is an ordinary component on both sides (see the module comment).
  const replaced = primary?.change === 'replaced';
  const olds = entries(oldDoc, replaced);
  const news = entries(newDoc, replaced);
  const budget: Budget = { candidates: MAX_PAIRING_CANDIDATES };
  const first = pairAll(olds, news, (e) => e.ref.identity, budget);
  // Fallback by type+group+name, only where one side has no purl (two different purls never pair).
  const nameKey = (e: Entry) => nameIdentity(e.component);
  const passA = pairAll(
    first.oldRest.filter((e) => !hasPurl(e)),
    first.newRest,
    nameKey,
    budget,
  );
  const passB = pairAll(
    first.oldRest.filter(hasPurl),
    passA.newRest.filter((e) => !hasPurl(e)),
    nameKey,
    budget,
  );
  const pairs = [...first.pairs, ...passA.pairs, ...passB.pairs];
  const removed = sortedBy(
    [...passA.oldRest, ...passB.oldRest].map((e) => e.ref),
    (r) => [r],
  );
  const added = sortedBy(
    [...passA.newRest.filter(hasPurl), ...passB.newRest].map((e) => e.ref),
    (r) => [r],
  );

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
  const byChange = (c: ComponentChange) => [c.new, c.old];

  return {
    primary,
    added,
    removed,
    upgraded: sortedBy(upgraded, byChange),
    downgraded: sortedBy(downgraded, byChange),
    versionChanged: sortedBy(versionChanged, byChange),
    modified: sortedBy(modified, byChange),
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
