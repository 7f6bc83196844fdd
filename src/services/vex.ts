/**
 * VEX out and in (issue #6, docs/vex-mapping.md): a product's findings and their effective triage
 * decisions as CycloneDX 1.6 VEX (standalone with BOM-Links, or embedded in the release SBOM),
 * OpenVEX 0.2.0, CSAF 2.0 csaf_vex or csaf_security_advisory, per release or per vulnerability; and
 * VEX documents in any of the three formats read into *proposed* decisions that a person accepts
 * or rejects (services/triage.ts reviewProposal).
 *
 * Findings without a decision are exported as in_triage (under_investigation). Each statement carries
 * the CVSS ratings of its finding's content (vexRatings): CycloneDX ratings, CSAF scores. CSAF exports
 * are validated against the CSAF 2.0 schema and the mandatory tests before they are returned.
 *
 * CSAF tracking: one tracking id per scope (csafTrackingId: product, release, vulnerability filter,
 * category, variant, language), and the version, revision history and release dates derived from
 * the triage decision history and the findings' events (csafRevisions), so the same content gives the
 * same bytes, and a changed decision or a statement that leaves (its finding ends) or comes back
 * gives the next version of the same document.
 *
 * The SBOM the statements name (CycloneDX BOM-Links, the embedded SBOM, CSAF `x_generic_uris`, the
 * OpenVEX product `@id`: the BOM-Link of the device, the export's metadata.component) is
 * mamori's release export of the chosen variant (`variant`, default `hospital`: the document a
 * hospital receives), with the serial number that export derives, so a VEX and the SBOM downloaded
 * from the release's Export tab name each other.
 *
 * API
 *   exportVex(ctx, actor, { productId, releaseId, vulnerabilityId, format, lang, namespace, variant })
 *   importVex(ctx, actor, productId, bytes, sourceName)
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { fileNamePart } from '../core/file-name.js';
import { err, ok, type Result } from '../core/result.js';
import type { VexLang } from '../core/vex/mapping.js';
import { sortRatings, type VexComponent, type VexDocument, type VexProduct, type VexRating, type VexRatingSeverity, type VexStatement } from '../core/vex/model.js';
import type { CvssSummary } from '../core/vulns/finding.js';
import { baseVectorString, parseCvssVector } from '../core/vulns/cvss/vector.js';
import { scoreCvssVector } from '../vulns/cvss.js';
import type { Db } from '../store/database.js';
import { chunks, findingContentChanges, findingPresenceEvents, toFinding, type FindingRecord } from '../store/repositories/findings.js';
import { findProduct } from '../store/repositories/products.js';
import { findRelease } from '../store/repositories/releases.js';
import { insertProposals } from '../store/repositories/triage.js';
import { version as mamoriVersion } from '../version.js';
import { csafFileName, csafRevisionHistory, type CsafAdvisoryPart, type CsafRemovalReason, type CsafRevision, type CsafStatementChange, type CsafStatementHistory, type CsafStatementStatus, embedCycloneDxVex, readVex, validateCsaf, writeCsaf, writeCycloneDxVex, writeOpenVex } from '../vex/index.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';
import { derivedSerialNumber } from '../sbom/write/serial-number.js';
import { exportRelease } from './sbom-reports.js';
import { decisionTimelines, triagedFindings } from './triage.js';
import type { TriageDecisionRecord } from '../store/repositories/triage.js';

export const vexExportFormats = ['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf_vex', 'csaf_security_advisory'] as const;
export type VexExportFormat = (typeof vexExportFormats)[number];

export interface VexExportRequest {
  readonly productId: string;
  /** null: every release of the product. */
  readonly releaseId: string | null;
  /** null: every vulnerability; else the canonical id or any alias. */
  readonly vulnerabilityId: string | null;
  readonly format: VexExportFormat;
  readonly lang?: VexLang;
  /** CSAF publisher namespace (an https URL of the manufacturer). */
  readonly namespace?: string | null;
  /**
   * The release export the statements name (BOM-Links) or are embedded into: `hospital` (default,
   * internal properties and people's contact data left out: the SBOM a hospital receives) or `full`.
   */
  readonly variant?: SbomVariant;
}

