/**
 * HTTP contract of threat modelling and security risk management (IEC 81001-5-1 clause 7, 5.2, 5.7):
 * product security context, risk scales, threat model versions (model document, Threat Dragon v2
 * import/export, diff, STRIDE worklist), risk register, controls, security requirements with reviews,
 * verification tests, traceability matrix and the evidence summary.
 */
import { z } from 'zod';
import {
  elementKinds,
  threatMethods,
  threatModelLimits,
  threatSeverities,
  threatStatuses,
} from '../core/threats/model.js';
import {
  controlStatuses,
  controlTypes,
  independenceLevels,
  requirementReviewStatuses,
  testKinds,
  testResults,
} from '../core/threats/register.js';
import { riskLevels } from '../core/threats/scales.js';
import { mds2Answers, mds2Capabilities, patientDataKinds } from '../core/threats/security-context.js';
import { strideCategories } from '../core/threats/stride.js';
import { gapKinds } from '../core/threats/traceability.js';
import { Id, IsoDate, IsoDateTime } from './common.js';

const Text = z.string().max(threatModelLimits.text);
const Name = z.string().max(threatModelLimits.name);
const Ref = z.string().min(1).max(100).describe('Human reference unique in the product, e.g. SC-001');
const Raw = z
  .record(z.string(), z.unknown())
  .nullable()
  .describe('Format-specific fields kept unchanged (Threat Dragon styles, ports, …); send back what you received, or null');
const Ids = z.array(Id).max(threatModelLimits.refs);

// ── Security context ─────────────────────────────────────────────────────────────────────────────

export const Mds2CapabilityKey = z.enum(mds2Capabilities).describe('MDS2 (ANSI/NEMA HN 1-2019) security capability section');

export const SecurityContext = z
  .object({
    networkEnvironment: Text.describe('Intended network location and environment (7.1.2)'),
    physicalEnvironment: Text,
    isolation: Text.describe('Network isolation or segmentation the product expects'),
    interfaces: z
      .array(
        z.object({
          name: Name.min(1),
          kind: Name.describe('ethernet, wifi, bluetooth, usb, serial, debug, cloud_api, …'),
          external: z.boolean(),
          crossesTrustBoundary: z.boolean(),
          description: Text,
        }),
      )
      .max(500),
    users: z.array(z.object({ role: Name.min(1), description: Text, privileges: Text })).max(200),
    data: z
      .array(
        z.object({
          name: Name.min(1),
          patientData: z.enum(patientDataKinds),
          atRest: z.boolean(),
          inTransit: z.boolean(),
          description: Text,
        }),
      )
      .max(500),
    safetyImpact: Text.describe('What degraded security does to patient safety and essential performance'),
    hardwareControls: Text,
    capabilities: z
      .record(z.string(), z.object({ answer: z.enum(mds2Answers), note: Text }))
      .describe(`Keyed by MDS2 capability section: ${mds2Capabilities.join(', ')}`),
  })
  .meta({ id: 'SecurityContext' });

export const SecurityContextRecord = z
  .object({ productId: Id, context: SecurityContext, updatedAt: IsoDateTime.nullable(), updatedBy: z.string().nullable() })
  .meta({ id: 'SecurityContextRecord' });

// ── Risk scales ──────────────────────────────────────────────────────────────────────────────────

const Bilingual = z.object({ en: z.string().min(1).max(500), ja: z.string().min(1).max(500) });
const ScaleLevel = z.object({ value: z.number().int().min(0).max(100), label: Bilingual, description: z.object({ en: Text, ja: Text }) });
export const RiskLevel = z.enum(riskLevels).describe('acceptable, alara (acceptable after reduction as far as possible, with rationale), unacceptable');
export const RiskScales = z
  .object({
    likelihood: z.array(ScaleLevel).min(2).max(10).describe('Likelihood / exploitability, lowest first'),
    impact: z.array(ScaleLevel).min(2).max(10).describe('Impact / severity of harm, lowest first'),
    matrix: z.array(z.array(RiskLevel)).describe('matrix[likelihood index][impact index]'),
  })
  .meta({ id: 'RiskScales' });
export const RiskScalesRecord = z
  .object({ scales: RiskScales, isDefault: z.boolean(), updatedAt: IsoDateTime.nullable(), updatedBy: z.string().nullable() })
  .meta({ id: 'RiskScalesRecord' });

// ── Threat model ─────────────────────────────────────────────────────────────────────────────────

const Point = z.object({ x: z.number(), y: z.number() });
const Endpoint = z.union([z.object({ elementId: Id, port: z.string().max(200).optional() }), Point]);
export const ThreatMethod = z.enum(threatMethods).describe('IEC 81001-5-1 Annex C method (stride, attack_defense_tree, …) or a Threat Dragon taxonomy');

