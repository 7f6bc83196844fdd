/**
 * Compliance use-cases: assessments per product or for the organisation, evidence (links to mamori
 * records and uploaded files), suggested evidence, the product's compliance profile (route and
 * catalogs, proposed by the applicability check) and gap analysis. Every write is audited; the
 * audit log is the history of an assessment.
 */
import { existsSync } from 'node:fs';
import { catalogs as shippedCatalogs, crosswalks, derivedDualStandard } from '../catalogs/index.js';
import * as keys from '../catalogs/keys.js';
import { FDA_PREMARKET, IEC, JP_CATALOGS, MHLW_0523, MHLW_GUIDANCE } from '../catalogs/keys.js';
import { proposeApplicability, type ApplicabilityAnswers, type ApplicabilityProposal, type ConformityRoute } from '../core/compliance/applicability.js';
import { fileNamePart } from '../core/file-name.js';
import {
  assessmentIssues,
  buildCoverageGraph,
  effectiveStatuses,
  evidenceSources,
  propagationTargets,
  type Assessment,
  type AssessmentInput,
  type AssessmentStatus,
  type CoverageGraph,
  type EffectiveStatus,
  type ForcedStatus,
} from '../core/compliance/assessment.js';
import { catalogKey, leafEntries, resolveCatalog, type Catalog, type CatalogEntry, type EvidenceKind, type Localized } from '../core/compliance/catalog.js';
import { refKey } from '../core/compliance/crosswalk.js';
import { currentRecord, evidenceLimits, type CurrentRecord, type Evidence, type EvidenceRecordType } from '../core/compliance/evidence.js';
import { evidenceMediaType } from '../core/compliance/media-type.js';
import { analyzeGaps, evidenceOrigins, evidenceScopes, rowScope, type EvidenceRelation, type ScopeType } from '../core/compliance/gap.js';
import { authorize, type Actor } from '../core/domain/actor.js';
import type { AuditEntry } from '../core/domain/audit.js';
import type { Product } from '../core/domain/product.js';
import type { Release } from '../core/domain/release.js';
import { err, ok, type Result } from '../core/result.js';
import { PdfRendererMissing, renderCompliance, type ComplianceReportData, type ExportDocument, type ExportedFile, type ExportFormat, type ReportLanguage } from '../reports/compliance/index.js';
import type { Db } from '../store/database.js';
import { listAudit } from '../store/repositories/audit.js';
import { findLatestThreatModel, findSecurityContext, findThreatModel, listRecords } from '../store/repositories/threats.js';
import {
  approveEvidence as approveEvidenceRow,
  updateEvidence as updateEvidenceRow,
  findAssessment,
  findEvidence,
  findProfile,
  insertEvidence,
  listScopeAssessments,
  listScopeEvidence,
  removeEvidence as removeEvidenceRow,
  saveProfile,
  upsertAssessment,
  type ComplianceProfile,
} from '../store/repositories/compliance.js';
import { findOrganization } from '../store/repositories/organizations.js';
import { findUser } from '../store/repositories/users.js';
import { findProduct } from '../store/repositories/products.js';
import { findRelease, listReleases } from '../store/repositories/releases.js';
import { currentSbom, currentSbomIds, findSbom, loadReleaseDocument } from '../store/repositories/sboms.js';
import { evaluateQuality } from '../core/sbom/quality/evaluate-quality.js';
import { insertBlob, packBlob, readBlob } from '../store/repositories/blobs.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { annexFReportPart, annexFWorkflowForced } from './annex-f.js';
import { isTriageRecordType, triageCurrent, triageEvidenceSummary, triageSuggestions } from './compliance-triage.js';
import { feedMonitoringSummary } from './compliance-feeds.js';
import { fdaSuggestions, type ReleaseSupportCounts } from './compliance-fda.js';
import { walkComponents } from '../core/sbom/model.js';
import type { FeedState } from '../vulndb/feed-states.js';
import { annexFCurrent, annexFEvidenceSummary, annexFSuggestions } from './compliance-annex-f.js';
import { checkOrgRecordEvidence, isOrgRecordEvidenceType, orgRecordCurrent, orgRecordSuggestions } from './compliance-org-records.js';

/** Catalogs a product is assessed against when it has no profile yet: IEC 81001-5-1 and the Japanese instruments. */
export const defaultCatalogs: readonly string[] = [IEC, ...JP_CATALOGS];

let cachedGraph: CoverageGraph | undefined;
function graph(): CoverageGraph {
  cachedGraph ??= buildCoverageGraph(shippedCatalogs, crosswalks);
  return cachedGraph;
}

/** Options that come from configuration. */
export interface ComplianceOptions {
  /** Where the vulnerability database lives (`<data dir>/vulndb.sqlite`); null when unknown. */
  readonly vulnDbPath: string | null;
  /**
   * The feeds of the vulnerability database (dates of their newest data, src/vulndb/feed-states.ts);
   * null when the database cannot be read. Without it, the feed-monitoring evidence says the dates are unknown.
   */
  readonly feeds?: (() => readonly FeedState[] | null) | undefined;
}

/** What the vulnerability database says of its feeds today (IEC 6.2.1 feed-monitoring evidence). */
function feedMonitoring(options: ComplianceOptions, now: Date) {
  const exists = options.vulnDbPath !== null && existsSync(options.vulnDbPath);
  const states = options.feeds ? options.feeds() : null;
  return feedMonitoringSummary(exists, states, now);
}

export interface EntryTarget {
  /** null: the organisation's own assessment. */
  readonly productId: string | null;
  /** A catalog id or `id@version`. */
  readonly catalog: string;
  readonly entry: string;
}

function productNotFound(id: string): Result<never> {
  return err('product.not_found', `No product with id ${id}.`, { details: { id } });
}

async function loadScope(db: Db, actor: Actor, productId: string | null): Promise<Result<Product | null>> {
  if (productId === null) return ok(null);
  const product = await findProduct(db, actor.organizationId, productId);
  return product ? ok(product) : productNotFound(productId);
}

/**
 * The catalog entry a request names. For writes (`forWrite`), the entry must also belong to the
 * scope: a product-level entry is met per product, an organisation-level entry by the organisation
 * (every product's report shows the organisation's assessment and evidence for it, `gap.ts`). A write
 * in the other scope would be stored and audited but never reported, so it is refused
 * (`compliance.wrong_scope`). Reads (history) take any entry, so rows stored before this rule stay readable.
 */
function resolveEntry(target: EntryTarget, forWrite = true): Result<{ catalog: Catalog; entry: CatalogEntry; key: string }> {
  const catalog = resolveCatalog(shippedCatalogs, target.catalog);
  if (!catalog)
    return err('compliance.catalog_not_found', `Unknown catalog "${target.catalog}".`, { details: { catalog: target.catalog } });
  const entry = catalog.entries.find((e) => e.id === target.entry);
  if (!entry)
    return err('compliance.entry_not_found', `The catalog ${catalogKey(catalog)} has no entry "${target.entry}".`, {
      details: { catalog: catalogKey(catalog), entry: target.entry },
    });
  const details = { catalog: catalogKey(catalog), entry: entry.id, level: entry.level, scope: target.productId === null ? 'organization' : 'product' };
  if (forWrite && target.productId === null && entry.level === 'product')
    return err('compliance.wrong_scope', `Entry ${entry.id} of ${catalogKey(catalog)} is product-level: it is met per product, not by the organisation. Assess it (and record its evidence) on a product.`, {
      details,
      issues: [{ path: 'entry', message: 'Product-level entry: assess it on a product.' }],
    });
  if (forWrite && target.productId !== null && entry.level === 'organization')
    return err('compliance.wrong_scope', `Entry ${entry.id} of ${catalogKey(catalog)} is organisation-level: it is met by the organisation for every product. Assess it (and record its evidence) in the organisation scope.`, {
      details,
      issues: [{ path: 'entry', message: 'Organisation-level entry: assess it in the organisation scope.' }],
    });
  return ok({ catalog, entry, key: refKey({ catalog: catalogKey(catalog), entry: entry.id }) });
}

