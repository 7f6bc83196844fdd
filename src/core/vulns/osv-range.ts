/**
 * Whether a package version is affected by one OSV `affected[]` entry, per the OSV schema's
 * "Evaluation" section (docs/schema.md, `IsVulnerable` / `IncludedInVersions` / `IncludedInRanges` /
 * `BeforeLimits`):
 *
 * - `versions`: affected when the version is exactly (string-equal) one of them.
 * - each range: skipped unless the version is before some `limit` (no `limit` = implicit `*`); the
 *   events, sorted by version (stable: events with equal versions keep the record's order, as in
 *   osv.dev's Python sort), are walked: `introduced` ≤ v → vulnerable; else `fixed` ≤ v → not
 *   vulnerable; else `last_affected` < v → not vulnerable. `introduced: "0"` sorts before every
 *   version; a `limit` containing `*` is infinity.
 * - SEMVER ranges are ordered by SemVer 2.0 (osv-schema "SEMVER"); ECOSYSTEM ranges by the
 *   ecosystem's scheme (`schemeForEcosystem`); when that is the generic fallback, a verdict says so
 *   (`rule: 'fallback-scheme'`).
 * - GIT ranges need the repository's commit graph, so they are never evaluated. When the entry also
 *   enumerates `versions` (which the OSV schema requires alongside GIT ranges: "Specifying one or
 *   more GIT ranges does NOT remove the requirement to specify an explicitly enumerated versions
 *   list"), the list stands for the GIT range; otherwise the answer is `'unknown'`
 *   (`git-range-not-evaluable`).
 *
 * Never a guess: a version the scheme cannot parse, an event version it cannot parse (other than
 * the special values), or an `affected` entry of another ecosystem gives `'unknown'` with a reason,
 * unless an exact `versions` match or another range already says affected.
 */
import { schemeForEcosystem } from '../versions/registry.js';
import type { VersionScheme } from '../versions/scheme.js';
import { semver } from '../versions/semver.js';
import {
  eventKind,
  eventVersion,
  type OsvAffected,
  type OsvRange,
  type OsvEvent,
  type OsvPackage,
  type OsvRangeType,
} from './advisory.js';

export type AffectedRule = 'range' | 'versions-list' | 'fallback-scheme';

export type UnknownReason =
  | 'git-range-not-evaluable'
  | 'version-unparseable'
  | 'event-version-unparseable'
  | 'ecosystem-mismatch'
  | 'no-ranges-or-versions';

/** What one range said about the version. */
export interface RangeEvidence {
  readonly rangeIndex: number;
  readonly type: OsvRangeType;
  readonly affected: boolean | 'unknown';
  /** The scheme that ordered the versions (`semver`, `pep440`, …), null for GIT. */
  readonly scheme: string | null;
  readonly fallback: boolean;
  /** The events that decided: the last `introduced` ≤ v and the closing `fixed`/`last_affected`, or the `limit`s. */
  readonly events: readonly OsvEvent[];
  readonly reason: UnknownReason | null;
  readonly detail: string | null;
}

export interface AffectedEvidence {
  /** The package identity of the `affected` entry that was used (`<ecosystem>/<name>`, or the GIT repo). */
  readonly identifier: string;
  readonly package: OsvPackage | null;
  readonly ecosystem: string;
  readonly version: string;
  /** The rule that gave the verdict; null when nothing matched or the answer is unknown. */
  readonly rule: AffectedRule | null;
  /** The range that decided (index into `affected.ranges`), null when none did. */
  readonly rangeIndex: number | null;
  /** The events of the deciding range that decided. */
  readonly events: readonly OsvEvent[];
  /** The entry of `versions` that matched exactly, if any. */
  readonly matchedVersion: string | null;
  /** Why the answer is `'unknown'` (null otherwise). */
  readonly reason: UnknownReason | null;
  readonly detail: string | null;
  /** Every range's own answer, in record order. */
  readonly ranges: readonly RangeEvidence[];
  /** Notes that do not change the verdict (GIT range covered by `versions`, fallback scheme used…). */
  readonly notes: readonly string[];
}

export interface AffectedVerdict {
  readonly affected: boolean | 'unknown';
  readonly evidence: AffectedEvidence;
}

function base(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** `"Debian:12"` and `"Debian"` agree (one side unscoped); `"Debian:11"` and `"Debian:12"` do not. */
function ecosystemsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (base(a) !== base(b)) return false;
  return !a.includes(':') || !b.includes(':');
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseWith(scheme: VersionScheme, v: string): Parsed {
  const r = scheme.parse(v);
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.error.reason };
}

