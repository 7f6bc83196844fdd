/**
 * Findings per release (docs/adr/0010-vulnerability-database.md): analyse a release's inventory
 * against the local vulnerability database, re-evaluate only the components of packages a feed
 * change touched, record what changed as events, and answer the portfolio questions.
 *
 * A finding is identified by its release, package (OSV ecosystem + name, else purl without version,
 * else CPE vendor:product, else group/name), component version and canonical vulnerability id, so it
 * survives a new SBOM upload of the same inventory. A finding that is no longer made becomes
 * `withdrawn` (every record behind it was withdrawn), `resolved-by-upgrade` (the package is still in
 * the release at another version) or `gone` (removed, or the advisory no longer covers the version).
 */
import path from 'node:path';
import { headlineCvss } from '../core/vulns/cvss/headline.js';
import { authorize, type Actor } from '../core/domain/actor.js';
import { cpeValueText, parseCpe } from '../core/identity/cpe.js';
import { osvPackageForPurlString } from '../core/identity/osv-ecosystem.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { type Advisory, type OsvEventKind, eventKind, eventVersion } from '../core/vulns/advisory.js';
import { canonicalId } from '../core/vulns/aliases.js';
import { idSpellings } from '../core/vulns/id-spellings.js';
import { isMaliciousPackage } from '../core/vulns/malicious-package.js';
import { firstPublished, latestDate, type PublishedFrom } from '../core/vulns/record-dates.js';
import { nvdDescription, type NvdCve } from '../feeds/parse/nvd-cve.js';
import {
  componentMatchKey,
  cpeSwitches,
  type ComponentIdentity,
  type CvssSummary,
  type Finding,
  type FindingEvidence,
  type EvaluatedComponent,
  type MatchResult,
  type Severity,
  type Unevaluated,
  type UnevaluatedReason,
} from '../core/vulns/finding.js';
import type { ContentEventsTable, Db, Dialect, FindingContentsTable, FindingEventsTable, FindingRowsTable, FindingsTable } from '../store/database.js';
import {
  activeFindingsOfContents,
  affectedBy as affectedByRows,
  anyFindingNames,
  analysedSboms,
  componentsOfPackages,
  contentsEpssPage,
  contentsOfVariants,
  deleteVariants,
  findFinding as findFindingRow,
  findingsOfReleases,
  findingsPosition,
  insertContentEvents,
  insertContents,
  insertFindingEvents,
  insertFindingRows,
  kevInField as kevInFieldRows,
  listFindingEvents,
  severityDeltas,
  type SeverityDelta,
  listReleaseFindings as listReleaseFindingRows,
  allReleaseFindings,
  listVulnerabilities as listVulnerabilityRows,
  newlyAffectedSince,
  pruneContents,
  recountUnevaluated,
  releaseRefreshedAfterAnalysis,
  releaseAnalyses,
  releasesToAnalyseWhole,
  replaceComponentIndex,
  componentIndexOf,
  saveFindingState,
  saveReleaseAnalysis,
  saveVariants,
  setContentsEpss,
  setFindingsStatus,
  touchContents,
  unevaluatedOfRelease,
  updateContents,
  updateFindingRows,
  variantsByKey,
  variantStates,
  variantsOfEcosystems,
  variantsOfPackages,
  variantsWithVulnerabilities,
  chunks,
  type ComponentPackageRow,
  type FindingEventRecord,
  type FindingFilter,
  type FindingRecord,
  type PackageVariantRow,
  type AffectedRow,
  type ArchivedFilter,
  type PortfolioRow,
  type ReleaseAnalysis,
  type UnevaluatedRow,
  type VulnerabilitySummaryRow,
} from '../store/repositories/findings.js';
import { findRelease } from '../store/repositories/releases.js';
import { findingDecisions, type AppliedDecision } from './finding-decisions.js';
import type { VexState } from '../core/vex/model.js';
import { currentSbom, currentSbomIds, inventoryRows } from '../store/repositories/sboms.js';
import { epssChangeKind, type VulnDbReader } from '../vulndb/reader.js';
import { baseEcosystem, normalisePackageName } from '../vulndb/keys.js';
import { defaultStaleDays, feedAge, type FeedState } from '../vulndb/feed-states.js';
import { Matcher, matchComponents } from '../vulns/match.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import type { VulnDbSource } from './vulndb-source.js';
import { nodeHost, prepareFindingsBasis, recordFindingsBasis } from './vulndb-basis.js';
import type { MonitorState } from './findings-monitor.js';
import { cpeSettingsOfReleases, defaultCpeSettings, type ReleaseCpeSettings } from './vuln-settings.js';

export type { ArchivedFilter, FindingEventRecord, FindingFilter, FindingRecord, PortfolioRow, ReleaseAnalysis, VulnerabilitySummaryRow };

// ---- package identity -------------------------------------------------------------------------

interface ComponentRow {
  readonly id: string;
  readonly release_id: string;
  readonly name: string;
  readonly group_name: string | null;
  readonly version: string | null;
  readonly bom_ref: string;
  readonly purl: string | null;
  readonly cpe: string | null;
}

/** `vendor:product` of a CPE name (lower case), or null when it does not parse or is not concrete. */
export function cpeProductOf(cpe: string): string | null {
  const parsed = parseCpe(cpe);
  if (!parsed.ok) return null;
  const vendor = cpeValueText(parsed.value.vendor);
  const product = cpeValueText(parsed.value.product);
  return vendor === undefined || product === undefined ? null : `${vendor.toLowerCase()}:${product.toLowerCase()}`;
}

