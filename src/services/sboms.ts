/**
 * The SBOM inventory of releases: upload (the original kept byte for byte with its SHA-256), the
 * component inventory (current SBOM + manual components), support data edits, manual components.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import type { Release } from '../core/domain/release.js';
import { isIsoDate } from '../core/domain/release.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Issue, type Result } from '../core/result.js';
import { defaultSbomLimits, type SbomDiagnostic, type SbomLimits } from '../core/sbom/diagnostics.js';
import { component as makeComponent, componentTypes, countComponents, type Component, type ComponentType, type SbomDocument } from '../core/sbom/model.js';
import { readSbom, type SbomReadFailure } from '../sbom/read/index.js';
import type { Db } from '../store/database.js';
import { findRelease } from '../store/repositories/releases.js';
import { findProduct } from '../store/repositories/products.js';
import {
  currentSbom,
  deleteComponentRow,
  findComponent,
  findSbom,
  insertManualComponent,
  insertSbomWithComponents,
  listReleaseComponents,
  listSboms,
  loadReleaseDocument,
  updateComponentRow,
  type ComponentFilter,
  type SbomRecord,
  type StoredComponent,
} from '../store/repositories/sboms.js';
import { insertBlob, packBlob, readBlob } from '../store/repositories/blobs.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

export type { SbomRecord, StoredComponent };

function releaseNotFound(id: string): Result<never> {
  return err('release.not_found', `No release with id ${id}.`, { details: { id } });
}

async function loadRelease(db: Db, actor: Actor, releaseId: string): Promise<Result<Release>> {
  const release = await findRelease(db, actor.organizationId, releaseId);
  return release ? ok(release) : releaseNotFound(releaseId);
}

/** A release that may change: it exists in the actor's organisation and neither it nor its product is archived. */
async function loadWritableRelease(db: Db, actor: Actor, releaseId: string): Promise<Result<Release>> {
  const release = await loadRelease(db, actor, releaseId);
  if (!release.ok) return release;
  if (release.value.archivedAt) return err('release.archived', 'Restore the release before changing its SBOM or components.');
  const product = await findProduct(db, actor.organizationId, release.value.productId);
  if (product?.archivedAt) return err('product.archived', 'Restore the product before changing its releases.');
  return release;
}

function diagnosticIssues(diagnostics: readonly SbomDiagnostic[]): Issue[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .slice(0, 200)
    .map((d) => ({ path: d.location, message: d.rule ? `${d.message} (${d.rule})` : d.message }));
}

export interface SbomUpload {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly source: SbomRecord['source'];
}

/** A document that passed reading and validation, ready to be stored. */
export interface CheckedSbom {
  readonly document: SbomDocument;
  readonly diagnostics: readonly SbomDiagnostic[];
}

/** Reads and validates without touching the store: a document with any error is refused. */
export function checkSbom(upload: SbomUpload, limits: SbomLimits = defaultSbomLimits): Result<CheckedSbom> {
  const read = readUpload(upload, limits, false);
  return read.ok ? ok({ document: read.value.document, diagnostics: read.value.diagnostics }) : read;
}

/** checkSbom, optionally with the schema check handed back to run later (`ReadSbomOptions.deferSchemaCheck`). */
function readUpload(
  upload: SbomUpload,
  limits: SbomLimits,
  deferSchemaCheck: boolean,
): Result<CheckedSbom & { readonly schemaCheck: (() => SbomReadFailure | null) | null }> {
  const read = readSbom(upload.bytes, { limits, fileName: upload.fileName, deferSchemaCheck });
  if (!read.ok) return refusal(read);
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    return err('sbom.invalid', `The SBOM has ${errors.length} error(s); nothing was stored.`, {
      issues: diagnosticIssues(errors),
      details: { diagnostics: read.diagnostics.slice(0, 200) },
    });
  return ok({ document: read.document, diagnostics: read.diagnostics, schemaCheck: read.schemaCheck ?? null });
}

function refusal(read: SbomReadFailure): Result<never> {
  return err(read.code, read.message, { issues: diagnosticIssues(read.diagnostics), details: { diagnostics: read.diagnostics.slice(0, 200) } });
}

