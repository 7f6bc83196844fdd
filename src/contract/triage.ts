/**
 * Triage (CycloneDX analysis vocabulary), clinical-impact priority, FDA risk decisions and clocks,
 * VEX export and import with proposed decisions awaiting review (docs/clinical-impact.md,
 * docs/vex-mapping.md).
 */
import { z } from 'zod';
import { clinicalQuestions, exposures } from '../core/triage/clinical.js';
import { vexJustifications, vexResponses, vexStates } from '../core/vex/model.js';
import { booleanText, Finding, severityList } from './findings.js';
import { Id, IsoDate, IsoDateTime, PageQuery, pageOf } from './common.js';

export const VexState = z.enum(vexStates).describe('CycloneDX analysis.state');
export const VexJustification = z.enum(vexJustifications).describe('CycloneDX analysis.justification (not_affected / false_positive only)');
export const VexResponse = z.enum(vexResponses);
export const TriageScope = z.enum(['finding', 'component']).describe('finding: this finding (carried forward to later releases of the product while package, version and vulnerability are unchanged); component: this package version and vulnerability in every product');

export const TriageBody = z
  .object({
    state: VexState,
    justification: VexJustification.nullable().default(null),
    responses: z.array(VexResponse).max(5).default([]),
    detail: z.string().max(20_000).nullable().default(null),
    actionStatement: z.string().max(20_000).nullable().default(null),
    scope: TriageScope.default('finding'),
  })
  .meta({ id: 'TriageBody' });

export const BulkTriageBody = TriageBody.extend({ findingIds: z.array(Id).min(1).max(5000) }).meta({ id: 'BulkTriageBody' });
export const BulkTriageResult = z.object({ decided: z.number().int(), decisionIds: z.array(Id) });

export const TriageDecision = z
  .object({
    id: Id,
    scope: TriageScope,
    findingId: Id.nullable(),
    releaseId: Id.nullable(),
    productId: Id.nullable(),
    packageKey: z.string(),
    componentVersion: z.string(),
    componentPurl: z.string().nullable(),
    vulnerabilityId: z.string(),
    state: VexState,
    justification: VexJustification.nullable(),
    responses: z.array(VexResponse),
    detail: z.string().nullable(),
    actionStatement: z.string().nullable(),
    source: z.enum(['manual', 'bulk', 'import']),
    proposalId: Id.nullable(),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    seq: z.number().int(),
  })
  .meta({ id: 'TriageDecision' });

export const DecisionOrigin = z.enum(['own', 'carried', 'component']).describe('own: made on this finding; carried: made on an earlier release; component: component-wide');

export const Priority = z
  .object({
    score: z.number(),
    band: z.enum(['P1', 'P2', 'P3', 'P4', 'closed']),
    inputs: z.object({
      baseVector: z.string().nullable(),
      baseScore: z.number().nullable(),
      environmentalVector: z.string().nullable(),
      environmentalScore: z.number(),
      epss: z.number().nullable(),
      kev: z.boolean(),
      exposure: z.enum(exposures).nullable(),
      exposureFactor: z.number(),
      harm: z.enum(['low', 'medium', 'high', 'critical']).nullable(),
      state: VexState.nullable(),
    }),
    terms: z.object({ cvss: z.number(), exploitation: z.number(), harm: z.number() }),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'TriagePriority' });

export const RiskControl = z.enum(['controlled', 'uncontrolled']);
export const Clock = z.object({
  kind: z.enum(['fda_communicate', 'fda_remediate', 'jp_adverse_event']),
  days: z.number().int(),
  dueOn: IsoDate,
  daysLeft: z.number().int(),
  overdue: z.boolean(),
});
export const RiskDecision = z
  .object({
    id: Id,
    findingId: Id,
    control: RiskControl,
    rationale: z.string(),
    awareOn: IsoDate,
    jpAdverseEvent: z.boolean(),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    seq: z.number().int(),
  })
  .meta({ id: 'RiskDecision' });
export const RiskDecisionBody = z.object({
  control: RiskControl,
  rationale: z.string().min(1).max(20_000),
  awareOn: IsoDate.nullable().default(null).describe('When the manufacturer became aware (default today)'),
  jpAdverseEvent: z.boolean().default(false).describe('A malfunction that could cause serious health harm in Japan: the 15-day report applies'),
});
export const RiskDecisionResult = z.object({ decision: RiskDecision, clocks: z.array(Clock) });

export const TriagedFinding = z
  .object({
    finding: Finding,
    productId: Id,
    releaseVersion: z.string(),
    decision: TriageDecision.nullable(),
    origin: DecisionOrigin.nullable(),
    riskDecision: RiskDecision.nullable(),
    clocks: z.array(Clock),
    priority: Priority,
  })
  .meta({ id: 'TriagedFinding' });

