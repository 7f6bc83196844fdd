/**
 * The Annex F workflow of a product already on the market: the gap list against IEC 81001-5-1
 * (proposed from the current assessments, edited by the user), each gap's closure decision,
 * compensating measures, residual risk and its acceptance; the Annex F record (versions in scope,
 * rationale for continued use, components not upgraded, communication of residual risk, post-release
 * plan); the readiness check and the recorded decision, which any later change to the record or
 * the gaps withdraws. It feeds the declaration report
 * (services/compliance.ts → reports/compliance/annex-f.ts).
 *
 * Only products whose compliance profile chose the Annex F route take part; everything else is
 * refused with `annex_f.wrong_route`. Editors write, viewers read; every write is audited inside its
 * transaction.
 */
import { catalogs as shippedCatalogs, crosswalks } from '../catalogs/index.js';
import { IEC } from '../catalogs/keys.js';
import {
  acceptanceStands,
  annexFAssessmentProgress,
  annexFCandidates,
  annexFLimits,
  annexFReadiness,
  annexFWorkflowStatuses,
  answeringStatuses,
  emptyAnnexFRecord,
  gapDescriptionText,
  gapIssues,
  normalizeRecord,
  proposedDescription,
  proposeGaps,
  recordIssues,
  sortGaps,
  undecidedGap,
  type AnnexFAssessmentProgress,
  type AnnexFCandidate,
  type AnnexFGap,
  type AnnexFGapInput,
  type AnnexFReadiness,
  type AnnexFRecord,
  type AnnexFRecordInput,
  type ScopeVersionSbom,
} from '../core/compliance/annex-f.js';
import { buildCoverageGraph, effectiveStatuses, type Assessment, type CoverageGraph, type ForcedStatus } from '../core/compliance/assessment.js';
import { catalogKey, resolveCatalog, type Catalog, type Localized } from '../core/compliance/catalog.js';
import { refKey } from '../core/compliance/crosswalk.js';
import { authorize, type Actor } from '../core/domain/actor.js';
import type { Product } from '../core/domain/product.js';
import type { Control } from '../core/threats/register.js';
import { err, ok, type Result } from '../core/result.js';
import type { Db } from '../store/database.js';
import { deleteGap as deleteGapRow, findGap, findRecord, insertGaps, listGaps, saveRecord, updateGap as updateGapRow } from '../store/repositories/annex-f.js';
import { findProfile, listScopeAssessments } from '../store/repositories/compliance.js';
import { findProduct } from '../store/repositories/products.js';
import { findReleaseByVersion } from '../store/repositories/releases.js';
import { currentSbomIds } from '../store/repositories/sboms.js';
import { findRecord as findThreatRecord, listRecords } from '../store/repositories/threats.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

let cachedGraph: CoverageGraph | undefined;
function graph(): CoverageGraph {
  cachedGraph ??= buildCoverageGraph(shippedCatalogs, crosswalks);
  return cachedGraph;
}

function iecCatalog(): Catalog {
  return resolveCatalog(shippedCatalogs, IEC)!;
}

export interface ControlRef {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
}

export interface AnnexFGapView extends AnnexFGap {
  readonly entryTitle: Localized;
  /** The description in each language: a proposed gap's text as proposed, wholly Japanese or English; a written one as written. */
  readonly descriptionText: Localized;
  readonly control: ControlRef | null;
}

export interface AnnexFState {
  readonly productId: string;
  readonly productName: string;
  readonly record: AnnexFRecord;
  readonly gaps: readonly AnnexFGapView[];
  readonly candidates: readonly AnnexFCandidate[];
  readonly readiness: AnnexFReadiness;
  /** The product's security controls, to link as compensating measures. */
  readonly controls: readonly ControlRef[];
  readonly today: string;
}