/** Thrown from the component rows when the deferred schema check refuses the document: the transaction rolls back. */
class RefusedWhileStoring extends Error {
  constructor(readonly refusal: Result<never>) {
    super('The SBOM was refused while it was being stored.');
  }
}

/** Identity used to carry support data from one SBOM of a release to the next. */
function supportKey(c: { purl: string | null; group: string | null; name: string; version: string | null }): string {
  return c.purl ?? `${c.group ?? ''}/${c.name}@${c.version ?? ''}`;
}

/**
 * Support level and end of support that the previous SBOM of the release had (from its document or
 * entered in mamori) are kept for the same components when the new document says nothing.
 */
async function carrySupportForward(db: Db, actor: Actor, releaseId: string, doc: SbomDocument): Promise<SbomDocument> {
  const previous = await currentSbom(db, actor.organizationId, releaseId);
  if (!previous) return doc;
  const rows = await db
    .selectFrom('components')
    .select(['purl', 'group_name', 'name', 'version', 'support_level', 'end_of_support'])
    .where('sbom_id', '=', previous.id)
    .where((eb) => eb.or([eb('support_level', 'is not', null), eb('end_of_support', 'is not', null)]))
    .execute();
  if (rows.length === 0) return doc;
  const known = new Map(rows.map((r) => [supportKey({ purl: r.purl, group: r.group_name, name: r.name, version: r.version }), r]));
  const patch = (list: readonly Component[]): Component[] =>
    list.map((c) => {
      const old = c.supportLevel === null || c.endOfSupport === null ? known.get(supportKey(c)) : undefined;
      const nested = c.components.length > 0 ? patch(c.components) : c.components;
      if (!old) return nested === c.components ? c : { ...c, components: nested };
      return { ...c, supportLevel: c.supportLevel ?? old.support_level, endOfSupport: c.endOfSupport ?? old.end_of_support, components: nested };
    });
  return { ...doc, components: patch(doc.components) };
}

/**
 * Reads, validates and stores an SBOM for a release. A document with errors is refused whole:
 * nothing partial is stored. Warnings are kept with the SBOM.
 */
export async function uploadSbom(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  upload: SbomUpload,
  limits: SbomLimits = defaultSbomLimits,
  checked?: CheckedSbom,
): Promise<Result<SbomRecord>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const release = await loadWritableRelease(ctx.store.db, actor, releaseId);
  if (!release.ok) return release;
  // Digest and compression of the original run on the thread pool while the document is read here.
  const packing = packBlob(upload.bytes);
  packing.catch(() => undefined);
  // The official schema check of a CycloneDX JSON document runs after the component rows have been
  // handed to the database, while the server is still storing them (ADR 0007 addendum 2); if it
  // refuses the document the transaction rolls back, and the refusal is the same as checkSbom's.
  let ready: CheckedSbom | undefined = checked;
  let afterRows: (() => void) | undefined;
  if (!ready) {
    const result = readUpload(upload, limits, true);
    if (!result.ok) return result;
    ready = result.value;
    const check = result.value.schemaCheck;
    if (check)
      afterRows = () => {
        const failure = check();
        if (failure) throw new RefusedWhileStoring(refusal(failure));
      };
  }
  const blob = await packing;
  const sha256 = blob.sha256;
  const at = nowIso(ctx);
  const source = ready.document;
  const diagnostics = ready.diagnostics;
  const stored = ctx.store.transaction(async (trx) => {
    const doc = await carrySupportForward(trx, actor, releaseId, source);
    const record: SbomRecord = {
      id: ctx.newId(),
      releaseId,
      format: doc.format,
      specVersion: doc.specVersion,
      encoding: doc.encoding,
      fileName: upload.fileName,
      sha256,
      sizeBytes: upload.bytes.byteLength,
      source: upload.source,
      serialNumber: doc.metadata.serialNumber,
      bomVersion: doc.metadata.version,
      documentTimestamp: doc.metadata.timestamp,
      metadata: doc.metadata,
      diagnostics,
      componentCount: countComponents(doc),
      dependencyCount: doc.dependencies.reduce((n, d) => n + d.dependsOn.length, 0),
      createdAt: at,
      createdBy: actor.name,
    };
    await insertBlob(trx, blob, at);
    await insertSbomWithComponents(trx, ctx.store, actor.organizationId, record, doc, ctx.newId, afterRows);
    const { metadata: _m, diagnostics: _d, ...summary } = record;
    await recordAudit(ctx, trx, actor, { action: 'sbom.upload', entityType: 'sbom', entityId: record.id, after: summary });
    return ok(record);
  });
  try {
    return await stored;
  } catch (e) {
    if (e instanceof RefusedWhileStoring) return e.refusal;
    throw e;
  }
}