export const sbomVariants = ['full', 'hospital'] as const;
export type SbomVariant = (typeof sbomVariants)[number];

export interface VexExport {
  readonly fileName: string;
  readonly mediaType: string;
  readonly body: string;
  readonly statements: number;
}

export const releaseIri = (id: string): string => `urn:mamori:release:${id}`;
/** The bom-ref of a release in mamori's SBOM exports (metadata.component). */
const releaseBomRef = (id: string): string => `mamori:release:${id}`;
const releaseFromIri = (iri: string): string | null => (iri.startsWith('urn:mamori:release:') ? iri.slice('urn:mamori:release:'.length) : null);
const releaseFromBomRef = (ref: string): string | null => (ref.startsWith('mamori:release:') ? ref.slice('mamori:release:'.length) : null);

interface ComponentInfo {
  readonly bom_ref: string;
  readonly cpe: string | null;
  readonly name: string;
  readonly group_name: string | null;
  readonly version: string | null;
}

async function componentInfo(db: Db, organizationId: string, ids: readonly string[]): Promise<Map<string, ComponentInfo>> {
  const out = new Map<string, ComponentInfo>();
  for (const part of chunks([...new Set(ids)]))
    for (const r of await db.selectFrom('components').select(['id', 'bom_ref', 'cpe', 'name', 'group_name', 'version']).where('organization_id', '=', organizationId).where('id', 'in', part).execute()) out.set(r.id, r);
  return out;
}

/** The active findings of some releases (or, `ended`, those no longer active), of one vulnerability or all. */
async function productFindings(db: Db, organizationId: string, releaseIds: readonly string[], vulnerabilityId: string | null, ended = false): Promise<FindingRecord[]> {
  if (releaseIds.length === 0) return [];
  let q = db.selectFrom('findings').selectAll('findings').where('findings.organization_id', '=', organizationId).where('findings.release_id', 'in', [...releaseIds]).where('findings.status', ended ? '!=' : '=', 'active');
  if (vulnerabilityId)
    q = q.where('findings.id', 'in', db.selectFrom('finding_ids').select('finding_id').where('organization_id', '=', organizationId).where('vuln_id', '=', vulnerabilityId.toUpperCase()));
  return (await q.orderBy('findings.vulnerability_id').orderBy('findings.id').execute()).map(toFinding);
}

/**
 * The SBOM a release's bom-refs belong to: mamori's CycloneDX export of the release in that variant,
 * with the serial number the export derives (the same one the release's Export tab gives; JSON, XML
 * and SPDX share it), version 1, and its text (into which a VEX is embedded).
 */
async function sbomRefOf(ctx: ServiceContext, actor: Actor, releaseId: string, variant: SbomVariant): Promise<Result<{ serialNumber: string; version: number; text: string }>> {
  const exported = await exportRelease(ctx, actor, releaseId, { target: 'cyclonedx-1.6-json', variant });
  if (!exported.ok) return exported;
  const serial = (JSON.parse(exported.value.text) as { serialNumber: string }).serialNumber;
  return ok({ serialNumber: serial, version: 1, text: exported.value.text });
}

