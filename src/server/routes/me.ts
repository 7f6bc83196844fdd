import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, problemResponses } from '../../contract/common.js';
import { ApiToken, TokenCreate, TokenCreated, TokenList } from '../../contract/tokens.js';
import { PasswordChange, ProfilePatch, User } from '../../contract/users.js';
import { changePassword } from '../../services/auth.js';
import type { ServiceContext } from '../../services/context.js';
import { createToken, listTokens, revokeToken } from '../../services/tokens.js';
import { updateOwnProfile } from '../../services/users.js';
import { sendResult } from '../problem.js';

/** The caller's own account: profile (name, language), password, personal API tokens. */
export function meRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['me'];
    app.get('/me', { schema: { tags, summary: 'Your account', response: { 200: User, ...problemResponses } } }, (request) => request.auth!.user);

    app.patch(
      '/me',
      { config: { permission: null }, schema: { tags, summary: 'Change your name or UI language', body: ProfilePatch, response: { 200: User, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, await updateOwnProfile(ctx, request.auth!.actor, request.auth!.user.id, request.body)),
    );

    app.post(
      '/me/password',
      {
        config: { permission: null, allowPendingPasswordChange: true },
        schema: { tags, summary: 'Change your password', body: PasswordChange, response: { 204: z.null(), ...problemResponses } },
      },
      async (request, reply) => {
        const { actor, user, sessionIdHash } = request.auth!;
        const result = await changePassword(
          ctx,
          actor,
          user,
          request.body.currentPassword,
          request.body.newPassword,
          sessionIdHash ?? undefined,
        );
        return result.ok ? reply.code(204).send(null) : sendResult(reply, result);
      },
    );

    app.get(
      '/me/tokens',
      { schema: { tags, summary: 'Your API tokens', response: { 200: TokenList, ...problemResponses } } },
      async (request) => ({ items: await listTokens(ctx, request.auth!.user.id) }),
    );

    app.post(
      '/me/tokens',
      {
        config: { permission: null },
        schema: {
          tags,
          summary: 'Create an API token for the CLI or CI (the secret is returned once)',
          body: TokenCreate,
          response: { 201: TokenCreated, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendResult(reply, await createToken(ctx, request.auth!.actor, request.auth!.user.id, request.body), 201),
    );

    app.delete(
      '/me/tokens/:id',
      { config: { permission: null }, schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: ApiToken, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, await revokeToken(ctx, request.auth!.actor, request.auth!.user.id, request.params.id)),
    );
  };
}
