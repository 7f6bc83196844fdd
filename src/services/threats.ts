/**
 * Threat modelling and security risk management (IEC 81001-5-1 clauses 7.1.2–7.5, 5.2.1, 5.2.2,
 * 5.7.1–5.7.5): the product security context, threat model versions with Threat Dragon import and
 * export, the organisation's risk scales, the risk register, controls, security requirements with
 * review records, verification tests, the traceability matrix and an evidence summary.
 * Reads need product.read; writes product.write (risk scales: organization.write). Every write is audited.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { fileNamePart } from '../core/file-name.js';
import type { Product } from '../core/domain/product.js';
import { canonicalJson } from '../core/canonical-json.js';
import type { ErrorCode } from '../core/errors.js';
import { err, ok, type Issue, type Result } from '../core/result.js';
import { diffThreatModels, type ThreatModelDiff } from '../core/threats/diff.js';
import {
  emptyThreatModel,
  threatModelIssues,
  type Threat,
  type ThreatModel,
  type ThreatModelVersion,
  type ThreatModelVersionInfo,
} from '../core/threats/model.js';
import {
  testIssues,
  type Control,
  type RequirementReview,
  type RequirementReviewStatus,
  type SecurityRequirement,
  type VerificationTest,
} from '../core/threats/register.js';
import { evaluateRisk, riskAssessmentIssues, type RiskAssessment, type RiskEvaluation } from '../core/threats/risk.js';
import { defaultRiskScales, riskScalesIssues, type RiskScales } from '../core/threats/scales.js';
import { emptySecurityContext, securityContextIssues, type SecurityContext } from '../core/threats/security-context.js';
import { strideGaps, type StrideSuggestion } from '../core/threats/stride.js';
import { readThreatDragon, writeThreatDragon } from '../core/threats/threat-dragon.js';
import { buildTraceability, type TraceabilityMatrix } from '../core/threats/traceability.js';
import { isUniqueViolation } from '../store/connect.js';
import type { Db } from '../store/database.js';
import { findProduct } from '../store/repositories/products.js';
import { findRelease } from '../store/repositories/releases.js';
import {
  deleteRecord,
  findLatestThreatModel,
  findRecord,
  findRecordByRef,
  findRiskScales,
  findSecurityContext,
  findThreatModel,
  insertRecord,
  insertThreatModel,
  listRecords,
  listThreatModels,
  saveRiskScales,
  saveSecurityContext,
  updateRecord,
  updateThreatModel,
  type RegisterTable,
  type StoredRecord,
} from '../store/repositories/threats.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

const productNotFound = (id: string) => err('product.not_found', `No product with id ${id}.`, { details: { id } });
const modelNotFound = (id: string) => err('threat_model.not_found', `No threat model version with id ${id}.`, { details: { id } });
const noModel = (productId: string) =>
  err('threat_model.none', 'The product has no threat model yet: import one or create a version first.', { details: { productId } });

async function productFor(db: Db, actor: Actor, productId: string, forWrite: boolean): Promise<Result<Product>> {
  const product = await findProduct(db, actor.organizationId, productId);
  if (!product) return productNotFound(productId);
  if (forWrite && product.archivedAt) return err('product.archived', 'Restore the product before changing its threat model or risk records.');
  return ok(product);
}

// ── Security context ────────────────────────────────────────────────────────────────────────────

export interface SecurityContextRecord {
  readonly productId: string;
  readonly context: SecurityContext;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export async function getSecurityContext(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<SecurityContextRecord>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  const found = await findSecurityContext(ctx.store.db, actor.organizationId, productId);
  return ok({ productId, context: found?.context ?? emptySecurityContext(), updatedAt: found?.updatedAt ?? null, updatedBy: found?.updatedBy ?? null });
}

export async function putSecurityContext(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  context: SecurityContext,
): Promise<Result<SecurityContextRecord>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues = securityContextIssues(context);
  if (issues.length > 0) return err('security_context.invalid', 'The product security context has invalid fields.', { issues });
  return ctx.store.transaction(async (trx) => {
    const product = await productFor(trx, actor, productId, true);
    if (!product.ok) return product;
    const before = await findSecurityContext(trx, actor.organizationId, productId);
    const at = nowIso(ctx);
    await saveSecurityContext(trx, actor.organizationId, productId, context, at, actor.name);
    await recordAudit(ctx, trx, actor, {
      action: 'security_context.update',
      entityType: 'product',
      entityId: productId,
      before: before?.context ?? null,
      after: context,
    });
    return ok({ productId, context, updatedAt: at, updatedBy: actor.name });
  });
}

// ── Risk scales ─────────────────────────────────────────────────────────────────────────────────

export interface RiskScalesRecord {
  readonly scales: RiskScales;
  readonly isDefault: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

async function scalesOf(db: Db, organizationId: string): Promise<RiskScales> {
  return (await findRiskScales(db, organizationId))?.scales ?? defaultRiskScales;
}

export async function getRiskScales(ctx: ServiceContext, actor: Actor): Promise<Result<RiskScalesRecord>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const found = await findRiskScales(ctx.store.db, actor.organizationId);
  return ok({ scales: found?.scales ?? defaultRiskScales, isDefault: !found, updatedAt: found?.updatedAt ?? null, updatedBy: found?.updatedBy ?? null });
}

export async function putRiskScales(ctx: ServiceContext, actor: Actor, scales: RiskScales): Promise<Result<RiskScalesRecord>> {
  const auth = authorize(actor, 'organization.write');
  if (!auth.ok) return auth;
  const issues = riskScalesIssues(scales);
  if (issues.length > 0) return err('risk_scales.invalid', 'The risk scales are not consistent.', { issues });
  return ctx.store.transaction(async (trx) => {
    const before = await findRiskScales(trx, actor.organizationId);
    const at = nowIso(ctx);
    await saveRiskScales(trx, actor.organizationId, scales, at, actor.name);
    await recordAudit(ctx, trx, actor, {
      action: 'risk_scales.update',
      entityType: 'organization',
      entityId: actor.organizationId,
      before: before?.scales ?? defaultRiskScales,
      after: scales,
    });
    return ok({ scales, isDefault: false, updatedAt: at, updatedBy: actor.name });
  });
}

// ── Threat model versions ───────────────────────────────────────────────────────────────────────

function modelInvalid(issues: readonly Issue[]): Result<never> {
  return err('threat_model.invalid', `The threat model has ${issues.length} problem(s): ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), {
    issues: issues.slice(0, 200),
  });
}

const infoOf = (v: ThreatModelVersion): ThreatModelVersionInfo => {
  const { model, ...info } = v;
  void model;
  return info;
};

export async function listThreatModelVersions(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
): Promise<Result<ThreatModelVersionInfo[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  return ok(await listThreatModels(ctx.store.db, actor.organizationId, productId));
}

export async function getThreatModelVersion(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<ThreatModelVersion>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const v = await findThreatModel(ctx.store.db, actor.organizationId, id);
  return v ? ok(v) : modelNotFound(id);
}

export async function getCurrentThreatModel(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<ThreatModelVersion>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  const v = await findLatestThreatModel(ctx.store.db, actor.organizationId, productId);
  return v ? ok(v) : noModel(productId);
}

export interface NewVersionInput {
  readonly label?: string | undefined;
  readonly releaseId?: string | null | undefined;
  /** The model of the new version; without it the current version is copied (or an empty model started). */
  readonly model?: ThreatModel | undefined;
}

