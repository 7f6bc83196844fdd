/**
 * Dependency-Track's findings and metrics of a project, which CI plugins read after an upload to
 * gate a build (the Jenkins plugin's synchronous publishing, GitHub and GitLab actions): the project
 * is a release, its uuid the release id (as `GET /api/v1/project/lookup` answers it), and the
 * findings are the release's current (active) ones with the triage decision that applies to each,
 * in DT's words (core/vulns/dependency-track.ts: states, suppression, severities, counts).
 *
 * What mamori does not have is left out, as DT leaves out what a finding lacks: no `subtitle`,
 * `recommendation`, OWASP scores or `published`; no DT policies (the metrics' policy violation
 * counts are 0).
 */
import { createHash } from 'node:crypto';
import { authorize, type Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import { headlineCvss } from '../core/vulns/cvss/headline.js';
import {
  cweNumbers,
  dtAliases,
  dtAnalysis,
  dtProjectCounts,
  dtSeverityOf,
  dtSeverityRank,
  dtSource,
  type DtAnalysis,
  type DtProjectCounts,
  type DtSeverity,
  type DtSource,
} from '../core/vulns/dependency-track.js';
import type { CvssSummary } from '../core/vulns/finding.js';
import {
  allReleaseFindings,
  releaseFindingsChangedAt,
  type FindingRecord,
} from '../store/repositories/findings.js';
import { findRelease } from '../store/repositories/releases.js';
import { componentNames, inventorySummary } from '../store/repositories/sboms.js';
import type { VulnDbReader } from '../vulndb/reader.js';
import type { ServiceContext } from './context.js';
import { findingDecisions, type AppliedDecision } from './finding-decisions.js';
import type { VulnDbSource } from './vulndb-source.js';

/** One finding in DT's Finding JSON shape (fields DT would leave out as null are absent). */
export interface DtFinding {
  readonly component: {
    readonly uuid: string;
    readonly name: string;
    readonly group?: string;
    readonly version?: string;
    readonly purl?: string;
    readonly cpe?: string;
    readonly project: string;
  };
  readonly vulnerability: {
    readonly uuid: string;
    readonly vulnId: string;
    readonly source: DtSource;
    readonly title?: string;
    readonly description?: string;
    readonly severity: DtSeverity;
    readonly severityRank: number;
    readonly cvssV2BaseScore?: number;
    readonly cvssV2Vector?: string;
    readonly cvssV3BaseScore?: number;
    readonly cvssV3Vector?: string;
    readonly epssScore?: number;
    readonly epssPercentile?: number;
    readonly cweId?: number;
    readonly cwes?: { readonly cweId: number }[];
    readonly aliases: Record<string, string>[];
  };
  readonly analysis: DtAnalysis;
  readonly attribution: { readonly analyzerIdentity: 'INTERNAL_ANALYZER'; readonly attributedOn: number };
  readonly matrix: string;
}

export interface DtProjectMetrics extends DtProjectCounts {
  /** Epoch ms: since when the numbers hold (the newest change to the findings, their decisions or the inventory). */
  readonly firstOccurrence: number;
  /** Epoch ms: when they were measured (mamori measures them when asked). */
  readonly lastOccurrence: number;
}

// RFC 9562 name-based UUIDs (version 5) of vulnerability ids under mamori's own namespace: the same
// vulnerability has the same uuid in every project and every call, as a DT vulnerability does.
const vulnerabilityNamespace = Buffer.from('5d0b9a3e1f6c4e2a9b7d3c8e6a4f2b10', 'hex');

/** The uuid mamori gives a vulnerability id in DT's answers (UUID version 5, stable). */
export function dtVulnerabilityUuid(vulnerabilityId: string): string {
  const hash = createHash('sha1').update(vulnerabilityNamespace).update(vulnerabilityId, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const projectNotFound = (uuid: string): Result<never> =>
  err('release.not_found', 'The project could not be found.', { details: { uuid } });

/** The release a DT project uuid names, in the actor's organisation (another organisation's: not found). */
async function projectRelease(ctx: ServiceContext, actor: Actor, uuid: string): Promise<Result<string>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const id = uuid.toLowerCase();
  const release = await findRelease(ctx.store.db, actor.organizationId, id);
  return release ? ok(release.id) : projectNotFound(uuid);
}

interface CurrentFinding {
  readonly finding: FindingRecord;
  readonly applied: AppliedDecision | null;
  readonly analysis: DtAnalysis;
}

/** A release's active findings, each with the decision that applies and its DT analysis. */
async function currentFindings(
  ctx: ServiceContext,
  organizationId: string,
  releaseId: string,
): Promise<CurrentFinding[]> {
  const db = ctx.store.db;
  const findings = await allReleaseFindings(db, organizationId, releaseId, { status: 'active' });
  const { applied } = await findingDecisions(db, organizationId, findings);
  return findings.map((finding, i) => {
    const a = applied[i] ?? null;
    return { finding, applied: a, analysis: dtAnalysis(a?.decision.state ?? null) };
  });
}

/** The component a finding is counted against: its component row, else (removed since) the package version. */
const componentOf = (f: FindingRecord): string => f.componentId ?? `${f.packageKey}@${f.componentVersion}`;

function cvssOf(
  list: readonly CvssSummary[],
  versions: readonly CvssSummary['version'][],
): CvssSummary | null {
  return headlineCvss(list.filter((c) => versions.includes(c.version)));
}

/**
 * CWE numbers of a vulnerability from the records of the vulnerability database that carry them:
 * NVD weaknesses and OSV `database_specific.cwe_ids` (GitHub advisories), of any of its ids. Records
 * are read once per id (`cache`).
 */
function cwesOf(
  reader: VulnDbReader,
  ids: readonly string[],
  cache: Map<string, readonly string[]>,
): number[] {
  const found: string[] = [];
  for (const id of ids) {
    let cwes = cache.get(id);
    if (cwes === undefined) {
      const record = reader.recordById(id);
      if (record === null) cwes = [];
      else if ('weaknesses' in record) cwes = record.weaknesses.flatMap((w) => w.cwes);
      else {
        const listed = record.database_specific?.['cwe_ids'];
        cwes = Array.isArray(listed) ? listed.filter((x): x is string => typeof x === 'string') : [];
      }
      cache.set(id, cwes);
    }
    found.push(...cwes);
  }
  return cweNumbers(found);
}

/**
 * The CWEs of each finding (same order), or null for every one when the vulnerability database is
 * missing or cannot be read: CWEs are extra information, and a build gate reads the findings without them.
 */
function cwesOfFindings(vulnDb: VulnDbSource, findings: readonly FindingRecord[]): (number[] | null)[] {
  try {
    const reader = vulnDb.reader();
    if (reader === null) return findings.map(() => null);
    const cache = new Map<string, readonly string[]>();
    const read = () => findings.map((f) => cwesOf(reader, [f.vulnerabilityId, ...f.aliases], cache));
    return reader.snapshot ? reader.snapshot(read) : read();
  } catch {
    return findings.map(() => null);
  }
}

function dtFinding(
  project: string,
  c: CurrentFinding,
  component: { name: string; group: string | null; cpe: string | null } | undefined,
  cwes: number[] | null,
): DtFinding {
  const f = c.finding;
  const componentUuid = f.componentId ?? f.id;
  const vulnUuid = dtVulnerabilityUuid(f.vulnerabilityId);
  const severity = dtSeverityOf[f.severity];
  const v2 = cvssOf(f.cvss, ['2.0']);
  const v3 = cvssOf(f.cvss, ['3.0', '3.1']);
  // An OSV record's summary is a title; NVD's text (a finding made by CPE alone) is a description.
  const fromOsv = f.evidence.some((e) => e.method === 'osv-purl');
  return {
    component: {
      uuid: componentUuid,
      // The finding's name is group/name (how mamori names a package); DT's is the component's own.
      name: component?.name ?? f.componentName,
      ...(component?.group ? { group: component.group } : {}),
      ...(f.componentVersion ? { version: f.componentVersion } : {}),
      ...(f.componentPurl ? { purl: f.componentPurl } : {}),
      ...(component?.cpe ? { cpe: component.cpe } : {}),
      project,
    },
    vulnerability: {
      uuid: vulnUuid,
      vulnId: f.vulnerabilityId,
      source: dtSource(f.vulnerabilityId),
      ...(f.summary ? (fromOsv ? { title: f.summary } : { description: f.summary }) : {}),
      severity,
      severityRank: dtSeverityRank(severity),
      ...(v2 ? { cvssV2BaseScore: v2.baseScore, cvssV2Vector: v2.vector } : {}),
      ...(v3 ? { cvssV3BaseScore: v3.baseScore, cvssV3Vector: v3.vector } : {}),
      ...(f.epss ? { epssScore: f.epss.score, epssPercentile: f.epss.percentile } : {}),
      ...(cwes && cwes.length > 0 ? { cweId: cwes[0]!, cwes: cwes.map((cweId) => ({ cweId })) } : {}),
      aliases: dtAliases(f.vulnerabilityId, f.aliases),
    },
    analysis: { ...c.analysis },
    attribution: { analyzerIdentity: 'INTERNAL_ANALYZER', attributedOn: Date.parse(f.firstSeenAt) },
    matrix: `${project}:${componentUuid}:${vulnUuid}`,
  };
}

/**
 * DT's `GET /api/v1/finding/project/{uuid}`: the release's current findings, unsuppressed ones only
 * unless `suppressed` (then all), narrowed to one DT `source` when given.
 */
export async function dtProjectFindings(
  ctx: ServiceContext,
  actor: Actor,
  vulnDb: VulnDbSource,
  uuid: string,
  options: { readonly suppressed: boolean; readonly source?: string | undefined },
): Promise<Result<DtFinding[]>> {
  const release = await projectRelease(ctx, actor, uuid);
  if (!release.ok) return release;
  const kept = (await currentFindings(ctx, actor.organizationId, release.value)).filter(
    (c) =>
      (options.suppressed || !c.analysis.isSuppressed) &&
      (options.source === undefined || dtSource(c.finding.vulnerabilityId) === options.source),
  );
  const components = await componentNames(
    ctx.store.db,
    actor.organizationId,
    kept.flatMap((c) => (c.finding.componentId ? [c.finding.componentId] : [])),
  );
  const cwes = cwesOfFindings(
    vulnDb,
    kept.map((c) => c.finding),
  );
  return ok(
    kept.map((c, i) =>
      dtFinding(
        release.value,
        c,
        c.finding.componentId ? components.get(c.finding.componentId) : undefined,
        cwes[i] ?? null,
      ),
    ),
  );
}

/**
 * DT's `GET /api/v1/metrics/project/{uuid}/current`, computed from the release's current findings
 * when asked. `lastOccurrence` is now; `firstOccurrence` the newest change behind the numbers: a
 * finding that appeared, changed or ended, a decision that applies, a component stored or edited.
 */
export async function dtProjectMetrics(
  ctx: ServiceContext,
  actor: Actor,
  uuid: string,
): Promise<Result<DtProjectMetrics>> {
  const release = await projectRelease(ctx, actor, uuid);
  if (!release.ok) return release;
  const db = ctx.store.db;
  const findings = await currentFindings(ctx, actor.organizationId, release.value);
  const inventory = await inventorySummary(db, actor.organizationId, release.value);
  const counts = dtProjectCounts(
    findings.map((c) => ({
      severity: dtSeverityOf[c.finding.severity],
      analysis: c.analysis,
      component: componentOf(c.finding),
    })),
    inventory.count,
  );
  const now = ctx.clock().getTime();
  const changes = [
    await releaseFindingsChangedAt(db, actor.organizationId, release.value),
    inventory.updatedAt,
    ...findings.map((c) => c.applied?.decision.createdAt ?? null),
  ];
  let newest = Number.NEGATIVE_INFINITY;
  for (const at of changes) {
    const ms = at === null ? Number.NaN : Date.parse(at);
    if (Number.isFinite(ms) && ms > newest) newest = ms;
  }
  // Never after the measurement (a clock that moved back), and now when nothing is known.
  return ok({
    ...counts,
    firstOccurrence: Number.isFinite(newest) ? Math.min(newest, now) : now,
    lastOccurrence: now,
  });
}
