/**
 * Triage decisions (append-only), proposed decisions from imported VEX documents, clinical-impact
 * profiles and FDA risk decisions (append-only). Every query is scoped by organisation.
 */
import type { VexJustification, VexResponse, VexState, VexStatement } from '../../core/vex/model.js';
import type { ClinicalAnswers, Exposure } from '../../core/triage/clinical.js';
import type { RiskControl } from '../../core/triage/clocks.js';
import type { Db, RiskDecisionsTable, TriageDecisionsTable, TriageProposalsTable } from '../database.js';
import { chunks } from './findings.js';

export interface TriageDecisionRecord {
  readonly id: string;
  readonly scope: 'finding' | 'component';
  readonly findingId: string | null;
  readonly releaseId: string | null;
  readonly productId: string | null;
  readonly packageKey: string;
  readonly componentVersion: string;
  readonly componentPurl: string | null;
  readonly vulnerabilityId: string;
  readonly state: VexState;
  readonly justification: VexJustification | null;
  readonly responses: readonly VexResponse[];
  readonly detail: string | null;
  readonly actionStatement: string | null;
  readonly source: 'manual' | 'bulk' | 'import';
  readonly proposalId: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly seq: number;
}

export function toDecision(r: TriageDecisionsTable): TriageDecisionRecord {
  return {
    id: r.id,
    scope: r.scope,
    findingId: r.finding_id,
    releaseId: r.release_id,
    productId: r.product_id,
    packageKey: r.package_key,
    componentVersion: r.component_version,
    componentPurl: r.component_purl,
    vulnerabilityId: r.vulnerability_id,
    state: r.state as VexState,
    justification: r.justification as VexJustification | null,
    responses: JSON.parse(r.responses_json) as VexResponse[],
    detail: r.detail,
    actionStatement: r.action_statement,
    source: r.source,
    proposalId: r.proposal_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    seq: Number(r.seq),
  };
}

/** The next append sequence number of a table in an organisation (called inside the writing transaction). */
export async function nextSeq(db: Db, table: 'triage_decisions' | 'risk_decisions', organizationId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export async function insertDecisions(db: Db, rows: readonly TriageDecisionsTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) if (part.length > 0) await db.insertInto('triage_decisions').values(part).execute();
}

/** Every decision about any of the vulnerabilities (callers filter by package, version and scope). */
export async function decisionsForVulnerabilities(db: Db, organizationId: string, vulnerabilityIds: readonly string[]): Promise<TriageDecisionRecord[]> {
  const out: TriageDecisionRecord[] = [];
  for (const part of chunks([...new Set(vulnerabilityIds)])) {
    const rows = await db
      .selectFrom('triage_decisions')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('vulnerability_id', 'in', part)
      .orderBy('seq')
      .execute();
    out.push(...rows.map(toDecision));
  }
  return out;
}