/**
 * Makes a new version of the product's threat model. The previous version is frozen: it can no
 * longer change, so what was assessed stays on record.
 */
export async function createThreatModelVersion(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  input: NewVersionInput,
  audit: { action: string; extra?: Record<string, unknown> } = { action: 'threat_model.create' },
): Promise<Result<ThreatModelVersion>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  if (input.model) {
    const issues = threatModelIssues(input.model);
    if (issues.length > 0) return modelInvalid(issues);
  }
  try {
    return await ctx.store.transaction(async (trx) => {
      const product = await productFor(trx, actor, productId, true);
      if (!product.ok) return product;
      if (input.releaseId) {
        const release = await findRelease(trx, actor.organizationId, input.releaseId);
        if (!release || release.productId !== productId)
          return err('release.not_found', `No release ${input.releaseId} of this product.`, { details: { id: input.releaseId } });
      }
      const previous = await findLatestThreatModel(trx, actor.organizationId, productId);
      const at = nowIso(ctx);
      if (previous && !previous.frozenAt) await updateThreatModel(trx, actor.organizationId, previous.id, { frozenAt: at, updatedAt: previous.updatedAt });
      const model = input.model ?? previous?.model ?? emptyThreatModel(product.value.name);
      const version = (previous?.version ?? 0) + 1;
      const created: ThreatModelVersion = {
        id: ctx.newId(),
        productId,
        version,
        label: input.label?.trim() || `v${version}`,
        releaseId: input.releaseId ?? null,
        elementCount: model.elements.length,
        threatCount: model.threats.length,
        frozenAt: null,
        createdAt: at,
        createdBy: actor.name,
        updatedAt: at,
        model,
      };
      await insertThreatModel(trx, actor.organizationId, created);
      await recordAudit(ctx, trx, actor, {
        action: audit.action,
        entityType: 'threat_model',
        entityId: created.id,
        before: previous ? { ...infoOf(previous), frozenAt: previous.frozenAt ?? at } : null,
        after: { ...infoOf(created), ...audit.extra },
      });
      return ok(created);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return err('threat_model.frozen', 'Another version was made at the same time; reload and try again.');
    throw e;
  }
}

/** Replaces the model document of the current (not frozen) version. */
export async function saveThreatModel(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { model: ThreatModel; label?: string | undefined; releaseId?: string | null | undefined },
): Promise<Result<ThreatModelVersion>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues = threatModelIssues(input.model);
  if (issues.length > 0) return modelInvalid(issues);
  return ctx.store.transaction(async (trx) => {
    const before = await findThreatModel(trx, actor.organizationId, id);
    if (!before) return modelNotFound(id);
    if (before.frozenAt)
      return err('threat_model.frozen', `Version ${before.version} is frozen because a newer version exists; change the newest version instead.`, {
        details: { id, version: before.version },
      });
    const product = await productFor(trx, actor, before.productId, true);
    if (!product.ok) return product;
    if (input.releaseId) {
      const release = await findRelease(trx, actor.organizationId, input.releaseId);
      if (!release || release.productId !== before.productId)
        return err('release.not_found', `No release ${input.releaseId} of this product.`, { details: { id: input.releaseId } });
    }
    const at = nowIso(ctx);
    const after: ThreatModelVersion = {
      ...before,
      model: input.model,
      label: input.label?.trim() || before.label,
      releaseId: input.releaseId === undefined ? before.releaseId : input.releaseId,
      elementCount: input.model.elements.length,
      threatCount: input.model.threats.length,
      updatedAt: at,
    };
    await updateThreatModel(trx, actor.organizationId, id, { model: after.model, label: after.label, releaseId: after.releaseId, updatedAt: at });
    const diff = diffThreatModels(before.model, after.model);
    await recordAudit(ctx, trx, actor, {
      action: 'threat_model.update',
      entityType: 'threat_model',
      entityId: id,
      before: infoOf(before),
      after: { ...infoOf(after), changes: diffCounts(diff) },
    });
    return ok(after);
  });
}

