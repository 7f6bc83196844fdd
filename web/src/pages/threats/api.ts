/** Calls and types of the threat-modelling API (src/contract/threats.ts is the source of truth). */
import type { z } from 'zod';
import type {
  Control,
  ControlCreate,
  ControlPatch,
  ModelElement,
  ModelThreat,
  Requirement,
  RequirementCreate,
  RequirementPatch,
  RequirementReviewBody,
  RiskEntry,
  RiskInput,
  RiskRegister,
  SecurityContext,
  SecurityContextRecord,
  StrideSuggestion,
  TestCreate,
  TestPatch,
  ThreatModel,
  ThreatModelDiff,
  ThreatModelImported,
  ThreatModelVersion,
  ThreatModelVersionInfo,
  Traceability,
  VerificationTest,
} from '../../../../src/contract/threats.js';
import { ApiError, request } from '../../api/client.js';

export type SecurityContextT = z.infer<typeof SecurityContext>;
export type SecurityContextRecordT = z.infer<typeof SecurityContextRecord>;
export type ThreatModelT = z.infer<typeof ThreatModel>;
export type ElementT = z.infer<typeof ModelElement>;
export type ThreatT = z.infer<typeof ModelThreat>;
export type VersionInfoT = z.infer<typeof ThreatModelVersionInfo>;
export type VersionT = z.infer<typeof ThreatModelVersion>;
export type ImportedT = z.infer<typeof ThreatModelImported>;
export type DiffT = z.infer<typeof ThreatModelDiff>;
export type SuggestionT = z.infer<typeof StrideSuggestion>;
export type RiskRegisterT = z.infer<typeof RiskRegister>;
export type RiskEntryT = z.infer<typeof RiskEntry>;
export type RiskInputT = z.input<typeof RiskInput>;
export type ControlT = z.infer<typeof Control>;
export type ControlCreateT = z.input<typeof ControlCreate>;
export type ControlPatchT = z.input<typeof ControlPatch>;
export type RequirementT = z.infer<typeof Requirement>;
export type RequirementCreateT = z.input<typeof RequirementCreate>;
export type RequirementPatchT = z.input<typeof RequirementPatch>;
export type ReviewBodyT = z.input<typeof RequirementReviewBody>;
export type TestT = z.infer<typeof VerificationTest>;
export type TestCreateT = z.input<typeof TestCreate>;
export type TestPatchT = z.input<typeof TestPatch>;
export type TraceabilityT = z.infer<typeof Traceability>;
export type TraceRowT = TraceabilityT['matrix']['rows'][number];

// The enums and the STRIDE-per-element rule come from core (pure code, safe in the web bundle).
export { threatMethods, threatStatuses, threatSeverities } from '../../../../src/core/threats/model.js';
export { strideCategories, strideFor } from '../../../../src/core/threats/stride.js';
export {
  controlTypes,
  controlStatuses,
  testKinds,
  testResults,
  independenceLevels,
} from '../../../../src/core/threats/register.js';
export { gapKinds } from '../../../../src/core/threats/traceability.js';
export {
  mds2Capabilities,
  mds2Answers,
  patientDataKinds,
} from '../../../../src/core/threats/security-context.js';
/** The element kinds the diagram editor draws (core also knows flows, assets, entry points, text). */
export const elementKindsUi = ['process', 'store', 'actor', 'boundary'] as const;

const enc = encodeURIComponent;

/** null when the product has no threat model yet (problem threat_model.none). */
async function currentModel(productId: string): Promise<VersionT | null> {
  try {
    return await request<VersionT>('GET', `/products/${enc(productId)}/threat-models/current`);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'threat_model.none') return null;
    throw e;
  }
}

