/**
 * mamori's findings in Dependency-Track's words, for the DT-compatible API that CI plugins read
 * (`GET /api/v1/finding/project/{uuid}`, `GET /api/v1/metrics/project/{uuid}/current`;
 * src/server/routes/dependency-track.ts). Pure tables and counts; the service fills them in.
 *
 * Analysis state (DT's AnalysisState) and suppression of the triage decision that applies to a
 * finding (own, carried forward or component-wide; CycloneDX analysis.state):
 *
 *   mamori decision          DT state         isSuppressed
 *   (none: undecided)        NOT_SET          false
 *   in_triage                IN_TRIAGE        false
 *   exploitable              EXPLOITABLE      false
 *   false_positive           FALSE_POSITIVE   true
 *   not_affected             NOT_AFFECTED     true
 *   resolved                 RESOLVED         true
 *   resolved_with_pedigree   RESOLVED         true
 *
 * The states are DT's own conversion of CycloneDX states (ModelConverter), and suppression is DT's
 * own rule when it imports a CycloneDX VEX (CycloneDxVexImporter: FALSE_POSITIVE, NOT_AFFECTED and
 * RESOLVED are suppressed), which are also the decisions mamori's triage counts as closed
 * (core/triage/priority.ts `closedStates`). DT has no state for resolved_with_pedigree (its
 * converter reads it as NOT_SET); it means resolved, the pedigree showing the fix, so it is RESOLVED.
 *
 * Severity (DT's Severity, in DT's order: `severityRank` is the position): critical → CRITICAL,
 * high → HIGH, medium → MEDIUM, low → LOW, none (CVSS 0.0) → INFO, unknown → UNASSIGNED.
 *
 * Metrics follow DT's metrics tasks (ComponentMetricsUpdateTask, ProjectMetricsUpdateTask): the
 * severities count the unsuppressed findings, INFO counted as low; `vulnerabilities` and
 * `findingsTotal` are the unsuppressed findings (mamori's finding is already one per vulnerability,
 * aliases merged, as DT's alias check makes it); `findingsAudited` the unsuppressed ones in a state
 * other than NOT_SET and IN_TRIAGE; `suppressed` the suppressed ones; `inheritedRiskScore` is DT's
 * critical × 10 + high × 5 + medium × 3 + low × 1 + unassigned × 5. mamori has no DT policies: every
 * policy violation count is 0.
 */
import type { VexState } from '../vex/model.js';
import type { Severity } from './finding.js';

export const dtAnalysisStates = [
  'NOT_SET',
  'EXPLOITABLE',
  'IN_TRIAGE',
  'FALSE_POSITIVE',
  'NOT_AFFECTED',
  'RESOLVED',
] as const;
export type DtAnalysisState = (typeof dtAnalysisStates)[number];

/** DT's Severity enum in its order (a finding's `severityRank` is the index). */
export const dtSeverities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO', 'UNASSIGNED'] as const;
export type DtSeverity = (typeof dtSeverities)[number];

/** The vulnerability sources mamori's ids come from, as DT names them (Vulnerability.Source). */
export const dtSources = ['NVD', 'GITHUB', 'OSV'] as const;
export type DtSource = (typeof dtSources)[number];

export interface DtAnalysis {
  readonly state: DtAnalysisState;
  readonly isSuppressed: boolean;
}

/** The table above: a decision (or none) → DT analysis state and suppression. */
export const dtAnalysisOfDecision: Readonly<Record<VexState | 'undecided', DtAnalysis>> = {
  undecided: { state: 'NOT_SET', isSuppressed: false },
  in_triage: { state: 'IN_TRIAGE', isSuppressed: false },
  exploitable: { state: 'EXPLOITABLE', isSuppressed: false },
  false_positive: { state: 'FALSE_POSITIVE', isSuppressed: true },
  not_affected: { state: 'NOT_AFFECTED', isSuppressed: true },
  resolved: { state: 'RESOLVED', isSuppressed: true },
  resolved_with_pedigree: { state: 'RESOLVED', isSuppressed: true },
};

export function dtAnalysis(state: VexState | null): DtAnalysis {
  return dtAnalysisOfDecision[state ?? 'undecided'];
}

export const dtSeverityOf: Readonly<Record<Severity, DtSeverity>> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  none: 'INFO',
  unknown: 'UNASSIGNED',
};

export function dtSeverityRank(s: DtSeverity): number {
  return dtSeverities.indexOf(s);
}

/**
 * The DT source of a vulnerability by its id, as DT files the same records: a CVE under NVD, a GitHub
 * advisory under GITHUB, any other OSV id (PYSEC-, GO-, RUSTSEC-, MAL-, …) under OSV. mamori's ids
 * come from OSV and NVD records only; the id shown is the canonical one (CVE, else GHSA, else another).
 */
export function dtSource(vulnerabilityId: string): DtSource {
  if (vulnerabilityId.startsWith('CVE-')) return 'NVD';
  if (vulnerabilityId.startsWith('GHSA-')) return 'GITHUB';
  return 'OSV';
}

