/**
 * Vulnerabilities and findings: findings per release with their evidence, analysis and re-analysis,
 * the vulnerability list and detail, and the portfolio questions (affected by an id, newly affected
 * since a date, known-exploited in the field).
 */
import { z } from 'zod';
import { severities } from '../core/vulns/finding.js';
import { vexJustifications, vexResponses, vexStates } from '../core/vex/model.js';
import { ArchivedQuery, Id, IsoDate, IsoDateTime, PageQuery, pageOf } from './common.js';

export const Severity = z.enum(severities as unknown as ['none', 'low', 'medium', 'high', 'critical', 'unknown']).describe('none, low, medium, high, critical, unknown');
export const FindingStatus = z
  .enum(['active', 'withdrawn', 'resolved-by-upgrade', 'gone'])
  .describe('active; withdrawn (every record behind it was withdrawn); resolved-by-upgrade (the package is in the release at another version); gone (removed, or no longer covered)');
export const FindingEventKind = z.enum(['new', 'changed', 'withdrawn', 'gone']);

export const OutdatedFeed = z
  .object({
    feed: z.string().describe('osv:<Ecosystem> (base ecosystem), nvd, jvn, kev or epss'),
    records: z.number().int().describe('OSV records naming the ecosystem, NVD or JVN records, KEV entries or EPSS scores in the database'),
    newest: z.string().nullable().describe('Date of the data as the feed writes it: the newest record modified date, the KEV catalog date, the EPSS score date; null when unknown'),
    ageDays: z.number().int().nullable().describe('Whole days from `newest` to now'),
    stale: z.boolean().describe('The newest data is older than `staleDays`'),
    lastImportedAt: IsoDateTime.nullable().describe('End of the last import (feeds import or sync) that read data of the feed; null when none is logged'),
    implausibleDates: z
      .number()
      .int()
      .optional()
      .describe('Records (or the feed date) dated before 1990 or more than a day in the future: left out of `newest`; absent when there are none'),
    lastFailure: z
      .object({ at: IsoDateTime, error: z.string() })
      .nullable()
      .describe('The last sync of the feed, when it failed after the last import'),
  })
  .meta({ id: 'OutdatedFeed' });

export const FeedsStatus = z
  .object({
    available: z.boolean().describe('false while no feeds have been imported (the vulnerability database file does not exist)'),
    path: z.string().nullable().describe('The vulnerability database file on the server, for admins; null for other roles'),
    lastSeq: z.number().int().nullable().describe('Newest change sequence number of the vulnerability database'),
    problem: z.string().nullable(),
    autoAnalysis: z
      .object({
        checkSeconds: z.number().int().describe('How often the server checks the vulnerability database for changes'),
        waitingForLease: z
          .object({ holder: z.string().describe('The server process that holds it: host and PID'), until: IsoDateTime.describe('When its lease lapses unless it renews it') })
          .nullable()
          .describe('Another server process on the same database holds the lease on the periodic check (ADR 0015): this one waits; null when it holds it or nobody does'),
      })
      .nullable()
      .describe('Set when the server analyses by itself: each release after its inventory changes, every analysed release after the database changes (ADR 0015); null when only people start analyses'),
    databaseBehind: z
      .object({
        basisNode: z.string().describe('The node (host and file path) whose vulnerability database the findings were computed with'),
        organizations: z.number().int().describe('Organisations whose findings this node must not analyse'),
        reasons: z.array(z.string()).describe('What this node’s database lacks: a feed, newer data of a feed, later changes'),
      })
      .nullable()
      .describe('This server node’s vulnerability database is behind the one the findings were computed with: it does not analyse (ADR 0015 addendum); null when it is not, or not known (automatic analysis off)'),
    staleDays: z.number().int().describe('A feed whose newest data is older than this many days is stale'),
    outdated: z.array(OutdatedFeed).describe('Feeds whose newest data is stale, or whose last sync failed (findings miss what was published since)'),
  })
  .meta({ id: 'FeedsStatus' });

