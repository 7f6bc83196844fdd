/**
 * Vulnerability triage (issue #6, docs/clinical-impact.md): decisions per finding in the CycloneDX
 * analysis vocabulary with who, when and the full history (append-only); carry-forward to later
 * releases while package, version and vulnerability are unchanged; component-scoped decisions that
 * apply across products; bulk triage; proposed decisions from imported VEX awaiting review; the
 * clinical-impact profile of a product, the priority of each finding with its inputs, and the FDA
 * controlled/uncontrolled risk decision with its clocks (and the Japanese 15-day report).
 *
 * API
 *   setTriage(ctx, actor, findingId, input), bulkTriage(ctx, actor, findingIds, input)
 *   getFindingTriage(ctx, actor, findingId), triageQueue(ctx, actor, releaseId, { includeClosed })
 *   getClinicalProfile / putClinicalProfile(ctx, actor, productId, …)
 *   setRiskDecision(ctx, actor, findingId, input)
 *   listTriageProposals(ctx, actor, productId, status), reviewProposal(ctx, actor, id, verdict, note)
 *   triagedFindings(db, organizationId, findings, today)   (for the VEX export)
 *   decisionTimelines(db, organizationId, findings)         (for the CSAF revision history)
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import { effectiveDecision, type DecisionOrigin } from '../core/triage/carry-forward.js';
import { clinicalQuestions, emptyAnswers, exposures, type ClinicalAnswers, type Exposure } from '../core/triage/clinical.js';
import { clocksFor, type Clock, type RiskControl } from '../core/triage/clocks.js';
import { checkDecision, normaliseDecision, type TriageDecisionInput } from '../core/triage/decision.js';
import { computePriority, type Harm, type Priority, type PriorityBand } from '../core/triage/priority.js';
import type { Page, PageRequest } from '../core/page.js';
import { threatSeverities } from '../core/threats/model.js';
import { isMaliciousPackage } from '../core/vulns/malicious-package.js';
import type { Db, TriageDecisionsTable } from '../store/database.js';
import { findFinding, findFindings, inOrganization, toFinding, chunks, triageCandidates, type FindingFilter, type FindingRecord, type TriageCandidate } from '../store/repositories/findings.js';
import { findProduct } from '../store/repositories/products.js';
import { findRelease } from '../store/repositories/releases.js';
import { findLatestThreatModel } from '../store/repositories/threats.js';
import {
  decisionsForVulnerabilities,
  findClinicalProfile,
  findProposal,
  insertDecisions,
  insertRiskDecision,
  listProposals,
  nextSeq,
  releaseOrders,
  reviewProposalRow,
  riskDecisionsOf,
  saveClinicalProfile,
  type ClinicalProfileRecord,
  type ProposalStatus,
  type RiskDecisionRecord,
  type TriageDecisionRecord,
  type TriageProposalRecord,
} from '../store/repositories/triage.js';
import { nowIso, type ServiceContext } from './context.js';
import { findingDecisions } from './finding-decisions.js';
import { packageOf } from './findings.js';
import { recordAudit } from './record-audit.js';

export type { ClinicalProfileRecord, RiskDecisionRecord, TriageDecisionRecord, TriageProposalRecord, ProposalStatus };

export type TriageScope = 'finding' | 'component';

export interface TriageInput extends TriageDecisionInput {
  /** finding: this finding (and later releases by carry-forward); component: this package version and vulnerability in every product. */
  readonly scope: TriageScope;
}

export interface TriagedFinding<F extends TriageCandidate = FindingRecord> {
  readonly finding: F;
  readonly productId: string;
  readonly releaseVersion: string;
  readonly decision: TriageDecisionRecord | null;
  readonly origin: DecisionOrigin | null;
  readonly riskDecision: RiskDecisionRecord | null;
  readonly clocks: readonly Clock[];
  readonly priority: Priority;
}

const findingNotFound = (id: string): Result<never> => err('finding.not_found', `No finding with id ${id}.`, { details: { id } });
const today = (ctx: ServiceContext): string => nowIso(ctx).slice(0, 10);