export const threatsApi = {
  getContext: (productId: string) =>
    request<SecurityContextRecordT>('GET', `/products/${enc(productId)}/security-context`),
  putContext: (productId: string, body: SecurityContextT) =>
    request<SecurityContextRecordT>('PUT', `/products/${enc(productId)}/security-context`, { body }),

  listVersions: (productId: string) =>
    request<{ items: VersionInfoT[] }>('GET', `/products/${enc(productId)}/threat-models`).then(
      (r) => r.items,
    ),
  currentModel,
  getVersion: (id: string) => request<VersionT>('GET', `/threat-models/${enc(id)}`),
  createVersion: (productId: string, body: { label?: string; model?: ThreatModelT }) =>
    request<VersionT>('POST', `/products/${enc(productId)}/threat-models`, { body }),
  saveVersion: (id: string, model: ThreatModelT) =>
    request<VersionT>('PUT', `/threat-models/${enc(id)}`, { body: { model } }),
  importThreatDragon: (productId: string, document: unknown, label?: string) =>
    request<ImportedT>('POST', `/products/${enc(productId)}/threat-models/import`, {
      body: document,
      query: { label },
    }),
  exportUrl: (id: string, format: 'threat-dragon' | 'json') =>
    `/api/v1/threat-models/${enc(id)}/export?format=${format}`,
  diff: (id: string, against: string) =>
    request<DiffT>('GET', `/threat-models/${enc(id)}/diff`, { query: { against } }),
  suggestions: (id: string) =>
    request<{ items: SuggestionT[] }>('GET', `/threat-models/${enc(id)}/stride-suggestions`).then(
      (r) => r.items,
    ),

  risks: (productId: string) => request<RiskRegisterT>('GET', `/products/${enc(productId)}/risks`),
  putRisk: (productId: string, threatId: string, body: RiskInputT) =>
    request<RiskEntryT>('PUT', `/products/${enc(productId)}/risks/${enc(threatId)}`, { body }),
  acceptRisk: (productId: string, threatId: string, rationale: string) =>
    request<RiskEntryT>('POST', `/products/${enc(productId)}/risks/${enc(threatId)}/acceptance`, {
      body: { rationale },
    }),

  listControls: (productId: string) =>
    request<{ items: ControlT[] }>('GET', `/products/${enc(productId)}/controls`).then((r) => r.items),
  createControl: (productId: string, body: ControlCreateT) =>
    request<ControlT>('POST', `/products/${enc(productId)}/controls`, { body }),
  updateControl: (id: string, body: ControlPatchT) =>
    request<ControlT>('PATCH', `/controls/${enc(id)}`, { body }),
  deleteControl: (id: string) => request<{ id: string }>('DELETE', `/controls/${enc(id)}`),

  listRequirements: (productId: string) =>
    request<{ items: RequirementT[] }>('GET', `/products/${enc(productId)}/security-requirements`).then(
      (r) => r.items,
    ),
  createRequirement: (productId: string, body: RequirementCreateT) =>
    request<RequirementT>('POST', `/products/${enc(productId)}/security-requirements`, { body }),
  updateRequirement: (id: string, body: RequirementPatchT) =>
    request<RequirementT>('PATCH', `/security-requirements/${enc(id)}`, { body }),
  deleteRequirement: (id: string) => request<{ id: string }>('DELETE', `/security-requirements/${enc(id)}`),
  reviewRequirement: (id: string, body: ReviewBodyT) =>
    request<RequirementT>('POST', `/security-requirements/${enc(id)}/reviews`, { body }),

  listTests: (productId: string) =>
    request<{ items: TestT[] }>('GET', `/products/${enc(productId)}/verification-tests`).then((r) => r.items),
  createTest: (productId: string, body: TestCreateT) =>
    request<TestT>('POST', `/products/${enc(productId)}/verification-tests`, { body }),
  updateTest: (id: string, body: TestPatchT) =>
    request<TestT>('PATCH', `/verification-tests/${enc(id)}`, { body }),
  deleteTest: (id: string) => request<{ id: string }>('DELETE', `/verification-tests/${enc(id)}`),

  traceability: (productId: string) =>
    request<TraceabilityT>('GET', `/products/${enc(productId)}/traceability`),
  traceabilityCsvUrl: (productId: string) => `/api/v1/products/${enc(productId)}/traceability.csv`,
  threatReportUrl: (
    productId: string,
    format: 'html' | 'pdf' | 'csv',
    lang: 'ja' | 'en',
    part: 'register' | 'trace' = 'register',
  ) => `/api/v1/products/${enc(productId)}/threat-report?format=${format}&lang=${lang}&part=${part}`,
};

export function newId(): string {
  return crypto.randomUUID();
}