export const CvssSummary = z.object({
  version: z.enum(['2.0', '3.0', '3.1', '4.0']),
  vector: z.string(),
  baseScore: z.number(),
  severity: Severity,
  source: z.string(),
});

export const FindingEvidence = z.object({
  method: z.enum(['osv-purl', 'nvd-cpe']),
  identifier: z.string(),
  ecosystem: z.string().nullable(),
  package: z.string().nullable(),
  recordId: z.string(),
  rule: z.string(),
  scheme: z.string().nullable(),
  fallback: z.boolean(),
  range: z.string().nullable(),
  events: z.array(z.record(z.string(), z.string())),
  confidence: z.number(),
  explanation: z.string(),
});

export const Finding = z
  .object({
    id: Id,
    releaseId: Id,
    componentId: Id.nullable().describe('The component in the current inventory (null once removed)'),
    componentName: z.string(),
    componentVersion: z.string(),
    componentPurl: z.string().nullable(),
    vulnerabilityId: z.string().describe('Canonical id: CVE, else GHSA, else the smallest'),
    aliases: z.array(z.string()),
    summary: z.string().nullable(),
    severity: Severity,
    cvssScore: z.number().nullable(),
    cvss: z.array(CvssSummary),
    epss: z.object({ score: z.number(), percentile: z.number() }).nullable(),
    kev: z.boolean().describe('In the CISA Known Exploited Vulnerabilities catalog'),
    kevDueDate: IsoDate.nullable(),
    fixedVersions: z.array(z.string()),
    evidence: z.array(FindingEvidence),
    status: FindingStatus,
    firstSeenAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    changedAt: IsoDateTime,
    computedAtSeq: z.number().int().describe('Sequence number of the vulnerability database the finding was computed at'),
  })
  .meta({ id: 'Finding' });

/** The triage decision that applies to a finding, as the findings list shows it (the full record and history: GET /findings/{id}/triage). */
export const FindingDecision = z
  .object({
    id: Id,
    state: z.enum(vexStates).describe('CycloneDX analysis.state'),
    justification: z.enum(vexJustifications).nullable().describe('CycloneDX analysis.justification (not_affected / false_positive)'),
    responses: z.array(z.enum(vexResponses)),
    detail: z.string().nullable().describe('Why: the reasoning recorded with the decision'),
    origin: z.enum(['own', 'carried', 'component']).describe('own: made on this finding; carried: made on an earlier release; component: component-wide'),
    createdAt: IsoDateTime,
    createdBy: z.string(),
  })
  .meta({ id: 'FindingDecision' });

export const ReleaseFinding = Finding.extend({
  decision: FindingDecision.nullable().describe('The triage decision that applies (own, carried forward or component-wide); null: undecided'),
}).meta({ id: 'ReleaseFinding' });

export const decisionFilterValues = ['undecided', ...vexStates] as const;
const decisionList = z
  .string()
  .transform((v, c) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of list)
      if (!(decisionFilterValues as readonly string[]).includes(s)) {
        c.addIssue({ code: 'custom', message: `Unknown decision "${s}": use ${decisionFilterValues.join(', ')}.` });
        return z.NEVER;
      }
    return list as (typeof decisionFilterValues)[number][];
  })
  .describe(`Comma-separated triage decisions (the applied VEX state, or undecided), e.g. undecided,in_triage: ${decisionFilterValues.join(', ')}`);

export const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');
export const severityList = z
  .string()
  .transform((v, c) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of list)
      if (!(severities as readonly string[]).includes(s)) {
        c.addIssue({ code: 'custom', message: `Unknown severity "${s}": use ${severities.join(', ')}.` });
        return z.NEVER;
      }
    return list as (typeof severities)[number][];
  })
  .describe('Comma-separated severities, e.g. critical,high');

