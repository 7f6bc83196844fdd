/**
 * The contract between the vulnerability database (src/vulndb), the matcher (src/vulns/match.ts), the scan
 * command and the findings kept per release (src/services/findings.ts). Types only.
 *
 * A component is either evaluated (zero or more findings) or unevaluated with a reason: the matcher
 * never skips a component silently.
 */
import type { OsvEvent } from './advisory.js';

/** What the matcher needs to know about one SBOM component. */
export interface ComponentIdentity {
  /** Stable key within one scan (SBOM bom-ref, or the stored component id). */
  readonly key: string;
  readonly bomRef: string | null;
  readonly name: string;
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /** CPE matching was switched on for this component (or its product). */
  readonly cpeMatching: boolean;
  /** Also match by CPE when the component has a usable purl (its product's setting `all`). */
  readonly cpeWithPurl?: boolean;
  /**
   * The source package the component is built from, when the SBOM says so outside the purl
   * (`mamori:lockfile:source-package` / `-source-version` properties): a deb purl without an
   * `upstream` qualifier is matched by it (core/identity/osv-ecosystem.ts `withSourcePackage`).
   */
  readonly sourcePackage?: { readonly name: string; readonly version: string | null } | null;
}

/**
 * CPE matching per product: `off` — never; `without_purl` (the default) — components that have a CPE
 * but no usable purl (embedded OS, RTOS, firmware, commercial software); `all` — every component
 * with a CPE, also those matched through OSV by their purl (CPE findings carry a confidence).
 */
export const cpeMatchingModes = ['off', 'without_purl', 'all'] as const;
export type CpeMatchingMode = (typeof cpeMatchingModes)[number];
export const defaultCpeMatching: CpeMatchingMode = 'without_purl';

/**
 * A component's own CPE switch, overriding its product's mode: `on` — match it by its CPE (also when
 * it has a usable purl); `off` — never. Keyed by `componentMatchKey`, so it holds in every release.
 */
export const componentCpeOverrides = ['on', 'off'] as const;
export type ComponentCpeOverride = (typeof componentCpeOverrides)[number];

/** The name an override is kept under: `group/name` when the component has a group, else `name` (no version). */
export function componentMatchKey(c: { readonly group: string | null; readonly name: string }): string {
  return c.group ? `${c.group}/${c.name}` : c.name;
}

/** The matcher's per-component CPE switches under a product's mode and the component's override, if any. */
export function cpeSwitches(
  mode: CpeMatchingMode,
  c: { readonly purl: string | null; readonly cpe: string | null },
  override: ComponentCpeOverride | null = null,
): { cpeMatching: boolean; cpeWithPurl: boolean } {
  if (override === 'off' || c.cpe === null) return { cpeMatching: false, cpeWithPurl: false };
  if (override === 'on') return { cpeMatching: true, cpeWithPurl: true };
  if (mode === 'off') return { cpeMatching: false, cpeWithPurl: false };
  // The matcher uses the CPE of a `without_purl` component only when its purl is missing or unusable.
  return { cpeMatching: true, cpeWithPurl: mode === 'all' };
}

export type MatchMethod = 'osv-purl' | 'nvd-cpe';

/** Why a finding was made: the identifier used, the record and range that decided, the rule. */
export interface FindingEvidence {
  readonly method: MatchMethod;
  /** The identifier looked up: `pkg:npm/lodash@4.17.20`, or a CPE 2.3 name. */
  readonly identifier: string;
  /** OSV ecosystem and normalised package name used for the lookup (null for CPE). */
  readonly ecosystem: string | null;
  readonly package: string | null;
  /** The advisory record that matched (OSV id or CVE id for NVD). */
  readonly recordId: string;
  /** `range`, `versions-list`, `fallback-scheme` (OSV), or `cpe-range` / `cpe-exact` (NVD). */
  readonly rule: string;
  /** Version scheme that ordered the versions (`semver`, `pep440`, … or `generic` — then `fallback` is true). */
  readonly scheme: string | null;
  readonly fallback: boolean;
  /** Range type (SEMVER/ECOSYSTEM) or `cpe`; the deciding events (OSV) or the CPE bounds text. */
  readonly range: string | null;
  readonly events: readonly OsvEvent[];
  /** 0–1 for CPE matches (1 for purl matches), with the reason in `explanation`. */
  readonly confidence: number;
  readonly explanation: string;
}

export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';
export const severities: readonly Severity[] = ['none', 'low', 'medium', 'high', 'critical', 'unknown'];

export interface CvssSummary {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly vector: string;
  readonly baseScore: number;
  readonly severity: Severity;
  readonly source: string;
}

export interface Enrichment {
  readonly cvss: readonly CvssSummary[];
  readonly epss: { readonly score: number; readonly percentile: number; readonly date: string } | null;
  readonly kev: { readonly dateAdded: string; readonly dueDate: string | null; readonly ransomware: boolean } | null;
}

export interface Finding {
  readonly componentKey: string;
  /** Canonical id (CVE > GHSA > other) and every other id of the same vulnerability, sorted. */
  readonly vulnerabilityId: string;
  readonly aliases: readonly string[];
  readonly summary: string | null;
  readonly severity: Severity;
  readonly enrichment: Enrichment;
  readonly fixedVersions: readonly string[];
  /** One entry per record that matched (several records may describe the same vulnerability). */
  readonly evidence: readonly FindingEvidence[];
}

export type UnevaluatedReason =
  | 'no-identifier'
  | 'no-version'
  | 'purl-invalid'
  | 'ecosystem-unsupported'
  | 'cpe-matching-off'
  | 'cpe-invalid'
  | 'version-unparseable'
  | 'git-range-only'
  /**
   * The vulnerability database holds no advisory at all for the component's OSV ecosystem (none
   * imported, or its feed failed): nothing was compared, which is not "no vulnerabilities".
   */
  | 'ecosystem-not-in-database';

export interface Unevaluated {
  readonly componentKey: string;
  readonly reason: UnevaluatedReason;
  readonly detail: string;
}

/** A component the matcher did evaluate (with or without findings), and what it noted on the way. */
export interface EvaluatedComponent {
  readonly componentKey: string;
  readonly methods: readonly MatchMethod[];
  readonly findings: number;
  /** Records that could not be evaluated (GIT-only ranges, unparseable versions), fallback orderings, mapping notes. */
  readonly notes: readonly string[];
}

export interface MatchResult {
  readonly findings: readonly Finding[];
  readonly unevaluated: readonly Unevaluated[];
  /** Every component not in `unevaluated`, in input order: together the two cover every component once. */
  readonly evaluated: readonly EvaluatedComponent[];
  /** Component evaluations made (components × lookups), for the benchmark. */
  readonly evaluations: number;
}
