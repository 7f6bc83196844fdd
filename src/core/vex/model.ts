/**
 * The format-neutral VEX decision model: what a manufacturer (or a supplier) decided about one
 * vulnerability in one product release and/or one component, in the CycloneDX analysis vocabulary.
 * Writers in src/vex turn a VexDocument into CycloneDX 1.6 VEX, OpenVEX 0.2.0 or CSAF 2.0; readers
 * turn those back into a VexDocument. The mapping and what each format loses: docs/vex-mapping.md
 * and ./mapping.ts. Pure: no clock, no ids made here; timestamps and ids come in from the caller.
 *
 * API
 *   vexStates, vexJustifications, vexResponses      the CycloneDX 1.6 enums (sorted as in the spec)
 *   isVexState(x), isVexJustification(x), isVexResponse(x)
 *   componentKey(c), productKey(p), statementSubjectKey(s)   stable identity strings
 *   sortStatements(statements)                      deterministic order used by every writer
 *   checkVexDocument(doc): Issue[]                  conflicting / empty statements, malformed ratings (writers refuse them)
 *   sortRatings(ratings)                            newest CVSS version first, then highest score (writers use this)
 */
import type { Issue } from '../result.js';
import { cvssSeverity } from '../vulns/cvss/severity.js';
import { baseVectorString, parseCvssVector } from '../vulns/cvss/vector.js';

export const vexStates = [
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
  'false_positive',
  'not_affected',
] as const;
export type VexState = (typeof vexStates)[number];

export const vexJustifications = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
export type VexJustification = (typeof vexJustifications)[number];

export const vexResponses = [
  'can_not_fix',
  'will_not_fix',
  'update',
  'rollback',
  'workaround_available',
] as const;
export type VexResponse = (typeof vexResponses)[number];

export type VexFormat = 'cyclonedx' | 'openvex' | 'csaf';

const has = (list: readonly string[], x: unknown): boolean => typeof x === 'string' && list.includes(x);
export const isVexState = (x: unknown): x is VexState => has(vexStates, x);
export const isVexJustification = (x: unknown): x is VexJustification => has(vexJustifications, x);
export const isVexResponse = (x: unknown): x is VexResponse => has(vexResponses, x);

export const vexRatingVersions = ['2.0', '3.0', '3.1', '4.0'] as const;
export type VexRatingVersion = (typeof vexRatingVersions)[number];
export type VexRatingSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/**
 * A CVSS rating of the vulnerability, base metrics only (CycloneDX `ratings[]`, CSAF `scores[]`).
 * The score and severity are those the vector scores (the producer computes them: core cannot
 * score, see src/vulns/cvss.ts); checkVexDocument checks the form, the version and the severity band.
 */
export interface VexRating {
  readonly version: VexRatingVersion;
  /**
   * Base metrics only, in specification order, as the FIRST CVSS JSON schemas write vectors:
   * `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`; v2.0 without prefix (`AV:N/AC:L/Au:N/C:P/I:P/A:P`).
   */
  readonly vector: string;
  /** 0.0–10.0, one decimal. */
  readonly baseScore: number;
  /** The qualitative rating of `baseScore` (v2.0: NVD's bands low / medium / high). */
  readonly severity: VexRatingSeverity;
  /** Who gave the vector (`nvd@nist.gov`, an advisory id …); null when unknown. */
  readonly source: string | null;
}

export interface VexVulnerability {
  /** Canonical id (CVE > GHSA > other, as in core/vulns/aliases.ts). */
  readonly id: string;
  /** Every other id of the same vulnerability, sorted, without `id`. */
  readonly aliases: readonly string[];
  readonly description: string | null;
  /**
   * CVSS ratings of the vulnerability as mamori's vulnerability database has them. Written by the
   * CycloneDX (ratings) and CSAF (scores; CVSS 4.0 as a note) writers; OpenVEX has no place for
   * them. Readers return none: an import proposes decisions, and the rating of a finding comes from
   * the vulnerability database (docs/vex-mapping.md).
   */
  readonly ratings: readonly VexRating[];
}

