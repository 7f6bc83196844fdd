/**
 * What is derived from a release's inventory: the quality report against a profile, the diff
 * between two releases, and exports in the standard formats (full or hospital-facing).
 */
import type { Actor } from '../core/domain/actor.js';
import { fileNamePart } from '../core/file-name.js';
import { err, ok, type Result } from '../core/result.js';
import { diffSbom, type SbomDiff } from '../core/sbom/diff.js';
import type { QualityProfileId } from '../core/sbom/quality/check.js';
import { evaluateQuality } from '../core/sbom/quality/evaluate-quality.js';
import type { SbomDocument } from '../core/sbom/model.js';
import type { QualityReport } from '../core/sbom/quality/quality-report.js';
import { writeSbom, type ReleaseSubject, type SbomTarget } from '../sbom/write/index.js';
import { findProduct } from '../store/repositories/products.js';
import { derivedSerialNumber } from '../sbom/write/serial-number.js';
import { version } from '../version.js';
import { nowIso, type ServiceContext } from './context.js';
import { releaseDocument } from './sboms.js';

export async function releaseQuality(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  profile: QualityProfileId,
): Promise<Result<QualityReport>> {
  const loaded = await releaseDocument(ctx, actor, releaseId);
  if (!loaded.ok) return loaded;
  if (!loaded.value.sbom && loaded.value.document.components.length === 0)
    return err('sbom.none', 'This release has no SBOM and no manual components yet.');
  // Vulnerability assessments (VEX) and signatures are not tracked yet: the checks that need them
  // report "context.missing" rather than guessing. The clock tells a timestamp in the future.
  return ok(evaluateQuality(loaded.value.document, profile, { now: nowIso(ctx) }));
}

export async function diffReleases(
  ctx: ServiceContext,
  actor: Actor,
  olderReleaseId: string,
  newerReleaseId: string,
): Promise<Result<SbomDiff>> {
  const older = await releaseDocument(ctx, actor, olderReleaseId);
  if (!older.ok) return older;
  const newer = await releaseDocument(ctx, actor, newerReleaseId);
  if (!newer.ok) return newer;
  return ok(diffSbom(older.value.document, newer.value.document));
}


export interface ExportOptions {
  readonly target: SbomTarget;
  readonly variant: 'full' | 'hospital';
  readonly serialNumber?: string | undefined;
  readonly timestamp?: string | undefined;
}

export async function exportRelease(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  options: ExportOptions,
): Promise<Result<{ text: string; fileName: string }>> {
  const loaded = await releaseDocument(ctx, actor, releaseId);
  if (!loaded.ok) return loaded;
  const { release, sbom, document, manualRefs } = loaded.value;
  if (!sbom && document.components.length === 0) return err('sbom.none', 'This release has no SBOM and no manual components yet.');
  const product = await findProduct(ctx.store.db, actor.organizationId, release.productId);
  if (!product) return err('product.not_found', 'Product not found.');
  // The document describes the product release, not the uploaded SBOM's root (kept as a component):
  // a device is a CycloneDX `device`, SaMD an `application` (sbom/write/subject.ts).
  const subject: ReleaseSubject = {
    bomRef: `mamori:release:${release.id}`,
    type: product.isSamd ? 'application' : 'device',
    name: product.name,
    version: release.version,
    manufacturer: product.manufacturer,
    dependsOn: manualRefs,
    // The device's own life-cycle dates and model numbers, as every component's support data.
    endOfSupport: release.endOfSupport,
    endOfLife: release.endOfLife,
    releaseDate: release.releaseDate,
    modelNumbers: product.modelNumbers,
  };
  // The serial number identifies this document: the release, the SBOM it comes from, the variant,
  // the subject (product name, manufacturer, device/SaMD, release version and dates, model numbers, manual parts) and the whole
  // inventory as it is exported (every field of every component, the dependency graph, the document
  // metadata). The same inventory and variant export with the same serial number; any edit, or the
  // other variant, gives another one. JSON.stringify is enough: the same stored rows rebuild the same
  // objects with their keys in the same order (canonicalJson, which would not need that, took
  // 1.2–1.5 s against 0.25 s for 50,000 components).
  const serialNumber =
    options.serialNumber ?? derivedSerialNumber(JSON.stringify([release.id, sbom?.id ?? null, options.variant, subject, document]));
  // A derived serial number names this content alone, so the document is version 1 of it (CycloneDX
  // `version`; a changed inventory gets a new serial number, not a new version). A caller that names
  // the serial number (the API's `serialNumber`, a VEX embedded into the uploaded SBOM's serial) keeps
  // the uploaded document's version.
  const exported: SbomDocument = options.serialNumber === undefined ? { ...document, metadata: { ...document.metadata, version: 1 } } : document;
  const timestamp = options.timestamp ?? ctx.clock().toISOString();
  let text: string;
  try {
    text = writeSbom(exported, options.target, { serialNumber, timestamp, variant: options.variant, tool: { name: 'mamori', version }, subject });
  } catch (e) {
    if (e instanceof RangeError) return err('request.invalid', e.message);
    throw e;
  }
  const extension = options.target.endsWith('xml') ? 'xml' : 'json';
  const kind = options.target.startsWith('spdx') ? 'spdx' : 'cdx';
  // sbom-<product>-<version>[-hospital], readable in the language the names were typed in (as vex-…).
  const base = ['sbom', product.name, release.version, ...(options.variant === 'hospital' ? ['hospital'] : [])].map(fileNamePart).join('-');
  return ok({ text, fileName: `${base}.${kind}.${extension}` });
}
