import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf, problemResponses } from '../../contract/common.js';
import { Product, ProductCreate, ProductListQuery, ProductPatch } from '../../contract/products.js';
import type { ServiceContext } from '../../services/context.js';
import { createProduct, getProduct, listProducts, setProductArchived, updateProduct } from '../../services/products.js';
import { sendResult } from '../problem.js';

export function productRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['products'];
    const one = { 200: Product, ...problemResponses };
    app.get(
      '/products',
      { schema: { tags, summary: 'List products', querystring: ProductListQuery, response: { 200: pageOf(Product), ...problemResponses } } },
      async (request, reply) => {
        const { limit, offset, archived, q } = request.query;
        return sendResult(reply, await listProducts(ctx, request.auth!.actor, { archived, q }, { limit, offset }));
      },
    );
    app.post(
      '/products',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Create a product', body: ProductCreate, response: { 201: Product, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await createProduct(ctx, request.auth!.actor, request.body), 201),
    );
    app.get(
      '/products/:id',
      { schema: { tags, summary: 'One product', params: IdParams, response: one } },
      async (request, reply) => sendResult(reply, await getProduct(ctx, request.auth!.actor, request.params.id)),
    );
    app.patch(
      '/products/:id',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Update a product', params: IdParams, body: ProductPatch, response: one } },
      async (request, reply) =>
        sendResult(reply, await updateProduct(ctx, request.auth!.actor, request.params.id, request.body)),
    );
    app.post(
      '/products/:id/archive',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Archive a product (hidden from lists, kept)', params: IdParams, response: one } },
      async (request, reply) =>
        sendResult(reply, await setProductArchived(ctx, request.auth!.actor, request.params.id, true)),
    );
    app.post(
      '/products/:id/restore',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Restore an archived product', params: IdParams, response: one } },
      async (request, reply) =>
        sendResult(reply, await setProductArchived(ctx, request.auth!.actor, request.params.id, false)),
    );
  };
}
