import { z } from 'zod';
import { componentTypes } from '../core/sbom/model.js';
import { isTimestamp, serialNumberPattern, timestampPattern } from '../core/sbom/serial-number.js';
import { supportStatuses } from '../core/sbom/support-status.js';
import { dtAnalysisStates, dtSeverities, dtSources } from '../core/vulns/dependency-track.js';
import { Id, IsoDate, IsoDateTime, PageQuery } from './common.js';

export const SbomDiagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  location: z.string(),
  message: z.string(),
  rule: z.string().nullable(),
  args: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('The values the message was built from, for a translated message (by code; for schema errors by args.keyword)'),
});

export const SbomSummary = z
  .object({
    id: Id,
    releaseId: Id,
    format: z.enum(['cyclonedx', 'spdx']),
    specVersion: z.string(),
    encoding: z.enum(['json', 'xml', 'tag-value']),
    fileName: z.string(),
    sha256: z.string().describe('SHA-256 of the original file, kept unchanged'),
    sizeBytes: z.number().int(),
    source: z.enum(['upload', 'ci', 'generated']),
    serialNumber: z.string().nullable(),
    bomVersion: z.number().int().nullable(),
    documentTimestamp: z.string().nullable(),
    componentCount: z.number().int(),
    dependencyCount: z.number().int(),
    warningCount: z.number().int(),
    createdAt: IsoDateTime,
    createdBy: z.string(),
  })
  .meta({ id: 'SbomSummary' });

export const SbomDetail = SbomSummary.extend({
  metadata: z.record(z.string(), z.unknown()).describe('Document metadata in the version-agnostic model'),
  diagnostics: z.array(SbomDiagnostic),
}).meta({ id: 'SbomDetail' });

export const SbomUploadQuery = z.object({
  fileName: z.string().min(1).max(255).default('sbom'),
});

export const ComponentType = z.enum(componentTypes);

