/**
 * Vulnerability matching settings per product (migration 0010): CPE matching off, for components
 * without a usable purl (default), or for every component with a CPE. The findings service reads
 * them for every analysis and refresh; a change applies at the next analysis of each release.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import { cpeMatchingModes, defaultCpeMatching, type CpeMatchingMode } from '../core/vulns/finding.js';
import type { Db } from '../store/database.js';
import { findProduct } from '../store/repositories/products.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

export interface VulnSettings {
  readonly productId: string;
  readonly cpeMatching: CpeMatchingMode;
  /** Null while the product uses the defaults. */
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** The CPE matching mode of each given release's product (the default for products without settings). */
export async function cpeModesOfReleases(
  db: Db,
  organizationId: string,
  releaseIds: readonly string[],
): Promise<Map<string, CpeMatchingMode>> {
  const out = new Map<string, CpeMatchingMode>();
  if (releaseIds.length === 0) return out;
  const rows = await db
    .selectFrom('releases')
    .leftJoin('product_vuln_settings', 'product_vuln_settings.product_id', 'releases.product_id')
    .select(['releases.id as releaseId', 'product_vuln_settings.cpe_matching as mode'])
    .where('releases.organization_id', '=', organizationId)
    .where('releases.id', 'in', [...new Set(releaseIds)])
    .execute();
  for (const r of rows) out.set(r.releaseId, r.mode ?? defaultCpeMatching);
  return out;
}

async function read(db: Db, organizationId: string, productId: string): Promise<VulnSettings> {
  const row = await db
    .selectFrom('product_vuln_settings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row
    ? { productId, cpeMatching: row.cpe_matching, updatedAt: row.updated_at, updatedBy: row.updated_by }
    : { productId, cpeMatching: defaultCpeMatching, updatedAt: null, updatedBy: null };
}

const productNotFound = (id: string) =>
  err('product.not_found', `No product with id ${id}.`, { details: { id } });

export async function getVulnSettings(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
): Promise<Result<VulnSettings>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (!(await findProduct(ctx.store.db, actor.organizationId, productId))) return productNotFound(productId);
  return ok(await read(ctx.store.db, actor.organizationId, productId));
}

export async function setVulnSettings(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  input: { readonly cpeMatching: string },
): Promise<Result<VulnSettings>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  if (!(cpeMatchingModes as readonly string[]).includes(input.cpeMatching))
    return err('product.invalid', `cpeMatching must be one of ${cpeMatchingModes.join(', ')}.`, {
      issues: [{ path: 'cpeMatching', message: `One of ${cpeMatchingModes.join(', ')}.` }],
    });
  const mode = input.cpeMatching as CpeMatchingMode;
  return ctx.store.transaction(async (trx) => {
    const product = await findProduct(trx, actor.organizationId, productId);
    if (!product) return productNotFound(productId);
    if (product.archivedAt)
      return err('product.archived', 'Restore the product before changing its settings.');
    const before = await read(trx, actor.organizationId, productId);
    const now = nowIso(ctx);
    const values = { cpe_matching: mode, updated_at: now, updated_by: actor.name };
    if (before.updatedAt === null)
      await trx
        .insertInto('product_vuln_settings')
        .values({ product_id: productId, organization_id: actor.organizationId, ...values })
        .execute();
    else
      await trx
        .updateTable('product_vuln_settings')
        .set(values)
        .where('product_id', '=', productId)
        .execute();
    const after: VulnSettings = { productId, cpeMatching: mode, updatedAt: now, updatedBy: actor.name };
    await recordAudit(ctx, trx, actor, {
      action: 'vuln_settings.update',
      entityType: 'product',
      entityId: productId,
      before,
      after,
    });
    return ok(after);
  });
}