async function loadFindings(db: Db, organizationId: string, ids: readonly string[]): Promise<FindingRecord[]> {
  const out: FindingRecord[] = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(...(await db.selectFrom('findings').selectAll().where(inOrganization(organizationId)).where('id', 'in', part).execute()).map(toFinding));
  return out;
}

const harmRank = (h: string): number => threatSeverities.indexOf(h as Harm);

/** The decision, risk decision, clocks and priority of each finding (in the given order). */
export async function triagedFindings<F extends TriageCandidate>(db: Db, organizationId: string, findings: readonly F[], on: string): Promise<TriagedFinding<F>[]> {
  if (findings.length === 0) return [];
  const { applied, productOfRelease, orders } = await findingDecisions(db, organizationId, findings);
  const risks = new Map<string, RiskDecisionRecord>();
  for (const r of await riskDecisionsOf(db, organizationId, findings.map((f) => f.id))) risks.set(r.findingId, r);
  const profiles = new Map<string, ClinicalProfileRecord | undefined>();
  const harms = new Map<string, Harm>();
  for (const productId of new Set(productOfRelease.values())) {
    profiles.set(productId, await findClinicalProfile(db, organizationId, productId));
    const model = await findLatestThreatModel(db, organizationId, productId);
    for (const t of model?.model.threats ?? [])
      for (const fid of t.findingIds) {
        const sev = t.severity;
        if (sev && (!harms.has(fid) || harmRank(sev) > harmRank(harms.get(fid)!))) harms.set(fid, sev);
      }
  }
  return findings.map((f, i) => {
    const productId = productOfRelease.get(f.releaseId) ?? '';
    const order = orders.get(f.releaseId);
    const chosen = applied[i] ?? null;
    const risk = risks.get(f.id) ?? null;
    const profile = profiles.get(productId);
    const decision = chosen?.decision ?? null;
    return {
      finding: f,
      productId,
      releaseVersion: order?.version ?? '',
      decision,
      origin: chosen?.origin ?? null,
      riskDecision: risk,
      clocks: risk ? clocksFor(risk, on) : [],
      priority: computePriority({
        cvss: f.cvss,
        epss: f.epss?.score ?? null,
        kev: f.kev,
        harm: harms.get(f.id) ?? null,
        profile: profile ? { answers: profile.answers, exposure: profile.exposure } : null,
        state: decision?.state ?? null,
        malicious: isMaliciousPackage([f.vulnerabilityId, ...f.aliases]),
      }),
    };
  });
}

/**
 * How the effective decision of each finding changed over time (for the CSAF revision history): the
 * first entry is the finding's first-seen time with the decision that applied then (null: none, in
 * triage), then one entry per time at which a decision made it another one (own, carried forward or
 * component-wide, by the same rules as triagedFindings). "Applied then" counts the decisions created
 * at or before that time. Same order as the findings.
 */
export async function decisionTimelines(db: Db, organizationId: string, findings: readonly FindingRecord[]): Promise<{ at: string; decision: TriageDecisionRecord | null }[][]> {
  if (findings.length === 0) return [];
  const releaseRows = await db.selectFrom('releases').select(['id', 'product_id']).where('organization_id', '=', organizationId).where('id', 'in', [...new Set(findings.map((f) => f.releaseId))]).execute();
  const productOfRelease = new Map(releaseRows.map((r) => [r.id, r.product_id]));
  const decisions = await decisionsForVulnerabilities(db, organizationId, findings.map((f) => f.vulnerabilityId));
  const orders = await releaseOrders(db, organizationId, [...new Set([...productOfRelease.values(), ...decisions.flatMap((d) => (d.productId ? [d.productId] : []))])]);
  const keyed = decisions.map((d) => ({ ...d, releaseOrder: d.releaseId ? (orders.get(d.releaseId)?.order ?? null) : null }));
  const byVulnerability = new Map<string, typeof keyed>();
  for (const d of keyed) byVulnerability.set(d.vulnerabilityId, [...(byVulnerability.get(d.vulnerabilityId) ?? []), d]);
  return findings.map((f) => {
    const key = { id: f.id, productId: productOfRelease.get(f.releaseId) ?? '', releaseOrder: orders.get(f.releaseId)?.order ?? 0, packageKey: f.packageKey, componentVersion: f.componentVersion, vulnerabilityId: f.vulnerabilityId };
    const candidates = byVulnerability.get(f.vulnerabilityId) ?? [];
    const times = [...new Set([f.firstSeenAt, ...candidates.map((d) => d.createdAt).filter((at) => at > f.firstSeenAt)])].sort();
    const out: { at: string; decision: TriageDecisionRecord | null }[] = [];
    let previous: string | null | undefined;
    for (const at of times) {
      const chosen = effectiveDecision(key, candidates.filter((d) => d.createdAt <= at));
      const id = chosen ? chosen.decision.id : null;
      if (id === previous) continue;
      previous = id;
      out.push({ at, decision: chosen ? (({ releaseOrder, ...rest }) => { void releaseOrder; return rest; })(chosen.decision) : null });
    }
    return out;
  });
}