/** The SBOM a release's bom-refs belong to (for CycloneDX BOM-Links `urn:cdx:<serial>/<version>#<bom-ref>`). */
export interface VexSbomRef {
  /** `urn:uuid:<uuid>` as in the SBOM's serialNumber. */
  readonly serialNumber: string;
  readonly version: number;
}

/** A product release (the device or SaMD version the statement is about). */
export interface VexProduct {
  /** Stable identifier: an IRI such as `urn:mamori:release:<id>`, a purl or a CPE (OpenVEX `@id`). */
  readonly id: string;
  readonly vendor: string | null;
  readonly name: string | null;
  /** The release version. */
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /** bom-ref of the product (SBOM metadata.component) when known. */
  readonly bomRef: string | null;
  readonly sbom: VexSbomRef | null;
}

/** A component inside a release (an SBOM component). */
export interface VexComponent {
  readonly bomRef: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
}

/** What an imported statement said in its own format, kept for the review step. */
export interface VexOrigin {
  readonly format: VexFormat;
  /** The format's own status (`not_affected`, `known_affected`, `exploitable` …). */
  readonly status: string;
  /** The format's own justification or flag label, if any. */
  readonly justification: string | null;
}

export interface VexStatement {
  readonly vulnerability: VexVulnerability;
  /** The release; null when the statement names only a component (e.g. a supplier's OpenVEX). */
  readonly product: VexProduct | null;
  /** The component in the release; null when the statement is about the product as a whole. */
  readonly component: VexComponent | null;
  readonly state: VexState;
  /** Meaningful for not_affected / false_positive only; writers drop it for other states. */
  readonly justification: VexJustification | null;
  /** Sorted, no duplicates. */
  readonly responses: readonly VexResponse[];
  /** Why (CycloneDX analysis.detail, OpenVEX impact_statement/status_notes, CSAF impact threat). */
  readonly detail: string | null;
  /** What users should do (CycloneDX recommendation, OpenVEX action_statement, CSAF remediation details). */
  readonly actionStatement: string | null;
  /** RFC 3339 timestamps of this decision. */
  readonly firstIssued: string | null;
  readonly lastUpdated: string | null;
  /** Set by readers; writers ignore it. */
  readonly origin: VexOrigin | null;
}

export interface VexAuthor {
  /** Manufacturer or supplier name (OpenVEX author, CSAF publisher name, CycloneDX metadata.authors). */
  readonly name: string;
  /** CSAF publisher namespace (an https URL of the author); null when unknown. */
  readonly namespace: string | null;
}

export interface VexDocument {
  readonly title: string | null;
  readonly author: VexAuthor;
  /** First issued (RFC 3339). */
  readonly timestamp: string;
  /** Last change (RFC 3339), null when never changed. */
  readonly lastUpdated: string | null;
  /** Document version, an integer ≥ 1, incremented on every change. */
  readonly version: number;
  readonly statements: readonly VexStatement[];
}

const part = (x: string | null): string => x ?? '';

/** Identity of a component: purl, else CPE, else bom-ref, else name@version. */
export function componentKey(c: VexComponent): string {
  if (c.purl) return `purl:${c.purl}`;
  if (c.cpe) return `cpe:${c.cpe}`;
  if (c.bomRef) return `ref:${c.bomRef}`;
  return `name:${part(c.name)}@${part(c.version)}`;
}

export function productKey(p: VexProduct): string {
  return `id:${p.id}`;
}

