/**
 * Mapping tables between the CycloneDX analysis vocabulary (the model) and OpenVEX 0.2.0 / CSAF 2.0.
 * Every function is total and deterministic; the lossy cases are listed in docs/vex-mapping.md and
 * in `lossyStates` / `lossyJustifications` / `lossyResponses` below (the round-trip tests read them).
 *
 * API
 *   toOpenVexStatus(state), fromOpenVexStatus(status)
 *   toCsafStatus(state), fromCsafStatus(key)
 *   toVexJustificationLabel(j), fromVexJustificationLabel(label)   (OpenVEX justification = CSAF flag label)
 *   toCsafRemediation(response), fromCsafRemediation(category)
 *   defaultText(kind, lang), defaultTextKind(text)                  fixed sentences writers fill required
 *                                                                   fields with; readers recognise them
 *   responseSentence(response, lang), responseFromSentence(text)    OpenVEX action_statement lines
 */
import type { VexJustification, VexResponse, VexState } from './model.js';

export type OpenVexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
export const openVexStatuses: readonly OpenVexStatus[] = [
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
];

export type CsafVexStatus = 'known_not_affected' | 'known_affected' | 'fixed' | 'under_investigation';
/** product_status keys a reader accepts, and the VEX status each one means. */
export const csafStatusKeys: Readonly<Record<string, CsafVexStatus>> = {
  known_not_affected: 'known_not_affected',
  known_affected: 'known_affected',
  first_affected: 'known_affected',
  last_affected: 'known_affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  under_investigation: 'under_investigation',
};

export type VexJustificationLabel =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist';
export const vexJustificationLabels: readonly VexJustificationLabel[] = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
];

export type CsafRemediationCategory =
  'mitigation' | 'no_fix_planned' | 'none_available' | 'vendor_fix' | 'workaround';

const stateToOpenVex: Record<VexState, OpenVexStatus> = {
  in_triage: 'under_investigation',
  exploitable: 'affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
};
const openVexToState: Record<OpenVexStatus, VexState> = {
  under_investigation: 'in_triage',
  affected: 'exploitable',
  fixed: 'resolved',
  not_affected: 'not_affected',
};
const openVexToCsaf: Record<OpenVexStatus, CsafVexStatus> = {
  under_investigation: 'under_investigation',
  affected: 'known_affected',
  fixed: 'fixed',
  not_affected: 'known_not_affected',
};

export const toOpenVexStatus = (s: VexState): OpenVexStatus => stateToOpenVex[s];
export const fromOpenVexStatus = (s: OpenVexStatus): VexState => openVexToState[s];
export const toCsafStatus = (s: VexState): CsafVexStatus => openVexToCsaf[stateToOpenVex[s]];
export function fromCsafStatus(key: CsafVexStatus): VexState {
  const entry = Object.entries(openVexToCsaf).find(([, v]) => v === key);
  return openVexToState[(entry?.[0] ?? 'under_investigation') as OpenVexStatus];
}

/** States that do not survive OpenVEX or CSAF: state → the state read back. */
export const lossyStates: Readonly<Partial<Record<VexState, VexState>>> = {
  resolved_with_pedigree: 'resolved',
  false_positive: 'not_affected',
};

const justificationToLabel: Record<VexJustification, VexJustificationLabel> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};
const labelToJustification: Record<VexJustificationLabel, VexJustification> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_configuration',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

export const toVexJustificationLabel = (j: VexJustification): VexJustificationLabel =>
  justificationToLabel[j];
export const fromVexJustificationLabel = (l: VexJustificationLabel): VexJustification =>
  labelToJustification[l];
export const isVexJustificationLabel = (x: unknown): x is VexJustificationLabel =>
  typeof x === 'string' && (vexJustificationLabels as readonly string[]).includes(x);

/** Justifications that do not survive OpenVEX or CSAF: justification → the justification read back. */
export const lossyJustifications: Readonly<Partial<Record<VexJustification, VexJustification>>> =
  Object.fromEntries(
    (Object.keys(justificationToLabel) as VexJustification[])
      .map((j) => [j, labelToJustification[justificationToLabel[j]]] as const)
      .filter(([j, back]) => j !== back),
  );