export async function exportVex(ctx: ServiceContext, actor: Actor, req: VexExportRequest): Promise<Result<VexExport>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const product = await findProduct(db, actor.organizationId, req.productId);
  if (!product) return err('product.not_found', `No product with id ${req.productId}.`, { details: { id: req.productId } });
  let releases: { id: string; version: string }[];
  if (req.releaseId) {
    const r = await findRelease(db, actor.organizationId, req.releaseId);
    if (!r || r.productId !== product.id) return err('release.not_found', `No release with id ${req.releaseId} in product ${product.name}.`, { details: { id: req.releaseId } });
    releases = [{ id: r.id, version: r.version }];
  } else releases = await db.selectFrom('releases').select(['id', 'version']).where('organization_id', '=', actor.organizationId).where('product_id', '=', product.id).orderBy('created_at').execute();
  if (req.format === 'cyclonedx-embedded' && releases.length !== 1) return err('request.invalid', 'VEX can be embedded only into the SBOM of one release: name the release.');
  const findings = await productFindings(db, actor.organizationId, releases.map((r) => r.id), req.vulnerabilityId);
  const on = nowIso(ctx);
  const triaged = await triagedFindings(db, actor.organizationId, findings, on.slice(0, 10));
  const components = await componentInfo(db, actor.organizationId, findings.flatMap((f) => (f.componentId ? [f.componentId] : [])));
  const variant = req.variant ?? 'hospital';
  // Every format names the SBOM: CycloneDX and CSAF by BOM-Links, OpenVEX by the BOM-Link of the
  // device (the export's metadata.component) as the product's @id (vex/openvex.ts openVexProductId).
  const sboms = new Map<string, Awaited<ReturnType<typeof sbomRefOf>>>();
  for (const r of releases) sboms.set(r.id, await sbomRefOf(ctx, actor, r.id, variant));
  const sbomOf = (releaseId: string) => {
    const ref = sboms.get(releaseId);
    return ref?.ok ? ref.value : null;
  };
  const versions = new Map(releases.map((r) => [r.id, r.version]));
  const seen = new Set<string>();
  const statements: VexStatement[] = [];
  /** The finding each statement was made from (same order). */
  const statementFindings: FindingRecord[] = [];
  for (const t of triaged) {
    const f = t.finding;
    const c = f.componentId ? components.get(f.componentId) : undefined;
    const sbom = sbomOf(f.releaseId);
    const vexProduct: VexProduct = {
      id: releaseIri(f.releaseId),
      vendor: product.manufacturer || null,
      name: product.name,
      version: versions.get(f.releaseId) ?? null,
      purl: null,
      cpe: null,
      // The export's metadata.component (sbom-reports.ts exportRelease subject).
      bomRef: sbom ? releaseBomRef(f.releaseId) : null,
      sbom: sbom ? { serialNumber: sbom.serialNumber, version: sbom.version } : null,
    };
    const component: VexComponent = {
      bomRef: c?.bom_ref ?? null,
      name: f.componentName,
      version: f.componentVersion || null,
      purl: f.componentPurl,
      cpe: c?.cpe ?? null,
    };
    // Two findings of one release on the same component and vulnerability (nested copies) are one statement.
    const key = statementKey(f, component.purl ?? component.cpe ?? component.bomRef);
    if (seen.has(key)) continue;
    seen.add(key);
    const d = t.decision;
    statementFindings.push(f);
    statements.push({
      vulnerability: { id: f.vulnerabilityId, aliases: [...f.aliases].filter((a) => a !== f.vulnerabilityId).sort(), description: f.summary, ratings: vexRatings(f.cvss) },
      product: vexProduct,
      component,
      ...statementStatus(d),
      firstIssued: d?.createdAt ?? null,
      lastUpdated: d?.createdAt ?? null,
      origin: null,
    });
  }
  const doc: VexDocument = {
    title: `${product.name}${releases.length === 1 ? ` ${releases[0]!.version}` : ''}${req.vulnerabilityId ? ` ${req.vulnerabilityId}` : ''}`,
    author: { name: product.manufacturer || product.name, namespace: req.namespace ?? null },
    timestamp: on,
    lastUpdated: null,
    version: 1,
    statements,
  };
  const seed = ctx.sha256(JSON.stringify([product.id, releases.map((r) => r.id), req.vulnerabilityId, req.format, statements]));
  // vex-<product>[-<version>][-<vulnerability>], readable in the language the names were typed in.
  const base = ['vex', product.name, ...(releases.length === 1 ? [releases[0]!.version] : []), ...(req.vulnerabilityId ? [req.vulnerabilityId] : [])].map(fileNamePart).join('-');
  let body: Result<string>;
  let fileName: string;
  let mediaType = 'application/json';
  switch (req.format) {
    case 'cyclonedx':
      body = writeCycloneDxVex(doc, { serialNumber: derivedSerialNumber(seed), tool: { name: 'mamori', version: mamoriVersion } });
      fileName = `${base}.cdx.json`;
      mediaType = 'application/vnd.cyclonedx+json';
      break;
    case 'cyclonedx-embedded': {
      // The release export of the variant plus the statements, under a serial number of its own
      // (neither the upload's nor the export's: it is another document than either), derived from
      // the export and the statements, so the same content gives the same serial.
      const ref = sboms.get(releases[0]!.id)!;
      if (!ref.ok) return ref;
      body = embedCycloneDxVex(ref.value.text, doc, { serialNumber: derivedSerialNumber(`${seed}\u0000${ref.value.serialNumber}`) });
      // Named like the SBOM export: -hospital for the document hospitals receive.
      fileName = `${base}${variant === 'hospital' ? '-hospital' : ''}.sbom-vex.cdx.json`;
      mediaType = 'application/vnd.cyclonedx+json';
      break;
    }
    case 'openvex':
      body = writeOpenVex(doc, { id: `urn:mamori:vex:${seed.slice(0, 32)}`, lang: req.lang ?? 'en', tooling: `mamori ${mamoriVersion}` });
      fileName = `${base}.openvex.json`;
      break;
    default: {
      const lang = req.lang ?? 'en';
      const trackingId = csafTrackingId(ctx, { productId: product.id, releaseId: req.releaseId, vulnerabilityId: req.vulnerabilityId, format: req.format, variant, lang });
      // Findings no longer active: their statements left the document, which is a revision too.
      const ended = (await productFindings(db, actor.organizationId, releases.map((r) => r.id), req.vulnerabilityId, true)).filter((f) => {
        const key = statementKey(f, f.componentPurl);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const revisions = await csafRevisions(db, actor.organizationId, [...statementFindings, ...ended], releases.length > 1, versions, lang);
      const last = revisions.at(-1);
      body = writeCsaf(last ? { ...doc, timestamp: revisions[0]!.date, lastUpdated: last.date === revisions[0]!.date ? null : last.date, version: revisions.length } : doc, {
        revisions: last ? revisions : undefined,
        category: req.format,
        trackingId,
        lang,
        // Without the manufacturer's namespace the document cannot be published as it stands: it is a
        // draft under a placeholder namespace that can never resolve (the .invalid TLD).
        namespace: req.namespace ?? draftCsafNamespace,
        status: req.namespace ? 'final' : 'draft',
        generator: { name: 'mamori', version: mamoriVersion },
      });
      fileName = csafFileName(trackingId);
      if (body.ok) {
        const v = await validateCsaf(JSON.parse(body.value) as unknown, { strict: true });
        if (!v.valid) return err('vex.invalid', `The CSAF document failed validation: ${v.issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues: v.issues.map((i) => ({ path: i.path, message: i.message })) });
      }
    }
  }
  if (!body.ok) return body;
  return ok({ fileName, mediaType, body: body.value, statements: statements.length });
}

/** One statement per release, vulnerability and component (the purl, CPE or bom-ref given, else name@version). */
const statementKey = (f: FindingRecord, component: string | null): string => `${f.releaseId}\u0000${f.vulnerabilityId}\u0000${component ?? `${f.componentName}@${f.componentVersion}`}`;

/** What a statement says under a decision (none: in triage). */
function statementStatus(d: TriageDecisionRecord | null): CsafStatementStatus {
  return {
    state: d?.state ?? 'in_triage',
    justification: d && (d.state === 'not_affected' || d.state === 'false_positive') ? d.justification : null,
    responses: d?.responses ?? [],
    detail: d?.detail ?? null,
    actionStatement: d?.actionStatement ?? null,
  };
}

/**
 * The CSAF tracking id of an export: one per scope (product, release or every release, vulnerability
 * filter, document category, SBOM variant named, language), derived from the scope and not from the
 * statements, so every revision of the document keeps it. `MAMORI-VEX-<12 hex>` (csaf_vex) or
 * `MAMORI-SA-<12 hex>` (csaf_security_advisory); the Japanese document, another document than the
 * English one, ends in `-JA`.
 */
export function csafTrackingId(
  ctx: Pick<ServiceContext, 'sha256'>,
  scope: { productId: string; releaseId: string | null; vulnerabilityId: string | null; format: 'csaf_vex' | 'csaf_security_advisory'; variant: SbomVariant; lang: VexLang },
): string {
  const hash = ctx.sha256(JSON.stringify(['csaf-tracking', scope.productId, scope.releaseId, scope.vulnerabilityId?.toUpperCase() ?? null, scope.format, scope.variant]));
  return `MAMORI-${scope.format === 'csaf_vex' ? 'VEX' : 'SA'}-${hash.slice(0, 12).toUpperCase()}${scope.lang === 'ja' ? '-JA' : ''}`;
}

/**
 * The revision history of a CSAF export, from the triage decision history and the findings' events
 * (no stored document versions): a statement appears at its finding's first-seen time (under
 * investigation unless a decision applied already), changes whenever another decision becomes the
 * one that applies to it, leaves the document when its finding stops being active (gone, withdrawn,
 * resolved by an upgrade) and comes back when it is made again; every time at which one appeared,
 * changed or left is a revision (csafRevisionHistory). `findings`: those of the document's statements
 * (one each), then those no longer active.
 */
async function csafRevisions(
  db: Db,
  organizationId: string,
  findings: readonly FindingRecord[],
  severalReleases: boolean,
  versions: ReadonlyMap<string, string>,
  lang: VexLang,
): Promise<CsafRevision[]> {
  const timelines = await decisionTimelines(db, organizationId, findings);
  const events = new Map<string, Awaited<ReturnType<typeof findingPresenceEvents>>>();
  for (const e of await findingPresenceEvents(db, organizationId, findings.map((f) => f.id))) events.set(e.finding_id, [...(events.get(e.finding_id) ?? []), e]);
  // Advisory updates (content events) of the parts the document shows: description, CVSS, ids.
  const updates = new Map<string, { at: string; parts: CsafAdvisoryPart[] }[]>();
  for (const e of await findingContentChanges(db, organizationId, findings.map((f) => f.id))) {
    const changed = (JSON.parse(e.detail_json) as { changed?: unknown }).changed;
    const list = Array.isArray(changed) ? changed : [];
    const parts = (Object.entries(advisoryParts) as [CsafAdvisoryPart, string][]).filter(([, part]) => list.includes(part)).map(([p]) => p);
    if (parts.length > 0) updates.set(e.finding_id, [...(updates.get(e.finding_id) ?? []), { at: e.at, parts }]);
  }
  const histories: CsafStatementHistory[] = findings.map((f, i) => {
    // When the finding was active: from its first-seen time, then its events.
    type Presence = { at: string; reason: CsafRemovalReason | null };
    const presence: Presence[] = [{ at: f.firstSeenAt, reason: null }];
    for (const e of events.get(f.id) ?? []) {
      if (e.kind === 'new') {
        if (e.at > f.firstSeenAt) presence.push({ at: e.at, reason: null });
      } else presence.push({ at: e.at, reason: removalReason(e.kind, (JSON.parse(e.detail_json) as { reason?: unknown }).reason, f) });
    }
    // Ended without an event (data from before the events): its status and time tell.
    if (f.status !== 'active' && presence.at(-1)!.reason === null && f.changedAt >= presence.at(-1)!.at)
      presence.push({ at: f.changedAt, reason: removalReason(f.status === 'withdrawn' ? 'withdrawn' : 'gone', f.status === 'resolved-by-upgrade' ? 'upgraded' : undefined, f) });
    const timeline = timelines[i]!;
    const advisory = updates.get(f.id) ?? [];
    const times = [...new Set([...presence.map((p) => p.at), ...timeline.map((d) => d.at), ...advisory.map((u) => u.at)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const last = <T extends { at: string }>(list: readonly T[], at: string): T | undefined => list.filter((x) => x.at <= at).at(-1);
    return {
      vulnerability: f.vulnerabilityId,
      component: [f.componentName ?? f.componentPurl ?? '', f.componentVersion || ''].filter((x) => x !== '').join(' '),
      release: severalReleases ? (versions.get(f.releaseId) ?? null) : null,
      changes: times.flatMap((at): CsafStatementChange[] => {
        const p = last(presence, at);
        if (!p) return [];
        if (p.reason !== null) return [{ at, status: null, reason: p.reason }];
        const parts = [...new Set(advisory.filter((u) => u.at === at).flatMap((u) => u.parts))];
        return [{ at, status: statementStatus(last(timeline, at)?.decision ?? null), ...(parts.length > 0 ? { advisory: parts } : {}) }];
      }),
    };
  });
  return csafRevisionHistory(histories, lang);
}

/** The parts of a finding's content (services/findings.ts changedParts) that a CSAF document shows. */
const advisoryParts: Record<CsafAdvisoryPart, string> = { description: 'summary', cvss: 'cvss', ids: 'aliases' };

/** Why a finding ended (its event's reason, services/findings.ts), as a CSAF revision says it. */
function removalReason(kind: string, reason: unknown, f: FindingRecord): CsafRemovalReason {
  if (kind === 'withdrawn' || reason === 'withdrawn') return 'withdrawn';
  if (reason === 'upgraded' || reason === 'no-longer-affected' || reason === 'removed') return reason;
  // No reason recorded: a removed component is no longer linked.
  return f.componentId === null ? 'removed' : 'no-longer-affected';
}

/**
 * The CVSS ratings a VEX document gives a finding's vulnerability: every vector its content holds,
 * reduced to the base metrics and scored here, so that score and severity are the vector's (CSAF
 * mandatory test 6.1.9 recomputes them); a vector that does not score is left out, and equal
 * ratings of one source appear once. The writers pick from these (CSAF: one per CVSS version).
 */
export function vexRatings(cvss: readonly CvssSummary[]): VexRating[] {
  const out = new Map<string, VexRating>();
  for (const c of cvss) {
    const parsed = parseCvssVector(c.vector);
    if (!parsed.ok) continue;
    const scored = scoreCvssVector(baseVectorString(parsed.value));
    if (!scored.ok) continue;
    const rating: VexRating = {
      version: scored.value.version,
      vector: scored.value.vectorString,
      baseScore: scored.value.baseScore,
      severity: scored.value.baseSeverity.toLowerCase() as VexRatingSeverity,
      source: c.source === '' ? null : c.source,
    };
    out.set(JSON.stringify(rating), rating);
  }
  return sortRatings([...out.values()]);
}

/** The publisher namespace of a CSAF document exported without one (then a draft). */
export const draftCsafNamespace = 'https://mamori.invalid';

// ---- import ---------------------------------------------------------------------------------------

export interface VexImportSummary {
  readonly importId: string;
  readonly format: string;
  readonly statements: number;
  readonly proposals: number;
  /** Statements that matched no finding of the product (still proposed; accepting one with a purl makes a component-wide decision). */
  readonly unmatched: number;
  /**
   * How the release of each statement that matched was told: `release` its mamori release IRI
   * (`urn:mamori:release:<id>` of this product), `sbom` the SBOM serial number of its BOM-Link (a
   * stored SBOM or mamori's export of a release), `version` the release version, `product` none of
   * these (no product, or one this product does not know): every release, by vulnerability and component.
   */
  readonly matchedBy: Readonly<Record<VexMatchedBy, number>>;
  /**
   * Why the others matched nothing: `vulnerability` no active finding of the product has it,
   * `release` findings have it but not in the release(s) the statement names, `component` the
   * release has it but not on the statement's component.
   */
  readonly unmatchedBecause: Readonly<Record<VexUnmatchedReason, number>>;
  readonly warnings: readonly string[];
}

export const vexMatchedBy = ['release', 'sbom', 'version', 'product'] as const;
export type VexMatchedBy = (typeof vexMatchedBy)[number];
export const vexUnmatchedReasons = ['vulnerability', 'release', 'component'] as const;
export type VexUnmatchedReason = (typeof vexUnmatchedReasons)[number];

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

export async function importVex(ctx: ServiceContext, actor: Actor, productId: string, input: string | Uint8Array, sourceName: string): Promise<Result<VexImportSummary>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const product = await findProduct(db, actor.organizationId, productId);
  if (!product) return err('product.not_found', `No product with id ${productId}.`, { details: { id: productId } });
  const read = readVex(input);
  if (!read.ok) return err(read.code, read.message, { issues: read.issues });
  const releases = await db.selectFrom('releases').select(['id', 'version']).where('organization_id', '=', actor.organizationId).where('product_id', '=', productId).execute();
  const serials = await db.selectFrom('sboms').select(['release_id', 'serial_number']).where('organization_id', '=', actor.organizationId).where('release_id', 'in', releases.length ? releases.map((r) => r.id) : ['']).execute();
  const vulnIds = [...new Set(read.document.statements.flatMap((s) => [s.vulnerability.id, ...s.vulnerability.aliases]).map((x) => x.toUpperCase()))];
  const findings: FindingRecord[] = [];
  for (const part of chunks(vulnIds))
    if (releases.length > 0)
      findings.push(
        ...(
          await db
            .selectFrom('findings')
            .selectAll()
            .where('organization_id', '=', actor.organizationId)
            .where('status', '=', 'active')
            .where('release_id', 'in', releases.map((r) => r.id))
            .where('id', 'in', db.selectFrom('finding_ids').select('finding_id').where('organization_id', '=', actor.organizationId).where('vuln_id', 'in', part))
            .execute()
        ).map(toFinding),
      );
  const components = await componentInfo(db, actor.organizationId, findings.flatMap((f) => (f.componentId ? [f.componentId] : [])));
  // The serial numbers mamori's own exports derive (both variants: what a VEX exported by mamori
  // names). Computed only when a BOM-Link names a serial number no stored SBOM of the product has.
  const derived = new Map<string, string>();
  const storedSerials = new Set(serials.map((x) => norm(x.serial_number)));
  const unknownSerial = read.document.statements.some((s) => s.product?.sbom && !storedSerials.has(norm(s.product.sbom.serialNumber)));
  if (unknownSerial)
    for (const r of releases)
      for (const variant of sbomVariants) {
        const ref = await sbomRefOf(ctx, actor, r.id, variant);
        if (ref.ok) derived.set(ref.value.serialNumber, r.id);
      }

  const warnings = [...read.warnings];
  const foreignIris = new Map<string, number>();
  // The releases a statement is about and how they were told; null: every release of the product.
  // A mamori release IRI of another installation or product is an unknown product: the SBOM
  // serial, the version or, failing those, the component tells.
  const releasesOf = (p: VexProduct | null): { ids: Set<string> | null; by: VexMatchedBy } => {
    if (!p) return { ids: null, by: 'product' };
    // The release IRI, or the device's bom-ref in mamori's export (OpenVEX names the device by its BOM-Link).
    const byIri = releaseFromIri(p.id) ?? (p.bomRef ? releaseFromBomRef(p.bomRef) : null);
    if (byIri && releases.some((r) => r.id === byIri)) return { ids: new Set([byIri]), by: 'release' };
    if (byIri) foreignIris.set(releaseIri(byIri), (foreignIris.get(releaseIri(byIri)) ?? 0) + 1);
    if (p.sbom) {
      const s = norm(p.sbom.serialNumber);
      const ids = new Set(serials.filter((x) => norm(x.serial_number) === s).map((x) => x.release_id));
      const d = derived.get(s);
      if (d) ids.add(d);
      if (ids.size > 0) return { ids, by: 'sbom' };
    }
    if (p.version) {
      const ids = releases.filter((r) => r.version === p.version).map((r) => r.id);
      if (ids.length > 0) return { ids: new Set(ids), by: 'version' };
    }
    return { ids: null, by: 'product' };
  };
  const componentMatches = (c: VexComponent, f: FindingRecord): boolean => {
    const info = f.componentId ? components.get(f.componentId) : undefined;
    if (c.purl) return norm(c.purl) === norm(f.componentPurl) || norm(c.purl.split(/[?#]/)[0]) === norm(f.componentPurl?.split(/[?#]/)[0]);
    if (c.cpe) return norm(c.cpe) === norm(info?.cpe);
    if (c.bomRef) return info?.bom_ref === c.bomRef;
    return norm(c.name) === norm(f.componentName) && norm(c.version) === norm(f.componentVersion);
  };

  const importId = ctx.newId();
  const at = nowIso(ctx);
  const matchedBy: Record<VexMatchedBy, number> = { release: 0, sbom: 0, version: 0, product: 0 };
  const unmatchedBecause: Record<VexUnmatchedReason, number> = { vulnerability: 0, release: 0, component: 0 };
  const rows = read.document.statements.map((s) => {
    const ids = new Set([s.vulnerability.id, ...s.vulnerability.aliases].map((x) => x.toUpperCase()));
    const inReleases = releasesOf(s.product);
    const ofVulnerability = findings.filter((f) => ids.has(f.vulnerabilityId.toUpperCase()) || f.aliases.some((a) => ids.has(a.toUpperCase())));
    const inRelease = ofVulnerability.filter((f) => !inReleases.ids || inReleases.ids.has(f.releaseId));
    const matched = inRelease.filter((f) => !s.component || componentMatches(s.component, f));
    if (matched.length > 0) matchedBy[inReleases.by] += 1;
    else unmatchedBecause[ofVulnerability.length === 0 ? 'vulnerability' : inRelease.length === 0 ? 'release' : 'component'] += 1;
    return {
      id: ctx.newId(),
      organization_id: actor.organizationId,
      product_id: productId,
      import_id: importId,
      source_name: sourceName,
      format: read.format,
      vulnerability_id: s.vulnerability.id,
      finding_ids_json: JSON.stringify(matched.map((f) => f.id).sort()),
      statement_json: JSON.stringify(s),
      status: 'pending' as const,
      created_at: at,
      created_by: actor.name,
      reviewed_at: null,
      reviewed_by: null,
      review_note: null,
    };
  });
  const unmatched = rows.filter((r) => r.finding_ids_json === '[]').length;
  for (const [iri, n] of [...foreignIris].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    warnings.push(`${n} statement(s) name ${iri}, which is not a release of ${product.name}: matched by SBOM serial number, release version or component instead`);
  return ctx.store.transaction(async (trx) => {
    await insertProposals(trx, rows);
    const summary: VexImportSummary = { importId, format: read.format, statements: read.document.statements.length, proposals: rows.length, unmatched, matchedBy, unmatchedBecause, warnings };
    await recordAudit(ctx, trx, actor, { action: 'vex.import', entityType: 'product', entityId: productId, after: { ...summary, sourceName } });
    return ok(summary);
  });
}
