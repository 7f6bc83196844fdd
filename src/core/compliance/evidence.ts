/**
 * Evidence for a catalog entry: a link to a record mamori holds, or an uploaded file kept unchanged
 * with its SHA-256. Evidence has a version and, once approved, who approved it and when.
 */

/**
 * The kinds of mamori record evidence can point at. Add, never rename.
 *   release_sbom        — a release's current SBOM (follows the release: a newer SBOM replaces it);
 *   sbom_quality_report — the quality report of a release's current SBOM;
 *   sbom                — one SBOM document, pinned;
 *   release             — a release record (version, TPLC stage, EOL/EOS dates);
 *   audit_verification  — the verification of the audit log's hash chain;
 *   feed_monitoring     — the vulnerability database kept up to date by feed monitoring;
 *   finding, threat_model, document — records of later features.
 *   triage_intake       — a product's findings tracked to a decision, and VEX received from suppliers (9.2);
 *   triage_decisions    — the current VEX state and justification of each finding (9.3);
 *   triage_analysis     — severity, affected releases, clinical-impact priority (9.4);
 *   triage_responses    — responses, action statements and FDA risk decisions (9.5).
 *   annex_f_workflow    — a product's Annex F workflow: gaps and decisions, rationale, post-release plan (F.2–F.4).
 */
export const evidenceRecordTypes = [
  'release_sbom',
  'sbom_quality_report',
  'sbom',
  'release',
  'audit_verification',
  'feed_monitoring',
  'finding',
  'threat_model',
  'security_context',
  'risk_register',
  'traceability_matrix',
  'document',
  // Triage records of a product (IEC 81001-5-1 9.2–9.5), resolved from the triage tables when read:
  'triage_intake',
  'triage_decisions',
  'triage_analysis',
  'triage_responses',
  // Organisation-level records (issue #5 item 7): the register of that kind as it stands when read,
  // or one record of it when recordId names one.
  'org_committee',
  'org_raci',
  'org_training',
  'org_contact_points',
  'org_isao_memberships',
  'org_process_reviews',
  'annex_f_workflow',
] as const;
export type EvidenceRecordType = (typeof evidenceRecordTypes)[number];

export type EvidenceKind = 'record' | 'file';

export interface Evidence {
  readonly id: string;
  readonly productId: string | null;
  readonly catalog: string;
  readonly entry: string;
  readonly kind: EvidenceKind;
  readonly recordType: EvidenceRecordType | null;
  readonly recordId: string | null;
  readonly title: string;
  readonly fileName: string | null;
  readonly sha256: string | null;
  readonly sizeBytes: number | null;
  readonly mediaType: string | null;
  readonly version: string;
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

export const evidenceLimits = { title: 300, version: 100, fileName: 255, maxFileBytes: 50 * 1024 * 1024 };

/**
 * What a record link points at today (e.g. the release's current SBOM): `label` in English, as it
 * always was, and `labelText` wholly in each language, which screens and documents show in theirs.
 */
export interface CurrentRecord {
  readonly type: string;
  readonly id: string;
  readonly label: string;
  readonly labelText: { readonly ja: string; readonly en: string };
}

/** A `CurrentRecord` from its text in each language (a string: the same in both, e.g. a version or a file name). */
export function currentRecord(
  type: string,
  id: string,
  text: string | { readonly ja: string; readonly en: string },
): CurrentRecord {
  const labelText = typeof text === 'string' ? { ja: text, en: text } : { ja: text.ja, en: text.en };
  return { type, id, label: labelText.en, labelText };
}