function diffCounts(d: ThreatModelDiff) {
  return {
    elements: { added: d.elements.added.length, removed: d.elements.removed.length, changed: d.elements.changed.length, moved: d.moved.length },
    threats: { added: d.threats.added.length, removed: d.threats.removed.length, changed: d.threats.changed.length },
  };
}

/** Reads a Threat Dragon v2 model (already JSON-parsed) into a new version of the product's threat model. */
export async function importThreatDragonModel(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  document: unknown,
  options: { label?: string | undefined; releaseId?: string | null | undefined; fileName?: string | undefined } = {},
): Promise<Result<ThreatModelVersion & { warnings: string[] }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const read = readThreatDragon(document);
  if (!read.ok) return err('threat_model.invalid', `Not a readable Threat Dragon v2 model: ${read.issues[0]?.message ?? ''}`, { issues: read.issues.slice(0, 200) });
  const created = await createThreatModelVersion(
    ctx,
    actor,
    productId,
    { label: options.label ?? read.model.title, releaseId: options.releaseId, model: read.model },
    { action: 'threat_model.import', extra: { format: 'threat-dragon-v2', ...(options.fileName ? { fileName: options.fileName } : {}) } },
  );
  return created.ok ? ok({ ...created.value, warnings: read.warnings }) : created;
}

export type ExportFormat = 'threat-dragon' | 'json';

export async function exportThreatModel(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  format: ExportFormat,
): Promise<Result<{ fileName: string; document: unknown; productId: string }>> {
  const v = await getThreatModelVersion(ctx, actor, id);
  if (!v.ok) return v;
  const base = `${fileNamePart(v.value.model.title) || 'threat-model'}-v${v.value.version}`;
  const productId = v.value.productId;
  if (format === 'threat-dragon') return ok({ fileName: `${base}.threat-dragon.json`, document: writeThreatDragon(v.value.model), productId });
  return ok({ fileName: `${base}.mamori-threat-model.json`, document: { format: 'mamori-threat-model', formatVersion: 1, ...infoOf(v.value), model: v.value.model }, productId });
}

export async function diffThreatModelVersions(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  againstId: string,
): Promise<Result<{ from: ThreatModelVersionInfo; to: ThreatModelVersionInfo; diff: ThreatModelDiff }>> {
  const to = await getThreatModelVersion(ctx, actor, id);
  if (!to.ok) return to;
  const from = await getThreatModelVersion(ctx, actor, againstId);
  if (!from.ok) return from;
  if (from.value.productId !== to.value.productId)
    return err('request.invalid', 'Both versions must belong to the same product.', { issues: [{ path: 'against', message: 'A version of another product.' }] });
  return ok({ from: infoOf(from.value), to: infoOf(to.value), diff: diffThreatModels(from.value.model, to.value.model) });
}