/** The package of a component: the index entry (OSV package, CPE product) and the finding identity key. */
export function packageOf(c: { name: string; group_name: string | null; purl: string | null; cpe: string | null }): {
  ecosystem: string | null;
  name: string | null;
  cpeProduct: string | null;
  key: string;
} {
  const cpeProduct = c.cpe ? cpeProductOf(c.cpe) : null;
  if (c.purl) {
    const mapped = osvPackageForPurlString(c.purl);
    if (mapped.ok) {
      const ecosystem = baseEcosystem(mapped.package.ecosystem);
      const name = normalisePackageName(ecosystem, mapped.package.name);
      return { ecosystem, name, cpeProduct, key: `osv:${ecosystem}/${name}` };
    }
    const end = c.purl.search(/[?#]/);
    const head = end === -1 ? c.purl : c.purl.slice(0, end);
    const at = head.lastIndexOf('@');
    return { ecosystem: null, name: null, cpeProduct, key: `purl:${at > head.indexOf('/') ? head.slice(0, at) : head}` };
  }
  if (cpeProduct) return { ecosystem: null, name: null, cpeProduct, key: `cpe:${cpeProduct}` };
  return { ecosystem: null, name: null, cpeProduct: null, key: `name:${c.group_name ?? ''}/${c.name}` };
}

function identity(c: ComponentRow, settings: ReleaseCpeSettings): ComponentIdentity {
  return {
    key: c.id,
    bomRef: c.bom_ref,
    name: c.name,
    version: c.version,
    purl: c.purl,
    cpe: c.cpe,
    // The product's CPE matching mode (vuln-settings.ts): by default components without a usable purl
    // (embedded OS, RTOS, firmware, commercial software); a component with a purl is matched through
    // OSV only unless the product asks for CPE matching of every component. A component override
    // (by group/name) switches it on or off for that component whatever the mode.
    ...cpeSwitches(settings.mode, c, settings.overrides.get(componentMatchKey({ group: c.group_name, name: c.name })) ?? null),
  };
}

const componentSelect = ['id', 'release_id', 'name', 'group_name', 'version', 'bom_ref', 'purl', 'cpe'] as const;

/** The current inventory of a release: its newest SBOM's components plus its manual components. */
async function currentComponents(db: Db, organizationId: string, releaseId: string): Promise<{ sbomId: string | null; rows: ComponentRow[] }> {
  const sbom = await currentSbom(db, organizationId, releaseId);
  const rows = await db
    .selectFrom('components')
    .select(componentSelect)
    .where('organization_id', '=', organizationId)
    .where(inventoryRows(releaseId, sbom?.id ?? null))
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
  return { sbomId: sbom?.id ?? null, rows };
}

async function componentsById(db: Db, organizationId: string, ids: readonly string[]): Promise<ComponentRow[]> {
  const out: ComponentRow[] = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(...(await db.selectFrom('components').select(componentSelect).where('organization_id', '=', organizationId).where('id', 'in', part).execute()));
  return out;
}

// ---- applying a match result ----------------------------------------------------------------

/** One release's share of an analysis: every current component (`full`) or just the re-evaluated ones. */
interface AnalysisUnit {
  readonly releaseId: string;
  readonly full: boolean;
  readonly sbomId: string | null;
  readonly components: readonly ComponentRow[];
}

export interface AnalysisCounts {
  readonly components: number;
  readonly findings: number;
  readonly unevaluated: number;
  readonly new: number;
  readonly changed: number;
  readonly withdrawn: number;
  readonly gone: number;
}

/** The score shown beside a finding's severity: that of the rating its severity comes from. */
function headlineScore(list: readonly CvssSummary[]): number | null {
  return headlineCvss(list)?.baseScore ?? null;
}

/** A finding's stored texts, with the parts (compared by identity) that decide them. */
interface SerialisedFinding {
  readonly vulnerabilityId: string;
  readonly aliases: Finding['aliases'];
  readonly enrichment: Finding['enrichment'];
  readonly summary: Finding['summary'];
  readonly severity: Finding['severity'];
  readonly fixed: Finding['fixedVersions'];
  readonly aliasesJson: string;
  readonly cvssScore: number | null;
  readonly cvssJson: string;
  readonly fixedJson: string;
  readonly evidenceJson: string;
  readonly contentHash: string;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The parts of a finding whose change is an event (EPSS moves daily and is not one). */
function findingContent(f: Finding) {
  return {
    aliases: f.aliases,
    summary: f.summary,
    severity: f.severity,
    cvss: f.enrichment.cvss.map((c) => [c.version, c.vector, c.baseScore]),
    kev: f.enrichment.kev,
    fixed: f.fixedVersions,
    evidence: f.evidence.map((e) => [e.recordId, e.rule, e.range, e.events]),
  };
}

type ContentParts = Pick<FindingContentsTable, 'severity' | 'cvss_json' | 'kev' | 'kev_due_date' | 'fixed_versions_json' | 'aliases_json' | 'evidence_json' | 'summary'>;

function changedParts(before: ContentParts, after: ContentParts): string[] {
  const parts: string[] = [];
  if (before.severity !== after.severity) parts.push('severity');
  if (before.cvss_json !== after.cvss_json) parts.push('cvss');
  if (Number(before.kev) !== Number(after.kev) || before.kev_due_date !== after.kev_due_date) parts.push('kev');
  if (before.fixed_versions_json !== after.fixed_versions_json) parts.push('fixedVersions');
  if (before.aliases_json !== after.aliases_json) parts.push('aliases');
  if (before.evidence_json !== after.evidence_json) parts.push('evidence');
  if (before.summary !== after.summary) parts.push('summary');
  return parts;
}

function allRecordsWithdrawn(reader: VulnDbReader, row: FindingsTable): boolean {
  const ids = [...new Set((JSON.parse(row.evidence_json) as { recordId: string }[]).map((e) => e.recordId))];
  if (ids.length === 0) return false;
  return ids.every((id) => {
    const record = reader.recordById(id);
    return record !== null && 'withdrawn' in record && (record).withdrawn !== null;
  });
}

/**
 * The package version a component is matched as (its "variant", ADR 0014): the package key, the
 * version and every match input, so that components with equal keys are matched alike in every
 * release and share their findings' content.
 */
function variantText(pkgKey: string, version: string, i: ComponentIdentity): string {
  return JSON.stringify([pkgKey, version, i.name, i.purl, i.cpe, i.cpeMatching, i.cpeWithPurl ?? false]);
}

/** Variant keys (SHA-256 of `variantText`), each text hashed once per keyer. */
function variantKeyer(ctx: ServiceContext): (pkgKey: string, version: string, i: ComponentIdentity) => string {
  const keys = new Map<string, string>();
  return (pkgKey, version, i) => {
    const text = variantText(pkgKey, version, i);
    let key = keys.get(text);
    if (key === undefined) {
      key = ctx.sha256(text);
      keys.set(text, key);
    }
    return key;
  };
}

/** What an evaluation of one package version found: the sorted vulnerability ids, or why it was not evaluated. */
function variantState(vulns: Iterable<string>, unevaluated: { reason: string; detail: string } | undefined): string {
  return JSON.stringify(unevaluated ? { unevaluated: [unevaluated.reason, unevaluated.detail] } : { vulns: [...new Set(vulns)].sort() });
}

/** How `variantState` begins for a package version left unevaluated for this reason. */
function unevaluatedStatePrefix(reason: UnevaluatedReason): string {
  return `{"unevaluated":[${JSON.stringify(reason)},`;
}

/** The stored identity of a variant (matched again by a refresh under its variant key). */
function variantIdentity(i: ComponentIdentity): string {
  return JSON.stringify({ bomRef: null, name: i.name, version: i.version, purl: i.purl, cpe: i.cpe, cpeMatching: i.cpeMatching, cpeWithPurl: i.cpeWithPurl ?? false });
}

/** The content columns of a finding (shared by every release that holds its package version). */
function contentOf(ctx: ServiceContext, organizationId: string, variantKey: string, f: Finding, text: SerialisedFinding, at: string, seq: number): FindingContentsTable {
  return {
    id: '',
    organization_id: organizationId,
    variant_key: variantKey,
    vulnerability_id: f.vulnerabilityId,
    aliases_json: text.aliasesJson,
    summary: f.summary,
    severity: f.severity,
    cvss_score: text.cvssScore,
    cvss_json: text.cvssJson,
    epss_score: f.enrichment.epss?.score ?? null,
    epss_percentile: f.enrichment.epss?.percentile ?? null,
    kev: f.enrichment.kev ? 1 : 0,
    kev_due_date: f.enrichment.kev?.dueDate ?? null,
    fixed_versions_json: text.fixedJson,
    evidence_json: text.evidenceJson,
    content_hash: text.contentHash,
    last_seen_at: at,
    changed_at: at,
    computed_at_seq: seq,
  };
}

/** Serialises findings once per shared hit (the matcher shares the evidence of equal package versions). */
function serialiser(ctx: ServiceContext): (f: Finding) => SerialisedFinding {
  const serialised = new Map<FindingEvidence, SerialisedFinding>();
  return (f) => {
    const shared = f.evidence.length === 1 ? f.evidence[0]! : null;
    const known = shared ? serialised.get(shared) : undefined;
    if (known && known.vulnerabilityId === f.vulnerabilityId && known.aliases === f.aliases && known.enrichment === f.enrichment && known.summary === f.summary && known.severity === f.severity && sameList(known.fixed, f.fixedVersions)) return known;
    const made: SerialisedFinding = {
      vulnerabilityId: f.vulnerabilityId,
      aliases: f.aliases,
      enrichment: f.enrichment,
      summary: f.summary,
      severity: f.severity,
      fixed: f.fixedVersions,
      aliasesJson: JSON.stringify(f.aliases),
      cvssScore: headlineScore(f.enrichment.cvss),
      cvssJson: JSON.stringify(f.enrichment.cvss),
      fixedJson: JSON.stringify(f.fixedVersions),
      evidenceJson: JSON.stringify(f.evidence),
      contentHash: ctx.sha256(JSON.stringify(findingContent(f))),
    };
    if (shared) serialised.set(shared, made);
    return made;
  };
}

/**
 * Brings stored contents in line with the desired ones: new contents are inserted, changed ones
 * rewritten with one `changed` event each, EPSS-only moves and a different display score (not part
 * of the content hash) rewritten without an event, the rest confirmed (last seen, sequence number). Returns the content id of every desired content and the
 * number of active findings whose content changed. Event ids are made here, after the caller's
 * `endedId` and before its new findings' ids (listFindingEvents relies on that order).
 */
async function writeContents(
  ctx: ServiceContext,
  trx: Db,
  organizationId: string,
  seq: number,
  at: string,
  desired: ReadonlyMap<string, FindingContentsTable>,
  stored: readonly FindingContentsTable[],
): Promise<{ ids: Map<string, string>; rows: Map<string, FindingContentsTable>; changedFindings: number }> {
  const storedByKey = new Map(stored.map((r) => [`${r.variant_key}\u0000${r.vulnerability_id}`, r]));
  const ids = new Map<string, string>();
  // The content row each desired content now has, by id.
  const rows = new Map<string, FindingContentsTable>();
  const inserts: FindingContentsTable[] = [];
  const updates: FindingContentsTable[] = [];
  const aliasesChanged = new Set<string>();
  const touched: string[] = [];
  const events: ContentEventsTable[] = [];
  for (const [key, want] of desired) {
    const old = storedByKey.get(key);
    if (!old) {
      const row = { ...want, id: ctx.newId() };
      inserts.push(row);
      ids.set(key, row.id);
      rows.set(row.id, row);
      continue;
    }
    ids.set(key, old.id);
    if (old.content_hash !== want.content_hash) {
      const row = { ...want, id: old.id };
      updates.push(row);
      rows.set(old.id, row);
      if (old.aliases_json !== want.aliases_json) aliasesChanged.add(old.id);
      events.push({
        id: ctx.newId(),
        organization_id: organizationId,
        content_id: old.id,
        vulnerability_id: want.vulnerability_id,
        kind: 'changed',
        at,
        seq,
        severity: want.severity,
        previous_severity: old.severity !== want.severity ? old.severity : null,
        detail_json: JSON.stringify({ changed: changedParts(old, want) }),
      });
    } else if (
      Number(old.epss_score ?? -1) !== Number(want.epss_score ?? -1) ||
      Number(old.epss_percentile ?? -1) !== Number(want.epss_percentile ?? -1) ||
      // The score shown beside the severity is not in the content hash: a content stored when the
      // score was worked out otherwise is corrected here, like an EPSS move, without an event.
      Number(old.cvss_score ?? -1) !== Number(want.cvss_score ?? -1)
    ) {
      updates.push({ ...want, id: old.id, changed_at: old.changed_at });
      rows.set(old.id, old);
    } else {
      touched.push(old.id);
      rows.set(old.id, old);
    }
  }
  await insertContents(trx, ctx.store, inserts);
  await updateContents(trx, ctx.store, updates, aliasesChanged);
  await touchContents(trx, organizationId, touched, at, seq);
  const changedFindings = events.length > 0 ? await activeFindingsOfContents(trx, organizationId, events.map((e) => e.content_id)) : 0;
  await insertContentEvents(trx, ctx.store, events);
  return { ids, rows, changedFindings };
}

async function applyAnalysis(
  ctx: ServiceContext,
  trx: Db,
  organizationId: string,
  reader: VulnDbReader,
  seq: number,
  units: readonly AnalysisUnit[],
  identities: ReadonlyMap<string, ComponentIdentity>,
  result: MatchResult,
  options: {
    /** Variants every component of which this analysis covers (a refresh's): recorded as not dirty. */
    readonly settled?: ReadonlySet<string>;
    /** Stored package index entries the caller has read already (a refresh finds components by them). */
    readonly indexed?: ReadonlyMap<string, ComponentPackageRow>;
    /** The caller's variant keyer (a refresh keys components before and across analyses). */
    readonly keyOf?: ReturnType<typeof variantKeyer>;
    /** Told every variant this analysis held. */
    readonly seen?: Set<string>;
  } = {},
): Promise<AnalysisCounts> {
  const at = nowIso(ctx);
  const componentById = new Map<string, ComponentRow>();
  const pkgById = new Map<string, ReturnType<typeof packageOf>>();
  const variantById = new Map<string, string>();
  const keyOf = options.keyOf ?? variantKeyer(ctx);
  const variants = new Map<string, { pkg: ReturnType<typeof packageOf>; identity: ComponentIdentity; vulns: string[]; unevaluated?: { reason: string; detail: string } }>();
  for (const u of units)
    for (const c of u.components) {
      componentById.set(c.id, c);
      const pkg = packageOf(c);
      pkgById.set(c.id, pkg);
      const ident = identities.get(c.id)!;
      const key = keyOf(pkg.key, c.version ?? '', ident);
      variantById.set(c.id, key);
      options.seen?.add(key);
      if (!variants.has(key)) variants.set(key, { pkg, identity: ident, vulns: [] });
    }
  const identityKey = (releaseId: string, pkg: string, version: string, vuln: string) => `${releaseId}\u0000${pkg}\u0000${version}\u0000${vuln}`;
  const pairKey = (releaseId: string, pkg: string, version: string) => `${releaseId}\u0000${pkg}\u0000${version}`;

  // What the match says now: contents per variant and vulnerability, findings per release identity.
  const serialise = serialiser(ctx);
  const desiredContents = new Map<string, FindingContentsTable>();
  const desired = new Map<string, { row: FindingRowsTable; contentKey: string }>();
  for (const f of result.findings) {
    const c = componentById.get(f.componentKey);
    if (!c) continue;
    const pkg = pkgById.get(c.id)!;
    const variantKey = variantById.get(c.id)!;
    const contentKey = `${variantKey}\u0000${f.vulnerabilityId}`;
    if (!desiredContents.has(contentKey)) {
      desiredContents.set(contentKey, contentOf(ctx, organizationId, variantKey, f, serialise(f), at, seq));
      variants.get(variantKey)!.vulns.push(f.vulnerabilityId);
    }
    const version = c.version ?? '';
    const key = identityKey(c.release_id, pkg.key, version, f.vulnerabilityId);
    // Two components of the same package and version in one release (e.g. nested copies) share a finding.
    if (desired.has(key)) continue;
    desired.set(key, {
      contentKey,
      row: {
        id: '',
        organization_id: organizationId,
        release_id: c.release_id,
        package_key: pkg.key,
        component_version: version,
        vulnerability_id: f.vulnerabilityId,
        component_id: c.id,
        component_name: c.group_name ? `${c.group_name}/${c.name}` : c.name,
        component_purl: c.purl,
        status: 'active',
        first_seen_at: at,
        last_seen_at: at,
        changed_at: at,
        computed_at_seq: seq,
        content_id: '',
        ended_id: null,
      },
    });
  }
  for (const u of result.unevaluated) {
    const key = variantById.get(u.componentKey);
    if (key) variants.get(key)!.unevaluated = { reason: u.reason, detail: u.detail };
  }

  // What is stored, and which stored findings this analysis decides about.
  const fullReleases = new Set(units.filter((u) => u.full).map((u) => u.releaseId));
  // A partial unit decides only about the packages of its re-evaluated components: only their stored
  // findings are read (a full unit reads every finding of its release).
  const partialReleases = [...new Set(units.filter((u) => !u.full && !fullReleases.has(u.releaseId)).map((u) => u.releaseId))];
  const partialPackages = new Set<string>();
  for (const u of units) if (!u.full) for (const c of u.components) partialPackages.add(pkgById.get(c.id)!.key);
  const existing = [
    ...(await findingsOfReleases(trx, ctx.store, organizationId, [...fullReleases])),
    ...(partialReleases.length > 0 ? await findingsOfReleases(trx, ctx.store, organizationId, partialReleases, [...partialPackages]) : []),
  ];
  const evaluatedPairs = new Set<string>();
  const packagesInRelease = new Map<string, Set<string>>(); // release+package → versions present now
  for (const u of units)
    for (const c of u.components) {
      const pkg = pkgById.get(c.id)!;
      evaluatedPairs.add(pairKey(u.releaseId, pkg.key, c.version ?? ''));
      const k = `${u.releaseId}\u0000${pkg.key}`;
      const set = packagesInRelease.get(k) ?? new Set<string>();
      set.add(c.version ?? '');
      packagesInRelease.set(k, set);
    }

  // Ids are time-ordered: the mark of findings ended now, then the content events, then new findings
  // (so a content event concerns neither; see listFindingEvents).
  const endedId = ctx.newId();
  const events: FindingEventsTable[] = [];
  const counts = { new: 0, changed: 0, withdrawn: 0, gone: 0 };
  const event = (row: { id: string; release_id: string; vulnerability_id: string }, severity: string, kind: FindingEventsTable['kind'], previousSeverity: string | null, detail: Record<string, unknown>) => {
    counts[kind] += 1;
    events.push({
      id: '',
      organization_id: organizationId,
      release_id: row.release_id,
      finding_id: row.id,
      vulnerability_id: row.vulnerability_id,
      kind,
      at,
      seq,
      severity,
      previous_severity: previousSeverity,
      detail_json: JSON.stringify(detail),
    });
  };

  // Findings that end now are updated together (set-based), not one statement each.
  const statusGroups = new Map<string, string[]>();
  const seen = new Set<string>();
  const decisions: { old: FindingsTable; next: FindingRowsTable; contentKey: string }[] = [];
  for (const old of existing) {
    const key = identityKey(old.release_id, old.package_key, old.component_version, old.vulnerability_id);
    const now = desired.get(key);
    if (now) {
      seen.add(key);
      decisions.push({ old, next: { ...now.row, id: old.id, first_seen_at: old.first_seen_at }, contentKey: now.contentKey });
      continue;
    }
    if (old.status !== 'active') continue;
    const decided = fullReleases.has(old.release_id) || evaluatedPairs.has(pairKey(old.release_id, old.package_key, old.component_version));
    if (!decided) continue;
    let status: FindingsTable['status'];
    let reason: string;
    if (allRecordsWithdrawn(reader, old)) {
      status = 'withdrawn';
      reason = 'withdrawn';
    } else {
      const versions = packagesInRelease.get(`${old.release_id}\u0000${old.package_key}`);
      if (versions?.has(old.component_version)) {
        status = 'gone';
        reason = 'no-longer-affected';
      } else if (versions && versions.size > 0) {
        status = 'resolved-by-upgrade';
        reason = 'upgraded';
      } else {
        status = 'gone';
        reason = 'removed';
      }
    }
    const group = `${status}\u0000${reason === 'removed' ? 1 : 0}`;
    const list = statusGroups.get(group);
    if (list) list.push(old.id);
    else statusGroups.set(group, [old.id]);
    event(old, old.severity, status === 'withdrawn' ? 'withdrawn' : 'gone', null, { reason, ...(reason === 'upgraded' ? { versions: [...(packagesInRelease.get(`${old.release_id}\u0000${old.package_key}`) ?? [])] } : {}) });
  }
  for (const [group, ids] of statusGroups) {
    const [status, removed] = group.split('\u0000') as [FindingsTable['status'], string];
    await setFindingsStatus(trx, organizationId, ids, { status, at, seq, clearComponent: removed === '1', endedId });
  }

  const withFindings = new Set([...desiredContents.values()].map((c) => c.variant_key));
  const contents = await writeContents(ctx, trx, organizationId, seq, at, desiredContents, await contentsOfVariants(trx, ctx.store, organizationId, [...withFindings]));
  counts.changed += contents.changedFindings;

  // Findings still made: reappeared, pointed at another content (the package version is now matched
  // otherwise), or moved to another component (a new SBOM upload). Confirming one writes nothing.
  const rowUpdates: FindingRowsTable[] = [];
  const repointed: string[] = [];
  for (const { old, next, contentKey } of decisions) {
    const contentId = contents.ids.get(contentKey)!;
    const content = contents.rows.get(contentId)!;
    const row = { ...next, content_id: contentId };
    if (old.status !== 'active') {
      rowUpdates.push(row);
      event(row, content.severity, 'new', null, { reappeared: true, previousStatus: old.status });
    } else if (old.content_id !== contentId) {
      rowUpdates.push({ ...row, last_seen_at: old.last_seen_at, changed_at: old.content_hash !== content.content_hash ? at : old.changed_at });
      repointed.push(old.content_id);
      if (old.content_hash !== content.content_hash) event(row, content.severity, 'changed', old.severity !== content.severity ? old.severity : null, { changed: changedParts(old, content) });
    } else if (next.component_id && next.component_id !== old.component_id) {
      rowUpdates.push({ ...row, status: old.status, last_seen_at: old.last_seen_at, changed_at: old.changed_at, computed_at_seq: old.computed_at_seq });
    }
  }
  const inserts: FindingRowsTable[] = [];
  for (const [key, { row, contentKey }] of desired) {
    if (seen.has(key)) continue;
    const contentId = contents.ids.get(contentKey)!;
    const content = contents.rows.get(contentId)!;
    const next = { ...row, id: ctx.newId(), content_id: contentId };
    inserts.push(next);
    event(next, content.severity, 'new', null, { evidence: (JSON.parse(content.evidence_json) as unknown[]).length });
  }
  await updateFindingRows(trx, ctx.store, rowUpdates);
  await insertFindingRows(trx, ctx.store, inserts);
  for (const e of events) e.id = ctx.newId();
  await insertFindingEvents(trx, ctx.store, events);
  if (repointed.length > 0) await pruneContents(trx, organizationId, repointed);

  // What each package version's evaluation found, for the next refresh (ADR 0014). A variant whose
  // finding set moved while other releases hold it unrefreshed is dirty: the next refresh re-evaluates
  // its components one by one.
  // Only package versions a refresh can find (by OSV package or CPE product) are recorded.
  const findable = [...variants].filter(([, v]) => v.pkg.ecosystem !== null || v.pkg.cpeProduct !== null);
  const stored = await variantStates(trx, ctx.store, organizationId, findable.map(([key]) => key));
  const variantRows: PackageVariantRow[] = [];
  for (const [key, v] of findable) {
    const state = variantState(v.vulns, v.unevaluated);
    const before = stored.get(key);
    const dirty = options.settled?.has(key) ? false : before !== undefined && (before.dirty || before.state !== state);
    if (before && before.state === state && before.dirty === dirty) continue;
    variantRows.push({ variantKey: key, ecosystem: v.pkg.ecosystem, name: v.pkg.name, cpeProduct: v.pkg.cpeProduct, identityJson: variantIdentity(v.identity), state, dirty });
  }
  await saveVariants(trx, ctx.store, organizationId, variantRows);

  // The package index and the unevaluated list of the analysed components.
  const packages: ComponentPackageRow[] = [];
  for (const [id, c] of componentById) {
    const pkg = pkgById.get(id)!;
    if (pkg.ecosystem || pkg.cpeProduct) packages.push({ componentId: id, releaseId: c.release_id, ecosystem: pkg.ecosystem, name: pkg.name, cpeProduct: pkg.cpeProduct });
  }
  const unevaluated: UnevaluatedRow[] = [];
  for (const u of result.unevaluated) {
    const c = componentById.get(u.componentKey);
    if (c) unevaluated.push({ componentId: c.id, releaseId: c.release_id, reason: u.reason, detail: u.detail });
  }
  const full = units.filter((u) => u.full);
  const partial = units.filter((u) => !u.full);
  if (full.length > 0)
    await replaceComponentIndex(trx, ctx.store, organizationId, { releaseIds: full.map((u) => u.releaseId), componentIds: null }, packages.filter((p) => fullReleases.has(p.releaseId)), unevaluated.filter((x) => fullReleases.has(x.releaseId)));
  let recount: string[] = [];
  if (partial.length > 0) {
    // A re-evaluated component of an unchanged SBOM almost always keeps its index entries (they
    // change only with its matching settings, or when the database stops or starts making a version
    // evaluable): only the entries that differ are rewritten (at 100,000 re-evaluated components,
    // rewriting them all was a tenth of a refresh).
    const ids = partial.flatMap((u) => u.components.map((c) => c.id));
    const stored = await componentIndexOf(trx, organizationId, { packages: ids.filter((id) => !options.indexed?.has(id)), unevaluated: ids });
    for (const id of ids) {
      const known = options.indexed?.get(id);
      if (known) stored.packages.set(id, known);
    }
    const wantedPackages = new Map(packages.filter((p) => !fullReleases.has(p.releaseId)).map((p) => [p.componentId, p]));
    const wantedUnevaluated = new Map(unevaluated.filter((x) => !fullReleases.has(x.releaseId)).map((x) => [x.componentId, x]));
    const samePackage = (a: ComponentPackageRow | undefined, b: ComponentPackageRow | undefined) =>
      a === b || (a !== undefined && b !== undefined && a.releaseId === b.releaseId && a.ecosystem === b.ecosystem && a.name === b.name && a.cpeProduct === b.cpeProduct);
    const sameUnevaluated = (a: UnevaluatedRow | undefined, b: UnevaluatedRow | undefined) =>
      a === b || (a !== undefined && b !== undefined && a.releaseId === b.releaseId && a.reason === b.reason && a.detail === b.detail);
    const differ = ids.filter((id) => !samePackage(stored.packages.get(id), wantedPackages.get(id)) || !sameUnevaluated(stored.unevaluated.get(id), wantedUnevaluated.get(id)));
    if (differ.length > 0) {
      const set = new Set(differ);
      const releases = new Set(differ.map((id) => componentById.get(id)!.release_id));
      await replaceComponentIndex(trx, ctx.store, organizationId, { releaseIds: [...releases], componentIds: differ }, [...wantedPackages.values()].filter((p) => set.has(p.componentId)), [...wantedUnevaluated.values()].filter((x) => set.has(x.componentId)));
      recount = [...releases];
    }
  }
  for (const u of full)
    await saveReleaseAnalysis(trx, organizationId, {
      releaseId: u.releaseId,
      sbomId: u.sbomId,
      analysedAt: at,
      seq,
      componentCount: u.components.length,
      unevaluatedCount: unevaluated.filter((x) => x.releaseId === u.releaseId).length,
    });
  if (recount.length > 0) await recountUnevaluated(trx, organizationId, recount);

  return { components: componentById.size, findings: desired.size, unevaluated: unevaluated.length, ...counts };
}

// ---- use-cases --------------------------------------------------------------------------------

/**
 * Why there is no reader: no file yet (import feeds first), or a file that cannot be used as it is
 * (its own reason). The file's path is for admins only (`withoutServerPaths`, as in `feedsStatus`).
 */
function vulnDbMissing(source: VulnDbSource): Result<never> {
  const problem = source.problem();
  if (problem !== null)
    return err('vulndb.unusable', problem, { details: { path: source.path }, withoutServerPaths: { message: pathsInWords(problem, source.path) } });
  return err('vulndb.missing', `No vulnerability database at ${source.path}: import feeds first (mamori feeds import PATH).`, {
    details: { path: source.path },
    withoutServerPaths: { message: 'No vulnerability database on the server yet: an administrator of the server imports the feeds first.' },
  });
}

function releaseNotFound(id: string): Result<never> {
  return err('release.not_found', `No release with id ${id}.`, { details: { id } });
}

export interface AnalysisSummary extends AnalysisCounts {
  readonly releaseId: string;
  readonly seq: number;
  readonly analysedAt: string;
}

/**
 * Components matched between two turns of the event loop. Matching is synchronous CPU work (a
 * 10,000-component release against the benchmark database takes seconds); in slices, a server
 * that analyses by itself after an upload (ADR 0015) keeps answering requests meanwhile.
 */
export const matchSliceComponents = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `matcher.match` of every component, slice by slice, with a turn of the event loop between. */
export async function matchSlices(matcher: Matcher, components: readonly ComponentIdentity[]): Promise<MatchResult> {
  if (components.length <= matchSliceComponents) return matcher.match(components);
  const findings: Finding[] = [];
  const unevaluated: Unevaluated[] = [];
  const evaluated: EvaluatedComponent[] = [];
  let evaluations = 0;
  for (let i = 0; i < components.length; i += matchSliceComponents) {
    if (i > 0) await nextTurn();
    const part = matcher.match(components.slice(i, i + matchSliceComponents));
    findings.push(...part.findings);
    unevaluated.push(...part.unevaluated);
    evaluated.push(...part.evaluated);
    evaluations += part.evaluations;
  }
  return { findings, unevaluated, evaluated, evaluations };
}

/**
 * The match of one release at one state of the vulnerability database: a matcher holds answers for
 * one state, so when an import moved the database on while the slices were matched, the match
 * starts again (and after three such tries is made in one go).
 */
async function matchYielding(reader: VulnDbReader, components: readonly ComponentIdentity[]): Promise<{ result: MatchResult; seq: number }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const seq = reader.lastSeq();
    const result = await matchSlices(new Matcher(reader), components);
    if (reader.lastSeq() === seq) return { result, seq };
  }
  const seq = reader.lastSeq();
  return { result: matchComponents(reader, components), seq };
}

/** Matches every current component of a release and records the findings and their events. */
export async function analyzeRelease(ctx: ServiceContext, actor: Actor, source: VulnDbSource, releaseId: string): Promise<Result<AnalysisSummary>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const release = await findRelease(ctx.store.db, actor.organizationId, releaseId);
  if (!release) return releaseNotFound(releaseId);
  const reader = source.reader();
  if (!reader) return vulnDbMissing(source);
  // Another node's database older or smaller than the findings' is refused (ADR 0015 addendum).
  const basis = await prepareFindingsBasis(ctx, source, reader, actor.organizationId);
  if (!basis.ok) return basis;
  const { sbomId, rows } = await currentComponents(ctx.store.db, actor.organizationId, releaseId);
  const settings = (await cpeSettingsOfReleases(ctx.store.db, actor.organizationId, [releaseId])).get(releaseId) ?? defaultCpeSettings;
  const identities = new Map(rows.map((c) => [c.id, identity(c, settings)]));
  const { result, seq } = await matchYielding(reader, [...identities.values()]);
  return ctx.store.transaction(async (trx) => {
    const counts = await applyAnalysis(ctx, trx, actor.organizationId, reader, seq, [{ releaseId, full: true, sbomId, components: rows }], identities, result);
    const summary: AnalysisSummary = { releaseId, seq, analysedAt: nowIso(ctx), ...counts };
    await recordFindingsBasis(trx, source, reader, actor.organizationId, seq, summary.analysedAt);
    await recordAudit(ctx, trx, actor, { action: 'findings.analyze', entityType: 'release', entityId: releaseId, after: summary });
    return ok(summary);
  });
}