/** The detail is the issues' own sentences, so people read "A 'not affected' decision needs …", not field paths and enum values. */
function invalid(issues: { path: string; message: string }[]): Result<never> {
  return err('triage.invalid', `${issues.map((i) => i.message).join('. ')}.`, { issues });
}

function decisionRow(
  ctx: ServiceContext,
  actor: Actor,
  f: FindingRecord & { productId: string },
  d: TriageDecisionInput,
  scope: TriageScope,
  source: TriageDecisionsTable['source'],
  seq: number,
  proposalId: string | null = null,
): TriageDecisionsTable {
  return {
    id: ctx.newId(),
    organization_id: actor.organizationId,
    scope,
    finding_id: scope === 'finding' ? f.id : null,
    release_id: scope === 'finding' ? f.releaseId : null,
    product_id: scope === 'finding' ? f.productId : null,
    package_key: f.packageKey,
    component_version: f.componentVersion,
    component_purl: f.componentPurl,
    vulnerability_id: f.vulnerabilityId,
    state: d.state,
    justification: d.justification,
    responses_json: JSON.stringify(d.responses),
    detail: d.detail,
    action_statement: d.actionStatement,
    source,
    proposal_id: proposalId,
    created_at: nowIso(ctx),
    created_by: actor.name,
    seq,
  };
}

async function withProducts(db: Db, organizationId: string, findings: readonly FindingRecord[]): Promise<(FindingRecord & { productId: string })[]> {
  if (findings.length === 0) return [];
  const rows = await db.selectFrom('releases').select(['id', 'product_id']).where('organization_id', '=', organizationId).where('id', 'in', [...new Set(findings.map((f) => f.releaseId))]).execute();
  const m = new Map(rows.map((r) => [r.id, r.product_id]));
  return findings.map((f) => ({ ...f, productId: m.get(f.releaseId) ?? '' }));
}

/** Records a decision on one finding (or its component everywhere) and returns the finding's triage view. */
export async function setTriage(ctx: ServiceContext, actor: Actor, findingId: string, input: TriageInput): Promise<Result<TriagedFinding>> {
  const r = await bulkTriage(ctx, actor, [findingId], input);
  if (!r.ok) return r;
  return getFindingTriage(ctx, actor, findingId).then((v) => (v.ok ? ok(v.value.current) : v));
}

/** One decision for many findings (one audit entry). Unknown ids fail the whole call. */
export async function bulkTriage(ctx: ServiceContext, actor: Actor, findingIds: readonly string[], input: TriageInput): Promise<Result<{ decided: number; decisionIds: string[] }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues = checkDecision(input);
  if (input.scope !== 'finding' && input.scope !== 'component') issues.push({ path: 'scope', message: 'The scope must be finding or component' });
  if (findingIds.length === 0) issues.push({ path: 'findingIds', message: 'Name at least one finding' });
  if (issues.length > 0) return invalid(issues);
  const d = normaliseDecision(input);
  const found = await loadFindings(ctx.store.db, actor.organizationId, findingIds);
  const missing = [...new Set(findingIds)].filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) return err('finding.not_found', `No finding with id ${missing.join(', ')}.`, { details: { ids: missing } });
  const findings = await withProducts(ctx.store.db, actor.organizationId, found);
  return ctx.store.transaction(async (trx) => {
    let seq = await nextSeq(trx, 'triage_decisions', actor.organizationId);
    const rows: TriageDecisionsTable[] = [];
    const componentKeys = new Set<string>();
    for (const f of findings) {
      if (input.scope === 'component') {
        const key = `${f.packageKey}\u0000${f.componentVersion}\u0000${f.vulnerabilityId}`;
        if (componentKeys.has(key)) continue;
        componentKeys.add(key);
      }
      rows.push(decisionRow(ctx, actor, f, d, input.scope, findings.length > 1 ? 'bulk' : 'manual', seq++));
    }
    await insertDecisions(trx, rows);
    await recordAudit(ctx, trx, actor, {
      action: findings.length > 1 ? 'triage.bulk' : 'triage.set',
      entityType: 'finding',
      entityId: findings.length === 1 ? findings[0]!.id : null,
      after: { ...d, scope: input.scope, findingIds: findings.map((f) => f.id), decisionIds: rows.map((r) => r.id) },
    });
    return ok({ decided: findings.length, decisionIds: rows.map((r) => r.id) });
  });
}