/** The product, scoped to the actor's organisation, on the Annex F route (and not archived, for writes). */
async function annexFProduct(db: Db, actor: Actor, productId: string, forWrite: boolean): Promise<Result<Product>> {
  const product = await findProduct(db, actor.organizationId, productId);
  if (!product) return err('product.not_found', `No product with id ${productId}.`, { details: { id: productId } });
  const profile = await findProfile(db, actor.organizationId, productId);
  if (profile?.route !== 'annex_f')
    return err(
      'annex_f.wrong_route',
      `Product "${product.name}" follows the full conformity route (Clauses 4–9). The Annex F workflow is only for products on the Annex F route (transitional health software already on the market): choose that route in the product's compliance profile first.`,
      { details: { productId, route: profile?.route ?? 'full' } },
    );
  if (forWrite && product.archivedAt) return err('product.archived', 'Restore the product before changing its Annex F records.');
  return ok(product);
}

/**
 * What the gap list is proposed from: the IEC 81001-5-1 entries assessed as not implemented, and how
 * far the assessment has got. Each entry is read in the scope that answers for it (the product's
 * assessments, or the organisation's for organisation-level entries), as in the gap analysis.
 */
async function assessmentOf(db: Db, organizationId: string, productId: string): Promise<{ candidates: AnnexFCandidate[]; assessment: AnnexFAssessmentProgress }> {
  const direct = (list: readonly Assessment[]) => new Map(list.map((a) => [refKey({ catalog: a.catalog, entry: a.entry }), a]));
  const [product, organization] = await Promise.all([listScopeAssessments(db, organizationId, productId), listScopeAssessments(db, organizationId, null)]);
  const iec = iecCatalog();
  const statuses = answeringStatuses(iec, {
    product: effectiveStatuses(graph(), direct(product)),
    organization: effectiveStatuses(graph(), direct(organization)),
  });
  return { candidates: annexFCandidates(iec, statuses), assessment: annexFAssessmentProgress(iec, statuses) };
}

/**
 * For each version in the declaration's scope: whether it is a release of the product in mamori
 * (archived ones count: a version on the market may be archived here) and whether that release has
 * a current SBOM, as the gap analysis's releasesWithoutSbom reads it.
 */
async function scopeSboms(db: Db, organizationId: string, productId: string, versions: readonly string[]): Promise<ScopeVersionSbom[]> {
  const releases = await Promise.all(versions.map(async (version) => ({ version, release: await findReleaseByVersion(db, organizationId, productId, version) })));
  const withSbom = await currentSbomIds(db, organizationId, releases.flatMap((r) => (r.release ? [r.release.id] : [])));
  return releases.map((r) => ({ version: r.version, release: r.release !== undefined, sbom: r.release !== undefined && withSbom.has(r.release.id) }));
}

async function controlsOf(db: Db, organizationId: string, productId: string): Promise<ControlRef[]> {
  const rows = await listRecords<Omit<Control, 'id' | 'productId' | 'ref' | 'createdAt' | 'updatedAt'>>(db, 'security_controls', organizationId, productId);
  return rows.map((r) => ({ id: r.id, ref: r.ref, title: r.data.title })).sort((a, b) => a.ref.localeCompare(b.ref));
}

/** A gap with its description in each language (what the write routes answer with). */
export type AnnexFGapText = AnnexFGap & { readonly descriptionText: Localized };

function withText(g: AnnexFGap): AnnexFGapText {
  const entry = iecCatalog().entries.find((e) => e.id === g.entry);
  return { ...g, descriptionText: gapDescriptionText(g, entry?.title ?? { ja: g.entry, en: g.entry }) };
}

function viewOf(iec: Catalog, controls: ReadonlyMap<string, ControlRef>, g: AnnexFGap): AnnexFGapView {
  const entry = iec.entries.find((e) => e.id === g.entry);
  const entryTitle = entry?.title ?? { ja: g.entry, en: g.entry };
  return { ...g, entryTitle, descriptionText: gapDescriptionText(g, entryTitle), control: g.controlId ? (controls.get(g.controlId) ?? null) : null };
}