/**
 * Re-analyses the releases of a product that have been analysed before (after its matching settings
 * changed, so their findings follow at once). Without a vulnerability database nothing is done.
 */
export async function reanalyzeProduct(ctx: ServiceContext, actor: Actor, source: VulnDbSource, productId: string): Promise<Result<{ releases: number }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  if (!source.reader()) return ok({ releases: 0 });
  const releases = await ctx.store.db
    .selectFrom('releases')
    .select('id')
    .where('organization_id', '=', actor.organizationId)
    .where('product_id', '=', productId)
    .where('archived_at', 'is', null)
    .execute();
  const analysed = await releaseAnalyses(ctx.store.db, actor.organizationId, releases.map((r) => r.id));
  let count = 0;
  for (const id of analysed.keys()) {
    const r = await analyzeRelease(ctx, actor, source, id);
    if (!r.ok) return r;
    count++;
  }
  return ok({ releases: count });
}

export interface RefreshSummary extends AnalysisCounts {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly changes: number;
  readonly releases: number;
  readonly packageVersions: number;
}

/**
 * Re-analysis after feed changes (ADR 0014): reads the change log after the organisation's last
 * sequence number and evaluates each package version (variant) of the touched packages, and of the
 * vulnerabilities whose enrichment changed, once. A package version whose finding set is unchanged
 * gets its contents rewritten (one row per changed vulnerability, whatever the number of releases);
 * one whose set changed has its components re-evaluated release by release. A release whose SBOM
 * changed since its last analysis, or that was analysed before package versions were recorded, is
 * analysed whole. A position after the database's last change means the findings were computed
 * against another file's change log (the file was replaced by an older copy or built anew): every
 * analysed release is analysed whole.
 */