export async function listReleaseSboms(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  page: PageRequest,
): Promise<Result<Page<SbomRecord>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await loadRelease(ctx.store.db, actor, releaseId);
  if (!release.ok) return release;
  return ok(await listSboms(ctx.store.db, actor.organizationId, releaseId, page));
}

export async function getSbom(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<SbomRecord>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const sbom = await findSbom(ctx.store.db, actor.organizationId, id);
  return sbom ? ok(sbom) : err('sbom.not_found', `No SBOM with id ${id}.`);
}

/** The original file, unchanged, for download and evidence. */
export async function getSbomOriginal(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<Result<{ sbom: SbomRecord; bytes: Uint8Array }>> {
  const sbom = await getSbom(ctx, actor, id);
  if (!sbom.ok) return sbom;
  const bytes = await readBlob(ctx.store.db, sbom.value.sha256);
  if (!bytes) return err('internal.error', `The stored file of SBOM ${id} is missing.`);
  return ok({ sbom: sbom.value, bytes });
}

export async function listComponents(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  filter: ComponentFilter,
  page: PageRequest,
): Promise<Result<Page<StoredComponent> & { sbom: SbomRecord | null }>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await loadRelease(ctx.store.db, actor, releaseId);
  if (!release.ok) return release;
  const sbom = await currentSbom(ctx.store.db, actor.organizationId, releaseId);
  const result = await listReleaseComponents(ctx.store.db, actor.organizationId, releaseId, filter, page);
  return ok({ ...result, sbom: sbom ?? null });
}

/** The release inventory as one document (current SBOM + manual components). */
export async function releaseDocument(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
): Promise<Result<{ release: Release; sbom: SbomRecord | undefined; document: SbomDocument }>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await loadRelease(ctx.store.db, actor, releaseId);
  if (!release.ok) return release;
  const loaded = await loadReleaseDocument(ctx.store.db, actor.organizationId, releaseId);
  return ok({ release: release.value, ...loaded });
}

export interface ComponentInput {
  readonly type: ComponentType;
  readonly name: string;
  readonly version: string | null;
  readonly group: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  readonly license: string | null;
  readonly description: string | null;
  readonly supportLevel: string | null;
  readonly endOfSupport: string | null;
}

const purlPattern = /^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\/.+/;
const cpePattern = /^(cpe:2\.3:[aho*-](:[^:\s]+){10}|cpe:\/[aho]:.+)$/;

function componentIssues(input: Partial<ComponentInput>): Issue[] {
  const issues: Issue[] = [];
  if (input.name !== undefined && input.name.trim() === '') issues.push({ path: 'name', message: 'Name must not be empty.' });
  if (input.type !== undefined && !(componentTypes as readonly string[]).includes(input.type))
    issues.push({ path: 'type', message: `Use one of: ${componentTypes.join(', ')}.` });
  if (input.purl && !purlPattern.test(input.purl))
    issues.push({ path: 'purl', message: 'A package URL looks like pkg:type/namespace/name@version.' });
  if (input.cpe && !cpePattern.test(input.cpe))
    issues.push({ path: 'cpe', message: 'A CPE 2.3 name has 13 colon-separated parts: cpe:2.3:part:vendor:product:version:…' });
  if (input.endOfSupport && !isIsoDate(input.endOfSupport))
    issues.push({ path: 'endOfSupport', message: 'Must be a date written YYYY-MM-DD.' });
  return issues;
}

