import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../contract/common.js';
import { Organization, OrganizationPatch } from '../../contract/organizations.js';
import type { ServiceContext } from '../../services/context.js';
import { getOwnOrganization, updateOwnOrganization } from '../../services/organizations.js';
import { sendResult } from '../problem.js';

export function organizationRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organization'];
    app.get(
      '/organization',
      { schema: { tags, summary: 'Your organisation', response: { 200: Organization, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await getOwnOrganization(ctx, request.auth!.actor)),
    );
    app.patch(
      '/organization',
      {
        config: { permission: 'organization.write' },
        schema: { tags, summary: 'Rename your organisation (admin)', body: OrganizationPatch, response: { 200: Organization, ...problemResponses } },
      },
      async (request, reply) => sendResult(reply, await updateOwnOrganization(ctx, request.auth!.actor, request.body)),
    );
  };
}
