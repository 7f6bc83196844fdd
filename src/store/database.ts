/**
 * The database schema as Kysely sees it. Portable types only, so the same queries run on SQLite and
 * PostgreSQL: ids and timestamps are text (UUIDs, ISO 8601 UTC), flags are integers 0/1, lists and
 * documents are JSON text.
 */
import type { Kysely, Transaction } from 'kysely';

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
  created_at: string;
}

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
}

export interface ComponentDependenciesTable {
  sbom_id: string;
  ref: string;
  depends_on: string;
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
}

export type Dialect = 'sqlite' | 'postgres';

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
