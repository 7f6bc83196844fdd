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

// The enums of the contract, repeated here so the web bundle does not pull in server code.
export const elementKindsUi = ['process', 'store', 'actor', 'boundary'] as const;
export const strideCategories = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
] as const;
export const threatMethods = [
  'stride',
  'attack_defense_tree',
  'capec_owasp_sans',
  'cwss',
  'dread',
  'known_vuln_list',
  'octave',
  'trike',
  'vast',
  'linddun',
  'cia',
  'die',
  'plot4ai',
  'other',
] as const;
export const threatStatuses = ['open', 'mitigated', 'not_applicable'] as const;
export const threatSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const controlTypes = ['design', 'defense_in_depth', 'compensating', 'information_for_users'] as const;
export const controlStatuses = ['planned', 'implemented', 'verified'] as const;
export const testKinds = [
  'security_requirement',
  'threat_mitigation',
  'vulnerability',
  'penetration',
] as const;
export const testResults = ['not_run', 'passed', 'failed', 'inconclusive'] as const;
export const independenceLevels = [
  'none',
  'different_person',
  'different_department',
  'different_organization',
] as const;
export const gapKinds = [
  'threat_without_risk',
  'threat_without_control',
  'control_without_requirement',
  'requirement_not_approved',
  'requirement_without_test',
  'test_failed',
  'test_not_run',
  'residual_risk_not_controlled',
] as const;
export const mds2Capabilities = [
  'MPII',
  'ALOF',
  'AUDT',
  'AUTH',
  'CSUP',
  'DIDT',
  'DTBK',
  'EMRG',
  'IGAU',
  'MLDP',
  'NAUT',
  'CONN',
  'PAUT',
  'PLOK',
  'RDMP',
  'SBOM',
  'SAHD',
  'SGUD',
  'STCF',
  'TXCF',
  'TXIG',
  'RMOT',
] as const;
export const mds2Answers = ['yes', 'no', 'n_a', 'see_notes'] as const;
export const patientDataKinds = ['none', 'de_identified', 'identifiable'] as const;

type StrideCategory = (typeof strideCategories)[number];

/** STRIDE per element, as src/core/threats/stride.ts: which categories an element kind is exposed to. */
export function strideFor(element: Pick<ElementT, 'kind' | 'properties'>): StrideCategory[] {
  switch (element.kind) {
    case 'actor':
      return ['spoofing', 'repudiation'];
    case 'process':
      return [...strideCategories];
    case 'store':
      return element.properties.isALog === true
        ? ['tampering', 'repudiation', 'information_disclosure', 'denial_of_service']
        : ['tampering', 'information_disclosure', 'denial_of_service'];
    case 'flow':
    case 'asset':
      return ['tampering', 'information_disclosure', 'denial_of_service'];
    case 'entry_point':
      return ['spoofing', 'tampering', 'denial_of_service', 'elevation_of_privilege'];
    default:
      return [];
  }
}

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
  threatReportUrl: (productId: string, format: 'html' | 'pdf' | 'csv', lang: 'ja' | 'en', part: 'register' | 'trace' = 'register') =>
    `/api/v1/products/${enc(productId)}/threat-report?format=${format}&lang=${lang}&part=${part}`,
};

export function newId(): string {
  return crypto.randomUUID();
}