/** Everything the workflow shows, read in a handful of queries; also what the declaration report uses. */
export async function loadAnnexF(db: Db, organizationId: string, product: Product, today: string): Promise<Omit<AnnexFState, 'today'>> {
  const iec = iecCatalog();
  const [record, gaps, { candidates, assessment }, controls] = await Promise.all([
    findRecord(db, organizationId, product.id),
    listGaps(db, organizationId, product.id),
    assessmentOf(db, organizationId, product.id),
    controlsOf(db, organizationId, product.id),
  ]);
  const rec = record ?? emptyAnnexFRecord(product.id);
  const byId = new Map(controls.map((c) => [c.id, c]));
  const sorted = sortGaps(iec, gaps);
  const sboms = await scopeSboms(db, organizationId, product.id, rec.versions);
  return {
    productId: product.id,
    productName: product.name,
    record: rec,
    gaps: sorted.map((g) => viewOf(iec, byId, g)),
    candidates,
    readiness: annexFReadiness({ record: rec, gaps: sorted, candidates, assessment, sboms, today }),
    controls,
  };
}

export async function getAnnexF(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<AnnexFState>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await annexFProduct(ctx.store.db, actor, productId, false);
  if (!product.ok) return product;
  const today = nowIso(ctx).slice(0, 10);
  return ok({ ...(await loadAnnexF(ctx.store.db, actor.organizationId, product.value, today)), today });
}

/**
 * The Annex F part of the declaration report, or null when the product is not on the Annex F route
 * (the document then shows only the assessments, as before).
 */
export async function annexFReportPart(db: Db, organizationId: string, product: Product, today: string): Promise<Omit<AnnexFState, 'today' | 'controls'> | null> {
  const profile = await findProfile(db, organizationId, product.id);
  if (profile?.route !== 'annex_f') return null;
  const { controls: _controls, ...rest } = await loadAnnexF(db, organizationId, product, today);
  return rest;
}

/**
 * What the Annex F workflow of a product on the Annex F route answers for IEC 81001-5-1 F.2–F.4
 * (core annexFWorkflowStatuses), keyed by `catalog#entry`; empty for any other product.
 */
export async function annexFWorkflowForced(db: Db, organizationId: string, productId: string, today: string): Promise<Map<string, ForcedStatus & { by: 'workflow' }>> {
  const out = new Map<string, ForcedStatus & { by: 'workflow' }>();
  const profile = await findProfile(db, organizationId, productId);
  if (profile?.route !== 'annex_f') return out;
  const iec = iecCatalog();
  const [record, gaps, { candidates, assessment }] = await Promise.all([
    findRecord(db, organizationId, productId),
    listGaps(db, organizationId, productId),
    assessmentOf(db, organizationId, productId),
  ]);
  if (!record && gaps.length === 0) return out;
  const rec = record ?? emptyAnnexFRecord(productId);
  const readiness = annexFReadiness({ record: rec, gaps, candidates, assessment, sboms: await scopeSboms(db, organizationId, productId, rec.versions), today });
  for (const [entry, s] of annexFWorkflowStatuses({ record: rec, gaps, readiness })) out.set(refKey({ catalog: catalogKey(iec), entry }), { ...s, by: 'workflow' });
  return out;
}

// ── The Annex F record ──────────────────────────────────────────────────────────────────────────

/** Saves steps 1, 4 and 5 (scope, rationale, post-release plan). A recorded decision is withdrawn: what was decided changed. */
export async function saveAnnexFRecord(ctx: ServiceContext, actor: Actor, productId: string, input: AnnexFRecordInput): Promise<Result<AnnexFRecord>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const normalized = normalizeRecord(input);
  const issues = recordIssues(normalized);
  if (issues.length > 0) return err('annex_f.invalid', 'The Annex F record has invalid fields.', { issues });
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const before = await findRecord(trx, actor.organizationId, productId);
    const after: AnnexFRecord = { ...normalized, productId, decidedAt: null, decidedBy: null, updatedAt: nowIso(ctx), updatedBy: actor.name };
    await saveRecord(trx, actor.organizationId, after, before !== undefined);
    await recordAudit(ctx, trx, actor, { action: 'annex_f.record.set', entityType: 'annex_f_assessment', entityId: productId, before: before ?? null, after });
    return ok(after);
  });
}

