/** Products: create, read, list, update, archive and restore. Every write is audited. */
import { authorize, type Actor } from '../core/domain/actor.js';
import {
  normalizeProductInput,
  productIssues,
  type Product,
  type ProductInput,
} from '../core/domain/product.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { isUniqueViolation } from '../store/connect.js';
import {
  findProduct,
  insertProduct,
  listProducts as listProductRows,
  updateProduct as updateProductRow,
  type ProductFilter,
} from '../store/repositories/products.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

function invalid(input: ProductInput): Result<never> | null {
  const issues = productIssues(input);
  return issues.length > 0 ? err('product.invalid', 'The product has invalid fields.', { issues }) : null;
}

function nameTaken(name: string): Result<never> {
  return err('product.name_taken', `A product named "${name}" already exists (it may be archived).`, {
    issues: [{ path: 'name', message: 'A product with this name already exists.' }],
  });
}

export async function createProduct(ctx: ServiceContext, actor: Actor, raw: ProductInput): Promise<Result<Product>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const input = normalizeProductInput(raw);
  const bad = invalid(input);
  if (bad) return bad;
  const at = nowIso(ctx);
  const product: Product = {
    ...input,
    id: ctx.newId(),
    organizationId: actor.organizationId,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
  };
  try {
    await ctx.store.transaction(async (trx) => {
      await insertProduct(trx, product);
      await recordAudit(ctx, trx, actor, {
        action: 'product.create',
        entityType: 'product',
        entityId: product.id,
        after: product,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return nameTaken(input.name);
    throw e;
  }
  return ok(product);
}

export async function getProduct(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<Product>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const product = await findProduct(ctx.store.db, actor.organizationId, id);
  return product ? ok(product) : err('product.not_found', `No product with id ${id}.`, { details: { id } });
}

export async function listProducts(
  ctx: ServiceContext,
  actor: Actor,
  filter: ProductFilter,
  page: PageRequest,
): Promise<Result<Page<Product>>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  return ok(await listProductRows(ctx.store.db, actor.organizationId, filter, page));
}

export async function updateProduct(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  patch: Partial<ProductInput>,
): Promise<Result<Product>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  try {
    return await ctx.store.transaction(async (trx) => {
      const before = await findProduct(trx, actor.organizationId, id);
      if (!before) return err('product.not_found', `No product with id ${id}.`, { details: { id } });
      if (before.archivedAt) return err('product.archived', 'Restore the product before editing it.');
      const input = normalizeProductInput({ ...before, ...patch });
      const bad = invalid(input);
      if (bad) return bad;
      const after: Product = { ...before, ...input, updatedAt: nowIso(ctx) };
      await updateProductRow(trx, after);
      await recordAudit(ctx, trx, actor, { action: 'product.update', entityType: 'product', entityId: id, before, after });
      return ok(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return nameTaken(patch.name ?? '');
    throw e;
  }
}

/** Archiving hides a product from the working lists; nothing is deleted, and it can be restored. */
export async function setProductArchived(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  archived: boolean,
): Promise<Result<Product>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findProduct(trx, actor.organizationId, id);
    if (!before) return err('product.not_found', `No product with id ${id}.`, { details: { id } });
    if ((before.archivedAt !== null) === archived) return ok(before);
    const at = nowIso(ctx);
    const after: Product = { ...before, archivedAt: archived ? at : null, updatedAt: at };
    await updateProductRow(trx, after);
    await recordAudit(ctx, trx, actor, {
      action: archived ? 'product.archive' : 'product.restore',
      entityType: 'product',
      entityId: id,
      before,
      after,
    });
    return ok(after);
  });
}