export interface AssessmentResult {
  readonly assessment: Assessment;
  /** The entries in other catalogs (and parents) that this assessment now also answers for. */
  readonly propagatesTo: readonly string[];
}

/** Writes an assessment, audits it, and says which other entries it now answers for. */
async function storeAssessment(ctx: ServiceContext, trx: Db, actor: Actor, after: Assessment, before: Assessment | undefined): Promise<AssessmentResult> {
  await upsertAssessment(trx, actor.organizationId, after, before !== undefined);
  await recordAudit(ctx, trx, actor, {
    action: before ? 'compliance.assessment.update' : 'compliance.assessment.create',
    entityType: 'compliance_assessment',
    entityId: after.id,
    before: before ?? null,
    after,
  });
  return { assessment: after, propagatesTo: after.status === 'not_applicable' ? [] : propagationTargets(graph(), { catalog: after.catalog, entry: after.entry }) };
}

/** Records (creates or replaces) the assessment of one entry. */
export async function setAssessment(
  ctx: ServiceContext,
  actor: Actor,
  target: EntryTarget,
  input: AssessmentInput,
): Promise<Result<AssessmentResult>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const resolved = resolveEntry(target);
  if (!resolved.ok) return resolved;
  const issues = assessmentIssues(input);
  if (issues.length > 0) return err('compliance.invalid', 'The assessment has invalid fields.', { issues });
  const { catalog, entry } = resolved.value;
  const ck = catalogKey(catalog);
  return ctx.store.transaction(async (trx) => {
    const scope = await loadScope(trx, actor, target.productId);
    if (!scope.ok) return scope;
    if (scope.value?.archivedAt) return err('product.archived', 'Restore the product before changing its assessments.');
    const before = await findAssessment(trx, actor.organizationId, target.productId, ck, entry.id);
    const at = nowIso(ctx);
    const after: Assessment = {
      id: before?.id ?? ctx.newId(),
      productId: target.productId,
      catalog: ck,
      entry: entry.id,
      status: input.status,
      justification: input.status === 'not_applicable' ? input.justification.trim() : input.justification,
      owner: input.owner.trim(),
      dueDate: input.dueDate,
      notes: input.notes,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
    };
    return ok(await storeAssessment(ctx, trx, actor, after, before));
  });
}

/** At most this many entries in one bulk status change. */
export const bulkAssessmentLimit = 500;

export interface BulkAssessmentItem {
  readonly catalog: string;
  readonly entry: string;
  readonly status: AssessmentStatus;
  /** Required for not_applicable; otherwise the justification is cleared unless given. */
  readonly justification?: string | undefined;
}

export interface BulkAssessmentResult {
  readonly items: readonly AssessmentResult[];
}

/**
 * Sets the status of many entries of one scope in one transaction: every item is checked first and,
 * if any is wrong, nothing is stored and every wrong item is named (`items.N.field`). Owner, due
 * date and notes of an existing assessment are kept. Each entry leaves its own audit entry.
 */
export async function setAssessmentsBulk(
  ctx: ServiceContext,
  actor: Actor,
  productId: string | null,
  items: readonly BulkAssessmentItem[],
): Promise<Result<BulkAssessmentResult>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  if (items.length === 0 || items.length > bulkAssessmentLimit)
    return err('compliance.invalid', `Send 1 to ${bulkAssessmentLimit} items (got ${items.length}).`, { issues: [{ path: 'items', message: `1 to ${bulkAssessmentLimit} items.` }] });
  const issues: { path: string; message: string }[] = [];
  const resolved: { catalog: string; entry: string; item: BulkAssessmentItem }[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const name = `item ${i} (${item.catalog} ${item.entry})`;
    const r = resolveEntry({ productId, catalog: item.catalog, entry: item.entry });
    if (!r.ok) {
      issues.push({ path: `items.${i}.${r.error.code === 'compliance.catalog_not_found' ? 'catalog' : 'entry'}`, message: `${name}: ${r.error.message}` });
      return;
    }
    const key = r.value.key;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ path: `items.${i}.entry`, message: `${name}: the same entry as item ${first}.` });
    else seen.set(key, i);
    for (const issue of assessmentIssues({ status: item.status, justification: item.justification ?? '', owner: '', dueDate: null, notes: '' }))
      issues.push({ path: `items.${i}.${issue.path}`, message: `${name}: ${issue.message}` });
    resolved.push({ catalog: catalogKey(r.value.catalog), entry: r.value.entry.id, item });
  });
  if (issues.length > 0)
    return err('compliance.invalid', `${issues.length === 1 ? 'One item is' : `${issues.length} items are`} invalid, so nothing was stored: ${issues.map((x) => x.message).join('; ')}`, { issues });
  return ctx.store.transaction(async (trx) => {
    const scope = await loadScope(trx, actor, productId);
    if (!scope.ok) return scope;
    if (scope.value?.archivedAt) return err('product.archived', 'Restore the product before changing its assessments.');
    const existing = new Map((await listScopeAssessments(trx, actor.organizationId, productId)).map((a) => [refKey({ catalog: a.catalog, entry: a.entry }), a]));
    const at = nowIso(ctx);
    const out: AssessmentResult[] = [];
    for (const { catalog, entry, item } of resolved) {
      const before = existing.get(refKey({ catalog, entry }));
      const after: Assessment = {
        id: before?.id ?? ctx.newId(),
        productId,
        catalog,
        entry,
        status: item.status,
        justification: (item.justification ?? '').trim(),
        owner: before?.owner ?? '',
        dueDate: before?.dueDate ?? null,
        notes: before?.notes ?? '',
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      out.push(await storeAssessment(ctx, trx, actor, after, before));
    }
    return ok({ items: out });
  });
}

export async function listAssessments(ctx: ServiceContext, actor: Actor, productId: string | null): Promise<Result<Assessment[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const scope = await loadScope(ctx.store.db, actor, productId);
  if (!scope.ok) return scope;
  return ok(await listScopeAssessments(ctx.store.db, actor.organizationId, productId));
}

/** Every change of one entry's assessment, newest first, from the audit log. */
export async function assessmentHistory(ctx: ServiceContext, actor: Actor, target: EntryTarget): Promise<Result<AuditEntry[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const resolved = resolveEntry(target, false);
  if (!resolved.ok) return resolved;
  const scope = await loadScope(ctx.store.db, actor, target.productId);
  if (!scope.ok) return scope;
  const a = await findAssessment(ctx.store.db, actor.organizationId, target.productId, catalogKey(resolved.value.catalog), resolved.value.entry.id);
  if (!a) return ok([]);
  const page = await listAudit(ctx.store.db, actor.organizationId, { entityType: 'compliance_assessment', entityId: a.id }, { limit: 500, offset: 0 });
  return ok([...page.items]);
}

// ── Evidence ────────────────────────────────────────────────────────────────────────────────

