/**
 * The database schema as Kysely sees it. Portable types only, so the same queries run on SQLite and
 * PostgreSQL: ids and timestamps are text (UUIDs, ISO 8601 UTC), flags are integers 0/1, lists and
 * documents are JSON text.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface UsersTable {
  id: string;
  organization_id: string;
  email: string;
  display_name: string;
  role: string;
  locale: string | null;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface ProductsTable {
  id: string;
  organization_id: string;
  name: string;
  model_numbers: string;
  manufacturer: string;
  device_class: string | null;
  is_samd: number;
  use_environments: string;
  connectivity: string;
  description: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface ReleasesTable {
  id: string;
  organization_id: string;
  product_id: string;
  version: string;
  release_date: string | null;
  stage: string;
  end_of_life: string | null;
  end_of_support: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  organization_id: string | null;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface BlobsTable {
  sha256: string;
  size_bytes: number;
  content: Uint8Array;
  /**
   * How `content` holds the file (migration 0011): as is, or deflate-compressed. Updated only with
   * `content`, in the transaction that wrote the row (insertBlobWhilePacking).
   */
  encoding: ColumnType<BlobEncoding, BlobEncoding | undefined, BlobEncoding>;
  created_at: string;
}

export type BlobEncoding = 'identity' | 'deflate-raw';

export interface SbomsTable {
  id: string;
  organization_id: string;
  release_id: string;
  format: string;
  spec_version: string;
  encoding: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  source: string;
  serial_number: string | null;
  bom_version: number | null;
  document_timestamp: string | null;
  metadata_json: string;
  diagnostics_json: string;
  component_count: number;
  dependency_count: number;
  created_at: string;
  created_by: string;
}

export interface ComponentsTable {
  id: string;
  organization_id: string;
  release_id: string;
  sbom_id: string | null;
  origin: 'sbom' | 'manual';
  parent_id: string | null;
  ordinal: number;
  bom_ref: string;
  type: string;
  name: string;
  version: string | null;
  group_name: string | null;
  supplier: string | null;
  purl: string | null;
  cpe: string | null;
  license: string | null;
  support_level: string | null;
  end_of_support: string | null;
  data_json: string;
  updated_at: string;
  /** `versionSortKey(version)` (core/sbom/version-sort-key.ts, migration 0018): what the inventory sorts versions by. */
  version_key: string | null;
  /**
   * 1 for the SBOM's primary component (CycloneDX metadata.component, SPDX's described package,
   * migration 0022); its nested components are rows with it as parent. 0 for every other row.
   */
  is_primary: number;
}

export interface ComponentDependenciesTable {
  sbom_id: string;
  ref: string;
  depends_on: string;
}

/** What the match says about a package version and a vulnerability (`finding_contents`, migration 0015). */
export interface FindingContentColumns {
  aliases_json: string;
  summary: string | null;
  severity: string;
  cvss_score: number | null;
  cvss_json: string;
  epss_score: number | null;
  epss_percentile: number | null;
  kev: number;
  kev_due_date: string | null;
  fixed_versions_json: string;
  evidence_json: string;
  content_hash: string;
}

/** A finding's release facts (the table behind the view `findings`). */
export interface FindingRowsTable {
  id: string;
  organization_id: string;
  release_id: string;
  package_key: string;
  component_version: string;
  vulnerability_id: string;
  component_id: string | null;
  component_name: string;
  component_purl: string | null;
  status: 'active' | 'withdrawn' | 'resolved-by-upgrade' | 'gone';
  first_seen_at: string;
  last_seen_at: string;
  changed_at: string;
  computed_at_seq: number;
  content_id: string;
  /** The id made when the finding ended (gone, withdrawn, resolved by upgrade); null while active. */
  ended_id: string | null;
}

/** The view `findings`: a finding row joined to its content. */
export type FindingsTable = Omit<FindingRowsTable, 'ended_id'> & FindingContentColumns;

/** One content per organisation, package version (variant) and vulnerability. */
export interface FindingContentsTable extends FindingContentColumns {
  id: string;
  organization_id: string;
  variant_key: string;
  vulnerability_id: string;
  last_seen_at: string;
  changed_at: string;
  computed_at_seq: number;
}

/** The view `finding_ids`: every id of a finding's vulnerability, upper-cased. */
export interface FindingIdsTable {
  finding_id: string;
  organization_id: string;
  vuln_id: string;
}

export interface ContentIdsTable {
  content_id: string;
  organization_id: string;
  vuln_id: string;
}

export interface FindingEventsTable {
  id: string;
  organization_id: string;
  release_id: string;
  finding_id: string;
  vulnerability_id: string;
  kind: 'new' | 'changed' | 'withdrawn' | 'gone';
  at: string;
  seq: number;
  severity: string;
  previous_severity: string | null;
  detail_json: string;
}

export interface ContentEventsTable {
  id: string;
  organization_id: string;
  content_id: string;
  vulnerability_id: string;
  kind: 'changed';
  at: string;
  seq: number;
  severity: string;
  previous_severity: string | null;
  detail_json: string;
}

