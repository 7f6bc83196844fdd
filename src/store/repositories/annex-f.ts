/**
 * The Annex F gap list and the Annex F record of each product. A product's whole gap list is read in
 * one query (the readiness check needs it all). Every query is scoped by organisation.
 */
import type { AnnexFDecision, AnnexFGap, AnnexFRecord, ClosureStatus, ComponentNotUpgraded, GapOrigin } from '../../core/compliance/annex-f.js';
import type { RiskLevel } from '../../core/threats/scales.js';
import type { AnnexFAssessmentsTable, AnnexFGapsTable, Db } from '../database.js';

export function toGap(row: AnnexFGapsTable): AnnexFGap {
  return {
    id: row.id,
    productId: row.product_id,
    catalog: row.catalog,
    entry: row.entry_id,
    description: row.description,
    decision: row.decision as AnnexFDecision | null,
    closureAction: row.closure_action,
    closureStatus: row.closure_status as ClosureStatus,
    closureDueDate: row.closure_due_date,
    compensatingMeasures: row.compensating_measures,
    controlId: row.control_id,
    residualLevel: row.residual_level as RiskLevel | null,
    acceptanceRationale: row.acceptance_rationale,
    acceptedBy: row.accepted_by,
    acceptedAt: row.accepted_at,
    origin: row.origin as GapOrigin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function gapRow(organizationId: string, g: AnnexFGap): AnnexFGapsTable {
  return {
    id: g.id,
    organization_id: organizationId,
    product_id: g.productId,
    catalog: g.catalog,
    entry_id: g.entry,
    description: g.description,
    decision: g.decision,
    closure_action: g.closureAction,
    closure_status: g.closureStatus,
    closure_due_date: g.closureDueDate,
    compensating_measures: g.compensatingMeasures,
    control_id: g.controlId,
    residual_level: g.residualLevel,
    accepted_by: g.acceptedBy,
    accepted_at: g.acceptedAt,
    acceptance_rationale: g.acceptanceRationale,
    origin: g.origin,
    created_at: g.createdAt,
    updated_at: g.updatedAt,
  };
}

export async function listGaps(db: Db, organizationId: string, productId: string): Promise<AnnexFGap[]> {
  const rows = await db
    .selectFrom('annex_f_gaps')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toGap);
}

export async function findGap(db: Db, organizationId: string, productId: string, id: string): Promise<AnnexFGap | undefined> {
  const row = await db
    .selectFrom('annex_f_gaps')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toGap(row) : undefined;
}

/** Inserts gaps in one statement. */
export async function insertGaps(db: Db, organizationId: string, gaps: readonly AnnexFGap[]): Promise<void> {
  if (gaps.length === 0) return;
  await db.insertInto('annex_f_gaps').values(gaps.map((g) => gapRow(organizationId, g))).execute();
}

export async function updateGap(db: Db, organizationId: string, g: AnnexFGap): Promise<void> {
  const { id: _id, organization_id: _o, product_id: _p, created_at: _c, origin: _origin, ...changes } = gapRow(organizationId, g);
  await db.updateTable('annex_f_gaps').set(changes).where('organization_id', '=', organizationId).where('id', '=', g.id).execute();
}

export async function deleteGap(db: Db, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('annex_f_gaps').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

function toRecord(row: AnnexFAssessmentsTable): AnnexFRecord {
  return {
    productId: row.product_id,
    versions: JSON.parse(row.versions_json) as string[],
    scopeNotes: row.scope_notes,
    continuedUseRationale: row.continued_use_rationale,
    componentsNotUpgraded: JSON.parse(row.components_json) as ComponentNotUpgraded[],
    riskCommunication: row.risk_communication,
    monitoringPlan: row.monitoring_plan,
    updatePlan: row.update_plan,
    disclosurePlan: row.disclosure_plan,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function findRecord(db: Db, organizationId: string, productId: string): Promise<AnnexFRecord | undefined> {
  const row = await db
    .selectFrom('annex_f_assessments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function saveRecord(db: Db, organizationId: string, r: AnnexFRecord, exists: boolean): Promise<void> {
  const values = {
    versions_json: JSON.stringify(r.versions),
    scope_notes: r.scopeNotes,
    continued_use_rationale: r.continuedUseRationale,
    components_json: JSON.stringify(r.componentsNotUpgraded),
    risk_communication: r.riskCommunication,
    monitoring_plan: r.monitoringPlan,
    update_plan: r.updatePlan,
    disclosure_plan: r.disclosurePlan,
    decided_at: r.decidedAt,
    decided_by: r.decidedBy,
    updated_at: r.updatedAt,
    updated_by: r.updatedBy,
  };
  if (exists)
    await db.updateTable('annex_f_assessments').set(values).where('organization_id', '=', organizationId).where('product_id', '=', r.productId).execute();
  else await db.insertInto('annex_f_assessments').values({ product_id: r.productId, organization_id: organizationId, ...values }).execute();
}