export const ComponentView = z
  .object({
    id: Id,
    origin: z.enum(['sbom', 'manual']).describe('From the current SBOM, or added by hand'),
    primary: z
      .boolean()
      .describe("The SBOM's primary component: what the document describes (CycloneDX metadata.component, SPDX's described package). Components nested in it have it as their parent; it is analysed like every other component"),
    parentId: Id.nullable(),
    bomRef: z.string(),
    type: ComponentType,
    name: z.string(),
    version: z.string().nullable(),
    group: z.string().nullable(),
    supplier: z.string().nullable(),
    purl: z.string().nullable(),
    cpe: z.string().nullable(),
    license: z.string().nullable().describe('The licenses as one SPDX expression (or names)'),
    hashes: z.array(z.object({ alg: z.string(), content: z.string() })),
    description: z.string().nullable(),
    supportLevel: z.string().nullable(),
    endOfSupport: z.string().nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Component' });

export const ComponentListQuery = PageQuery.extend({
  q: z.string().max(200).optional().describe('Text found in the name, group, version, purl, CPE, supplier or licence (case and width ignored)'),
  type: ComponentType.optional(),
  origin: z.enum(['sbom', 'manual']).optional(),
  sort: z
    .enum(['name', 'version', 'type', 'supplier', 'license', 'purl', 'supportLevel', 'endOfSupport'])
    .default('name')
    .describe(
      'Empty values come last in either direction. Versions sort naturally (1.10.0 after 1.9.0); components with the same name are ordered by version. ' +
        'Support levels sort by meaning: actively maintained, security fixes only, no longer maintained, abandoned (or 保守継続中, セキュリティ修正のみ, 保守終了, 放棄), then other text',
    ),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const ComponentPage = z.object({
  items: z.array(ComponentView),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  sbom: SbomSummary.nullable().describe('The SBOM the inventory comes from (the newest of the release)'),
});

const nullableText = (max: number) => z.string().max(max).nullable();
const licenseText =
  'An SPDX licence expression (e.g. MIT, Apache-2.0 OR MIT, LicenseRef-acme-eula) whose licence ids are on the SPDX License List and WITH exceptions on its exception list, stored with the ids in the list\'s spelling (mit → MIT); any other text (a licence name, or a word such as Proprietary that is not a listed id) is recorded as the licence name (exported as CycloneDX license.name, SPDX LicenseRef-… with hasExtractedLicensingInfos)';

export const ComponentCreate = z.object({
  type: ComponentType.default('application'),
  name: z.string().min(1).max(300),
  version: nullableText(200).default(null),
  group: nullableText(300).default(null),
  supplier: nullableText(300).default(null),
  purl: nullableText(1000).default(null),
  cpe: nullableText(1000).default(null),
  license: nullableText(1000).default(null).describe(licenseText),
  description: nullableText(5000).default(null),
  supportLevel: nullableText(200).default(null).describe('e.g. "actively maintained", "no longer maintained", "abandoned"'),
  endOfSupport: nullableText(10).default(null).describe('YYYY-MM-DD'),
});

export const ComponentPatch = z.object({
  type: ComponentType.optional(),
  name: z.string().min(1).max(300).optional(),
  version: nullableText(200).optional(),
  group: nullableText(300).optional(),
  supplier: nullableText(300).optional(),
  purl: nullableText(1000).optional(),
  cpe: nullableText(1000).optional(),
  license: nullableText(1000).optional().describe(licenseText),
  description: nullableText(5000).optional(),
  supportLevel: nullableText(200).optional(),
  endOfSupport: nullableText(10).optional(),
});

/**
 * Dependency-Track's BOM upload (PUT /api/v1/bom), so existing CI plugins upload unchanged. Unlike the
 * rest of the API this body is open (z.looseObject, not closed by strictInput): DT's BomSubmitRequest
 * has grown fields over its releases — parentUUID, parentName and parentVersion (4.8), projectTags and
 * isLatest (4.12) — and its clients (Jenkins, GitHub Actions, Maven/Gradle plugins, scripts) send
 * them, or fields of newer DT versions, whether or not the server uses them. mamori has no project
 * hierarchy, tags or "latest" flag, so it accepts and ignores them, as DT itself ignores what it
 * does not know; refusing them would break the pipelines this endpoint exists for.
 */
const dtIgnored = (what: string) => z.unknown().optional().describe(`Dependency-Track ${what}; accepted for compatibility and ignored`);
export const DtBomUpload = z.looseObject({
  project: z.string().optional().describe('Release id (Dependency-Track project UUID)'),
  projectName: z.string().max(200).optional().describe('Product name'),
  projectVersion: z.string().max(100).optional().describe('Release version'),
  autoCreate: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  bom: z.string().describe('The SBOM, base64-encoded'),
  parentUUID: dtIgnored('parent project UUID (4.8+)'),
  parentName: dtIgnored('parent project name (4.8+)'),
  parentVersion: dtIgnored('parent project version (4.8+)'),
  projectTags: dtIgnored('project tags, [{ name }] (4.12+)'),
  isLatest: dtIgnored('"latest version" flag (4.12+)'),
});

export const DtBomToken = z.object({ token: z.string() });
export const DtBomProcessing = z.object({ processing: z.boolean() });
export const DtProjectLookup = z.looseObject({
  name: z.string().max(200).describe('Product name (Dependency-Track project name)'),
  version: z.string().max(100).describe('Release version (Dependency-Track project version)'),
});
export const DtProject = z
  .object({
    uuid: z.string().describe('Release id (the project UUID that uploads and mamori take)'),
    name: z.string().describe('Product name'),
    version: z.string().describe('Release version'),
  })
  .describe('A release in the shape of a Dependency-Track project (only uuid, name and version)');

/** A project uuid in a path: the release id (as project/lookup answers it). Malformed: 400, as DT (4.11+) answers; unknown: 404. */
export const DtProjectParams = z.object({
  uuid: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'Invalid UUID')
    .describe('Release id (Dependency-Track project UUID, as GET /api/v1/project/lookup answers it)'),
});

/** DT reads its boolean query parameters as Java does: "true" in any case is true, anything else false. */
const dtBoolean = z
  .string()
  .optional()
  .transform((v) => v?.toLowerCase() === 'true');

export const DtFindingsQuery = z.looseObject({
  suppressed: dtBoolean.describe('true: also the suppressed findings (decided not_affected, false_positive, resolved or resolved_with_pedigree); otherwise only the unsuppressed ones, as Dependency-Track'),
  source: z.string().max(50).optional().describe('Only findings of this Dependency-Track vulnerability source: NVD (CVE ids), GITHUB (GHSA ids), OSV (other OSV ids)'),
});

const DtCwe = z.object({ cweId: z.number().int() });
export const DtFinding = z
  .object({
    component: z.object({
      uuid: z.string().describe('The component id (the finding id when the component has been removed since)'),
      name: z.string(),
      group: z.string().optional(),
      version: z.string().optional(),
      purl: z.string().optional(),
      cpe: z.string().optional(),
      project: z.string().describe('The release id'),
    }),
    vulnerability: z.object({
      uuid: z.string().describe('A UUID of the vulnerability id, the same in every project and answer (UUID version 5)'),
      vulnId: z.string().describe('Canonical id: CVE, else GHSA, else the smallest'),
      source: z.enum(dtSources).describe('NVD for CVE ids, GITHUB for GHSA ids, OSV for other OSV ids'),
      title: z.string().optional().describe('The OSV summary, for findings made by an OSV record'),
      description: z.string().optional().describe('The NVD description, for findings made by CPE alone'),
      severity: z.enum(dtSeverities).describe('critical, high, medium, low → the same; none (CVSS 0.0) → INFO; unknown → UNASSIGNED'),
      severityRank: z.number().int().describe('Position of the severity in CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED (0–5)'),
      cvssV2BaseScore: z.number().optional(),
      cvssV2Vector: z.string().optional(),
      cvssV3BaseScore: z.number().optional(),
      cvssV3Vector: z.string().optional(),
      epssScore: z.number().optional(),
      epssPercentile: z.number().optional(),
      cweId: z.number().int().optional().describe('The first of `cwes` (Dependency-Track before 4.5)'),
      cwes: z.array(DtCwe).optional().describe('CWE numbers from the NVD and GitHub advisory records in the vulnerability database; absent when none (or the database is missing)'),
      aliases: z.array(z.record(z.string(), z.string())).describe('One object per other id, pairing it with vulnId: cveId, ghsaId, osvId, snykId, sonatypeId'),
    }),
    analysis: z.object({
      state: z.enum(dtAnalysisStates).describe('The triage decision that applies (user guide 9.8): none → NOT_SET; in_triage, exploitable, false_positive, not_affected, resolved → the same; resolved_with_pedigree → RESOLVED'),
      isSuppressed: z.boolean().describe('The decision closes the finding: false_positive, not_affected, resolved, resolved_with_pedigree'),
    }),
    attribution: z.object({
      analyzerIdentity: z.literal('INTERNAL_ANALYZER'),
      attributedOn: z.number().int().describe('Epoch ms: when the finding was first seen'),
    }),
    matrix: z.string().describe('projectUuid:componentUuid:vulnerabilityUuid'),
  })
  .describe('A current finding of the release in the shape of a Dependency-Track Finding');
export const DtFindingList = z.array(DtFinding);

const dtCount = (what: string) => z.number().int().describe(what);
const dtNoPolicies = z.literal(0).describe('Always 0: mamori has no Dependency-Track policies');
export const DtProjectMetrics = z
  .object({
    critical: dtCount('Unsuppressed findings of severity critical'),
    high: dtCount('Unsuppressed findings of severity high'),
    medium: dtCount('Unsuppressed findings of severity medium'),
    low: dtCount('Unsuppressed findings of severity low, and of severity none (INFO), as Dependency-Track counts them'),
    unassigned: dtCount('Unsuppressed findings of unknown severity'),
    vulnerabilities: dtCount('Unsuppressed findings'),
    vulnerableComponents: dtCount('Components with an unsuppressed finding'),
    components: dtCount('Components of the release (current SBOM and manual ones)'),
    suppressed: dtCount('Suppressed findings'),
    findingsTotal: dtCount('Unsuppressed findings'),
    findingsAudited: dtCount('Unsuppressed findings in a state other than NOT_SET and IN_TRIAGE'),
    findingsUnaudited: dtCount('findingsTotal − findingsAudited'),
    inheritedRiskScore: z.number().describe('critical × 10 + high × 5 + medium × 3 + low × 1 + unassigned × 5'),
    policyViolationsFail: dtNoPolicies,
    policyViolationsWarn: dtNoPolicies,
    policyViolationsInfo: dtNoPolicies,
    policyViolationsTotal: dtNoPolicies,
    policyViolationsAudited: dtNoPolicies,
    policyViolationsUnaudited: dtNoPolicies,
    policyViolationsSecurityTotal: dtNoPolicies,
    policyViolationsSecurityAudited: dtNoPolicies,
    policyViolationsSecurityUnaudited: dtNoPolicies,
    policyViolationsLicenseTotal: dtNoPolicies,
    policyViolationsLicenseAudited: dtNoPolicies,
    policyViolationsLicenseUnaudited: dtNoPolicies,
    policyViolationsOperationalTotal: dtNoPolicies,
    policyViolationsOperationalAudited: dtNoPolicies,
    policyViolationsOperationalUnaudited: dtNoPolicies,
    firstOccurrence: z.number().int().describe('Epoch ms: since when the numbers hold (the newest change to the findings, their decisions or the components)'),
    lastOccurrence: z.number().int().describe('Epoch ms: when they were measured (now: mamori computes them when asked)'),
  })
  .describe('The release’s current findings counted in the shape of Dependency-Track ProjectMetrics');

export const QualityProfileSummary = z.object({
  id: z.enum(['ntia-2021', 'cisa-2026', 'fda', 'jp-mhlw', 'bsi-tr-03183-2']),
  title: z.object({ en: z.string(), ja: z.string() }),
  source: z
    .object({ en: z.string(), ja: z.string() })
    .describe('The document the profile follows (issuer, title, edition), as each UI language writes it'),
  versionDate: z.string(),
  requiredChecks: z.number().int(),
  recommendedChecks: z.number().int(),
});

export const QualityQuery = z.object({
  profile: QualityProfileSummary.shape.id.default('jp-mhlw'),
});

export const QualityReport = z
  .record(z.string(), z.unknown())
  .describe('Per check pass/fail with source and fix, per component results, score and fix-it list (see src/core/sbom/quality/quality-report.ts)')
  .meta({ id: 'QualityReport' });

export const DiffQuery = z.object({
  against: Id.describe('The older release to compare with'),
});

const VersionChange = z.enum(['upgraded', 'downgraded', 'changed', 'unchanged']);

const DiffComponentRef = z
  .object({
    identity: z.string().describe('What the component is matched by: its purl without version and qualifiers, else name:<type>/<group>/<name>'),
    bomRef: z.string(),
    name: z.string(),
    group: z.string().nullable(),
    version: z.string().nullable(),
    purl: z.string().nullable(),
    cpe: z.string().nullable().describe('Shown where there is no purl (firmware, commercial software named by CPE only)'),
    parents: z.array(z.string()).describe('bom-refs of the components it is nested in, outermost first (the primary component for one nested in it)'),
  })
  .meta({ id: 'DiffComponentRef' });

const DiffFieldChange = z.object({
  field: z.enum(['licenses', 'supplier', 'supportLevel', 'endOfSupport', 'hashes', 'purl']),
  old: z.string().nullable(),
  new: z.string().nullable(),
});

const ComponentChange = z
  .object({
    identity: z.string(),
    old: DiffComponentRef,
    new: DiffComponentRef,
    versionChange: VersionChange,
    fieldChanges: z.array(DiffFieldChange),
  })
  .meta({ id: 'ComponentChange' });

export const PrimaryComponentDiff = z
  .object({
    change: z
      .enum(['added', 'removed', 'replaced', 'changed', 'unchanged'])
      .describe(
        'added/removed: only the newer/older release has a primary component; replaced: the two describe different products (other purl without version; without purls, other name or group), whose versions are not compared and which are both compared in the lists as ordinary components; changed: the same product, and its name, group, version or a field differs',
      ),
    old: DiffComponentRef.nullable().describe('null when the older release has no primary component'),
    new: DiffComponentRef.nullable().describe('null when this release has no primary component'),
    versionChange: VersionChange.nullable().describe('null when one release has no primary component or when it was replaced'),
    renamed: z.boolean().describe('The name or group differs (with change "changed": the same product renamed, its purl unchanged)'),
    fieldChanges: z.array(DiffFieldChange),
  })
  .meta({ id: 'PrimaryComponentDiff' });

export const SbomDiff = z
  .object({
    primary: PrimaryComponentDiff.nullable().describe(
      'The primary component (what the SBOM describes: CycloneDX metadata.component, SPDX described package), compared on its own and, unless replaced by another product, never in the lists; null when neither release has one. Components nested in it are in the lists like the others.',
    ),
    added: z.array(DiffComponentRef),
    removed: z.array(DiffComponentRef),
    upgraded: z.array(ComponentChange),
    downgraded: z.array(ComponentChange),
    versionChanged: z.array(ComponentChange).describe('The version differs but the generic rule cannot order the two'),
    modified: z.array(ComponentChange).describe('Same version, other fields changed'),
    summary: z.object({
      oldComponents: z.number().int().describe('Components of the older release, the primary component included'),
      newComponents: z.number().int().describe('Components of this release, the primary component included'),
      added: z.number().int(),
      removed: z.number().int(),
      upgraded: z.number().int(),
      downgraded: z.number().int(),
      versionChanged: z.number().int(),
      modified: z.number().int(),
      unchanged: z.number().int(),
      licenseChanges: z.number().int(),
      supplierChanges: z.number().int(),
      supportChanges: z.number().int(),
      hashChanges: z.number().int(),
      purlChanges: z.number().int(),
    }),
  })
  .describe('The primary component, then components added, removed, upgraded, downgraded, changed and modified, with a summary (see src/core/sbom/diff.ts)')
  .meta({ id: 'SbomDiff' });

export const ExportQuery = z.object({
  format: z.enum(['cyclonedx-1.6-json', 'cyclonedx-1.6-xml', 'spdx-2.3-json']).default('cyclonedx-1.6-json'),
  variant: z.enum(['full', 'hospital']).default('full').describe("hospital: internal properties and people's e-mail addresses and phone numbers left out"),
  // The rule of the writers and of `mamori sbom convert` (core/sbom/serial-number.ts), so the API and the CLI agree.
  serialNumber: z
    .string()
    .regex(serialNumberPattern, { message: 'Must be urn:uuid: followed by a lower-case UUID.' })
    .optional()
    .describe('Serial number of the document (default: derived from the exported inventory and the variant)'),
  timestamp: z
    .string()
    .regex(timestampPattern, { message: 'Must be an RFC 3339 date-time with seconds and a time zone, e.g. 2026-04-01T09:30:00Z.' })
    .refine(isTimestamp, { message: 'Must be a date and time that exist (e.g. not 2026-02-30).' })
    .meta({ format: 'date-time' })
    .optional()
    .describe('RFC 3339 date-time with seconds and a time zone, e.g. 2026-04-01T09:30:00Z or 2026-04-01T18:30:00+09:00 (default: now)'),
});

const AsOf = IsoDate.optional().describe('The date the status column is decided for, YYYY-MM-DD (default: today, UTC)');

export const SupportQuery = z.object({ asOf: AsOf });

export const SupportReportQuery = z.object({
  format: z.enum(['csv', 'pdf', 'html']).default('csv').describe('csv: for Excel (UTF-8 with a byte order mark); pdf and html: the document with its summary'),
  lang: z.enum(['ja', 'en']).default('ja'),
  asOf: AsOf,
});

const SupportStatus = z.enum(supportStatuses);

export const SupportTable = z
  .object({
    release: z.object({ id: Id, version: z.string(), releaseDate: z.string().nullable(), endOfSupport: z.string().nullable() }),
    product: z.object({ id: Id, name: z.string(), manufacturer: z.string(), modelNumbers: z.array(z.string()) }),
    sbom: z.object({ id: Id, fileName: z.string(), sha256: z.string() }).nullable().describe('The current SBOM the rows come from; null when the release has manual components only'),
    asOf: z.string().describe('The date the status column is decided for'),
    generatedAt: IsoDateTime,
    rows: z.array(
      z.object({
        name: z.string(),
        group: z.string().nullable(),
        version: z.string().nullable(),
        supplier: z.string().nullable(),
        purl: z.string().nullable(),
        cpe: z.string().nullable(),
        supportLevel: z.string().nullable().describe('As recorded'),
        knownLevel: z.enum(['actively maintained', 'security fixes only', 'no longer maintained', 'abandoned']).nullable().describe('The known level the recorded text means (English or Japanese spelling), null for other text and none'),
        supportLevelText: z.object({ en: z.string(), ja: z.string() }).describe("The level in each language's words ('' for none)"),
        endOfSupport: z.string().nullable(),
        status: SupportStatus,
        origin: z.enum(['sbom', 'primary', 'manual']).describe("sbom: from the current SBOM; primary: the SBOM's primary component; manual: added in mamori"),
      }),
    ).describe('Sorted by name (case ignored), then version (natural order), then group, purl, CPE, supplier, origin'),
    summary: z.object({
      total: z.number().int(),
      byLevel: z.array(z.object({ level: z.string().nullable(), known: z.boolean(), count: z.number().int() })).describe('The four known levels (each, even at 0), other texts, then null for components without a level'),
      byStatus: z.record(SupportStatus, z.number().int()),
      withoutSupportLevel: z.number().int(),
      withoutEndOfSupport: z.number().int(),
      withoutInformation: z.number().int(),
      pastEndOfSupport: z.number().int(),
    }),
  })
  .describe('The FDA support table of a release (src/core/sbom/support-status.ts has the status rules)')
  .meta({ id: 'SupportTable' });