export interface FindingTriageView {
  readonly current: TriagedFinding;
  /** Every decision that applies or applied to the finding (own, carried, component), newest first. */
  readonly history: readonly (TriageDecisionRecord & { origin: DecisionOrigin })[];
  readonly riskHistory: readonly RiskDecisionRecord[];
}

export async function getFindingTriage(ctx: ServiceContext, actor: Actor, findingId: string): Promise<Result<FindingTriageView>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const f = await findFinding(db, actor.organizationId, findingId);
  if (!f) return findingNotFound(findingId);
  const [current] = await triagedFindings(db, actor.organizationId, [f], today(ctx));
  const all = await decisionsForVulnerabilities(db, actor.organizationId, [f.vulnerabilityId]);
  const orders = await releaseOrders(db, actor.organizationId, [current!.productId]);
  const mine = orders.get(f.releaseId)?.order ?? 0;
  const history: (TriageDecisionRecord & { origin: DecisionOrigin })[] = [];
  for (const d of all) {
    if (d.scope === 'finding' && d.findingId === f.id) history.push({ ...d, origin: 'own' });
    else if (d.packageKey === f.packageKey && d.componentVersion === f.componentVersion) {
      if (d.scope === 'component') history.push({ ...d, origin: 'component' });
      else if (d.productId === current!.productId && d.releaseId && (orders.get(d.releaseId)?.order ?? Infinity) < mine) history.push({ ...d, origin: 'carried' });
    }
  }
  history.sort((a, b) => b.seq - a.seq);
  const riskHistory = (await riskDecisionsOf(db, actor.organizationId, [f.id])).reverse();
  return ok({ current: current!, history, riskHistory });
}

export interface TriageQueueFilter extends Pick<FindingFilter, 'severity' | 'kev' | 'q'> {
  /** Findings whose decision closed them (resolved, not affected, false positive) too. */
  readonly includeClosed: boolean;
  /** Only these priority bands. */
  readonly band?: readonly PriorityBand[] | undefined;
}

/**
 * A page of the active findings of a release, highest priority first, and how many the filter keeps
 * (closed decisions only when asked). Every kept finding is ranked (the priority depends on decisions
 * carried forward, the clinical profile and the threat model, so the database cannot sort by it), from
 * the columns the priority needs; only the page's findings are read whole.
 */
export async function triageQueue(ctx: ServiceContext, actor: Actor, releaseId: string, filter: TriageQueueFilter, page: PageRequest): Promise<Result<Page<TriagedFinding>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const release = await findRelease(db, actor.organizationId, releaseId);
  if (!release) return err('release.not_found', `No release with id ${releaseId}.`, { details: { id: releaseId } });
  const candidates = await triageCandidates(db, actor.organizationId, releaseId, { status: 'active', severity: filter.severity, kev: filter.kev, q: filter.q });
  const ranked = await triagedFindings(db, actor.organizationId, candidates, today(ctx));
  const bands = filter.band && filter.band.length > 0 ? new Set(filter.band) : null;
  const kept = ranked.filter((t) => (bands ? bands.has(t.priority.band) : filter.includeClosed || t.priority.band !== 'closed'));
  kept.sort((a, b) => b.priority.score - a.priority.score || (a.finding.vulnerabilityId < b.finding.vulnerabilityId ? -1 : a.finding.vulnerabilityId > b.finding.vulnerabilityId ? 1 : 0) || (a.finding.id < b.finding.id ? -1 : 1));
  const window = kept.slice(page.offset, page.offset + page.limit);
  const whole = new Map((await findFindings(db, actor.organizationId, window.map((t) => t.finding.id))).map((f) => [f.id, f]));
  const items = window.flatMap((t) => {
    const finding = whole.get(t.finding.id);
    return finding ? [{ ...t, finding }] : [];
  });
  return ok({ items, total: kept.length, limit: page.limit, offset: page.offset });
}

