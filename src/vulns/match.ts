/**
 * The matcher: SBOM components against the local vulnerability database, through `VulnDbReader`
 * (no I/O of its own; docs/adr/0010-vulnerability-database.md).
 *
 * Per component:
 * - **purl** → OSV package (core/identity/osv-ecosystem.ts) → `packageRecordsIfKnown` (whether a
 *   record names the package, and the records' entries for it, src/vulndb/match-records.ts) → `evaluateAffected`
 *   (core/vulns/osv-range.ts) for every `affected[]` entry naming that package. Withdrawn records
 *   are ignored. Entries that say `unknown` (only GIT ranges, versions a scheme
 *   cannot read) are noted; when nothing at all could be evaluated the component is unevaluated
 *   (`git-range-only`, `version-unparseable`) rather than reported clean. A package no record names
 *   is not affected only when the database holds the ecosystem's advisories (`ecosystems()`): for an
 *   ecosystem it holds none of (not imported, or its feed failed) the component is unevaluated
 *   (`ecosystem-not-in-database`), since nothing was compared.
 * - **CPE** (components without a usable purl, when CPE matching is on for them, or for every
 *   component when `cpeWithPurl` asks) → `cvesForCpeProduct(vendor, product)` → NVD configurations:
 *   every `cpeMatch` with `vulnerable: true` is compared with the component's CPE (core/identity/
 *   cpe.ts `cpeMatches`, NISTIR 7696 name matching plus versionStart/End Including/Excluding). The
 *   versions are ordered by the component's ecosystem scheme when its purl names one, else by the
 *   generic scheme (evidence.fallback). Each finding has a confidence and an explanation:
 *   exact version in the criteria 1.0; range ordered by an ecosystem scheme 0.9, by the generic
 *   scheme 0.7; criteria matching every version 0.5; × 0.8 when the configuration also needs a
 *   platform mamori cannot check (AND configurations).
 * - Otherwise the component is unevaluated with the reason.
 *
 * Records of one vulnerability (ids linked through `idsOf`: OSV aliases, `advisoryAliases`) become one
 * finding with every id (canonical id: CVE > GHSA > smallest) and every record's evidence.
 * Severity: `critical` for a known malicious package (any id starts with `MAL-`, core/vulns/
 * malicious-package.ts; the evidence says so); else the best CVSS version (v4.0 > v3.1 > v3.0 > v2.0)
 * scored from its vector (the highest score of that version when sources disagree), else the
 * records' `database_specific.severity`, else `unknown`.
 */
import { headlineCvss } from '../core/vulns/cvss/headline.js';
import { cpeValueText, parseCpe, parseCpe23, cpeMatches, type Cpe } from '../core/identity/cpe.js';
import { osvPackageForPurl, type EcosystemMapping } from '../core/identity/osv-ecosystem.js';
import { parsePurl } from '../core/identity/purl.js';
import { generic } from '../core/versions/generic.js';
import { schemeForEcosystem } from '../core/versions/registry.js';
import type { VersionScheme } from '../core/versions/scheme.js';
import { eventKind, eventVersion, type OsvEvent } from '../core/vulns/advisory.js';
import { canonicalId } from '../core/vulns/aliases.js';
import { isMaliciousPackage, maliciousPackageReason } from '../core/vulns/malicious-package.js';
import type {
  ComponentIdentity,
  CvssSummary,
  Enrichment,
  EvaluatedComponent,
  Finding,
  FindingEvidence,
  MatchMethod,
  MatchResult,
  Severity,
  Unevaluated,
  UnevaluatedReason,
} from '../core/vulns/finding.js';
import { affectedDecision, evaluateAffected, type AffectedVerdict } from '../core/vulns/osv-range.js';
import type { NvdCpeMatch, NvdCve } from '../feeds/parse/nvd-cve.js';
import { baseEcosystem as ecosystemBase, normalisePackageName } from '../vulndb/keys.js';
import type { MatchAffected, PackageMatchRecord } from '../vulndb/match-records.js';
import type { VulnDbReader } from '../vulndb/reader.js';

export interface MatchOptions {
  /** Use CPE matching for every component with a CPE, whatever its `cpeMatching` flag says (`scan --cpe`). */
  readonly cpeMatching?: boolean;
  /** Also match by CPE components that have a usable purl (off by default: purl matching is exact, CPE is not). */
  readonly cpeWithPurl?: boolean;
}

/** Confidence of CPE findings (see the module comment). */
export const cpeConfidence = {
  exact: 1,
  rangeEcosystem: 0.9,
  rangeGeneric: 0.7,
  anyVersion: 0.5,
  platformFactor: 0.8,
} as const;

