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
import { cpeIssue, purlIssue } from '../core/sbom/identifier-issues.js';
import { licenseFromText } from '../core/sbom/license-text.js';
import { component as makeComponent, componentTypes, type Component, type ComponentType, type SbomDocument } from '../core/sbom/model.js';
import { documentStream, readSbom, readSbomStream, SbomRefused, type SbomReadFailure } from '../sbom/read/index.js';
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
  primaryComponentRows,
  updateComponentRow,
  type ComponentFilter,
  type FlatComponent,
  type SbomRecord,
  type StoredComponent,
} from '../store/repositories/sboms.js';
import { insertBlobWhilePacking, readBlob, startPacking } from '../store/repositories/blobs.js';
import { nowIso, type ServiceContext } from './context.js';
import { flatStream, flatStreamResult, readSbomOffThread, type FlatSbomStream } from './sbom-read-offload.js';
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
  return readUpload(upload, limits);
}

function readUpload(upload: SbomUpload, limits: SbomLimits): Result<CheckedSbom> {
  const read = readSbom(upload.bytes, { limits, fileName: upload.fileName });
  if (!read.ok) return refusal(read);
  return withoutErrors(read.document, read.diagnostics);
}

/** A document read whole is refused when a diagnostic is an error. */
function withoutErrors(document: SbomDocument, diagnostics: SbomDiagnostic[]): Result<CheckedSbom> {
  return errorRefusal(diagnostics) ?? ok({ document, diagnostics });
}

function errorRefusal(diagnostics: readonly SbomDiagnostic[]): Result<never> | null {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  return err('sbom.invalid', `The SBOM has ${errors.length} error(s); nothing was stored.`, {
    issues: diagnosticIssues(errors),
    details: { diagnostics: diagnostics.slice(0, 200) },
  });
}

function refusal(read: SbomReadFailure): Result<never> {
  return err(read.code, read.message, { issues: diagnosticIssues(read.diagnostics), details: { diagnostics: read.diagnostics.slice(0, 200) } });
}

/** Identity used to carry support data from one SBOM of a release to the next. */
function supportKey(c: { purl: string | null; group: string | null; name: string; version: string | null }): string {
  return c.purl ?? `${c.group ?? ''}/${c.name}@${c.version ?? ''}`;
}

/**
 * Support level and end of support that the previous SBOM of the release had (from its document or
 * entered in mamori) are kept for the same components when the new document says nothing: the
 * returned function applies that to a component as it is stored.
 */
