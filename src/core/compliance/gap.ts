/**
 * Gap analysis: for each assessable entry (a leaf) of each catalog, its effective status, the
 * evidence that counts for it, and what is missing. Pure: statuses, evidence counts and today's
 * date come in.
 *
 * Which scope answers for an entry (the entry's `level`):
 *   product       — the product's assessments;
 *   organization  — the organisation's assessments (also shown in every product's report);
 *   both          — the product's assessment when the entry has a status there, else the organisation's.
 * In the organisation's own report only `organization` and `both` entries appear.
 *
 * Gaps of an applicable, normative entry:
 *   not_assessed — no status: nobody assessed the entry (nor anything that covers it through a
 *                  crosswalk); a heading's partial roll-up does not count (assessment.ts);
 *   not_started  — assessed as `not_started`;
 *   no_evidence — the entry expects evidence and none counts for it (`evidenceOrigins`: the entry's
 *                 own, its ancestors', its descendants' and the covering entries' evidence); not
 *                 for a status answered by a workflow record (Annex F F.2–F.4), whose record is
 *                 its evidence;
 *   release_without_sbom — in a product's report, the entry expects an SBOM (`sbom` among its
 *                 expected evidence: IEC 81001-5-1 Clause 8, 4.3, MHLW A.x, …) and a release of the
 *                 product (not archived) has no SBOM; the row names those releases
 *                 (`releasesWithoutSbom`), whatever the assessment says;
 *   overdue     — a due date before today and not yet implemented or verified.
 * Informative entries (`normative: false`) and not-applicable entries have no gaps.
 */
import { catalogKey, leafEntries, type Catalog, type CatalogEntry, type Localized } from './catalog.js';
import { refKey } from './crosswalk.js';
import { evidenceSources, isAssessed, isDone, type AssessmentStatus, type CoverageGraph, type EffectiveStatus, type StatusSource } from './assessment.js';

export const gapKinds = ['not_assessed', 'not_started', 'no_evidence', 'release_without_sbom', 'overdue'] as const;
export type GapKind = (typeof gapKinds)[number];

export type ScopeType = 'product' | 'organization';

export interface GapRow {
  readonly catalog: string;
  readonly entry: CatalogEntry;
  /** Which scope's assessment answers for the entry. */
  readonly scope: ScopeType;
  readonly status: AssessmentStatus | null;
  readonly source: StatusSource | null;
  readonly owner: string;
  readonly dueDate: string | null;
  /**
   * Why a not-applicable entry does not apply, in each language: the assessor's text as written (the
   * same in both), or the route's reason when the route sets it (on the entry or on an ancestor it
   * inherits from), wholly in each language. Empty for an applicable entry.
   */
  readonly justification: Localized;
  readonly evidenceCount: number;
  /** Versions of the product's releases that have no SBOM, when the entry expects one (else empty). */
  readonly releasesWithoutSbom: readonly string[];
  readonly gaps: readonly GapKind[];
}

export interface CatalogGapSummary {
  readonly catalog: string;
  readonly title: Catalog['title'];
  /** Assessable entries in this report. */
  readonly total: number;
  readonly applicable: number;
  readonly notApplicable: number;
  readonly informative: number;
  /** Applicable entries nobody assessed. */
  readonly notAssessed: number;
  /** Applicable entries assessed as not started. */
  readonly notStarted: number;
  readonly inProgress: number;
  readonly implemented: number;
  readonly verified: number;
  readonly withGaps: number;
  /** Implemented or verified, over applicable normative entries, in whole percent (0 when none). */
  readonly coveragePercent: number;
}

export interface CatalogGap {
  readonly summary: CatalogGapSummary;
  readonly rows: readonly GapRow[];
}

export interface DualStandardRow {
  readonly side: 'mhlw' | 'iec';
  readonly ref: string;
  readonly row: GapRow | null;
}

export interface GapAnalysis {
  readonly scope: ScopeType;
  readonly today: string;
  readonly catalogs: readonly CatalogGap[];
  /** What the Japanese instruments ask beyond IEC 81001-5-1 (`mhlw`) and the reverse (`iec`). */
  readonly dualStandard: readonly DualStandardRow[];
  readonly totals: { readonly entries: number; readonly withGaps: number; readonly gaps: Readonly<Record<GapKind, number>> };
}

export interface GapInput {
  readonly catalogs: readonly Catalog[];
  readonly graph: CoverageGraph;
  readonly scope: ScopeType;
  readonly statuses: { readonly product: ReadonlyMap<string, EffectiveStatus>; readonly organization: ReadonlyMap<string, EffectiveStatus> };
  /** Evidence items recorded per entry key, per scope. */
  readonly evidence: { readonly product: ReadonlyMap<string, number>; readonly organization: ReadonlyMap<string, number> };
  readonly today: string;
  readonly dualStandard: { readonly mhlwOnly: readonly string[]; readonly iecOnly: readonly string[] };
  /** Versions of the product's releases (not archived) that have no SBOM; empty or absent in the organisation's report. */
  readonly releasesWithoutSbom?: readonly string[];
}