/**
 * The MHLW Annex A profile result of a release's current inventory (the quality report a
 * `sbom_quality_report` link shows): what the suggestion and the linked evidence say (QA ra 15).
 */
async function mhlwProfileResult(db: Db, organizationId: string, releaseId: string, now: Date): Promise<{ verdict: 'pass' | 'fail'; score: number; failed: string[]; failedJa: string[] }> {
  const { document } = await loadReleaseDocument(db, organizationId, releaseId);
  const report = evaluateQuality(document, 'jp-mhlw', { now: now.toISOString() });
  const failing = report.checks.filter((c) => c.severity === 'required' && c.status === 'fail');
  return { verdict: report.verdict, score: report.score.overall, failed: failing.map((c) => c.title.en), failedJa: failing.map((c) => c.title.ja) };
}

function profileResultLabel(q: Awaited<ReturnType<typeof mhlwProfileResult>>): Localized {
  const n = q.failed.length;
  return q.verdict === 'pass'
    ? { ja: `手引書 附属書A のプロファイル: 適合（スコア ${q.score}）`, en: `MHLW Annex A profile: met (score ${q.score})` }
    : {
        ja: `手引書 附属書A のプロファイル: 不適合、必須チェック ${n} 件が不合格（${q.failedJa.join('、')}）`,
        en: `MHLW Annex A profile: NOT met, ${n} required check${n === 1 ? '' : 's'} fail (${q.failed.join(', ')})`,
      };
}

/** How many components of a release's inventory carry the FDA support data (compliance-fda.ts). */
async function releaseSupportCounts(db: Db, organizationId: string, r: Release, now: Date): Promise<ReleaseSupportCounts> {
  const { document } = await loadReleaseDocument(db, organizationId, r.id);
  const today = now.toISOString().slice(0, 10);
  let components = 0;
  let withLevel = 0;
  let withEndOfSupport = 0;
  let pastEndOfSupport = 0;
  for (const { component: c } of walkComponents(document.components)) {
    components += 1;
    if (c.supportLevel) withLevel += 1;
    if (c.endOfSupport) {
      withEndOfSupport += 1;
      if (c.endOfSupport < today) pastEndOfSupport += 1;
    }
  }
  return { releaseId: r.id, version: r.version, components, withLevel, withEndOfSupport, pastEndOfSupport };
}

/** Evidence as shown: for links to a record that follows its release, what it points at now. */
export interface EvidenceView extends Evidence {
  /**
   * The record this evidence resolves to today (e.g. the release's current SBOM), named in English
   * (`label`) and wholly in each language (`labelText`); null when it no longer exists.
   */
  readonly current: CurrentRecord | null;
}

async function resolveCurrent(db: Db, actor: Actor, e: Evidence, options: ComplianceOptions, now: Date): Promise<EvidenceView['current']> {
  if (e.kind === 'file') return e.sha256 ? currentRecord('file', e.sha256, e.fileName ?? e.sha256) : null;
  switch (e.recordType) {
    case 'release_sbom':
    case 'sbom_quality_report': {
      if (!e.recordId) return null;
      const release = await findRelease(db, actor.organizationId, e.recordId);
      if (!release) return null;
      const sbom = await currentSbom(db, actor.organizationId, release.id);
      if (!sbom) return null;
      const label = `${release.version}: ${sbom.fileName} (${sbom.format} ${sbom.specVersion})`;
      if (e.recordType === 'release_sbom') return currentRecord('sbom', sbom.id, label);
      // The quality report says whether the profile is met, not only which SBOM it reads.
      const result = profileResultLabel(await mhlwProfileResult(db, actor.organizationId, release.id, now));
      return currentRecord('sbom', sbom.id, { ja: `${label}; ${result.ja}`, en: `${label}; ${result.en}` });
    }
    case 'sbom': {
      const sbom = e.recordId ? await findSbom(db, actor.organizationId, e.recordId) : undefined;
      return sbom ? currentRecord('sbom', sbom.id, `${sbom.fileName} (${sbom.format} ${sbom.specVersion})`) : null;
    }
    case 'release': {
      const release = e.recordId ? await findRelease(db, actor.organizationId, e.recordId) : undefined;
      return release ? currentRecord('release', release.id, release.version) : null;
    }
    case 'feed_monitoring': {
      // The data dates and staleness as `mamori feeds status` reports them, not "kept up to date".
      const feeds = feedMonitoring(options, now);
      return feeds.label === null ? null : currentRecord('feed_monitoring', 'vulndb', feeds.label);
    }
    case 'audit_verification':
      return currentRecord('audit_verification', 'audit', { ja: '監査ログのハッシュチェーン', en: 'audit log hash chain' });
    case 'threat_model': {
      // A pinned version if the id names one; otherwise (the product id) the newest version.
      const pinned = e.recordId ? await findThreatModel(db, actor.organizationId, e.recordId) : undefined;
      const v = pinned ?? (e.productId ? await findLatestThreatModel(db, actor.organizationId, e.productId) : undefined);
      return v
        ? currentRecord('threat_model', v.id, {
            ja: `v${v.version} ${v.label}（要素 ${v.elementCount}、脅威 ${v.threatCount}）`,
            en: `v${v.version} ${v.label} (${v.elementCount} elements, ${v.threatCount} threats)`,
          })
        : null;
    }
    case 'security_context': {
      const c = e.productId ? await findSecurityContext(db, actor.organizationId, e.productId) : undefined;
      return c
        ? currentRecord('security_context', `security-context:${e.productId}`, { ja: `セキュリティコンテキスト（更新 ${c.updatedAt}）`, en: `security context, updated ${c.updatedAt}` })
        : null;
    }
    case 'risk_register':
    case 'traceability_matrix': {
      if (!e.productId) return null;
      const risks = await listRecords(db, 'threat_risks', actor.organizationId, e.productId);
      if (e.recordType === 'risk_register')
        return risks.length ? currentRecord('risk_register', `risk-register:${e.productId}`, { ja: `リスク ${risks.length} 件`, en: `${risks.length} risks` }) : null;
      const tests = await listRecords(db, 'verification_tests', actor.organizationId, e.productId);
      return risks.length || tests.length
        ? currentRecord('traceability_matrix', `traceability:${e.productId}`, { ja: `リスク ${risks.length} 件、試験 ${tests.length} 件`, en: `${risks.length} risks, ${tests.length} tests` })
        : null;
    }
    case 'annex_f_workflow':
      return e.productId ? annexFCurrent(e.productId, await annexFEvidenceSummary(db, actor.organizationId, e.productId)) : null;
    default:
      if (isOrgRecordEvidenceType(e.recordType)) return orgRecordCurrent(db, actor.organizationId, e.recordType, e.recordId);
      if (isTriageRecordType(e.recordType))
        return e.productId ? triageCurrent(e.recordType, e.productId, await triageEvidenceSummary(db, actor.organizationId, e.productId)) : null;
      return e.recordId ? currentRecord(e.recordType ?? 'record', e.recordId, e.recordId) : null;
  }
}

