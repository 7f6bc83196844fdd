/**
 * Gathers a product's security context, current threat model, risk register and traceability matrix
 * through the threat services (same authorisation and errors) and renders the security risk report.
 */
import type { Actor } from '../../core/domain/actor.js';
import { fileNamePart } from '../../core/file-name.js';
import { err, ok, type Result } from '../../core/result.js';
import { nowIso, type ServiceContext } from '../../services/context.js';
import { authorOf } from '../../services/compliance.js';
import { getCurrentThreatModel, getRiskRegister, getSecurityContext, getTraceability } from '../../services/threats.js';
import { findOrganization } from '../../store/repositories/organizations.js';
import { findProduct } from '../../store/repositories/products.js';
import { PdfRendererMissing } from '../compliance/pdf.js';
import { renderThreatReport, type ThreatReportFile, type ThreatReportOptions } from './index.js';
import type { ThreatReportData } from './model.js';

export async function threatReportData(ctx: ServiceContext, actor: Actor, productId: string): Promise<Result<ThreatReportData>> {
  const context = await getSecurityContext(ctx, actor, productId); // authorises and checks the product
  if (!context.ok) return context;
  const version = await getCurrentThreatModel(ctx, actor, productId);
  if (!version.ok) return version;
  const register = await getRiskRegister(ctx, actor, productId);
  if (!register.ok) return register;
  const trace = await getTraceability(ctx, actor, productId);
  if (!trace.ok) return trace;
  const product = await findProduct(ctx.store.db, actor.organizationId, productId);
  if (!product) return err('product.not_found', `No product with id ${productId}.`, { details: { id: productId } });
  const org = await findOrganization(ctx.store.db, actor.organizationId);
  return ok({
    organization: { id: actor.organizationId, name: org?.name ?? '' },
    product,
    context: context.value.context,
    version: version.value,
    register: register.value,
    matrix: trace.value.matrix,
    generatedAt: nowIso(ctx),
    generatedBy: await authorOf(ctx.store.db, actor),
  });
}

/** The security risk report of a product as a file; the file name says what, for which product and when. */
export async function exportThreatReport(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  options: ThreatReportOptions,
): Promise<Result<ThreatReportFile & { fileName: string }>> {
  const data = await threatReportData(ctx, actor, productId);
  if (!data.ok) return data;
  try {
    const file = await renderThreatReport(data.value, options);
    const subject = fileNamePart(data.value.product.name);
    const what = options.format === 'csv' ? (options.part === 'trace' ? 'traceability' : 'risk-register') : 'security-risk-report';
    return ok({ ...file, fileName: `${what}-${subject}-${data.value.generatedAt.slice(0, 10)}.${options.lang}.${file.extension}` });
  } catch (e) {
    if (e instanceof PdfRendererMissing) return err('internal.error', e.message, { withoutServerPaths: { message: e.withoutPath } });
    throw e;
  }
}