function countEvidence(graph: CoverageGraph, key: string, counts: ReadonlyMap<string, number>): number {
  if (counts.size === 0) return 0;
  return evidenceSources(graph, key).reduce((n, k) => n + (counts.get(k) ?? 0), 0);
}

/** Which scope's assessment answers for an entry in a report of `input.scope` (see the module comment). */
export function rowScope(input: Pick<GapInput, 'scope' | 'statuses'>, key: string, entry: CatalogEntry): ScopeType {
  if (input.scope === 'organization' || entry.level === 'organization') return 'organization';
  if (entry.level === 'product') return 'product';
  return isAssessed(input.statuses.product.get(key)) ? 'product' : isAssessed(input.statuses.organization.get(key)) ? 'organization' : 'product';
}

/**
 * The scopes whose evidence counts for a row: the row's own scope and, for an entry of level `both`
 * answered by the product, the organisation's too.
 */
export function evidenceScopes(reportScope: ScopeType, scope: ScopeType, entry: CatalogEntry): ScopeType[] {
  return entry.level === 'both' && reportScope === 'product' && scope === 'product' ? ['product', 'organization'] : [scope];
}

/** How an entry whose evidence counts for a row is related to the row's entry. */
export type EvidenceRelation = 'self' | 'ancestor' | 'descendant' | 'crosswalk';

export interface EvidenceOrigin {
  /** The entry (`catalog#entry`) the evidence is recorded on. */
  readonly key: string;
  readonly scope: ScopeType;
  readonly relation: EvidenceRelation;
}

/**
 * Every (entry, scope) whose recorded evidence counts for the row of `key`: exactly what the row's
 * `evidenceCount` adds up, so a list of the evidence behind a count can be built from it.
 */
export function evidenceOrigins(graph: CoverageGraph, key: string, scopes: readonly ScopeType[]): EvidenceOrigin[] {
  const node = graph.nodes.get(key);
  const relation = (k: string): EvidenceRelation =>
    k === key ? 'self' : node?.ancestors.includes(k) ? 'ancestor' : graph.nodes.get(k)?.ancestors.includes(key) ? 'descendant' : 'crosswalk';
  const sources = evidenceSources(graph, key);
  return scopes.flatMap((scope) => sources.map((k) => ({ key: k, scope, relation: relation(k) })));
}

const asWritten = (text: string): Localized => ({ ja: text, en: text });

/**
 * Why a not-applicable entry does not apply: its assessment's justification (its own, or the
 * ancestor's it inherits), else the reason of the route that sets it, on the entry or on the
 * ancestor it inherits from (Annex F under the full route reaches F.1–F.4 this way).
 */
function justificationOf(eff: EffectiveStatus | undefined, statuses: ReadonlyMap<string, EffectiveStatus>): Localized {
  if (eff?.status !== 'not_applicable') return asWritten('');
  if (eff.assessment) return asWritten(eff.assessment.justification);
  const source = eff.source.type === 'inherited' ? statuses.get(eff.source.from)?.source : eff.source;
  return source?.type === 'route' ? source.reason : asWritten('');
}

export function gapRow(input: GapInput, catalog: string, entry: CatalogEntry): GapRow {
  const key = refKey({ catalog, entry: entry.id });
  const { statuses, evidence, graph } = input;
  const scope = rowScope(input, key, entry);
  const eff = statuses[scope].get(key);
  const status = eff?.status ?? null;
  const evidenceCount = evidenceScopes(input.scope, scope, entry).reduce((n, s) => n + countEvidence(graph, key, evidence[s]), 0);
  const dueDate = eff?.assessment?.dueDate ?? null;
  const gaps: GapKind[] = [];
  if (entry.normative !== false && status !== 'not_applicable') {
    if (status === null) gaps.push('not_assessed');
    else if (status === 'not_started') gaps.push('not_started');
    // A status answered by a workflow record (Annex F F.2–F.4) has that record as its evidence.
    if (entry.expectedEvidence.length > 0 && evidenceCount === 0 && eff?.source.type !== 'workflow') gaps.push('no_evidence');
  }
  const releasesWithoutSbom =
    input.scope === 'product' && entry.normative !== false && status !== 'not_applicable' && entry.expectedEvidence.includes('sbom') ? [...(input.releasesWithoutSbom ?? [])] : [];
  if (releasesWithoutSbom.length > 0) gaps.push('release_without_sbom');
  if (entry.normative !== false && status !== 'not_applicable' && dueDate !== null && dueDate < input.today && !isDone(status)) gaps.push('overdue');
  return {
    catalog,
    entry,
    scope,
    status,
    source: eff?.source ?? null,
    owner: eff?.assessment?.owner ?? '',
    dueDate,
    justification: justificationOf(eff, statuses[scope]),
    evidenceCount,
    releasesWithoutSbom,
    gaps,
  };
}