export async function refreshFindings(
  ctx: ServiceContext,
  actor: Actor,
  source: VulnDbSource,
  options: { readonly batchComponents?: number } = {},
): Promise<Result<RefreshSummary>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const reader = source.reader();
  if (!reader) return vulnDbMissing(source);
  const org = actor.organizationId;
  const db = ctx.store.db;
  const head = reader.lastSeq();
  // Another node's database older or smaller than the findings' is refused; one that replaced it
  // marks every release to be analysed whole (ADR 0015 addendum "several nodes, several files").
  const basis = await prepareFindingsBasis(ctx, source, reader, org);
  if (!basis.ok) return basis;
  const fromSeq = (await findingsPosition(db, org))?.seq ?? head;

  const packages = new Map<string, { ecosystem: string; name: string }>();
  const cpes = new Set<string>();
  const ids = new Set<string>();
  let changes = 0;
  let epssMoved = false;
  for (let after = fromSeq; after < head; ) {
    const page = reader.changesSince(after, 50_000);
    if (page.length === 0) break;
    for (const c of page) {
      if (c.seq > head) break;
      changes += 1;
      // EPSS scores moved (many of them: the daily file changes almost all): every content's EPSS
      // is read again below, once, whatever the number of such changes.
      if (c.kind === epssChangeKind) {
        epssMoved = true;
        continue;
      }
      if (c.ecosystem && c.name) {
        const ecosystem = baseEcosystem(c.ecosystem);
        const name = normalisePackageName(ecosystem, c.name);
        packages.set(`${ecosystem}\u0000${name}`, { ecosystem, name });
      }
      if (c.cpeProduct) cpes.add(c.cpeProduct.toLowerCase());
      if (!c.ecosystem && !c.cpeProduct) ids.add(c.recordId);
    }
    after = page[page.length - 1]!.seq;
  }
  // Enrichment-only changes (KEV, EPSS, CVSS) name a record: its aliases find the contents.
  const vulnIds = new Set<string>();
  for (const id of ids) for (const alias of reader.idsOf(id)) vulnIds.add(alias);

  // Releases analysed whole: those analysed before package versions were recorded or under older
  // analysis rules (once), and those whose SBOM changed since their analysis and that hold a touched
  // package; every one when the position is after the database's last change (another file's log).
  const analysed = await analysedSboms(db, org);
  const whole = new Set(fromSeq > head ? analysed.keys() : await releasesToAnalyseWhole(db, org));
  const current = await currentSbomIds(db, org, [...analysed.keys()]);
  const stale = [...analysed].filter(([releaseId, sbomId]) => !whole.has(releaseId) && sbomId !== (current.get(releaseId) ?? null)).map(([releaseId]) => releaseId);

  // Every touched package version, evaluated once.
  const byKey = new Map<string, PackageVariantRow>();
  for (const v of await variantsOfPackages(db, org, [...packages.values()], [...cpes])) byKey.set(v.variantKey, v);
  for (const v of (await variantsByKey(db, org, await variantsWithVulnerabilities(db, org, [...vulnIds]))).values()) byKey.set(v.variantKey, v);
  // The ecosystems the changes touched: the database may now hold advisories of one it held none of
  // (its feed imported at last), or none of one it held. Package versions left unevaluated for want of
  // the ecosystem's advisories are evaluated again, and package versions of an ecosystem no record
  // names any more too, though no change names their packages (QA PSIRT M2).
  const touchedEcosystems = new Set([...packages.values()].map((p) => p.ecosystem));
  if (touchedEcosystems.size > 0) {
    const held = reader.ecosystems();
    const nowHeld = [...touchedEcosystems].filter((e) => held.has(e));
    const notHeld = [...touchedEcosystems].filter((e) => !held.has(e));
    for (const v of await variantsOfEcosystems(db, org, nowHeld, unevaluatedStatePrefix('ecosystem-not-in-database'))) byKey.set(v.variantKey, v);
    for (const v of await variantsOfEcosystems(db, org, notHeld, null)) byKey.set(v.variantKey, v);
  }
  const matcher = new Matcher(reader);
  const variantResult = await matchSlices(matcher, [...byKey.values()].map((v) => ({ ...(JSON.parse(v.identityJson) as Omit<ComponentIdentity, 'key'>), key: v.variantKey })));
  const vulnsOf = new Map<string, string[]>();
  const findingsOf = new Map<string, Finding[]>();
  for (const f of variantResult.findings) {
    (vulnsOf.get(f.componentKey) ?? vulnsOf.set(f.componentKey, []).get(f.componentKey)!).push(f.vulnerabilityId);
    (findingsOf.get(f.componentKey) ?? findingsOf.set(f.componentKey, []).get(f.componentKey)!).push(f);
  }
  const unevaluatedOf = new Map(variantResult.unevaluated.map((u) => [u.componentKey, u]));
  const at = nowIso(ctx);
  const serialise = serialiser(ctx);
  const desiredContents = new Map<string, FindingContentsTable>();
  for (const [key, list] of findingsOf) for (const f of list) desiredContents.set(`${key}\u0000${f.vulnerabilityId}`, contentOf(ctx, org, key, f, serialise(f), at, head));
  const storedContents = await contentsOfVariants(db, ctx.store, org, [...byKey.keys()]);
  const storedKeys = new Set(storedContents.map((c) => `${c.variant_key}\u0000${c.vulnerability_id}`));
  // A package version whose finding set moved (or that an analysis left dirty, or whose contents are
  // missing) is re-evaluated component by component; the others only have their contents rewritten.
  const moved = new Set<string>();
  for (const [key, v] of byKey) {
    const vulns = vulnsOf.get(key) ?? [];
    if (v.dirty || v.state !== variantState(vulns, unevaluatedOf.get(key)) || vulns.some((id) => !storedKeys.has(`${key}\u0000${id}`))) moved.add(key);
  }
  let counts: AnalysisCounts = { components: 0, findings: 0, unevaluated: 0, new: 0, changed: 0, withdrawn: 0, gone: 0 };
  const steady = new Map([...desiredContents].filter(([key]) => !moved.has(key.slice(0, key.indexOf('\u0000')))));
  if (steady.size > 0) {
    const done = await ctx.store.transaction((trx) => writeContents(ctx, trx, org, head, at, steady, storedContents.filter((c) => !moved.has(c.variant_key))));
    counts = { ...counts, changed: done.changedFindings };
  }

  // Components to re-evaluate one by one: those of moved package versions (outside releases analysed
  // whole), found through the package index of their packages.
  const movedPackages = new Map<string, { ecosystem: string; name: string }>();
  const movedCpes = new Set<string>();
  for (const key of moved) {
    const v = byKey.get(key)!;
    if (v.ecosystem && v.name) movedPackages.set(`${v.ecosystem}\u0000${v.name}`, { ecosystem: v.ecosystem, name: v.name });
    if (v.cpeProduct) movedCpes.add(v.cpeProduct);
  }
  const indexed = await componentsOfPackages(db, org, [...movedPackages.values()], [...movedCpes]);
  // Stale releases are analysed whole when they hold a touched package or a moved package version.
  if (stale.length > 0) {
    const staleSet = new Set(stale);
    for (const r of [...(await componentsOfPackages(db, org, [...packages.values()], [...cpes], stale)), ...indexed]) if (staleSet.has(r.releaseId)) whole.add(r.releaseId);
  }
  const indexedById = new Map(indexed.map((r) => [r.componentId, r]));
  const candidates = await componentsById(db, org, indexed.filter((r) => !whole.has(r.releaseId)).map((r) => r.componentId));
  const settings = await cpeSettingsOfReleases(db, org, [...new Set(candidates.map((c) => c.release_id))]);
  const identities = new Map<string, ComponentIdentity>();
  const grouped = new Map<string, ComponentRow[]>();
  const found = new Set<string>();
  const keyOf = variantKeyer(ctx);
  for (const c of candidates) {
    const ident = identity(c, settings.get(c.release_id) ?? defaultCpeSettings);
    const key = keyOf(packageOf(c).key, c.version ?? '', ident);
    if (!moved.has(key)) continue;
    found.add(key);
    identities.set(c.id, ident);
    const list = grouped.get(c.release_id);
    if (list) list.push(c);
    else grouped.set(c.release_id, [c]);
  }
  const units: AnalysisUnit[] = [];
  for (const releaseId of whole) {
    const { sbomId, rows } = await currentComponents(db, org, releaseId);
    units.push({ releaseId, full: true, sbomId, components: rows });
  }
  for (const [releaseId, rows] of grouped) units.push({ releaseId, full: false, sbomId: null, components: rows });

  // Releases are re-analysed in batches of about `refreshBatchComponents` components, each batch in
  // its own transaction, so memory stays bounded whatever the size of the portfolio. Every release is
  // consistent on its own at any time. The organisation's feed position moves only after the last
  // batch: a refresh interrupted half-way is done again from the same position, and a batch applied
  // twice changes nothing the second time. One matcher serves every batch.
  for (const batch of unitBatches(units, options.batchComponents ?? refreshBatchComponents[ctx.store.dialect])) {
    const batchSettings = await cpeSettingsOfReleases(db, org, batch.filter((u) => u.full).map((u) => u.releaseId));
    for (const u of batch) if (u.full) for (const c of u.components) identities.set(c.id, identity(c, batchSettings.get(u.releaseId) ?? defaultCpeSettings));
    const result = await matchSlices(matcher, batch.flatMap((u) => u.components.map((c) => identities.get(c.id)!)));
    const done = await ctx.store.transaction((trx) => applyAnalysis(ctx, trx, org, reader, head, batch, identities, result, { settled: moved, indexed: indexedById, keyOf, seen: found }));
    counts = addCounts(counts, done);
  }
  if (epssMoved) await refreshEpss(ctx, org, reader);
  // A moved package version that no component holds any more is forgotten.
  const unused = [...moved].filter((key) => !found.has(key));
  return ctx.store.transaction(async (trx) => {
    await deleteVariants(trx, org, unused);
    await saveFindingState(trx, org, head, nowIso(ctx));
    await recordFindingsBasis(trx, source, reader, org, head, nowIso(ctx));
    const summary: RefreshSummary = { fromSeq, toSeq: head, changes, releases: units.length, packageVersions: byKey.size, ...counts };
    await recordAudit(ctx, trx, actor, { action: 'findings.refresh', entityType: 'organization', entityId: org, after: summary });
    return ok(summary);
  });
}