async function checkRecord(db: Db, actor: Actor, productId: string | null, type: EvidenceRecordType, id: string | null): Promise<Result<true>> {
  const bad = (message: string) => err('compliance.invalid', message, { issues: [{ path: 'recordId', message }] });
  if (type === 'release_sbom' || type === 'sbom_quality_report' || type === 'release') {
    if (!id) return bad('Name the release (recordId).');
    const r = await findRelease(db, actor.organizationId, id);
    if (!r || (productId !== null && r.productId !== productId)) return bad(`No release ${id} of this product.`);
  } else if (type === 'sbom') {
    if (!id) return bad('Name the SBOM (recordId).');
    const s = await findSbom(db, actor.organizationId, id);
    if (!s) return bad(`No SBOM ${id}.`);
    const r = await findRelease(db, actor.organizationId, s.releaseId);
    if (productId !== null && r?.productId !== productId) return bad(`SBOM ${id} belongs to another product.`);
  } else if (type === 'threat_model') {
    if (id) {
      const v = await findThreatModel(db, actor.organizationId, id);
      if (!v || (productId !== null && v.productId !== productId)) return bad(`No threat model version ${id} of this product.`);
    } else if (productId === null) return bad('Name the threat model version (recordId).');
  } else if (type === 'security_context' || type === 'risk_register' || type === 'traceability_matrix' || type === 'annex_f_workflow' || isTriageRecordType(type)) {
    if (productId === null) return bad('These records belong to a product; link them from a product assessment.');
  } else if (type === 'finding' || type === 'document') {
    if (!id) return bad('Name the record (recordId).');
  } else if (isOrgRecordEvidenceType(type)) {
    const problem = await checkOrgRecordEvidence(db, actor.organizationId, type, id);
    if (problem) return bad(problem);
  }
  return ok(true);
}

export interface RecordEvidenceInput {
  readonly recordType: EvidenceRecordType;
  readonly recordId: string | null;
  readonly title: string;
  readonly version: string;
}

function evidenceIssues(title: string, version: string): Result<never> | null {
  const issues = [];
  if (title.trim() === '' || title.length > evidenceLimits.title) issues.push({ path: 'title', message: `Give a title of 1 to ${evidenceLimits.title} characters.` });
  if (version.length > evidenceLimits.version) issues.push({ path: 'version', message: `At most ${evidenceLimits.version} characters.` });
  return issues.length > 0 ? err('compliance.invalid', 'The evidence has invalid fields.', { issues }) : null;
}

export async function addRecordEvidence(
  ctx: ServiceContext,
  actor: Actor,
  target: EntryTarget,
  input: RecordEvidenceInput,
  options: ComplianceOptions = { vulnDbPath: null },
): Promise<Result<EvidenceView>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const resolved = resolveEntry(target);
  if (!resolved.ok) return resolved;
  const bad = evidenceIssues(input.title, input.version);
  if (bad) return bad;
  return ctx.store.transaction(async (trx) => {
    const scope = await loadScope(trx, actor, target.productId);
    if (!scope.ok) return scope;
    const checked = await checkRecord(trx, actor, target.productId, input.recordType, input.recordId);
    if (!checked.ok) return checked;
    const e: Evidence = {
      id: ctx.newId(),
      productId: target.productId,
      catalog: catalogKey(resolved.value.catalog),
      entry: resolved.value.entry.id,
      kind: 'record',
      recordType: input.recordType,
      recordId: input.recordId,
      title: input.title.trim(),
      fileName: null,
      sha256: null,
      sizeBytes: null,
      mediaType: null,
      version: input.version.trim(),
      approvedBy: null,
      approvedAt: null,
      createdAt: nowIso(ctx),
      createdBy: actor.name,
    };
    await insertEvidence(trx, actor.organizationId, e);
    await recordAudit(ctx, trx, actor, { action: 'compliance.evidence.add', entityType: 'compliance_evidence', entityId: e.id, after: e });
    return ok({ ...e, current: await resolveCurrent(trx, actor, e, options, ctx.clock()) });
  });
}

export interface FileEvidenceInput {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mediaType: string | null;
  readonly title: string;
  readonly version: string;
}

/** Keeps an uploaded file unchanged (in the shared blob store, by SHA-256) as evidence for an entry. */
export async function uploadEvidenceFile(ctx: ServiceContext, actor: Actor, target: EntryTarget, input: FileEvidenceInput): Promise<Result<EvidenceView>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const resolved = resolveEntry(target);
  if (!resolved.ok) return resolved;
  const bad = evidenceIssues(input.title || input.fileName, input.version);
  if (bad) return bad;
  if (input.bytes.byteLength === 0) return err('compliance.invalid', 'The file is empty.', { issues: [{ path: 'file', message: 'Send the file as the request body.' }] });
  if (input.bytes.byteLength > evidenceLimits.maxFileBytes) return err('request.too_large', `Evidence files may have at most ${evidenceLimits.maxFileBytes} bytes.`);
  const fileName = input.fileName.replace(/[/\\]/g, '_').slice(0, evidenceLimits.fileName) || 'evidence';
  const blob = await packBlob(input.bytes);
  const sha256 = blob.sha256;
  return ctx.store.transaction(async (trx) => {
    const scope = await loadScope(trx, actor, target.productId);
    if (!scope.ok) return scope;
    const at = nowIso(ctx);
    await insertBlob(trx, blob, at);
    const e: Evidence = {
      id: ctx.newId(),
      productId: target.productId,
      catalog: catalogKey(resolved.value.catalog),
      entry: resolved.value.entry.id,
      kind: 'file',
      recordType: null,
      recordId: null,
      title: (input.title || fileName).trim(),
      fileName,
      sha256,
      sizeBytes: input.bytes.byteLength,
      // A browser often names no type (or octet-stream): told from the file's first bytes and name.
      mediaType: evidenceMediaType(input.mediaType, fileName, input.bytes),
      version: input.version.trim(),
      approvedBy: null,
      approvedAt: null,
      createdAt: at,
      createdBy: actor.name,
    };
    await insertEvidence(trx, actor.organizationId, e);
    await recordAudit(ctx, trx, actor, { action: 'compliance.evidence.upload', entityType: 'compliance_evidence', entityId: e.id, after: e });
    return ok({ ...e, current: currentRecord('file', sha256, fileName) });
  });
}

function evidenceNotFound(id: string): Result<never> {
  return err('compliance.evidence_not_found', `No evidence with id ${id}.`, { details: { id } });
}

export async function approveEvidence(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<Evidence>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findEvidence(trx, actor.organizationId, id);
    if (!before) return evidenceNotFound(id);
    const at = nowIso(ctx);
    await approveEvidenceRow(trx, actor.organizationId, id, actor.name, at);
    const after: Evidence = { ...before, approvedBy: actor.name, approvedAt: at };
    await recordAudit(ctx, trx, actor, { action: 'compliance.evidence.approve', entityType: 'compliance_evidence', entityId: id, before, after });
    return ok(after);
  });
}

export interface EvidenceChange {
  readonly title?: string | undefined;
  readonly version?: string | undefined;
}

/**
 * Changes the title (document name) and version (document number/revision) of evidence. These
 * are what a report cites for it (the Annex F document table), so an approval covers them: when a
 * change alters either, the approval is withdrawn and the evidence needs approving again. The file
 * or the linked record never changes (upload a new file instead). Audited with before and after.
 */
export async function updateEvidence(ctx: ServiceContext, actor: Actor, id: string, change: EvidenceChange): Promise<Result<Evidence>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findEvidence(trx, actor.organizationId, id);
    if (!before) return evidenceNotFound(id);
    const title = change.title === undefined ? before.title : change.title.trim();
    const version = change.version === undefined ? before.version : change.version.trim();
    const bad = evidenceIssues(title, version);
    if (bad) return bad;
    if (title === before.title && version === before.version) return ok(before);
    // The approval was of the old title and version: a changed one needs a new approval.
    const after: Evidence = { ...before, title, version, approvedBy: null, approvedAt: null };
    await updateEvidenceRow(trx, actor.organizationId, id, { title, version, approvedBy: null, approvedAt: null });
    await recordAudit(ctx, trx, actor, { action: 'compliance.evidence.update', entityType: 'compliance_evidence', entityId: id, before, after });
    return ok(after);
  });
}