export const FindingListQuery = PageQuery.extend({
  severity: severityList.optional(),
  kev: booleanText.optional().describe('true: only KEV findings; false: only others'),
  status: z.enum(['active', 'withdrawn', 'resolved-by-upgrade', 'gone', 'all']).default('active'),
  q: z.string().max(200).optional().describe('Substring of the vulnerability id, aliases, component name or purl'),
  decision: decisionList.optional(),
});

export const ReleaseAnalysis = z.object({
  releaseId: Id,
  sbomId: Id.nullable(),
  analysedAt: IsoDateTime,
  seq: z.number().int(),
  componentCount: z.number().int(),
  unevaluatedCount: z.number().int(),
  refreshedAt: IsoDateTime.nullable().describe('When a refresh (after vulnerability database changes) last brought the findings up to date since this analysis; null if none did'),
  refreshedSeq: z.number().int().nullable().describe('The vulnerability database change that refresh brought the findings to; null if none did'),
});

export const FindingPage = z
  .object({
    items: z.array(ReleaseFinding),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    analysis: ReleaseAnalysis.nullable().describe('The last analysis of the release, null if never analysed'),
    analysisPending: z.boolean().describe('An automatic analysis of the release (after an SBOM upload or a component change) is waiting or running'),
    feeds: FeedsStatus,
  })
  .meta({ id: 'FindingPage' });

export const UnevaluatedComponent = z.object({
  componentId: Id,
  name: z.string(),
  version: z.string().nullable(),
  purl: z.string().nullable(),
  reason: z
    .string()
    .describe(
      'no-identifier, no-version, purl-invalid, ecosystem-unsupported, cpe-matching-off, cpe-invalid, version-unparseable, git-range-only, ecosystem-not-in-database (the vulnerability database holds no advisory of the ecosystem: nothing was compared)',
    ),
  detail: z.string(),
});