/** The match inputs of an analysed package version and what its last evaluation found. */
export interface PackageVariantsTable {
  organization_id: string;
  variant_key: string;
  ecosystem: string | null;
  name: string | null;
  cpe_product: string | null;
  identity_json: string;
  state: string;
  dirty: number;
}

export interface ComponentPackagesTable {
  component_id: string;
  organization_id: string;
  release_id: string;
  ecosystem: string | null;
  name: string | null;
  cpe_product: string | null;
}

export interface UnevaluatedComponentsTable {
  component_id: string;
  organization_id: string;
  release_id: string;
  reason: string;
  detail: string;
}

export interface ReleaseAnalysesTable {
  release_id: string;
  organization_id: string;
  sbom_id: string | null;
  analysed_at: string;
  seq: number;
  component_count: number;
  unevaluated_count: number;
  /** 1 once an analysis recorded the release's package versions (migration 0015). */
  variants_recorded: number;
  /** The analysis rules' revision of the last whole analysis (migration 0021, core/vulns/analysis-rules.ts). */
  rules_revision: Generated<number>;
}

/** Who does an installation-wide task, until when (`monitor_leases`, migration 0016, ADR 0015). */
export interface MonitorLeasesTable {
  name: string;
  holder: string;
  /** ISO time; a lease past it may be taken by another holder. */
  expires_at: string;
}

export interface FindingStateTable {
  organization_id: string;
  last_seq: number;
  refreshed_at: string;
}

/** The vulnerability database an organisation's findings were computed with (migration 0025, ADR 0015). */
export interface FindingsBasisTable {
  organization_id: string;
  /** Fingerprint of the change log's first change; null when the database had no change. */
  log: string | null;
  seq: number;
  /** Fingerprint of change `seq`; null when there is none. */
  mark: string | null;
  /** `{ feed: { records, newest } }` of every feed the database held records of. */
  feeds_json: string;
  /** Host name and file path of the node whose database it was. */
  node: string;
  recorded_at: string;
}