export async function strideSuggestions(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<StrideSuggestion[]>> {
  const v = await getThreatModelVersion(ctx, actor, id);
  if (!v.ok) return v;
  return ok(strideGaps(v.value.model.elements, v.value.model.threats));
}

// ── Risk register ───────────────────────────────────────────────────────────────────────────────

export type RiskData = Omit<RiskAssessment, 'threatId'>;
export type RiskInput = Omit<RiskData, 'acceptance'>;

export interface RiskEntry {
  readonly threatId: string;
  readonly threatTitle: string;
  readonly elementId: string;
  readonly elementName: string;
  readonly category: string;
  readonly status: Threat['status'];
  readonly assessment: (RiskAssessment & { readonly id: string; readonly updatedAt: string }) | null;
  readonly evaluation: RiskEvaluation | null;
}

export interface RiskRegister {
  readonly productId: string;
  readonly threatModel: ThreatModelVersionInfo;
  readonly scales: RiskScales;
  readonly items: readonly RiskEntry[];
  /** Assessments of threats that are no longer in the current threat model. */
  readonly orphaned: readonly string[];
}

/** Finding ids among `ids` that are known exploited (CISA KEV) and so raise likelihood. */
async function exploitableFindings(db: Db, organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('findings')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...new Set(ids)])
    .where('kev', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function loadRegister(db: Db, actor: Actor, productId: string): Promise<Result<RiskRegister>> {
  const current = await findLatestThreatModel(db, actor.organizationId, productId);
  if (!current) return noModel(productId);
  const scales = await scalesOf(db, actor.organizationId);
  const stored = await listRecords<RiskData>(db, 'threat_risks', actor.organizationId, productId);
  const byThreat = new Map(stored.map((r) => [r.ref, r]));
  const exploitable = await exploitableFindings(db, actor.organizationId, current.model.threats.flatMap((t) => t.findingIds));
  const names = new Map(current.model.elements.map((e) => [e.id, e.name]));
  const items = current.model.threats.map((t): RiskEntry => {
    const rec = byThreat.get(t.id);
    const assessment = rec ? { ...rec.data, threatId: t.id, id: rec.id, updatedAt: rec.updatedAt } : null;
    return {
      threatId: t.id,
      threatTitle: t.title,
      elementId: t.elementId,
      elementName: names.get(t.elementId) ?? '',
      category: t.category,
      status: t.status,
      assessment,
      evaluation: assessment ? evaluateRisk(scales, assessment, t.findingIds.filter((f) => exploitable.has(f))) : null,
    };
  });
  const threatIds = new Set(current.model.threats.map((t) => t.id));
  return ok({
    productId,
    threatModel: infoOf(current),
    scales,
    items,
    orphaned: stored.filter((r) => !threatIds.has(r.ref)).map((r) => r.ref),
  });
}

export async function getRiskRegister(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<RiskRegister>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  return loadRegister(ctx.store.db, actor, productId);
}

async function threatOf(db: Db, actor: Actor, productId: string, threatId: string): Promise<Result<{ threat: Threat; version: ThreatModelVersion }>> {
  const current = await findLatestThreatModel(db, actor.organizationId, productId);
  if (!current) return noModel(productId);
  const threat = current.model.threats.find((t) => t.id === threatId);
  return threat
    ? ok({ threat, version: current })
    : err('threat.not_found', `The current threat model (version ${current.version}) has no threat ${threatId}.`, { details: { threatId } });
}

function riskEntryOf(register: RiskRegister, threatId: string): RiskEntry {
  const entry = register.items.find((i) => i.threatId === threatId);
  if (!entry) throw new Error(`threat ${threatId} vanished inside a transaction`);
  return entry;
}

/** Records or replaces the risk estimate of a threat. A changed residual estimate clears an earlier acceptance. */
export async function putRisk(ctx: ServiceContext, actor: Actor, productId: string, threatId: string, input: RiskInput): Promise<Result<RiskEntry>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await productFor(trx, actor, productId, true);
    if (!product.ok) return product;
    const found = await threatOf(trx, actor, productId, threatId);
    if (!found.ok) return found;
    const scales = await scalesOf(trx, actor.organizationId);
    const issues = riskAssessmentIssues(scales, { ...input, threatId, acceptance: null });
    if (issues.length > 0) return err('risk.invalid', 'The risk estimate has values off the scales.', { issues });
    const before = await findRecordByRef<RiskData>(trx, 'threat_risks', actor.organizationId, productId, threatId);
    const keepAcceptance =
      before?.data.acceptance &&
      before.data.residualLikelihood === input.residualLikelihood &&
      before.data.residualImpact === input.residualImpact &&
      before.data.likelihood === input.likelihood &&
      before.data.impact === input.impact;
    const data: RiskData = { ...input, acceptance: keepAcceptance ? before.data.acceptance : null };
    const at = nowIso(ctx);
    const rec: StoredRecord<RiskData> = { id: before?.id ?? ctx.newId(), productId, ref: threatId, data, createdAt: before?.createdAt ?? at, updatedAt: at };
    if (before) await updateRecord(trx, 'threat_risks', actor.organizationId, rec);
    else await insertRecord(trx, 'threat_risks', actor.organizationId, rec);
    await recordAudit(ctx, trx, actor, {
      action: before ? 'risk.update' : 'risk.create',
      entityType: 'risk',
      entityId: rec.id,
      before: before ? { threatId, ...before.data } : null,
      after: { threatId, ...data },
    });
    const register = await loadRegister(trx, actor, productId);
    return register.ok ? ok(riskEntryOf(register.value, threatId)) : register;
  });
}

