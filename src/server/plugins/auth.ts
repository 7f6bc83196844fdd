/**
 * Authentication for every route that is not marked `config.public`:
 *  - `Authorization: Bearer mamori_…` or `X-Api-Key: mamori_…` (API tokens, for the CLI and CI), or
 *  - the `mamori_session` cookie (browser), with the CSRF token in `X-CSRF-Token` on every
 *    state-changing request.
 * A state-changing route is then refused (403) to a role without the permission it declares
 * (config.permission), before validation.
 * The default is closed: a route is public only when it says so.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../core/domain/actor.js';
import type { ServiceContext } from '../../services/context.js';
import { authenticateSession, authenticateToken } from '../../services/auth.js';
import { sendProblem } from '../problem.js';

export const sessionCookie = 'mamori_session';

/** The session cookie: HttpOnly, SameSite=Strict, Secure when served over HTTPS, expiring with the session. */
export function sessionCookieOptions(secure: boolean, expiresAt: string) {
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/', expires: new Date(expiresAt) };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (m) return m[1]!;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance, ctx: ServiceContext, options: { cookieSecure: boolean }): void {
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const token = bearer(request);
    if (token !== null) {
      const found = await authenticateToken(ctx, token);
      if (!found) {
        if (config.public) return;
        return sendProblem(reply, { code: 'auth.token_invalid', message: 'The API token is unknown, revoked or expired.' });
      }
      request.auth = { ...found, via: 'token', csrfToken: null, sessionIdHash: null, expiresAt: null };
    } else {
      const cookie = request.cookies[sessionCookie];
      const session = cookie ? await authenticateSession(ctx, cookie) : null;
      if (session?.renewed && cookie) reply.setCookie(sessionCookie, cookie, sessionCookieOptions(options.cookieSecure, session.expiresAt));
      if (session) {
        request.auth = {
          actor: session.actor,
          user: session.user,
          via: 'session',
          csrfToken: session.csrfToken,
          sessionIdHash: session.sessionIdHash,
          expiresAt: session.expiresAt,
        };
      }
    }
    if (config.public) return;
    const auth = request.auth;
    if (!auth) return sendProblem(reply, { code: 'auth.unauthenticated', message: 'Log in or send an API token.' });
    if (auth.via === 'session' && !safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || auth.csrfToken === null || !sameSecret(sent, auth.csrfToken))
        return sendProblem(reply, {
          code: 'auth.csrf_invalid',
          message: 'Missing or wrong X-CSRF-Token header for a request made with the session cookie.',
        });
    }
    // A one-time password blocks the browser session only; an API token was issued deliberately.
    if (auth.via === 'session' && auth.user.mustChangePassword && !config.allowPendingPasswordChange)
      return sendProblem(reply, {
        code: 'auth.password_change_required',
        message: 'Replace your one-time password before doing anything else.',
      });
    // A state-changing route the role may never use is refused here, before its body is read or
    // validated: a read-only account gets 403, not the request schema (the use case checks again).
    if (config.permission) {
      const allowed = authorize(auth.actor, config.permission);
      if (!allowed.ok) return sendProblem(reply, allowed.error);
    }
  });
}