export const FindingTriage = z
  .object({
    current: TriagedFinding,
    history: z.array(TriageDecision.extend({ origin: DecisionOrigin })),
    riskHistory: z.array(RiskDecision),
  })
  .meta({ id: 'FindingTriage' });

const priorityBands = ['P1', 'P2', 'P3', 'P4', 'closed'] as const;
const bandList = z
  .string()
  .transform((v, c) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of list)
      if (!(priorityBands as readonly string[]).includes(s)) {
        c.addIssue({ code: 'custom', message: `Unknown priority band "${s}": use ${priorityBands.join(', ')}.` });
        return z.NEVER;
      }
    return list as (typeof priorityBands)[number][];
  })
  .describe('Comma-separated priority bands, e.g. P1,P2 (closed: findings a decision closed); overrides includeClosed');
export const TriageQueueQuery = PageQuery.extend({
  includeClosed: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  band: bandList.optional(),
  severity: severityList.optional(),
  kev: booleanText.optional().describe('true: only KEV findings; false: only others'),
  q: z.string().max(200).optional().describe('Substring of the vulnerability id, aliases, component name or purl'),
});
export const TriageQueue = pageOf(TriagedFinding).meta({ id: 'TriageQueue' });

const answers = z.object(Object.fromEntries(clinicalQuestions.map((q) => [q, z.boolean()])) as Record<(typeof clinicalQuestions)[number], z.ZodBoolean>);
export const ClinicalProfileBody = z
  .object({ answers: answers.describe('therapy delivery, diagnosis, monitoring, clinical workflow, patient data: can exploitation affect it?'), exposure: z.enum(exposures) })
  .meta({ id: 'ClinicalProfileBody' });
export const ClinicalProfile = ClinicalProfileBody.extend({
  productId: Id,
  updatedAt: z.string(),
  updatedBy: z.string(),
  configured: z.boolean().describe('false: never saved (defaults shown)'),
}).meta({ id: 'ClinicalProfile' });

export const VexExportQuery = z.object({
  format: z.enum(['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf_vex', 'csaf_security_advisory']).default('cyclonedx'),
  releaseId: Id.optional().describe('One release; default every release of the product'),
  vulnerabilityId: z.string().max(100).optional().describe('One vulnerability (canonical id or alias)'),
  lang: z.enum(['en', 'ja']).default('en'),
  namespace: z.url().optional().describe('CSAF publisher namespace (https URL of the manufacturer)'),
  variant: z
    .enum(['full', 'hospital'])
    .default('hospital')
    .describe('The release SBOM export the statements name (BOM-Links, CSAF x_generic_uris) or are embedded into (cyclonedx-embedded), and whose device BOM-Link is the OpenVEX product @id: hospital (internal properties and personal contact data left out) or full'),
});

export const VexImportQuery = z.object({ sourceName: z.string().min(1).max(300).default('upload.json') });
export const VexDocumentBody = z.record(z.string(), z.unknown()).describe('A CycloneDX BOM with vulnerabilities, an OpenVEX document or a CSAF document (JSON)');
export const VexImportSummary = z
  .object({
    importId: Id,
    format: z.string(),
    statements: z.number().int(),
    proposals: z.number().int(),
    unmatched: z.number().int(),
    matchedBy: z
      .object({ release: z.number().int(), sbom: z.number().int(), version: z.number().int(), product: z.number().int() })
      .describe('Matched statements by how their release was told: mamori release id, SBOM serial number (BOM-Link), release version, or none (every release, by vulnerability and component)'),
    unmatchedBecause: z
      .object({ vulnerability: z.number().int(), release: z.number().int(), component: z.number().int() })
      .describe('Unmatched statements by why: no finding has the vulnerability, not in the named release, not on the named component'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'VexImportSummary' });

export const ProposalListQuery = z.object({ status: z.enum(['pending', 'accepted', 'rejected', 'all']).default('pending') });
export const TriageProposal = z
  .object({
    id: Id,
    productId: Id,
    importId: Id,
    sourceName: z.string(),
    format: z.string(),
    vulnerabilityId: z.string(),
    findingIds: z.array(Id),
    statement: z.record(z.string(), z.unknown()).describe('The imported statement (src/core/vex/model.ts VexStatement), with its origin status'),
    status: z.enum(['pending', 'accepted', 'rejected']),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'TriageProposal' });
export const ProposalReviewBody = z.object({ verdict: z.enum(['accept', 'reject']), note: z.string().max(5000).nullable().default(null) });
export const ProposalReviewResult = z.object({ proposal: TriageProposal, decisionIds: z.array(Id) });