/** Contents read per step of `refreshEpss`. */
const epssPageSize = 5_000;

/**
 * After an EPSS import (change kind `epss`; docs/adr/0010-vulnerability-database.md addendum 8):
 * the EPSS of every content of the organisation, as the matcher enriches it (the reader's
 * `enrichment` of the sorted ids of its vulnerability), rewritten without an event where it moved.
 * Page by page, one transaction each: the work follows the organisation's contents, not the EPSS
 * file. A content without a CVE id has no EPSS and asks nothing. Returns the contents rewritten.
 */
async function refreshEpss(ctx: ServiceContext, organizationId: string, reader: VulnDbReader): Promise<number> {
  let updated = 0;
  for (let after = ''; ; ) {
    const page = await contentsEpssPage(ctx.store.db, ctx.store, organizationId, after, epssPageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const sets = page.map((c) => [...new Set([c.vulnerabilityId, ...(JSON.parse(c.aliasesJson) as string[])])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const asked = sets.filter((ids) => ids.some((id) => id.startsWith('CVE-')));
    const enriched = reader.enrichmentMany ? reader.enrichmentMany(asked) : asked.map((ids) => reader.enrichment(ids));
    const epssOf = new Map(asked.map((ids, i) => [ids, enriched[i]!.epss]));
    const moved: { id: string; epssScore: number | null; epssPercentile: number | null }[] = [];
    page.forEach((c, i) => {
      const epss = epssOf.get(sets[i]!) ?? null;
      const score = epss?.score ?? null;
      const percentile = epss?.percentile ?? null;
      if (c.epssScore !== score || c.epssPercentile !== percentile) moved.push({ id: c.id, epssScore: score, epssPercentile: percentile });
    });
    if (moved.length > 0) await ctx.store.transaction((trx) => setContentsEpss(trx, ctx.store, organizationId, moved));
    updated += moved.length;
  }
  return updated;
}

/**
 * Components per refresh transaction (see refreshFindings), by dialect. A batch's rows (the findings
 * read, rebuilt and written as events) live until its transaction ends, so the garbage collector
 * promotes and walks all of them: the smaller the batch, the less it copies. Measured on the
 * benchmark's 100,000 re-evaluated components (refresh after 100 changed advisories):
 * - SQLite: batches of 5,000 took 8.2–10.4 s (median of six runs 8.9 s) with a peak RSS of
 *   747–822 MiB; of 1,000, 6.2–9.1 s (median of five 7.6 s) and 414–436 MiB (runs without
 *   PostgreSQL). Earlier: 20,000 took 11.5 s and 1,039 MiB.
 * - PostgreSQL: 13.0 and 13.5 s with 5,000, 13.4 and 16.5 s with 1,000: each batch costs round trips
 *   to the server, so it keeps the larger batch.
 */
export const refreshBatchComponents: Readonly<Record<Dialect, number>> = { sqlite: 1_000, postgres: 5_000 };

/** Consecutive groups of whole units with about `size` components each (a larger unit is a group alone). */
function* unitBatches(units: readonly AnalysisUnit[], size: number): Generator<AnalysisUnit[]> {
  let batch: AnalysisUnit[] = [];
  let n = 0;
  for (const u of units) {
    if (n > 0 && n + u.components.length > size) {
      yield batch;
      batch = [];
      n = 0;
    }
    batch.push(u);
    n += u.components.length;
  }
  if (batch.length > 0) yield batch;
}

function addCounts(a: AnalysisCounts, b: AnalysisCounts): AnalysisCounts {
  return {
    components: a.components + b.components,
    findings: a.findings + b.findings,
    unevaluated: a.unevaluated + b.unevaluated,
    new: a.new + b.new,
    changed: a.changed + b.changed,
    withdrawn: a.withdrawn + b.withdrawn,
    gone: a.gone + b.gone,
  };
}

/** Which triage decisions to list: none applies yet, or one of these VEX states (own, carried forward or component-wide). */
export type DecisionFilter = readonly (VexState | 'undecided')[];

export interface ReleaseFindingsView {
  /** Each finding with the triage decision that applies to it (null: undecided). */
  readonly page: Page<FindingRecord & { readonly applied: AppliedDecision | null }>;
  readonly analysis: ReleaseAnalysisView | null;
}

/**
 * A release's last analysis, with the refresh that brought its findings up to date since (null: none
 * did): an incremental refresh re-evaluates only what the database's changes touched, so it leaves
 * the analysis itself as it was, yet the release's findings are current at the refresh's position
 * (QA secops 5: the page read "Last analysed … #22092" after refreshes had brought it to #34992).
 */
export interface ReleaseAnalysisView extends ReleaseAnalysis {
  readonly refreshedAt: string | null;
  readonly refreshedSeq: number | null;
}

export async function listReleaseFindings(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  filter: FindingFilter & { readonly decision?: DecisionFilter | undefined },
  page: PageRequest,
): Promise<Result<ReleaseFindingsView>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const release = await findRelease(db, actor.organizationId, releaseId);
  if (!release) return releaseNotFound(releaseId);
  const analyses = await releaseAnalyses(db, actor.organizationId, [releaseId]);
  const analysed = analyses.get(releaseId);
  const refreshed = analysed ? await releaseRefreshedAfterAnalysis(db, actor.organizationId, releaseId) : null;
  const analysis: ReleaseAnalysisView | null = analysed ? { ...analysed, refreshedAt: refreshed?.at ?? null, refreshedSeq: refreshed?.seq ?? null } : null;
  if (filter.decision && filter.decision.length > 0) {
    // The applied decision is chosen in code (carry-forward), so this filter runs on the whole
    // filtered set of the release before paging, as the triage queue does.
    const wanted = new Set<string>(filter.decision);
    const all = await allReleaseFindings(db, actor.organizationId, releaseId, filter);
    const { applied } = await findingDecisions(db, actor.organizationId, all);
    const kept = all.map((f, i) => ({ ...f, applied: applied[i] ?? null })).filter((f) => wanted.has(f.applied?.decision.state ?? 'undecided'));
    return ok({ page: { items: kept.slice(page.offset, page.offset + page.limit), total: kept.length, limit: page.limit, offset: page.offset }, analysis });
  }
  const rows = await listReleaseFindingRows(db, actor.organizationId, releaseId, filter, page);
  const { applied } = await findingDecisions(db, actor.organizationId, rows.items);
  return ok({ page: { ...rows, items: rows.items.map((f, i) => ({ ...f, applied: applied[i] ?? null })) }, analysis });
}

export async function listUnevaluated(ctx: ServiceContext, actor: Actor, releaseId: string) {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await findRelease(ctx.store.db, actor.organizationId, releaseId);
  if (!release) return releaseNotFound(releaseId);
  return ok(await unevaluatedOfRelease(ctx.store.db, actor.organizationId, releaseId));
}

export async function listVulnerabilities(
  ctx: ServiceContext,
  actor: Actor,
  filter: { q?: string | undefined; severity?: readonly Severity[] | undefined; kev?: boolean | undefined; archived?: ArchivedFilter | undefined },
  page: PageRequest,
): Promise<Result<Page<VulnerabilitySummaryRow>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  return ok(await listVulnerabilityRows(ctx.store.db, actor.organizationId, filter, page));
}

/**
 * Up to which change of the vulnerability database the organisation's findings are current: the
 * last refresh, or (never refreshed) the oldest analysis; with when the last refresh ran. Null when
 * no release has been analysed.
 */
export async function findingsCurrency(ctx: ServiceContext, actor: Actor): Promise<Result<{ seq: number; refreshedAt: string | null } | null>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  return ok(await findingsPosition(ctx.store.db, actor.organizationId));
}