/**
 * The last version parsed per scheme: a component's version is compared with every `affected[]`
 * entry of its package one after another, so it is parsed once rather than once per entry.
 */
const lastParsed = new WeakMap<VersionScheme, { readonly text: string; readonly parsed: Parsed }>();

function parseVersion(scheme: VersionScheme, text: string): Parsed {
  const last = lastParsed.get(scheme);
  if (last !== undefined && last.text === text) return last.parsed;
  const parsed = parseWith(scheme, text);
  lastParsed.set(scheme, { text, parsed });
  return parsed;
}

interface SortableEvent {
  readonly event: OsvEvent;
  readonly kind: ReturnType<typeof eventKind>;
  /** -Infinity for introduced "0", +Infinity for a limit containing "*", else the parsed version. */
  readonly position: { readonly special: -1 | 1 } | { readonly parsed: unknown };
  readonly order: number;
}

/** A range's events parsed and sorted once per scheme, or the first event the scheme cannot read. */
type PreparedRange =
  | {
      readonly ok: true;
      readonly sorted: readonly SortableEvent[];
      readonly limits: readonly SortableEvent[];
    }
  | { readonly ok: false; readonly event: OsvEvent; readonly detail: string };

/**
 * Prepared ranges by events array and scheme: an advisory's ranges are parsed and sorted once, not
 * once per component version compared with them (the arrays belong to parsed, frozen advisories).
 */
const preparedRanges = new WeakMap<readonly OsvEvent[], Map<VersionScheme, PreparedRange>>();

function prepareRange(events: readonly OsvEvent[], scheme: VersionScheme): PreparedRange {
  let perScheme = preparedRanges.get(events);
  const hit = perScheme?.get(scheme);
  if (hit) return hit;
  const sortable: SortableEvent[] = [];
  let prepared: PreparedRange | null = null;
  for (const [order, event] of events.entries()) {
    const kind = eventKind(event);
    const text = eventVersion(event);
    if (kind === 'introduced' && text === '0') {
      sortable.push({ event, kind, position: { special: -1 }, order });
      continue;
    }
    if (kind === 'limit' && text.includes('*')) {
      sortable.push({ event, kind, position: { special: 1 }, order });
      continue;
    }
    const p = parseWith(scheme, text);
    if (!p.ok) {
      prepared = { ok: false, event, detail: `${kind} "${text}": ${p.reason}` };
      break;
    }
    sortable.push({ event, kind, position: { parsed: p.value }, order });
  }
  if (prepared === null) {
    const cmp = (a: SortableEvent['position'], b: SortableEvent['position']): number => {
      const sa = 'special' in a ? a.special : 0;
      const sb = 'special' in b ? b.special : 0;
      if (sa !== 0 || sb !== 0) return sa - sb;
      return scheme.compare((a as { parsed: unknown }).parsed, (b as { parsed: unknown }).parsed);
    };
    const sorted = [...sortable].sort((a, b) => cmp(a.position, b.position) || a.order - b.order);
    prepared = { ok: true, sorted, limits: sortable.filter((e) => e.kind === 'limit') };
  }
  if (!perScheme) {
    perScheme = new Map();
    preparedRanges.set(events, perScheme);
  }
  perScheme.set(scheme, prepared);
  return prepared;
}

/** compare(v, event position): -1 / 0 / 1. */
function versusPosition(scheme: VersionScheme, v: unknown): (pos: SortableEvent['position']) => number {
  return (pos) => ('special' in pos ? -pos.special : scheme.compare(v, pos.parsed));
}

/** OSV `BeforeLimits`: no limit, or the version is before one of them. */
function beforeLimits(
  limits: readonly SortableEvent[],
  vs: (pos: SortableEvent['position']) => number,
): boolean {
  return limits.length === 0 || limits.some((l) => vs(l.position) < 0);
}

/** The walk of a range's sorted events (OSV `IncludedInRanges`): whether v is inside, and the events that decided. */
function walkEvents(
  sorted: readonly SortableEvent[],
  vs: (pos: SortableEvent['position']) => number,
): { vulnerable: boolean; opener: OsvEvent | null; closer: OsvEvent | null } {
  let vulnerable = false;
  let opener: OsvEvent | null = null;
  let closer: OsvEvent | null = null;
  for (const e of sorted) {
    if (e.kind === 'introduced' && vs(e.position) >= 0) {
      vulnerable = true;
      opener = e.event;
      closer = null;
    } else if (e.kind === 'fixed' && vs(e.position) >= 0) {
      vulnerable = false;
      closer = e.event;
    } else if (e.kind === 'last_affected' && vs(e.position) > 0) {
      vulnerable = false;
      closer = e.event;
    }
  }
  return { vulnerable, opener, closer };
}