/** Accepts the residual risk of a threat: who (the actor) and when (now), with a rationale. */
export async function acceptResidualRisk(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  threatId: string,
  rationale: string,
): Promise<Result<RiskEntry>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  if (rationale.trim() === '')
    return err('risk.invalid', 'Accepting a residual risk needs a rationale.', { issues: [{ path: 'rationale', message: 'Explain why the residual risk is acceptable.' }] });
  return ctx.store.transaction(async (trx) => {
    const product = await productFor(trx, actor, productId, true);
    if (!product.ok) return product;
    const register = await loadRegister(trx, actor, productId);
    if (!register.ok) return register;
    const entry = register.value.items.find((i) => i.threatId === threatId);
    if (!entry) return err('threat.not_found', `The current threat model has no threat ${threatId}.`, { details: { threatId } });
    if (!entry.assessment || !entry.evaluation)
      return err('risk.not_found', 'Estimate the risk of this threat before accepting its residual risk.', { details: { threatId } });
    if (entry.evaluation.residualLevel === 'unacceptable')
      return err('risk.not_acceptable', 'The residual risk is in the unacceptable region of the matrix: add controls first.', {
        details: { threatId, residualLevel: entry.evaluation.residualLevel },
      });
    const before = await findRecordByRef<RiskData>(trx, 'threat_risks', actor.organizationId, productId, threatId);
    if (!before) throw new Error('risk record vanished inside a transaction');
    const at = nowIso(ctx);
    const data: RiskData = { ...before.data, acceptance: { acceptedBy: actor.name, acceptedAt: at, rationale: rationale.trim() } };
    await updateRecord(trx, 'threat_risks', actor.organizationId, { ...before, data, updatedAt: at });
    await recordAudit(ctx, trx, actor, {
      action: 'risk.accept',
      entityType: 'risk',
      entityId: before.id,
      before: { threatId, ...before.data },
      after: { threatId, ...data },
    });
    const after = await loadRegister(trx, actor, productId);
    return after.ok ? ok(riskEntryOf(after.value, threatId)) : after;
  });
}

// ── Controls, requirements, verification tests ──────────────────────────────────────────────────

type ControlData = Omit<Control, 'id' | 'productId' | 'ref' | 'createdAt' | 'updatedAt'>;
type RequirementData = Omit<SecurityRequirement, 'id' | 'productId' | 'ref' | 'createdAt' | 'updatedAt'>;
type TestData = Omit<VerificationTest, 'id' | 'productId' | 'ref' | 'createdAt' | 'updatedAt'>;

export type ControlInput = ControlData & { ref: string };
export type RequirementInput = Omit<RequirementData, 'reviewStatus' | 'reviews'> & { ref: string };
export type TestInput = TestData & { ref: string };

interface KindSpec<D> {
  readonly table: RegisterTable;
  readonly entity: string;
  readonly label: string;
  readonly notFound: ErrorCode;
  readonly invalid: ErrorCode;
  /** Problems with the data, given the ids that exist. */
  check(data: D, known: Known): Issue[];
}

interface Known {
  readonly threats: ReadonlySet<string>;
  readonly controls: ReadonlySet<string>;
  readonly requirements: ReadonlySet<string>;
}

function unknownIds(path: string, ids: readonly string[], known: ReadonlySet<string>, what: string): Issue[] {
  return ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: `No ${what} ${id} in this product.` }]));
}

const specs = {
  control: {
    table: 'security_controls',
    entity: 'control',
    label: 'control',
    notFound: 'control.not_found',
    invalid: 'control.invalid',
    check: (d: ControlData, k: Known) => unknownIds('threatIds', d.threatIds, k.threats, 'threat in the current threat model'),
  } satisfies KindSpec<ControlData>,
  requirement: {
    table: 'security_requirements',
    entity: 'requirement',
    label: 'security requirement',
    notFound: 'requirement.not_found',
    invalid: 'requirement.invalid',
    check: (d: RequirementData, k: Known) => unknownIds('controlIds', d.controlIds, k.controls, 'control'),
  } satisfies KindSpec<RequirementData>,
  test: {
    table: 'verification_tests',
    entity: 'verification_test',
    label: 'verification test',
    notFound: 'verification_test.not_found',
    invalid: 'verification_test.invalid',
    check: (d: TestData, k: Known) => [
      ...unknownIds('requirementIds', d.requirementIds, k.requirements, 'security requirement'),
      ...unknownIds('threatIds', d.threatIds, k.threats, 'threat in the current threat model'),
      ...testIssues(d),
    ],
  } satisfies KindSpec<TestData>,
};