export interface ComplianceAssessmentsTable {
  id: string;
  organization_id: string;
  product_id: string | null;
  /** The product id, or `org` for organisation-level assessments. */
  scope_key: string;
  catalog: string;
  entry_id: string;
  status: string;
  justification: string;
  owner: string;
  due_date: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface ComplianceEvidenceTable {
  id: string;
  organization_id: string;
  product_id: string | null;
  scope_key: string;
  catalog: string;
  entry_id: string;
  kind: string;
  record_type: string | null;
  record_id: string | null;
  title: string;
  file_name: string | null;
  sha256: string | null;
  size_bytes: number | null;
  media_type: string | null;
  version: string;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  created_by: string;
  removed_at: string | null;
}

export interface ComplianceProfilesTable {
  product_id: string;
  organization_id: string;
  route: string;
  catalogs_json: string;
  answers_json: string;
  updated_at: string;
}

/** Threat modelling (migration 0005). */
export interface SecurityContextsTable {
  product_id: string;
  organization_id: string;
  context_json: string;
  updated_at: string;
  updated_by: string;
}

export interface RiskScalesTable {
  organization_id: string;
  scales_json: string;
  updated_at: string;
  updated_by: string;
}

export interface ThreatModelsTable {
  id: string;
  organization_id: string;
  product_id: string;
  version: number;
  label: string;
  release_id: string | null;
  model_json: string;
  element_count: number;
  threat_count: number;
  frozen_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** threat_risks (ref = threat id), security_controls, security_requirements, verification_tests. */
export interface ThreatRecordsTable {
  id: string;
  organization_id: string;
  product_id: string;
  ref: string;
  data_json: string;
  created_at: string;
  updated_at: string;
}

export interface TriageDecisionsTable {
  id: string;
  organization_id: string;
  scope: 'finding' | 'component';
  finding_id: string | null;
  release_id: string | null;
  product_id: string | null;
  package_key: string;
  component_version: string;
  component_purl: string | null;
  vulnerability_id: string;
  state: string;
  justification: string | null;
  responses_json: string;
  detail: string | null;
  action_statement: string | null;
  source: 'manual' | 'bulk' | 'import';
  proposal_id: string | null;
  created_at: string;
  created_by: string;
  seq: number;
}

export interface TriageProposalsTable {
  id: string;
  organization_id: string;
  product_id: string;
  import_id: string;
  source_name: string;
  format: string;
  vulnerability_id: string;
  finding_ids_json: string;
  statement_json: string;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: string;
  created_by: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_note: string | null;
}

export interface ClinicalProfilesTable {
  product_id: string;
  organization_id: string;
  answers_json: string;
  exposure: string;
  updated_at: string;
  updated_by: string;
}

export interface RiskDecisionsTable {
  id: string;
  organization_id: string;
  finding_id: string;
  control: 'controlled' | 'uncontrolled';
  rationale: string;
  aware_on: string;
  jp_adverse_event: number;
  created_at: string;
  created_by: string;
  seq: number;
}

/** The Annex F route for products already on the market (migration 0009). */
export interface AnnexFGapsTable {
  id: string;
  organization_id: string;
  product_id: string;
  catalog: string;
  entry_id: string;
  description: string;
  decision: string | null;
  closure_action: string;
  closure_status: string;
  closure_due_date: string | null;
  compensating_measures: string;
  control_id: string | null;
  residual_level: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
  acceptance_rationale: string;
  origin: string;
  created_at: string;
  updated_at: string;
}

export interface ProductVulnSettingsTable {
  product_id: string;
  organization_id: string;
  cpe_matching: 'off' | 'without_purl' | 'all';
  /** `[{ component, cpeMatching: 'on' | 'off' }]` (migration 0012); rows written before hold `[]`. */
  component_overrides_json: ColumnType<string, string | undefined, string>;
  updated_at: string;
  updated_by: string;
}

export interface AnnexFAssessmentsTable {
  product_id: string;
  organization_id: string;
  versions_json: string;
  scope_notes: string;
  continued_use_rationale: string;
  components_json: string;
  risk_communication: string;
  monitoring_plan: string;
  update_plan: string;
  disclosure_plan: string;
  decided_at: string | null;
  decided_by: string | null;
  updated_at: string;
  updated_by: string;
}

/**
 * Organisation-level records (0008); columns are the snake_case of core/domain/org-records.ts
 * fields. These columns every register has: records are archived, never deleted.
 */
export interface OrgRecordColumns {
  id: string;
  organization_id: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  archived_at: string | null;
}

export interface OrgCommitteeMembersTable extends OrgRecordColumns {
  name: string;
  role: string;
  department: string;
  email: string;
  responsibilities: string;
  appointed_on: string | null;
  ends_on: string | null;
}

export interface OrgRaciAssignmentsTable extends OrgRecordColumns {
  activity: string;
  party: string;
  assignment: string;
  notes: string;
}

export interface OrgTrainingRecordsTable extends OrgRecordColumns {
  person: string;
  course: string;
  competence_area: string;
  completed_on: string;
  result: string;
  valid_until: string | null;
  notes: string;
}

export interface OrgContactPointsTable extends OrgRecordColumns {
  channel: string;
  address: string;
  pgp_key: string;
  published_url: string | null;
  response_sla_days: number | null;
  notes: string;
}

export interface OrgIsaoMembershipsTable extends OrgRecordColumns {
  organization_name: string;
  member_since: string | null;
  ended_on: string | null;
  contact: string;
  notes: string;
}

export interface OrgProcessReviewsTable extends OrgRecordColumns {
  reviewed_on: string;
  process: string;
  reviewers: string;
  findings: string;
  actions: string;
  next_review_due: string | null;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  products: ProductsTable;
  releases: ReleasesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  blobs: BlobsTable;
  sboms: SbomsTable;
  components: ComponentsTable;
  component_dependencies: ComponentDependenciesTable;
  findings: FindingsTable;
  finding_rows: FindingRowsTable;
  finding_contents: FindingContentsTable;
  finding_ids: FindingIdsTable;
  content_ids: ContentIdsTable;
  finding_events: FindingEventsTable;
  content_events: ContentEventsTable;
  package_variants: PackageVariantsTable;
  component_packages: ComponentPackagesTable;
  unevaluated_components: UnevaluatedComponentsTable;
  release_analyses: ReleaseAnalysesTable;
  finding_state: FindingStateTable;
  findings_basis: FindingsBasisTable;
  monitor_leases: MonitorLeasesTable;
  triage_decisions: TriageDecisionsTable;
  triage_proposals: TriageProposalsTable;
  clinical_profiles: ClinicalProfilesTable;
  risk_decisions: RiskDecisionsTable;
  compliance_assessments: ComplianceAssessmentsTable;
  compliance_evidence: ComplianceEvidenceTable;
  compliance_profiles: ComplianceProfilesTable;
  annex_f_gaps: AnnexFGapsTable;
  annex_f_assessments: AnnexFAssessmentsTable;
  product_vuln_settings: ProductVulnSettingsTable;
  security_contexts: SecurityContextsTable;
  risk_scales: RiskScalesTable;
  threat_models: ThreatModelsTable;
  threat_risks: ThreatRecordsTable;
  security_controls: ThreatRecordsTable;
  security_requirements: ThreatRecordsTable;
  verification_tests: ThreatRecordsTable;
  org_committee_members: OrgCommitteeMembersTable;
  org_raci_assignments: OrgRaciAssignmentsTable;
  org_training_records: OrgTrainingRecordsTable;
  org_contact_points: OrgContactPointsTable;
  org_isao_memberships: OrgIsaoMembershipsTable;
  org_process_reviews: OrgProcessReviewsTable;
}

export type Dialect = 'sqlite' | 'postgres';

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