function inScope(input: GapInput, e: CatalogEntry): boolean {
  return input.scope === 'product' || e.level !== 'product';
}

export function summarize(catalog: Catalog, rows: readonly GapRow[]): CatalogGapSummary {
  const count = (f: (r: GapRow) => boolean) => rows.filter(f).length;
  const normative = rows.filter((r) => r.entry.normative !== false);
  const applicable = normative.filter((r) => r.status !== 'not_applicable');
  const done = applicable.filter((r) => isDone(r.status)).length;
  return {
    catalog: catalogKey(catalog),
    title: catalog.title,
    total: rows.length,
    applicable: applicable.length,
    notApplicable: count((r) => r.status === 'not_applicable'),
    informative: rows.length - normative.length,
    notAssessed: applicable.filter((r) => r.status === null).length,
    notStarted: applicable.filter((r) => r.status === 'not_started').length,
    inProgress: applicable.filter((r) => r.status === 'in_progress').length,
    implemented: applicable.filter((r) => r.status === 'implemented').length,
    verified: applicable.filter((r) => r.status === 'verified').length,
    withGaps: count((r) => r.gaps.length > 0),
    coveragePercent: applicable.length === 0 ? 0 : Math.floor((done * 100) / applicable.length),
  };
}

export function analyzeGaps(input: GapInput): GapAnalysis {
  const byKey = new Map<string, GapRow>();
  const result: CatalogGap[] = input.catalogs.map((catalog) => {
    const ck = catalogKey(catalog);
    const rows = leafEntries(catalog)
      .filter((e) => inScope(input, e))
      .map((e) => gapRow(input, ck, e));
    for (const r of rows) byKey.set(refKey({ catalog: ck, entry: r.entry.id }), r);
    return { summary: summarize(catalog, rows), rows };
  });
  const dual: DualStandardRow[] = [
    ...input.dualStandard.mhlwOnly.map((ref) => ({ side: 'mhlw' as const, ref, row: byKey.get(ref) ?? null })),
    ...input.dualStandard.iecOnly.map((ref) => ({ side: 'iec' as const, ref, row: byKey.get(ref) ?? null })),
  ];
  const all = result.flatMap((c) => c.rows);
  const gaps = Object.fromEntries(gapKinds.map((k) => [k, 0])) as Record<GapKind, number>;
  for (const r of all) for (const g of r.gaps) gaps[g] += 1;
  return {
    scope: input.scope,
    today: input.today,
    catalogs: result,
    dualStandard: dual,
    totals: { entries: all.length, withGaps: all.filter((r) => r.gaps.length > 0).length, gaps },
  };
}

/**
 * A status source for JSON output: a route's or workflow's reason as `reason` (English, the API's
 * language for plain strings) and `reasonText` (each language, to show).
 */
function sourceView(s: StatusSource | null) {
  if (!s) return null;
  return s.type === 'route' || s.type === 'workflow' ? { ...s, reason: s.reason.en, reasonText: { ...s.reason } } : { ...s };
}

/** The plain view of a row for JSON output (API and CLI): the entry without its source notes. */
export function gapRowView(r: GapRow) {
  const e = r.entry;
  return {
    catalog: r.catalog,
    entry: { id: e.id, parent: e.parent, kind: e.kind, level: e.level, normative: e.normative !== false, title: e.title, description: e.description, expectedEvidence: [...e.expectedEvidence] },
    scope: r.scope,
    status: r.status,
    source: sourceView(r.source),
    owner: r.owner,
    dueDate: r.dueDate,
    justification: r.justification.en,
    justificationText: { ...r.justification },
    evidenceCount: r.evidenceCount,
    releasesWithoutSbom: [...r.releasesWithoutSbom],
    gaps: [...r.gaps],
  };
}

/** The plain view of a gap analysis for JSON output (API and CLI). */
export function gapAnalysisView(a: GapAnalysis, route: 'full' | 'annex_f' | null) {
  return {
    scope: a.scope,
    today: a.today,
    route,
    catalogs: a.catalogs.map((c) => ({ summary: c.summary, rows: c.rows.map(gapRowView) })),
    dualStandard: a.dualStandard.map((d) => ({ side: d.side, ref: d.ref, status: d.row?.status ?? null, gaps: d.row ? [...d.row.gaps] : [], inReport: d.row !== null })),
    totals: { entries: a.totals.entries, withGaps: a.totals.withGaps, gaps: { ...a.totals.gaps } },
  };
}
