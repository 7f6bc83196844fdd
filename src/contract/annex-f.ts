/** The Annex F workflow API (products already on the market): gaps, the Annex F record, readiness and decision. */
import { z } from 'zod';
import {
  annexFDecisions,
  annexFLimits,
  closureStatuses,
  gapOrigins,
  readinessCodes,
  readinessSteps,
  residualLevels,
} from '../core/compliance/annex-f.js';
import { assessmentStatuses } from '../core/compliance/assessment.js';
import { Id, IsoDate, IsoDateTime } from './common.js';

const Localized = z.object({ ja: z.string(), en: z.string() });

export const AnnexFGapParams = z.object({ id: Id, gapId: Id });

export const AnnexFGapPut = z.object({
  entry: z.string().min(1).max(50).describe('The IEC 81001-5-1 entry the gap is against, e.g. 5.7.1'),
  description: z.string().max(annexFLimits.description),
  decision: z.enum(annexFDecisions).nullable().default(null).describe('close, compensate or accept; null while the gap is a draft'),
  closureAction: z.string().max(annexFLimits.text).default(''),
  closureStatus: z.enum(closureStatuses).default('planned'),
  closureDueDate: IsoDate.nullable().default(null),
  compensatingMeasures: z.string().max(annexFLimits.text).default(''),
  controlId: Id.nullable().default(null).describe('A security control of the product (risk register) that compensates the gap'),
  residualLevel: z.enum(residualLevels).nullable().default(null).describe('The risk register’s levels: acceptable, alara, unacceptable'),
  acceptanceRationale: z.string().max(annexFLimits.text).default(''),
  accepted: z.boolean().default(false).describe('Record (true) or withdraw (false) the acceptance of the residual risk; who and when are recorded'),
});

export const AnnexFGap = z
  .object({
    id: Id,
    productId: Id,
    catalog: z.string(),
    entry: z.string(),
    entryTitle: Localized,
    description: z.string().describe('As stored: what the user wrote, or the form a proposed gap is stored in (read descriptionText to show it)'),
    descriptionText: Localized.describe('The description to show, per language: a proposed gap still as proposed reads wholly in each language; a written one as written'),
    decision: z.enum(annexFDecisions).nullable(),
    closureAction: z.string(),
    closureStatus: z.enum(closureStatuses),
    closureDueDate: IsoDate.nullable(),
    compensatingMeasures: z.string(),
    controlId: z.string().nullable(),
    control: z.object({ id: z.string(), ref: z.string(), title: z.string() }).nullable(),
    residualLevel: z.enum(residualLevels).nullable(),
    acceptanceRationale: z.string(),
    acceptedBy: z.string().nullable(),
    acceptedAt: IsoDateTime.nullable(),
    origin: z.enum(gapOrigins),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'AnnexFGap' });

const ComponentNotUpgraded = z.object({
  name: z.string().max(annexFLimits.componentName),
  version: z.string().max(annexFLimits.version).default(''),
  justification: z.string().max(annexFLimits.text),
});

export const AnnexFRecordPut = z.object({
  versions: z.array(z.string().max(annexFLimits.version)).max(annexFLimits.versions).default([]).describe('Software versions the declaration covers'),
  scopeNotes: z.string().max(annexFLimits.text).default(''),
  continuedUseRationale: z.string().max(annexFLimits.text).default(''),
  componentsNotUpgraded: z.array(ComponentNotUpgraded).max(annexFLimits.components).default([]),
  riskCommunication: z.string().max(annexFLimits.text).default('').describe('How residual risk is communicated to users (release documentation)'),
  monitoringPlan: z.string().max(annexFLimits.text).default(''),
  updatePlan: z.string().max(annexFLimits.text).default(''),
  disclosurePlan: z.string().max(annexFLimits.text).default(''),
});

export const AnnexFRecord = z
  .object({
    productId: Id,
    versions: z.array(z.string()),
    scopeNotes: z.string(),
    continuedUseRationale: z.string(),
    componentsNotUpgraded: z.array(z.object({ name: z.string(), version: z.string(), justification: z.string() })),
    riskCommunication: z.string(),
    monitoringPlan: z.string(),
    updatePlan: z.string(),
    disclosurePlan: z.string(),
    decidedAt: IsoDateTime.nullable(),
    decidedBy: z.string().nullable(),
    updatedAt: z.string().describe('Empty until the record is first saved'),
    updatedBy: z.string(),
  })
  .meta({ id: 'AnnexFRecord' });

const Problem = z.object({
  code: z.enum(readinessCodes),
  step: z.enum(readinessSteps),
  entry: z.string().nullable(),
  gapId: z.string().nullable(),
  version: z.string().nullable().describe('The software version in scope concerned (version_without_release, version_without_sbom), else null'),
  message: z.string().describe('In English'),
  messageText: Localized.describe('The same, wholly in Japanese and wholly in English'),
});

const Step = z.object({ complete: z.boolean(), problems: z.array(Problem) });

export const AnnexFReadiness = z.object({
  ready: z.boolean(),
  decided: z.boolean(),
  steps: z.object({ scope: Step, gaps: Step, closure: Step, rationale: Step, postRelease: Step }),
  warnings: z.array(Problem),
  counts: z.object({
    assessable: z.number().int().describe('Applicable IEC 81001-5-1 work items outside Annex F (normative entries without children)'),
    unassessed: z.number().int().describe('Of those, entries with no status yet: while any remain, the gap list is not complete'),
    candidates: z.number().int(),
    uncovered: z.number().int(),
    gaps: z.number().int(),
    decided: z.number().int(),
    closed: z.number().int(),
    compensated: z.number().int(),
    accepted: z.number().int(),
  }),
});

export const AnnexFState = z
  .object({
    productId: Id,
    productName: z.string(),
    record: AnnexFRecord,
    gaps: z.array(AnnexFGap),
    candidates: z.array(
      z.object({
        catalog: z.string(),
        entry: z.string(),
        title: Localized,
        status: z.enum(assessmentStatuses),
        basis: z.string().describe('direct, or the catalog#entry the status came from through a crosswalk'),
      }),
    ),
    readiness: AnnexFReadiness,
    controls: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
    today: IsoDate,
  })
  .meta({ id: 'AnnexFState' });