async function supportCarriedForward(db: Db, actor: Actor, releaseId: string): Promise<(c: FlatComponent) => FlatComponent> {
  const same = (c: FlatComponent) => c;
  const previous = await currentSbom(db, actor.organizationId, releaseId);
  if (!previous) return same;
  const rows = await db
    .selectFrom('components')
    .select(['purl', 'group_name', 'name', 'version', 'support_level', 'end_of_support'])
    .where('sbom_id', '=', previous.id)
    .where((eb) => eb.or([eb('support_level', 'is not', null), eb('end_of_support', 'is not', null)]))
    .execute();
  if (rows.length === 0) return same;
  const known = new Map(rows.map((r) => [supportKey({ purl: r.purl, group: r.group_name, name: r.name, version: r.version }), r]));
  return (c) => {
    const [, , , name, version, group, , purl, , , supportLevel, endOfSupport] = c;
    const old = supportLevel === null || endOfSupport === null ? known.get(supportKey({ purl, group, name, version })) : undefined;
    if (!old) return c;
    const patched = [...c] as [...FlatComponent];
    patched[10] = supportLevel ?? old.support_level;
    patched[11] = endOfSupport ?? old.end_of_support;
    return patched;
  };
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
  // A CycloneDX JSON document is mapped component by component as the rows are handed to the
  // database, and its official schema check runs after the last one has been handed over, while the
  // server is still storing them (ADR 0007 addenda 2, 3 and 5). If it is refused then, the
  // transaction rolls back and the refusal is the same as checkSbom's. A large document is read on
  // the reader thread meanwhile (ADR 0007 addendum 7).
  const options = { limits, fileName: upload.fileName };
  // The reader thread starts first; the digest below is taken while it reads.
  const offThread = !checked && upload.bytes.byteLength >= ctx.sbomReaderThreadMinBytes ? readSbomOffThread(upload.bytes, options) : null;
  // The original's compression runs on the thread pool while the document is read and its components
  // are stored here; its content is written last.
  const packing = startPacking(upload.bytes);
  let stream: FlatSbomStream;
  if (checked) stream = flatStream(documentStream(checked.document, checked.diagnostics));
  else {
    const read = (offThread && (await offThread)) ?? flatStreamResult(readSbomStream(upload.bytes, options));
    if (!read.ok) return refusal(read);
    stream = read.stream;
    // A document read whole is refused here when a diagnostic is an error (as checkSbom does); a
    // streamed one has no error yet (it would have been refused) and is checked at its end.
    const refused = errorRefusal(stream.diagnostics);
    if (refused) {
      stream.close();
      return refused;
    }
  }
  const at = nowIso(ctx);
  const stored = ctx.store.transaction(async (trx) => {
    const patch = await supportCarriedForward(trx, actor, releaseId);
    const { format, specVersion, encoding, metadata } = stream.head;
    const record: SbomRecord = {
      id: ctx.newId(),
      releaseId,
      format,
      specVersion,
      encoding,
      fileName: upload.fileName,
      sha256: packing.sha256,
      sizeBytes: upload.bytes.byteLength,
      source: upload.source,
      serialNumber: metadata.serialNumber,
      bomVersion: metadata.version,
      documentTimestamp: metadata.timestamp,
      metadata,
      // Completed by insertSbomWithComponents once every component has been read.
      diagnostics: [],
      componentCount: 0,
      dependencyCount: 0,
      createdAt: at,
      createdBy: actor.name,
    };
    const storeOriginal = await insertBlobWhilePacking(trx, packing, at);
    const done = await insertSbomWithComponents(trx, ctx.store, actor.organizationId, record, {
      primary: primaryComponentRows(metadata).map(patch),
      components: mapIterable(stream.components(), patch),
      dependencies: () => stream.dependencies(),
      finish: () => stream.finish(),
      diagnostics: () => stream.diagnostics,
    }, ctx.newId);
    await storeOriginal();
    const { metadata: _m, diagnostics: _d, ...summary } = done;
    await recordAudit(ctx, trx, actor, { action: 'sbom.upload', entityType: 'sbom', entityId: done.id, after: summary });
    return ok(done);
  });
  try {
    return await stored;
  } catch (e) {
    if (e instanceof SbomRefused) return refusal(e.failure);
    throw e;
  } finally {
    stream.close();
  }
}

function* mapIterable<T>(items: Iterable<T>, f: (item: T) => T): Generator<T> {
  for (const item of items) yield f(item);
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
): Promise<Result<{ release: Release; sbom: SbomRecord | undefined; document: SbomDocument; manualRefs: string[] }>> {
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

function componentIssues(input: Partial<ComponentInput>): Issue[] {
  const issues: Issue[] = [];
  if (input.name !== undefined && input.name.trim() === '') issues.push({ path: 'name', message: 'Name must not be empty.' });
  if (input.type !== undefined && !(componentTypes as readonly string[]).includes(input.type))
    issues.push({ path: 'type', message: `Use one of: ${componentTypes.join(', ')}.` });
  // The quality check's rules (core/sbom/identifier-issues.ts), on the text as it is stored (trimmed).
  const purl = input.purl?.trim();
  const purlProblem = purl ? purlIssue(purl) : null;
  if (purlProblem) issues.push(purlProblem);
  const cpe = input.cpe?.trim();
  const cpeProblem = cpe ? cpeIssue(cpe) : null;
  if (cpeProblem) issues.push(cpeProblem);
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
          : // An SPDX expression stays one; other text is the licence's name (core/sbom/license-text.ts).
            [licenseFromText(input.license, 'concluded')],
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
    const stored: StoredComponent = { id, releaseId, sbomId: null, origin: 'manual', primary: false, parentId: null, component, updatedAt: at };
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