/** Records the decision (who, when) once the readiness check passes. */
export async function decideAnnexF(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<AnnexFRecord>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const at = nowIso(ctx);
    const state = await loadAnnexF(trx, actor.organizationId, product.value, at.slice(0, 10));
    if (!state.readiness.ready) {
      const problems = Object.values(state.readiness.steps).flatMap((s) => s.problems);
      return err('annex_f.not_ready', `The Annex F declaration is not ready: ${problems.length} problem(s) remain.`, {
        issues: problems.map((p) => ({ path: p.step, message: p.message })),
      });
    }
    const before = await findRecord(trx, actor.organizationId, productId);
    const after: AnnexFRecord = { ...state.record, decidedAt: at, decidedBy: actor.name };
    await saveRecord(trx, actor.organizationId, after, before !== undefined);
    await recordAudit(ctx, trx, actor, { action: 'annex_f.decide', entityType: 'annex_f_assessment', entityId: productId, before: before ?? null, after });
    return ok(after);
  });
}

// ── Gaps ──────────────────────────────────────────────────────────────────────────────────────

/** A gap changed: a recorded decision no longer covers what is there, so it is withdrawn (and audited). */
async function withdrawDecision(ctx: ServiceContext, trx: Db, actor: Actor, productId: string): Promise<void> {
  const before = await findRecord(trx, actor.organizationId, productId);
  if (!before || before.decidedAt === null) return;
  const after: AnnexFRecord = { ...before, decidedAt: null, decidedBy: null };
  await saveRecord(trx, actor.organizationId, after, true);
  await recordAudit(ctx, trx, actor, { action: 'annex_f.decision.withdraw', entityType: 'annex_f_assessment', entityId: productId, before, after });
}

async function checkGap(db: Db, actor: Actor, productId: string, input: AnnexFGapInput): Promise<Result<true>> {
  const issues = [...gapIssues(input)];
  const entry = iecCatalog().entries.find((e) => e.id === input.entry);
  if (!entry || entry.id === 'F' || entry.id.startsWith('F.'))
    issues.push({ path: 'entry', message: entry ? 'Annex F is the route itself: hold the gap against the entry it concerns.' : `IEC 81001-5-1 has no entry "${input.entry}".` });
  if (input.controlId !== null) {
    const control = await findThreatRecord(db, 'security_controls', actor.organizationId, input.controlId);
    if (!control || control.productId !== productId) issues.push({ path: 'controlId', message: `No security control ${input.controlId} in this product.` });
  }
  return issues.length > 0 ? err('annex_f.invalid', 'The gap has invalid fields.', { issues }) : ok(true);
}

function built(input: AnnexFGapInput, base: { id: string; productId: string; origin: AnnexFGap['origin']; createdAt: string }, at: string, acceptance: { by: string | null; at: string | null }): AnnexFGap {
  return {
    ...base,
    catalog: catalogKey(iecCatalog()),
    entry: input.entry,
    description: input.description.trim(),
    decision: input.decision,
    closureAction: input.closureAction,
    closureStatus: input.closureStatus,
    closureDueDate: input.closureDueDate,
    compensatingMeasures: input.compensatingMeasures,
    controlId: input.controlId,
    residualLevel: input.residualLevel,
    acceptanceRationale: input.acceptanceRationale,
    acceptedBy: acceptance.by,
    acceptedAt: acceptance.at,
    updatedAt: at,
  };
}