function applyInput(base: Component, input: Partial<ComponentInput>): Component {
  const text = (v: string | null | undefined, fallback: string | null) => (v === undefined ? fallback : v === null || v.trim() === '' ? null : v.trim());
  return {
    ...base,
    type: input.type ?? base.type,
    name: input.name?.trim() ?? base.name,
    version: text(input.version, base.version),
    group: text(input.group, base.group),
    supplier:
      input.supplier === undefined
        ? base.supplier
        : input.supplier === null || input.supplier.trim() === ''
          ? null
          : { name: input.supplier.trim(), url: base.supplier?.url ?? [], contact: base.supplier?.contact ?? [] },
    purl: text(input.purl, base.purl),
    cpe: text(input.cpe, base.cpe),
    licenses:
      input.license === undefined
        ? base.licenses
        : input.license === null || input.license.trim() === ''
          ? []
          : [{ expression: input.license.trim(), name: null, acknowledgement: 'concluded' }],
    description: text(input.description, base.description),
    supportLevel: text(input.supportLevel, base.supportLevel),
    endOfSupport: text(input.endOfSupport, base.endOfSupport),
  };
}

/** Adds a component that no build SBOM covers (commercial OS, RTOS, firmware, OTS software). */
export async function addManualComponent(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  input: ComponentInput,
): Promise<Result<StoredComponent>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues = componentIssues(input);
  if (issues.length > 0) return err('component.invalid', 'The component has invalid fields.', { issues });
  return ctx.store.transaction(async (trx) => {
    const release = await loadWritableRelease(trx, actor, releaseId);
    if (!release.ok) return release;
    const id = ctx.newId();
    const at = nowIso(ctx);
    const component = applyInput(makeComponent({ bomRef: `manual-${id}`, name: input.name.trim() }), input);
    await insertManualComponent(trx, actor.organizationId, releaseId, id, component, at);
    const stored: StoredComponent = { id, releaseId, sbomId: null, origin: 'manual', parentId: null, component, updatedAt: at };
    await recordAudit(ctx, trx, actor, { action: 'component.create', entityType: 'component', entityId: id, after: stored });
    return ok(stored);
  });
}

/**
 * Edits a component. Manual components take every field; components from an SBOM take only the
 * support data (support level, end of support), which mamori adds on top of the supplier's document.
 */
export async function updateComponent(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  patch: Partial<ComponentInput>,
): Promise<Result<StoredComponent>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues = componentIssues(patch);
  if (issues.length > 0) return err('component.invalid', 'The component has invalid fields.', { issues });
  return ctx.store.transaction(async (trx) => {
    const before = await findComponent(trx, actor.organizationId, id);
    if (!before) return err('component.not_found', `No component with id ${id}.`);
    const writable = await loadWritableRelease(trx, actor, before.releaseId);
    if (!writable.ok) return writable;
    if (before.origin === 'sbom') {
      const extra = Object.keys(patch).filter((k) => k !== 'supportLevel' && k !== 'endOfSupport');
      if (extra.length > 0)
        return err('component.not_manual', `Components from an SBOM keep the supplier's data; only supportLevel and endOfSupport can be edited (not ${extra.join(', ')}).`);
    }
    const after: StoredComponent = { ...before, component: applyInput(before.component, patch), updatedAt: nowIso(ctx) };
    await updateComponentRow(trx, actor.organizationId, after, after.updatedAt);
    await recordAudit(ctx, trx, actor, { action: 'component.update', entityType: 'component', entityId: id, before, after });
    return ok(after);
  });
}

export async function deleteManualComponent(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<StoredComponent>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findComponent(trx, actor.organizationId, id);
    if (!before) return err('component.not_found', `No component with id ${id}.`);
    if (before.origin !== 'manual') return err('component.not_manual', 'Only manual components can be removed; upload a new SBOM instead.');
    const writable = await loadWritableRelease(trx, actor, before.releaseId);
    if (!writable.ok) return writable;
    await deleteComponentRow(trx, actor.organizationId, id);
    await recordAudit(ctx, trx, actor, { action: 'component.delete', entityType: 'component', entityId: id, before });
    return ok(before);
  });
}
