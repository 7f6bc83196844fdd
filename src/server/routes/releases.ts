import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf, problemResponses } from '../../contract/common.js';
import { Release, ReleaseCreate, ReleaseListQuery, ReleasePatch } from '../../contract/releases.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createRelease,
  getRelease,
  listReleases,
  setReleaseArchived,
  updateRelease,
} from '../../services/releases.js';
import { sendResult } from '../problem.js';

export function releaseRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['releases'];
    const one = { 200: Release, ...problemResponses };
    app.get(
      '/products/:id/releases',
      {
        schema: { tags, summary: 'Releases of a product, newest first', params: IdParams, querystring: ReleaseListQuery, response: { 200: pageOf(Release), ...problemResponses } },
      },
      async (request, reply) => {
        const { limit, offset, archived } = request.query;
        return sendResult(
          reply,
          await listReleases(ctx, request.auth!.actor, request.params.id, { archived }, { limit, offset }),
        );
      },
    );
    app.post(
      '/products/:id/releases',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Create a release', params: IdParams, body: ReleaseCreate, response: { 201: Release, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, await createRelease(ctx, request.auth!.actor, request.params.id, request.body), 201),
    );
    app.get(
      '/releases/:id',
      { schema: { tags, summary: 'One release', params: IdParams, response: one } },
      async (request, reply) => sendResult(reply, await getRelease(ctx, request.auth!.actor, request.params.id)),
    );
    app.patch(
      '/releases/:id',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Update a release', params: IdParams, body: ReleasePatch, response: one } },
      async (request, reply) =>
        sendResult(reply, await updateRelease(ctx, request.auth!.actor, request.params.id, request.body)),
    );
    app.post(
      '/releases/:id/archive',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Archive a release', params: IdParams, response: one } },
      async (request, reply) =>
        sendResult(reply, await setReleaseArchived(ctx, request.auth!.actor, request.params.id, true)),
    );
    app.post(
      '/releases/:id/restore',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Restore an archived release', params: IdParams, response: one } },
      async (request, reply) =>
        sendResult(reply, await setReleaseArchived(ctx, request.auth!.actor, request.params.id, false)),
    );
  };
}
