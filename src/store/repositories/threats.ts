/**
 * Threat modelling tables: security contexts, risk scales, threat model versions and the four register
 * tables (threat_risks, security_controls, security_requirements, verification_tests) that share one
 * shape (id, product, ref, JSON data). Every query is scoped by organisation.
 */
import type { SecurityContext } from '../../core/threats/security-context.js';
import type { RiskScales } from '../../core/threats/scales.js';
import type { ThreatModel, ThreatModelVersion, ThreatModelVersionInfo } from '../../core/threats/model.js';
import type { Db, ThreatModelsTable } from '../database.js';

export type RegisterTable = 'threat_risks' | 'security_controls' | 'security_requirements' | 'verification_tests';

export interface StoredRecord<T> {
  readonly id: string;
  readonly productId: string;
  readonly ref: string;
  readonly data: T;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export async function findSecurityContext(
  db: Db,
  organizationId: string,
  productId: string,
): Promise<{ context: SecurityContext; updatedAt: string; updatedBy: string } | undefined> {
  const row = await db
    .selectFrom('security_contexts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row && { context: JSON.parse(row.context_json) as SecurityContext, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export async function saveSecurityContext(
  db: Db,
  organizationId: string,
  productId: string,
  context: SecurityContext,
  at: string,
  by: string,
): Promise<void> {
  const values = { context_json: JSON.stringify(context), updated_at: at, updated_by: by };
  const updated = await db
    .updateTable('security_contexts')
    .set(values)
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db.insertInto('security_contexts').values({ product_id: productId, organization_id: organizationId, ...values }).execute();
}

export async function findRiskScales(
  db: Db,
  organizationId: string,
): Promise<{ scales: RiskScales; updatedAt: string; updatedBy: string } | undefined> {
  const row = await db.selectFrom('risk_scales').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  return row && { scales: JSON.parse(row.scales_json) as RiskScales, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export async function saveRiskScales(db: Db, organizationId: string, scales: RiskScales, at: string, by: string): Promise<void> {
  const values = { scales_json: JSON.stringify(scales), updated_at: at, updated_by: by };
  const updated = await db.updateTable('risk_scales').set(values).where('organization_id', '=', organizationId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db.insertInto('risk_scales').values({ organization_id: organizationId, ...values }).execute();
}

const infoColumns = [
  'id',
  'product_id',
  'version',
  'label',
  'release_id',
  'element_count',
  'threat_count',
  'frozen_at',
  'created_at',
  'created_by',
  'updated_at',
] as const;

function toInfo(row: Omit<ThreatModelsTable, 'organization_id' | 'model_json'>): ThreatModelVersionInfo {
  return {
    id: row.id,
    productId: row.product_id,
    version: Number(row.version),
    label: row.label,
    releaseId: row.release_id,
    elementCount: Number(row.element_count),
    threatCount: Number(row.threat_count),
    frozenAt: row.frozen_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export async function insertThreatModel(db: Db, organizationId: string, v: ThreatModelVersion): Promise<void> {
  await db
    .insertInto('threat_models')
    .values({
      id: v.id,
      organization_id: organizationId,
      product_id: v.productId,
      version: v.version,
      label: v.label,
      release_id: v.releaseId,
      model_json: JSON.stringify(v.model),
      element_count: v.model.elements.length,
      threat_count: v.model.threats.length,
      frozen_at: v.frozenAt,
      created_at: v.createdAt,
      created_by: v.createdBy,
      updated_at: v.updatedAt,
    })
    .execute();
}

export async function updateThreatModel(
  db: Db,
  organizationId: string,
  id: string,
  change: { model?: ThreatModel; label?: string; releaseId?: string | null; frozenAt?: string | null; updatedAt: string },
): Promise<void> {
  await db
    .updateTable('threat_models')
    .set({
      updated_at: change.updatedAt,
      ...(change.model
        ? { model_json: JSON.stringify(change.model), element_count: change.model.elements.length, threat_count: change.model.threats.length }
        : {}),
      ...(change.label !== undefined ? { label: change.label } : {}),
      ...(change.releaseId !== undefined ? { release_id: change.releaseId } : {}),
      ...(change.frozenAt !== undefined ? { frozen_at: change.frozenAt } : {}),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export async function findThreatModel(db: Db, organizationId: string, id: string): Promise<ThreatModelVersion | undefined> {
  const row = await db
    .selectFrom('threat_models')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toInfo(row), model: JSON.parse(row.model_json) as ThreatModel };
}

export async function findLatestThreatModel(db: Db, organizationId: string, productId: string): Promise<ThreatModelVersion | undefined> {
  const row = await db
    .selectFrom('threat_models')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { ...toInfo(row), model: JSON.parse(row.model_json) as ThreatModel };
}

/** Versions of a product, newest first, without the model documents. */
export async function listThreatModels(db: Db, organizationId: string, productId: string): Promise<ThreatModelVersionInfo[]> {
  const rows = await db
    .selectFrom('threat_models')
    .select(infoColumns)
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toInfo);
}

export async function listRecords<T>(db: Db, table: RegisterTable, organizationId: string, productId: string): Promise<StoredRecord<T>[]> {
  const rows = await db
    .selectFrom(table)
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .orderBy('ref')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, productId: r.product_id, ref: r.ref, data: JSON.parse(r.data_json) as T, createdAt: r.created_at, updatedAt: r.updated_at }));
}

export async function findRecord<T>(db: Db, table: RegisterTable, organizationId: string, id: string): Promise<StoredRecord<T> | undefined> {
  const r = await db.selectFrom(table).selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, productId: r.product_id, ref: r.ref, data: JSON.parse(r.data_json) as T, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function findRecordByRef<T>(
  db: Db,
  table: RegisterTable,
  organizationId: string,
  productId: string,
  ref: string,
): Promise<StoredRecord<T> | undefined> {
  const r = await db
    .selectFrom(table)
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .where('ref', '=', ref)
    .executeTakeFirst();
  return r && { id: r.id, productId: r.product_id, ref: r.ref, data: JSON.parse(r.data_json) as T, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function insertRecord<T>(db: Db, table: RegisterTable, organizationId: string, rec: StoredRecord<T>): Promise<void> {
  await db
    .insertInto(table)
    .values({
      id: rec.id,
      organization_id: organizationId,
      product_id: rec.productId,
      ref: rec.ref,
      data_json: JSON.stringify(rec.data),
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
    })
    .execute();
}

export async function updateRecord<T>(db: Db, table: RegisterTable, organizationId: string, rec: StoredRecord<T>): Promise<void> {
  await db
    .updateTable(table)
    .set({ ref: rec.ref, data_json: JSON.stringify(rec.data), updated_at: rec.updatedAt })
    .where('organization_id', '=', organizationId)
    .where('id', '=', rec.id)
    .execute();
}

export async function deleteRecord(db: Db, table: RegisterTable, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom(table).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}