/**
 * Every id of a vulnerability as the database's records spell them (the id as given when the
 * database does not know it), and whether it knows it: a record, a KEV entry or an EPSS score under
 * it or an alias. People type ids in any case; ids are looked up case-insensitively, never shown changed.
 */
function idsFor(source: VulnDbSource, id: string): { ids: string[]; known: boolean } {
  const reader = source.reader();
  const text = id.trim();
  const spellings = idSpellings(text);
  const ids = new Map<string, string>();
  if (reader)
    for (const s of spellings) {
      const group = reader.idsOf(s);
      if (group.length === 1) {
        const e = reader.enrichment(group);
        if (reader.recordById(s) === null && e.kev === null && e.epss === null) continue;
      }
      for (const alias of group) if (!ids.has(alias.toUpperCase())) ids.set(alias.toUpperCase(), alias);
    }
  if (ids.size > 0) return { ids: [...ids.values()], known: true };
  return { ids: [text], known: false };
}

/** A release affected by a vulnerability; `via`: the record naming the id as related through which the row's finding is there (null: the finding is the vulnerability itself). */
export type AffectedViaRow = PortfolioRow & { readonly via: string | null };

export interface AffectedView {
  readonly id: string;
  readonly ids: readonly string[];
  /** The records of the vulnerability database that name the id as related (searched too), sorted. */
  readonly relatedBy: readonly string[];
  /** A page of rows and their total. */
  readonly page: Page<AffectedViaRow>;
}

/**
 * The records that name any spelling or alias of the id as related (RSEC-2023-8 names the seven
 * cmark-gfm CVEs its R package bundles; ADR 0010 addendum 14), other than the vulnerability's own
 * records: one lookup in the vulnerability database. Every finding made from such a record carries
 * the record's id among its ids, so the findings store is searched for these ids as they are: the
 * stored findings need no new column and no re-analysis.
 */