const severityRank: Readonly<Record<Severity, number>> = {
  unknown: -1,
  none: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** `a` is at least as severe as `b` (unknown counts below none). */
export function severityAtLeast(a: Severity, b: Severity): boolean {
  return severityRank[a] >= severityRank[b];
}

interface Hit {
  /** Made by this matcher, in order: a list of hits is identified by these numbers. */
  readonly seq: number;
  readonly recordId: string;
  readonly ids: readonly string[];
  readonly summary: string | null;
  readonly dbSeverity: Severity | null;
  readonly evidence: FindingEvidence;
  readonly fixed: readonly string[];
}

interface PackageEntry {
  readonly record: PackageMatchRecord;
  readonly affected: MatchAffected;
}

/** Hits of one component that are one vulnerability: their indexes, every id, and the record id when there is one hit. */
interface HitGroup {
  readonly members: readonly number[];
  readonly ids: readonly string[];
  readonly recordId: string | null;
  /** `ids` joined (the key of its GroupInfo) when the group merges several records, else ''. */
  readonly key: string;
}

/** A finding without its component: the same for every component with the same hits. */
type FindingTemplate = Omit<Finding, 'componentKey'>;

const noGroups: readonly HitGroup[] = Object.freeze([]);

/** Empty or only white space (tested without making a trimmed copy). */
const blank = /^\s*$/;

interface ComponentRun {
  readonly hits: Hit[];
  readonly notes: string[];
  readonly methods: MatchMethod[];
}

interface GroupInfo {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly enrichment: Enrichment;
  readonly cvssSeverity: Severity | null;
  /** One of the ids is an OSV malicious-package id (`MAL-…`): the finding is critical. */
  readonly malicious: boolean;
}

type Outcome =
  | { readonly evaluated: true }
  | { readonly evaluated: false; readonly reason: UnevaluatedReason; readonly detail: string };

const evaluatedOutcome: Outcome = { evaluated: true };

function unevaluated(reason: UnevaluatedReason, detail: string): Outcome {
  return { evaluated: false, reason, detail };
}

/**
 * Why a component of an ecosystem the vulnerability database holds no advisory for is not evaluated:
 * the same text for every component of the ecosystem.
 */
export function ecosystemNotInDatabaseDetail(ecosystem: string): string {
  return `the vulnerability database holds no advisories for the ${ecosystem} ecosystem, so nothing was compared (import them: \`mamori feeds sync --source osv --ecosystem ${ecosystem}\`, or \`mamori feeds import\` of its OSV files; a failed feeds sync leaves it out)`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describeEvents(events: readonly OsvEvent[]): string {
  return events.map((e) => `${eventKind(e)} ${eventVersion(e)}`).join(', ');
}

export class Matcher {
  /**
   * The database's answers about vulnerabilities (ids, enrichment), asked once per matcher: the same
   * vulnerability usually affects many components. A matcher is for one database state: make a new
   * one after an import (KEV and EPSS updates included).
   */
  private readonly idsCache = new Map<string, readonly string[]>();
  private readonly groupCache = new Map<string, GroupInfo>();
  private readonly recordGroupCache = new Map<string, GroupInfo>();
  private readonly entryCache = new Map<string, readonly PackageEntry[]>();
  /** Packages whose entries have been made once and not kept (see `packageEntries`). */
  private readonly entriesMadeOnce = new Set<string>();
  /** Hits made on an `affected[]` entry, by component identifier, ecosystem, name and version. */
  private readonly hitCache = new WeakMap<PackageEntry, Map<string, Hit>>();
  private hitSeq = 0;
  /** The entries of a purl's OSV package (null: no record names it), by the package object `purlCache` holds. */
  private readonly entriesOfPackage = new WeakMap<object, readonly PackageEntry[] | null>();
  /** A purl's version and OSV package (or why it has none), once per purl. */
  private readonly purlCache = new Map<
    string,
    { readonly version: string | null; readonly mapping: EcosystemMapping | null; readonly problem: Outcome | null }
  >();
  /**
   * Groups of a component's hits, by its hits (shared objects, see `osv`), and the findings of each
   * groups list without the component: a package version in many releases (or scanned again) is
   * grouped and turned into findings once per matcher.
   */
  private readonly singleHitGroups = new WeakMap<Hit, readonly HitGroup[]>();
  private readonly hitGroups = new Map<string, readonly HitGroup[]>();
  private readonly findingTemplates = new WeakMap<readonly HitGroup[], readonly FindingTemplate[]>();
  /** The ecosystems the database holds advisories for (`VulnDbReader.ecosystems`), asked once. */
  private heldEcosystems: ReadonlySet<string> | undefined;

  constructor(
    private readonly reader: VulnDbReader,
    private readonly options: MatchOptions = {},
  ) {}

  match(components: readonly ComponentIdentity[]): MatchResult {
    return this.reader.snapshot
      ? this.reader.snapshot(() => this.matchAll(components))
      : this.matchAll(components);
  }

  private matchAll(components: readonly ComponentIdentity[]): MatchResult {
    const findings: Finding[] = [];
    const unevaluatedList: Unevaluated[] = [];
    const evaluatedList: EvaluatedComponent[] = [];
    let evaluations = 0;
    // 1. Evaluate every component.
    const seqBefore = this.hitSeq;
    const runs: { readonly c: ComponentIdentity; readonly run: ComponentRun; readonly outcome: Outcome }[] =
      [];
    for (const c of components) {
      const run: ComponentRun = { hits: [], notes: [], methods: [] };
      runs.push({ c, run, outcome: this.component(c, run) });
      evaluations += run.methods.length;
    }
    // Hits all made by earlier calls have had their ids and enrichment asked for then: the batches
    // below are only for new ones (they save round trips; the answers are the same without them).
    const newHits = this.hitSeq !== seqBefore;
    // 2. The ids of every record hit, asked of the database in one batch when it can.
    if (newHits && this.reader.idsOfMany) {
      const ask = new Set<string>();
      for (const { run } of runs)
        for (const h of run.hits) if (!this.idsCache.has(h.recordId)) ask.add(h.recordId);
      if (ask.size > 0) this.reader.idsOfMany([...ask]);
    }
    // 3. Hits → vulnerabilities per component; then their enrichment, in one batch when it can.
    const grouped = runs.map(({ run, outcome }) => (outcome.evaluated ? this.groupsOf(run.hits) : noGroups));
    if (newHits && this.reader.enrichmentMany) {
      const ask = new Map<string, readonly string[]>();
      for (const groups of grouped)
        for (const g of groups) {
          const cached =
            g.recordId !== null ? this.recordGroupCache.has(g.recordId) : this.groupCache.has(g.key);
          if (!cached) ask.set(g.recordId ?? g.key, g.ids);
        }
      if (ask.size > 0) this.reader.enrichmentMany([...ask.values()]);
    }
    // 4. Findings.
    runs.forEach(({ c, run, outcome }, i) => {
      if (!outcome.evaluated) {
        unevaluatedList.push({ componentKey: c.key, reason: outcome.reason, detail: outcome.detail });
        return;
      }
      const merged = this.findingsOf(c.key, run.hits, grouped[i]!);
      for (const f of merged) findings.push(f);
      evaluatedList.push({
        componentKey: c.key,
        methods: run.methods,
        findings: merged.length,
        notes: run.notes,
      });
    });
    return { findings, unevaluated: unevaluatedList, evaluated: evaluatedList, evaluations };
  }

  private component(c: ComponentIdentity, run: ComponentRun): Outcome {
    const cpeOn = this.options.cpeMatching === true || c.cpeMatching;
    let purlProblem: Outcome | null = null;
    let mapping: EcosystemMapping | null = null;
    let purlVersion: string | null = null;
    if (c.purl !== null && !blank.test(c.purl)) {
      const source = c.sourcePackage ?? null;
      const cacheKey = source === null ? c.purl : `${c.purl}\u0000${source.name}\u0000${source.version ?? ''}`;
      let read = this.purlCache.get(cacheKey);
      if (!read) {
        const parsed = parsePurl(c.purl);
        if (!parsed.ok)
          read = {
            version: null,
            mapping: null,
            problem: unevaluated('purl-invalid', `"${c.purl}" is not a valid purl: ${parsed.reason}`),
          };
        else {
          const m = osvPackageForPurl(parsed.purl, source);
          read = {
            version: m.ok && m.version !== undefined ? m.version : parsed.purl.version,
            mapping: m,
            problem: m.ok ? null : unevaluated('ecosystem-unsupported', m.reason),
          };
        }
        if (this.purlCache.size > 200_000) this.purlCache.clear();
        this.purlCache.set(cacheKey, read);
      }
      purlVersion = read.version;
      mapping = read.mapping;
      purlProblem = read.problem;
    }
    if (mapping?.ok) {
      const osv = this.osv(
        c,
        mapping.package,
        purlVersion ?? c.version,
        mapping.notes,
        run,
        mapping.via,
      );
      if (!(cpeOn && (this.options.cpeWithPurl === true || c.cpeWithPurl === true) && c.cpe !== null)) return osv;
      const cpe = this.cpe(c, c.cpe, mapping.package.ecosystem, run);
      return osv.evaluated || cpe.evaluated ? evaluatedOutcome : osv;
    }
    if (c.cpe !== null && c.cpe.trim() !== '') {
      if (cpeOn) {
        if (purlProblem && !purlProblem.evaluated)
          run.notes.push(`purl not usable (${purlProblem.detail}); matched by CPE`);
        return this.cpe(c, c.cpe, null, run);
      }
      if (purlProblem)
        return purlProblem.evaluated
          ? purlProblem
          : unevaluated(
              purlProblem.reason,
              `${purlProblem.detail}; the component has a CPE but CPE matching is off for it`,
            );
      return unevaluated(
        'cpe-matching-off',
        `only a CPE (${c.cpe}) identifies the component and CPE matching is off for it (switch it on for the component or product; mamori scan: --cpe-matching without_purl or all)`,
      );
    }
    return purlProblem ?? unevaluated('no-identifier', 'the component has neither a purl nor a CPE');
  }

  private osv(
    c: ComponentIdentity,
    pkg: { readonly ecosystem: string; readonly name: string },
    version: string | null,
    mappingNotes: readonly string[],
    run: ComponentRun,
    via?: string,
  ): Outcome {
    const { ecosystem, name } = pkg;
    const identifier = c.purl ?? `${ecosystem}/${name}`;
    if (version === null || blank.test(version))
      return unevaluated(
        'no-version',
        `${identifier} has no version (neither in the purl nor on the component)`,
      );
    run.methods.push('osv-purl');
    let entries = this.entriesOfPackage.get(pkg);
    const base = ecosystemBase(ecosystem);
    if (entries === undefined) {
      const key = normalisePackageName(ecosystem, name);
      entries = this.packageEntries(base, key);
      // Entries are kept only once packageEntries keeps them (a package asked for again).
      if (entries === null || this.entryCache.get(`${base}\u0000${key}`) === entries) this.entriesOfPackage.set(pkg, entries);
    }
    if (entries === null) {
      // No record names the package. That says "not affected" only when the database holds the
      // ecosystem's advisories; without any (none imported, or its feed failed) nothing was compared.
      this.heldEcosystems ??= this.reader.ecosystems();
      if (this.heldEcosystems.has(base)) return evaluatedOutcome;
      return unevaluated('ecosystem-not-in-database', ecosystemNotInDatabaseDetail(base));
    }
    if (mappingNotes.length > 0) run.notes.push(...mappingNotes);
    let decided = 0;
    let gitOnly = 0;
    let hitKey: string | undefined;
    let unparseable: string | null = null;
    for (const entry of entries) {
      const { record, affected } = entry;
      // The decision first; the evidence only for the entries that need it (a hit not made yet, or
      // the reason an entry could not be evaluated).
      const decision = affectedDecision(affected, ecosystem, version);
      if (decision === false) {
        decided++;
        continue;
      }
      // The same package version in many releases makes the same hit: built once, shared (hits are
      // never changed after they are made), so findings of equal content share their evidence.
      let byComponent = this.hitCache.get(entry);
      hitKey ??= `${identifier}\u0000${ecosystem}\u0000${name}\u0000${version}`;
      if (decision === true) {
        const known = byComponent?.get(hitKey);
        if (known) {
          decided++;
          run.hits.push(known);
          continue;
        }
      }
      const verdict = evaluateAffected(affected, ecosystem, version);
      if (verdict.affected === 'unknown') {
        const reason = verdict.evidence.reason;
        if (reason === 'ecosystem-mismatch') continue; // another release of the distribution
        const pkg = affected.package;
        if (reason === 'git-range-not-evaluable') {
          gitOnly++;
          run.notes.push(
            `${record.id}: only GIT ranges for ${pkg.ecosystem}/${pkg.name}; not evaluable without the commit graph`,
          );
        } else {
          unparseable ??= verdict.evidence.detail ?? reason;
          run.notes.push(
            `${record.id}: not evaluated (${reason}${verdict.evidence.detail ? `: ${verdict.evidence.detail}` : ''})`,
          );
        }
        continue;
      }
      decided++;
      if (verdict.affected) {
        if (!byComponent) this.hitCache.set(entry, (byComponent = new Map<string, Hit>()));
        const hit = this.osvHit(entry, identifier, ecosystem, name, version, verdict, via);
        byComponent.set(hitKey, hit);
        run.hits.push(hit);
      }
    }
    if (decided === 0 && gitOnly > 0 && unparseable === null)
      return unevaluated(
        'git-range-only',
        `every advisory for ${ecosystem}/${name} (${gitOnly}) has only GIT ranges, which need the commit graph`,
      );
    if (decided === 0 && unparseable !== null) return unevaluated('version-unparseable', unparseable);
    return evaluatedOutcome;
  }

  /**
   * The `affected[]` entries of non-withdrawn records that name this package (null when no record
   * names it), kept from the second
   * time the package is asked for: a scan asks for most packages once, and keeping what it will not
   * ask for again only makes the garbage collector copy it (the database's records likewise).
   */
  private packageEntries(base: string, key: string): readonly PackageEntry[] | null {
    const cacheKey = `${base}\u0000${key}`;
    let entries = this.entryCache.get(cacheKey);
    if (entries === undefined) {
      const records = this.reader.packageRecordsIfKnown(base, key);
      if (records === null) return null;
      const list: PackageEntry[] = [];
      for (const record of records) for (const affected of record.affected) list.push({ record, affected });
      entries = list;
      if (this.entriesMadeOnce.has(cacheKey)) this.entryCache.set(cacheKey, entries);
      else this.entriesMadeOnce.add(cacheKey);
    }
    return entries;
  }

  private osvHit(
    entry: PackageEntry,
    identifier: string,
    ecosystem: string,
    name: string,
    version: string,
    verdict: AffectedVerdict,
    via?: string,
  ): Hit {
    const { record } = entry;
    const ev = verdict.evidence;
    const range =
      ev.rangeIndex === null ? null : (ev.ranges.find((r) => r.rangeIndex === ev.rangeIndex) ?? null);
    const scheme = range?.scheme ?? null;
    const fallback = range?.fallback ?? false;
    const explanation =
      ev.rule === 'versions-list'
        ? `${version} is listed in the versions of ${record.id}`
        : `${version} is inside the ${range?.type ?? ''} range of ${record.id} (${describeEvents(ev.events)}), ordered by the ${scheme ?? 'unknown'} scheme` +
          (fallback ? ' — a generic fallback ordering, a best guess for this ecosystem' : '');
    const notes = [...(via === undefined ? [] : [via]), ...ev.notes].map((n) => `; ${n}`).join('');
    // The fixes that decided, in every range of the entry (a fix on another branch is still a fix).
    // A version found in the enumerated list is decided without the ranges; they are evaluated here
    // all the same, for where the version was fixed (PyPI and GHSA records list their versions).
    const ranges =
      ev.rule === 'versions-list' && entry.affected.ranges.some((r) => r.type !== 'GIT')
        ? evaluateAffected({ ...entry.affected, versions: [] }, ecosystem, version).evidence.ranges
        : ev.ranges;
    const fixed = new Set<string>();
    for (const e of ev.events) if (eventKind(e) === 'fixed') fixed.add(eventVersion(e));
    for (const r of ranges)
      for (const e of r.events) if (eventKind(e) === 'fixed') fixed.add(eventVersion(e));
    return {
      seq: this.hitSeq++,
      recordId: record.id,
      ids: record.ids,
      summary: record.summary,
      dbSeverity: record.severityWord,
      fixed: [...fixed],
      evidence: {
        method: 'osv-purl',
        identifier,
        ecosystem,
        package: name,
        recordId: record.id,
        rule: ev.rule ?? 'range',
        scheme,
        fallback,
        range: range?.type ?? null,
        events: ev.events,
        confidence: 1,
        explanation: explanation + notes,
      },
    };
  }

  private cpe(c: ComponentIdentity, text: string, ecosystem: string | null, run: ComponentRun): Outcome {
    const parsed = parseCpe(text);
    if (!parsed.ok)
      return unevaluated('cpe-invalid', `"${text}" is not a valid CPE: ${parsed.error.message}`);
    let candidate: Cpe = parsed.value;
    const vendor = cpeValueText(candidate.vendor);
    const product = cpeValueText(candidate.product);
    if (vendor === undefined || product === undefined || /[*?]/.test(`${vendor}${product}`))
      return unevaluated('cpe-invalid', `"${text}" needs a concrete vendor and product to be matched`);
    let version = cpeValueText(candidate.version);
    if (
      version === undefined ||
      version === '-' ||
      /(^|[^\\])[*?]/.test(candidate.version.kind === 'value' ? candidate.version.wfn : '')
    ) {
      if (c.version === null || c.version.trim() === '')
        return unevaluated(
          'no-version',
          `neither the CPE "${text}" nor the component has a concrete version`,
        );
      const wfnVersion = c.version.replace(/[^A-Za-z0-9_]/g, (ch) => `\\${ch}`);
      candidate = { ...candidate, version: { kind: 'value', wfn: wfnVersion } };
      version = c.version;
      run.notes.push(`the CPE has no version; the component version ${c.version} was used`);
    }
    run.methods.push('nvd-cpe');
    const lookup = ecosystem === null ? null : schemeForEcosystem(ecosystem);
    const scheme: VersionScheme = lookup && !lookup.fallback ? lookup.scheme : generic;
    const fallback = scheme === generic;
    const parsedCache = new Map<string, unknown>();
    const parse = (v: string): unknown => {
      if (!parsedCache.has(v)) {
        const p = scheme.parse(v);
        parsedCache.set(v, p.ok ? p.value : undefined);
      }
      return parsedCache.get(v);
    };
    const compare = (a: string, b: string): number | undefined => {
      const pa = parse(a);
      const pb = parse(b);
      return pa === undefined || pb === undefined ? undefined : scheme.compare(pa, pb);
    };
    const formatted = text;
    for (const cve of this.reader.cvesForCpeProduct(vendor.toLowerCase(), product.toLowerCase())) {
      if (cve.vulnStatus === 'Rejected') continue;
      const hit = this.cveHit(cve, candidate, formatted, version, compare, scheme.name, fallback);
      if (hit) run.hits.push(hit);
    }
    return evaluatedOutcome;
  }

  private cveHit(
    cve: NvdCve,
    candidate: Cpe,
    identifier: string,
    version: string,
    compare: (a: string, b: string) => number | undefined,
    schemeName: string,
    fallback: boolean,
  ): Hit | null {
    let best: {
      confidence: number;
      match: NvdCpeMatch;
      reason: string;
      rule: string;
      bounds: string;
      platforms: string[];
    } | null = null;
    for (const config of cve.configurations) {
      if (config.negate) continue;
      for (const node of config.nodes) {
        if (node.negate) continue;
        for (const m of node.cpeMatch) {
          if (!m.vulnerable) continue;
          const verdict = cpeMatches(m.criteria, m, candidate, compare);
          if (!verdict.matches) continue;
          const hasBounds =
            m.versionStartIncluding !== undefined ||
            m.versionStartExcluding !== undefined ||
            m.versionEndIncluding !== undefined ||
            m.versionEndExcluding !== undefined;
          const criteria = parseCpe23(m.criteria);
          const criteriaVersion = criteria.ok ? criteria.value.version : null;
          let confidence: number;
          let rule: string;
          if (hasBounds && criteriaVersion?.kind === 'ANY') {
            confidence = fallback ? cpeConfidence.rangeGeneric : cpeConfidence.rangeEcosystem;
            rule = 'cpe-range';
          } else if (criteriaVersion?.kind === 'value' && !/[*?]/.test(criteriaVersion.wfn)) {
            confidence = cpeConfidence.exact;
            rule = 'cpe-exact';
          } else {
            confidence = cpeConfidence.anyVersion;
            rule = 'cpe-range';
          }
          // AND configurations: the other nodes (platforms, companions) cannot be checked from one component.
          const platforms = [
            ...(config.operator === 'AND'
              ? config.nodes.filter((n) => n !== node).flatMap((n) => n.cpeMatch.map((x) => x.criteria))
              : []),
            ...(node.operator === 'AND' ? node.cpeMatch.filter((x) => x !== m).map((x) => x.criteria) : []),
          ];
          if (platforms.length > 0) confidence *= cpeConfidence.platformFactor;
          if (!best || confidence > best.confidence)
            best = { confidence, match: m, reason: verdict.reason, rule, bounds: boundsText(m), platforms };
        }
      }
    }
    if (!best) return null;
    const parts = [
      `${identifier} matches ${best.match.criteria}${best.bounds ? ` (${best.bounds})` : ''} in the NVD configurations of ${cve.id}: ${best.reason}`,
      best.rule === 'cpe-range'
        ? `versions ordered by the ${schemeName} scheme${fallback ? ' (generic fallback: a best guess)' : ''}`
        : `exact version ${version}`,
    ];
    if (best.platforms.length > 0)
      parts.push(
        `the configuration also requires ${best.platforms.slice(0, 5).join(', ')}${best.platforms.length > 5 ? ', …' : ''}, which mamori cannot check from this component`,
      );
    const fixed = best.match.versionEndExcluding !== undefined ? [best.match.versionEndExcluding] : [];
    return {
      seq: this.hitSeq++,
      recordId: cve.id,
      ids: [cve.id],
      summary: cve.descriptions.find((d) => d.lang === 'en')?.value ?? cve.descriptions[0]?.value ?? null,
      dbSeverity: null,
      fixed,
      evidence: {
        method: 'nvd-cpe',
        identifier,
        ecosystem: null,
        package: null,
        recordId: cve.id,
        rule: best.rule,
        scheme: best.rule === 'cpe-range' ? schemeName : null,
        fallback: best.rule === 'cpe-range' && fallback,
        range: best.bounds === '' ? 'cpe' : `cpe ${best.bounds}`,
        events: [],
        confidence: Math.round(best.confidence * 100) / 100,
        explanation: parts.join('; '),
      },
    };
  }

  /** Every id of a record's vulnerability (its own ids and the database's alias graph), sorted; once per record. */
  private recordIds(h: Hit): readonly string[] {
    let ids = this.idsCache.get(h.recordId);
    if (ids === undefined) {
      const set = new Set<string>(h.ids);
      for (const id of this.reader.idsOf(h.recordId)) set.add(id);
      set.delete('');
      ids = [...set].sort(compareText);
      this.idsCache.set(h.recordId, ids);
    }
    return ids;
  }

  /** Hits of one component → groups of hits sharing any id (one group per vulnerability). */
  /** `group`, once per list of hits. */
  private groupsOf(hits: readonly Hit[]): readonly HitGroup[] {
    if (hits.length === 0) return noGroups;
    if (hits.length === 1) {
      const h = hits[0]!;
      let groups = this.singleHitGroups.get(h);
      if (!groups) this.singleHitGroups.set(h, (groups = this.group(hits)));
      return groups;
    }
    let key = '';
    for (const h of hits) key += `${h.seq},`;
    let groups = this.hitGroups.get(key);
    if (!groups) {
      if (this.hitGroups.size > 200_000) this.hitGroups.clear();
      this.hitGroups.set(key, (groups = this.group(hits)));
    }
    return groups;
  }

  private group(hits: readonly Hit[]): HitGroup[] {
    if (hits.length === 0) return [];
    if (hits.length === 1)
      return [{ members: [0], ids: this.recordIds(hits[0]!), recordId: hits[0]!.recordId, key: '' }];
    // Union of hits sharing any id (every id from the database's alias graph and the record itself).
    const groupOfId = new Map<string, number>();
    const parent: number[] = [];
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const idSets = hits.map((h, i) => {
      parent.push(i);
      const ids = this.recordIds(h);
      for (const id of ids) {
        const other = groupOfId.get(id);
        if (other === undefined) groupOfId.set(id, i);
        else {
          const a = find(other);
          const b = find(i);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
      return ids;
    });
    const groups = new Map<number, number[]>();
    hits.forEach((_, i) => {
      const root = find(i);
      const list = groups.get(root);
      if (list) list.push(i);
      else groups.set(root, [i]);
    });
    const out: HitGroup[] = [];
    for (const members of groups.values()) {
      if (members.length === 1) {
        out.push({ members, ids: idSets[members[0]!]!, recordId: hits[members[0]!]!.recordId, key: '' });
        continue;
      }
      const ids = new Set<string>();
      for (const i of members) for (const id of idSets[i]!) ids.add(id);
      const sorted = [...ids].sort(compareText);
      out.push({ members, ids: sorted, recordId: null, key: sorted.join('\u0000') });
    }
    return out;
  }

  /** One finding per group of hits (`groups` as `groupsOf` gives them for `hits`). */
  private findingsOf(componentKey: string, hits: readonly Hit[], groups: readonly HitGroup[]): Finding[] {
    let templates = this.findingTemplates.get(groups);
    if (!templates) this.findingTemplates.set(groups, (templates = this.findingTemplatesOf(hits, groups)));
    return templates.map((t) => ({
      componentKey,
      vulnerabilityId: t.vulnerabilityId,
      aliases: t.aliases,
      summary: t.summary,
      severity: t.severity,
      enrichment: t.enrichment,
      fixedVersions: t.fixedVersions,
      evidence: t.evidence,
    }));
  }

  private findingTemplatesOf(hits: readonly Hit[], groups: readonly HitGroup[]): FindingTemplate[] {
    const out: FindingTemplate[] = [];
    for (const { members, ids: sorted, recordId } of groups) {
      const info = this.groupInfo(recordId, sorted);
      const id = info.id;
      if (members.length === 1) {
        // One record, one hit: the common case, without the merging below.
        const h = hits[members[0]!]!;
        out.push({
          vulnerabilityId: id,
          aliases: info.aliases,
          summary: h.summary,
          severity: info.malicious ? 'critical' : (info.cvssSeverity ?? h.dbSeverity ?? 'unknown'),
          enrichment: info.enrichment,
          fixedVersions: [...new Set(h.fixed)],
          evidence: info.malicious ? [maliciousEvidence(h.evidence, sorted)] : [h.evidence],
        });
        continue;
      }
      const memberHits = members
        .map((i) => hits[i]!)
        .sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
      const canonicalHit = memberHits.find((h) => h.recordId === id) ?? memberHits[0]!;
      const fixed = new Set<string>();
      for (const h of memberHits) for (const f of h.fixed) fixed.add(f);
      const evidence: FindingEvidence[] = [];
      const seen = new Set<string>();
      if (memberHits.length === 1) evidence.push(memberHits[0]!.evidence);
      else
        for (const h of memberHits) {
          const key = `${h.evidence.method}|${h.evidence.recordId}|${h.evidence.rule}|${h.evidence.range ?? ''}|${describeEvents(h.evidence.events)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          evidence.push(h.evidence);
        }
      out.push({
        vulnerabilityId: id,
        aliases: info.aliases,
        summary: canonicalHit.summary ?? memberHits.find((h) => h.summary !== null)?.summary ?? null,
        severity: info.malicious ? 'critical' : (info.cvssSeverity ?? this.wordSeverity(memberHits)),
        enrichment: info.enrichment,
        fixedVersions: [...fixed],
        evidence: info.malicious ? evidence.map((e) => maliciousEvidence(e, sorted)) : evidence,
      });
    }
    return out.sort((a, b) =>
      a.vulnerabilityId < b.vulnerabilityId ? -1 : a.vulnerabilityId > b.vulnerabilityId ? 1 : 0,
    );
  }

  /** Canonical id, aliases, enrichment and CVSS severity of a set of ids; cached (by record id for a single record). */
  private groupInfo(recordId: string | null, sorted: readonly string[]): GroupInfo {
    const key = recordId ?? sorted.join('\u0000');
    const cache = recordId === null ? this.groupCache : this.recordGroupCache;
    let info = cache.get(key);
    if (info === undefined) {
      const id = canonicalId(sorted);
      const enrichment = this.reader.enrichment(sorted);
      info = {
        id,
        aliases: sorted.filter((x) => x !== id),
        enrichment,
        cvssSeverity: this.cvssSeverity(enrichment.cvss),
        malicious: isMaliciousPackage(sorted),
      };
      cache.set(key, info);
    }
    return info;
  }

  /**
   * The best CVSS version (v4.0 > v3.1 > v3.0 > v2.0), the highest score of that version. A reader's
   * summaries are scored from their vectors (src/vulns/cvss.ts; the database stores them scored,
   * src/vulndb/alias-groups.ts), so they are not scored again here: that was 300 ms of the benchmark
   * scan once the database stopped scoring at scan time. A summary of unknown severity is left out.
   */
  private cvssSeverity(cvss: readonly CvssSummary[]): Severity | null {
    return headlineCvss(cvss)?.severity ?? null;
  }

  /** Without CVSS: the highest severity word of the records (`database_specific.severity`, Ubuntu priority), else unknown. */
  private wordSeverity(hits: readonly Hit[]): Severity {
    let word: Severity | null = null;
    for (const h of hits)
      if (h.dbSeverity && (word === null || severityRank[h.dbSeverity] > severityRank[word]))
        word = h.dbSeverity;
    return word ?? 'unknown';
  }
}

/** A malicious package's evidence says why its finding is critical (a copy: hits are shared and never changed). */
function maliciousEvidence(evidence: FindingEvidence, ids: readonly string[]): FindingEvidence {
  return { ...evidence, explanation: `${evidence.explanation}; ${maliciousPackageReason(ids)}` };
}

/** Text of an NVD cpeMatch's version bounds (`>= 1.0, < 2.0`), empty when it has none. */
function boundsText(m: NvdCpeMatch): string {
  const parts: string[] = [];
  if (m.versionStartIncluding !== undefined) parts.push(`>= ${m.versionStartIncluding}`);
  if (m.versionStartExcluding !== undefined) parts.push(`> ${m.versionStartExcluding}`);
  if (m.versionEndIncluding !== undefined) parts.push(`<= ${m.versionEndIncluding}`);
  if (m.versionEndExcluding !== undefined) parts.push(`< ${m.versionEndExcluding}`);
  return parts.join(', ');
}

/** Matches components against the database. Every component ends up in `evaluated` or `unevaluated`, once. */
export function matchComponents(
  reader: VulnDbReader,
  components: readonly ComponentIdentity[],
  options: MatchOptions = {},
): MatchResult {
  return new Matcher(reader, options).match(components);
}