function evaluateRange(
  index: number,
  type: 'SEMVER' | 'ECOSYSTEM',
  events: readonly OsvEvent[],
  scheme: VersionScheme,
  fallback: boolean,
  v: unknown,
): RangeEvidence {
  const prepared = prepareRange(events, scheme);
  if (!prepared.ok) {
    return {
      rangeIndex: index,
      type,
      affected: 'unknown',
      scheme: scheme.name,
      fallback,
      events: [prepared.event],
      reason: 'event-version-unparseable',
      detail: prepared.detail,
    };
  }
  const { sorted, limits } = prepared;
  const vs = versusPosition(scheme, v);
  // BeforeLimits
  if (!beforeLimits(limits, vs)) {
    return {
      rangeIndex: index,
      type,
      affected: false,
      scheme: scheme.name,
      fallback,
      events: limits.map((l) => l.event),
      reason: null,
      detail: 'the version is not before any limit',
    };
  }
  const { vulnerable, opener, closer } = walkEvents(sorted, vs);
  const decided: OsvEvent[] = [];
  if (opener) decided.push(opener);
  if (closer) decided.push(closer);
  if (!vulnerable && !opener) {
    // Before every introduced event: the first introduced decided.
    const first = sorted.find((e) => e.kind === 'introduced');
    if (first) decided.push(first.event);
  }
  if (vulnerable) {
    // The next event after v that would close the interval, for the reader's benefit.
    const next = sorted.find(
      (e) =>
        (e.kind === 'fixed' && vs(e.position) < 0) || (e.kind === 'last_affected' && vs(e.position) <= 0),
    );
    if (next) decided.push(next.event);
  }
  return {
    rangeIndex: index,
    type,
    affected: vulnerable,
    scheme: scheme.name,
    fallback,
    events: decided,
    reason: null,
    detail: null,
  };
}

/** The enumerated versions of an entry, as evaluation reads them (an array, or a stored form that answers the same). */
export interface VersionList {
  includes(version: string): boolean;
  readonly length: number;
}

/** What evaluation reads of an `affected[]` entry: its package, ranges and enumerated versions. */
export interface EvaluableAffected {
  readonly package: OsvAffected['package'];
  readonly ranges: readonly Pick<OsvRange, 'type' | 'repo' | 'events'>[];
  readonly versions: VersionList;
}

/** The identifier of an entry in its verdicts, once per entry (entries are immutable). */
const identifiers = new WeakMap<EvaluableAffected, string>();

/**
 * Evaluates one `affected[]` entry for a package version. `ecosystem` is the component's OSV
 * ecosystem (e.g. `PyPI`, `Debian:12`); the entry's own `package.ecosystem` must agree with it.
 */