export async function removeEvidence(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<Evidence>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findEvidence(trx, actor.organizationId, id);
    if (!before) return evidenceNotFound(id);
    await removeEvidenceRow(trx, actor.organizationId, id, nowIso(ctx));
    await recordAudit(ctx, trx, actor, { action: 'compliance.evidence.remove', entityType: 'compliance_evidence', entityId: id, before });
    return ok(before);
  });
}

export async function getEvidenceFile(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<{ evidence: Evidence; bytes: Uint8Array }>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const e = await findEvidence(ctx.store.db, actor.organizationId, id);
  if (!e) return evidenceNotFound(id);
  if (e.kind !== 'file' || !e.sha256) return err('compliance.invalid', 'This evidence is a link to a record, not a file.');
  const bytes = await readBlob(ctx.store.db, e.sha256);
  if (!bytes) return err('internal.error', `The stored file of evidence ${id} is missing.`);
  return ok({ evidence: e, bytes });
}

/** Evidence of a scope, optionally of one entry only (its own, not what reaches it through links). */
export async function listEvidence(
  ctx: ServiceContext,
  actor: Actor,
  productId: string | null,
  filter: { catalog?: string | undefined; entry?: string | undefined },
  options: ComplianceOptions = { vulnDbPath: null },
): Promise<Result<EvidenceView[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const scope = await loadScope(ctx.store.db, actor, productId);
  if (!scope.ok) return scope;
  let ck: string | undefined;
  if (filter.catalog) {
    const c = resolveCatalog(shippedCatalogs, filter.catalog);
    if (!c) return err('compliance.catalog_not_found', `Unknown catalog "${filter.catalog}".`);
    ck = catalogKey(c);
  }
  const all = (await listScopeEvidence(ctx.store.db, actor.organizationId, productId)).filter(
    (e) => (ck === undefined || e.catalog === ck) && (filter.entry === undefined || e.entry === filter.entry),
  );
  const out: EvidenceView[] = [];
  for (const e of all) out.push({ ...e, current: await resolveCurrent(ctx.store.db, actor, e, options, ctx.clock()) });
  return ok(out);
}

// ── Suggested evidence ─────────────────────────────────────────────────────────────────────────

export interface EvidenceSuggestion {
  readonly catalog: string;
  readonly entry: string;
  readonly recordType: EvidenceRecordType;
  /** The record to link; null when mamori holds none yet (then `available` is false). */
  readonly recordId: string | null;
  /** What the record is called, in both languages (the web links it under the title of the screen's language). */
  readonly title: { readonly ja: string; readonly en: string };
  readonly available: boolean;
  readonly reason: { readonly ja: string; readonly en: string };
  /** What the reader must know before linking it (e.g. stale vulnerability feeds); null when nothing. */
  readonly warning: { readonly ja: string; readonly en: string } | null;
  /** Whether this record is already linked as evidence of this entry. */
  readonly linked: boolean;
}

/**
 * The work items (entries without children, i.e. rows of the gap analysis) of the MHLW guidance's
 * Annex A (SBOM) whose expected evidence includes this kind. Suggestions go on these rows, never on
 * the heading `A`: the table holds only work items, so a suggestion on a heading is seen nowhere but
 * in the clause tree.
 */
function mhlwAnnexAEntries(kind: EvidenceKind): string[] {
  const guidance = resolveCatalog(shippedCatalogs, MHLW_GUIDANCE);
  if (!guidance) return [];
  return leafEntries(guidance)
    .filter((e) => (e.id === 'A' || e.id.startsWith('A.')) && e.expectedEvidence.includes(kind))
    .map((e) => e.id);
}

/**
 * Evidence mamori already holds, proposed per entry with the reason:
 *  IEC 81001-5-1 Clause 8 ← each release's current SBOM and its quality report; MHLW guidance
 *  Annex A ← the SBOM on every Annex A entry that expects an SBOM (A.1, A.2, A.3.*, A.4) and the
 *  quality report on those that expect one (A.3.elements, A.3.identifiers). Both are linked to the
 *  release, so a newer SBOM replaces the old one as evidence;
 *  IEC 6.2.1 ← feed monitoring, when the vulnerability database exists;
 *  IEC 9.2–9.5 ← triage records, with counts (compliance-triage.ts: intake, decisions, analysis, responses).
 *  IEC F.2–F.4 ← the Annex F workflow, for products on the Annex F route (compliance-annex-f.ts).
 */