async function knownIds(db: Db, organizationId: string, productId: string): Promise<Known> {
  const current = await findLatestThreatModel(db, organizationId, productId);
  const ids = async (table: RegisterTable) => new Set((await listRecords(db, table, organizationId, productId)).map((r) => r.id));
  return {
    threats: new Set(current?.model.threats.map((t) => t.id) ?? []),
    controls: await ids('security_controls'),
    requirements: await ids('security_requirements'),
  };
}

type Flat<D> = D & { id: string; productId: string; ref: string; createdAt: string; updatedAt: string };
const flat = <D>(r: StoredRecord<D>): Flat<D> => ({ ...r.data, id: r.id, productId: r.productId, ref: r.ref, createdAt: r.createdAt, updatedAt: r.updatedAt });

async function listKind<D>(ctx: ServiceContext, actor: Actor, spec: KindSpec<D>, productId: string): Promise<Result<Flat<D>[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  return ok((await listRecords<D>(ctx.store.db, spec.table, actor.organizationId, productId)).map(flat));
}

async function getKind<D>(ctx: ServiceContext, actor: Actor, spec: KindSpec<D>, id: string): Promise<Result<Flat<D>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const r = await findRecord<D>(ctx.store.db, spec.table, actor.organizationId, id);
  return r ? ok(flat(r)) : err(spec.notFound, `No ${spec.label} with id ${id}.`, { details: { id } });
}

async function writeKind<D>(
  ctx: ServiceContext,
  actor: Actor,
  spec: KindSpec<D>,
  target: { productId: string } | { id: string },
  build: (before: StoredRecord<D> | undefined) => Result<{ ref: string; data: D }>,
): Promise<Result<Flat<D>>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  try {
    return await ctx.store.transaction(async (trx) => {
      let before: StoredRecord<D> | undefined;
      let productId: string;
      if ('id' in target) {
        before = await findRecord<D>(trx, spec.table, actor.organizationId, target.id);
        if (!before) return err(spec.notFound, `No ${spec.label} with id ${target.id}.`, { details: { id: target.id } });
        productId = before.productId;
      } else productId = target.productId;
      const product = await productFor(trx, actor, productId, true);
      if (!product.ok) return product;
      const built = build(before);
      if (!built.ok) return built;
      const { ref, data } = built.value;
      const issues = [
        ...(ref.trim() === '' ? [{ path: 'ref', message: 'Give a reference, e.g. SC-001.' }] : []),
        ...spec.check(data, await knownIds(trx, actor.organizationId, productId)),
      ];
      if (issues.length > 0) return err(spec.invalid, `The ${spec.label} has invalid fields.`, { issues });
      const at = nowIso(ctx);
      const rec: StoredRecord<D> = { id: before?.id ?? ctx.newId(), productId, ref: ref.trim(), data, createdAt: before?.createdAt ?? at, updatedAt: at };
      if (before) await updateRecord(trx, spec.table, actor.organizationId, rec);
      else await insertRecord(trx, spec.table, actor.organizationId, rec);
      await recordAudit(ctx, trx, actor, {
        action: `${spec.entity}.${before ? 'update' : 'create'}`,
        entityType: spec.entity,
        entityId: rec.id,
        before: before ? flat(before) : null,
        after: flat(rec),
      });
      return ok(flat(rec));
    });
  } catch (e) {
    if (isUniqueViolation(e))
      return err('threat_record.ref_taken', `This product already has a ${spec.label} with that reference.`, {
        issues: [{ path: 'ref', message: 'Already used in this product.' }],
      });
    throw e;
  }
}

async function deleteKind<D>(ctx: ServiceContext, actor: Actor, spec: KindSpec<D>, id: string): Promise<Result<{ id: string }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findRecord<D>(trx, spec.table, actor.organizationId, id);
    if (!before) return err(spec.notFound, `No ${spec.label} with id ${id}.`, { details: { id } });
    const product = await productFor(trx, actor, before.productId, true);
    if (!product.ok) return product;
    await deleteRecord(trx, spec.table, actor.organizationId, id);
    await recordAudit(ctx, trx, actor, { action: `${spec.entity}.delete`, entityType: spec.entity, entityId: id, before: flat(before), after: null });
    return ok({ id });
  });
}

const split = <T extends { ref: string }>(input: T): { ref: string; data: Omit<T, 'ref'> } => {
  const { ref, ...data } = input;
  return { ref, data };
};