export async function createGap(ctx: ServiceContext, actor: Actor, productId: string, input: AnnexFGapInput): Promise<Result<AnnexFGapText>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const checked = await checkGap(trx, actor, productId, input);
    if (!checked.ok) return checked;
    const existing = await listGaps(trx, actor.organizationId, productId);
    if (existing.length >= annexFLimits.gaps) return err('annex_f.invalid', `A product holds at most ${annexFLimits.gaps} gaps.`);
    const at = nowIso(ctx);
    const gap = built(input, { id: ctx.newId(), productId, origin: 'manual', createdAt: at }, at, input.accepted ? { by: actor.name, at } : { by: null, at: null });
    await insertGaps(trx, actor.organizationId, [gap]);
    await recordAudit(ctx, trx, actor, { action: 'annex_f.gap.create', entityType: 'annex_f_gap', entityId: gap.id, before: null, after: gap });
    await withdrawDecision(ctx, trx, actor, productId);
    return ok(withText(gap));
  });
}

/** Replaces a gap's fields. An acceptance stands only if what was accepted is unchanged; otherwise it is recorded anew (or withdrawn). */
export async function updateGap(ctx: ServiceContext, actor: Actor, productId: string, gapId: string, input: AnnexFGapInput): Promise<Result<AnnexFGapText>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const before = await findGap(trx, actor.organizationId, productId, gapId);
    if (!before) return err('annex_f.gap_not_found', `No Annex F gap ${gapId} in this product.`, { details: { id: gapId } });
    const checked = await checkGap(trx, actor, productId, input);
    if (!checked.ok) return checked;
    const at = nowIso(ctx);
    const acceptance = acceptanceStands(before, input)
      ? { by: before.acceptedBy, at: before.acceptedAt }
      : input.accepted
        ? { by: actor.name, at }
        : { by: null, at: null };
    const after = built(input, { id: before.id, productId, origin: before.origin, createdAt: before.createdAt }, at, acceptance);
    await updateGapRow(trx, actor.organizationId, after);
    await recordAudit(ctx, trx, actor, { action: 'annex_f.gap.update', entityType: 'annex_f_gap', entityId: gapId, before, after });
    await withdrawDecision(ctx, trx, actor, productId);
    return ok(withText(after));
  });
}

export async function deleteGap(ctx: ServiceContext, actor: Actor, productId: string, gapId: string): Promise<Result<{ id: string }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const before = await findGap(trx, actor.organizationId, productId, gapId);
    if (!before) return err('annex_f.gap_not_found', `No Annex F gap ${gapId} in this product.`, { details: { id: gapId } });
    await deleteGapRow(trx, actor.organizationId, gapId);
    await recordAudit(ctx, trx, actor, { action: 'annex_f.gap.delete', entityType: 'annex_f_gap', entityId: gapId, before, after: null });
    await withdrawDecision(ctx, trx, actor, productId);
    return ok({ id: gapId });
  });
}

/**
 * Creates a draft gap (no decision yet) for every IEC 81001-5-1 entry assessed as not implemented
 * that has no gap, so nobody retypes the assessments. Running it again creates nothing new.
 */
export async function proposeAnnexFGaps(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<AnnexFGapText[]>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const product = await annexFProduct(trx, actor, productId, true);
    if (!product.ok) return product;
    const existing = await listGaps(trx, actor.organizationId, productId);
    const wanted = proposeGaps((await assessmentOf(trx, actor.organizationId, productId)).candidates, existing);
    if (existing.length + wanted.length > annexFLimits.gaps) return err('annex_f.invalid', `A product holds at most ${annexFLimits.gaps} gaps.`);
    const at = nowIso(ctx);
    const gaps: AnnexFGap[] = wanted.map((c) => ({
      id: ctx.newId(),
      productId,
      catalog: c.catalog,
      entry: c.entry,
      description: proposedDescription(c),
      ...undecidedGap,
      acceptedBy: null,
      acceptedAt: null,
      origin: 'proposed',
      createdAt: at,
      updatedAt: at,
    }));
    await insertGaps(trx, actor.organizationId, gaps);
    for (const g of gaps) await recordAudit(ctx, trx, actor, { action: 'annex_f.gap.propose', entityType: 'annex_f_gap', entityId: g.id, before: null, after: g });
    if (gaps.length > 0) await withdrawDecision(ctx, trx, actor, productId);
    return ok(gaps.map(withText));
  });
}