export const Diagram = z.object({ id: z.string().min(1).max(100), title: Name, description: Text, diagramType: Name, raw: Raw });

export const ModelElement = z
  .object({
    id: Id,
    kind: z.enum(elementKinds).describe('actor (external entity), process, store, flow, boundary, asset, entry_point, text'),
    diagramId: z.string().min(1).max(100),
    name: Name,
    description: Text,
    position: Point.nullable().describe('Top-left corner on the diagram (nodes)'),
    size: z.object({ width: z.number(), height: z.number() }).nullable(),
    source: Endpoint.nullable().describe('Flows and line boundaries: an element (and port) or a free point'),
    target: Endpoint.nullable(),
    vertices: z.array(Point).max(threatModelLimits.vertices),
    outOfScope: z.boolean(),
    reasonOutOfScope: Text,
    properties: z
      .record(z.string(), z.union([z.string().max(threatModelLimits.text), z.number(), z.boolean(), z.null()]))
      .describe('protocol, isEncrypted, isPublicNetwork, storesCredentials, isALog, handlesPatientData, privilegeLevel, …'),
    raw: Raw,
  })
  .meta({ id: 'ThreatModelElement' });

export const ModelThreat = z
  .object({
    id: Id,
    elementId: Id,
    title: Name,
    description: Text,
    method: ThreatMethod,
    category: Name.describe(`For STRIDE one of ${strideCategories.join(', ')}; otherwise the method's own category`),
    status: z.enum(threatStatuses),
    severity: z.enum(threatSeverities).nullable(),
    mitigation: Text,
    componentIds: Ids.describe('SBOM component ids the threat concerns'),
    findingIds: Ids.describe('Vulnerability finding ids; a known-exploited (KEV) one raises likelihood one level'),
    raw: Raw,
  })
  .meta({ id: 'ThreatModelThreat' });

export const ThreatModel = z
  .object({
    title: Name.min(1),
    description: Text,
    owner: Name,
    reviewer: Name,
    contributors: z.array(Name).max(200),
    method: ThreatMethod,
    diagrams: z.array(Diagram).max(threatModelLimits.diagrams),
    elements: z.array(ModelElement).max(threatModelLimits.elements),
    threats: z.array(ModelThreat).max(threatModelLimits.threats),
    raw: Raw,
  })
  .meta({ id: 'ThreatModel' });