/** vulnerability id + product + component: two statements with the same key must agree. */
export function statementSubjectKey(s: VexStatement): string {
  return [
    s.vulnerability.id,
    s.product ? productKey(s.product) : '-',
    s.component ? componentKey(s.component) : '-',
  ].join('\u0000');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ratingVersionRank: Readonly<Record<VexRatingVersion, number>> = {
  '4.0': 4,
  '3.1': 3,
  '3.0': 2,
  '2.0': 1,
};

/** Newest CVSS version first, then highest score, then vector and source (a stable order for writers). */
export function sortRatings(ratings: readonly VexRating[]): VexRating[] {
  return [...ratings].sort(
    (a, b) =>
      ratingVersionRank[b.version] - ratingVersionRank[a.version] ||
      b.baseScore - a.baseScore ||
      compare(a.vector, b.vector) ||
      compare(a.source ?? '', b.source ?? ''),
  );
}

/** What is wrong with a rating (empty when nothing): the checks core can make without scoring. */
function ratingIssues(r: VexRating, at: string): Issue[] {
  if (!(vexRatingVersions as readonly string[]).includes(r.version))
    return [{ path: `${at}.version`, message: `unknown CVSS version ${JSON.stringify(r.version)}` }];
  const issues: Issue[] = [];
  const parsed = parseCvssVector(r.vector);
  if (!parsed.ok) issues.push({ path: `${at}.vector`, message: parsed.error.message });
  else if (parsed.value.version !== r.version)
    issues.push({
      path: `${at}.vector`,
      message: `is a CVSS ${parsed.value.version} vector, not ${r.version}`,
    });
  else if (baseVectorString(parsed.value) !== r.vector)
    issues.push({
      path: `${at}.vector`,
      message: `must hold the base metrics only, in specification order (${baseVectorString(parsed.value)})`,
    });
  if (
    typeof r.baseScore !== 'number' ||
    !(r.baseScore >= 0 && r.baseScore <= 10) ||
    Number(r.baseScore.toFixed(1)) !== r.baseScore
  )
    issues.push({ path: `${at}.baseScore`, message: 'must be 0.0–10.0 with one decimal' });
  else if (cvssSeverity(r.version, r.baseScore).toLowerCase() !== r.severity)
    issues.push({
      path: `${at}.severity`,
      message: `a CVSS ${r.version} base score of ${r.baseScore} is ${cvssSeverity(r.version, r.baseScore).toLowerCase()}`,
    });
  return issues;
}

/** Order by vulnerability id, product, component, then state (writers use this for stable output). */
export function sortStatements(statements: readonly VexStatement[]): VexStatement[] {
  return [...statements].sort(
    (a, b) => compare(statementSubjectKey(a), statementSubjectKey(b)) || compare(a.state, b.state),
  );
}

/**
 * Problems that make a document impossible to write faithfully: a statement with neither product
 * nor component, an empty vulnerability id, unknown enum values, unsorted/duplicate responses, a
 * rating whose vector is not a base vector of its version or whose severity is not its score's, or
 * two statements on the same vulnerability + subject that disagree.
 */
export function checkVexDocument(doc: VexDocument): Issue[] {
  const issues: Issue[] = [];
  if (doc.author.name.trim() === '') issues.push({ path: 'author.name', message: 'must not be empty' });
  if (!Number.isInteger(doc.version) || doc.version < 1)
    issues.push({ path: 'version', message: 'must be an integer ≥ 1' });
  const seen = new Map<string, number>();
  doc.statements.forEach((s, i) => {
    const at = `statements[${i}]`;
    if (s.vulnerability.id.trim() === '')
      issues.push({ path: `${at}.vulnerability.id`, message: 'must not be empty' });
    if (!s.product && !s.component) issues.push({ path: at, message: 'needs a product or a component' });
    if (!isVexState(s.state))
      issues.push({ path: `${at}.state`, message: `unknown state ${JSON.stringify(s.state)}` });
    if (s.justification !== null && !isVexJustification(s.justification))
      issues.push({
        path: `${at}.justification`,
        message: `unknown justification ${JSON.stringify(s.justification)}`,
      });
    s.responses.forEach((r, j) => {
      if (!isVexResponse(r))
        issues.push({ path: `${at}.responses[${j}]`, message: `unknown response ${JSON.stringify(r)}` });
    });
    s.vulnerability.ratings.forEach((r, j) =>
      issues.push(...ratingIssues(r, `${at}.vulnerability.ratings[${j}]`)),
    );
    const key = statementSubjectKey(s);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: at,
        message: `same vulnerability and subject as statements[${first}] (${s.vulnerability.id})`,
      });
    } else seen.set(key, i);
  });
  return issues;
}