export async function suggestEvidence(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  options: ComplianceOptions,
): Promise<Result<EvidenceSuggestion[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const product = await findProduct(db, actor.organizationId, productId);
  if (!product) return productNotFound(productId);
  const existing = await listScopeEvidence(db, actor.organizationId, productId);
  const linked = (catalog: string, entry: string, type: string, id: string | null) =>
    existing.some((e) => e.catalog === catalog && e.entry === entry && e.recordType === type && e.recordId === id);
  const out: EvidenceSuggestion[] = [];
  const add = (s: Omit<EvidenceSuggestion, 'linked' | 'warning'> & { warning?: EvidenceSuggestion['warning'] }) =>
    out.push({ ...s, warning: s.warning ?? null, linked: linked(s.catalog, s.entry, s.recordType, s.recordId) });
  const releases = await listReleases(db, actor.organizationId, productId, { archived: 'exclude' }, { limit: 500, offset: 0 });
  const supportCounts: ReleaseSupportCounts[] = [];
  for (const r of releases.items as Release[]) {
    const sbom = await currentSbom(db, actor.organizationId, r.id);
    if (!sbom) continue;
    supportCounts.push(await releaseSupportCounts(db, actor.organizationId, r, ctx.clock()));
    const sbomEntries: [string, string][] = [[IEC, '8'], ...mhlwAnnexAEntries('sbom').map((e): [string, string] => [MHLW_GUIDANCE, e])];
    const qualityEntries: [string, string][] = [[IEC, '8'], ...mhlwAnnexAEntries('sbom_quality_report').map((e): [string, string] => [MHLW_GUIDANCE, e])];
    for (const [catalog, entry] of sbomEntries)
      add({
        catalog, entry, recordType: 'release_sbom', recordId: r.id, available: true,
        title: { ja: `SBOM ${product.name} ${r.version}`, en: `SBOM ${product.name} ${r.version}` },
        reason: {
          ja: `リリース ${r.version} の現在の SBOM（${sbom.fileName}）は構成管理と SBOM の作成・維持の記録になる。新しい SBOM を取り込むと証跡も追従する。`,
          en: `The current SBOM of release ${r.version} (${sbom.fileName}) records configuration management and SBOM creation and upkeep; it follows the release when a newer SBOM is imported.`,
        },
      });
    // What the quality report shows: the MHLW Annex A profile result, not a claim that it is met.
    const q = await mhlwProfileResult(db, actor.organizationId, r.id, ctx.clock());
    const n = q.failed.length;
    const quality =
      q.verdict === 'pass'
        ? {
            reason: {
              ja: `リリース ${r.version} の SBOM 品質レポート: SBOM は厚労省ガイダンス付録 A のプロファイルを満たす（スコア ${q.score}）。必要な要素を備えていることを示す。`,
              en: `The SBOM quality report of release ${r.version}: the SBOM meets the MHLW Annex A profile (score ${q.score}), showing that it holds the required elements.`,
            },
            warning: null,
          }
        : {
            reason: {
              ja: `リリース ${r.version} の SBOM 品質レポート: SBOM は厚労省ガイダンス付録 A のプロファイルを満たさない（必須チェック ${n} 件が不合格: ${q.failedJa.join('、')}。スコア ${q.score}）。`,
              en: `The SBOM quality report of release ${r.version}: the SBOM does not meet the MHLW Annex A profile (${n} required check${n === 1 ? '' : 's'} fail: ${q.failed.join(', ')}; score ${q.score}).`,
            },
            warning: {
              ja: `注意: 必須チェック ${n} 件が不合格のため、SBOM が必要な要素を備えている証跡にはならない。リリースの品質タブで修正点を確認すること。`,
              en: `Warning: ${n} required check${n === 1 ? '' : 's'} fail, so this does not show that the SBOM holds the required elements; see the fix-it list on the release's Quality tab.`,
            },
          };
    for (const [catalog, entry] of qualityEntries)
      add({
        catalog, entry, recordType: 'sbom_quality_report', recordId: r.id, available: true,
        title: { ja: `SBOM 品質レポート ${product.name} ${r.version}`, en: `SBOM quality report ${product.name} ${r.version}` },
        ...quality,
      });
  }
  // The date of each feed's newest data, with a warning when stale (the rule of `mamori feeds status`).
  const feeds = feedMonitoring(options, ctx.clock());
  const feedTitle = { ja: '脆弱性フィードの監視', en: 'Vulnerability feed monitoring' };
  add({
    catalog: IEC, entry: '6.2.1', recordType: 'feed_monitoring', recordId: null, available: feeds.available,
    title: feedTitle,
    reason: feeds.reason,
    warning: feeds.warning,
  });
  // The FDA asks how known vulnerabilities were found: the same monitoring, with the same dates and warning.
  add({ catalog: FDA_PREMARKET, entry: 'vulnerability-assessment', recordType: 'feed_monitoring', recordId: null, available: feeds.available, title: feedTitle, reason: feeds.reason, warning: feeds.warning });
  const model = await findLatestThreatModel(db, actor.organizationId, productId);
  const context = await findSecurityContext(db, actor.organizationId, productId);
  const risks = await listRecords(db, 'threat_risks', actor.organizationId, productId);
  const tests = await listRecords(db, 'verification_tests', actor.organizationId, productId);
  const threatRecords: {
    readonly type: EvidenceRecordType;
    readonly entries: readonly string[];
    readonly available: boolean;
    readonly title: { readonly ja: string; readonly en: string };
    readonly reason: { readonly ja: string; readonly en: string };
  }[] = [
    {
      type: 'security_context', entries: ['7.1.2'], available: context !== undefined,
      title: { ja: `製品のセキュリティコンテキスト ${product.name}`, en: `Product security context ${product.name}` },
      reason: context
        ? { ja: '製品のセキュリティコンテキスト（使用環境、インタフェース、データ、安全への影響）を記録している。', en: 'The product security context (environment, interfaces, data, safety impact) is recorded.' }
        : { ja: 'セキュリティコンテキストはまだない（なし）。脅威モデルの画面で記録すると提案される。', en: 'No security context yet (none). It is suggested once recorded on the threat model screen.' },
    },
    {
      type: 'threat_model', entries: ['5.3.1', '5.3.2', '7.2'], available: model !== undefined,
      title: { ja: `脅威モデル ${product.name}`, en: `Threat model ${product.name}` },
      reason: model
        ? { ja: `脅威モデル v${model.version}（要素 ${model.elementCount}、脅威 ${model.threatCount}）。新しい版を作ると証跡も追従する。`, en: `Threat model v${model.version} (${model.elementCount} elements, ${model.threatCount} threats); it follows the newest version.` }
        : { ja: '脅威モデルはまだない（なし）。', en: 'No threat model yet (none).' },
    },
    {
      type: 'risk_register', entries: ['7.3', '7.4'], available: risks.length > 0,
      title: { ja: `セキュリティリスク台帳 ${product.name}`, en: `Security risk register ${product.name}` },
      reason: risks.length
        ? { ja: `セキュリティリスク台帳（${risks.length} 件）はリスクの推定・評価とコントロールの記録になる。`, en: `The security risk register (${risks.length} risks) records risk estimation, evaluation and control.` }
        : { ja: 'リスク台帳はまだ空（なし）。', en: 'The risk register is still empty (none).' },
    },
    {
      type: 'traceability_matrix', entries: ['5.2.1', '5.7.1', '5.7.2', '7.5'], available: tests.length > 0,
      title: { ja: `トレーサビリティマトリクス ${product.name}`, en: `Traceability matrix ${product.name}` },
      reason: tests.length
        ? { ja: `脅威→リスク→コントロール→要求事項→試験のトレーサビリティ（試験 ${tests.length} 件）。`, en: `Traceability from threat to risk, control, requirement and test (${tests.length} tests).` }
        : { ja: '検証試験はまだない（なし）。', en: 'No verification tests yet (none).' },
    },
  ];
  for (const r of threatRecords)
    for (const entry of r.entries)
      add({ catalog: IEC, entry, recordType: r.type, recordId: null, available: r.available, title: r.title, reason: r.reason });
  const triage = await triageEvidenceSummary(db, actor.organizationId, productId);
  for (const s of triageSuggestions(triage, product.name)) add({ catalog: IEC, ...s, recordId: null });
  // FDA premarket guidance: component support data, vulnerability assessment, traceability (compliance-fda.ts).
  for (const s of fdaSuggestions({ productName: product.name, releases: supportCounts, triage, tests: tests.length, risks: risks.length })) add(s);
  if ((await findProfile(db, actor.organizationId, productId))?.route === 'annex_f') {
    const annexF = await annexFEvidenceSummary(db, actor.organizationId, productId);
    for (const s of annexFSuggestions(annexF, product.name)) add({ catalog: IEC, ...s, recordType: 'annex_f_workflow', recordId: null });
  }
  // Organisation records also answer for entries a product may assess itself (level both, e.g. IEC 9.2 ← contact points).
  for (const s of await orgRecordSuggestions(db, actor.organizationId, ctx.clock(), 'both')) add({ ...s, recordId: null });
  return ok(out);
}

/**
 * Evidence the organisation already holds for its own (organisation-level) entries: the committee,
 * RACI, training, contact point, ISAO and process review registers (compliance-org-records.ts).
 */
export async function suggestOrgEvidence(ctx: ServiceContext, actor: Actor): Promise<Result<EvidenceSuggestion[]>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const existing = await listScopeEvidence(db, actor.organizationId, null);
  const suggestions = await orgRecordSuggestions(db, actor.organizationId, ctx.clock());
  return ok(
    suggestions.map((s) => ({
      ...s,
      recordId: null,
      warning: null,
      linked: existing.some((e) => e.catalog === s.catalog && e.entry === s.entry && e.recordType === s.recordType && e.recordId === null),
    })),
  );
}

// ── Profile and applicability ──────────────────────────────────────────────────────────────────

export interface ProfileView {
  readonly productId: string;
  readonly route: ConformityRoute;
  readonly catalogs: readonly string[];
  readonly answers: ApplicabilityAnswers | null;
  readonly updatedAt: string | null;
  /** False while the product still uses the defaults (no profile saved). */
  readonly saved: boolean;
}