// ---- clinical-impact profile --------------------------------------------------------------------

const productNotFound = (id: string): Result<never> => err('product.not_found', `No product with id ${id}.`, { details: { id } });

export async function getClinicalProfile(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<ClinicalProfileRecord & { configured: boolean }>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (!(await findProduct(ctx.store.db, actor.organizationId, productId))) return productNotFound(productId);
  const p = await findClinicalProfile(ctx.store.db, actor.organizationId, productId);
  return ok(p ? { ...p, configured: true } : { productId, answers: emptyAnswers, exposure: 'network', updatedAt: '', updatedBy: '', configured: false });
}

export async function putClinicalProfile(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  input: { answers: ClinicalAnswers; exposure: Exposure },
): Promise<Result<ClinicalProfileRecord & { configured: boolean }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues: { path: string; message: string }[] = [];
  if (!(exposures as readonly string[]).includes(input.exposure)) issues.push({ path: 'exposure', message: `The exposure must be one of ${exposures.join(', ')}` });
  for (const q of clinicalQuestions) if (typeof input.answers[q] !== 'boolean') issues.push({ path: `answers.${q}`, message: `The answer to ${q} must be true or false` });
  if (issues.length > 0) return invalid(issues);
  if (!(await findProduct(ctx.store.db, actor.organizationId, productId))) return productNotFound(productId);
  const answers = Object.fromEntries(clinicalQuestions.map((q) => [q, input.answers[q]])) as unknown as ClinicalAnswers;
  return ctx.store.transaction(async (trx) => {
    const before = await findClinicalProfile(trx, actor.organizationId, productId);
    const record: ClinicalProfileRecord = { productId, answers, exposure: input.exposure, updatedAt: nowIso(ctx), updatedBy: actor.name };
    await saveClinicalProfile(trx, actor.organizationId, record);
    await recordAudit(ctx, trx, actor, { action: 'triage.clinical_profile', entityType: 'product', entityId: productId, before: before ?? null, after: record });
    return ok({ ...record, configured: true });
  });
}

// ---- FDA risk decision --------------------------------------------------------------------------

export interface RiskDecisionInput {
  readonly control: RiskControl;
  readonly rationale: string;
  /** YYYY-MM-DD; default today. */
  readonly awareOn: string | null;
  readonly jpAdverseEvent: boolean;
}

export async function setRiskDecision(ctx: ServiceContext, actor: Actor, findingId: string, input: RiskDecisionInput): Promise<Result<{ decision: RiskDecisionRecord; clocks: Clock[] }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues: { path: string; message: string }[] = [];
  if (input.control !== 'controlled' && input.control !== 'uncontrolled') issues.push({ path: 'control', message: 'The risk control must be controlled or uncontrolled' });
  if (input.rationale.trim() === '') issues.push({ path: 'rationale', message: 'The rationale must say why' });
  if (input.awareOn !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(input.awareOn) || Number.isNaN(Date.parse(input.awareOn)))) issues.push({ path: 'awareOn', message: 'The awareness date must be a date YYYY-MM-DD' });
  if (issues.length > 0) return invalid(issues);
  const f = await findFinding(ctx.store.db, actor.organizationId, findingId);
  if (!f) return findingNotFound(findingId);
  return ctx.store.transaction(async (trx) => {
    const seq = await nextSeq(trx, 'risk_decisions', actor.organizationId);
    const row = {
      id: ctx.newId(),
      organization_id: actor.organizationId,
      finding_id: findingId,
      control: input.control,
      rationale: input.rationale.trim(),
      aware_on: input.awareOn ?? today(ctx),
      jp_adverse_event: input.jpAdverseEvent ? 1 : 0,
      created_at: nowIso(ctx),
      created_by: actor.name,
      seq,
    };
    await insertRiskDecision(trx, row);
    const decision: RiskDecisionRecord = { id: row.id, findingId, control: row.control, rationale: row.rationale, awareOn: row.aware_on, jpAdverseEvent: input.jpAdverseEvent, createdAt: row.created_at, createdBy: row.created_by, seq };
    const clocks = clocksFor(decision, today(ctx));
    await recordAudit(ctx, trx, actor, { action: 'triage.risk_decision', entityType: 'finding', entityId: findingId, after: { ...decision, clocks } });
    return ok({ decision, clocks });
  });
}