export const ThreatModelVersionInfo = z
  .object({
    id: Id.describe('Stable id; also the evidence id of this version'),
    productId: Id,
    version: z.number().int().describe('1, 2, … per product'),
    label: z.string(),
    releaseId: Id.nullable(),
    elementCount: z.number().int(),
    threatCount: z.number().int(),
    frozenAt: IsoDateTime.nullable().describe('Set when a newer version was made; a frozen version cannot change'),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ThreatModelVersionInfo' });

export const ThreatModelVersion = ThreatModelVersionInfo.extend({ model: ThreatModel }).meta({ id: 'ThreatModelVersion' });
export const ThreatModelImported = ThreatModelVersion.extend({ warnings: z.array(z.string()) }).meta({ id: 'ThreatModelImported' });

export const ThreatModelCreate = z.object({
  label: z.string().max(200).optional(),
  releaseId: Id.nullable().optional().describe('The release this version describes'),
  model: ThreatModel.optional().describe('Omit to copy the current version (or start an empty model)'),
});
export const ThreatModelSave = z.object({
  model: ThreatModel,
  label: z.string().max(200).optional(),
  releaseId: Id.nullable().optional(),
});
export const ThreatDragonImportQuery = z.object({
  label: z.string().max(200).optional().describe('Version label; default the model title'),
  releaseId: Id.optional(),
});
export const ThreatDragonDocument = z
  .record(z.string(), z.unknown())
  .describe('An OWASP Threat Dragon v2 model file (summary, detail.diagrams[].cells[]) as JSON')
  .meta({ id: 'ThreatDragonDocument' });
export const ExportQuery = z.object({
  format: z.enum(['threat-dragon', 'json']).default('threat-dragon').describe('threat-dragon: Threat Dragon v2 JSON; json: mamori model with version metadata'),
});
export const DiffQuery = z.object({ against: Id.describe('The older version to compare with') });

const Named = z.object({ id: z.string(), name: z.string() });
const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const CollectionDiff = z.object({
  added: z.array(Named),
  removed: z.array(Named),
  changed: z.array(z.object({ id: z.string(), name: z.string(), changes: z.array(FieldChange) })),
});
export const ThreatModelDiff = z
  .object({
    from: ThreatModelVersionInfo,
    to: ThreatModelVersionInfo,
    diff: z.object({
      model: z.array(FieldChange),
      diagrams: CollectionDiff,
      elements: CollectionDiff,
      threats: CollectionDiff,
      moved: z.array(z.string()).describe('Elements whose only change is layout'),
      unchanged: z.boolean(),
    }),
  })
  .meta({ id: 'ThreatModelDiff' });

export const StrideSuggestion = z
  .object({ elementId: z.string(), elementName: z.string(), category: z.enum(strideCategories) })
  .meta({ id: 'StrideSuggestion' });

// ── Risk register ────────────────────────────────────────────────────────────────────────────────

const Hazard = z.object({
  hazardId: z.string().min(1).max(100).describe('Hazard id in the ISO 14971 risk management file'),
  hazard: Text,
  harm: Text,
  severity: z.number().int().nullable().describe('On the impact scale'),
});
export const RiskInput = z.object({
  likelihood: z.number().int().describe('Value on the likelihood scale, before controls'),
  impact: z.number().int(),
  residualLikelihood: z.number().int().nullable().describe('After controls; null = same as before'),
  residualImpact: z.number().int().nullable(),
  hazard: Hazard.nullable(),
  rationale: Text.default(''),
});
const Acceptance = z.object({ acceptedBy: z.string(), acceptedAt: IsoDateTime, rationale: z.string() });
export const RiskEntry = z
  .object({
    threatId: z.string(),
    threatTitle: z.string(),
    elementId: z.string(),
    elementName: z.string(),
    category: z.string(),
    status: z.enum(threatStatuses),
    assessment: RiskInput.extend({ id: Id, threatId: z.string(), acceptance: Acceptance.nullable(), updatedAt: IsoDateTime }).nullable(),
    evaluation: z
      .object({
        initialLevel: RiskLevel.nullable(),
        residualLevel: RiskLevel.nullable(),
        effectiveLikelihood: z.number(),
        raisedBy: z.array(z.string()).describe('Known-exploited findings that raised likelihood'),
        controlled: z.boolean().describe('Residual risk acceptable, or alara and accepted'),
        needsAcceptance: z.boolean(),
        reasons: z.array(z.string()),
      })
      .nullable(),
  })
  .meta({ id: 'RiskEntry' });
export const RiskRegister = z
  .object({
    productId: Id,
    threatModel: ThreatModelVersionInfo,
    scales: RiskScales,
    items: z.array(RiskEntry),
    orphaned: z.array(z.string()).describe('Threat ids with a stored estimate that the current model no longer has'),
  })
  .meta({ id: 'RiskRegister' });
export const RiskParams = z.object({ id: Id, threatId: Id });
export const RiskAcceptanceBody = z.object({ rationale: z.string().min(1).max(threatModelLimits.text) });

// ── Controls, requirements, tests ───────────────────────────────────────────────────────────────

const stamps = { id: Id, productId: Id, createdAt: IsoDateTime, updatedAt: IsoDateTime };

const controlFields = {
  ref: Ref,
  title: Name.min(1),
  description: Text.default(''),
  type: z.enum(controlTypes).describe('design, defense_in_depth, compensating, information_for_users (7.4)'),
  status: z.enum(controlStatuses).default('planned'),
  threatIds: Ids.default([]).describe('Threats of the current threat model this control mitigates'),
};
export const ControlCreate = z.object(controlFields);
export const ControlPatch = z.object({
  ref: Ref,
  title: Name.min(1),
  description: Text,
  type: controlFields.type,
  status: z.enum(controlStatuses),
  threatIds: Ids,
}).partial();
export const Control = z
  .object({ ...stamps, ref: Ref, title: z.string(), description: z.string(), type: z.enum(controlTypes), status: z.enum(controlStatuses), threatIds: z.array(z.string()) })
  .meta({ id: 'SecurityControl' });

const Review = z.object({ status: z.enum(requirementReviewStatuses), by: z.string(), at: IsoDateTime, comment: z.string() });
export const RequirementCreate = z.object({
  ref: Ref,
  title: Name.min(1),
  text: Text.default(''),
  controlIds: Ids.default([]),
});
export const RequirementPatch = z.object({ ref: Ref, title: Name.min(1), text: Text, controlIds: Ids }).partial();
export const RequirementReviewBody = z.object({
  status: z.enum(['in_review', 'approved', 'rejected']),
  comment: Text.default('').describe('Required when rejecting'),
});
export const Requirement = z
  .object({
    ...stamps,
    ref: Ref,
    title: z.string(),
    text: z.string(),
    controlIds: z.array(z.string()),
    reviewStatus: z.enum(requirementReviewStatuses).describe('Back to draft when title or text change'),
    reviews: z.array(Review).describe('Every review decision, oldest first (5.2.2)'),
  })
  .meta({ id: 'SecurityRequirement' });

const testFields = {
  ref: Ref,
  title: Name.min(1),
  kind: z.enum(testKinds).describe('5.7.1 security_requirement, 5.7.2 threat_mitigation, 5.7.3 vulnerability, 5.7.4 penetration'),
  procedure: Text.default(''),
  requirementIds: Ids.default([]),
  threatIds: Ids.default([]).describe('Threats tested directly (threat mitigation tests)'),
  result: z.enum(testResults).default('not_run'),
  executedOn: IsoDate.nullable().default(null),
  tester: Name.default(''),
  independence: z.enum(independenceLevels).default('none').describe('Tester independence from the developers (5.7.5)'),
  notes: Text.default(''),
};
export const TestCreate = z.object(testFields);
export const TestPatch = z
  .object({
    ref: Ref,
    title: Name.min(1),
    kind: testFields.kind,
    procedure: Text,
    requirementIds: Ids,
    threatIds: Ids,
    result: z.enum(testResults),
    executedOn: IsoDate.nullable(),
    tester: Name,
    independence: z.enum(independenceLevels),
    notes: Text,
  })
  .partial();
export const VerificationTest = z
  .object({
    ...stamps,
    ref: Ref,
    title: z.string(),
    kind: z.enum(testKinds),
    procedure: z.string(),
    requirementIds: z.array(z.string()),
    threatIds: z.array(z.string()),
    result: z.enum(testResults),
    executedOn: IsoDate.nullable(),
    tester: z.string(),
    independence: z.enum(independenceLevels),
    notes: z.string(),
  })
  .meta({ id: 'VerificationTest' });

export const Deleted = z.object({ id: Id });

// ── Traceability and evidence ───────────────────────────────────────────────────────────────────

const TraceTest = z.object({ id: z.string(), ref: z.string(), kind: z.enum(testKinds), result: z.enum(testResults), executedOn: z.string().nullable() });
export const GapKind = z.enum(gapKinds);
export const Traceability = z
  .object({
    productId: Id,
    threatModel: ThreatModelVersionInfo,
    matrix: z.object({
      rows: z.array(
        z.object({
          threatId: z.string(),
          threatTitle: z.string(),
          elementId: z.string(),
          elementName: z.string(),
          category: z.string(),
          status: z.enum(threatStatuses),
          risk: z.object({ initialLevel: z.string().nullable(), residualLevel: z.string().nullable(), controlled: z.boolean() }).nullable(),
          controls: z.array(
            z.object({
              id: z.string(),
              ref: z.string(),
              type: z.enum(controlTypes),
              requirements: z.array(z.object({ id: z.string(), ref: z.string(), reviewStatus: z.enum(requirementReviewStatuses), tests: z.array(TraceTest) })),
            }),
          ),
          mitigationTests: z.array(TraceTest),
          gaps: z.array(GapKind),
        }),
      ),
      gaps: z.array(
        z.object({
          kind: GapKind,
          threatId: z.string().nullable(),
          controlId: z.string().nullable(),
          requirementId: z.string().nullable(),
          testId: z.string().nullable(),
          ref: z.string().nullable().describe('The ref of the control, requirement or test the gap is about; null for a threat'),
          subject: z.string().describe('The control, requirement or test ref, or the threat title'),
          value: z.string().nullable().describe('The requirement review status or the residual risk level that makes the gap; else null'),
          message: z.string(),
        }),
      ),
      counts: z.record(z.string(), z.number()).describe('Gaps per kind, plus threats and closed (rows without gaps)'),
    }),
  })
  .meta({ id: 'Traceability' });

export const ThreatSummary = z
  .object({
    productId: Id,
    evidence: z.array(
      z.object({
        evidenceId: z.string().describe('Stable: the version id, risk-register:<productId>, traceability:<productId>, security-context:<productId>'),
        kind: z.enum(['threat_model_version', 'risk_register', 'traceability_matrix', 'security_context']),
        title: z.string(),
        contentSha256: z.string().describe('SHA-256 of the canonical JSON of the content: pins the state that was linked'),
        updatedAt: IsoDateTime.nullable(),
        clauses: z.array(z.string()).describe('IEC 81001-5-1 clauses the record is evidence for'),
        facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
      }),
    ),
  })
  .meta({ id: 'ThreatSummary' });

export const ThreatReportQuery = z.object({
  format: z.enum(['html', 'pdf', 'csv']).default('html'),
  lang: z.enum(['ja', 'en']).default('ja'),
  part: z.enum(['register', 'trace']).default('register').describe('CSV only: register = the risk register, trace = the traceability matrix'),
});