function relatedRecordsFor(source: VulnDbSource, text: string, ids: readonly string[]): string[] {
  const reader = source.reader();
  if (!reader) return [];
  const own = new Set(ids.map((i) => i.toUpperCase()));
  return reader.relatedBy([...new Set([...idSpellings(text), ...ids])]).filter((r) => !own.has(r.toUpperCase()));
}

/**
 * Which products and releases an id affects (CVE-X, GHSA-Y or any alias), also through the records
 * that name it as related (`via`): a page of them and their total. An id that neither the
 * vulnerability database (a record, KEV, EPSS, or a record naming it as related) nor any finding of
 * the organisation knows is `vulnerability.not_found`. Archived products and releases are left out
 * unless asked for. One lookup in the vulnerability database, one paged query of the store.
 */
export async function affectedBy(ctx: ServiceContext, actor: Actor, source: VulnDbSource, id: string, page: PageRequest, archived: ArchivedFilter = 'exclude'): Promise<Result<AffectedView>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const text = id.trim();
  if (text === '') return err('request.invalid', 'Give a vulnerability id (CVE-…, GHSA-…, or another alias).');
  const { ids, known } = idsFor(source, text);
  const relatedBy = relatedRecordsFor(source, text, ids);
  const rows = await affectedByRows(ctx.store.db, actor.organizationId, ids, page, archived, relatedBy);
  if (!known && relatedBy.length === 0 && rows.total === 0 && !(await anyFindingNames(ctx.store.db, actor.organizationId, ids)))
    return err('vulnerability.not_found', `No vulnerability ${text} in the vulnerability database or in this organisation's findings.`, { details: { id: text } });
  return ok({ id: text, ids, relatedBy, page: { ...rows, items: withVia(rows.items, relatedBy) } });
}

/** Rows of the affected-by query with `via`: the naming record as the database spells it, or null. */
function withVia(rows: readonly AffectedRow[], relatedBy: readonly string[]): AffectedViaRow[] {
  const recordOf = new Map(relatedBy.map((r) => [r.toUpperCase(), r]));
  return rows.map(({ relatedHit, ...row }) => ({ ...row, via: relatedHit === null ? null : (recordOf.get(relatedHit) ?? relatedHit) }));
}

/** Active findings that became new since a date, newest first: a page and the total. */
export async function newSince(ctx: ServiceContext, actor: Actor, since: string, page: PageRequest, archived: ArchivedFilter = 'exclude'): Promise<Result<Page<PortfolioRow>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  return ok(await newlyAffectedSince(ctx.store.db, actor.organizationId, since, page, archived));
}

/** Known-exploited findings in releases in the field, earliest due date first: a page and the total. */
export async function kevInField(ctx: ServiceContext, actor: Actor, page: PageRequest, archived: ArchivedFilter = 'exclude'): Promise<Result<Page<PortfolioRow>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  return ok(await kevInFieldRows(ctx.store.db, actor.organizationId, page, archived));
}

export interface SeverityPoint {
  readonly date: string;
  readonly counts: Readonly<Record<Severity, number>>;
}

const emptyCounts = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 });

/**
 * Active findings per severity at the end of each day with events, from the events counted per day:
 * `new` adds one of its severity, `changed` (with a previous severity) moves one from the previous
 * severity to the new one, `withdrawn` and `gone` take one away. A count never goes below zero at
 * the end of a day.
 */
export function severityTimelineOfDeltas(deltas: readonly SeverityDelta[]): SeverityPoint[] {
  const byDay = new Map<string, SeverityDelta[]>();
  for (const d of deltas) {
    const list = byDay.get(d.day);
    if (list) list.push(d);
    else byDay.set(d.day, [d]);
  }
  const counts = emptyCounts();
  const points: SeverityPoint[] = [];
  for (const date of [...byDay.keys()].sort()) {
    for (const d of byDay.get(date)!) {
      if (d.kind === 'new') counts[d.severity] += d.count;
      else if (d.kind === 'changed') {
        if (d.previousSeverity) {
          counts[d.previousSeverity] -= d.count;
          counts[d.severity] += d.count;
        }
      } else counts[d.severity] -= d.count;
    }
    for (const s of Object.keys(counts) as Severity[]) counts[s] = Math.max(0, counts[s]);
    points.push({ date, counts: { ...counts } });
  }
  return points;
}

/** The same timeline from events read one by one (each counts once). */
export function severityTimeline(events: readonly FindingEventRecord[]): SeverityPoint[] {
  return severityTimelineOfDeltas(events.map((e) => ({ day: e.at.slice(0, 10), kind: e.kind, severity: e.severity, previousSeverity: e.previousSeverity, count: 1 })));
}

/** Active findings per severity over time, for one release or the organisation (the events counted by the database). */
export async function severityHistory(ctx: ServiceContext, actor: Actor, releaseId: string | null): Promise<Result<SeverityPoint[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (releaseId) {
    const release = await findRelease(ctx.store.db, actor.organizationId, releaseId);
    if (!release) return releaseNotFound(releaseId);
  }
  return ok(severityTimelineOfDeltas(await severityDeltas(ctx.store.db, actor.organizationId, releaseId)));
}

/**
 * A page of a release's finding events, oldest first, with their total. A release's events come
 * from two tables (its own rows and the events of the contents its findings point at, ADR 0014),
 * merged in order by listFindingEvents, so the window is taken from the merged list.
 */
export async function releaseEvents(ctx: ServiceContext, actor: Actor, releaseId: string, page: PageRequest): Promise<Result<Page<FindingEventRecord>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await findRelease(ctx.store.db, actor.organizationId, releaseId);
  if (!release) return releaseNotFound(releaseId);
  const all = await listFindingEvents(ctx.store.db, actor.organizationId, releaseId);
  return ok({ items: all.slice(page.offset, page.offset + page.limit), total: all.length, limit: page.limit, offset: page.offset });
}

export interface FeedsStatus {
  readonly available: boolean;
  /** The vulnerability database file on the server: for admins only (null for other roles). */
  readonly path: string | null;
  readonly lastSeq: number | null;
  readonly problem: string | null;
  /** How often the server checks the database and re-analyses by itself, and whether it waits for the lease; null when it does not. */
  readonly autoAnalysis: { readonly checkSeconds: number; readonly waitingForLease: MonitorState['waitingForLease'] } | null;
  /** This node's database is behind the one the findings were computed with (findings monitor). */
  readonly databaseBehind: MonitorState['databaseBehind'];
  /** Days after which a feed's newest data is stale (`defaultStaleDays`). */
  readonly staleDays: number;
  /** Feeds whose newest data is stale, or whose last sync failed (src/vulndb/feed-states.ts). */
  readonly outdated: readonly OutdatedFeed[];
}

export interface OutdatedFeed extends FeedState {
  readonly ageDays: number | null;
  readonly stale: boolean;
}

/**
 * Whether feeds have been imported: the UI says "no feeds imported yet" rather than failing. With
 * the server's findings monitor, also whether (and how often) it analyses by itself. And which
 * feeds are out of date at `now`: their newest data older than `defaultStaleDays`, or their last
 * sync failed (a database copied in months late looks imported, not current).
 * Where the database lies on the server is the operator's business: only admins get its path; for
 * other roles (an external auditor) it is left out, and named in words in the problem text.
 */
export function feedsStatus(
  source: VulnDbSource,
  actor: Actor,
  monitor?: { readonly automatic: boolean; readonly checkSeconds: number; state?(): MonitorState },
  now: Date = new Date(),
): FeedsStatus {
  const reader = source.reader();
  const admin = actor.role === 'admin';
  const problem = source.problem();
  const state = monitor?.state?.();
  return {
    available: reader !== null,
    path: admin ? source.path : null,
    lastSeq: reader ? reader.lastSeq() : null,
    problem: admin || problem === null ? problem : pathsInWords(problem, source.path),
    autoAnalysis: monitor?.automatic ? { checkSeconds: monitor.checkSeconds, waitingForLease: state?.waitingForLease ?? null } : null,
    // The node that computed the findings is named by host and file: the file only for admins.
    databaseBehind: state?.databaseBehind ? (admin ? state.databaseBehind : { ...state.databaseBehind, basisNode: nodeHost(state.databaseBehind.basisNode) }) : null,
    staleDays: defaultStaleDays,
    outdated: (reader?.feedStates?.() ?? [])
      .map((f) => ({ ...f, ...feedAge(f, now, defaultStaleDays) }))
      .filter((f) => f.stale || f.lastFailure !== null),
  };
}

/** A message with the database file's path (and its directory) replaced by words. */
function pathsInWords(message: string, file: string): string {
  let text = message.split(file).join('the vulnerability database file');
  const dir = path.dirname(file);
  if (path.isAbsolute(dir) && dir !== path.parse(dir).root) text = text.split(dir).join('the data directory');
  return text;
}

export interface VulnerabilityDetail {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string | null;
  readonly details: string | null;
  /** First public disclosure (firstPublished: records and the KEV date added). */
  readonly published: string | null;
  readonly publishedFrom: PublishedFrom | null;
  readonly modified: string | null;
  readonly withdrawn: string | null;
  readonly severity: Severity;
  readonly cvss: readonly CvssSummary[];
  readonly epss: { score: number; percentile: number; date: string } | null;
  readonly kev: { dateAdded: string; dueDate: string | null; ransomware: boolean } | null;
  readonly cwes: readonly string[];
  readonly references: readonly { type: string; url: string }[];
  readonly records: readonly { id: string; source: 'osv' | 'nvd' }[];
  /**
   * The records that name the id as related, other than its own (ADR 0010 addendum 14), sorted. An id
   * with no record of its own that such records name has a detail too: `records` empty, this not.
   */
  readonly relatedBy: readonly string[];
  /**
   * The first `detailAffectedLimit` rows of the releases it affects (archived ones marked), also those
   * through the records naming it as related (`via`): the first page of the affected-by question.
   */
  readonly affected: readonly AffectedViaRow[];
  /** How many rows the affected-by question has in all (archived included). */
  readonly affectedTotal: number;
  /** The first `detailAffectedLimit` entries of the OSV records' `affected` lists (what `mamori vuln show` lists). */
  readonly affectedPackages: readonly AffectedPackage[];
  readonly affectedPackagesTotal: number;
  readonly feeds: FeedsStatus;
}