// ---- proposals from imported VEX ----------------------------------------------------------------

export async function listTriageProposals(ctx: ServiceContext, actor: Actor, productId: string, status: ProposalStatus | null): Promise<Result<TriageProposalRecord[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (!(await findProduct(ctx.store.db, actor.organizationId, productId))) return productNotFound(productId);
  return ok(await listProposals(ctx.store.db, actor.organizationId, productId, status));
}

/**
 * Accepting a proposal records its decision on every finding it matched (source import); a
 * proposal that matched no finding but names a component by purl becomes a component-scoped
 * decision. Rejecting records only the review.
 */
export async function reviewProposal(
  ctx: ServiceContext,
  actor: Actor,
  proposalId: string,
  verdict: 'accept' | 'reject',
  note: string | null,
): Promise<Result<{ proposal: TriageProposalRecord; decisionIds: string[] }>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const p = await findProposal(ctx.store.db, actor.organizationId, proposalId);
  if (!p) return err('triage.proposal_not_found', `No proposed triage decision with id ${proposalId}.`, { details: { id: proposalId } });
  if (p.status !== 'pending') return err('triage.proposal_reviewed', `The proposed decision ${proposalId} was already ${p.status}.`, { details: { id: proposalId, status: p.status } });
  const s = p.statement;
  const d = normaliseDecision({
    state: s.state,
    justification: s.state === 'not_affected' || s.state === 'false_positive' ? s.justification : null,
    responses: s.responses,
    detail: s.detail,
    actionStatement: s.actionStatement,
  });
  const findings = verdict === 'accept' ? await withProducts(ctx.store.db, actor.organizationId, await loadFindings(ctx.store.db, actor.organizationId, p.findingIds)) : [];
  return ctx.store.transaction(async (trx) => {
    const rows: TriageDecisionsTable[] = [];
    if (verdict === 'accept') {
      let seq = await nextSeq(trx, 'triage_decisions', actor.organizationId);
      for (const f of findings) rows.push(decisionRow(ctx, actor, f, d, 'finding', 'import', seq++, p.id));
      const purl = s.component?.purl ?? null;
      if (findings.length === 0 && purl) {
        const version = s.component?.version ?? /@([^?#]+)/.exec(purl.slice(purl.lastIndexOf('/')))?.[1] ?? '';
        const pseudo = { id: '', releaseId: '', productId: '', packageKey: packageOf({ name: s.component?.name ?? '', group_name: null, purl, cpe: s.component?.cpe ?? null }).key, componentVersion: decodeURIComponent(version), componentPurl: purl, vulnerabilityId: p.vulnerabilityId } as unknown as FindingRecord & { productId: string };
        rows.push(decisionRow(ctx, actor, pseudo, d, 'component', 'import', seq++, p.id));
      }
      await insertDecisions(trx, rows);
    }
    await reviewProposalRow(trx, actor.organizationId, p.id, verdict === 'accept' ? 'accepted' : 'rejected', nowIso(ctx), actor.name, note);
    await recordAudit(ctx, trx, actor, {
      action: verdict === 'accept' ? 'triage.proposal_accept' : 'triage.proposal_reject',
      entityType: 'triage_proposal',
      entityId: p.id,
      before: { status: 'pending' },
      after: { status: verdict === 'accept' ? 'accepted' : 'rejected', note, decisionIds: rows.map((r) => r.id) },
    });
    const updated = (await findProposal(trx, actor.organizationId, p.id))!;
    return ok({ proposal: updated, decisionIds: rows.map((r) => r.id) });
  });
}