export function evaluateAffected(
  affected: EvaluableAffected,
  ecosystem: string,
  version: string,
): AffectedVerdict {
  const pkg = affected.package;
  let identifier = identifiers.get(affected);
  if (identifier === undefined) {
    identifier = pkg
      ? `${pkg.ecosystem}/${pkg.name}`
      : (affected.ranges.find((r) => r.repo)?.repo ?? '(no package)');
    identifiers.set(affected, identifier);
  }
  const notes: string[] = [];
  const rangeEvidence: RangeEvidence[] = [];
  const verdict = (
    result: boolean | 'unknown',
    fields: Partial<
      Pick<AffectedEvidence, 'rule' | 'rangeIndex' | 'events' | 'matchedVersion' | 'reason' | 'detail'>
    >,
  ): AffectedVerdict => ({
    affected: result,
    evidence: {
      identifier,
      package: pkg,
      ecosystem,
      version,
      rule: fields.rule ?? null,
      rangeIndex: fields.rangeIndex ?? null,
      events: fields.events ?? [],
      matchedVersion: fields.matchedVersion ?? null,
      reason: fields.reason ?? null,
      detail: fields.detail ?? null,
      ranges: rangeEvidence,
      notes,
    },
  });

  if (pkg && !ecosystemsAgree(pkg.ecosystem, ecosystem)) {
    return verdict('unknown', {
      reason: 'ecosystem-mismatch',
      detail: `the entry is for "${pkg.ecosystem}", the component is in "${ecosystem}"`,
    });
  }
  // IncludedInVersions: exact string match.
  if (affected.versions.includes(version)) {
    return verdict(true, { rule: 'versions-list', matchedVersion: version });
  }
  if (affected.ranges.length === 0 && affected.versions.length === 0) {
    return verdict('unknown', {
      reason: 'no-ranges-or-versions',
      detail: 'the entry has neither ranges nor versions',
    });
  }

  const lookup = schemeForEcosystem(pkg?.ecosystem ?? ecosystem);
  let unknown: RangeEvidence | null = null;
  let git = false;
  let hit: RangeEvidence | null = null;
  for (const [index, range] of affected.ranges.entries()) {
    if (range.type === 'GIT') {
      git = true;
      rangeEvidence.push({
        rangeIndex: index,
        type: 'GIT',
        affected: 'unknown',
        scheme: null,
        fallback: false,
        events: [],
        reason: 'git-range-not-evaluable',
        detail: `needs the commit graph of ${range.repo ?? 'the repository'}`,
      });
      continue;
    }
    const scheme = range.type === 'SEMVER' ? semver : lookup.scheme;
    const fallback = range.type === 'SEMVER' ? false : lookup.fallback;
    const parsed = parseVersion(scheme, version);
    if (!parsed.ok) {
      const ev: RangeEvidence = {
        rangeIndex: index,
        type: range.type,
        affected: 'unknown',
        scheme: scheme.name,
        fallback,
        events: [],
        reason: 'version-unparseable',
        detail: `"${version}" is not a ${scheme.name} version: ${parsed.reason}`,
      };
      rangeEvidence.push(ev);
      unknown ??= ev;
      continue;
    }
    const ev = evaluateRange(index, range.type, range.events, scheme, fallback, parsed.value);
    rangeEvidence.push(ev);
    if (ev.affected === true) hit ??= ev;
    else if (ev.affected === 'unknown') unknown ??= ev;
  }
  if (lookup.fallback && affected.ranges.some((r) => r.type === 'ECOSYSTEM'))
    notes.push(lookup.reason ?? 'the generic fallback scheme ordered the versions');

  if (hit) {
    return verdict(true, {
      rule: hit.fallback ? 'fallback-scheme' : 'range',
      rangeIndex: hit.rangeIndex,
      events: hit.events,
    });
  }
  if (unknown) {
    return verdict('unknown', {
      rangeIndex: unknown.rangeIndex,
      events: unknown.events,
      reason: unknown.reason,
      detail: unknown.detail,
    });
  }
  if (git) {
    if (affected.versions.length === 0) {
      const first = rangeEvidence.find((r) => r.type === 'GIT')!;
      return verdict('unknown', {
        rangeIndex: first.rangeIndex,
        reason: 'git-range-not-evaluable',
        detail: first.detail,
      });
    }
    notes.push(
      'GIT ranges were not evaluated; the enumerated versions list stands for them (OSV schema, affected[].ranges[].type GIT)',
    );
  }
  const usedFallback = rangeEvidence.some((r) => r.fallback);
  const decider = rangeEvidence.find((r) => r.type !== 'GIT');
  return verdict(false, {
    rule: decider ? (usedFallback ? 'fallback-scheme' : 'range') : 'versions-list',
    rangeIndex: decider?.rangeIndex ?? null,
    events: decider?.events ?? [],
  });
}

/**
 * `evaluateAffected(...).affected` without building the evidence: the matcher asks this of every
 * entry of a package and builds the evidence only for the entries that affect the version or cannot
 * be evaluated (most entries do not affect it). Same decision, by the same parsing, limits and walk;
 * test/conformance/osv-advisories.test.ts compares the two on the whole OSV corpus.
 */
export function affectedDecision(
  affected: EvaluableAffected,
  ecosystem: string,
  version: string,
): boolean | 'unknown' {
  const pkg = affected.package;
  if (pkg && !ecosystemsAgree(pkg.ecosystem, ecosystem)) return 'unknown';
  if (affected.versions.includes(version)) return true;
  if (affected.ranges.length === 0 && affected.versions.length === 0) return 'unknown';
  const lookup = schemeForEcosystem(pkg?.ecosystem ?? ecosystem);
  let unknown = false;
  let git = false;
  for (const range of affected.ranges) {
    if (range.type === 'GIT') {
      git = true;
      continue;
    }
    const scheme = range.type === 'SEMVER' ? semver : lookup.scheme;
    const parsed = parseVersion(scheme, version);
    if (!parsed.ok) {
      unknown = true;
      continue;
    }
    const prepared = prepareRange(range.events, scheme);
    if (!prepared.ok) {
      unknown = true;
      continue;
    }
    const vs = versusPosition(scheme, parsed.value);
    if (beforeLimits(prepared.limits, vs) && walkEvents(prepared.sorted, vs).vulnerable) return true;
  }
  if (unknown) return 'unknown';
  if (git && affected.versions.length === 0) return 'unknown';
  return false;
}
