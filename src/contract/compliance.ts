import { z } from 'zod';
import { conformityRoutes, markets } from '../core/compliance/applicability.js';
import { assessmentLimits, assessmentStatuses } from '../core/compliance/assessment.js';
import { entryKinds, entryLevels, evidenceKinds as expectedEvidenceKinds } from '../core/compliance/catalog.js';
import { evidenceLimits, evidenceRecordTypes } from '../core/compliance/evidence.js';
import { gapKinds } from '../core/compliance/gap.js';
import { Id, IsoDate, IsoDateTime } from './common.js';

export const ComplianceLocalized = z.object({ ja: z.string(), en: z.string() });

export const ComplianceScopeParams = z.object({
  scope: z.string().min(1).max(100).describe('A product id, or `org` for the organisation’s own assessments'),
});

export const ComplianceEntryParams = ComplianceScopeParams.extend({
  catalog: z.string().min(1).max(200).describe('Catalog id or id@version, e.g. iec-81001-5-1'),
  entry: z.string().min(1).max(200).describe('Entry id inside the catalog, e.g. 5.2.1'),
});

export const AssessmentStatus = z.enum(assessmentStatuses).describe('not_started, in_progress, implemented, verified, not_applicable');

export const ComplianceAssessment = z
  .object({
    id: Id,
    productId: Id.nullable(),
    catalog: z.string(),
    entry: z.string(),
    status: AssessmentStatus,
    applicable: z.boolean(),
    justification: z.string(),
    owner: z.string(),
    dueDate: IsoDate.nullable(),
    notes: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ComplianceAssessment' });

export const ComplianceAssessmentPut = z.object({
  status: AssessmentStatus,
  justification: z.string().max(assessmentLimits.justification).default('').describe('Required when status is not_applicable'),
  owner: z.string().max(assessmentLimits.owner).default(''),
  dueDate: IsoDate.nullable().default(null),
  notes: z.string().max(assessmentLimits.notes).default(''),
});

export const ComplianceAssessmentResult = z.object({
  assessment: ComplianceAssessment,
  propagatesTo: z.array(z.string()).describe('Entries (catalog#entry) in other catalogs this assessment now also answers for'),
});

export const ComplianceHistoryEntry = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  actorName: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ComplianceEvidence = z
  .object({
    id: Id,
    productId: Id.nullable(),
    catalog: z.string(),
    entry: z.string(),
    kind: z.enum(['record', 'file']),
    recordType: z.enum(evidenceRecordTypes).nullable(),
    recordId: z.string().nullable(),
    title: z.string(),
    fileName: z.string().nullable(),
    sha256: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    mediaType: z.string().nullable(),
    version: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    current: z
      .object({
        type: z.string(),
        id: z.string(),
        label: z.string().describe('In English (read labelText to show it)'),
        labelText: ComplianceLocalized.describe('What it points at, wholly in Japanese and wholly in English'),
      })
      .nullable()
      .optional()
      .describe('What a record link points at today (e.g. the release’s current SBOM)'),
  })
  .meta({ id: 'ComplianceEvidence' });

export const ComplianceEntryEvidence = z
  .object({
    catalog: z.string(),
    entry: z.string(),
    scope: z.enum(['product', 'organization']).describe('Which scope answers for the entry in this report (an organisation-level entry: the organisation)'),
    count: z.number().int().describe('The evidence count of the entry’s gap-analysis row: the number of items'),
    items: z.array(
      ComplianceEvidence.extend({
        relation: z
          .enum(['self', 'ancestor', 'descendant', 'crosswalk'])
          .describe('Where the item is recorded, seen from the entry: on it (self), on a parent clause (ancestor), on a subclause (descendant), or on a covering entry of another catalog (crosswalk); catalog, entry and productId (null: the organisation) name it'),
      }),
    ),
  })
  .meta({ id: 'ComplianceEntryEvidence' });

export const ComplianceEvidenceLink = z.object({
  recordType: z.enum(evidenceRecordTypes),
  recordId: z.string().max(200).nullable().default(null),
  title: z.string().min(1).max(evidenceLimits.title),
  version: z.string().max(evidenceLimits.version).default(''),
});

export const ComplianceEvidenceUploadQuery = z.object({
  fileName: z.string().min(1).max(evidenceLimits.fileName),
  title: z.string().max(evidenceLimits.title).default(''),
  version: z.string().max(evidenceLimits.version).default(''),
});

export const ComplianceEvidencePatch = z
  .object({
    title: z.string().min(1).max(evidenceLimits.title).optional().describe('The document name (what reports cite)'),
    version: z.string().max(evidenceLimits.version).optional().describe('The document number and revision (empty: none)'),
  })
  .refine((v) => v.title !== undefined || v.version !== undefined, { message: 'Give the title, the version or both.' });

export const ComplianceEvidenceQuery = z.object({
  catalog: z.string().max(200).optional(),
  entry: z.string().max(200).optional(),
});

export const ComplianceSuggestion = z.object({
  catalog: z.string(),
  entry: z.string(),
  recordType: z.enum(evidenceRecordTypes),
  recordId: z.string().nullable(),
  title: ComplianceLocalized.describe('What the record is called, in Japanese and English; link it under the title in the reader’s language'),
  available: z.boolean(),
  reason: ComplianceLocalized,
  warning: ComplianceLocalized.nullable().describe('What to know before linking it, e.g. stale vulnerability feeds (same rule as `mamori feeds status`); null when nothing'),
  linked: z.boolean(),
});

export const ApplicabilityAnswers = z.object({
  usesProgram: z.boolean().default(true),
  externalAccessForeseeable: z.boolean().default(false),
  onMarket: z.boolean(),
  markets: z.array(z.enum(markets)).min(1).max(3),
});

export const ApplicabilityProposal = z.object({
  art12_3Applies: z.boolean(),
  route: z.enum(conformityRoutes),
  routeReason: ComplianceLocalized,
  catalogs: z.array(z.object({ catalog: z.string(), applies: z.boolean(), reason: ComplianceLocalized })),
});

export const ComplianceProfile = z
  .object({
    productId: Id,
    route: z.enum(conformityRoutes),
    catalogs: z.array(z.string()),
    answers: ApplicabilityAnswers.nullable(),
    updatedAt: IsoDateTime.nullable(),
    saved: z.boolean(),
  })
  .meta({ id: 'ComplianceProfile' });

export const ComplianceProfilePut = z.object({
  route: z.enum(conformityRoutes),
  catalogs: z.array(z.string().max(200)).min(1).max(50),
  answers: ApplicabilityAnswers.nullable().default(null),
});

export const ComplianceCatalogSummary = z.object({
  key: z.string(),
  id: z.string(),
  version: z.string(),
  title: ComplianceLocalized,
  publisher: z.string(),
  kind: z.string(),
  entries: z.number().int(),
});

export const ComplianceCatalogEntry = z
  .object({
    id: z.string(),
    parent: z.string().nullable(),
    kind: z.enum(entryKinds),
    level: z.enum(entryLevels),
    normative: z.boolean(),
    title: ComplianceLocalized,
    description: ComplianceLocalized,
    expectedEvidence: z.array(z.enum(expectedEvidenceKinds)),
  })
  .meta({ id: 'ComplianceCatalogEntry' });

export const ComplianceGapRow = z.object({
  catalog: z.string(),
  entry: ComplianceCatalogEntry,
  scope: z.enum(['product', 'organization']),
  status: AssessmentStatus.nullable(),
  source: z
    .object({
      type: z.enum(['direct', 'crosswalk', 'rollup', 'inherited', 'route', 'workflow']),
      complete: z.boolean().optional(),
      from: z.string().optional(),
      relation: z.string().optional(),
      reason: z.string().optional().describe('route and workflow: why, in English (read reasonText to show it)'),
      reasonText: ComplianceLocalized.optional().describe('route and workflow: why, wholly in Japanese and wholly in English'),
      assessmentId: z.string().optional(),
    })
    .nullable(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  justification: z.string().describe('Why a not-applicable entry does not apply: the assessor’s text as written, or the route’s reason in English (read justificationText to show it)'),
  justificationText: ComplianceLocalized.describe('The justification to show, per language: the assessor’s text as written; the route’s reason wholly in each language'),
  evidenceCount: z.number().int(),
  releasesWithoutSbom: z.array(z.string()).describe('Versions of the product\'s releases that have no SBOM, when the entry expects one (gap release_without_sbom).'),
  gaps: z.array(z.enum(gapKinds)),
});

export const ComplianceGapAnalysis = z
  .object({
    scope: z.enum(['product', 'organization']),
    today: IsoDate,
    route: z.enum(conformityRoutes).nullable(),
    catalogs: z.array(
      z.object({
        summary: z.object({
          catalog: z.string(),
          title: ComplianceLocalized,
          total: z.number().int(),
          applicable: z.number().int(),
          notApplicable: z.number().int(),
          informative: z.number().int(),
          notAssessed: z.number().int(),
          notStarted: z.number().int(),
          inProgress: z.number().int(),
          implemented: z.number().int(),
          verified: z.number().int(),
          withGaps: z.number().int(),
          coveragePercent: z.number().int(),
        }),
        rows: z.array(ComplianceGapRow),
      }),
    ),
    dualStandard: z.array(z.object({ side: z.enum(['mhlw', 'iec']), ref: z.string(), status: AssessmentStatus.nullable(), gaps: z.array(z.enum(gapKinds)), inReport: z.boolean() })),
    totals: z.object({ entries: z.number().int(), withGaps: z.number().int(), gaps: z.object({ not_assessed: z.number().int(), not_started: z.number().int(), no_evidence: z.number().int(), release_without_sbom: z.number().int(), overdue: z.number().int() }) }),
  })
  .meta({ id: 'ComplianceGapAnalysis' });

export const ComplianceGapQuery = z.object({ catalog: z.string().max(200).optional() });

export const ComplianceExportQuery = z.object({
  format: z.enum(['html', 'csv', 'pdf']).default('html'),
  lang: z.enum(['ja', 'en']).default('ja'),
  document: z.enum(['gap', 'annex-f']).default('gap').describe('gap: the gap analysis; annex-f: the Annex F declaration report (products on the Annex F route only; 409 annex_f.wrong_route otherwise)'),
  catalog: z.string().max(200).optional(),
});

export const ComplianceAssessmentBulkItem = z.object({
  catalog: z.string().min(1).max(200),
  entry: z.string().min(1).max(200),
  status: AssessmentStatus,
  justification: z.string().max(assessmentLimits.justification).optional().describe('Required when status is not_applicable'),
});

export const ComplianceAssessmentBulk = z.object({
  items: z.array(ComplianceAssessmentBulkItem).min(1).max(500).describe('Applied together in one transaction: if any item is invalid nothing is stored'),
});

export const ComplianceAssessmentBulkResult = z.object({ items: z.array(ComplianceAssessmentResult) });


export const ComplianceCatalogParams = z.object({ catalog: z.string().min(1).max(200).describe('Catalog id or id@version, e.g. iec-81001-5-1') });

export const ComplianceCatalogEntries = z.object({ catalog: z.string(), title: ComplianceLocalized, entries: z.array(ComplianceCatalogEntry) });
