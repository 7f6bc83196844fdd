import type { Product } from '../../core/domain/product.js';
import type { ServiceContext } from '../../services/context.js';
import { findProduct, findProductNamed } from '../../store/repositories/products.js';
import { CliFailure, exitCodes } from '../exit-codes.js';

/**
 * The product named by `--product` in the organisation, for commands that work on the local store:
 * its id, its exact name, or its name written in another width or case ("ｐｕｍｐ" for "Pump").
 */
export async function resolveLocalProduct(ctx: ServiceContext, organizationId: string, ref: string): Promise<Product> {
  const product = (await findProduct(ctx.store.db, organizationId, ref)) ?? (await findProductNamed(ctx.store.db, organizationId, ref));
  if (product === 'several') throw new CliFailure(`Several products are named "${ref}"; use the id.`, exitCodes.usage);
  if (!product) throw new CliFailure(`No product "${ref}" (give its id or name).`, exitCodes.usage);
  return product;
}
