/**
 * The FDA support table of a release (core/sbom/support-status.ts): every component of its current
 * inventory (the current SBOM's, the primary and nested ones included, and the manual ones) with its
 * level of support, end-of-support date and status, as data and as a CSV, HTML or PDF document in
 * Japanese or English. FDA's premarket guidance (§V.A.4(b)) allows this information "in an addendum"
 * to the machine-readable SBOM, which mamori exports as CycloneDX and SPDX (sbom-reports.ts).
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { isIsoDate } from '../core/domain/release.js';
import { fileNamePart } from '../core/file-name.js';
import { err, ok, type Result } from '../core/result.js';
import { supportTable, type SupportComponent } from '../core/sbom/support-status.js';
import type { ReportLanguage } from '../reports/compliance/labels.js';
import { PdfRendererMissing } from '../reports/compliance/pdf.js';
import { renderSupportReport, type SupportReportFile, type SupportReportFormat } from '../reports/support/index.js';
import type { SupportReportData } from '../reports/support/model.js';
import { findOrganization } from '../store/repositories/organizations.js';
import { findProduct } from '../store/repositories/products.js';
import { findRelease } from '../store/repositories/releases.js';
import { currentSbom, listWholeInventory } from '../store/repositories/sboms.js';
import { authorOf } from './compliance.js';
import { nowIso, type ServiceContext } from './context.js';

export interface SupportOptions {
  /** The date the status column is decided for (YYYY-MM-DD); the day of the request (UTC) when absent. */
  readonly asOf?: string | undefined;
}

/** The table and what the documents say about the release it is for. */
export async function releaseSupport(ctx: ServiceContext, actor: Actor, releaseId: string, options: SupportOptions = {}): Promise<Result<SupportReportData>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) return err('request.invalid', 'asOf must be a date written YYYY-MM-DD.', { issues: [{ path: 'asOf', message: 'Must be a date written YYYY-MM-DD.' }] });
  const db = ctx.store.db;
  const release = await findRelease(db, actor.organizationId, releaseId);
  if (!release) return err('release.not_found', `No release with id ${releaseId}.`, { details: { id: releaseId } });
  const product = await findProduct(db, actor.organizationId, release.productId);
  if (!product) return err('product.not_found', 'Product not found.');
  const [sbom, stored, org] = [await currentSbom(db, actor.organizationId, releaseId), await listWholeInventory(db, actor.organizationId, releaseId), await findOrganization(db, actor.organizationId)];
  const components: SupportComponent[] = stored.map(({ component: c, origin, primary }) => ({
    name: c.name,
    group: c.group,
    version: c.version,
    supplier: c.supplier?.name ?? null,
    purl: c.purl,
    cpe: c.cpe,
    supportLevel: c.supportLevel,
    endOfSupport: c.endOfSupport,
    origin: origin === 'manual' ? 'manual' : primary ? 'primary' : 'sbom',
  }));
  const generatedAt = nowIso(ctx);
  return ok({
    organization: { name: org?.name ?? '' },
    product: { id: product.id, name: product.name, manufacturer: product.manufacturer, modelNumbers: product.modelNumbers },
    release: { id: release.id, version: release.version, releaseDate: release.releaseDate, endOfSupport: release.endOfSupport },
    sbom: sbom ? { id: sbom.id, fileName: sbom.fileName, sha256: sbom.sha256 } : null,
    table: supportTable(components, options.asOf ?? generatedAt.slice(0, 10)),
    generatedAt,
    generatedBy: await authorOf(db, actor),
  });
}

/** The table as a file named component-support-<product>-<version>.<lang>.<csv|html|pdf>. */
export async function exportReleaseSupport(
  ctx: ServiceContext,
  actor: Actor,
  releaseId: string,
  options: SupportOptions & { format: SupportReportFormat; lang: ReportLanguage; chromiumPath?: string | undefined },
): Promise<Result<SupportReportFile & { fileName: string }>> {
  const data = await releaseSupport(ctx, actor, releaseId, options);
  if (!data.ok) return data;
  try {
    const file = await renderSupportReport(data.value, options);
    const base = ['component-support', data.value.product.name, data.value.release.version].map(fileNamePart).join('-');
    return ok({ ...file, fileName: `${base}.${options.lang}.${file.extension}` });
  } catch (e) {
    if (e instanceof PdfRendererMissing) return err('internal.error', e.message, { withoutServerPaths: { message: e.withoutPath } });
    throw e;
  }
}
