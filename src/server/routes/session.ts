import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../contract/common.js';
import { LoginRequest, Session } from '../../contract/session.js';
import { login, logout } from '../../services/auth.js';
import type { ServiceContext } from '../../services/context.js';
import { getOwnOrganization } from '../../services/organizations.js';
import { sessionCookie, sessionCookieOptions } from '../plugins/auth.js';
import { sendProblem } from '../problem.js';
import type { RequestAuth } from '../types.js';

export interface SessionRouteOptions {
  readonly cookieSecure: boolean;
  readonly loginAttemptsPerMinute: number;
}

export function sessionRoutes(ctx: ServiceContext, options: SessionRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    async function sessionBody(auth: RequestAuth) {
      const org = await getOwnOrganization(ctx, auth.actor);
      if (!org.ok) return org;
      return {
        ok: true as const,
        value: {
          user: auth.user,
          organization: org.value,
          csrfToken: auth.csrfToken,
          expiresAt: auth.expiresAt,
          via: auth.via,
        },
      };
    }

    app.post(
      '/session',
      {
        config: {
          public: true,
          rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['session'],
          summary: 'Log in with email and password; sets the session cookie',
          security: [],
          body: LoginRequest,
          response: { 200: Session, ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, request.body.email, request.body.password);
        if (!result.ok) return sendProblem(reply, result.error);
        const { sessionToken, csrfToken, expiresAt, user } = result.value;
        reply.setCookie(sessionCookie, sessionToken, sessionCookieOptions(options.cookieSecure, expiresAt));
        const body = await sessionBody({
          actor: { userId: user.id, organizationId: user.organizationId, role: user.role, name: user.email, via: 'session' },
          user,
          via: 'session',
          csrfToken,
          sessionIdHash: null,
          expiresAt,
        });
        if (!body.ok) return sendProblem(reply, body.error);
        return body.value;
      },
    );

    app.get(
      '/session',
      {
        config: { allowPendingPasswordChange: true },
        schema: {
          tags: ['session'],
          summary: 'Who is logged in, and the CSRF token for this session',
          response: { 200: Session, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = await sessionBody(request.auth!);
        return body.ok ? body.value : sendProblem(reply, body.error);
      },
    );

    app.delete(
      '/session',
      {
        config: { permission: null, allowPendingPasswordChange: true },
        schema: { tags: ['session'], summary: 'Log out', response: { 204: z.null(), ...problemResponses } },
      },
      async (request, reply) => {
        const auth = request.auth!;
        if (auth.via === 'session') {
          await logout(ctx, {
            actor: auth.actor,
            user: auth.user,
            csrfToken: auth.csrfToken ?? '',
            sessionIdHash: auth.sessionIdHash!,
            expiresAt: auth.expiresAt ?? '',
          });
        }
        reply.clearCookie(sessionCookie, { path: '/' });
        return reply.code(204).send(null);
      },
    );
  };
}