/** Releases of the given products with their position (creation order) inside their product. */
export async function releaseOrders(db: Db, organizationId: string, productIds: readonly string[]): Promise<Map<string, { productId: string; order: number; version: string }>> {
  const out = new Map<string, { productId: string; order: number; version: string }>();
  if (productIds.length === 0) return out;
  const rows = await db
    .selectFrom('releases')
    .select(['id', 'product_id', 'version', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('product_id', 'in', [...new Set(productIds)])
    .orderBy('product_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const counters = new Map<string, number>();
  for (const r of rows) {
    const n = counters.get(r.product_id) ?? 0;
    counters.set(r.product_id, n + 1);
    out.set(r.id, { productId: r.product_id, order: n, version: r.version });
  }
  return out;
}

// ---- proposals ----------------------------------------------------------------------------------

export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

export interface TriageProposalRecord {
  readonly id: string;
  readonly productId: string;
  readonly importId: string;
  readonly sourceName: string;
  readonly format: string;
  readonly vulnerabilityId: string;
  readonly findingIds: readonly string[];
  readonly statement: VexStatement;
  readonly status: ProposalStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly reviewedAt: string | null;
  readonly reviewedBy: string | null;
  readonly reviewNote: string | null;
}

/** A stored statement; those stored before VEX statements carried CVSS ratings have none. */
function storedStatement(json: string): VexStatement {
  const s = JSON.parse(json) as VexStatement & { vulnerability: { ratings?: VexStatement['vulnerability']['ratings'] } };
  return { ...s, vulnerability: { ...s.vulnerability, ratings: s.vulnerability.ratings ?? [] } };
}

function toProposal(r: TriageProposalsTable): TriageProposalRecord {
  return {
    id: r.id,
    productId: r.product_id,
    importId: r.import_id,
    sourceName: r.source_name,
    format: r.format,
    vulnerabilityId: r.vulnerability_id,
    findingIds: JSON.parse(r.finding_ids_json) as string[],
    statement: storedStatement(r.statement_json),
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
  };
}

export async function insertProposals(db: Db, rows: readonly TriageProposalsTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) if (part.length > 0) await db.insertInto('triage_proposals').values(part).execute();
}

export async function listProposals(db: Db, organizationId: string, productId: string, status: ProposalStatus | null): Promise<TriageProposalRecord[]> {
  let q = db.selectFrom('triage_proposals').selectAll().where('organization_id', '=', organizationId).where('product_id', '=', productId);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('created_at').orderBy('vulnerability_id').orderBy('id').execute();
  return rows.map(toProposal);
}

export async function findProposal(db: Db, organizationId: string, id: string): Promise<TriageProposalRecord | undefined> {
  const row = await db.selectFrom('triage_proposals').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return row && toProposal(row);
}

export async function reviewProposalRow(db: Db, organizationId: string, id: string, status: 'accepted' | 'rejected', at: string, by: string, note: string | null): Promise<void> {
  await db
    .updateTable('triage_proposals')
    .set({ status, reviewed_at: at, reviewed_by: by, review_note: note })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

// ---- clinical profile ---------------------------------------------------------------------------

export interface ClinicalProfileRecord {
  readonly productId: string;
  readonly answers: ClinicalAnswers;
  readonly exposure: Exposure;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export async function findClinicalProfile(db: Db, organizationId: string, productId: string): Promise<ClinicalProfileRecord | undefined> {
  const row = await db.selectFrom('clinical_profiles').selectAll().where('organization_id', '=', organizationId).where('product_id', '=', productId).executeTakeFirst();
  return (
    row && {
      productId: row.product_id,
      answers: JSON.parse(row.answers_json) as ClinicalAnswers,
      exposure: row.exposure as Exposure,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }
  );
}

export async function saveClinicalProfile(db: Db, organizationId: string, p: ClinicalProfileRecord): Promise<void> {
  const values = { answers_json: JSON.stringify(p.answers), exposure: p.exposure, updated_at: p.updatedAt, updated_by: p.updatedBy };
  await db
    .insertInto('clinical_profiles')
    .values({ product_id: p.productId, organization_id: organizationId, ...values })
    .onConflict((oc) => oc.column('product_id').doUpdateSet(values))
    .execute();
}

// ---- FDA risk decisions -------------------------------------------------------------------------

export interface RiskDecisionRecord {
  readonly id: string;
  readonly findingId: string;
  readonly control: RiskControl;
  readonly rationale: string;
  readonly awareOn: string;
  readonly jpAdverseEvent: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly seq: number;
}

function toRiskDecision(r: RiskDecisionsTable): RiskDecisionRecord {
  return {
    id: r.id,
    findingId: r.finding_id,
    control: r.control,
    rationale: r.rationale,
    awareOn: r.aware_on,
    jpAdverseEvent: Number(r.jp_adverse_event) === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    seq: Number(r.seq),
  };
}

export async function insertRiskDecision(db: Db, row: RiskDecisionsTable): Promise<void> {
  await db.insertInto('risk_decisions').values(row).execute();
}

/** Risk decisions of the findings, oldest first. */
export async function riskDecisionsOf(db: Db, organizationId: string, findingIds: readonly string[]): Promise<RiskDecisionRecord[]> {
  const out: RiskDecisionRecord[] = [];
  for (const part of chunks([...new Set(findingIds)])) {
    const rows = await db.selectFrom('risk_decisions').selectAll().where('organization_id', '=', organizationId).where('finding_id', 'in', part).orderBy('seq').execute();
    out.push(...rows.map(toRiskDecision));
  }
  return out;
}