const responseToRemediation: Record<VexResponse, CsafRemediationCategory> = {
  update: 'vendor_fix',
  rollback: 'workaround',
  workaround_available: 'workaround',
  will_not_fix: 'no_fix_planned',
  can_not_fix: 'none_available',
};
const remediationToResponse: Record<CsafRemediationCategory, VexResponse> = {
  vendor_fix: 'update',
  workaround: 'workaround_available',
  mitigation: 'workaround_available',
  no_fix_planned: 'will_not_fix',
  none_available: 'can_not_fix',
};
export const csafRemediationCategories = Object.keys(remediationToResponse) as CsafRemediationCategory[];
export const toCsafRemediation = (r: VexResponse): CsafRemediationCategory => responseToRemediation[r];
export const fromCsafRemediation = (c: CsafRemediationCategory): VexResponse => remediationToResponse[c];

/** Responses that do not survive CSAF: response → response read back. (OpenVEX keeps all five.) */
export const lossyResponses: Readonly<Partial<Record<VexResponse, VexResponse>>> = {
  rollback: 'workaround_available',
};

export type VexLang = 'en' | 'ja';

/**
 * Fixed sentences for fields a format requires when the model has no text. Readers that meet
 * exactly one of these sentences treat the field as empty, so the round trip stays lossless.
 */
export type DefaultTextKind =
  | 'not_affected_impact'
  | 'affected_action'
  | 'fixed_action'
  | 'vulnerability_description'
  | 'document_summary';
const defaultTexts: Record<DefaultTextKind, Record<VexLang, string>> = {
  not_affected_impact: {
    en: 'The manufacturer assessed this vulnerability and determined that the product is not affected.',
    ja: '製造業者はこの脆弱性を評価し、本製品は影響を受けないと判断しました。',
  },
  affected_action: {
    en: 'No remediation is available yet; follow the manufacturer’s security communications.',
    ja: '現時点で対策はありません。製造業者のセキュリティ情報に従ってください。',
  },
  fixed_action: {
    en: 'Update to a release in which this vulnerability is fixed.',
    ja: 'この脆弱性が修正されたリリースに更新してください。',
  },
  vulnerability_description: {
    en: 'No description of this vulnerability is available; see its identifiers and references.',
    ja: 'この脆弱性の説明はありません。識別子と参考情報を参照してください。',
  },
  document_summary: {
    en: 'Vulnerability exploitability statements of the manufacturer for the listed products.',
    ja: '記載製品に対する製造業者の脆弱性悪用可能性（VEX）ステートメント。',
  },
};

export function defaultText(kind: DefaultTextKind, lang: VexLang): string {
  return defaultTexts[kind][lang];
}

/**
 * Sentences that earlier versions wrote, still recognised when their documents are read back. The
 * description used to say the vulnerability had been assessed, which was wrong for one still under
 * investigation.
 */
const earlierDefaultTexts: Readonly<Record<string, DefaultTextKind>> = {
  'Vulnerability assessed by the manufacturer.': 'vulnerability_description',
  '製造業者が評価した脆弱性。': 'vulnerability_description',
};

export function defaultTextKind(text: string): DefaultTextKind | null {
  for (const [kind, byLang] of Object.entries(defaultTexts)) {
    if (byLang.en === text || byLang.ja === text) return kind as DefaultTextKind;
  }
  return earlierDefaultTexts[text] ?? null;
}

const responseSentences: Record<VexResponse, Record<VexLang, string>> = {
  update: {
    en: 'Response: update — install the update that fixes this vulnerability.',
    ja: '対応: update — この脆弱性を修正する更新を適用してください。',
  },
  rollback: {
    en: 'Response: rollback — roll back to a release that is not affected.',
    ja: '対応: rollback — 影響を受けないリリースに戻してください。',
  },
  workaround_available: {
    en: 'Response: workaround_available — a workaround is available.',
    ja: '対応: workaround_available — 回避策があります。',
  },
  will_not_fix: {
    en: 'Response: will_not_fix — the manufacturer will not fix this vulnerability.',
    ja: '対応: will_not_fix — 製造業者はこの脆弱性を修正しません。',
  },
  can_not_fix: {
    en: 'Response: can_not_fix — this vulnerability cannot be fixed.',
    ja: '対応: can_not_fix — この脆弱性は修正できません。',
  },
};

/** One line of an OpenVEX action_statement that carries a CycloneDX response. */
export function responseSentence(r: VexResponse, lang: VexLang): string {
  return responseSentences[r][lang];
}

export function responseFromSentence(text: string): VexResponse | null {
  for (const [r, byLang] of Object.entries(responseSentences)) {
    if (byLang.en === text || byLang.ja === text) return r as VexResponse;
  }
  return null;
}
