import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../contract/common.js';
import { PasswordReset, User, UserCreate, UserCreated, UserPatch } from '../../contract/users.js';
import { ok } from '../../core/result.js';
import type { ServiceContext } from '../../services/context.js';
import { createUser, getUser, listUsers, resetUserPassword, updateUser } from '../../services/users.js';
import { OrganizationTokenList, OrganizationTokenQuery, OwnedApiToken } from '../../contract/tokens.js';
import { listOrganizationTokens, revokeOrganizationToken } from '../../services/tokens.js';
import { sendResult } from '../problem.js';

export function userRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['users'];
    app.get(
      '/users',
      { schema: { tags, summary: 'Users of your organisation', querystring: PageQuery, response: { 200: pageOf(User), ...problemResponses } } },
      async (request, reply) => sendResult(reply, await listUsers(ctx, request.auth!.actor, request.query)),
    );
    app.post(
      '/users',
      {
        config: { permission: 'user.write' },
        schema: {
          tags,
          summary: 'Create a user (admin); without a password, a one-time password is returned once',
          body: UserCreate,
          response: { 201: UserCreated, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await createUser(ctx, request.auth!.actor, request.body), 201),
    );
    app.get(
      '/users/:id',
      { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await getUser(ctx, request.auth!.actor, request.params.id)),
    );
    app.patch(
      '/users/:id',
      {
        config: { permission: 'user.write' },
        schema: { tags, summary: 'Change role, name or disable (admin)', params: IdParams, body: UserPatch, response: { 200: User, ...problemResponses } },
      },
      async (request, reply) => sendResult(reply, await updateUser(ctx, request.auth!.actor, request.params.id, request.body)),
    );
    app.post(
      '/users/:id/password-reset',
      {
        config: { permission: 'user.write' },
        schema: { tags, summary: 'Issue a new one-time password (admin)', params: IdParams, response: { 200: PasswordReset, ...problemResponses } },
      },
      async (request, reply) => sendResult(reply, await resetUserPassword(ctx, request.auth!.actor, request.params.id)),
    );
    app.get(
      '/tokens',
      {
        schema: {
          tags,
          summary: "Every API token of your organisation's users, with its owner (admin); never the secret",
          querystring: OrganizationTokenQuery,
          response: { 200: OrganizationTokenList, ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await listOrganizationTokens(ctx, request.auth!.actor, request.query);
        return sendResult(reply, result.ok ? ok({ items: result.value }) : result);
      },
    );
    app.delete(
      '/tokens/:id',
      {
        schema: { tags, summary: "Revoke any user's API token (admin); it stops working at once", params: IdParams, response: { 200: OwnedApiToken, ...problemResponses } },
        config: { permission: 'user.write' },
      },
      async (request, reply) => sendResult(reply, await revokeOrganizationToken(ctx, request.auth!.actor, request.params.id)),
    );
  };
}
