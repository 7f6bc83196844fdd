/** Releases of a product: create, read, list, update, archive and restore. Every write is audited. */
import { authorize, type Actor } from '../core/domain/actor.js';
import {
  normalizeReleaseInput,
  releaseIssues,
  type Release,
  type ReleaseInput,
} from '../core/domain/release.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { isUniqueViolation } from '../store/connect.js';
import type { Db } from '../store/database.js';
import { findProduct, type ArchivedFilter } from '../store/repositories/products.js';
import {
  findRelease,
  insertRelease,
  listReleases as listReleaseRows,
  updateRelease as updateReleaseRow,
} from '../store/repositories/releases.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

function invalid(input: ReleaseInput): Result<never> | null {
  const issues = releaseIssues(input);
  return issues.length > 0 ? err('release.invalid', 'The release has invalid fields.', { issues }) : null;
}

function versionTaken(version: string): Result<never> {
  return err('release.version_taken', `This product already has a release "${version}" (it may be archived).`, {
    issues: [{ path: 'version', message: 'This product already has a release with this version.' }],
  });
}

function productNotFound(id: string): Result<never> {
  return err('product.not_found', `No product with id ${id}.`, { details: { id } });
}

function releaseNotFound(id: string): Result<never> {
  return err('release.not_found', `No release with id ${id}.`, { details: { id } });
}

export async function createRelease(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  raw: ReleaseInput,
): Promise<Result<Release>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const input = normalizeReleaseInput(raw);
  const bad = invalid(input);
  if (bad) return bad;
  try {
    return await ctx.store.transaction(async (trx) => {
      const product = await findProduct(trx, actor.organizationId, productId);
      if (!product) return productNotFound(productId);
      if (product.archivedAt) return err('product.archived', 'Restore the product before adding releases.');
      const at = nowIso(ctx);
      const release: Release = { ...input, id: ctx.newId(), productId, createdAt: at, updatedAt: at, archivedAt: null };
      await insertRelease(trx, actor.organizationId, release);
      await recordAudit(ctx, trx, actor, {
        action: 'release.create',
        entityType: 'release',
        entityId: release.id,
        after: release,
      });
      return ok(release);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return versionTaken(input.version);
    throw e;
  }
}

export async function getRelease(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<Release>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const release = await findRelease(ctx.store.db, actor.organizationId, id);
  return release ? ok(release) : releaseNotFound(id);
}

export async function listReleases(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  filter: { archived: ArchivedFilter },
  page: PageRequest,
): Promise<Result<Page<Release>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await findProduct(ctx.store.db, actor.organizationId, productId);
  if (!product) return productNotFound(productId);
  return ok(await listReleaseRows(ctx.store.db, actor.organizationId, productId, filter, page));
}

async function loadForWrite(trx: Db, actor: Actor, id: string): Promise<Result<Release>> {
  const release = await findRelease(trx, actor.organizationId, id);
  return release ? ok(release) : releaseNotFound(id);
}

export async function updateRelease(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  patch: Partial<ReleaseInput>,
): Promise<Result<Release>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  try {
    return await ctx.store.transaction(async (trx) => {
      const loaded = await loadForWrite(trx, actor, id);
      if (!loaded.ok) return loaded;
      const before = loaded.value;
      if (before.archivedAt) return err('release.archived', 'Restore the release before editing it.');
      const product = await findProduct(trx, actor.organizationId, before.productId);
      if (product?.archivedAt) return err('product.archived', 'Restore the product before editing its releases.');
      const input = normalizeReleaseInput({ ...before, ...patch });
      const bad = invalid(input);
      if (bad) return bad;
      const after: Release = { ...before, ...input, updatedAt: nowIso(ctx) };
      await updateReleaseRow(trx, actor.organizationId, after);
      await recordAudit(ctx, trx, actor, { action: 'release.update', entityType: 'release', entityId: id, before, after });
      return ok(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return versionTaken(patch.version ?? '');
    throw e;
  }
}

export async function setReleaseArchived(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  archived: boolean,
): Promise<Result<Release>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const loaded = await loadForWrite(trx, actor, id);
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    if ((before.archivedAt !== null) === archived) return ok(before);
    const product = await findProduct(trx, actor.organizationId, before.productId);
    if (product?.archivedAt) return err('product.archived', 'Restore the product before changing its releases.');
    const at = nowIso(ctx);
    const after: Release = { ...before, archivedAt: archived ? at : null, updatedAt: at };
    await updateReleaseRow(trx, actor.organizationId, after);
    await recordAudit(ctx, trx, actor, {
      action: archived ? 'release.archive' : 'release.restore',
      entityType: 'release',
      entityId: id,
      before,
      after,
    });
    return ok(after);
  });
}