function profileView(productId: string, p: ComplianceProfile | undefined): ProfileView {
  return p ? { ...p, saved: true } : { productId, route: 'full', catalogs: defaultCatalogs, answers: null, updatedAt: null, saved: false };
}

export async function getProfile(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<ProfileView>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await findProduct(ctx.store.db, actor.organizationId, productId);
  if (!product) return productNotFound(productId);
  return ok(profileView(productId, await findProfile(ctx.store.db, actor.organizationId, productId)));
}

export async function checkApplicability(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  answers: ApplicabilityAnswers,
): Promise<Result<ApplicabilityProposal>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await findProduct(ctx.store.db, actor.organizationId, productId);
  if (!product) return productNotFound(productId);
  return ok(proposeApplicability(product, answers, keys));
}

export async function setProfile(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  input: { route: ConformityRoute; catalogs: readonly string[]; answers: ApplicabilityAnswers | null },
): Promise<Result<ProfileView>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const resolved: string[] = [];
  for (const ref of input.catalogs) {
    const c = resolveCatalog(shippedCatalogs, ref);
    if (!c) return err('compliance.catalog_not_found', `Unknown catalog "${ref}".`, { details: { catalog: ref } });
    if (!resolved.includes(catalogKey(c))) resolved.push(catalogKey(c));
  }
  if (resolved.length === 0) return err('compliance.invalid', 'Choose at least one catalog.', { issues: [{ path: 'catalogs', message: 'Choose at least one catalog.' }] });
  return ctx.store.transaction(async (trx) => {
    const product = await findProduct(trx, actor.organizationId, productId);
    if (!product) return productNotFound(productId);
    const before = await findProfile(trx, actor.organizationId, productId);
    const after: ComplianceProfile = { productId, route: input.route, catalogs: resolved, answers: input.answers, updatedAt: nowIso(ctx) };
    await saveProfile(trx, actor.organizationId, after, before !== undefined);
    await recordAudit(ctx, trx, actor, { action: 'compliance.profile.set', entityType: 'compliance_profile', entityId: productId, before: before ?? null, after });
    return ok(profileView(productId, after));
  });
}

// ── Gap analysis ────────────────────────────────────────────────────────────────────────────────

/** Why Annex F does not apply under the full route, wholly in each language (QA ra: it was one string "English / 日本語"). */
export const fullRouteAnnexFReason = {
  ja: 'フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。',
  en: 'Full conformity route (Clauses 4–9): Annex F (transitional health software) does not apply.',
} as const;

/** The route's consequence: under the full route, Annex F (transitional health software) does not apply. */
function forcedByRoute(route: ConformityRoute): Map<string, ForcedStatus> {
  return route === 'full' ? new Map([[`${IEC}#F`, { status: 'not_applicable' as const, reason: fullRouteAnnexFReason }]]) : new Map<string, ForcedStatus>();
}

type Forced = ReadonlyMap<string, ForcedStatus>;

/** `workflow`: what the product's Annex F workflow answers (F.2–F.4), on the Annex F route only. */
function statusesOf(assessments: readonly Assessment[], route: ConformityRoute | null, workflow: Forced = new Map()): Map<string, EffectiveStatus> {
  const direct = new Map(assessments.map((a) => [refKey({ catalog: a.catalog, entry: a.entry }), a]));
  const forced = new Map([...(route ? forcedByRoute(route) : new Map()), ...(route === 'annex_f' ? workflow : new Map())]);
  return effectiveStatuses(graph(), direct, forced);
}