export const listControls = (ctx: ServiceContext, actor: Actor, productId: string) => listKind(ctx, actor, specs.control, productId);
export const getControl = (ctx: ServiceContext, actor: Actor, id: string) => getKind(ctx, actor, specs.control, id);
export const createControl = (ctx: ServiceContext, actor: Actor, productId: string, input: ControlInput) =>
  writeKind(ctx, actor, specs.control, { productId }, () => ok(split(input)));
export const updateControl = (ctx: ServiceContext, actor: Actor, id: string, patch: Partial<ControlInput>) =>
  writeKind(ctx, actor, specs.control, { id }, (before) => ok(split({ ...before!.data, ref: before!.ref, ...patch })));
export const deleteControl = (ctx: ServiceContext, actor: Actor, id: string) => deleteKind(ctx, actor, specs.control, id);

export const listRequirements = (ctx: ServiceContext, actor: Actor, productId: string) => listKind(ctx, actor, specs.requirement, productId);
export const getRequirement = (ctx: ServiceContext, actor: Actor, id: string) => getKind(ctx, actor, specs.requirement, id);
export const createRequirement = (ctx: ServiceContext, actor: Actor, productId: string, input: RequirementInput) =>
  writeKind(ctx, actor, specs.requirement, { productId }, () => {
    const { ref, data } = split(input);
    return ok({ ref, data: { ...data, reviewStatus: 'draft' as const, reviews: [] } });
  });
/** Changing the title or text of a requirement sends it back to draft: the approval was for other words. */
export const updateRequirement = (ctx: ServiceContext, actor: Actor, id: string, patch: Partial<RequirementInput>) =>
  writeKind(ctx, actor, specs.requirement, { id }, (before) => {
    const b = before!.data;
    const reworded = (patch.title !== undefined && patch.title !== b.title) || (patch.text !== undefined && patch.text !== b.text);
    const { ref, data } = split({ ...b, ref: before!.ref, ...patch });
    return ok({ ref, data: { ...data, reviewStatus: reworded ? ('draft' as const) : b.reviewStatus, reviews: b.reviews } });
  });
export const deleteRequirement = (ctx: ServiceContext, actor: Actor, id: string) => deleteKind(ctx, actor, specs.requirement, id);

/** Records a review decision on a requirement (5.2.2): who and when come from the actor and the clock. */
export async function reviewRequirement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  decision: { status: Exclude<RequirementReviewStatus, 'draft'>; comment: string },
): Promise<Result<Flat<RequirementData>>> {
  if (decision.status === 'rejected' && decision.comment.trim() === '')
    return err('requirement.invalid', 'A rejection needs a comment.', { issues: [{ path: 'comment', message: 'Say what must change.' }] });
  const at = nowIso(ctx);
  return writeKind(ctx, actor, specs.requirement, { id }, (before) => {
    const review: RequirementReview = { status: decision.status, by: actor.name, at, comment: decision.comment.trim() };
    return ok({ ref: before!.ref, data: { ...before!.data, reviewStatus: decision.status, reviews: [...before!.data.reviews, review] } });
  });
}

export const listTests = (ctx: ServiceContext, actor: Actor, productId: string) => listKind(ctx, actor, specs.test, productId);
export const getTest = (ctx: ServiceContext, actor: Actor, id: string) => getKind(ctx, actor, specs.test, id);
export const createTest = (ctx: ServiceContext, actor: Actor, productId: string, input: TestInput) =>
  writeKind(ctx, actor, specs.test, { productId }, () => ok(split(input)));
export const updateTest = (ctx: ServiceContext, actor: Actor, id: string, patch: Partial<TestInput>) =>
  writeKind(ctx, actor, specs.test, { id }, (before) => ok(split({ ...before!.data, ref: before!.ref, ...patch })));
export const deleteTest = (ctx: ServiceContext, actor: Actor, id: string) => deleteKind(ctx, actor, specs.test, id);

// ── Traceability and evidence ───────────────────────────────────────────────────────────────────

export interface TraceabilityReport {
  readonly productId: string;
  readonly threatModel: ThreatModelVersionInfo;
  readonly matrix: TraceabilityMatrix;
}

async function loadTraceability(db: Db, actor: Actor, productId: string): Promise<Result<TraceabilityReport & { register: RiskRegister }>> {
  const register = await loadRegister(db, actor, productId);
  if (!register.ok) return register;
  const current = await findLatestThreatModel(db, actor.organizationId, productId);
  if (!current) return noModel(productId);
  const risks = new Map<string, RiskEvaluation>();
  for (const i of register.value.items) if (i.evaluation) risks.set(i.threatId, i.evaluation);
  const [controls, requirements, tests] = await Promise.all([
    listRecords<ControlData>(db, 'security_controls', actor.organizationId, productId),
    listRecords<RequirementData>(db, 'security_requirements', actor.organizationId, productId),
    listRecords<TestData>(db, 'verification_tests', actor.organizationId, productId),
  ]);
  const matrix = buildTraceability({
    elements: current.model.elements,
    threats: current.model.threats,
    risks,
    controls: controls.map(flat),
    requirements: requirements.map(flat),
    tests: tests.map(flat),
  });
  return ok({ productId, threatModel: infoOf(current), matrix, register: register.value });
}

