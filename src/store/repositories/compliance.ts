/**
 * Compliance assessments, evidence and product profiles. A scope is a product id, or `org` for the
 * organisation's own assessments. Reads load a whole scope at once (one query each), because gap
 * analysis needs every assessment and every evidence count of the scope together.
 */
import type { ApplicabilityAnswers, ConformityRoute } from '../../core/compliance/applicability.js';
import type { Assessment, AssessmentStatus } from '../../core/compliance/assessment.js';
import type { Evidence, EvidenceKind, EvidenceRecordType } from '../../core/compliance/evidence.js';
import type { ComplianceAssessmentsTable, ComplianceEvidenceTable, Db } from '../database.js';

export const ORG_SCOPE = 'org';

export function scopeKey(productId: string | null): string {
  return productId ?? ORG_SCOPE;
}

export function toAssessment(row: ComplianceAssessmentsTable): Assessment {
  return {
    id: row.id,
    productId: row.product_id,
    catalog: row.catalog,
    entry: row.entry_id,
    status: row.status as AssessmentStatus,
    justification: row.justification,
    owner: row.owner,
    dueDate: row.due_date,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findAssessment(
  db: Db,
  organizationId: string,
  productId: string | null,
  catalog: string,
  entry: string,
): Promise<Assessment | undefined> {
  const row = await db
    .selectFrom('compliance_assessments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('scope_key', '=', scopeKey(productId))
    .where('catalog', '=', catalog)
    .where('entry_id', '=', entry)
    .executeTakeFirst();
  return row ? toAssessment(row) : undefined;
}

export async function listScopeAssessments(db: Db, organizationId: string, productId: string | null): Promise<Assessment[]> {
  const rows = await db
    .selectFrom('compliance_assessments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('scope_key', '=', scopeKey(productId))
    .orderBy('catalog')
    .orderBy('entry_id')
    .execute();
  return rows.map(toAssessment);
}

export async function upsertAssessment(db: Db, organizationId: string, a: Assessment, exists: boolean): Promise<void> {
  const row: ComplianceAssessmentsTable = {
    id: a.id,
    organization_id: organizationId,
    product_id: a.productId,
    scope_key: scopeKey(a.productId),
    catalog: a.catalog,
    entry_id: a.entry,
    status: a.status,
    justification: a.justification,
    owner: a.owner,
    due_date: a.dueDate,
    notes: a.notes,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
  if (!exists) {
    await db.insertInto('compliance_assessments').values(row).execute();
    return;
  }
  const { id: _id, organization_id: _o, created_at: _c, ...changes } = row;
  await db.updateTable('compliance_assessments').set(changes).where('organization_id', '=', organizationId).where('id', '=', a.id).execute();
}

export function toEvidence(row: ComplianceEvidenceTable): Evidence {
  return {
    id: row.id,
    productId: row.product_id,
    catalog: row.catalog,
    entry: row.entry_id,
    kind: row.kind as EvidenceKind,
    recordType: row.record_type as EvidenceRecordType | null,
    recordId: row.record_id,
    title: row.title,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    mediaType: row.media_type,
    version: row.version,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export async function insertEvidence(db: Db, organizationId: string, e: Evidence): Promise<void> {
  await db
    .insertInto('compliance_evidence')
    .values({
      id: e.id,
      organization_id: organizationId,
      product_id: e.productId,
      scope_key: scopeKey(e.productId),
      catalog: e.catalog,
      entry_id: e.entry,
      kind: e.kind,
      record_type: e.recordType,
      record_id: e.recordId,
      title: e.title,
      file_name: e.fileName,
      sha256: e.sha256,
      size_bytes: e.sizeBytes,
      media_type: e.mediaType,
      version: e.version,
      approved_by: e.approvedBy,
      approved_at: e.approvedAt,
      created_at: e.createdAt,
      created_by: e.createdBy,
      removed_at: null,
    })
    .execute();
}

export async function findEvidence(db: Db, organizationId: string, id: string): Promise<Evidence | undefined> {
  const row = await db
    .selectFrom('compliance_evidence')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? toEvidence(row) : undefined;
}

export async function approveEvidence(db: Db, organizationId: string, id: string, by: string, at: string): Promise<void> {
  await db.updateTable('compliance_evidence').set({ approved_by: by, approved_at: at }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/** New title and version (document name, number/revision) of evidence, and its approval after the change. */
export async function updateEvidence(
  db: Db,
  organizationId: string,
  id: string,
  change: { title: string; version: string; approvedBy: string | null; approvedAt: string | null },
): Promise<void> {
  await db
    .updateTable('compliance_evidence')
    .set({ title: change.title, version: change.version, approved_by: change.approvedBy, approved_at: change.approvedAt })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** Evidence is never deleted (it may have been cited): removal hides it and keeps the row. */
export async function removeEvidence(db: Db, organizationId: string, id: string, at: string): Promise<void> {
  await db.updateTable('compliance_evidence').set({ removed_at: at }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/** Current evidence of a scope; optionally only of some entries (keys `catalog#entry`). */
export async function listScopeEvidence(db: Db, organizationId: string, productId: string | null): Promise<Evidence[]> {
  const rows = await db
    .selectFrom('compliance_evidence')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('scope_key', '=', scopeKey(productId))
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toEvidence);
}

export interface ComplianceProfile {
  readonly productId: string;
  readonly route: ConformityRoute;
  /** Catalog keys (`id@version`) that apply to the product. */
  readonly catalogs: readonly string[];
  readonly answers: ApplicabilityAnswers | null;
  readonly updatedAt: string;
}

export async function findProfile(db: Db, organizationId: string, productId: string): Promise<ComplianceProfile | undefined> {
  const row = await db
    .selectFrom('compliance_profiles')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    productId: row.product_id,
    route: row.route as ConformityRoute,
    catalogs: JSON.parse(row.catalogs_json) as string[],
    answers: JSON.parse(row.answers_json) as ApplicabilityAnswers | null,
    updatedAt: row.updated_at,
  };
}

export async function saveProfile(db: Db, organizationId: string, p: ComplianceProfile, exists: boolean): Promise<void> {
  const values = {
    route: p.route,
    catalogs_json: JSON.stringify(p.catalogs),
    answers_json: JSON.stringify(p.answers),
    updated_at: p.updatedAt,
  };
  if (exists)
    await db.updateTable('compliance_profiles').set(values).where('organization_id', '=', organizationId).where('product_id', '=', p.productId).execute();
  else await db.insertInto('compliance_profiles').values({ product_id: p.productId, organization_id: organizationId, ...values }).execute();
}