function evidenceCounts(evidence: readonly Evidence[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of evidence) {
    const k = refKey({ catalog: e.catalog, entry: e.entry });
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** The assessments and evidence a report of one scope reads: the organisation's, and the product's when it is one. */
async function scopeRecords(db: Db, actor: Actor, productId: string | null, profile: ProfileView | null, today: string) {
  const orgAssessments = await listScopeAssessments(db, actor.organizationId, null);
  const orgEvidence = await listScopeEvidence(db, actor.organizationId, null);
  const productAssessments = productId ? await listScopeAssessments(db, actor.organizationId, productId) : [];
  const productEvidence = productId ? await listScopeEvidence(db, actor.organizationId, productId) : [];
  const workflow = productId && profile?.route === 'annex_f' ? await annexFWorkflowForced(db, actor.organizationId, productId, today) : new Map();
  const statuses = { product: statusesOf(productAssessments, profile?.route ?? null, workflow), organization: statusesOf(orgAssessments, null) };
  return { orgAssessments, orgEvidence, productAssessments, productEvidence, statuses, workflow };
}

/** Evidence that counts for an entry, with where it is recorded. */
export interface CountedEvidence extends EvidenceView {
  /** How the entry the evidence is recorded on relates to the asked entry (`self`: recorded on it). */
  readonly relation: EvidenceRelation;
}

export interface EntryEvidence {
  readonly catalog: string;
  readonly entry: string;
  /** Which scope answers for the entry in this report (an organisation-level entry: the organisation). */
  readonly scope: ScopeType;
  /** The evidence count of the entry's gap-analysis row: the number of items. */
  readonly count: number;
  /** Recorded on the entry in its scope first, then what reaches it (parents, children, crosswalks, the organisation). */
  readonly items: readonly CountedEvidence[];
}

/**
 * Every evidence item that counts for one entry in the gap analysis of a product (or of the
 * organisation): the items behind the row's evidence count, each saying where it is recorded.
 */
export async function entryEvidence(
  ctx: ServiceContext,
  actor: Actor,
  target: EntryTarget,
  options: ComplianceOptions = { vulnDbPath: null },
): Promise<Result<EntryEvidence>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const resolved = resolveEntry(target, false);
  if (!resolved.ok) return resolved;
  const db = ctx.store.db;
  const loaded = await loadScope(db, actor, target.productId);
  if (!loaded.ok) return loaded;
  const { catalog, entry, key } = resolved.value;
  const profile = target.productId === null ? null : profileView(target.productId, await findProfile(db, actor.organizationId, target.productId));
  const records = await scopeRecords(db, actor, target.productId, profile, nowIso(ctx).slice(0, 10));
  const reportScope: ScopeType = target.productId === null ? 'organization' : 'product';
  const scope = rowScope({ scope: reportScope, statuses: records.statuses }, key, entry);
  const origins = evidenceOrigins(graph(), key, evidenceScopes(reportScope, scope, entry));
  const relationOf = new Map(origins.map((o) => [`${o.scope}|${o.key}`, o.relation]));
  const order: Record<EvidenceRelation, number> = { self: 0, ancestor: 1, descendant: 2, crosswalk: 3 };
  const items: CountedEvidence[] = [];
  for (const e of [...records.productEvidence, ...records.orgEvidence]) {
    const relation = relationOf.get(`${e.productId === null ? 'organization' : 'product'}|${refKey({ catalog: e.catalog, entry: e.entry })}`);
    if (relation) items.push({ ...e, relation, current: await resolveCurrent(db, actor, e, options, ctx.clock()) });
  }
  // Recorded on the entry in its own scope first; then by relation, the product's before the organisation's.
  const rank = (e: CountedEvidence) => order[e.relation] * 2 + ((e.productId === null) === (scope === 'organization') ? 0 : 1);
  items.sort((a, b) => rank(a) - rank(b) || a.catalog.localeCompare(b.catalog) || a.entry.localeCompare(b.entry) || a.createdAt.localeCompare(b.createdAt));
  return ok({ catalog: catalogKey(catalog), entry: entry.id, scope, count: items.length, items });
}

/** Who a document names as its author: the user's name and email, else the actor's name (operator, system). */
export async function authorOf(db: Db, actor: Actor): Promise<string> {
  const user = actor.userId ? await findUser(db, actor.organizationId, actor.userId) : undefined;
  if (!user) return actor.name;
  const name = user.displayName.trim();
  return name === '' || name === user.email ? user.email : `${name} <${user.email}>`;
}

export interface ComplianceReport extends ComplianceReportData {
  readonly profile: ProfileView | null;
  /** Evidence per entry key (`catalog#entry`) of the scopes in the report (recorded on the entry itself). */
  readonly evidence: Readonly<Record<string, readonly EvidenceView[]>>;
}

/**
 * The gap analysis of a product (or of the organisation when productId is null), over the product's
 * profile catalogs (or one catalog), with the evidence that backs each entry.
 */
export async function complianceReport(
  ctx: ServiceContext,
  actor: Actor,
  productId: string | null,
  filter: { catalog?: string | undefined },
  options: ComplianceOptions = { vulnDbPath: null },
): Promise<Result<ComplianceReport>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const scope = await loadScope(db, actor, productId);
  if (!scope.ok) return scope;
  const org = await findOrganization(db, actor.organizationId);
  const profile = productId === null ? null : profileView(productId, await findProfile(db, actor.organizationId, productId));
  let selected: Catalog[];
  if (filter.catalog) {
    const c = resolveCatalog(shippedCatalogs, filter.catalog);
    if (!c) return err('compliance.catalog_not_found', `Unknown catalog "${filter.catalog}".`, { details: { catalog: filter.catalog } });
    selected = [c];
  } else {
    const wanted = profile?.catalogs ?? defaultCatalogs;
    selected = wanted.map((k) => resolveCatalog(shippedCatalogs, k)).filter((c): c is Catalog => c !== undefined);
  }
  const generatedAt = nowIso(ctx);
  const { orgAssessments, orgEvidence, productAssessments, productEvidence, statuses, workflow } = await scopeRecords(db, actor, productId, profile, generatedAt.slice(0, 10));
  const releaseList = productId ? (await listReleases(db, actor.organizationId, productId, { archived: 'exclude' }, { limit: 500, offset: 0 })).items : [];
  const withSbom = await currentSbomIds(db, actor.organizationId, releaseList.map((r) => r.id));
  const releasesWithoutSbom = releaseList.filter((r) => !withSbom.has(r.id)).map((r) => r.version);
  const analysis = analyzeGaps({
    releasesWithoutSbom,
    catalogs: selected,
    graph: graph(),
    scope: productId ? 'product' : 'organization',
    statuses,
    evidence: { product: evidenceCounts(productEvidence), organization: evidenceCounts(orgEvidence) },
    today: generatedAt.slice(0, 10),
    dualStandard: derivedDualStandard(),
  });
  const evidence: Record<string, EvidenceView[]> = {};
  for (const e of [...orgEvidence, ...productEvidence]) {
    const k = refKey({ catalog: e.catalog, entry: e.entry });
    (evidence[k] ??= []).push({ ...e, current: await resolveCurrent(db, actor, e, options, ctx.clock()) });
  }
  let annexF: ComplianceReport['annexF'] = null;
  const iecCatalog = resolveCatalog(shippedCatalogs, IEC)!;
  const confirmationCatalog = resolveCatalog(shippedCatalogs, MHLW_0523);
  if (productId) {
    // The Annex F document reads IEC 81001-5-1 and the 0523 items under the Annex F route.
    const annex = analyzeGaps({
      releasesWithoutSbom,
      catalogs: confirmationCatalog ? [iecCatalog, confirmationCatalog] : [iecCatalog],
      graph: graph(),
      scope: 'product',
      statuses: { product: statusesOf(productAssessments, 'annex_f', workflow), organization: statusesOf(orgAssessments, null) },
      evidence: { product: evidenceCounts(productEvidence), organization: evidenceCounts(orgEvidence) },
      today: generatedAt.slice(0, 10),
      dualStandard: { mhlwOnly: [], iecOnly: [] },
    });
    const evidenceFor: Record<string, EvidenceView[]> = {};
    for (const c of annex.catalogs)
      for (const r of c.rows) {
        const k = refKey({ catalog: r.catalog, entry: r.entry.id });
        const sources = evidenceSources(graph(), k);
        const list = sources.flatMap((src) => evidence[src] ?? []).filter((e) => r.scope === 'organization' ? e.productId === null : true);
        if (list.length > 0) evidenceFor[k] = list;
      }
    annexF = {
      iec: annex.catalogs[0]!,
      confirmation: annex.catalogs[1] ?? null,
      evidenceFor,
      decidedAt: profile?.saved ? profile.updatedAt : null,
      workflow: scope.value ? await annexFReportPart(db, actor.organizationId, scope.value, generatedAt.slice(0, 10)) : null,
    };
  }
  const releases = releaseList.map((r) => ({ version: r.version, releaseDate: r.releaseDate, stage: r.stage }));
  return ok({
    organization: { id: actor.organizationId, name: org?.name ?? '' },
    product: scope.value,
    profile,
    analysis,
    annexF,
    releases,
    evidence,
    generatedAt,
    generatedBy: await authorOf(db, actor),
  });
}

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly lang: ReportLanguage;
  readonly document: ExportDocument;
  readonly catalog?: string | undefined;
}

/** The gap analysis (or the Annex F report) as a file; the file name says what and when. */
export async function exportCompliance(
  ctx: ServiceContext,
  actor: Actor,
  productId: string | null,
  request: ExportRequest,
  options: ComplianceOptions & { chromiumPath?: string } = { vulnDbPath: null },
): Promise<Result<ExportedFile & { fileName: string }>> {
  if (request.document === 'annex-f' && productId === null)
    return err('compliance.invalid', 'The Annex F report is per product: name the product.', { issues: [{ path: 'document', message: 'Needs a product.' }] });
  const report = await complianceReport(ctx, actor, productId, { catalog: request.catalog }, options);
  if (!report.ok) return report;
  // The declaration for transitional health software exists only on the Annex F route; for any other
  // product it would contradict itself (the route in section 1 against Annex F in section 2).
  if (request.document === 'annex-f' && report.value.profile?.route !== 'annex_f')
    return err(
      'annex_f.wrong_route',
      `Product "${report.value.product?.name ?? productId}" follows the full conformity route (Clauses 4–9), so there is no Annex F declaration report for it. Export the gap analysis (document gap), or choose the Annex F route in the product's compliance profile if the product is already on the market.`,
      { details: { productId, route: report.value.profile?.route ?? 'full' } },
    );
  try {
    const file = await renderCompliance(report.value, { format: request.format, lang: request.lang, document: request.document, ...(options.chromiumPath ? { chromiumPath: options.chromiumPath } : {}) });
    const subject = fileNamePart(report.value.product?.name ?? 'organization');
    const fileName = `${request.document === 'annex-f' ? 'annex-f' : 'compliance-gap'}-${subject}-${report.value.generatedAt.slice(0, 10)}.${request.lang}.${file.extension}`;
    return ok({ ...file, fileName });
  } catch (e) {
    if (e instanceof PdfRendererMissing) return err('internal.error', e.message, { withoutServerPaths: { message: e.withoutPath } });
    throw e;
  }
}