export const FindingEvent = z.object({
  id: Id,
  releaseId: Id,
  findingId: Id,
  vulnerabilityId: z.string(),
  kind: FindingEventKind,
  at: IsoDateTime,
  seq: z.number().int(),
  severity: Severity,
  previousSeverity: Severity.nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const FindingEventPage = pageOf(FindingEvent);

const counts = {
  components: z.number().int().describe('Components of the release looked at: those evaluated and those that could not be (`unevaluated`)'),
  findings: z.number().int().describe('Findings made by this evaluation'),
  unevaluated: z.number().int().describe('Of `components`, those that could not be evaluated (no usable purl or CPE, no version, …)'),
  new: z.number().int(),
  changed: z.number().int(),
  withdrawn: z.number().int(),
  gone: z.number().int(),
};

export const AnalysisSummary = z.object({ releaseId: Id, seq: z.number().int(), analysedAt: IsoDateTime, ...counts }).meta({ id: 'AnalysisSummary' });
export const RefreshSummary = z
  .object({
    fromSeq: z.number().int(),
    toSeq: z.number().int(),
    changes: z.number().int(),
    packageVersions: z.number().int().describe('Package versions of the touched packages, each evaluated once (ADR 0014)'),
    releases: z.number().int().describe('Releases whose components were re-evaluated one by one: a package version whose findings appeared or went, a changed SBOM, or an analysis from before migration 0015'),
    ...counts,
    components: z.number().int().describe('Components re-evaluated one by one (a package version whose findings only changed content is evaluated once, not per component)'),
  })
  .meta({ id: 'RefreshSummary' });

export const VulnerabilityListQuery = PageQuery.extend({
  severity: severityList.optional(),
  kev: booleanText.optional(),
  q: z.string().max(200).optional().describe('Substring of the id, aliases or summary'),
  archived: ArchivedQuery.describe('Findings of archived products and releases: left out (default), included, or alone'),
});

export const VulnerabilitySummary = z.object({
  vulnerabilityId: z.string(),
  severity: Severity.describe('The highest severity among its active findings'),
  cvssScore: z.number().nullable(),
  epssScore: z.number().nullable(),
  kev: z.boolean(),
  summary: z.string().nullable(),
  releases: z.number().int().describe('Releases with an active finding'),
  findings: z.number().int(),
  archivedReleases: z.number().int().describe('Of `releases`, those archived or of an archived product (0 unless archived ones are asked for)'),
});

export const VulnerabilityPage = z
  .object({
    items: z.array(VulnerabilitySummary),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    feeds: FeedsStatus,
    findingsCurrent: z
      .object({
        seq: z.number().int().describe('The vulnerability database change up to which the findings are current (compare feeds.lastSeq)'),
        refreshedAt: IsoDateTime.nullable().describe('When the findings were last re-analysed after feed changes; null if never'),
      })
      .nullable()
      .describe('Null while no release has been analysed'),
  })
  .meta({ id: 'VulnerabilityPage' });

export const PortfolioRow = z.object({
  productId: Id,
  productName: z.string(),
  releaseId: Id,
  releaseVersion: z.string(),
  stage: z.string(),
  archived: z.boolean().describe('The release or its product is archived (listed only when archived ones are asked for)'),
  findingId: Id,
  vulnerabilityId: z.string(),
  componentName: z.string(),
  componentVersion: z.string(),
  componentPurl: z.string().nullable(),
  severity: Severity,
  kev: z.boolean(),
  kevDueDate: z.string().nullable(),
  status: FindingStatus,
  fixedVersions: z.array(z.string()).describe('Versions of the component that fix it, from the finding'),
  firstSeenAt: IsoDateTime,
  at: IsoDateTime.nullable().describe('When the finding became new (newly-affected question only)'),
});

export const VulnerabilityIdParams = z.object({ id: z.string().min(1).max(200).describe('CVE-…, GHSA-…, or any other id of the vulnerability') });

export const AffectedByRow = PortfolioRow.extend({
  via: z
    .string()
    .nullable()
    .describe('The record that names the id as related (an OSV upstream id, a JVN record’s several CVEs) through which this finding is listed, e.g. RSEC-2023-8 for CVE-2023-22486; null when the finding is the vulnerability itself'),
});

/** The portfolio questions' paging and archived records (archived products and releases left out by default). */
export const PortfolioQuery = PageQuery.extend({ archived: ArchivedQuery.describe('Archived products and releases: left out (default), included (marked `archived`), or alone') });

export const AffectedBy = pageOf(AffectedByRow)
  .extend({
    id: z.string(),
    ids: z.array(z.string()).describe('Every id searched: the aliases as the records spell them (the id as given when the vulnerability database does not know it)'),
    relatedBy: z.array(z.string()).describe('Records of the vulnerability database that name the id as related, not as an alias (searched too; their rows carry `via`)'),
  })
  .meta({ id: 'AffectedBy' });

export const AffectedPackage = z
  .object({
    record: z.string().describe('The OSV record'),
    ecosystem: z.string().nullable().describe('OSV ecosystem; null for a record with Git ranges only'),
    name: z.string().nullable(),
    purl: z.string().nullable(),
    ranges: z.array(
      z.object({
        type: z.string().describe('SEMVER, ECOSYSTEM or GIT'),
        repo: z.string().nullable(),
        events: z.array(z.object({ kind: z.enum(['introduced', 'fixed', 'last_affected', 'limit']), version: z.string() })),
      }),
    ),
    fixedVersions: z.array(z.string()).describe('The versions of its ranges’ `fixed` events (Git ranges left out: a commit is no version)'),
    versionCount: z.number().int().describe('Versions the record lists as affected one by one'),
  })
  .meta({ id: 'AffectedPackage' });

export const VulnerabilityDetail = z
  .object({
    id: z.string(),
    aliases: z.array(z.string()),
    summary: z.string().nullable(),
    details: z.string().nullable(),
    published: z.string().nullable().describe('First public disclosure: the earliest of the records’ publication dates and the CISA KEV date added'),
    publishedFrom: z
      .object({ source: z.enum(['osv', 'nvd', 'jvn', 'kev']), id: z.string().describe('The record, or for KEV the CVE the catalog lists') })
      .nullable()
      .describe('Where `published` was read'),
    modified: z.string().nullable(),
    withdrawn: z.string().nullable(),
    severity: Severity,
    cvss: z.array(CvssSummary),
    epss: z.object({ score: z.number(), percentile: z.number(), date: z.string() }).nullable(),
    kev: z.object({ dateAdded: z.string(), dueDate: z.string().nullable(), ransomware: z.boolean() }).nullable(),
    cwes: z.array(z.string()),
    references: z.array(z.object({ type: z.string(), url: z.string() })),
    records: z.array(z.object({ id: z.string(), source: z.enum(['osv', 'nvd']) })).describe('The records of the vulnerability database behind it; empty for an id the database knows only as named by other records (`relatedBy`) or by its KEV entry or EPSS score'),
    relatedBy: z
      .array(z.string())
      .describe('Records of the vulnerability database that name the id as related, not as an alias (an OSV upstream list naming several vulnerabilities, a JVN record naming several CVEs), other than its own records; sorted. The releases affected through them are in `affected`, with `via`'),
    affected: z
      .array(AffectedByRow)
      .describe('Releases of this organisation with an active finding, archived ones included and marked, also those through the records in `relatedBy` (`via`): the first 500 (affectedTotal says how many there are; GET /affected-by/{id} pages through them)'),
    affectedTotal: z.number().int().describe('Rows of `affected` in all; more than its length when the list was cut'),
    affectedPackages: z
      .array(AffectedPackage)
      .describe('The packages the OSV records say are affected (as `mamori vuln show` lists them): the first 500; empty for an id without an OSV record'),
    affectedPackagesTotal: z.number().int().describe('Entries of the records’ `affected` lists in all; more than the length of `affectedPackages` when the list was cut'),
    feeds: FeedsStatus,
  })
  .meta({ id: 'VulnerabilityDetail' });

export const PortfolioPage = pageOf(PortfolioRow).meta({ id: 'PortfolioPage' });
export const NewSinceQuery = PortfolioQuery.extend({
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/, 'Must be a date YYYY-MM-DD or a UTC date and time (…T09:30:00Z).')
    .describe('Date (YYYY-MM-DD) or UTC date and time'),
});
export const SeverityHistoryQuery = z.object({ releaseId: Id.optional().describe('One release; the whole organisation when absent') });
export const SeverityHistory = z.object({
  points: z.array(z.object({ date: IsoDate, counts: z.record(Severity, z.number().int()) })).describe('Active findings per severity at the end of each day with events'),
});

export const CpeMatchingMode = z
  .enum(['off', 'without_purl', 'all'])
  .describe('CPE matching against NVD configurations: off; without_purl (default) — components without a usable purl; all — also components with a purl');
export const ComponentCpeOverride = z
  .object({
    component: z.string().min(1).max(500).describe('group/name of the component (name when it has no group); applies in every release, whatever the version'),
    cpeMatching: z.enum(['on', 'off']).describe('on — match this component by its CPE, also beside a purl; off — never'),
  })
  .meta({ id: 'ComponentCpeOverride' });
export const VulnSettings = z
  .object({
    productId: Id,
    cpeMatching: CpeMatchingMode,
    componentOverrides: z.array(ComponentCpeOverride).describe('Components whose CPE matching is switched whatever the product’s mode, sorted by component'),
    updatedAt: IsoDateTime.nullable().describe('null while the product uses the defaults'),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'VulnSettings' });
export const VulnSettingsPut = z.object({
  cpeMatching: CpeMatchingMode,
  componentOverrides: z.array(ComponentCpeOverride).max(1000).optional().describe('Replaces the list of component overrides; absent keeps it'),
});
export const VulnSettingsResult = VulnSettings.extend({
  reanalysedReleases: z.number().int().describe('Releases analysed again under the new settings (those analysed before)'),
}).meta({ id: 'VulnSettingsResult' });