/** A package an OSV record says is affected: its ranges' events, the versions that fix it. */
export interface AffectedPackage {
  readonly record: string;
  readonly ecosystem: string | null;
  readonly name: string | null;
  readonly purl: string | null;
  readonly ranges: readonly { type: string; repo: string | null; events: readonly { kind: OsvEventKind; version: string }[] }[];
  readonly fixedVersions: readonly string[];
  readonly versionCount: number;
}

/** The OSV records' affected packages, in record order, the first `limit` of them and how many in all. */
function affectedPackagesOf(osv: readonly Advisory[], limit: number): { items: AffectedPackage[]; total: number } {
  const items: AffectedPackage[] = [];
  let total = 0;
  for (const a of osv)
    for (const af of a.affected) {
      total++;
      if (items.length >= limit) continue;
      const ranges = af.ranges.map((r) => ({ type: r.type, repo: r.repo, events: r.events.map((e) => ({ kind: eventKind(e), version: eventVersion(e) })) }));
      const fixed = ranges.filter((r) => r.type !== 'GIT').flatMap((r) => r.events.filter((e) => e.kind === 'fixed').map((e) => e.version));
      items.push({
        record: a.id,
        ecosystem: af.package?.ecosystem ?? null,
        name: af.package?.name ?? null,
        purl: af.package?.purl ?? null,
        ranges,
        fixedVersions: [...new Set(fixed)],
        versionCount: af.versions.length,
      });
    }
  return { items, total };
}

/** At most this many affected rows in a vulnerability's detail (the page limit of the affected-by question). */
export const detailAffectedLimit = 500;

function isAdvisory(r: Advisory | NvdCve): r is Advisory {
  return 'affected' in r;
}

/** The id as the records naming it as related spell it (an OSV `upstream` entry), or null. */
function relatedSpelling(reader: VulnDbReader, relatedBy: readonly string[], spellings: readonly string[]): string | null {
  const wanted = new Set(spellings.map((x) => x.toUpperCase()));
  for (const id of relatedBy) {
    const r = reader.recordById(id);
    const found = r && isAdvisory(r) ? r.upstream.find((u) => wanted.has(u.toUpperCase())) : undefined;
    if (found !== undefined) return found;
  }
  return null;
}

/**
 * One vulnerability by any of its ids: aliases, references, CVSS (each vector with its source), EPSS
 * and KEV from the vulnerability database, the records naming it as related, and the releases of the
 * organisation it affects (also through those records, `via`). Without a record of its own, what the
 * stored findings hold; without those either, what the database knows of the id (the records naming
 * it as related, its KEV entry and EPSS score). An id known to neither is `vulnerability.not_found`.
 */
export async function getVulnerability(
  ctx: ServiceContext,
  actor: Actor,
  source: VulnDbSource,
  id: string,
  monitor?: Parameters<typeof feedsStatus>[2],
): Promise<Result<VulnerabilityDetail>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const reader = source.reader();
  const feeds = feedsStatus(source, actor, monitor, ctx.clock());
  const text = id.trim();
  const spellings = idSpellings(text);
  const ids = new Set<string>();
  const records: (Advisory | NvdCve)[] = [];
  if (reader)
    for (const s of spellings) {
      // A spelling the database does not know comes back alone and without a record: skipped.
      const group = reader.idsOf(s);
      const found = group.map((alias) => reader.recordById(alias)).filter((r): r is Advisory | NvdCve => r !== null);
      if (group.length === 1 && found.length === 0) continue;
      for (const alias of group) ids.add(alias);
      for (const r of found) if (!records.some((x) => x.id === r.id)) records.push(r);
    }
  for (const r of records) ids.add(r.id);
  // The records naming it as related (RSEC-2023-8 names CVE-2023-22486, which has no record of its own).
  const relatedBy = relatedRecordsFor(source, text, [...ids]);
  // The releases it affects, archived ones too (marked): the first page of the affected-by question,
  // with the findings of the records naming it as related (`via`).
  const affectedPage = await affectedByRows(ctx.store.db, actor.organizationId, [...new Set([...spellings, ...ids].map((i) => i.toUpperCase()))], { limit: detailAffectedLimit, offset: 0 }, 'include', relatedBy);
  const affected = withVia(affectedPage.items, relatedBy);
  const affectedTotal = affectedPage.total;
  if (records.length === 0) {
    // Not in the database (or none imported): its own stored findings still describe it.
    const ownRow = affected.find((r) => r.via === null);
    const stored = ownRow ? await findFindingRow(ctx.store.db, actor.organizationId, ownRow.findingId) : undefined;
    if (!stored) {
      // Known to the database only as an id: named as related by records, or with a KEV entry or an EPSS score.
      const notFound = err('vulnerability.not_found', `No vulnerability ${text} in the vulnerability database or in this organisation's findings.`, { details: { id: text } });
      if (!reader) return notFound;
      const own = reader.enrichment(spellings);
      if (relatedBy.length === 0 && own.kev === null && own.epss === null) return notFound;
      // The id as the database spells it: in a naming record, else as KEV or EPSS list it.
      const listed = spellings.find((x) => {
        const e = reader.enrichment([x]);
        return e.kev !== null || e.epss !== null;
      });
      const kevCve = own.kev && spellings.find((x) => reader.enrichment([x]).kev !== null);
      return ok({
        id: relatedSpelling(reader, relatedBy, spellings) ?? listed ?? text,
        aliases: [],
        summary: null,
        details: null,
        published: own.kev?.dateAdded ?? null,
        publishedFrom: own.kev && kevCve ? { source: 'kev', id: kevCve } : null,
        modified: null,
        withdrawn: null,
        // No rating of its own: the rows' severities are the naming records' vulnerabilities'.
        severity: headlineCvss(own.cvss)?.severity ?? 'unknown',
        cvss: own.cvss,
        epss: own.epss,
        kev: own.kev,
        cwes: [],
        references: [],
        records: [],
        relatedBy,
        affected,
        affectedTotal,
        affectedPackages: [],
        affectedPackagesTotal: 0,
        feeds,
      });
    }
    return ok({
      id: stored.vulnerabilityId,
      aliases: stored.aliases,
      summary: stored.summary,
      details: null,
      published: null,
      publishedFrom: null,
      modified: null,
      withdrawn: null,
      severity: stored.severity,
      cvss: stored.cvss,
      epss: stored.epss && { ...stored.epss, date: '' },
      kev: stored.kev ? { dateAdded: '', dueDate: stored.kevDueDate, ransomware: false } : null,
      cwes: [],
      references: [],
      records: [],
      relatedBy,
      affected,
      affectedTotal,
      affectedPackages: [],
      affectedPackagesTotal: 0,
      feeds,
    });
  }
  const all = [...ids];
  const canonical = canonicalId(all);
  const enrichment = reader!.enrichment(all);
  const osv = records.filter(isAdvisory);
  const cves = records.filter((r): r is NvdCve => !isAdvisory(r));
  const description = cves.map((c) => nvdDescription(c)).find((d) => d !== undefined) ?? null;
  const references = new Map<string, string>();
  for (const a of osv) for (const ref of a.references) references.set(ref.url, ref.type);
  for (const c of cves) for (const ref of c.references) if (!references.has(ref.url)) references.set(ref.url, ref.tags[0] ?? 'WEB');
  const packages = affectedPackagesOf(osv, detailAffectedLimit);
  const first = <T>(values: (T | null | undefined)[]): T | null => values.find((v) => v !== null && v !== undefined) ?? null;
  // The same rating as a finding's severity and score (headlineCvss), not the worst of all ratings.
  const worst = headlineCvss(enrichment.cvss)?.severity;
  // The first public disclosure: the records' publication dates and the day KEV listed it (its CVE
  // is the one whose entry the enrichment took: the earliest dateAdded of the group's CVE ids).
  const kevCve = enrichment.kev && all.filter((i) => i.startsWith('CVE-')).find((i) => reader!.enrichment([i]).kev?.dateAdded === enrichment.kev!.dateAdded);
  const published = firstPublished([
    ...osv.map((a) => ({ source: 'osv' as const, id: a.id, date: a.published })),
    ...cves.map((c) => ({ source: 'nvd' as const, id: c.id, date: c.published })),
    ...(enrichment.kev && kevCve ? [{ source: 'kev' as const, id: kevCve, date: enrichment.kev.dateAdded }] : []),
  ]);
  return ok({
    id: canonical,
    aliases: all.filter((i) => i !== canonical).sort(),
    summary: first([...osv.map((a) => a.summary), description]),
    details: first([...osv.map((a) => a.details), description]),
    published: published?.date ?? null,
    publishedFrom: published?.from ?? null,
    modified: latestDate([...osv.map((a) => a.modified), ...cves.map((c) => c.lastModified)]),
    withdrawn: osv.length > 0 && osv.every((a) => a.withdrawn !== null) ? osv[0]!.withdrawn : null,
    // A known malicious package is critical, as the matcher rates its findings (core/vulns/malicious-package.ts).
    severity: isMaliciousPackage(all) ? 'critical' : (worst ?? affected.find((r) => r.via === null)?.severity ?? 'unknown'),
    cvss: enrichment.cvss,
    epss: enrichment.epss,
    kev: enrichment.kev,
    cwes: [...new Set(cves.flatMap((c) => c.weaknesses.flatMap((w) => w.cwes)))].sort(),
    references: [...references].map(([url, type]) => ({ type, url })),
    records: records.map((r) => ({ id: r.id, source: isAdvisory(r) ? ('osv' as const) : ('nvd' as const) })),
    relatedBy,
    affected,
    affectedTotal,
    affectedPackages: packages.items,
    affectedPackagesTotal: packages.total,
    feeds,
  });
}