export async function getTraceability(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<TraceabilityReport>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  const t = await loadTraceability(ctx.store.db, actor, productId);
  if (!t.ok) return t;
  const { register, ...report } = t.value;
  void register;
  return ok(report);
}

export interface EvidenceRecord {
  /** Stable id the compliance engine links to: the version id, or `<kind>:<productId>`. */
  readonly evidenceId: string;
  readonly kind: 'threat_model_version' | 'risk_register' | 'traceability_matrix' | 'security_context';
  readonly title: string;
  /** SHA-256 of the canonical JSON of the record's content, to pin the state that was linked. */
  readonly contentSha256: string;
  readonly updatedAt: string | null;
  /** IEC 81001-5-1 clauses this record is evidence for. */
  readonly clauses: readonly string[];
  readonly facts: Readonly<Record<string, number | string | boolean | null>>;
}

export interface ThreatSummary {
  readonly productId: string;
  readonly evidence: readonly EvidenceRecord[];
}

/** The threat-modelling records of a product as evidence the compliance engine can link. */
export async function getThreatSummary(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<ThreatSummary>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await productFor(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  const db = ctx.store.db;
  const evidence: EvidenceRecord[] = [];
  const context = await findSecurityContext(db, actor.organizationId, productId);
  if (context)
    evidence.push({
      evidenceId: `security-context:${productId}`,
      kind: 'security_context',
      title: 'Product security context',
      contentSha256: ctx.sha256(canonicalJson(context.context)),
      updatedAt: context.updatedAt,
      clauses: ['7.1.2'],
      facts: { interfaces: context.context.interfaces.length, capabilities: Object.keys(context.context.capabilities).length },
    });
  const t = await loadTraceability(db, actor, productId);
  if (t.ok) {
    const { register, matrix, threatModel } = t.value;
    const current = await findLatestThreatModel(db, actor.organizationId, productId);
    const model = current!.model;
    evidence.push({
      evidenceId: threatModel.id,
      kind: 'threat_model_version',
      title: `Threat model ${threatModel.label} (version ${threatModel.version})`,
      contentSha256: ctx.sha256(canonicalJson(model)),
      updatedAt: threatModel.updatedAt,
      clauses: ['5.3.1', '5.3.2', '5.4.3', '7.2'],
      facts: {
        version: threatModel.version,
        frozen: threatModel.frozenAt !== null,
        elements: model.elements.length,
        trustBoundaries: model.elements.filter((e) => e.kind === 'boundary').length,
        dataFlows: model.elements.filter((e) => e.kind === 'flow').length,
        threats: model.threats.length,
        openThreats: model.threats.filter((x) => x.status === 'open').length,
        method: model.method,
      },
    });
    const assessed = register.items.filter((i) => i.evaluation);
    evidence.push({
      evidenceId: `risk-register:${productId}`,
      kind: 'risk_register',
      title: 'Security risk register',
      contentSha256: ctx.sha256(canonicalJson({ scales: register.scales, items: register.items.map((i) => ({ threatId: i.threatId, assessment: i.assessment })) })),
      updatedAt: register.items.reduce<string | null>((m, i) => (i.assessment && (!m || i.assessment.updatedAt > m) ? i.assessment.updatedAt : m), null),
      clauses: ['4.2', '7.3', '7.4'],
      facts: {
        threats: register.items.length,
        assessed: assessed.length,
        unacceptableResidual: assessed.filter((i) => i.evaluation!.residualLevel === 'unacceptable').length,
        uncontrolled: assessed.filter((i) => !i.evaluation!.controlled).length,
        accepted: assessed.filter((i) => i.assessment!.acceptance).length,
        linkedHazards: assessed.filter((i) => i.assessment!.hazard).length,
      },
    });
    evidence.push({
      evidenceId: `traceability:${productId}`,
      kind: 'traceability_matrix',
      title: 'Traceability matrix threat → risk → control → requirement → test',
      contentSha256: ctx.sha256(canonicalJson(matrix)),
      updatedAt: threatModel.updatedAt,
      clauses: ['5.2.1', '5.2.2', '5.7.1', '5.7.2', '5.7.3', '5.7.4', '5.7.5', '7.4', '7.5'],
      facts: { threats: matrix.counts.threats, closed: matrix.counts.closed, gaps: matrix.gaps.length },
    });
  }
  return ok({ productId, evidence });
}