/** The field of DT's VulnerabilityAlias an id goes in; null for ids DT has none for (JVN iPedia's JVNDB-). */
export function dtAliasField(id: string): string | null {
  const upper = id.toUpperCase();
  if (upper.startsWith('CVE-')) return 'cveId';
  if (upper.startsWith('GHSA-')) return 'ghsaId';
  if (upper.startsWith('SNYK-')) return 'snykId';
  if (upper.startsWith('SONATYPE-')) return 'sonatypeId';
  if (upper.startsWith('JVNDB-')) return null;
  return 'osvId';
}

/**
 * DT's `aliases` of a vulnerability: one VulnerabilityAlias per other id, pairing it with the shown
 * id (`{ cveId: "CVE-2021-23337", ghsaId: "GHSA-35jh-r3h4-6jhm" }`); an alias of the same kind as the
 * shown id stands alone. Ids DT has no field for are left out.
 */
export function dtAliases(vulnerabilityId: string, aliases: readonly string[]): Record<string, string>[] {
  const own = dtAliasField(vulnerabilityId);
  const out: Record<string, string>[] = [];
  for (const alias of aliases) {
    if (alias === vulnerabilityId) continue;
    const field = dtAliasField(alias);
    if (field === null) continue;
    out.push(own !== null && own !== field ? { [own]: vulnerabilityId, [field]: alias } : { [field]: alias });
  }
  return out;
}

/** CWE numbers of `CWE-<n>` ids (NVD weaknesses, OSV `cwe_ids`), ascending, each once; others (NVD-CWE-Other, NVD-CWE-noinfo) left out, as DT does. */
export function cweNumbers(ids: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const id of ids) {
    const m = /^CWE-(\d{1,6})$/i.exec(id.trim());
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

export function dtInheritedRiskScore(c: {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unassigned: number;
}): number {
  return c.critical * 10 + c.high * 5 + c.medium * 3 + c.low * 1 + c.unassigned * 5;
}

/** What the metrics count of one finding. */
export interface DtCountedFinding {
  readonly severity: DtSeverity;
  readonly analysis: DtAnalysis;
  /** The component it is a finding of (vulnerableComponents counts each once). */
  readonly component: string;
}

export interface DtProjectCounts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly unassigned: number;
  readonly vulnerabilities: number;
  readonly vulnerableComponents: number;
  readonly components: number;
  readonly suppressed: number;
  readonly findingsTotal: number;
  readonly findingsAudited: number;
  readonly findingsUnaudited: number;
  readonly inheritedRiskScore: number;
  readonly policyViolationsFail: 0;
  readonly policyViolationsWarn: 0;
  readonly policyViolationsInfo: 0;
  readonly policyViolationsTotal: 0;
  readonly policyViolationsAudited: 0;
  readonly policyViolationsUnaudited: 0;
  readonly policyViolationsSecurityTotal: 0;
  readonly policyViolationsSecurityAudited: 0;
  readonly policyViolationsSecurityUnaudited: 0;
  readonly policyViolationsLicenseTotal: 0;
  readonly policyViolationsLicenseAudited: 0;
  readonly policyViolationsLicenseUnaudited: 0;
  readonly policyViolationsOperationalTotal: 0;
  readonly policyViolationsOperationalAudited: 0;
  readonly policyViolationsOperationalUnaudited: 0;
}

/** DT's project metrics of a project's current findings (all of them, suppressed ones included) and its component count. */
export function dtProjectCounts(findings: readonly DtCountedFinding[], components: number): DtProjectCounts {
  let critical = 0;
  let high = 0;
  let medium = 0;
  let low = 0;
  let unassigned = 0;
  let suppressed = 0;
  let audited = 0;
  let total = 0;
  const vulnerable = new Set<string>();
  for (const f of findings) {
    if (f.analysis.isSuppressed) {
      suppressed++;
      continue;
    }
    total++;
    vulnerable.add(f.component);
    if (f.analysis.state !== 'NOT_SET' && f.analysis.state !== 'IN_TRIAGE') audited++;
    switch (f.severity) {
      case 'CRITICAL':
        critical++;
        break;
      case 'HIGH':
        high++;
        break;
      case 'MEDIUM':
        medium++;
        break;
      case 'LOW':
      case 'INFO':
        low++;
        break;
      case 'UNASSIGNED':
        unassigned++;
        break;
    }
  }
  return {
    critical,
    high,
    medium,
    low,
    unassigned,
    vulnerabilities: total,
    vulnerableComponents: vulnerable.size,
    components,
    suppressed,
    findingsTotal: total,
    findingsAudited: audited,
    findingsUnaudited: total - audited,
    inheritedRiskScore: dtInheritedRiskScore({ critical, high, medium, low, unassigned }),
    policyViolationsFail: 0,
    policyViolationsWarn: 0,
    policyViolationsInfo: 0,
    policyViolationsTotal: 0,
    policyViolationsAudited: 0,
    policyViolationsUnaudited: 0,
    policyViolationsSecurityTotal: 0,
    policyViolationsSecurityAudited: 0,
    policyViolationsSecurityUnaudited: 0,
    policyViolationsLicenseTotal: 0,
    policyViolationsLicenseAudited: 0,
    policyViolationsLicenseUnaudited: 0,
    policyViolationsOperationalTotal: 0,
    policyViolationsOperationalAudited: 0,
    policyViolationsOperationalUnaudited: 0,
  };
}
